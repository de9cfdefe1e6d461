"""Last year's workbook as the source of this year's 上年数 (P01–P12) and of the text that does not
change from year to year.

* :func:`carried_totals` — what a workbook's own year contributes to next year's 上年数, taken
  from the figures of 第三部分 (``figures.compute``), so that next year's "与上年相比" compares
  with exactly the number this year's report printed.
* :func:`next_year_report` — a blank Report for the next year carrying 概况, 职责, 二级单位,
  科目说明, 专用名词, 设置 and the project names over (``make-report init --from``).
* :func:`prior_findings` — where a workbook's 上年数 differ from last year's workbook
  (``make-report check --prior``).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from juesuan.model.findings import WARNING, Finding
from juesuan.model.report import Record, Report
from juesuan.model.money import ZERO, q
from juesuan.spec.supplement import CODE, FIELDS, GENERAL, LISTS, PRIOR, SETTINGS

PRIOR_CODES: tuple[str, ...] = tuple(f.id for f in PRIOR.fields)


def carried_totals(report: Report) -> dict[str, Decimal]:
    """This year's figure behind each 上年数 code of next year (P01 = 表1 总计, …, P12 =
    机关运行经费).  P12 is left out for a 事业单位, which has no 机关运行经费 section."""
    from juesuan.figures import compute
    figs = compute(report)
    funds = {line.key: line.change.current for line in figs.fiscal.funds}  # a fund may be omitted when 0
    sg = figs.sangong
    totals = {
        CODE.P01: figs.overall.grand.current,
        CODE.P02: figs.income.total.current,
        CODE.P03: figs.expense.total.current,
        CODE.P04: figs.fiscal.grand.current,
        CODE.P05: funds.get("gpb", ZERO),
        CODE.P06: funds.get("fund", ZERO),
        CODE.P07: funds.get("soc", ZERO),
        CODE.P08: figs.gpb.total.current,
        CODE.P09_1: sg.total.completion.final,
        CODE.P09_2: sg.abroad.completion.final,
        CODE.P09_3: sg.car_purchase,
        CODE.P09_4: sg.car_run,
        CODE.P09_5: sg.reception.completion.final,
        CODE.P10: figs.fund.spend.current,
        CODE.P11: figs.soc.spend.current,
    }
    if figs.admin.applicable:
        totals[CODE.P12] = figs.admin.amount.current
    return {k: q(v if v is not None else ZERO) for k, v in totals.items()}


# The 公开表 each 上年数 is computed from: a value of those tables that could not be read (R-FORMULA,
# R-NUM …) makes the figure unknown, never 0.  P12 (机关运行经费) also reads 年初预算 B04.
SOURCE_TABLES: dict[str, tuple[str, ...]] = {
    CODE.P01: ("T01",), CODE.P02: ("T01",), CODE.P03: ("T01", "T03"), CODE.P04: ("T04",), CODE.P05: ("T04",),
    CODE.P06: ("T04",), CODE.P07: ("T04",), CODE.P08: ("T05",), CODE.P09_1: ("T09",), CODE.P09_2: ("T09",),
    CODE.P09_3: ("T09",), CODE.P09_4: ("T09",), CODE.P09_5: ("T09",), CODE.P10: ("T07",), CODE.P11: ("T08",),
    CODE.P12: ("T06", "年初预算"),
}
_UNREADABLE_RULES = ("R-FORMULA", "R-NUM", "R-SST", "R-HEADER", "R-VARIANT", "R-SHEET", "R-CODE")


def unknown_totals(old: Report, findings: list[Finding]) -> dict[str, str]:
    """上年数 codes that last year's workbook does not give, with why (Chinese): a source cell
    it could not read, a table it could not find, or a workbook with no amounts at all."""
    from juesuan.model.findings import ERROR
    if not old.t01.values:  # a blank workbook: nothing to carry, never a column of zeros
        return {code: "上年工作簿的公开01表没有金额" for code in SOURCE_TABLES}
    sheets = {tid: (getattr(old.tables[tid], "sheet", None) or old.tables[tid].layout.sheet_name) for tid in old.tables}
    out: dict[str, str] = {}
    for f in findings:
        if f.severity != ERROR or f.rule not in _UNREADABLE_RULES:
            continue
        where = {c.split("!")[0] for c in f.cells}
        for code, sources in SOURCE_TABLES.items():
            if code not in out and any(sheets.get(t, t) in where for t in sources):
                out[code] = f"上年工作簿的 {f.cells[0]} 无法读取（{f.message}）"
    return out


def source_of(code: str) -> str:
    """Where a 上年数 comes from, in the clerk's words (the 填写说明 of the P field without 上年)."""
    hint = FIELDS[code].hint
    return hint.split("（")[0].removeprefix("上年").strip() or FIELDS[code].label


# ---------------------------------------------------------------------------------------------
# init --from
# ---------------------------------------------------------------------------------------------
# Carried as they are: 概况 (but the year and the cover date), the settings, and these lists.
CARRIED_LISTS = (CODE.G10, CODE.G12, CODE.M01, CODE.M02)
# Lists that change little from year to year: the columns each ListSheet marks ``carried`` (names,
# codes, 类用途 text — never amounts, targets or scores); a carried row waits for this year's figures
# (one S-27 提示 per sheet until they are typed or the row is deleted).
PROJECT_KEYS = {spec.id: spec.carried for spec in LISTS if spec.carried}
SETTINGS_IDS = {f.id for f in SETTINGS.fields}
NOT_CARRIED = {CODE.G03, CODE.G08}  # the year is last year's + 1; the cover date is next year's to set


@dataclass
class NextYear:
    report: Report
    carried_fields: dict[str, str] = field(default_factory=dict)  # field id -> comment
    carried_lists: set[str] = field(default_factory=set)  # list ids whose rows were carried
    blank_fields: dict[str, str] = field(default_factory=dict)  # 上年数 left blank -> comment saying why
    problems: list[str] = field(default_factory=list)  # Chinese, for the clerk to look at


def next_year_report(old: Report, old_name: str, old_findings: list[Finding] | None = None) -> NextYear:
    """A blank Report for ``old``'s next year, with what carries over (see the module docstring).
    A 上年数 whose source ``old_findings`` say could not be read is left blank with a comment."""
    new = Report()
    out = NextYear(new)
    year = old.year
    note = f"沿用自上年工作簿“{old_name}”，请核对是否仍然适用。"
    for f in GENERAL.fields + SETTINGS.fields:
        value = old.supp.fields.get(f.id)
        if f.id in NOT_CARRIED or value in (None, ""):
            continue
        new.supp.fields[f.id] = value
        if f.id not in SETTINGS_IDS or value != f.default:
            out.carried_fields[f.id] = note
    if year is not None:
        new.supp.fields[CODE.G03] = year + 1
        out.carried_fields[CODE.G03] = f"上年工作簿“{old_name}”的年度 {year} 加 1。"
    else:
        out.problems.append(f"上年工作簿“{old_name}”没有填写年度（概况 G03），新工作簿的年度请自己填写。")
    for lid in CARRIED_LISTS:
        rows = [Record(dict(r.values)) for r in old.supp.records(lid)]
        if rows:
            new.supp.lists[lid] = rows
            out.carried_lists.add(lid)
    for lid, keys in PROJECT_KEYS.items():
        rows = [Record({k: r.values.get(k) for k in keys}) for r in old.supp.records(lid)
                if any(r.get(k) is not None for k in keys)]
        if rows:
            new.supp.lists[lid] = rows
            out.carried_lists.add(lid)
    label = f"{year} 年" if year is not None else "上年"
    unknown = unknown_totals(old, old_findings or [])
    for code, value in carried_totals(old).items():
        if code in unknown:
            out.blank_fields[code] = f"未填写：{unknown[code]}，无法计算{label}{source_of(code)}。请自己填写。"
            continue
        new.supp.fields[code] = value
        out.carried_fields[code] = f"由上年工作簿“{old_name}”计算：{label}{source_of(code)}。"
    errors = [f for f in old_findings or [] if f.severity == "错误"]
    if errors:
        shown = "；".join(f"{f.cells[0] if f.cells else ''}：{f.message}" for f in errors[:3])
        out.problems.append(f"上年工作簿“{old_name}”自身有 {len(errors)} 个错误（{shown}{'…' if len(errors) > 3 else ''}），"
                            "受影响的上年数未填写，请先核对上年工作簿")
    if unknown:
        out.problems.append(f"上年数 {'、'.join(sorted(unknown))} 无法从上年工作簿得到，已留空（见批注），请自己填写")
    return out



# ---------------------------------------------------------------------------------------------
# check --prior
# ---------------------------------------------------------------------------------------------
def prior_findings(report: Report, old: Report, old_name: str,
                   old_findings: list[Finding] | None = None) -> list[Finding]:
    """S-16: each 上年数 that is not what last year's workbook gives (and the years not one apart).

    Said first: a workbook of another department (then nothing else is compared), and the prior
    workbook's own errors (the 上年数 built on an unreadable cell are not compared)."""
    from juesuan.checks.registry import rule
    from juesuan.model.findings import ERROR
    r = rule("S-16")
    found: list[Finding] = []
    g01 = report.supp.cells.get(CODE.G01, "概况 G01")
    if report.name and old.name and _plain(report.name) != _plain(old.name):
        found.append(Finding(r.id, WARNING, f"上年工作簿“{old_name}”的部门全称为“{old.name}”，本工作簿为“{report.name}”，"
                             "不是同一个部门，未对照上年数。", [g01], hint=r.variants["year_hint"], title=r.title))
        return found
    if report.year is not None and old.year is not None and old.year != report.year - 1:
        found.append(Finding(r.id, WARNING, r.message("year", old=old_name, old_year=old.year, year=report.year),
                             [report.supp.cells.get(CODE.G03, "概况 G03")], hint=r.variants["year_hint"], title=r.title))
    errors = [f for f in old_findings or [] if f.severity == ERROR]
    if errors:
        shown = "；".join(f"{f.cells[0] if f.cells else ''}：{f.message}" for f in errors[:3])
        found.append(Finding(r.id, WARNING, f"上年工作簿“{old_name}”自身有 {len(errors)} 个错误：{shown}"
                             f"{'…' if len(errors) > 3 else ''}", [g01],
                             hint="请先用 make-report check 审核上年工作簿；受影响的上年数未对照", title=r.title))
    unknown = unknown_totals(old, old_findings or [])
    for code, last in carried_totals(old).items():
        if code in unknown:
            continue
        now = report.supp.fields.get(code)
        cell = report.supp.cells.get(code, f"{PRIOR.name} {code}")
        label = FIELDS[code].label
        source = source_of(code)
        if now is None:
            if last != 0:
                found.append(Finding(r.id, WARNING, r.message("missing", fid=code, label=label, old=old_name,
                                                              source=source, last=f"{last:.2f}"),
                                     [cell], expected=last, hint=f"请在 {cell} 填写 {last:.2f}", title=r.title))
            continue
        now = q(now)
        if now != last:
            found.append(Finding(r.id, WARNING, r.message(fid=code, label=label, now=f"{now:.2f}", old=old_name,
                                                          source=source, last=f"{last:.2f}"),
                                 [cell], expected=last, actual=now,
                                 hint=f"请核对：上年数应与上年公开的数一致；如上年工作簿无误，把 {cell} 改为 {last:.2f}",
                                 title=r.title))
    return found


def _plain(name: str) -> str:
    import re
    return re.sub(r"[\s\u3000]+", "", name).replace("(", "（").replace(")", "）")


def prior_verdict(findings: list[Finding], old_name: str) -> str:
    """The one line ``check --prior`` always prints: everything agrees, or how much does not."""
    span = f"{PRIOR_CODES[0]}–{PRIOR_CODES[-1].split('_')[0]}"
    if not findings:
        return f"上年数 {span} 与上年工作簿“{old_name}”一致。"
    return f"上年数 {span} 中有 {len(findings)} 处与上年工作簿“{old_name}”不一致（见下）。"


def write_next_year(target, old_path, *, overwrite: bool = False) -> NextYear:
    """``make-report init NEW.xlsx --from OLD.xlsx``: read OLD, write NEW (atomically), every
    carried cell with a comment saying where it came from.  Raises WorkbookError when OLD cannot be
    read, FileExistsError/OSError for NEW."""
    from pathlib import Path

    from openpyxl.comments import Comment

    from juesuan.reader.workbook import read_workbook
    from juesuan.spec.supplement import FORMS, LISTS_BY_ID
    from juesuan.workbooks.writer import build_workbook
    from juesuan.xlsx.text import save_workbook
    target, old_path = Path(target), Path(old_path)
    if target.exists() and not overwrite:
        raise FileExistsError(str(target))
    old, old_findings = read_workbook(old_path)
    nxt = next_year_report(old, old_path.name, old_findings)
    wb = build_workbook(nxt.report)
    for spec in FORMS:
        ws = wb[spec.name]
        for row in range(3, ws.max_row + 1):
            fid = str(ws.cell(row, 1).value or "")
            note = nxt.carried_fields.get(fid) or nxt.blank_fields.get(fid)
            if note:
                ws.cell(row, 3).comment = Comment(note, "juesuan", width=300, height=80)
    note = f"沿用自上年工作簿“{old_path.name}”，请核对是否仍然适用。"
    for lid in sorted(nxt.carried_lists):
        ws = wb[LISTS_BY_ID[lid].name]
        for row in range(3, 3 + len(nxt.report.supp.records(lid))):
            for col in range(1, ws.max_column + 1):
                if ws.cell(row, col).value not in (None, ""):
                    ws.cell(row, col).comment = Comment(note, "juesuan", width=300, height=80)
    save_workbook(wb, target)  # built from scratch: every string as text
    return nxt
