"""One frozen dataclass per section of 第三部分 (一 … 十四) and :class:`Figures`, all of them
together: the template context.  Only types and field descriptions here; the numbers are
decided in :mod:`juesuan.figures.compute`.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from juesuan.figures.options import Options, doc
from juesuan.figures.values import Change, Completion, Part, Subject
from juesuan.figures.workbook_text import Reason


@dataclass(frozen=True)
class Composition:
    """How a 收、支总计 is made up when 结转结余 make it differ from 本年收入 / 本年支出 (表1, 表4)."""
    shown: bool = doc("有结转结余（表1：使用非财政拨款结余、年初结转和结余、结余分配、年末结转和结余；"
                      "表4：年初、年末财政拨款结转和结余）不为 0：正文说明总计由哪些数组成")
    income: list[Part] = doc("收入总计的组成：本年收入合计，及不为 0 的结转结余行（表的标准行名）")
    spending: list[Part] = doc("支出总计的组成：本年支出合计，及不为 0 的结转结余行（表的标准行名）")


@dataclass(frozen=True)
class Overall:
    """一、收入支出决算总体情况（表1 总计 vs P01）。"""
    grand: Change = doc("收、支总计（表1 总计）与上年（P01）比较")
    reason: Reason = doc("原因 R01")
    reason_required: bool = doc("D4：变动额≠0 时须写原因")
    composition: Composition = doc("收、支总计的构成（表1 行27–29，本年支出合计、结余分配、年末结转和结余）")


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
    composition: Composition = doc("财政拨款收、支总计的构成（表4 行27、28，行59、60）")


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
    items: list[ItemLine] = doc("本年支出≠0 的项（completion.final 为支出数），编码升序")


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
    reason: Reason = doc("与年初预算差异的原因 R10")
    reason_required: bool = doc("决算≠年初预算时须写原因")
    prior: Change = doc("机关运行经费与上年（P12）比较；P12 未填时无比较值")
    prior_reason: Reason = doc("较上年变动的原因 R10-2（R10 只说明与年初预算的差异，不用于上年比较）")


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
    caliber: str = doc("决算口径 G04（部门决算 / 本级决算 / 单位决算），全文同一口径")
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

