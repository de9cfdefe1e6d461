"""Every figure the narrative of 第三部分 uses, computed once from the Report (DOMAIN.md §4).

Pure: no I/O, no wording.  The templates under ``templates/narrative/`` turn these objects into
sentences; this module only decides numbers and the flags the wording depends on (rose / fell /
unchanged, base is zero, table empty, reason required).  Money stays ``Decimal``; every
percentage is rounded exactly once, here, through :func:`juesuan.money.percent` or
:func:`juesuan.money.shares`, with the workbook's 百分比小数位 and 调平方法.

The objects are frozen dataclasses; each field's ``doc`` metadata is what
``make-report templates vars`` and ``docs/TEMPLATE_VARIABLES.md`` print for it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from .catalog import catalog, kemu_name
from .layouts import T01 as L01, T02 as L02, T03 as L03, T06 as L06, T07 as L07, T08 as L08, T09 as L09
from .model import Report
from .money import HUNDRED, ZERO, change, fmt_amount, fmt_percent, percent, q, shares
from .supplement_spec import FIELDS


def doc(text: str, **kw):
    """A dataclass field with its description for the template-variable reference."""
    return field(metadata={"doc": text}, **kw)


# ---------------------------------------------------------------------------------------
# Settings
# ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Options:
    """The 设置 that change numbers or wording of 第三部分 (DOMAIN §5.3)."""
    places: int = doc("百分比小数位（1 或 2）")
    keep_zeros: bool = doc("百分比保留尾零：是→100.00%")
    fixed_two: bool = doc("金额固定两位：是→36.30万元")
    rate_words: str = doc("升降词风格：上升下降 / 增长降低")
    total_junwei: bool = doc("收支总计措辞为“收、支总计均为”")
    list_all: bool = doc("收支项目列举为“全列”（二、三节零值项也写）")
    omit_zero_funds: bool = doc("省略零值资金：第四节本年、上年都为0的资金句不写")
    by_class: bool = doc("五三粒度为“类级”")
    write_shares_53: bool = doc("五三写占比：五（三）“其中：”后写基本、项目支出占比")
    threshold: Decimal = doc("偏差阈值（百分点），完成率偏离100%达到该值须写原因")
    zero_rate: str = doc("零分母比率写法：省略 / 0% / 100%（100%仅三公0÷0）")
    names_only: bool = doc("明细只列名称（第六节）")
    car_word: str = doc("三公车辆用语：跟表头 / 运行维护费 / 运行费")
    sangong_short: bool = doc("三公全零简式")
    procurement_short: bool = doc("采购零值简式")
    assets_short: bool = doc("资产零值简式")
    empty_with_numbers: bool = doc("空表附数值句（第七、八节）")
    section14: bool = doc("含第十四节")
    perf_sections: str = doc("十三小节：四节 / 三节")
    order: str = doc("节序：标准 / 2020版")
    balance: str = doc("调平方法：最大余数 / 末项调平")


def _yes(report: Report, key: str) -> bool:
    return str(report.setting(key)) == "是"


def options(report: Report) -> Options:
    places = int(Decimal(str(report.setting("百分比小数位"))))
    return Options(
        places=1 if places == 1 else 2,
        keep_zeros=_yes(report, "百分比保留尾零"),
        fixed_two=_yes(report, "金额固定两位"),
        rate_words=str(report.setting("升降词风格")),
        total_junwei=str(report.setting("收支总计措辞")) == FIELDS["收支总计措辞"].choices[1],
        list_all=str(report.setting("收支项目列举")) == FIELDS["收支项目列举"].choices[1],
        omit_zero_funds=_yes(report, "省略零值资金"),
        by_class=str(report.setting("五三粒度")) == FIELDS["五三粒度"].choices[1],
        write_shares_53=_yes(report, "五三写占比"),
        threshold=Decimal(str(report.setting("偏差阈值"))),
        zero_rate=str(report.setting("零分母比率写法")),
        names_only=_yes(report, "明细只列名称"),
        car_word=str(report.setting("三公车辆用语")),
        sangong_short=_yes(report, "三公全零简式"),
        procurement_short=_yes(report, "采购零值简式"),
        assets_short=_yes(report, "资产零值简式"),
        empty_with_numbers=_yes(report, "空表附数值句"),
        section14=_yes(report, "含第十四节"),
        perf_sections=str(report.setting("十三小节")),
        order=str(report.setting("节序")),
        balance=str(report.setting("调平方法")),
    )


# ---------------------------------------------------------------------------------------
# Building blocks
# ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Reason:
    """Reason text from the workbook (inserted literally, never evaluated)."""
    lines: tuple[str, ...] = doc("原因，每条一项（已去掉末尾的。；和序号）", default=())
    source: str = doc("来源编号，如 R01；沿用默认值时为被沿用的编号", default="")

    def __bool__(self) -> bool:
        return bool(self.lines)

    @property
    def is_list(self) -> bool:
        return len(self.lines) > 1


_ORDINAL = re.compile(r"^(?:[一二三四五六七八九十]+是|[（(]?\d+[)）.、．]|[一二三四五六七八九十]+[、.．])\s*")
_LEAD = re.compile(r"^主要原因(?:是|为)?[：:]?\s*")
_TAIL = "。；;，,.、 \t"


def text_lines(raw) -> tuple[str, ...]:
    """Non-empty stripped lines of a workbook text cell."""
    if raw is None:
        return ()
    return tuple(s.strip() for s in str(raw).replace("\r\n", "\n").replace("\r", "\n").split("\n") if s.strip())


def parse_reason(raw, source: str = "") -> Reason:
    """One reason per line; a trailing 。；, a leading 一是/1. and a leading 主要原因是 are dropped
    because the sentence around it supplies them (W6: never 「。。」)."""
    lines = []
    for line in text_lines(raw):
        line = _LEAD.sub("", line)
        if len(text_lines(raw)) > 1:
            line = _ORDINAL.sub("", line)
        line = line.rstrip(_TAIL).strip()
        if line:
            lines.append(line)
    return Reason(tuple(lines), source if lines else "")


def clean_text(raw) -> str:
    """A workbook text used inside a sentence: lines joined, trailing 。；, dropped (the template ends
    the sentence)."""
    out = ""
    for line in text_lines(raw):
        if out and out[-1] not in "。；;，,：:！？、":
            out += "；"
        out += line
    return out.rstrip(_TAIL).strip()


def paragraph_lines(raw) -> tuple[str, ...]:
    """A workbook text printed as paragraphs of its own: one per line, each ending a sentence."""
    out = []
    for line in text_lines(raw):
        if line[-1] not in "。！？":
            line = line.rstrip("；;，,、:：") + "。"
        out.append(line)
    return tuple(out)


@dataclass(frozen=True)
class Change:
    """本年与比较值（上年决算数或年初预算数）的变动（D1、W1–W4）。"""
    current: Decimal = doc("本年数")
    base: Decimal | None = doc("比较值（上年数或年初预算数）；未填时为 None")
    amount: Decimal | None = doc("变动额 |本年−比较值|；无比较值时为 None")
    rate: Decimal | None = doc("变动率 %（已按 F2 舍入）；比较值为 0 或未填时为 None")
    direction: str | None = doc("up / down / flat；无比较值时为 None")

    @property
    def compared(self) -> bool:
        return self.direction is not None

    @property
    def up(self) -> bool:
        return self.direction == "up"

    @property
    def down(self) -> bool:
        return self.direction == "down"

    @property
    def flat(self) -> bool:
        return self.direction == "flat"

    @property
    def base_zero(self) -> bool:
        """W4: the base is 0 and this year is not: write the amount, no rate."""
        return self.base is not None and self.base == 0 and self.direction != "flat"


def make_change(current: Decimal, base, places: int) -> Change:
    c = change(current, None if base is None else Decimal(str(base)), places)
    return Change(q(current or 0), c["base"], c["amount"], c["rate"], c["direction"])


@dataclass(frozen=True)
class Part:
    """One item of a list with a share (二、三、五（二）…)."""
    key: str = doc("项目键（表的栏键或科目编码）")
    name: str = doc("名称")
    amount: Decimal = doc("金额（万元）")
    share: Decimal | None = doc("占比 %（同一列表调平后合计正好 100）；分母为 0 时为 None")


def balanced(items: list[tuple[str, str, Decimal]], denominator: Decimal, opts: Options) -> list[Part]:
    """Shares of one list, adding up to exactly 100 (F3).  Only the non-zero items are balanced: a
    zero item is exactly 0% (末项调平 would otherwise push the whole difference onto a zero last item)."""
    nonzero = [i for i, (_, _, a) in enumerate(items) if a != 0]
    sh = shares([items[i][2] for i in nonzero], denominator, opts.places, opts.balance) if nonzero else None
    if denominator is None or denominator == 0:
        return [Part(k, n, a, None) for k, n, a in items]
    by_index = dict(zip(nonzero, sh)) if sh else {}
    return [Part(k, n, a, by_index.get(i, ZERO)) for i, (k, n, a) in enumerate(items)]


def zero_denominator_rate(numerator: Decimal, opts: Options, sangong: bool = False) -> Decimal | None:
    """W4 / 零分母比率写法: None (省略) or the rate to print when the denominator is 0.

    「100%」 is meant for 三公 0÷0 (S2); everywhere else it reads like 「0%」, which is what S2 prints there.
    """
    if opts.zero_rate == FIELDS["零分母比率写法"].choices[0]:
        return None
    if sangong and numerator == 0 and opts.zero_rate == "100%":
        return HUNDRED
    return Decimal(0)


def rate_of(numerator: Decimal, denominator: Decimal | None, opts: Options, sangong: bool = False):
    if denominator is None or denominator == 0:
        return zero_denominator_rate(numerator, opts, sangong)
    return percent(numerator, denominator, opts.places)


@dataclass(frozen=True)
class Completion:
    """决算与预算的比较：完成率（D3）与偏差原因（W5）。"""
    budget: Decimal = doc("预算数（年初或全年）")
    final: Decimal = doc("决算数")
    rate: Decimal | None = doc("完成率 %；预算为 0 且零分母比率写法=省略时为 None")
    relation: str = doc("over（决算>预算）/ under / equal")
    reason: Reason = doc("偏差原因（有内容时一律写出）")
    reason_required: bool = doc("W5：须写原因（偏离≥阈值、年初为0而决算不为0、决算为0而年初不为0）")

    @property
    def over(self) -> bool:
        return self.relation == "over"

    @property
    def under(self) -> bool:
        return self.relation == "under"

    @property
    def equal(self) -> bool:
        return self.relation == "equal"


def make_completion(budget: Decimal, final: Decimal, opts: Options, reason: Reason = Reason(),
                    sangong: bool = False) -> Completion:
    budget, final = q(budget or 0), q(final or 0)
    rate = rate_of(final, budget, opts, sangong)
    relation = "over" if final > budget else "under" if final < budget else "equal"
    if budget == 0:
        required = final != 0
    elif final == 0:
        required = True
    else:
        required = abs(final * HUNDRED / budget - HUNDRED) >= opts.threshold
    return Completion(budget, final, rate, relation, reason, required)


# ---------------------------------------------------------------------------------------
# Names of 科目 (decision: dictionary K, then 表5, 表3, 表2, else the code itself)
# ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Subject:
    """One level of a 功能分类科目."""
    code: str = doc("编码（3/5/7 位）")
    name: str = doc("名称：各表印的名称一致时用工作簿的名称，否则用字典 K，都没有时为编码本身")
    level: int = doc("层级：1 类、2 款、3 项")


class Namer:
    def __init__(self, report: Report):
        self.k = catalog(report.year)
        self.tables = [report.t05, report.t03, report.t02]

    def name(self, code: str) -> str:
        return kemu_name(code, self.k, [r.name for t in self.tables for r in t.rows if r.code == code])

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
# Sections
# ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Overall:
    """一、收入支出决算总体情况（表1 总计 vs P01）。"""
    grand: Change = doc("收、支总计（表1 总计）与上年（P01）比较")
    reason: Reason = doc("原因 R01")
    reason_required: bool = doc("D4：变动额≠0 时须写原因")


@dataclass(frozen=True)
class IncomeExpense:
    """二、收入决算 / 三、支出决算。"""
    total: Change = doc("本年收入合计（表1 行27）/ 本年支出合计（表3 合计栏1）与上年（P02/P03）比较")
    items: list[Part] = doc("其中各项（二：财政拨款收入及表2 栏3–7；三：基本、项目及表3 栏4–6），占比调平")
    reason: Reason = doc("原因 R02 / R03（R03 空时沿用 R01）")
    reason_required: bool = doc("D4：须写原因（三：变动额≠0）")


@dataclass(frozen=True)
class FundLine:
    """第四节第二段的一种资金。"""
    key: str = doc("gpb / fund / soc")
    name: str = doc("资金名称（表1 行1–3 名称）")
    change: Change = doc("本年（表4 行1–3）与上年（P05–P07）比较")
    reason: Reason = doc("原因（一般公共预算为 R05，沿用 R04；其余为空）")


@dataclass(frozen=True)
class Fiscal:
    """四、财政拨款收入支出决算总体情况。"""
    grand: Change = doc("财政拨款收、支总计（表4 行32）与上年（P04）比较")
    reason: Reason = doc("原因 R04（空时沿用 R01）")
    reason_required: bool = doc("D4：变动额≠0 时须写原因")
    funds: list[FundLine] = doc("三种资金（省略零值资金时去掉本年、上年都为0的）")


@dataclass(frozen=True)
class ClassLine:
    """五（二）的一个类。"""
    code: str = doc("类编码")
    name: str = doc("类名（字典 K）")
    short: str = doc("类简称（类名去掉末尾“支出”）")
    amount: Decimal = doc("表5 类决算")
    share: Decimal | None = doc("占表5 合计栏1 的比例 %（调平）")
    use: str = doc("U01“主要是用于…”（可为空）")


@dataclass(frozen=True)
class ItemLine:
    """五（三）的一条（项级；五三粒度=类级时为类）。"""
    code: str = doc("科目编码")
    path: tuple[Subject, ...] = doc("类、款、项名称（类级时只有类）")
    completion: Completion = doc("年初预算（B02）、支出决算（表5 栏1）、完成率与原因 R07")


@dataclass(frozen=True)
class ProjectUse:
    """U02 项目支出用途。"""
    name: str = doc("项目名称")
    amount: Decimal = doc("金额（万元）")
    effect: str = doc("主要成效（末尾标点已去掉）")


@dataclass(frozen=True)
class Gpb:
    """五、一般公共预算财政拨款支出。"""
    total: Change = doc("表5 合计栏1 与上年（P08）比较")
    share_of_expense: Decimal | None = doc("占本年支出合计（表1）的比例 %")
    reason: Reason = doc("原因 R06（空时沿用 R04、R01）")
    reason_required: bool = doc("D4：变动额≠0 时须写原因")
    classes: list[ClassLine] = doc("五（二）决算≠0 的类，编码升序")
    budget: Completion = doc("五（三）年初预算（B01）与决算（表5 合计栏1）")
    basic: Part = doc("表5 合计栏2 基本支出（share：占表5 合计栏1，五三写占比时用）")
    project: Part = doc("表5 合计栏3 项目支出")
    projects: list[ProjectUse] = doc("U02 项目支出主要用途")
    items: list[ItemLine] = doc("五（三）各项：表5 决算≠0 或 B02≠0，编码升序")


@dataclass(frozen=True)
class Detail:
    """表6 的一个款。"""
    code: str = doc("经济分类编码")
    name: str = doc("名称（照表6）")
    amount: Decimal = doc("决算数")


@dataclass(frozen=True)
class Basic:
    """六、基本支出。"""
    total: Decimal = doc("表5 合计栏2（不用人员+公用代替）")
    personnel: Decimal = doc("表6 人员经费合计")
    public: Decimal = doc("表6 公用经费合计")
    personnel_details: list[Detail] = doc("人员经费决算≠0 的款，表6 顺序")
    public_details: list[Detail] = doc("公用经费决算≠0 的款，表6 顺序")


@dataclass(frozen=True)
class FundTable:
    """七、政府性基金（表7）。"""
    empty: bool = doc("表7 合计栏1–6 全为 0")
    empty_sentence: str = doc("空表句（§2.10，与表下注同一句）")
    begin: Decimal = doc("年初结转和结余（栏1）")
    income: Decimal = doc("本年收入（栏2）")
    spend: Change = doc("本年支出（栏3）与上年（P10）比较")
    end: Decimal = doc("年末结转和结余（栏6）")
    reason: Reason = doc("原因 R11-1")
    items: list[ItemLine] = doc("本年支出≠0 的项（completion.final 为支出数）")


@dataclass(frozen=True)
class SocTable:
    """八、国有资本经营（表8）。"""
    empty: bool = doc("表8 合计栏1–3 全为 0")
    empty_sentence: str = doc("空表句（§2.10）")
    spend: Change = doc("本年支出（栏1）与上年（P11）比较")
    basic: Decimal = doc("基本支出（栏2）")
    project: Decimal = doc("项目支出（栏3）")
    reason: Reason = doc("原因 R11-2")


@dataclass(frozen=True)
class SanGongLine:
    """九的一项（合计、出国、公务用车、接待）。"""
    name: str = doc("名称（照表9 表头）")
    completion: Completion = doc("全年预算（表9 栏1–6）与决算（栏7–12），原因 R08")
    prior: Change = doc("决算与上年（P09）比较")
    prior_reason: Reason = doc("与上年变动原因 R09")


@dataclass(frozen=True)
class SanGong:
    """九、“三公”经费。"""
    all_zero_short: bool = doc("三公全零简式且预算、决算、上年全为 0")
    total: SanGongLine = doc("合计")
    abroad: SanGongLine = doc("因公出国（境）费")
    car: SanGongLine = doc("公务用车购置及运行维护费")
    reception: SanGongLine = doc("公务接待费")
    car_purchase: Decimal = doc("公务用车购置费（栏10）")
    car_run: Decimal = doc("公务用车运行维护费（栏11）")
    car_purchase_name: str = doc("表头名称：公务用车购置费")
    car_run_name: str = doc("表头名称：公务用车运行维护费")
    groups_abroad: int = doc("N02 出国团组数")
    people_abroad: int = doc("N03 出国人次")
    cars_bought: int = doc("N04 购置（更新）车辆数")
    cars_held: int = doc("N05 年末保有量")
    foreign_amount: Decimal = doc("N06 外宾接待支出")
    foreign_groups: int = doc("N07 外宾团组数")
    foreign_people: int = doc("N08 外宾人次")
    domestic_amount: Decimal = doc("N09 国内接待支出")
    domestic_groups: int = doc("N10 国内团组数")
    domestic_people: int = doc("N11 国内人次")


@dataclass(frozen=True)
class Admin:
    """十、机关运行经费。"""
    applicable: bool = doc("行政、参公单位为真；事业单位为假")
    amount: Change = doc("机关运行经费（B04，空则表6 公用经费合计）与年初预算（B03）比较")
    reason: Reason = doc("原因 R10")
    reason_required: bool = doc("决算≠年初预算时须写原因")


@dataclass(frozen=True)
class Procurement:
    """十一、政府采购。"""
    total: Decimal = doc("采购总额 C01+C02+C03")
    short: bool = doc("采购零值简式且总额为 0")
    goods: Part = doc("C01 货物（share：C06÷C01）")
    works: Part = doc("C02 工程（share：C07÷C02）")
    services: Part = doc("C03 服务（share：C08÷C03）")
    sme: Part = doc("C04 授予中小企业（share：C04÷总额）")
    small: Part = doc("C05 授予小微企业（share：C05÷C04）")


@dataclass(frozen=True)
class Count:
    name: str = doc("类别名称")
    count: int = doc("数量")


@dataclass(frozen=True)
class Assets:
    """十二、国有资产。"""
    vehicles: int = doc("车辆合计 A01+…+A08")
    categories: list[Count] = doc("车辆各类别（A01–A08）")
    equipment: int = doc("A09 单位价值100万元以上设备台（套）数")
    note: str = doc("A10 补充说明（成句，可为空）")
    short: bool = doc("资产零值简式且车辆为 0")


@dataclass(frozen=True)
class ProjectEval:
    """十三（三）一个项目的自评（E10）。"""
    name: str = doc("项目名称")
    completion: Completion = doc("全年预算数与执行数，完成预算的比例")
    score: Decimal | None = doc("绩效自评得分（可空）")
    output: str = doc("主要产出和效益")
    problem: str = doc("发现的问题及原因（可空）")
    measure: str = doc("下一步改进措施（可空）")


@dataclass(frozen=True)
class Performance:
    """十三、预算绩效。"""
    projects_count: int = doc("E01 自评项目个数（空则 E10 条数）")
    funds: Decimal = doc("E02 自评资金（空则 E10 执行数之和）")
    coverage: Decimal | None = doc("E02 ÷ 表5 合计栏3 %")
    summary: str = doc("E03 项目自评综述")
    units: int | None = doc("E04 整体自评单位数（空则 G12 条数；为 0 时 None）")
    whole_funds: Decimal = doc("E05 整体自评资金（空则表5 合计栏1）")
    score: Decimal | None = doc("E06 综合得分")
    grade: str = doc("E07 等级（可空）")
    whole_summary: str = doc("E08 整体综述（可空）")
    sub_scores: tuple[Decimal, ...] | None = doc("E09 分项得分（预算执行、产出、效益及满意度），三项都填时才有")
    first_level: int = doc("E11 一级项目个数（空则 E10 条数）")
    evaluations: list[ProjectEval] = doc("E10 各项目自评")
    application: tuple[str, ...] = doc("E12 结果应用情况，每行一段")


@dataclass(frozen=True)
class Special:
    """十四、专项支出、转移支付支出。"""
    has: bool = doc("ZX1 为“有”")
    special: Decimal = doc("ZX2 专项支出")
    transfer: Decimal = doc("ZX3 转移支付支出")
    use: str = doc("ZX4 主要用途")


@dataclass(frozen=True)
class Figures:
    """All of 第三部分's numbers; the template context is these attributes."""
    year: int = doc("年度 G03")
    prior_year: int = doc("上年（年度−1）")
    dept: str = doc("部门名称 G01")
    subject: str = doc("主体自称 G05（空则部门决算“本部门”，否则“本单位”）")
    opts: Options = doc("设置")
    overall: Overall = doc("一")
    income: IncomeExpense = doc("二")
    expense: IncomeExpense = doc("三")
    fiscal: Fiscal = doc("四")
    gpb: Gpb = doc("五")
    basic: Basic = doc("六")
    fund: FundTable = doc("七")
    soc: SocTable = doc("八")
    sangong: SanGong = doc("九")
    admin: Admin = doc("十")
    procurement: Procurement = doc("十一")
    assets: Assets = doc("十二")
    perf: Performance = doc("十三")
    special: Special = doc("十四")

    def context(self) -> dict:
        return {f: getattr(self, f) for f in self.__dataclass_fields__}


# ---------------------------------------------------------------------------------------
def _money(report: Report, fid: str) -> Decimal | None:
    v = report.supp.get(fid)
    if v is None:
        return None
    return q(Decimal(str(v)))


def _int(report: Report, fid: str) -> int:
    v = report.setting(fid) if fid in FIELDS else report.supp.get(fid)
    return int(Decimal(str(v))) if v not in (None, "") else 0


def _num(v) -> Decimal | None:
    if v in (None, ""):
        return None
    return Decimal(str(v))


def reason_for(report: Report, fid: str, fallbacks: tuple[str, ...] = (), changed: bool = True) -> Reason:
    """The reason the text prints: the field's own text always; a default (R03 → R01 …) only
    when there is a change to explain."""
    own = parse_reason(report.supp.get(fid), fid)
    if own or not changed:
        return own
    for fb in fallbacks:
        r = parse_reason(report.supp.get(fb), fb)
        if r:
            return r
    return Reason()


def subject_name(report: Report) -> str:
    g05 = report.supp.get("G05")
    if g05:
        return str(g05)
    choices = FIELDS["G05"].choices  # 本部门 / 本单位
    return choices[0] if report.supp.get("G04", FIELDS["G04"].choices[0]) == FIELDS["G04"].choices[0] else choices[1]


def _overall(report: Report, o: Options) -> Overall:
    grand = make_change(report.t01.get("inc_grand"), _money(report, "P01"), o.places)
    changed = bool(grand.amount)
    return Overall(grand, reason_for(report, "R01"), changed)


def _income(report: Report, o: Options) -> IncomeExpense:
    total = report.t01.get("inc_total")
    t02 = report.t02
    cols = L02.columns[1:]  # 栏2–7
    items = [(c.key, c.label, t02.total_of(c.key)) for c in cols
             if c.key == "fiscal" or o.list_all or t02.total_of(c.key) != 0]
    ch = make_change(total, _money(report, "P02"), o.places)
    return IncomeExpense(ch, balanced(items, total, o), reason_for(report, "R02"), False)


def _expense(report: Report, o: Options) -> IncomeExpense:
    t03 = report.t03
    total = t03.total_of("total")
    cols = L03.columns[1:]  # 栏2–6
    items = [(c.key, c.label, t03.total_of(c.key)) for c in cols
             if c.key in ("basic", "project") or o.list_all or t03.total_of(c.key) != 0]
    ch = make_change(total, _money(report, "P03"), o.places)
    changed = bool(ch.amount)
    return IncomeExpense(ch, balanced(items, total, o), reason_for(report, "R03", ("R01",), changed), changed)


def _fiscal(report: Report, o: Options) -> Fiscal:
    t04 = report.t04
    grand = make_change(t04.get("f_inc_grand"), _money(report, "P04"), o.places)
    changed = bool(grand.amount)
    funds = []
    names = L01.side("income")
    for key, row, prior in (("gpb", "f_gpb", "P05"), ("fund", "f_fund", "P06"), ("soc", "f_soc", "P07")):
        ch = make_change(t04.get(row), _money(report, prior), o.places)
        if o.omit_zero_funds and ch.current == 0 and not ch.base:
            continue
        reason = reason_for(report, "R05", ("R04", "R01"), bool(ch.amount)) if key == "gpb" else Reason()
        funds.append(FundLine(key, names.row(f"inc_{key}").name, ch, reason))
    return Fiscal(grand, reason_for(report, "R04", ("R01",), changed), changed, funds)


def _b02(report: Report) -> tuple[dict[str, Decimal], dict[str, Reason]]:
    budgets: dict[str, Decimal] = {}
    reasons: dict[str, Reason] = {}
    for rec in report.supp.records("B02"):
        code = str(rec.get("code", "")).strip()
        if not code:
            continue
        budgets[code] = budgets.get(code, ZERO) + q(Decimal(str(rec.get("budget", 0) or 0)))
        r = parse_reason(rec.get("reason"), "R07")
        if r:
            reasons[code] = Reason(reasons.get(code, Reason()).lines + r.lines, "R07")
    return budgets, reasons


def _gpb(report: Report, o: Options, namer: Namer) -> Gpb:
    t05 = report.t05
    total = t05.total_of("total")
    ch = make_change(total, _money(report, "P08"), o.places)
    changed = bool(ch.amount)
    share = rate_of(total, report.t01.get("exp_total"), o)
    uses = {str(r.get("code", "")).strip(): clean_text(r.get("text")) for r in report.supp.records("U01")}
    class_amounts = [(c, a) for c, a in t05.class_amounts("total").items() if a != 0]
    parts = balanced([(c, namer.name(c), a) for c, a in class_amounts], total, o)
    classes = [ClassLine(p.key, p.name, class_short(p.name), p.amount, p.share, uses.get(p.key, "")) for p in parts]

    budgets, reasons = _b02(report)
    finals = {r.code: r.get("total") for r in t05.leaf_rows()}
    codes = sorted(c for c in set(finals) | set(budgets) if finals.get(c, ZERO) != 0 or budgets.get(c, ZERO) != 0)
    if o.by_class:
        cls_codes = sorted({c[:3] for c in codes})
        items = []
        for cc in cls_codes:
            members = [c for c in codes if c[:3] == cc]
            comp = make_completion(sum((budgets.get(c, ZERO) for c in members), ZERO),
                                   sum((finals.get(c, ZERO) for c in members), ZERO), o)
            # a 类 line gives the reasons of its 项 that point the same way (W6: no contradicting direction)
            lines = tuple(line for c in members
                          if make_completion(budgets.get(c, ZERO), finals.get(c, ZERO), o).relation == comp.relation
                          for line in reasons.get(c, Reason()).lines)
            items.append(ItemLine(cc, namer.path(cc), make_completion(
                comp.budget, comp.final, o, Reason(lines, "R07" if lines else ""))))
    else:
        items = [ItemLine(c, namer.path(c), make_completion(budgets.get(c, ZERO), finals.get(c, ZERO), o,
                                                            reasons.get(c, Reason()))) for c in codes]
    b01 = _money(report, "B01")
    split = balanced([("basic", L03.col("basic").label, t05.total_of("basic")),
                      ("project", L03.col("project").label, t05.total_of("project"))], total, o)
    projects = [ProjectUse(str(r.get("name", "")).strip(), q(Decimal(str(r.get("amount", 0) or 0))),
                           clean_text(r.get("effect"))) for r in report.supp.records("U02") if r.get("name")]
    return Gpb(ch, share, reason_for(report, "R06", ("R04", "R01"), changed), changed, classes,
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
    spend = make_change(t07.total_of("total"), _money(report, "P10"), o.places)
    items = [ItemLine(r.code, namer.path(r.code), make_completion(ZERO, r.get("total"), o))
             for r in sorted(t07.leaf_rows(), key=lambda r: r.code) if r.get("total") != 0]
    return FundTable(empty, L07.empty_sentence.format(主体自称=subj), t07.total_of("begin"), t07.total_of("income"),
                     spend, t07.total_of("end"), reason_for(report, "R11-1"), items)


def _soc(report: Report, o: Options, subj: str) -> SocTable:
    t08 = report.t08
    empty = all(t08.total_of(c.key) == 0 for c in L08.columns) and t08.is_empty()
    return SocTable(empty, L08.empty_sentence.format(主体自称=subj),
                    make_change(t08.total_of("total"), _money(report, "P11"), o.places),
                    t08.total_of("basic"), t08.total_of("project"), reason_for(report, "R11-2"))


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
        _int(report, "N02"), _int(report, "N03"), _int(report, "N04"), _int(report, "N05"),
        _money(report, "N06") or ZERO, _int(report, "N07"), _int(report, "N08"),
        _money(report, "N09") or ZERO, _int(report, "N10"), _int(report, "N11"),
    )


def _admin(report: Report, o: Options) -> Admin:
    applicable = report.supp.get("G07") != FIELDS["G07"].choices[2]  # 事业单位: 不涉及
    amount = _money(report, "B04")
    if amount is None:
        amount = report.t06.public_total
    ch = make_change(amount, _money(report, "B03"), o.places)
    return Admin(applicable, ch, reason_for(report, "R10"), bool(ch.amount))


def _procurement(report: Report, o: Options) -> Procurement:
    c = {i: _money(report, f"C0{i}") or ZERO for i in range(1, 9)}
    total = c[1] + c[2] + c[3]

    def part(key, amount, num):
        return Part(key, FIELDS[key].label, amount, rate_of(num, amount, o))

    return Procurement(
        total, o.procurement_short and total == 0,
        part("C01", c[1], c[6]), part("C02", c[2], c[7]), part("C03", c[3], c[8]),
        Part("C04", FIELDS["C04"].label, c[4], rate_of(c[4], total, o)),
        Part("C05", FIELDS["C05"].label, c[5], rate_of(c[5], c[4], o)),
    )


def _assets(report: Report, o: Options) -> Assets:
    cats = [Count(FIELDS[f"A0{i}"].label, _int(report, f"A0{i}")) for i in range(1, 9)]
    total = sum(c.count for c in cats)
    note = " ".join(paragraph_lines(report.supp.get("A10"))).replace(" ", "")
    return Assets(total, cats, _int(report, "A09"), note, o.assets_short and total == 0)


def _performance(report: Report, o: Options) -> Performance:
    t05 = report.t05
    e10 = [r for r in report.supp.records("E10") if r.get("name")]
    evaluations = []
    for r in e10:
        comp = make_completion(q(Decimal(str(r.get("budget", 0) or 0))), q(Decimal(str(r.get("spent", 0) or 0))), o)
        evaluations.append(ProjectEval(str(r.get("name")).strip(), comp, _num(r.get("score")),
                                       clean_text(r.get("output")), clean_text(r.get("problem")),
                                       clean_text(r.get("measure"))))
    e01 = report.supp.get("E01")
    e02 = _money(report, "E02")
    funds = e02 if e02 is not None else sum((e.completion.final for e in evaluations), ZERO)
    e04 = report.supp.get("E04")
    units = int(Decimal(str(e04))) if e04 is not None else len(report.supp.records("G12"))
    e05 = _money(report, "E05")
    subs = tuple(_num(report.supp.get(f"E09-{i}")) for i in (1, 2, 3))
    e11 = report.supp.get("E11")
    return Performance(
        int(Decimal(str(e01))) if e01 is not None else len(evaluations), funds,
        rate_of(funds, t05.total_of("project"), o), clean_text(report.supp.get("E03")),
        units or None, e05 if e05 is not None else t05.total_of("total"),
        _num(report.supp.get("E06")), clean_text(report.supp.get("E07")), clean_text(report.supp.get("E08")),
        subs if all(s is not None for s in subs) else None,
        int(Decimal(str(e11))) if e11 is not None else len(evaluations), evaluations,
        paragraph_lines(report.supp.get("E12")),
    )


def _special(report: Report) -> Special:
    has = report.supp.get("ZX1") == FIELDS["ZX1"].choices[1]
    return Special(has, _money(report, "ZX2") or ZERO, _money(report, "ZX3") or ZERO, clean_text(report.supp.get("ZX4")))


def compute(report: Report) -> Figures:
    """Every figure of 第三部分, once."""
    o = options(report)
    namer = Namer(report)
    subj = subject_name(report)
    year = report.year or 0
    return Figures(
        year=year, prior_year=year - 1, dept=report.name, subject=subj, opts=o,
        overall=_overall(report, o), income=_income(report, o), expense=_expense(report, o),
        fiscal=_fiscal(report, o), gpb=_gpb(report, o, namer), basic=_basic(report),
        fund=_fund(report, o, subj, namer), soc=_soc(report, o, subj), sangong=_sangong(report, o),
        admin=_admin(report, o), procurement=_procurement(report, o), assets=_assets(report, o),
        perf=_performance(report, o), special=_special(report),
    )


# ---------------------------------------------------------------------------------------
# Number display (F1, F2): the one formatting both the text filters and the charts use.
# ---------------------------------------------------------------------------------------
def show_amount(value: Decimal, opts: Options) -> str:
    return fmt_amount(value, opts.fixed_two)


def show_percent(value: Decimal, opts: Options) -> str:
    return fmt_percent(value, opts.places, opts.keep_zeros)


# ---------------------------------------------------------------------------------------
# Charts 图1–图4 (DOMAIN §8)
# ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class ChartSpec:
    fig_id: str  # fig1 … fig4
    caption: str  # 图1：收、支决算总计变动情况
    kind: str  # bar | pie
    args: dict  # keyword arguments of juesuan.charts.bar_chart / pie_chart


def chart_specs(report: Report, templates_dir=None, figs: Figures | None = None) -> list[ChartSpec]:
    """图1–图4 with the numbers of the text: same amounts, same F1/F2 formatting, the balanced
    shares of 二 and 三.  A pie whose values are all 0 is left out (DOMAIN §8: 不画图).

    Captions and the words on the charts come from templates/narrative/charts.json.
    """
    from .narrative import load_data  # the caption text is template data, not code
    words = load_data("charts.json", templates_dir)
    figs = figs or compute(report)
    o = figs.opts
    out: list[ChartSpec] = []
    groups = [words["group"].format(year=figs.prior_year), words["group"].format(year=figs.year)]

    def bar(fig_id: str, income: Change, expense_now: Decimal):
        w = words[fig_id]
        prior = income.base if income.base is not None else ZERO
        series = [(w["series"][0], [prior, income.current]), (w["series"][1], [prior, expense_now])]
        out.append(ChartSpec(fig_id, w["caption"], "bar", {
            "title": w.get("title", ""), "groups": groups, "series": series,
            "value_labels": [[show_amount(v, o) for v in vals] for _, vals in series],
            "y_label": words["unit"]}))

    def pie(fig_id: str, parts: list[Part]):
        if not any(p.amount != 0 for p in parts) or any(p.amount < 0 for p in parts):
            return
        w = words[fig_id]
        out.append(ChartSpec(fig_id, w["caption"], "pie", {
            "title": w.get("title", ""), "labels": [p.name for p in parts], "values": [p.amount for p in parts],
            "share_labels": [show_percent(p.share if p.share is not None else ZERO, o) + "%" for p in parts]}))

    bar("fig1", figs.overall.grand, report.t01.get("exp_grand"))
    pie("fig2", figs.income.items)
    pie("fig3", figs.expense.items)
    bar("fig4", figs.fiscal.grand, report.t04.get("f_exp_grand", "total"))
    return out
