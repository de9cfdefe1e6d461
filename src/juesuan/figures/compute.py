"""Every figure of 第三部分 computed from the Report (docs/RULES.md, docs/WORKBOOK.md).

Pure: no I/O, no wording.  Only numbers and the flags the wording depends on (rose / fell /
unchanged, base is zero, table empty, reason required).  Money stays ``Decimal``.
"""
from __future__ import annotations

from decimal import Decimal

from juesuan.spec.catalog import catalog, kemu_name
from juesuan.spec.layouts import T01 as L01, T02 as L02, T03 as L03, T04 as L04, T06 as L06, T07 as L07, T08 as L08, T09 as L09
from juesuan.model.report import Report
from juesuan.model.money import ZERO, q
from juesuan.spec.supplement import CODE, FIELDS
from juesuan.figures.options import Options, options
from juesuan.figures.sections import (Admin, Assets, Basic, ClassLine, Composition, Count, Detail, Figures, Fiscal, FundLine,
                       FundTable, Gpb,
                       IncomeExpense, ItemLine, Overall, Performance, Procurement, ProjectEval, ProjectUse,
                       SanGong, SanGongLine, SocTable, Special)
from juesuan.figures.values import Part, Subject, balanced, make_change, make_completion, rate_of
from juesuan.figures.budget_lines import budget_lines
from juesuan.figures.performance import total_score
from juesuan.figures.workbook_text import Reason, paragraph_lines, reason_for, sentence_text


# ---------------------------------------------------------------------------------------
# Names of 科目 (decision: the name 表5, 表3, 表2 print when they agree, else the dictionary K
# of the report's edition, else a printed name, else the code itself: catalog.kemu_name)
# ---------------------------------------------------------------------------------------
class Namer:
    def __init__(self, report: Report):
        self.k = catalog(report.year)
        # every name printed for a code, in table order (表5, 表3, 表2, 表7, 表8): indexed once
        self.printed: dict[str, list] = {}
        for t in (report.t05, report.t03, report.t02, report.t07, report.t08):
            for r in t.rows:
                self.printed.setdefault(r.code, []).append(r.name)

    def name(self, code: str) -> str:
        return kemu_name(code, self.k, self.printed.get(code, []))

    def path(self, code: str) -> tuple[Subject, ...]:
        cuts = [c for c in (3, 5, 7) if c <= len(code)]
        return tuple(Subject(code[:c], self.name(code[:c]), i + 1) for i, c in enumerate(cuts))


CLASS_SUFFIX = "支出"  # the word 类名 end with; 类简称 drops it (W12: 「一般公共服务（类）支出」)


def class_short(name: str) -> str:
    """类简称 = 类名 without the trailing 支出 (W12)."""
    if name.endswith(CLASS_SUFFIX) and len(name) > len(CLASS_SUFFIX):
        return name[: -len(CLASS_SUFFIX)]
    return name


# ---------------------------------------------------------------------------------------
def _money(report: Report, fid: str) -> Decimal | None:
    v = report.supp.get(fid)
    if v is None:
        return None
    return q(Decimal(str(v)))


def _int(report: Report, fid: str) -> int:
    v = report.supp.get(fid, FIELDS[fid].default if fid in FIELDS else None)
    return int(Decimal(str(v))) if v not in (None, "") else 0


def _num(v) -> Decimal | None:
    if v in (None, ""):
        return None
    return Decimal(str(v))



def subject_name(report: Report) -> str:
    g05 = report.supp.get(CODE.G05)
    if g05:
        return str(g05)
    choices = FIELDS[CODE.G05].choices  # 本部门 / 本单位
    department = FIELDS[CODE.G04].choices[0]  # 部门决算
    return choices[0] if report.supp.get(CODE.G04, department) == department else choices[1]


def _composition(table, layout, income: tuple[str, ...], spending: tuple[str, ...],
                 column: str | None = None) -> Composition:
    """The rows a 总计 is made of: the 本年 total always, the 结转结余 rows when not 0 (the
    standard row names of the layout, so a misprinted row name never reaches the text)."""
    def part(key: str, side: str) -> Part:
        amount = table.get(key, column) if column and side == "expense" else table.get(key)
        return Part(key, layout.side(side).row(key).name, amount, None)
    inc = [part(k, "income") for k in income]
    spend = [part(k, "expense") for k in spending]
    shown = any(p.amount != 0 for p in inc[1:] + spend[1:])
    return Composition(shown, [inc[0]] + [p for p in inc[1:] if p.amount != 0],
                       [spend[0]] + [p for p in spend[1:] if p.amount != 0])


def _overall_change(report: Report, o: Options):
    return make_change(report.t01.get("inc_grand"), _money(report, CODE.P01), o.places)


def _fiscal_change(report: Report, o: Options):
    return make_change(report.t04.get("f_inc_grand"), _money(report, CODE.P04), o.places)


def _borrowed(report: Report, o: Options, *fields: str) -> tuple:
    """R01 / R04 with the direction of the comparison each explains, for reason_for's fallbacks."""
    changes = {CODE.R01: _overall_change, CODE.R04: _fiscal_change}
    return tuple((f, changes[f](report, o).direction) for f in fields)


def _overall(report: Report, o: Options) -> Overall:
    grand = _overall_change(report, o)
    changed = bool(grand.amount)
    comp = _composition(report.t01, L01, ("inc_total", "inc_nonfiscal", "inc_begin"),
                        ("exp_total", "exp_distribution", "exp_end"))
    return Overall(grand, reason_for(report, CODE.R01), changed, comp)


def _income(report: Report, o: Options) -> IncomeExpense:
    total = report.t01.get("inc_total")
    t02 = report.t02
    cols = L02.columns[1:]  # 栏2–7
    items = [(c.key, c.label, t02.total_of(c.key)) for c in cols
             if c.key == "fiscal" or o.list_all or t02.total_of(c.key) != 0]
    ch = make_change(total, _money(report, CODE.P02), o.places)
    return IncomeExpense(ch, balanced(items, total, o), reason_for(report, CODE.R02), False)


def _expense(report: Report, o: Options) -> IncomeExpense:
    t03 = report.t03
    total = t03.total_of("total")
    cols = L03.columns[1:]  # 栏2–6
    items = [(c.key, c.label, t03.total_of(c.key)) for c in cols
             if c.key in ("basic", "project") or o.list_all or t03.total_of(c.key) != 0]
    ch = make_change(total, _money(report, CODE.P03), o.places)
    changed = bool(ch.amount)
    return IncomeExpense(ch, balanced(items, total, o), reason_for(report, CODE.R03, _borrowed(report, o, CODE.R01), changed, ch.direction), changed)


def _fiscal(report: Report, o: Options) -> Fiscal:
    t04 = report.t04
    grand = _fiscal_change(report, o)
    changed = bool(grand.amount)
    funds = []
    names = L01.side("income")
    for key, row, prior in (("gpb", "f_gpb", CODE.P05), ("fund", "f_fund", CODE.P06), ("soc", "f_soc", CODE.P07)):
        ch = make_change(t04.get(row), _money(report, prior), o.places)
        if o.omit_zero_funds and ch.current == 0 and not ch.base:
            continue
        reason = reason_for(report, CODE.R05, _borrowed(report, o, CODE.R04, CODE.R01), bool(ch.amount),
                            ch.direction) if key == "gpb" else Reason()
        funds.append(FundLine(key, names.row(f"inc_{key}").name, ch, reason))
    comp = _composition(t04, L04, ("f_inc_total", "f_begin"), ("f_exp_total", "f_end"), column="total")
    return Fiscal(grand, reason_for(report, CODE.R04, _borrowed(report, o, CODE.R01), changed, grand.direction),
                  changed, funds, comp)


def _gpb(report: Report, o: Options, namer: Namer) -> Gpb:
    t05 = report.t05
    total = t05.total_of("total")
    ch = make_change(total, _money(report, CODE.P08), o.places)
    changed = bool(ch.amount)
    share = rate_of(total, report.t01.get("exp_total"), o)
    uses = {str(r.get("code", "")).strip(): sentence_text(r.get("text")) for r in report.supp.records(CODE.U01)}
    class_amounts = [(c, a) for c, a in t05.class_amounts("total").items() if a != 0]
    parts = balanced([(c, namer.name(c), a) for c, a in class_amounts], total, o)
    classes = [ClassLine(p.key, p.name, class_short(p.name), p.amount, p.share, uses.get(p.key, "")) for p in parts]

    _level, lines = budget_lines(report, o.by_class)
    items = [ItemLine(line.code, namer.path(line.code), make_completion(line.budget, line.final, o, line.reason))
             for line in lines]
    b01 = _money(report, CODE.B01)
    split = balanced([("basic", L03.col("basic").label, t05.total_of("basic")),
                      ("project", L03.col("project").label, t05.total_of("project"))], total, o)
    projects = [ProjectUse(str(r.get("name", "")).strip(), q(Decimal(str(r.get("amount", 0) or 0))),
                           sentence_text(r.get("effect"))) for r in report.supp.records(CODE.U02) if r.get("name")]
    return Gpb(ch, share, reason_for(report, CODE.R06, _borrowed(report, o, CODE.R04, CODE.R01), changed, ch.direction),
               changed, classes,
               make_completion(b01 if b01 is not None else ZERO, total, o), split[0], split[1], projects, items)


def _details(report: Report, triples: tuple[int, ...]) -> list[Detail]:
    t06 = report.t06
    present = {c for c, v in t06.values.items() if v != 0}
    out = []
    for i in triples:
        for code in L06.triple_codes(i, present, all_codes=False):
            if len(code) == 5 and t06.get(code) != 0:
                out.append(Detail(code, t06.names.get(code) or L06.name_of(code)
                                  or catalog(report.year).econ_name(code) or code, t06.get(code)))
    return out


def _basic(report: Report) -> Basic:
    t06 = report.t06
    personnel = [i for i, g in enumerate(L06.triples) if g.label == L06.header_groups[0][0]]
    public = [i for i in range(len(L06.triples)) if i not in personnel]
    return Basic(report.t05.total_of("basic"), t06.personnel_total, t06.public_total,
                 _details(report, tuple(personnel)), _details(report, tuple(public)))


def _fund(report: Report, o: Options, subj: str, namer: Namer) -> FundTable:
    t07 = report.t07
    empty = all(t07.total_of(c.key) == 0 for c in L07.columns) and t07.is_empty()
    spend = make_change(t07.total_of("total"), _money(report, CODE.P10), o.places)
    items = [ItemLine(r.code, namer.path(r.code), make_completion(ZERO, r.get("total"), o))
             for r in sorted(t07.leaf_rows(), key=lambda r: r.code) if r.get("total") != 0]
    return FundTable(empty, L07.empty_sentence.format(主体自称=subj), t07.total_of("begin"), t07.total_of("income"),
                     spend, t07.total_of("end"), reason_for(report, CODE.R11_1), items)


def _soc(report: Report, o: Options, subj: str, namer: Namer) -> SocTable:
    t08 = report.t08
    empty = all(t08.total_of(c.key) == 0 for c in L08.columns) and t08.is_empty()
    items = [ItemLine(r.code, namer.path(r.code), make_completion(ZERO, r.get("total"), o))
             for r in sorted(t08.leaf_rows(), key=lambda r: r.code) if r.get("total") != 0]
    return SocTable(empty, L08.empty_sentence.format(主体自称=subj),
                    make_change(t08.total_of("total"), _money(report, CODE.P11), o.places),
                    t08.total_of("basic"), t08.total_of("project"), reason_for(report, CODE.R11_2), items)


def _sangong(report: Report, o: Options) -> SanGong:
    t09 = report.t09
    prior = {k: _money(report, f"P09-{i}") for i, k in enumerate(("total", "abroad", "purchase", "run", "reception"), 1)}
    car_prior = None if prior["purchase"] is None and prior["run"] is None else \
        (prior["purchase"] or ZERO) + (prior["run"] or ZERO)

    def line(col: str, p, n: int) -> SanGongLine:
        label = L09.col(f"final_{col}")
        name = label.groups[-1] if col == "car" else label.label
        comp = make_completion(t09.get(f"budget_{col}"), t09.get(f"final_{col}"), o,
                               reason_for(report, f"R08-{n}"), sangong=True)
        return SanGongLine(name, comp, make_change(t09.get(f"final_{col}"), p, o.places), reason_for(report, f"R09-{n}"))

    all_zero = all(v == 0 for v in t09.values.values()) and all(not v for v in prior.values())
    return SanGong(
        o.sangong_short and all_zero,
        line("total", prior["total"], 1), line("abroad", prior["abroad"], 2), line("car", car_prior, 3),
        line("reception", prior["reception"], 4),
        t09.get("final_car_purchase"), t09.get("final_car_run"),
        L09.col("final_car_purchase").label, L09.col("final_car_run").label,
        _int(report, CODE.N02), _int(report, CODE.N03), _int(report, CODE.N04), _int(report, CODE.N05),
        _money(report, CODE.N06) or ZERO, _int(report, CODE.N07), _int(report, CODE.N08),
        _money(report, CODE.N09) or ZERO, _int(report, CODE.N10), _int(report, CODE.N11),
    )


def _admin(report: Report, o: Options) -> Admin:
    applicable = report.supp.get(CODE.G07) != FIELDS[CODE.G07].choices[2]  # 事业单位: 不涉及
    amount = _money(report, CODE.B04)
    if amount is None:
        amount = report.t06.public_total
    ch = make_change(amount, _money(report, CODE.B03), o.places)
    prior = make_change(amount, _money(report, CODE.P12), o.places)
    return Admin(applicable, ch, reason_for(report, CODE.R10), bool(ch.amount), prior,
                 reason_for(report, CODE.R10_2))


def _procurement(report: Report, o: Options) -> Procurement:
    c = {i: _money(report, f"C0{i}") or ZERO for i in range(1, 9)}
    total = c[1] + c[2] + c[3]

    def part(key, amount, num):
        return Part(key, FIELDS[key].label, amount, rate_of(num, amount, o))

    return Procurement(
        total, o.procurement_short and total == 0,
        part(CODE.C01, c[1], c[6]), part(CODE.C02, c[2], c[7]), part(CODE.C03, c[3], c[8]),
        Part(CODE.C04, FIELDS[CODE.C04].label, c[4], rate_of(c[4], total, o)),
        Part(CODE.C05, FIELDS[CODE.C05].label, c[5], rate_of(c[5], c[4], o)),
    )


def _assets(report: Report, o: Options) -> Assets:
    cats = [Count(FIELDS[f"A0{i}"].label, _int(report, f"A0{i}")) for i in range(1, 9)]
    total = sum(c.count for c in cats)
    note = " ".join(paragraph_lines(report.supp.get(CODE.A10))).replace(" ", "")
    return Assets(total, cats, _int(report, CODE.A09), note, o.assets_short and total == 0)


def _performance(report: Report, o: Options) -> Performance:
    t05 = report.t05
    e10 = [r for r in report.supp.records(CODE.E10) if r.get("name")]
    evaluations = []
    for r in e10:
        comp = make_completion(q(Decimal(str(r.get("budget", 0) or 0))), q(Decimal(str(r.get("spent", 0) or 0))), o)
        evaluations.append(ProjectEval(str(r.get("name")).strip(), comp, total_score(r.get("score")),
                                       sentence_text(r.get("output")), sentence_text(r.get("problem")),
                                       sentence_text(r.get("measure"))))
    e01 = report.supp.get(CODE.E01)
    e02 = _money(report, CODE.E02)
    funds = e02 if e02 is not None else sum((e.completion.final for e in evaluations), ZERO)
    e04 = report.supp.get(CODE.E04)
    listed = len(report.supp.records(CODE.G12))
    units = int(Decimal(str(e04))) if e04 is not None else listed
    if e04 is not None and listed and units != listed:
        units = 0  # the count the workbook gives twice, differently, is not stated (S-25)
    e05 = _money(report, CODE.E05)
    subs = tuple(_num(report.supp.get(f"E09-{i}")) for i in (1, 2, 3))
    e11 = report.supp.get(CODE.E11)
    return Performance(
        int(Decimal(str(e01))) if e01 is not None else len(evaluations), funds,
        rate_of(funds, t05.total_of("project"), o), sentence_text(report.supp.get(CODE.E03)),
        units or None, e05 if e05 is not None else t05.total_of("total"),
        total_score(report.supp.get(CODE.E06)), sentence_text(report.supp.get(CODE.E07)),
        sentence_text(report.supp.get(CODE.E08)),
        subs if all(s is not None for s in subs) else None,
        int(Decimal(str(e11))) if e11 is not None else len(evaluations), evaluations,
        paragraph_lines(report.supp.get(CODE.E12)),
    )


def _special(report: Report) -> Special:
    has = report.supp.get(CODE.ZX1) == FIELDS[CODE.ZX1].choices[1]
    return Special(has, _money(report, CODE.ZX2) or ZERO, _money(report, CODE.ZX3) or ZERO,
                   sentence_text(report.supp.get(CODE.ZX4)))


def compute(report: Report) -> Figures:
    """Every figure of 第三部分, once."""
    o = options(report)
    namer = Namer(report)
    subj = subject_name(report)
    year = report.year or 0
    return Figures(
        year=year, prior_year=year - 1, dept=report.name, subject=subj, opts=o,
        caliber=str(report.supp.get(CODE.G04) or "").strip() or FIELDS[CODE.G04].choices[0],
        overall=_overall(report, o), income=_income(report, o), expense=_expense(report, o),
        fiscal=_fiscal(report, o), gpb=_gpb(report, o, namer), basic=_basic(report),
        fund=_fund(report, o, subj, namer), soc=_soc(report, o, subj, namer), sangong=_sangong(report, o),
        admin=_admin(report, o), procurement=_procurement(report, o), assets=_assets(report, o),
        perf=_performance(report, o), special=_special(report),
    )

