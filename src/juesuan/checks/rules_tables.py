"""表内规则 (docs/RULES.md, group 表内): the sums inside each 公开表.

Within each table the column sums (款/类 = Σ children, 合计 = Σ 类) are built before the row
rules (栏1 = 栏2 + …), so that when both break at the same cell the finding names the column
sum (see cascade.py).
"""
from __future__ import annotations

from juesuan.spec.layouts import FUNCTION_CLASSES, class_key
from juesuan.model.report import CodedTable
from juesuan.checks.context import Context
from juesuan.checks.registry import define
from juesuan.checks.tree import Tree

G = "表内"

define("T01-1", "本年收入合计 = 各项收入之和", "表1 行27 = 行1 + 行2 + … + 行8", group=G,
       hint="请核对表1 行1至行8 与行27，使行27等于其和")
define("T01-2", "收入总计 = 本年收入合计 + 使用非财政拨款结余 + 年初结转和结余",
       "表1 收入总计（行30，B版行31）= 行27 + 行28 + 行29", group=G,
       hint="请核对表1 收入侧“总计”与行27、28、29")
define("T01-3", "本年支出合计 = 各类支出之和", "表1 本年支出合计（行57，B版行58）= Σ 26 个功能分类类行", group=G,
       hint="请核对表1 支出侧各类行与“本年支出合计”")
define("T01-4", "支出总计 = 本年支出合计 + 结余分配 + 年末结转和结余",
       "表1 支出总计（行60，B版行62）= 本年支出合计 + 结余分配 + 年末结转和结余", group=G,
       hint="请核对表1 支出侧“总计”")
define("T01-5", "收入总计 = 支出总计", "表1 收入侧总计 = 支出侧总计", group=G,
       hint="收、支两侧总计应相等，请核对年初、年末结转和结余")

for _t, _n, _f in (("T02", "表2", "栏1 = 栏2 + 栏3 + … + 栏7"), ("T03", "表3", "栏1 = 栏2 + 栏3 + … + 栏6"),
                   ("T05", "表5", "栏1 = 栏2 + 栏3")):
    define(f"{_t}-1", f"{_n}逐行：合计栏 = 各栏之和", f"{_n} 每一行（含合计行）：{_f}", group=G,
           hint="请核对该行各栏，使栏1等于其余各栏之和")
    define(f"{_t}-2", f"{_n}合计行 = 各类（或各项）之和",
           f"{_n} 合计行 栏n = Σ 类行 栏n（只印项行时 Σ 项行），逐栏", group=G,
           hint="请核对合计行与各科目行，使合计行等于各类（各项）之和")
    define(f"{_t}-3", f"{_n}类 = Σ款，款 = Σ项", f"{_n} 类行 = Σ 其款行，款行 = Σ 其项行，逐栏（印了上级行时）",
           group=G, hint="请核对上级科目行与其下级科目行")

define("T04-1", "财政拨款本年收入合计 = 三项财政拨款之和", "表4 行27 = 行1 + 行2 + 行3", group=G,
       hint="请核对表4 行1至行3 与行27")
define("T04-2", "年初财政拨款结转和结余 = 三项之和", "表4 行28 = 行29 + 行30 + 行31", group=G,
       hint="请核对表4 行28 与行29至行31")
define("T04-3", "财政拨款收入总计 = 本年收入合计 + 年初结转和结余", "表4 行32 = 行27 + 行28", group=G,
       hint="请核对表4 行32")
define("T04-4", "财政拨款本年支出合计 = 各类支出之和", "表4 行59 = Σ 行33…行58，栏2至栏5逐栏", group=G,
       hint="请核对表4 支出侧各类行与行59")
define("T04-5", "财政拨款支出总计 = 本年支出合计 + 年末结转和结余", "表4 行64 = 行59 + 行60，栏2至栏5逐栏", group=G,
       hint="请核对表4 行64")
define("T04-6", "表4支出逐行：小计 = 三项财政拨款之和", "表4 支出侧每一行：栏2 = 栏3 + 栏4 + 栏5", group=G,
       hint="请核对该行栏2至栏5")
define("T04-7", "财政拨款收入总计 = 支出总计", "表4 行32 = 行64 栏2", group=G,
       hint="财政拨款收、支总计应相等")

define("T06-1", "表6 经济分类类 = Σ 其款", "表6 每个类（301/302/303/307/310/312/399）= Σ 其款", group=G,
       hint="请核对该类与其下各款")
define("T06-2", "人员经费合计 = 301 + 303", "表6 人员经费合计 = 301 工资福利支出 + 303 对个人和家庭的补助", group=G,
       hint="请核对表6 人员经费合计")
define("T06-3", "公用经费合计 = 302 + 307 + 310 + 312 + 399",
       "表6 公用经费合计 = 302 + 310（+ 列出的 307、312、399）", group=G, hint="请核对表6 公用经费合计")

define("T07-1", "表7 逐行与合计", "表7 逐行：栏3 = 栏4 + 栏5，栏6 = 栏1 + 栏2 − 栏3；合计行 = Σ 类行；类 = Σ款 = Σ项",
       group=G, hint="请核对表7 该行（列）")
define("T08-1", "表8 逐行与合计", "表8 逐行：栏1 = 栏2 + 栏3；合计行 = Σ 类行；类 = Σ款 = Σ项", group=G,
       hint="请核对表8 该行（列）")
define("T09-1", "三公合计 = 三项之和", "表9 栏1 = 栏2 + 栏3 + 栏6；栏7 = 栏8 + 栏9 + 栏12", group=G,
       hint="请核对表9 “三公”经费合计")
define("T09-2", "公务用车小计 = 购置费 + 运行维护费", "表9 栏3 = 栏4 + 栏5；栏9 = 栏10 + 栏11", group=G,
       hint="请核对表9 公务用车购置及运行维护费小计")

def _t01(ctx: Context) -> None:
    f = lambda key: ctx.fixed("T01", key)
    income = ["inc_gpb", "inc_fund", "inc_soc", "inc_superior", "inc_business", "inc_operating",
              "inc_affiliate", "inc_other"]
    ctx.check("T01-1", f("inc_total"), [f(k) for k in income], within="T01", rhs_text="行1至行8之和")
    classes = [f(class_key(code)) for code, _ in FUNCTION_CLASSES]
    ctx.check("T01-3", f("exp_total"), classes, within="T01", rhs_text="各类支出行之和")
    ctx.check("T01-2", f("inc_grand"), [f("inc_total"), f("inc_nonfiscal"), f("inc_begin")], within="T01",
              rhs_text="行27＋行28＋行29")
    ctx.check("T01-4", f("exp_grand"), [f("exp_total"), f("exp_distribution"), f("exp_end")], within="T01",
              rhs_text="本年支出合计＋结余分配＋年末结转和结余")
    ctx.check("T01-5", f("inc_grand"), [f("exp_grand")], within="T01",
              lhs_text=f"{ctx.sheet_of('T01')}收入侧“总计”", rhs_text="支出侧“总计”")


def _t04(ctx: Context) -> None:
    f = lambda key, col="amount": ctx.fixed("T04", key, col)
    ctx.check("T04-1", f("f_inc_total"), [f("f_gpb"), f("f_fund"), f("f_soc")], within="T04", rhs_text="行1＋行2＋行3")
    ctx.check("T04-2", f("f_begin"), [f("f_begin_gpb"), f("f_begin_fund"), f("f_begin_soc")], within="T04",
              rhs_text="行29＋行30＋行31")
    cols = ("total", "gpb", "fund", "soc")
    for col in cols:
        ctx.check("T04-4", f("f_exp_total", col), [f(class_key(code), col) for code, _ in FUNCTION_CLASSES],
                  within="T04", rhs_text="各类支出行之和")
    ctx.check("T04-3", f("f_inc_grand"), [f("f_inc_total"), f("f_begin")], within="T04", rhs_text="行27＋行28")
    lanci = {c.key: c.lanci for c in ctx.report.t04.layout.side("expense").columns}
    for col in cols:
        ctx.check("T04-5", f("f_exp_grand", col), [f("f_exp_total", col), f("f_end", col)], within="T04",
                  rhs_text=f"行59＋行60（栏{lanci[col]}）")
    rows = [class_key(code) for code, _ in FUNCTION_CLASSES] + ["f_exp_total", "f_end", "f_exp_grand"]
    for key in rows:
        ctx.check("T04-6", f(key, "total"), [f(key, "gpb"), f(key, "fund"), f(key, "soc")], within="T04",
                  rhs_text="栏3＋栏4＋栏5")
    ctx.check("T04-7", f("f_inc_grand"), [f("f_exp_grand", "total")], within="T04",
              lhs_text=f"{ctx.sheet_of('T04')}收入侧“总计”（行32）", rhs_text="支出侧“总计”（行64 栏2）")


def coded_sums(ctx: Context, tid: str, rule_hier: str, rule_total: str, rule_row: str,
               row_rules: list[tuple[str, list[tuple[str, int]]]]) -> None:
    """Column sums (hierarchy, 合计) then the row relations of a coded table.

    ``row_rules``: (result column, [(addend column, sign), …]) per row relation.
    """
    table: CodedTable = ctx.report.tables[tid]
    if not table.rows and all(v == 0 for v in table.total.values()):
        return
    tree = Tree(table)
    cols = [c.key for c in table.layout.columns]
    sheet = ctx.sheet_of(tid)
    for row in table.rows:
        kids = tree.children.get(row.code)
        if not kids:
            continue
        level = "各款" if all(len(k.code) == 5 for k in kids) else "各项" if all(len(k.code) == 7 for k in kids) \
            else "下级科目"
        for col in cols:
            ctx.check(rule_hier, ctx.coded(tid, row, col), [ctx.coded(tid, k, col) for k in kids], within=tid,
                      rhs_text=f"其下{level}之和")
    top = tree.top()
    what = "各类" if top and all(len(r.code) == 3 for r in top) else "各项" if top and all(
        len(r.code) == 7 for r in top) else "各科目行"
    for col in cols:
        ctx.check(rule_total, ctx.coded_total(tid, col), [ctx.coded(tid, r, col) for r in top], within=tid,
                  lhs_text=f"{sheet}合计行栏{table.layout.col(col).lanci}“{table.layout.col(col).label}”",
                  rhs_text=f"{what}之和")
    for result, addends in row_rules:
        rc = table.layout.col(result)
        text = "".join((("＋" if i else "") if s > 0 else "－") + f"栏{table.layout.col(c).lanci}"
                       for i, (c, s) in enumerate(addends))
        for row in [None, *table.rows]:
            if row is None:
                lhs = ctx.coded_total(tid, result)
                terms = [ctx.coded_total(tid, c) for c, _ in addends]
                where = "合计行"
            else:
                lhs = ctx.coded(tid, row, result)
                terms = [ctx.coded(tid, row, c) for c, _ in addends]
                where = f"{row.code}{'“' + row.name + '”' if row.name else ''}"
            terms = [t if s > 0 else t.negated() for t, (_, s) in zip(terms, addends)]
            ctx.check(rule_row, lhs, terms, within=tid,
                      lhs_text=f"{sheet}{where}栏{rc.lanci}“{rc.label}”", rhs_text=text)


def _coded(ctx: Context) -> None:
    coded_sums(ctx, "T02", "T02-3", "T02-2", "T02-1",
               [("total", [(c, 1) for c in ("fiscal", "superior", "business", "operating", "affiliate", "other")])])
    coded_sums(ctx, "T03", "T03-3", "T03-2", "T03-1",
               [("total", [(c, 1) for c in ("basic", "project", "to_superior", "operating", "to_affiliate")])])
    coded_sums(ctx, "T05", "T05-3", "T05-2", "T05-1", [("total", [("basic", 1), ("project", 1)])])


def _t06(ctx: Context) -> None:
    t = ctx.report.t06
    layout = t.layout
    present = set(t.values) | set(t.cells)
    classes = list(layout.codes)
    classes += sorted({c[:3] for c in present if len(c) == 5 and c[:3] not in classes})
    for cls in classes:
        kuan = sorted(c for c in present if len(c) == 5 and c.startswith(cls))
        if cls not in present and not any(t.get(c) for c in kuan):
            continue
        ctx.check("T06-1", ctx.econ(cls), [ctx.econ(c) for c in kuan], within="T06", rhs_text="其下各款之和")
    ctx.check("T06-2", ctx.econ_total("personnel"), [ctx.econ(c) for c in layout.personnel_classes], within="T06",
              rhs_text="301＋303 之和")
    ctx.check("T06-3", ctx.econ_total("public"), [ctx.econ(c) for c in layout.public_classes], within="T06",
              rhs_text="302＋307＋310＋312＋399 之和")


def _t07_t08(ctx: Context) -> None:
    coded_sums(ctx, "T07", "T07-1", "T07-1", "T07-1",
               [("total", [("basic", 1), ("project", 1)]), ("end", [("begin", 1), ("income", 1), ("total", -1)])])
    coded_sums(ctx, "T08", "T08-1", "T08-1", "T08-1", [("total", [("basic", 1), ("project", 1)])])


def _t09(ctx: Context) -> None:
    for side, text in (("budget", "栏4＋栏5"), ("final", "栏10＋栏11")):
        ctx.check("T09-2", ctx.t09(f"{side}_car"), [ctx.t09(f"{side}_car_purchase"), ctx.t09(f"{side}_car_run")],
                  within="T09", rhs_text=text)
    for side, text in (("budget", "栏2＋栏3＋栏6"), ("final", "栏8＋栏9＋栏12")):
        ctx.check("T09-1", ctx.t09(f"{side}_total"),
                  [ctx.t09(f"{side}_abroad"), ctx.t09(f"{side}_car"), ctx.t09(f"{side}_reception")], within="T09",
                  rhs_text=text)


CHECKS = (_t01, _coded, _t04, _t06, _t07_t08, _t09)
