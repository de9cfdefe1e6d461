"""One declarative description of each of the nine 公开表 (docs/WORKBOOK.md is generated from it).

The blank-workbook writer, the reader, the checks and the Word renderer all read these
objects; nothing else in the code base restates a title, a 行次, a 栏次 or a column label.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property


LANCI = "栏次"  # label of the column-number row under every header


@dataclass(frozen=True)
class Col:
    key: str
    label: str
    lanci: int
    groups: tuple[str, ...] = ()  # merged header cells above the label, outermost first


@dataclass(frozen=True)
class FixedRow:
    key: str
    name: str
    hangci: dict[str, int]  # layout variant -> 行次
    code: str | None = None  # 类 code for the expenditure rows
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Side:
    key: str  # 'income' | 'expense'
    label: str  # 收入 / 支出
    columns: tuple[Col, ...]
    rows: tuple[FixedRow, ...]
    blank_hangci: dict[str, tuple[int, ...]] = field(default_factory=dict)  # printed empty rows

    def row(self, key: str) -> FixedRow:
        for r in self.rows:
            if r.key == key:
                return r
        raise KeyError(key)


@dataclass(frozen=True)
class Layout:
    id: str  # T01 … T09 (公开01表 …)
    number: int
    title: str
    note: str
    kind: str  # fixed | coded | econ | single
    old_number: int  # table number in the 2020 order (三公 = 表7)
    old_title: str | None = None
    empty_sentence: str | None = None  # Jinja-free text with {主体自称}; printed under an empty table
    landscape: bool = False

    @property
    def sheet_name(self) -> str:
        return f"公开{self.number:02d}表"


@dataclass(frozen=True)
class FixedLayout(Layout):
    sides: tuple[Side, ...] = ()
    variants: tuple[str, ...] = ("A",)

    def side(self, key: str) -> Side:
        return next(s for s in self.sides if s.key == key)


@dataclass(frozen=True)
class CodedLayout(Layout):
    columns: tuple[Col, ...] = ()
    code_header: str = "功能分类科目编码"

    def col(self, key: str) -> Col:
        return self._cols[key]

    @cached_property
    def _cols(self) -> dict[str, Col]:
        return {c.key: c for c in self.columns}


@dataclass(frozen=True)
class EconGroup:
    label: str  # 人员经费 / 公用经费 (merged over one or two column triples)
    classes: tuple[str, ...]  # 类 codes in this triple, in order


@dataclass(frozen=True)
class EconLayout(Layout):
    triples: tuple[EconGroup, ...] = ()
    header_groups: tuple[tuple[str, int], ...] = ()  # (label, number of triples it spans)
    codes: dict[str, tuple[tuple[str, str], ...]] = field(default_factory=dict)  # 类 -> ((款, name), …)
    class_names: dict[str, str] = field(default_factory=dict)
    optional_codes: frozenset = frozenset()
    personnel_classes: tuple[str, ...] = ("301", "303")
    public_classes: tuple[str, ...] = ("302", "307", "310", "312", "399")
    personnel_total_label: str = "人员经费合计"
    public_total_label: str = "公用经费合计"

    def name_of(self, code: str) -> str | None:
        if code in self.class_names:
            return self.class_names[code]
        return dict(self.codes.get(code[:3], ())).get(code)

    def triple_codes(self, index: int, present: set[str] | None = None, all_codes: bool = True) -> list[str]:
        """Codes printed in column triple ``index``: each 类 followed by its 款."""
        present = present or set()
        out: list[str] = []
        for cls in self.triples[index].classes:
            kuan = [c for c, _ in self.codes.get(cls, ())]
            extra = sorted(c for c in present if c.startswith(cls) and len(c) == 5 and c not in kuan)
            shown = [c for c in kuan + extra
                     if c in present or (all_codes and c not in self.optional_codes)]
            if cls in present or shown or (all_codes and cls not in self.optional_codes):
                out.append(cls)
                out.extend(shown)
        return out


@dataclass(frozen=True)
class SingleRowLayout(Layout):
    columns: tuple[Col, ...] = ()

    def col(self, key: str) -> Col:
        return self._cols[key]

    @cached_property
    def _cols(self) -> dict[str, Col]:
        return {c.key: c for c in self.columns}


# ---------------------------------------------------------------------------------------
# 26 功能分类 类 of T01/T04, in printed order (docs/WORKBOOK.md).  The k-th class is on 行次
# 30+k (T01 version A), 31+k (version B) and 32+k (T04).
FUNCTION_CLASSES: tuple[tuple[str, str], ...] = (
    ("201", "一般公共服务支出"), ("202", "外交支出"), ("203", "国防支出"), ("204", "公共安全支出"),
    ("205", "教育支出"), ("206", "科学技术支出"), ("207", "文化旅游体育与传媒支出"),
    ("208", "社会保障和就业支出"), ("210", "卫生健康支出"), ("211", "节能环保支出"),
    ("212", "城乡社区支出"), ("213", "农林水支出"), ("214", "交通运输支出"),
    ("215", "资源勘探工业信息等支出"), ("216", "商业服务业等支出"), ("217", "金融支出"),
    ("219", "援助其他地区支出"), ("220", "自然资源海洋气象等支出"), ("221", "住房保障支出"),
    ("222", "粮油物资储备支出"), ("223", "国有资本经营预算支出"), ("224", "灾害防治及应急管理支出"),
    ("229", "其他支出"), ("231", "债务还本支出"), ("232", "债务付息支出"), ("234", "抗疫特别国债安排的支出"),
)

_CN_DIGITS = "零一二三四五六七八九"
_CN_UNITS = ("", "十", "百", "千")


def cn_number(n: int) -> str:
    """1 -> 一, 12 -> 十二, 26 -> 二十六, 100 -> 一百, 105 -> 一百零五, 110 -> 一百一十, 1010 -> 一千零一十
    (headings 一、二、… of T01/T04 rows, projects, 第四部分 items: a large department has over 100).
    Beyond 9999, and for 0 or less, the Arabic number (no list is that long)."""
    n = int(n)
    if not 0 < n < 10000:
        return str(n)
    out, gap = "", False
    for pos in range(3, -1, -1):
        d = n // 10 ** pos % 10
        if d == 0:
            gap = bool(out)
            continue
        if gap:
            out += "零"
            gap = False
        out += _CN_DIGITS[d] + _CN_UNITS[pos]
    return out[1:] if 10 <= n < 20 else out  # 十二, not 一十二


def class_key(code: str) -> str:
    return f"c{code}"


def _class_rows(offsets: dict[str, int]) -> tuple[FixedRow, ...]:
    return tuple(
        FixedRow(class_key(code), name, {v: off + k for v, off in offsets.items()}, code=code)
        for k, (code, name) in enumerate(FUNCTION_CLASSES, start=1)
    )


T01 = FixedLayout(
    id="T01", number=1, old_number=1, kind="fixed", title="收入支出决算总表",
    note="注：1. 本表反映部门本年度的总收支和年末结转结余情况。2. 本套报表金额单位转换时可能存在尾数误差。",
    variants=("A", "B"),
    sides=(
        Side("income", "收入", (Col("amount", "金额", 1),), (
            FixedRow("inc_gpb", "一般公共预算财政拨款收入", {"A": 1, "B": 1}),
            FixedRow("inc_fund", "政府性基金预算财政拨款收入", {"A": 2, "B": 2}),
            FixedRow("inc_soc", "国有资本经营预算财政拨款收入", {"A": 3, "B": 3}),
            FixedRow("inc_superior", "上级补助收入", {"A": 4, "B": 4}),
            FixedRow("inc_business", "事业收入", {"A": 5, "B": 5}),
            FixedRow("inc_operating", "经营收入", {"A": 6, "B": 6}),
            FixedRow("inc_affiliate", "附属单位上缴收入", {"A": 7, "B": 7}),
            FixedRow("inc_other", "其他收入", {"A": 8, "B": 8}),
            FixedRow("inc_total", "本年收入合计", {"A": 27, "B": 27}),
            FixedRow("inc_nonfiscal", "使用非财政拨款结余（含专用结余）", {"A": 28, "B": 28},
                     aliases=("使用非财政拨款结余",)),
            FixedRow("inc_begin", "年初结转和结余", {"A": 29, "B": 29}),
            FixedRow("inc_grand", "总计", {"A": 30, "B": 31}),
        ), blank_hangci={"A": tuple(range(9, 27)), "B": tuple(range(9, 27)) + (30,)}),
        Side("expense", "支出", (Col("amount", "金额", 2),), _class_rows({"A": 30, "B": 31}) + (
            FixedRow("exp_total", "本年支出合计", {"A": 57, "B": 58}),
            FixedRow("exp_distribution", "结余分配", {"A": 58, "B": 59}),
            FixedRow("exp_end", "年末结转和结余", {"A": 59, "B": 60}),
            FixedRow("exp_grand", "总计", {"A": 60, "B": 62}),
        ), blank_hangci={"A": (), "B": (61,)}),
    ),
)

T04 = FixedLayout(
    id="T04", number=4, old_number=4, kind="fixed", title="财政拨款收入支出决算总表",
    note="注：本表反映部门本年度一般公共预算财政拨款、政府性基金预算财政拨款和国有资本经营预算财政拨款的总收支和年末结转结余情况。",
    sides=(
        Side("income", "收入", (Col("amount", "决算数", 1),), (
            FixedRow("f_gpb", "一般公共预算财政拨款", {"A": 1}),
            FixedRow("f_fund", "政府性基金预算财政拨款", {"A": 2}),
            FixedRow("f_soc", "国有资本经营预算财政拨款", {"A": 3}, aliases=("国有资本经营财政拨款",)),
            FixedRow("f_inc_total", "本年收入合计", {"A": 27}),
            FixedRow("f_begin", "年初财政拨款结转和结余", {"A": 28}, aliases=("年初财政结转和结余",)),
            FixedRow("f_begin_gpb", "一般公共预算财政拨款", {"A": 29}),
            FixedRow("f_begin_fund", "政府性基金预算财政拨款", {"A": 30}),
            FixedRow("f_begin_soc", "国有资本经营预算财政拨款", {"A": 31}),
            FixedRow("f_inc_grand", "总计", {"A": 32}),
        ), blank_hangci={"A": tuple(range(4, 27))}),
        Side("expense", "支出", (
            Col("total", "小计", 2, ("决算数",)),
            Col("gpb", "一般公共预算财政拨款", 3, ("决算数",)),
            Col("fund", "政府性基金预算财政拨款", 4, ("决算数",)),
            Col("soc", "国有资本经营预算财政拨款", 5, ("决算数",)),
        ), _class_rows({"A": 32}) + (
            FixedRow("f_exp_total", "本年支出合计", {"A": 59}),
            FixedRow("f_end", "年末财政拨款结转和结余", {"A": 60}),
            FixedRow("f_exp_grand", "总计", {"A": 64}),
        ), blank_hangci={"A": (61, 62, 63)}),
    ),
)

T02 = CodedLayout(
    id="T02", number=2, old_number=2, kind="coded", title="收入决算表",
    note="注：本表反映部门本年度取得的各项收入情况。",
    columns=(
        Col("total", "本年收入合计", 1), Col("fiscal", "财政拨款收入", 2), Col("superior", "上级补助收入", 3),
        Col("business", "事业收入", 4), Col("operating", "经营收入", 5),
        Col("affiliate", "附属单位上缴收入", 6), Col("other", "其他收入", 7),
    ),
)

T03 = CodedLayout(
    id="T03", number=3, old_number=3, kind="coded", title="支出决算表",
    note="注：本表反映部门本年度各项支出情况。",
    columns=(
        Col("total", "本年支出合计", 1), Col("basic", "基本支出", 2), Col("project", "项目支出", 3),
        Col("to_superior", "上缴上级支出", 4), Col("operating", "经营支出", 5),
        Col("to_affiliate", "对附属单位补助支出", 6),
    ),
)

T05 = CodedLayout(
    id="T05", number=5, old_number=5, kind="coded", title="一般公共预算财政拨款支出决算表",
    note="注：本表反映部门本年度一般公共预算财政拨款支出情况。",
    columns=(
        Col("total", "小计", 1, ("本年支出",)), Col("basic", "基本支出", 2, ("本年支出",)),
        Col("project", "项目支出", 3, ("本年支出",)),
    ),
)

T06 = EconLayout(
    id="T06", number=6, old_number=6, kind="econ", title="一般公共预算财政拨款基本支出决算明细表",
    old_title="一般公共预算财政拨款基本支出决算表", landscape=True,
    note="注：本表反映部门本年度一般公共预算财政拨款基本支出明细情况。",
    triples=(EconGroup("人员经费", ("301", "303")), EconGroup("公用经费", ("302",)),
             EconGroup("公用经费", ("307", "310", "312", "399"))),
    header_groups=(("人员经费", 1), ("公用经费", 2)),
    codes={
        "301": (("30101", "基本工资"), ("30102", "津贴补贴"), ("30103", "奖金"), ("30106", "伙食补助费"),
                ("30107", "绩效工资"), ("30108", "机关事业单位基本养老保险缴费"), ("30109", "职业年金缴费"),
                ("30110", "职工基本医疗保险缴费"), ("30111", "公务员医疗补助缴费"), ("30112", "其他社会保障缴费"),
                ("30113", "住房公积金"), ("30114", "医疗费"), ("30199", "其他工资福利支出")),
        "303": (("30301", "离休费"), ("30302", "退休费"), ("30303", "退职（役）费"), ("30304", "抚恤金"),
                ("30305", "生活补助"), ("30306", "救济费"), ("30307", "医疗费补助"), ("30308", "助学金"),
                ("30309", "奖励金"), ("30310", "个人农业生产补贴"), ("30311", "代缴社会保险费"),
                ("30399", "其他对个人和家庭的补助")),
        "302": (("30201", "办公费"), ("30202", "印刷费"), ("30203", "咨询费"), ("30204", "手续费"), ("30205", "水费"),
                ("30206", "电费"), ("30207", "邮电费"), ("30208", "取暖费"), ("30209", "物业管理费"),
                ("30211", "差旅费"), ("30212", "因公出国（境）费用"), ("30213", "维修（护）费"), ("30214", "租赁费"),
                ("30215", "会议费"), ("30216", "培训费"), ("30217", "公务接待费"), ("30218", "专用材料费"),
                ("30224", "被装购置费"), ("30225", "专用燃料费"), ("30226", "劳务费"), ("30227", "委托业务费"),
                ("30228", "工会经费"), ("30229", "福利费"), ("30231", "公务用车运行维护费"), ("30239", "其他交通费用"),
                ("30240", "税金及附加费用"), ("30299", "其他商品和服务支出")),
        "307": (("30701", "国内债务付息"), ("30703", "国内债务发行费用")),
        "310": (("31002", "办公设备购置"), ("31003", "专用设备购置"), ("31007", "信息网络及软件购置更新"),
                ("31013", "公务用车购置"), ("31019", "其他交通工具购置"), ("31021", "文物和陈列品购置"),
                ("31022", "无形资产购置"), ("31099", "其他资本性支出")),
        "312": (("31204", "费用补贴"), ("31299", "其他对企业补贴")),
        "399": (("39908", "对民间非营利组织和群众性自治组织补贴"),),
    },
    class_names={"301": "工资福利支出", "302": "商品和服务支出", "303": "对个人和家庭的补助",
                 "307": "债务利息及费用支出", "310": "资本性支出", "312": "对企业补助", "399": "其他支出"},
    # Not in the 2024 edition (S3): accepted on reading and printed only when non-zero.
    optional_codes=frozenset({"307", "30701", "30703", "31019", "31021", "312", "31204", "31299", "399", "39908"}),
)

T07 = CodedLayout(
    id="T07", number=7, old_number=8, kind="coded", title="政府性基金预算财政拨款收入支出决算表",
    note="注：本表反映部门本年度政府性基金预算财政拨款收入、支出及结转和结余情况。",
    empty_sentence="{主体自称}当年无政府性基金预算财政拨款收入支出。",
    columns=(
        Col("begin", "年初结转和结余", 1), Col("income", "本年收入", 2),
        Col("total", "小计", 3, ("本年支出",)), Col("basic", "基本支出", 4, ("本年支出",)),
        Col("project", "项目支出", 5, ("本年支出",)), Col("end", "年末结转和结余", 6),
    ),
)

T08 = CodedLayout(
    id="T08", number=8, old_number=9, kind="coded", title="国有资本经营预算财政拨款支出决算表",
    note="注：本表反映部门本年度国有资本经营预算财政拨款支出情况。",
    empty_sentence="{主体自称}当年无国有资本经营预算财政拨款支出。",
    columns=(
        Col("total", "合计", 1, ("本年支出",)), Col("basic", "基本支出", 2, ("本年支出",)),
        Col("project", "项目支出", 3, ("本年支出",)),
    ),
)

_CAR = "公务用车购置及运行维护费"


def _sangong_cols(side: str, first: int) -> tuple[Col, ...]:
    return (
        Col(f"{side}_total", "合计", first, (("预算数" if side == "budget" else "决算数"),)),
        Col(f"{side}_abroad", "因公出国（境）费", first + 1, (("预算数" if side == "budget" else "决算数"),)),
        Col(f"{side}_car", "小计", first + 2, (("预算数" if side == "budget" else "决算数"), _CAR)),
        Col(f"{side}_car_purchase", "公务用车购置费", first + 3, (("预算数" if side == "budget" else "决算数"), _CAR)),
        Col(f"{side}_car_run", "公务用车运行维护费", first + 4, (("预算数" if side == "budget" else "决算数"), _CAR)),
        Col(f"{side}_reception", "公务接待费", first + 5, (("预算数" if side == "budget" else "决算数"),)),
    )


T09 = SingleRowLayout(
    id="T09", number=9, old_number=7, kind="single", title="财政拨款“三公”经费支出决算表",
    old_title="一般公共预算财政拨款“三公”经费支出决算表", landscape=True,
    note=("注：本表反映部门本年度财政拨款“三公”经费支出预决算情况。其中，预算数为“三公”经费全年预算数，"
          "反映按规定程序调整后的预算数；决算数是包括当年财政拨款和以前年度结转资金安排的实际支出。"),
    empty_sentence="{主体自称}当年无财政拨款“三公”经费支出。",
    columns=_sangong_cols("budget", 1) + _sangong_cols("final", 7),
)

LAYOUTS: tuple[Layout, ...] = (T01, T02, T03, T04, T05, T06, T07, T08, T09)
BY_ID: dict[str, Layout] = {l.id: l for l in LAYOUTS}


def table_title(layout: Layout, year: int | None) -> str:
    return f"{year}年度{layout.title}" if year else layout.title
