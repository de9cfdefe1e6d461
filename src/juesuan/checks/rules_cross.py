"""表间规则 (docs/RULES.md, group 表间): the nine tables against each other.

X-6 (the code sets and names of 表2/表3/表5) lives in rules_codes.py with the other code rules.
"""
from __future__ import annotations

from juesuan.spec.layouts import FUNCTION_CLASSES, class_key
from juesuan.model.report import CodedTable
from juesuan.checks.context import Context, Term
from juesuan.checks.registry import ERROR, WARNING, define
from juesuan.checks.tree import Tree

G = "表间"
_CLASSES = {code for code, _ in FUNCTION_CLASSES}

define("X-1", "表1 本年收入合计 = 表2 合计", "表1 行27 = 表2 合计行 栏1", group=G,
       hint="表1 与表2 的本年收入合计应一致，请核对两表")
define("X-2", "表1 各项收入 = 表2 合计行各栏",
       "表1 行1 + 行2 + 行3 = 表2 合计行 栏2；表1 行4…行8 依次 = 表2 合计行 栏3…栏7", group=G,
       hint="请核对表1 收入各行与表2 合计行对应各栏")
define("X-3", "表1 本年支出合计 = 表3 合计", "表1 本年支出合计 = 表3 合计行 栏1", group=G,
       hint="请核对表1 本年支出合计与表3 合计行")
define("X-4", "表1 各类支出 = 表3 该类合计", "表1 各类行 = 表3 对应类行 栏1（表3 不印类行时按编码前3位把项行相加）",
       group=G, hint="请核对表1 该类支出与表3 该类各科目")
define("X-5", "无结转结余时：表2 = 表3（同一科目）", "同一编码：表2 栏1 = 表3 栏1（仅当表1 行28、29、结余分配、年末结转和结余全为 0）",
       group=G, hint="没有结转结余时，每个科目的收入应等于支出，请核对表2、表3 该科目")
define("X-7", "支出全部为一般公共预算时：表3 = 表5",
       "同一编码及合计行：表5 栏1/2/3 = 表3 栏1/2/3（仅当支出全部是一般公共预算财政拨款；否则表5 ≤ 表3，警告）",
       group=G, hint="请核对表3、表5 该科目")
define("X-8", "表4 财政拨款收入 = 表1", "表4 行1、行2、行3 = 表1 行1、行2、行3", group=G,
       hint="请核对表1、表4 的财政拨款收入")
define("X-9", "表4 一般公共预算支出 = 表5", "表4 各类行 栏3 = 表5 该类合计；表4 行59 栏3 = 表5 合计行 栏1", group=G,
       hint="请核对表4 栏3 与表5")
define("X-10", "收入全为财政拨款时：表1 各类支出 = 表4",
       "表1 各类行 = 表4 对应类行 栏2（仅当收入全是财政拨款；否则表4 ≤ 表1，警告）", group=G,
       hint="请核对表1、表4 该类支出")
define("X-11", "表5 基本支出 = 表6 人员经费 + 公用经费", "表5 合计行 栏2 = 表6 人员经费合计 + 公用经费合计", group=G,
       hint="请核对表5 基本支出与表6 两个合计")
define("X-12", "空表与表1、表4 对应行一致",
       "表7 为空 ⇔ 表1 行2、表4 行2、行30、栏4 都为空；表8 为空 ⇔ 表1 行3、表4 行3、行31、栏5 都为空",
       ERROR, "{sheet}为空（当年无{name}），但{listed}不为空。", group=G,
       variants={"filled": "{sheet}有数，但表1 行{row}、表4 对应行和栏都为空。"})
define("X-13", "无三公经费时表6 三公科目为空", "表9 栏7 = 0 ⇒ 表6 30212、30217、30231、31013 都为 0", ERROR,
       "{lhs}为 {actual}，但表9 “三公”经费决算（栏7）为 0，此处应为空。", group=G,
       hint="请核对表9 与表6 的“三公”经费科目")
define("X-14", "表4 与表7、表8 一致",
       "表4 行2 = 表7 合计栏2；行30 = 表7 栏1；行59 栏4 = 表7 栏3；行60 栏4 = 表7 栏6；行59 栏5 = 表8 栏1", group=G,
       hint="请核对表4 与表7、表8")
define("X-15", "各项财政拨款收支平衡",
       "表4：年末结转和结余 = 本年收入 + 年初结转和结余 − 本年支出（一般公共预算：行60 栏3 = 行1 + 行29 − 行59 栏3；"
       "政府性基金、国有资本经营同理）", WARNING, group=G, hint="请核对表4 该项资金的收入、支出与结转结余")
define("X-16", "表9 三公决算不小于表6 对应科目",
       "表9 栏8 ≥ 30212，栏10 ≥ 31013，栏11 ≥ 30231，栏12 ≥ 30217", WARNING,
       "{lhs}为 {actual}，小于{rhs} {expected}（少 {diff}）。", group=G, hint="请核对表9 与表6 的“三公”经费科目")
define("X-17", "结转与基本支出的包含关系", "表1 行29 ≥ 表4 行28；表3 合计行 栏2 ≥ 表5 合计行 栏2", WARNING,
       "{lhs}为 {actual}，小于{rhs} {expected}（少 {diff}）。", group=G, hint="前者包含后者，请核对")


def carryover(ctx: Context) -> bool:
    t = ctx.report.t01
    return any(t.get(k) != 0 for k in ("inc_nonfiscal", "inc_begin", "exp_distribution", "exp_end"))


def all_gpb(ctx: Context) -> bool:
    """Is all expenditure 一般公共预算财政拨款? (X-7): only that income, only that carry-over."""
    r = ctx.report
    if r.t03.total_of("total") == r.t05.total_of("total"):
        return True
    t1, t4 = r.t01, r.t04
    other = ("inc_fund", "inc_soc", "inc_superior", "inc_business", "inc_operating", "inc_affiliate",
             "inc_other", "inc_nonfiscal")
    return all(t1.get(k) == 0 for k in other) and t1.get("inc_begin") == t4.get("f_begin_gpb")


def all_fiscal(ctx: Context) -> bool:
    """Is all income 财政拨款? (X-10)"""
    t1, t4 = ctx.report.t01, ctx.report.t04
    if t1.get("exp_total") == t4.get("f_exp_total", "total"):
        return True
    other = ("inc_superior", "inc_business", "inc_operating", "inc_affiliate", "inc_other", "inc_nonfiscal")
    return all(t1.get(k) == 0 for k in other) and t1.get("inc_begin") == t4.get("f_begin")


def _class_terms(ctx: Context, tid: str, tree: Tree, code3: str, col: str) -> list[Term]:
    return [ctx.coded(tid, r, col) for r in tree.class_terms(code3)]


def _class_text(ctx: Context, tid: str, tree: Tree, code3: str) -> str:
    sheet = ctx.sheet_of(tid)
    return f"{sheet}{code3}类" + ("" if code3 in tree.by_code else "各科目之和")


def _x1_x4(ctx: Context) -> None:
    r = ctx.report
    f1 = lambda key: ctx.fixed("T01", key)
    ctx.check("X-1", f1("inc_total"), [ctx.coded_total("T02", "total")])
    ctx.check("X-2", ctx.coded_total("T02", "fiscal"), [f1("inc_gpb"), f1("inc_fund"), f1("inc_soc")],
              rhs_text=f"{ctx.sheet_of('T01')}行1＋行2＋行3")
    for key, col in (("inc_superior", "superior"), ("inc_business", "business"), ("inc_operating", "operating"),
                     ("inc_affiliate", "affiliate"), ("inc_other", "other")):
        ctx.check("X-2", f1(key), [ctx.coded_total("T02", col)])
    ctx.check("X-3", f1("exp_total"), [ctx.coded_total("T03", "total")])
    tree = Tree(r.t03)
    codes = sorted({c for c in tree.classes() if c in _CLASSES} |
                    {code for code, _ in FUNCTION_CLASSES if r.t01.get(class_key(code)) != 0})
    for code in codes:
        ctx.check("X-4", f1(class_key(code)), _class_terms(ctx, "T03", tree, code, "total"),
                  rhs_text=_class_text(ctx, "T03", tree, code))


def _x5(ctx: Context) -> None:
    if carryover(ctx):
        return  # with 结转结余 a code's income and expenditure legitimately differ (X-5 in docs/RULES.md)
    r = ctx.report
    t2, t3 = Tree(r.t02), Tree(r.t03)
    common = sorted(t2.leaf_codes() & t3.leaf_codes())
    for code in common:
        ctx.check("X-5", ctx.coded("T02", t2.by_code[code], "total"), [ctx.coded("T03", t3.by_code[code], "total")])


def _x7(ctx: Context) -> None:
    r = ctx.report
    if r.t05.is_empty() and not r.t05.rows:
        return
    t3, t5 = Tree(r.t03), Tree(r.t05)
    equal = all_gpb(ctx)
    op, sev = ("=", None) if equal else ("<=", WARNING)
    cols = ("total", "basic", "project")
    for col in cols:
        ctx.check("X-7", ctx.coded_total("T05", col), [ctx.coded_total("T03", col)], op=op, severity=sev)
    for code in sorted(t5.leaf_codes() & t3.leaf_codes()):
        if code in ctx.bad_codes:
            continue
        for col in cols:
            ctx.check("X-7", ctx.coded("T05", t5.by_code[code], col), [ctx.coded("T03", t3.by_code[code], col)],
                      op=op, severity=sev)


def _x8_x10(ctx: Context) -> None:
    r = ctx.report
    for k4, k1 in (("f_gpb", "inc_gpb"), ("f_fund", "inc_fund"), ("f_soc", "inc_soc")):
        ctx.check("X-8", ctx.fixed("T04", k4), [ctx.fixed("T01", k1)])
    t5 = Tree(r.t05)
    codes = sorted({c for c in t5.classes() if c in _CLASSES} |
                   {code for code, _ in FUNCTION_CLASSES if r.t04.get(class_key(code), "gpb") != 0})
    for code in codes:
        ctx.check("X-9", ctx.fixed("T04", class_key(code), "gpb"), _class_terms(ctx, "T05", t5, code, "total"),
                  rhs_text=_class_text(ctx, "T05", t5, code))
    ctx.check("X-9", ctx.fixed("T04", "f_exp_total", "gpb"), [ctx.coded_total("T05", "total")])
    equal = all_fiscal(ctx)
    for code, _ in FUNCTION_CLASSES:
        key = class_key(code)
        if r.t01.get(key) == 0 and r.t04.get(key, "total") == 0:
            continue
        if equal:
            ctx.check("X-10", ctx.fixed("T01", key), [ctx.fixed("T04", key, "total")])
        else:
            ctx.check("X-10", ctx.fixed("T04", key, "total"), [ctx.fixed("T01", key)], op="<=", severity=WARNING)


def _x11(ctx: Context) -> None:
    ctx.check("X-11", ctx.coded_total("T05", "basic"), [ctx.econ_total("personnel"), ctx.econ_total("public")])


def _x12_x14(ctx: Context) -> None:
    r = ctx.report
    for tid, inc1, inc4, begin4, col, name in (
            ("T07", "inc_fund", "f_fund", "f_begin_fund", "fund", "政府性基金预算财政拨款"),
            ("T08", "inc_soc", "f_soc", "f_begin_soc", "soc", "国有资本经营预算财政拨款")):
        table: CodedTable = r.tables[tid]
        if tid in ctx.missing or ctx.missing & {"T01", "T04"}:
            continue
        empty = table.is_empty()
        others = [ctx.fixed("T01", inc1), ctx.fixed("T04", inc4), ctx.fixed("T04", begin4)]
        others += [ctx.fixed("T04", k, col) for k in
                   [class_key(c) for c, _ in FUNCTION_CLASSES] + ["f_exp_total", "f_end", "f_exp_grand"]]
        nonzero = [t for t in others if t.value != 0]
        sheet = ctx.sheet_of(tid)
        if empty and nonzero:
            listed = "、".join(f"{t.named} {t.value:.2f}" for t in nonzero[:4]) + ("等" if len(nonzero) > 4 else "")
            ctx.add("X-12", [t.cell for t in nonzero], hint=f"如确有{name}，请填写{sheet}；否则请清空这些单元格",
                    sheet=sheet, name=name, listed=listed)
        elif not empty and not nonzero:
            cell = next((c for c in table.total_cells.values()), None) or f"{sheet} 合计行"
            ctx.add("X-12", [cell], "filled", hint=f"请在表1、表4 填写{name}收支，或清空{sheet}",
                    sheet=sheet, row=3 if tid == "T08" else 2)
    t9 = r.t09
    # an unreadable 表9 cell (R-FORMULA, R-NUM) is not a 0: one problem, one message
    if t9.get("final_total") == 0 and "T09" not in ctx.missing and t9.cells.get("final_total") not in ctx.unreadable:
        for code in ("30212", "30217", "30231", "31013"):
            if r.t06.get(code) != 0:
                ctx.check("X-13", ctx.econ(code), [])
    if not r.t07.is_empty():
        for k4, col4, col7 in (("f_fund", "amount", "income"), ("f_begin_fund", "amount", "begin"),
                               ("f_exp_total", "fund", "total"), ("f_end", "fund", "end")):
            ctx.check("X-14", ctx.fixed("T04", k4, col4), [ctx.coded_total("T07", col7)])
    if not r.t08.is_empty():
        ctx.check("X-14", ctx.fixed("T04", "f_exp_total", "soc"), [ctx.coded_total("T08", "total")])


def _x15_x17(ctx: Context) -> None:
    f4 = lambda key, col="amount": ctx.fixed("T04", key, col)
    for n, (inc, begin, col) in enumerate((("f_gpb", "f_begin_gpb", "gpb"), ("f_fund", "f_begin_fund", "fund"),
                                           ("f_soc", "f_begin_soc", "soc"))):
        terms = [f4(inc), f4(begin), f4("f_exp_total", col).negated()]
        if all(t.value == 0 for t in terms) and f4("f_end", col).value == 0:
            continue
        ctx.check("X-15", f4("f_end", col), terms, rhs_text=f"行{n + 1}＋行{n + 29}－行59栏{n + 3}")
    for col, code in (("final_abroad", "30212"), ("final_car_purchase", "31013"), ("final_car_run", "30231"),
                      ("final_reception", "30217")):
        ctx.check("X-16", ctx.t09(col), [ctx.econ(code)], op=">=")
    ctx.check("X-17", ctx.fixed("T01", "inc_begin"), [f4("f_begin")], op=">=")
    ctx.check("X-17", ctx.coded_total("T03", "basic"), [ctx.coded_total("T05", "basic")], op=">=")


CHECKS = (_x1_x4, _x5, _x7, _x8_x10, _x11, _x12_x14, _x15_x17)
