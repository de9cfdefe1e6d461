"""补充输入的校验 (docs/RULES.md, group 补充: S-1…S-10) and the checks on the inputs the text needs.

S-11…S-15 are this project's additions: required inputs, prior-year figures for every 同比
sentence, budgets for every 完成预算 sentence, negative amounts, an implausible year.  Every
finding names the cell to fill (the 填写值 column of a form sheet, the cell of a list row, or
the row to add).
"""
from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from juesuan.model.findings import ERROR, WARNING
from juesuan.model.report import CodedTable, EconTable, FixedTable, SingleRowTable
from juesuan.model.money import ZERO, percent, q
from juesuan.spec.supplement import CODE, FIELDS, FIELD_SHEET, LISTS_BY_ID
from juesuan.checks.context import Context, fmt, money_of, quoted
from juesuan.checks.registry import define
from juesuan.checks.tree import Tree
from juesuan.figures.budget_lines import budget_lines

G = "补充"

define("S-1", "年初预算合计 = 项级年初预算之和", "B01 = Σ B02.年初预算数", WARNING, group=G,
       hint="请核对“年初预算”B01 与“项级预算”各行")
define("S-2", "项目用途金额之和 = 表5 项目支出", "Σ U02.金额 = 表5 合计行 栏3", group=G,
       hint="请核对“项目用途”各行金额，使其合计等于表5 项目支出", variants={
           "empty": "表5 项目支出为 {amount}，但“项目用途”表没有填写（第五节（三）要写项目支出的用途与成效）。"})
define("S-3", "外宾与国内接待支出之和 = 表9 公务接待费", "N06 + N09 = 表9 栏12", group=G,
       hint="请核对“三公明细”N06、N09")
define("S-4", "政府采购金额的包含关系", "C05 ≤ C04，C06 ≤ C01，C07 ≤ C02，C08 ≤ C03，C06 + C07 + C08 = C04", ERROR,
       group=G, hint="请核对“政府采购”表")
define("S-5", "自评资金不超过项目支出", "E02（空则 Σ E10.执行数）≤ 表5 合计行 栏3", WARNING, group=G,
       hint="请核对“绩效”E02 或“项目自评”执行数")
define("S-6", "上年三公经费合计 = 分项之和", "P09-1 = P09-2 + P09-3 + P09-4 + P09-5", group=G,
       hint="请核对“上年数”P09 各项")
define("S-7", "上年财政拨款收支总计不大于收支总计", "P04 ≤ P01", WARNING, group=G, hint="请核对“上年数”P01、P04")
define("S-8", "应写的主要原因", "§4.0 D4 与 W5：与上年有变动、与预算有偏差（≥ 设置.偏差阈值，或一方为 0）时必须有原因",
       WARNING, "{section}与上年相比有变动（本年 {current}，上年 {prior}），应写主要原因，但 {rid}{label}未填"
                "{fallback}{covers}。",
       "请填写原因；缺原因时正文省去原因分句", group=G, variants={
           "item": "第五节（三）科目 {code}{name}年初预算 {budget}，决算 {spent}，{why}，应写差异原因，"
                   "但“项级预算”该行的原因未填。",
           "item_row": "第五节（三）科目 {code}{name}年初预算 {budget}，决算 {spent}，{why}，应写差异原因，"
                       "但“项级预算”表没有这个科目。",
           "sangong_budget": "第九节{name}全年预算 {budget}，决算 {final}，{why}，应写差异原因，但 {rid}{label}未填。",
           "sangong_prior": "第九节{name}决算 {final}，上年 {prior}，较上年有变动，应写变动原因，但 {rid}{label}未填。",
           "running": "第十节机关运行经费 {spent} 与年初预算 {budget} 不同，应写原因，但 R10{label}未填。",
           "running_prior": "第十节机关运行经费 {spent}，上年 {prior}，较上年有变动，应写变动原因，但 R10-2{label}未填。"})
define("S-9", "绩效自评得分",
       "总分 = 预算执行得分 + Σ 指标得分；一级指标得分 = Σ 三级指标得分；执行率 ≤ 100% 时预算执行得分 = 20 × 执行率",
       WARNING, "整体自评综合得分 E06 为 {actual}，预算执行、产出、效益及满意度三项得分之和为 {expected}，两者不符。",
       "请核对“绩效”与“绩效指标”“项目自评”中的得分", group=G, variants={
           "execution": "预算执行情况得分 E09-1 为 {actual}，按 20 × 执行率（表5 合计 {total} ÷ B01 {b01}）应为 {expected}。",
           "level": "E09-{n}{label}为 {actual}，“绩效指标”表整体{levels}的得分之和为 {expected}。",
           "project": "项目“{name}”自评得分为 {actual}，预算执行得分（20 × {spent} ÷ {budget}）加各指标得分应为 {expected}。"})
define("S-10", "年度与模板说明文字", "表标题年度 = G03；文本输入不得含“XX”“（请…）”等模板说明", ERROR,
       "表标题“{text}”的年度是 {found} 年，与 G03 年度 {year} 不符。", "请改为本年度的实际内容", group=G, variants={
           "field": "{fid}{label}含模板说明文字“{found}…”。",
           "list": "“{sheet}”第{n}条“{label}”含模板说明文字“{found}…”。",
           "placeholder": "{fid}{label}仍是模板占位文字“{found}”。"})
define("S-11", "必填项", "生成报告必须填写的补充输入（供说明文字使用）", ERROR, "{sheet}{label}（{fid}）未填。", "",
       group=G, variants={
           "duties": "“职责”表没有填写部门主要职责（第一部分需要）。",
           "units": "“二级单位”表没有填写纳入编制范围的单位（第一部分“机构设置情况”需要）。",
           "keywork": "第四部分类型为“重点工作完成情况”，但“第四部分”表和“重点工作表”都没有填写（标题不能留空）。",
           "projects": "有一般公共预算项目支出，但“项目自评”表没有填写（第十三节和附件需要）。",
           "indicators": "{whose}在“绩效指标”表没有指标行，第六部分{form}中没有绩效指标。",
           "list": "“{sheet}”第{n}条的“{label}”未填。"})
define("S-12", "上年数", "每个“与上年相比”的句子都要有上年数（P01、P03–P09，表7/表8 非空时 P10/P11）", ERROR,
       "上年数{label}（{fid}）未填，无法写与上年比较的句子。", "", group=G)
define("S-13", "年初预算数", "每个“完成预算”的句子都要有预算数（B01；行政、参公单位 B03）", ERROR,
       "{label}（{fid}）未填，{needed}。", "", group=G)
define("S-14", "金额为负", "表中金额与补充输入的金额一般不为负数", WARNING, "{sheet}金额为负数（{value}）。", "请核对正负号",
       group=G)
define("S-15", "年度不合理", "G03 在 2000 年至今年之间；封面日期在决算年度之后", ERROR,
       "年度 G03 为“{raw}”，不是合理的决算年度（应在 2000 年至 {this_year} 年之间）。", "", group=G, variants={
           "cover": "封面日期 G08 为 {date}，早于决算年度 {year} 年结束；决算报告应在次年编制。"})

_PLACEHOLDER = re.compile(r"(?:X|Ｘ|×){2,}|[（(]\s*请|重点工作事项标题|此处填写|在此填写")
_YEAR_IN_TITLE = re.compile(r"((?:19|20)\d{2})\s*年")
_FIRST_YEAR = 2000

# Required form inputs not covered by S-12/S-13, with the severity of their absence: 错误 when
# the report would need a placeholder, 警告 when the text has a form without them (S3 prints
# 十三(二) without E08, for example).
_REQUIRED = {CODE.G01: ERROR, CODE.G03: ERROR, CODE.G04: ERROR, CODE.G06: ERROR, CODE.G07: ERROR, CODE.G11: WARNING,
             CODE.E03: ERROR, CODE.E06: WARNING, CODE.E08: WARNING, CODE.E12: ERROR}


def _label(fid: str) -> str:
    return quoted(FIELDS[fid].label)


def _cell_hint(ctx: Context, fid: str) -> str:
    if fid not in ctx.report.supp.cells:  # a workbook made before the field existed has no row for it
        sheet = FIELD_SHEET.get(fid, "补充输入")
        return f"请在“{sheet}”表末尾新增一行（编号 {fid}，项目 {FIELDS[fid].label}），填写{_label(fid)}"
    return f"请在 {ctx.field_cell(fid)} 填写{_label(fid)}"


def _next_row_cell(ctx: Context, list_id: str) -> str:
    """Where to add a row on a list sheet: below the last record (row 3 on an empty sheet)."""
    known = ctx.__dict__.setdefault("_next_row_cells", {})  # asked once per missing row: scan once
    if list_id not in known:
        rows = [int(m.group(1)) for rec in ctx.report.supp.records(list_id) for c in rec.cells.values()
                if (m := re.search(r"(\d+)$", c))]
        known[list_id] = f"{LISTS_BY_ID[list_id].name}!A{max(rows) + 1 if rows else 3}"
    return known[list_id]


def _plausible(year: int | None) -> bool:
    return year is not None and _FIRST_YEAR <= year <= dt.date.today().year


# -- S-1 … S-7: relations, through the same engine as the tables -------------------------------
def _relations(ctx: Context) -> None:
    supp = ctx.report.supp
    b02 = supp.records(CODE.B02)
    if ctx.money(CODE.B01) is not None and b02:
        terms = [ctx.list_term(CODE.B02, i, "budget", money_of(rec.get("budget")) or ZERO,
                               f"{rec.get('code', '')}年初预算") for i, rec in enumerate(b02)]
        ctx.check("S-1", ctx.field_term(CODE.B01), terms, rhs_text="“项级预算”各行年初预算数之和")
    u02 = supp.records(CODE.U02)
    project = ctx.coded_total("T05", "project")
    if u02:
        terms = [ctx.list_term(CODE.U02, i, "amount", money_of(rec.get("amount")) or ZERO, f"“{rec.get('name', '')}”金额")
                 for i, rec in enumerate(u02)]
        ctx.check("S-2", project, terms, anchor="rhs", rhs_text="“项目用途”各行金额之和")
    elif project.value != 0 and "T05" not in ctx.missing:
        ctx.add("S-2", [_next_row_cell(ctx, CODE.U02), project.cell], "empty", severity=ERROR,
                hint="请在“项目用途”表逐行填写项目名称、金额、主要成效，金额合计等于表5 项目支出",
                amount=fmt(project.value))
    reception = ctx.t09("final_reception")
    if reception.value != 0 or ctx.money(CODE.N06) or ctx.money(CODE.N09):
        ctx.check("S-3", reception, [ctx.field_term(CODE.N06), ctx.field_term(CODE.N09)], anchor="rhs")
    c = ctx.field_term
    if any(ctx.money(f"C0{i}") for i in range(1, 9)):
        for small, big in ((CODE.C05, CODE.C04), (CODE.C06, CODE.C01), (CODE.C07, CODE.C02), (CODE.C08, CODE.C03)):
            ctx.check("S-4", c(small), [c(big)], op="<=")
        ctx.check("S-4", c(CODE.C04), [c(CODE.C06), c(CODE.C07), c(CODE.C08)], severity=ERROR)
    if ctx.money(CODE.E02) is not None:
        ctx.check("S-5", c(CODE.E02), [project], op="<=")
    elif supp.records(CODE.E10):
        terms = [ctx.list_term(CODE.E10, i, "spent", money_of(rec.get("spent")) or ZERO, f"“{rec.get('name', '')}”执行数")
                 for i, rec in enumerate(supp.records(CODE.E10))]
        ctx.check("S-5", project, terms, op=">=", anchor="rhs", rhs_text="“项目自评”各行执行数之和")
    if any(ctx.money(f"P09-{i}") is not None for i in range(1, 6)):
        ctx.check("S-6", c(CODE.P09_1), [c(f"P09-{i}") for i in range(2, 6)], severity=ERROR)
    if ctx.money(CODE.P04) is not None and ctx.money(CODE.P01) is not None:
        ctx.check("S-7", c(CODE.P04), [c(CODE.P01)], op="<=")


# -- S-8: reasons ---------------------------------------------------------------------------
_CHAIN = {CODE.R01: (), CODE.R03: (CODE.R01,), CODE.R04: (CODE.R01,), CODE.R05: (CODE.R04, CODE.R01),
          CODE.R06: (CODE.R04, CODE.R01)}
_SECTION = {CODE.R01: "第一节收、支总计", CODE.R03: "第三节支出合计", CODE.R04: "第四节财政拨款收、支总计",
            CODE.R05: "第四节一般公共预算财政拨款收入", CODE.R06: "第五节（一）一般公共预算财政拨款支出"}


def _threshold(ctx: Context) -> Decimal:
    return ctx.report.settings.threshold  # out of range: the default, and S-22 says so


def _places(ctx: Context) -> int:
    return ctx.report.settings.places


def _deviates(ctx: Context, actual: Decimal, budget: Decimal) -> Decimal | None:
    """W5: the completion rate when a reason is required, else None (Decimal(-1) for a zero side)."""
    if actual == budget:
        return None
    if budget == 0 or actual == 0:
        return Decimal(-1)
    rate = percent(actual, budget, _places(ctx))
    return rate if abs(rate - 100) >= _threshold(ctx) else None


def _reasons_changes(ctx: Context) -> None:
    """一、三、四、五(一): a change against the prior year needs its reason (R03… fall back on R01)."""
    r = ctx.report
    current = {CODE.R01: r.t01.get("inc_grand"), CODE.R03: r.t03.total_of("total"), CODE.R04: r.t04.get("f_inc_grand"),
               CODE.R05: r.t04.get("f_gpb"), CODE.R06: r.t05.total_of("total")}
    prior = {CODE.R01: CODE.P01, CODE.R03: CODE.P03, CODE.R04: CODE.P04, CODE.R05: CODE.P05, CODE.R06: CODE.P08}
    table = {CODE.R01: "T01", CODE.R03: "T03", CODE.R04: "T04", CODE.R05: "T04", CODE.R06: "T05"}
    def borrows(rid: str, x: str) -> bool:  # the text borrows x only for a change the same way (reason_for)
        return x in _CHAIN[rid] and len({ctx.money(prior[f]) is not None and q(current[f]).compare(q(ctx.money(prior[f]))) for f in (rid, x)}) == 1
    missing, reported = [], set()
    for rid in (CODE.R01, CODE.R04, CODE.R03, CODE.R05, CODE.R06):
        if ctx.across_units(table[rid], FIELD_SHEET[prior[rid]]):
            continue  # R-UNIT: one sheet is in 元
        base = ctx.money(prior[rid])
        if base is None or q(current[rid]) == q(base):
            continue
        if ctx.text(rid) or any(ctx.text(x) for x in _CHAIN[rid] if borrows(rid, x)):
            continue
        missing.append((rid, base))
    for rid, base in missing:
        if any(x in reported for x in _CHAIN[rid] if borrows(rid, x)):
            continue  # filling the field it falls back on answers both
        reported.add(rid)
        also = [x for x, _ in missing if borrows(x, rid)]
        ctx.add("S-8", [ctx.field_cell(rid)], hint=_cell_hint(ctx, rid) + "；不填则正文省去原因分句",
                section=_SECTION[rid], current=fmt(current[rid]), prior=fmt(base), rid=rid, label=_label(rid),
                fallback=f"，也没有可沿用的 {'、'.join(_CHAIN[rid])}（同向变动时才沿用）" if _CHAIN[rid] else "",
                covers=f"（{'、'.join(_SECTION[x] for x in also)}也沿用它）" if also else "")


def _reasons_items(ctx: Context) -> None:
    """五(三): every line (项, or 类 in 类级 mode or when “项级预算” is coded by 类) whose 决算
    deviates from its 年初预算 (W5) needs R07 on a “项级预算” row of that line."""
    r = ctx.report
    if "T05" in ctx.missing or ctx.across_units("T05", LISTS_BY_ID[CODE.B02].name):
        return
    level, lines = budget_lines(r, r.settings.by_class)
    t5 = Tree(r.t05)
    t3 = Tree(r.t03).by_code
    for line in lines:
        code = line.code
        if code in ctx.bad_codes or (level == 7 and len(code) != 7):
            continue
        spent, budget = line.final, line.budget
        rate = _deviates(ctx, spent, budget)
        if rate is None or line.reason:
            continue
        name = (t5.by_code[code].name if code in t5.by_code else None) or \
            (t3[code].name if code in t3 else None) or ctx.catalog.func_name(code) or ""
        if budget == 0:
            why = "年初预算为 0 而决算不为 0"
        elif spent == 0:
            why = "决算为 0 而年初预算不为 0"
        else:
            why = (f"完成年初预算的 {rate}%，偏离 100% 达 {abs(rate - 100)} 个百分点"
                   f"（阈值 {_threshold(ctx)}）")
        fields = {"code": code, "name": f"“{name}”" if name else "", "budget": fmt(budget), "spent": fmt(spent),
                  "why": why}
        row = (line.own_rows or line.rows or (None,))[0]
        if row is not None:
            cell = ctx.list_cell(CODE.B02, row.index, "reason")
            ctx.add("S-8", [cell], "item", hint=f"请在 {cell} 填写“决算与年初预算差异原因”；不填则正文省去原因分句",
                    **fields)
        else:
            cell = _next_row_cell(ctx, CODE.B02)
            ctx.add("S-8", [cell], "item_row",
                    hint=f"请在“项级预算”表新增一行（如 {cell}）：科目编码 {code}、年初预算数 {fmt(budget)}、差异原因",
                    **fields)


_SANGONG = (("1", "budget_total", "final_total", "“三公”经费", (CODE.P09_1,)),
            ("2", "budget_abroad", "final_abroad", "因公出国（境）费", (CODE.P09_2,)),
            ("3", "budget_car", "final_car", "公务用车购置及运行维护费", (CODE.P09_3, CODE.P09_4)),
            ("4", "budget_reception", "final_reception", "公务接待费", (CODE.P09_5,)))


def _reasons_sangong(ctx: Context) -> None:
    """九: a deviation from the 全年预算 (W5) needs R08, a change against the prior year R09."""
    t9 = ctx.report.t09
    if "T09" in ctx.missing:
        return
    for n, budget_col, final_col, name, prior_ids in _SANGONG:
        budget, final = t9.get(budget_col), t9.get(final_col)
        rate = _deviates(ctx, final, budget)
        rid = f"R08-{n}"
        if rate is not None and not ctx.text(rid):
            why = "预算为 0 而决算不为 0" if budget == 0 else "决算为 0 而预算不为 0" if final == 0 else \
                f"完成全年预算的 {rate}%"
            ctx.add("S-8", [ctx.field_cell(rid)], "sangong_budget", hint=_cell_hint(ctx, rid), name=name,
                    budget=fmt(budget), final=fmt(final), why=why, rid=rid, label=_label(rid))
        priors = [ctx.money(p) for p in prior_ids]
        if any(p is None for p in priors) or ctx.across_units("T09", FIELD_SHEET[prior_ids[0]]):
            continue
        base = sum(priors, ZERO)
        rid = f"R09-{n}"
        if q(final) != q(base) and not ctx.text(rid):
            ctx.add("S-8", [ctx.field_cell(rid)], "sangong_prior", hint=_cell_hint(ctx, rid), name=name,
                    final=fmt(final), prior=fmt(base), rid=rid, label=_label(rid))


def _reasons_running(ctx: Context) -> None:
    """十: 机关运行经费 ≠ 年初预算 (B03) needs R10, ≠ 上年 (P12) needs R10-2 (not for 事业单位, who do
    not write the section)."""
    r = ctx.report
    if str(r.supp.get(CODE.G07, "")) == "事业单位":
        return
    actual = ctx.money(CODE.B04)
    source = "T06" if actual is None else FIELD_SHEET[CODE.B04]
    actual = r.t06.public_total if actual is None else actual
    budget, prior = ctx.money(CODE.B03), ctx.money(CODE.P12)
    if ctx.across_units(source, FIELD_SHEET[CODE.B03]):  # R-UNIT: one of them in 元
        budget = None
    if ctx.across_units(source, FIELD_SHEET[CODE.P12]):
        prior = None
    if budget is not None and q(actual) != q(budget) and not ctx.text(CODE.R10):
        ctx.add("S-8", [ctx.field_cell(CODE.R10)], "running", hint=_cell_hint(ctx, CODE.R10), spent=fmt(actual),
                budget=fmt(budget), label=_label(CODE.R10))
    if prior is not None and q(actual) != q(prior) and not ctx.text(CODE.R10_2):
        ctx.add("S-8", [ctx.field_cell(CODE.R10_2)], "running_prior", hint=_cell_hint(ctx, CODE.R10_2),
                spent=fmt(actual), prior=fmt(prior), label=_label(CODE.R10_2))


# -- S-9: self-evaluation scores ------------------------------------------------------------
def _scores(ctx: Context) -> None:
    r, supp = ctx.report, ctx.report.supp
    e06 = ctx.money(CODE.E06)
    parts = [ctx.money(f"E09-{i}") for i in (1, 2, 3)]
    if e06 is not None and all(p is not None for p in parts) and sum(parts, ZERO) != e06:
        total = sum(parts, ZERO)
        ctx.add("S-9", [ctx.field_cell(CODE.E06), *(ctx.field_cell(f"E09-{i}") for i in (1, 2, 3))],
                expected=total, actual=e06)
    b01 = ctx.money(CODE.B01)
    total = r.t05.total_of("total")
    total_unread = r.t05.total_cells.get("total") in ctx.unreadable  # not a 0 (one problem, one message)
    total_unread = total_unread or ctx.across_units("T05", FIELD_SHEET[CODE.B01])  # R-UNIT: one of them in 元
    if parts[0] is not None and b01 and total <= b01 and not total_unread:
        expected = q(Decimal(20) * total / b01)
        if expected != parts[0]:
            ctx.add("S-9", [ctx.field_cell(CODE.E09_1)], "execution", expected=expected, actual=parts[0],
                    total=fmt(total), b01=fmt(b01))
    indicators = supp.records("X")
    groups = {2: ("产出指标",), 3: ("效益指标", "满意度指标")}
    overall = [(i, rec) for i, rec in enumerate(indicators) if str(rec.get("owner", "")).strip() == "整体"]
    for n, level1 in groups.items():
        rows = [(i, rec) for i, rec in overall if rec.get("level1") in level1]
        scores = [money_of(rec.get("score")) for _, rec in rows]
        if parts[n - 1] is None or not rows or any(s is None for s in scores):
            continue
        s = sum(scores, ZERO)
        if s != parts[n - 1]:
            ctx.add("S-9", [ctx.field_cell(f"E09-{n}"), *(ctx.list_cell("X", i, "score") for i, _ in rows[:1])],
                    "level", expected=s, actual=parts[n - 1], n=n, label=_label(f"E09-{n}"), levels="、".join(level1))
    by_owner: dict[str, list] = {}  # one pass: a thousand projects must not rescan every indicator
    for x in indicators:
        by_owner.setdefault(str(x.get("owner", "")).strip(), []).append(x)
    for i, rec in enumerate(supp.records(CODE.E10)):
        score, budget, spent = (money_of(rec.get(k)) for k in ("score", "budget", "spent"))
        name = str(rec.get("name", "")).strip()
        rows = by_owner.get(name, [])
        scores = [money_of(x.get("score")) for x in rows]
        if score is None or not budget or spent is None or spent > budget or not rows or None in scores:
            continue  # over 100% the 预算执行 score is set by hand (the 整体自评表 rule)
        expected = q(Decimal(20) * spent / budget) + sum(scores, ZERO)
        if expected != score:
            ctx.add("S-9", [ctx.list_cell(CODE.E10, i, "score")], "project", expected=expected, actual=score,
                    name=name, spent=fmt(spent), budget=fmt(budget))


# -- S-10 … S-15 ------------------------------------------------------------------------------
def _titles_and_placeholders(ctx: Context) -> None:
    r = ctx.report
    year = ctx.year
    if _plausible(year):  # else S-15 reports the year itself
        for tid, (text, cell) in sorted(r.titles.items()):
            m = _YEAR_IN_TITLE.search(text)
            if m and int(m.group(1)) != year:
                ctx.add("S-10", [cell], hint=f"请把标题改为 {year} 年度，或核对“概况”G03", text=text,
                        found=m.group(1), year=year)
    for fid, value in r.supp.fields.items():
        if isinstance(value, str) and fid in FIELDS and FIELDS[fid].kind == "text":
            m = _PLACEHOLDER.search(value)
            if m:
                ctx.add("S-10", [ctx.field_cell(fid)], "field", fid=fid, label=_label(fid), found=m.group(0))
    for lid, spec in LISTS_BY_ID.items():
        for i, rec in enumerate(r.supp.records(lid)):
            for col in spec.columns:
                v = rec.values.get(col.key)
                m = _PLACEHOLDER.search(v) if isinstance(v, str) and col.kind == "text" else None
                if m:
                    ctx.add("S-10", [ctx.list_cell(lid, i, col.key)], "list", sheet=spec.name, n=i + 1,
                            label=col.label, found=m.group(0))
    for fid in (CODE.G01, CODE.G02, CODE.G15):
        if ctx.text(fid) in ("部门名称", "单位名称", "填报单位"):
            ctx.add("S-10", [ctx.field_cell(fid)], "placeholder", fid=fid, label=_label(fid), found=ctx.text(fid))


def _required(ctx: Context) -> None:
    r = ctx.report
    for fid, severity in _REQUIRED.items():
        if fid == CODE.G11 and str(r.supp.get(CODE.G04, "")) != "部门决算":
            continue
        if r.supp.get(fid) is None and ctx.field_cell(fid) not in ctx.reported:  # a wrong value is not also 未填
            ctx.add("S-11", [ctx.field_cell(fid)], severity=severity, hint=_cell_hint(ctx, fid),
                    sheet=FIELD_SHEET[fid], label=_label(fid), fid=fid)
    if not r.supp.records(CODE.G10):
        ctx.add("S-11", [_next_row_cell(ctx, CODE.G10)], "duties", hint="请在“职责”表从第3行起每行填写一段职责")
    if not r.supp.records(CODE.G12):
        ctx.add("S-11", [_next_row_cell(ctx, CODE.G12)], "units", severity=WARNING,
                hint="请在“二级单位”表从第3行起每行填写一个单位")
    if str(r.supp.get(CODE.W01, "")) == "重点工作完成情况" and not r.supp.records(CODE.W02) and not r.supp.records(CODE.W03):
        ctx.add("S-11", [_next_row_cell(ctx, CODE.W02)], "keywork", hint="请在“第四部分”表逐条填写标题和正文")
    if r.t05.total_of("project") != 0 and not r.supp.records(CODE.E10):
        ctx.add("S-11", [_next_row_cell(ctx, CODE.E10)], "projects", severity=WARNING, hint="请在“项目自评”表逐个项目填写")
    _indicators(ctx)
    for lid, spec in LISTS_BY_ID.items():
        for i, rec in enumerate(r.supp.records(lid)):
            for col in spec.columns:
                if col.required and rec.get(col.key) is None and ctx.list_cell(lid, i, col.key) not in ctx.reported:
                    # 指标 rows copied from a printed 自评表 lose their merged 一级/二级 cells: the text
                    # can still be written, so that is only a warning
                    merged = lid == "X" and col.key in ("level1", "level2")
                    ctx.add("S-11", [ctx.list_cell(lid, i, col.key)], "list", severity=WARNING if merged else None,
                            hint=f"请填写“{col.label}”" + ("（复制来的合并单元格请每行都填上）" if merged else "，或删除这一行"),
                            sheet=spec.name, n=i + 1, label=col.label)


def _indicators(ctx: Context) -> None:
    """One 警告 per 自评表 (the whole department, each project) without any filled 指标 row."""
    r = ctx.report

    def filled(rec) -> bool:
        return any(rec.get(k) not in (None, "") for k in ("level1", "level2", "level3", "target", "actual", "score"))
    owners = {str(rec.get("owner") or "").strip() for rec in r.supp.records("X") if filled(rec)}
    forms = [("整体", "部门整体", "整体绩效自评表")]
    forms += [(str(p.get("name")).strip(), f"项目“{str(p.get('name')).strip()}”", "该项目的项目绩效自评表")
              for p in r.supp.records(CODE.E10) if str(p.get("name") or "").strip()]
    for owner, whose, form in forms:
        if owner not in owners:
            ctx.add("S-11", [_next_row_cell(ctx, "X")], "indicators", severity=WARNING,
                    hint=f"请在“绩效指标”表按行填写，“所属”填“{owner}”", whose=whose, form=form)


def _prior_and_budget(ctx: Context) -> None:
    r = ctx.report
    needed = [CODE.P01, CODE.P03, CODE.P04, CODE.P05, CODE.P06, CODE.P07, CODE.P08,
              CODE.P09_1, CODE.P09_2, CODE.P09_3, CODE.P09_4, CODE.P09_5]
    if not r.t07.is_empty():
        needed.append(CODE.P10)
    if not r.t08.is_empty():
        needed.append(CODE.P11)
    for fid in needed:
        if ctx.money(fid) is None and ctx.field_cell(fid) not in ctx.reported:
            ctx.add("S-12", [ctx.field_cell(fid)], hint=_cell_hint(ctx, fid) + "（上年为 0 请填 0）",
                    label=_label(fid), fid=fid)
    if ctx.money(CODE.B01) is None and ctx.field_cell(CODE.B01) not in ctx.reported:
        ctx.add("S-13", [ctx.field_cell(CODE.B01)], hint=_cell_hint(ctx, CODE.B01), label=_label(CODE.B01),
                fid=CODE.B01,
                needed="第五节（三）和整体自评表需要")
    if str(r.supp.get(CODE.G07, "")) in ("行政单位", "参公事业单位") and ctx.money(CODE.B03) is None:
        ctx.add("S-13", [ctx.field_cell(CODE.B03)], hint=_cell_hint(ctx, CODE.B03), label=_label(CODE.B03),
                fid=CODE.B03,
                needed="行政、参公单位第十节需要与年初预算比较")


def _negatives(ctx: Context) -> None:
    r = ctx.report
    found: list[tuple[str, str, Decimal]] = []
    for tid, table in r.tables.items():
        sheet = ctx.sheet_of(tid)
        if isinstance(table, FixedTable):
            found += [(table.cell(row, col) or f"{sheet} {row}", sheet, v) for (row, col), v in table.values.items()
                      if v < 0]
        elif isinstance(table, CodedTable):
            found += [(table.total_cells.get(col) or f"{sheet} 合计行", sheet, v) for col, v in table.total.items()
                      if v < 0]
            found += [(row.cells.get(col) or f"{sheet} {row.code}", sheet, v) for row in table.rows
                      for col, v in row.values.items() if v < 0]
        elif isinstance(table, EconTable):
            found += [(table.cells.get(code) or f"{sheet} {code}", sheet, v) for code, v in table.values.items()
                      if v < 0]
        elif isinstance(table, SingleRowTable):
            found += [(table.cells.get(col) or f"{sheet} {col}", sheet, v) for col, v in table.values.items() if v < 0]
    for fid, value in r.supp.fields.items():  # counts (int) are S-21, settings S-22
        if fid in FIELDS and FIELDS[fid].kind in ("money", "num") and FIELD_SHEET[fid] != "设置":
            v = money_of(value)
            if v is not None and v < 0:
                found.append((ctx.field_cell(fid), FIELD_SHEET[fid], v))
    for lid, spec in LISTS_BY_ID.items():
        for i, rec in enumerate(r.supp.records(lid)):
            for col in spec.columns:
                if col.kind in ("money", "num"):
                    v = money_of(rec.values.get(col.key))
                    if v is not None and v < 0:
                        found.append((ctx.list_cell(lid, i, col.key), spec.name, v))
    for cell, sheet, v in found:
        ctx.add("S-14", [cell], actual=v, sheet=sheet, value=v)


def _year(ctx: Context) -> None:
    r = ctx.report
    raw = r.supp.get(CODE.G03)
    if raw is None:
        return
    year = ctx.year
    if not _plausible(year):
        ctx.add("S-15", [ctx.field_cell(CODE.G03)], hint=_cell_hint(ctx, CODE.G03), raw=raw,
                this_year=dt.date.today().year)
        return
    cover = r.supp.get(CODE.G08)
    if isinstance(cover, str):
        try:
            cover = dt.date.fromisoformat(cover.strip())
        except ValueError:
            cover = None
    if isinstance(cover, (dt.date, dt.datetime)) and cover.year <= year:
        ctx.add("S-15", [ctx.field_cell(CODE.G08)], "cover", severity=WARNING, hint=_cell_hint(ctx, CODE.G08),
                date=f"{cover:%Y-%m-%d}", year=year)


CHECKS = (_relations, _reasons_changes, _reasons_items, _reasons_sangong, _reasons_running, _scores,
          _titles_and_placeholders, _required, _prior_and_budget, _negatives, _year)
