"""Comparing the nine tables of two Reports cell for cell (import round trips)."""
from __future__ import annotations

from juesuan.model.report import CodedTable, EconTable, FixedTable, Report, SingleRowTable


def table_content(table) -> object:
    if isinstance(table, FixedTable):
        return table.variant, {k: v for k, v in table.values.items() if v != 0}
    if isinstance(table, CodedTable):
        return ({k: v for k, v in table.total.items() if v != 0},
                [(r.code, r.name, {k: v for k, v in r.values.items() if v != 0}) for r in table.rows])
    if isinstance(table, EconTable):
        return ({k: v for k, v in table.values.items() if v != 0}, table.personnel_total, table.public_total)
    if isinstance(table, SingleRowTable):
        return {k: v for k, v in table.values.items() if v != 0}
    raise TypeError(table)


def table_differences(expected: Report, actual: Report) -> list[str]:
    out = []
    for tid, table in expected.tables.items():
        a, b = table_content(table), table_content(actual.tables[tid])
        if a != b:
            out.append(f"{tid}: expected {a!r}\n     got {b!r}")
    return out


def as_printed(report: Report) -> Report:
    """The report's nine tables as the Word report prints them (names filled in, 类/款 rows
    added by render.public_tables): what an import of the printed report must give back."""
    from juesuan.render.public_tables import display_table
    out = Report(tables=dict(report.tables), supp=report.supp)
    for tid, table in report.tables.items():
        if isinstance(table, CodedTable):
            out.tables[tid] = display_table(report, table)
    return out


def render_all(folder, pdf: bool):
    """Every example rendered (drafts allowed: example a carries deliberate errors)."""
    import shutil
    from juesuan.api import render_workbook
    from conftest import EXAMPLES
    out = {}
    for wb in sorted(EXAMPLES.glob("*.xlsx")):
        copy = folder / wb.name
        shutil.copyfile(wb, copy)
        result = render_workbook(copy, pdf=pdf, draft=True)
        assert result.docx is not None, result.problems
        out[wb.stem] = result
    return out


# A published report as plain text: 支出决算表 printed without rules.
TEXT_REPORT = """某某局2024年度部门决算
第二部分 某某局2024年度部门决算表
三、支出决算表
单位：万元
科目编码    科目名称    本年支出合计    基本支出    项目支出
合计    3,200.05    1,200.00    2,000.05
2050205    高等教育    2,200.05    200.00    2,000.05
2010301    行政运行    1,000.00    1,000.00    -
2080501    行政单位离退休    5.00    5.00
注：本表反映部门本年度各项支出情况。
"""
