"""第六部分: the 整体绩效自评表 and one 项目绩效自评表 per project, as grids.

The money cells come from the tables (基本/项目支出总额 = 表5 栏2/栏3, 执行数 = 表5 合计栏1,
预算数 = B01), so the attachment always agrees with 表5.  Labels are the fixed frame of the
official form; the remarks (备注) are template text (templates/parts/selfeval_notes_*.j2).
"""
from __future__ import annotations

from decimal import Decimal, InvalidOperation

from juesuan.model.grid import Grid
from juesuan.model.report import Record, Report
from juesuan.model.money import fmt_amount, fmt_percent, fmt_table, percent, q
from juesuan.spec.supplement import CODE
from juesuan.figures.performance import total_score
from juesuan.render.text import clean, one_line

NCOLS = 7
WIDTHS = [13, 10, 11, 22, 15, 21, 8]
EXEC_SCORE = Decimal(20)  # 预算执行情况 is worth 20 points

L_UNIT, L_DATE = "单位名称", "填报日期"
L_BASIC, L_PROJECT = "基本支出总额（万元）", "项目支出总额（万元）"
L_EXEC = "预算执行情况（万元）（20分）"
EXEC_HEAD = ("预算数（A）", "执行数（B）", "执行率（B/A）", "得分（20分*执行率）")
EXEC_SCORE_PLAIN = "得分（满分20分）"
L_OVERALL_ROW, L_PROJECT_ROW = "部门整体支出总额", "年度财政资金总额"
L_INDICATORS = "年度绩效指标"
IND_HEAD = ("一级指标", "二级指标", "三级指标", "年初目标值（A）", "实际完成值（B）", "得分")
L_TOTAL, L_CAUSE, L_MEASURE, L_NOTES = "总分", "偏差大或目标未完成原因分析", "改进措施及结果应用方案", "备注"
L_NAME, L_DEPT, L_IMPL = "项目名称", "主管部门", "项目实施单位"
L_CATEGORY, L_ATTR, L_TYPE = "项目类别", "项目属性", "项目类型"
CATEGORIES = ("部门预算项目", "财政专项资金")
ATTRIBUTES = ("持续性项目", "新增性项目")
TYPES = ("常年性项目", "延续性项目", "一次性项目")
OVERALL = "整体"


def fmt_date(value) -> str:
    """2025-04-28 / a date -> 2025年4月28日; other text as written."""
    import datetime as dt
    import re
    if value is None or value == "":
        return ""
    if isinstance(value, (dt.date, dt.datetime)):
        return f"{value.year}年{value.month}月{value.day}日"
    text = one_line(value)
    m = re.fullmatch(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:\s+.*)?", text)
    return f"{int(m[1])}年{int(m[2])}月{int(m[3])}日" if m else text


def fmt_score(value) -> str:
    """A score as written on the form: 95.52, 40 (no trailing zeros)."""
    if value is None or value == "":
        return ""
    try:
        d = Decimal(str(value))
    except InvalidOperation:
        return one_line(value)
    return fmt_amount(d)  # same number rule as amounts in the text (F1)


def ticks(choices: tuple[str, ...], chosen: str | None) -> str:
    """The choices of the form, the one the workbook gives ticked.  A tick the workbook did not
    give is never printed: without a choice every box stays empty."""
    return "  ".join(f"{i}.{c} {'☑' if c == chosen else '□'}" for i, c in enumerate(choices, start=1))


class _Form:
    """Rows of a 7-column form with merges and alignments."""

    def __init__(self):
        self.g = Grid(NCOLS, col_kinds=["text"] * NCOLS, widths=list(WIDTHS))

    def row(self, cells: list[object], spans: list[tuple[int, int]] = (), center: tuple[int, ...] = (),
            kind: str = "body") -> int:
        r = self.g.add(kind, list(cells) + [None] * (NCOLS - len(cells)))
        for c1, c2 in spans:
            self.g.merges.append((r, c1, r, c2))
        for c in center:
            self.g.aligns[(r, c)] = "center"
        return r

    def labelled(self, label: str, text: str, center_text: bool = False) -> int:
        return self.row([label, text], [(1, NCOLS - 1)], (0, 1) if center_text else (0,))


def _percent_style(report: Report) -> tuple[int, bool]:
    """设置 S01/S02 for the 执行率 cell, as in the text (97.3%, or 97.30% when zeros are kept)."""
    return report.settings.places, report.settings.keep_zeros


def _exec_rows(form: _Form, row_label: str, budget: Decimal, spent: Decimal, score,
               style: tuple[int, bool] = (2, False)) -> None:
    rate = percent(spent, budget, style[0]) if budget else None
    # over 100% the score is not 20分*执行率 (the usual rule deducts for over-spending): the
    # header then says only 得分, so the page does not contradict itself (S-24 checks the score)
    head = EXEC_HEAD if rate is None or rate <= 100 else (*EXEC_HEAD[:-1], EXEC_SCORE_PLAIN)
    r = form.row([L_EXEC, "", *head, head[-1]], [(5, 6)], tuple(range(NCOLS)))
    rate_text = f"{fmt_percent(rate, *style)}%" if rate is not None else ""
    form.row([None, row_label, fmt_table(budget), fmt_table(spent), rate_text, score, score], [(5, 6)],
             tuple(range(NCOLS)))
    form.g.merges.append((r, 0, r + 1, 0))


def exec_score(budget: Decimal, spent: Decimal, given) -> str:
    """得分 = 20 × 执行率 while the rate is at most 100%; above it the form needs a manual score."""
    if given not in (None, ""):
        return fmt_score(given)
    if not budget or spent > budget:
        return ""
    return fmt_score(q(EXEC_SCORE * spent / budget))


def _is_number(value) -> bool:
    try:
        Decimal(str(value))
    except InvalidOperation:
        return False
    return True


def _blank(rec: Record) -> bool:
    return all(rec.get(k) in (None, "") for k in ("level1", "level2", "level3", "target", "actual", "score"))


def _indicator_rows(form: _Form, indicators: list[Record]) -> None:
    """The goals and indicators that were filled in.  No empty frame: a goal line only when the goal
    has a description, no blank indicator row, nothing at all when there are no indicators (the
    check warns about that, rule S-11, naming the 绩效指标 sheet)."""
    goals: dict[object, list[Record]] = {}
    for rec in indicators:
        goals.setdefault(rec.get("goal_no") or 1, []).append(rec)
    for n, recs in enumerate(goals.values(), start=1):
        first = recs[0]
        score = fmt_score(first.get("goal_score"))
        desc = clean(first.get("goal"))
        if desc:
            form.row([f"年度绩效目标{n}：" + (f"（{score}分）" if score else "") + desc] * NCOLS, [(0, NCOLS - 1)])
        rows = [rec for rec in recs if not _blank(rec)]
        if not rows:
            continue
        head = form.row([L_INDICATORS, *IND_HEAD], center=tuple(range(NCOLS)))
        start = head + 1
        for rec in rows:
            form.row([None, one_line(rec.get("level1")), one_line(rec.get("level2")), clean(rec.get("level3")),
                      clean(rec.get("target")), clean(rec.get("actual")), fmt_score(rec.get("score"))],
                     center=(1, 2, 4, 5, 6))
        end = start + len(rows) - 1
        form.g.merges.append((head, 0, end, 0))
        form.g.aligns[(head, 0)] = "center"
        # Equal 一级 / 二级 labels on consecutive rows share one merged cell.
        for col, scope in ((1, ()), (2, (1,))):
            r = start
            while r <= end:
                e = r
                while e + 1 <= end and form.g.rows[e + 1][col] == form.g.rows[r][col] and \
                        all(form.g.rows[e + 1][s] == form.g.rows[r][s] for s in scope) and form.g.rows[r][col]:
                    e += 1
                if e > r:
                    form.g.merges.append((r, col, e, col))
                r = e + 1


def _tail(form: _Form, total, cause: str, measure: str, notes: str) -> None:
    """总分, reasons, measures and 备注; a row with nothing to say is left out (no empty frame)."""
    # a “total” of 20 points or less is the 预算执行 sub-score, not printed as 总分 (S-24)
    shown = fmt_score(total) if not _is_number(total) or total_score(total) is not None else ""
    if shown:
        form.labelled(L_TOTAL, shown, center_text=True)
    for label, text in ((L_CAUSE, clean(cause)), (L_MEASURE, clean(measure))):
        if text:
            form.labelled(label, text)
    form.labelled(L_NOTES, notes)


def indicators_by_owner(report: Report) -> dict[str, list[Record]]:
    """The 绩效指标 rows grouped by owner (整体 or a project name), in sheet order: one pass, so a
    department with a thousand projects does not scan every indicator once per project."""
    groups: dict[str, list[Record]] = {}
    for r in report.supp.records("X"):
        groups.setdefault(one_line(r.get("owner")), []).append(r)
    return groups


def indicators_of(report: Report, owner: str) -> list[Record]:
    return indicators_by_owner(report).get(owner, [])


def overall_grid(report: Report, notes: str) -> Grid:
    s = report.supp
    t05 = report.t05
    form = _Form()
    form.row([L_UNIT, one_line(report.name), None, None, L_DATE, fmt_date(s.get(CODE.X01_1)), None],
             [(1, 3), (5, 6)], (0, 4))
    form.row([L_BASIC, fmt_table(t05.total_of("basic")), None, L_PROJECT, fmt_table(t05.total_of("project")),
              None, None], [(1, 2), (4, 6)], (0, 1, 3, 4))
    budget = q(s.get(CODE.B01) or 0)
    spent = t05.total_of("total")
    _exec_rows(form, L_OVERALL_ROW, budget, spent, exec_score(budget, spent, s.get(CODE.E09_1)),
               _percent_style(report))
    _indicator_rows(form, indicators_of(report, OVERALL))
    _tail(form, s.get(CODE.E06), s.get(CODE.X01_2), s.get(CODE.X01_3), notes)
    return form.g


def project_grid(report: Report, project: Record, notes: str,
                 indicators: dict[str, list[Record]] | None = None) -> Grid:
    """``indicators``: indicators_by_owner(report), computed once by a caller drawing many projects."""
    name = one_line(project.get("name"))
    form = _Form()
    form.row([L_UNIT, one_line(report.name), None, None, L_DATE, fmt_date(project.get("date")), None],
             [(1, 3), (5, 6)], (0, 4))
    form.labelled(L_NAME, name, center_text=True)
    dept = one_line(project.get("department")) or one_line(report.name)
    impl = one_line(project.get("implementer")) or one_line(report.name)
    form.row([L_DEPT, dept, None, L_IMPL, impl, None, None], [(1, 2), (4, 6)], (0, 1, 3, 4))
    form.labelled(L_CATEGORY, ticks(CATEGORIES, None))
    form.labelled(L_ATTR, ticks(ATTRIBUTES, one_line(project.get("attribute")) or None))
    form.labelled(L_TYPE, ticks(TYPES, one_line(project.get("type")) or None))
    budget = q(project.get("budget") or 0)
    spent = q(project.get("spent") or 0)
    _exec_rows(form, L_PROJECT_ROW, budget, spent, exec_score(budget, spent, None), _percent_style(report))
    _indicator_rows(form, (indicators if indicators is not None else indicators_by_owner(report)).get(name, []))
    _tail(form, project.get("score"), project.get("problem"), project.get("measure"), notes)
    return form.g
