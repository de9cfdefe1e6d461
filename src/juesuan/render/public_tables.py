"""第二部分 (the public tables): the nine 公开表, each drawn from its layout through juesuan.model.grid.grid_for.

Around each grid: the heading (一、…), the title (2024年度…), 公开0N表, 部门：… / 单位：万元, and
below it the note and, for an empty 政府性基金 / 国有资本经营 / 三公 table, the empty-table
sentence.  T06 and T09 sit on landscape pages.  The words are the template's (parts/tables.j2,
read by :func:`table_texts`); the layout's text is their default.
"""
from __future__ import annotations

import copy
from dataclasses import dataclass

from juesuan.spec.catalog import catalog
from juesuan.model.grid import Grid, grid_for
from juesuan.spec.layouts import BY_ID, CodedLayout, Layout, SingleRowLayout, table_title
from juesuan.model.report import CodedRow, CodedTable, Report, SingleRowTable
from juesuan.model.money import ZERO
from juesuan.spec.supplement import CODE
from juesuan.render.docx import styles as S
from juesuan.render.blocks import Block, Para, TableBlock, TableMeta
from juesuan.render.text import one_line

# Presentation only: the 9-column 表4 fits a portrait page with narrower amount columns,
# 表6 fits one landscape page.
PRESENTATION: dict[str, dict] = {
    "T04": {"widths": [30, 4, 10, 30, 4, 10, 10, 10, 10], "font_pt": 8},
    "T06": {"font_pt": 8.5},  # about thirty rows on one landscape page
}

EMPTY_PORTRAIT_PT = 7.5  # the twelve 三公 columns on a portrait page

STANDARD_ORDER = ("T01", "T02", "T03", "T04", "T05", "T06", "T07", "T08", "T09")
ORDER_2020 = ("T01", "T02", "T03", "T04", "T05", "T06", "T09", "T07", "T08")


def table_order(report: Report) -> tuple[str, ...]:
    return ORDER_2020 if report.settings.order_2020 else STANDARD_ORDER


def is_2020(report: Report) -> bool:
    return report.settings.order_2020


def title_of(layout: Layout, report: Report) -> str:
    """The table name without the year (2020 order: the older names)."""
    return (layout.old_title or layout.title) if is_2020(report) else layout.title


def number_of(layout: Layout, report: Report) -> str:
    return f"表{layout.old_number}" if is_2020(report) else layout.sheet_name


def subject(report: Report) -> str:
    """主体自称 (W10): G05, else 本部门 for a 部门决算 and 本单位 otherwise."""
    g05 = one_line(report.supp.get(CODE.G05))
    if g05:
        return g05
    return "本部门" if (report.supp.get(CODE.G04) or "部门决算") == "部门决算" else "本单位"


def is_empty(report: Report, tid: str) -> bool:
    table = report.tables[tid]
    if isinstance(table, SingleRowTable):
        return table.is_empty("final")
    if isinstance(table, CodedTable):
        return table.is_empty()
    return False


def _names(report: Report) -> dict[str, str]:
    """Names for codes printed without one (S3 表5): T03, T02, T05 names, then the dictionary."""
    names: dict[str, str] = {}
    for tid in ("T05", "T02", "T03"):
        for r in report.tables[tid].rows:
            if r.name:
                names[r.code] = one_line(r.name)
    return names


def display_table(report: Report, table: CodedTable) -> CodedTable:
    """The coded table as printed: names filled in; 类/款 rows added (科目行层级 = 类款项) or
    dropped (= 仅项).  Printed amounts are never changed; an added parent row is the sum of its
    项 rows."""
    out = copy.copy(table)
    names = _names(report)
    k = catalog(report.year)

    def name_of(code: str) -> str | None:
        return names.get(code) or k.func_name(code)

    rows = [CodedRow(r.code, one_line(r.name) or name_of(r.code), dict(r.values), dict(r.cells), r.code_cell, r.row)
            for r in table.rows]
    levels = {r.level for r in rows}
    if report.settings.items_only:
        if 3 in levels:
            rows = [r for r in rows if r.level == 3]
    elif rows and levels == {3}:
        keys = [c.key for c in table.layout.columns]
        full: list[CodedRow] = []
        seen: set[str] = set()
        for r in sorted(rows, key=lambda r: r.code):
            for parent in (r.code[:3], r.code[:5]):
                if parent in seen:
                    continue
                seen.add(parent)
                kids = [x for x in rows if x.code.startswith(parent)]
                values = {key: sum((x.get(key) for x in kids), ZERO) for key in keys}
                full.append(CodedRow(parent, name_of(parent), {k_: v for k_, v in values.items() if v != 0}))
            full.append(r)
        rows = full
    out.rows = rows
    return out


def grid_of(report: Report, tid: str) -> Grid:
    layout = BY_ID[tid]
    table = report.tables[tid]
    if isinstance(layout, CodedLayout):
        table = display_table(report, table)
    grid = grid_for(layout, table, all_econ_codes=not report.settings.econ_nonzero_only)
    widths = PRESENTATION.get(tid, {}).get("widths")
    if widths and len(widths) == grid.ncols:
        grid.widths = list(widths)
    return grid


@dataclass(frozen=True)
class TableText:
    """The words around one 公开表 as printed."""
    title: str  # 表名 without the year: the part-2 heading (t.title) and the title line use it
    title_line: str
    number: str
    note: str
    empty: str  # under the table when it has no data ("" = nothing)
    dept_label: str = "部门："
    unit: str = "单位：万元"


def default_text(report: Report, tid: str) -> TableText:
    """The layout's words: what the shipped parts/tables.j2 says, and what an override falls back to."""
    layout = BY_ID[tid]
    title = title_of(layout, report)
    return TableText(title, table_title(layout, report.year).replace(layout.title, title), number_of(layout, report),
                     layout.note, layout.empty_sentence.format(主体自称=subject(report)) if layout.empty_sentence else "")


def _one(value: str | None, fallback: str) -> str:
    return fallback if value is None else one_line(value)


def table_texts(env, report: Report, context: dict) -> tuple[dict[str, TableText], list[str]]:
    """The words of every 公开表 from parts/tables.j2 (juesuan.templating.table_texts) over the
    layouts' defaults, and what the file set that is not used (警告 of the render).

    Each table and item the file does not set keeps the default; 节序“2020版”: ``titles_2020``,
    else the older layout name (T06, T09), else ``titles``; ``numbers_2020`` else 表N."""
    from juesuan.templating.table_texts import read_table_words
    words = read_table_words(env, context)
    old = is_2020(report)
    out: dict[str, TableText] = {}
    for tid, layout in BY_ID.items():
        base = default_text(report, tid)

        def pick(name: str, fallback: str) -> str:
            return one_line(words.by_table.get(name, {}).get(tid, fallback))

        title = pick("titles", layout.title)
        if old:
            title = pick("titles_2020", layout.old_title or title)
        if words.title_line is not None:
            line = _title_line(words.title_line, title)
        else:
            line = table_title(layout, report.year).replace(layout.title, title)
        number = pick("numbers_2020" if old else "numbers", base.number)
        out[tid] = TableText(title, line, number, pick("notes", base.note), pick("empty_notes", base.empty),
                             _one(words.single.get("dept_label"), base.dept_label),
                             _one(words.single.get("unit_label"), base.unit))
    return out, words.problems


def _title_line(macro, title: str) -> str:
    from juesuan.templating.env import TemplateProblem, template_problem
    from juesuan.templating.limits import budget
    from juesuan.templating.table_texts import TABLE_TEXTS
    try:
        with budget():
            return one_line(str(macro(title)))
    except TemplateProblem:
        raise
    except Exception as exc:  # noqa: BLE001 - the macro's own file and line
        raise template_problem(exc, TABLE_TEXTS) from None


def table_blocks(report: Report, tid: str, text: TableText | None = None) -> list[Block]:
    layout = BY_ID[tid]
    text = text or default_text(report, tid)
    unit_name = one_line(report.supp.get(CODE.G15)) or one_line(report.name)
    landscape, font_pt = layout.landscape, PRESENTATION.get(tid, {}).get("font_pt")
    if landscape and isinstance(layout, SingleRowLayout) and is_empty(report, tid):
        # An empty 三公 table is one blank row: it sits on a portrait page with its sentence
        # instead of taking a landscape page of its own.
        landscape, font_pt = False, EMPTY_PORTRAIT_PT
    blocks: list[Block] = [
        Para(text.title_line, S.TABLE_TITLE),
        TableMeta(text.number, unit_name, text.unit, text.dept_label),
        TableBlock(grid_of(report, tid), landscape=landscape, font_pt=font_pt),
    ]
    if text.note:
        blocks.append(Para(text.note, S.TABLE_NOTE))
    if text.empty and is_empty(report, tid):
        blocks.append(Para(text.empty))
    return blocks


def part2_tables(report: Report, texts: dict[str, TableText] | None = None) -> list[dict]:
    """What the part-2 template lists: id, 表名 and number per table, in print order (the 表名 is
    the one the table's own title line prints: one place, parts/tables.j2)."""
    out = []
    for tid in table_order(report):
        text = (texts or {}).get(tid) or default_text(report, tid)
        out.append({"id": tid, "title": text.title, "number": text.number, "landscape": BY_ID[tid].landscape})
    return out
