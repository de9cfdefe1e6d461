"""The supplementary sheets of the standard workbook, described once (docs/WORKBOOK.md
is generated from it).

Two kinds of sheet: a *form* (one labelled input per row: 编号 | 项目 | 填写值 | 填写说明) and a
*list* (one record per row under a header row).  The 编号 (G01, P01, …) and the labels are
stable: the reader finds inputs by 编号 first and by label second.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from types import SimpleNamespace


@dataclass(frozen=True)
class Field:
    id: str
    label: str
    kind: str = "text"  # money | int | num | text | enum | date | year
    hint: str = ""
    required: bool = False
    choices: tuple[str, ...] = ()
    default: object = None
    number: str = ""  # the 编号 shown in the workbook when it is not the id (设置: S01 …)
    example: str = ""  # one line: the sentence each option produces (设置)

    @property
    def shown_id(self) -> str:
        return self.number or self.id

    def guide(self) -> str:
        """The 填写说明 cell: hint, options one per “/”, example."""
        parts = [self.hint] if self.hint else []
        if self.choices:
            parts.append("可选：" + " / ".join(self.choices))
        if self.example:
            parts.append("例：" + self.example)
        return "；".join(parts)


@dataclass(frozen=True)
class Pointer:
    """A row that fills a gap in the 编号: the input with this 编号 is a list on another sheet."""
    id: str
    label: str
    hint: str


@dataclass(frozen=True)
class FormSheet:
    name: str
    title: str
    fields: tuple[Field, ...]
    pointers: tuple[Pointer, ...] = ()


@dataclass(frozen=True)
class ListColumn:
    key: str
    label: str
    kind: str = "text"
    hint: str = ""
    required: bool = False
    choices: tuple[str, ...] = ()
    width: int = 16


@dataclass(frozen=True)
class ListSheet:
    name: str
    id: str  # 编号 of the list (G10, B02, …)
    title: str
    columns: tuple[ListColumn, ...]
    # Next year's workbook (init --from) carries these columns; a row with only them filled and
    # every ``this_year`` column empty waits for this year's figures: it is not printed and the
    # check groups such rows into one 提示 per sheet (S-27), not one 未填 per cell.
    carried: tuple[str, ...] = ()
    this_year: tuple[str, ...] = ()


YES_NO = ("否", "是")
LIST_FIRST_ROW = 3  # a list sheet as written: title row, column labels, then one record per row

GENERAL = FormSheet("概况", "基本信息（第一部分及封面）", (
    Field("G01", "部门全称", "text", "如：武汉市汉阳区总工会", True),
    Field("G02", "文中简称", "text", "如：区总工会（可空）"),
    Field("G03", "年度", "year", "决算年度，如 2024", True),
    Field("G04", "决算口径", "enum", "部门决算＝本级＋下属单位；本级/单位决算＝只含本级", True,
          ("部门决算", "本级决算", "单位决算")),
    Field("G05", "主体自称", "enum", "全报告统一；空则部门决算用“本部门”，本级/单位决算用“本单位”", False,
          ("本部门", "本单位")),
    Field("G06", "财政级次", "enum", "用于名词解释（区级→区直，市级→市直，省级→省直）", True,
          ("区级", "县级", "市级", "省级")),
    Field("G07", "单位性质", "enum", "决定第十节机关运行经费的写法", True, ("行政单位", "参公事业单位", "事业单位")),
    Field("G08", "封面日期", "date", "如 2025-10-20（可空）"),
    Field("G09", "附件编号", "text", "封面左上角，如：附件1（可空）"),
    Field("G11", "下属单位数", "int", "不含本级；没有填 0", True),
    Field("G13", "人员构成", "text", "第一部分“三、部门人员构成”的一段话（可空，空则不写该标题）"),
    Field("G14", "公开电话", "text", "决算公开联系电话（可空）"),
    Field("G15", "填报单位全称", "text", "九张表表头“部门：”后的名称；空则同部门全称"),
), (Pointer("G10", "部门主要职责", "在“职责”表填写，每行一段"),
    Pointer("G12", "纳入编制范围的二级单位", "在“二级单位”表填写，每行一个单位")))

DUTIES = ListSheet("职责", "G10", "部门主要职责（每行一段，按顺序输出）", (
    ListColumn("text", "职责内容", "text", "一段一行", True, width=100),
))

UNITS = ListSheet("二级单位", "G12", "纳入部门决算编制范围的二级预算单位（含本级）", (
    ListColumn("name", "单位名称", "text", "如：武汉市汉阳区总工会（本级）", True, width=50),
))

PRIOR = FormSheet("上年数", "上年决算数（单位：万元）", (
    Field("P01", "收、支总计", "money", "上年表1“总计”", True),
    Field("P02", "本年收入合计", "money", "上年表1 行27"),
    Field("P03", "本年支出合计", "money", "上年表1 本年支出合计", True),
    Field("P04", "财政拨款收、支总计", "money", "上年表4 总计", True),
    Field("P05", "一般公共预算财政拨款收入", "money", "上年表4 行1", True),
    Field("P06", "政府性基金预算财政拨款收入", "money", "上年表4 行2", True),
    Field("P07", "国有资本经营预算财政拨款收入", "money", "上年表4 行3", True),
    Field("P08", "一般公共预算财政拨款支出", "money", "上年表5 合计", True),
    Field("P09-1", "“三公”经费决算合计", "money", "上年表9 栏7", True),
    Field("P09-2", "因公出国（境）费决算", "money", "上年表9 栏8", True),
    Field("P09-3", "公务用车购置费决算", "money", "上年表9 栏10", True),
    Field("P09-4", "公务用车运行维护费决算", "money", "上年表9 栏11", True),
    Field("P09-5", "公务接待费决算", "money", "上年表9 栏12", True),
    Field("P10", "政府性基金预算财政拨款支出", "money", "上年表7 栏3（本年表7 非空时必填）"),
    Field("P11", "国有资本经营预算财政拨款支出", "money", "上年表8 栏1（本年表8 非空时必填）"),
    Field("P12", "机关运行经费", "money", "上年机关运行经费（可空）"),
))

REASONS = FormSheet("主要原因", "变动与偏差的主要原因（多条原因请每条一行：单元格内 Alt+Enter 换行）", (
    Field("R01", "收、支总计变动原因", "text", "第一节；与上年有变动时必填", True),
    Field("R02", "收入合计变动原因", "text", "第二节（可空）"),
    Field("R03", "支出合计变动原因", "text", "第三节；空则沿用 R01"),
    Field("R04", "财政拨款收、支总计变动原因", "text", "第四节；空则沿用 R01"),
    Field("R05", "一般公共预算财政拨款收入变动原因", "text", "第四节；空则沿用 R04"),
    Field("R06", "一般公共预算财政拨款支出变动原因", "text", "第五节（一）；空则沿用 R04"),
    Field("R08-1", "“三公”经费决算与预算差异原因", "text", "第九节总体"),
    Field("R08-2", "因公出国（境）费决算与预算差异原因", "text", "第九节"),
    Field("R08-3", "公务用车购置及运行维护费决算与预算差异原因", "text", "第九节"),
    Field("R08-4", "公务接待费决算与预算差异原因", "text", "第九节"),
    Field("R09-1", "“三公”经费决算较上年变动原因", "text", "第九节总体"),
    Field("R09-2", "因公出国（境）费较上年变动原因", "text", "第九节"),
    Field("R09-3", "公务用车购置及运行维护费较上年变动原因", "text", "第九节"),
    Field("R09-4", "公务接待费较上年变动原因", "text", "第九节"),
    Field("R10", "机关运行经费与年初预算差异原因", "text", "第十节；决算≠年初预算时必填"),
    Field("R10-2", "机关运行经费较上年变动原因", "text", "第十节；与上年（P12）有变动时必填"),
    Field("R11-1", "政府性基金预算财政拨款支出变动原因", "text", "第七节（可空）"),
    Field("R11-2", "国有资本经营预算财政拨款支出变动原因", "text", "第八节（可空）"),
), (Pointer("R07", "项级科目决算与年初预算差异原因", "在“项级预算”表“决算与年初预算差异原因”列逐个科目填写"),))

BUDGET = FormSheet("年初预算", "年初预算（单位：万元）", (
    Field("B01", "一般公共预算财政拨款支出年初预算合计", "money", "第五节（三）及整体自评表“预算数（A）”", True),
    Field("B03", "机关运行经费年初预算", "money", "行政、参公单位必填"),
    Field("B04", "机关运行经费决算数（覆盖）", "money", "可空；空则取表6 公用经费合计"),
), (Pointer("B02", "项级科目年初预算", "在“项级预算”表填写，每个项级科目一行"),))

ITEM_BUDGET = ListSheet("项级预算", "B02", "项级科目年初预算及偏差原因（每个项级科目一行）", (
    ListColumn("code", "科目编码", "text", "7 位功能分类编码，如 2012901", True, width=14),
    ListColumn("name", "科目名称", "text", "可空，仅供核对", width=30),
    ListColumn("budget", "年初预算数", "money", "万元", True, width=14),
    ListColumn("reason", "决算与年初预算差异原因", "text", "偏差≥设置的阈值、年初为0或决算为0时必填", width=60),
), carried=("code", "name"), this_year=("budget", "reason"))

CLASS_USE = ListSheet("类用途", "U01", "第五节（二）各类支出“主要是用于…”（可空）", (
    ListColumn("code", "类编码", "text", "3 位，如 201", True, width=10),
    ListColumn("name", "类名称", "text", "可空，仅供核对", width=24),
    ListColumn("text", "主要用于", "text", "如：人员工资和日常运转", True, width=60),
), carried=("code", "name", "text"))

PROJECT_USE = ListSheet("项目用途", "U02", "项目支出主要用途与成效（有项目支出时必填；金额合计应等于表5 项目支出）", (
    ListColumn("name", "项目名称", "text", "", True, width=30),
    ListColumn("amount", "金额", "money", "万元", True, width=12),
    ListColumn("effect", "主要成效", "text", "", True, width=60),
), carried=("name",), this_year=("amount", "effect"))

SANGONG = FormSheet("三公明细", "“三公”经费明细（第九节）", (
    Field("N01", "单位范围说明", "text", "2020 版用（可空）"),
    Field("N02", "出国（境）团组数", "int", "个", True, default=0),
    Field("N03", "出国（境）人次", "int", "人次", True, default=0),
    Field("N04", "本年购置（更新）公务用车数", "int", "辆", True, default=0),
    Field("N05", "年末公务用车保有量", "int", "辆", True, default=0),
    Field("N06", "外宾接待支出", "money", "万元", True, default=0),
    Field("N07", "外宾接待团组数", "int", "个", True, default=0),
    Field("N08", "外宾接待人次", "int", "人次", True, default=0),
    Field("N09", "国内公务接待支出", "money", "万元", True, default=0),
    Field("N10", "国内公务接待团组数", "int", "个", True, default=0),
    Field("N11", "国内公务接待人次", "int", "人次", True, default=0),
    Field("N12", "本年“三公”经费全部为0", "enum", "选“是”时 N02–N11 不必填写（按 0 处理）；公开09表须全为0",
          False, YES_NO, "否"),
))

PROCUREMENT = FormSheet("政府采购", "政府采购（单位：万元，第十一节）", (
    Field("C01", "政府采购货物支出", "money", "", True, default=0),
    Field("C02", "政府采购工程支出", "money", "", True, default=0),
    Field("C03", "政府采购服务支出", "money", "", True, default=0),
    Field("C04", "授予中小企业合同金额", "money", "", True, default=0),
    Field("C05", "其中：授予小微企业合同金额", "money", "", True, default=0),
    Field("C06", "货物采购授予中小企业合同金额", "money", "", True, default=0),
    Field("C07", "工程采购授予中小企业合同金额", "money", "", True, default=0),
    Field("C08", "服务采购授予中小企业合同金额", "money", "", True, default=0),
))

ASSETS = FormSheet("资产", "国有资产占用（截至年末，第十二节）", (
    Field("A01", "副省级及以上领导干部用车", "int", "辆", True, default=0),
    Field("A02", "主要领导干部用车", "int", "辆", True, default=0),
    Field("A03", "机要通信用车", "int", "辆", True, default=0),
    Field("A04", "应急保障用车", "int", "辆", True, default=0),
    Field("A05", "执法执勤用车", "int", "辆", True, default=0),
    Field("A06", "特种专业技术用车", "int", "辆", True, default=0),
    Field("A07", "离退休干部用车", "int", "辆", True, default=0),
    Field("A08", "其他用车", "int", "辆", True, default=0),
    Field("A09", "单位价值100万元以上设备（不含车辆）", "int", "台（套）", True, default=0),
    Field("A10", "补充说明", "text", "如：按政策实行车改后，本单位无公务车。（可空）"),
))

PERFORMANCE = FormSheet("绩效", "预算绩效（第十三节及第六部分整体自评表）", (
    Field("E01", "自评项目个数", "int", "空则按“项目自评”条数"),
    Field("E02", "自评资金", "money", "万元；空则按“项目自评”执行数之和"),
    Field("E03", "项目自评综述", "text", "“从评价情况来看，…”后的文字", True),
    Field("E04", "整体自评单位数", "int", "可空"),
    Field("E05", "整体自评资金", "money", "万元；空则取表5 合计"),
    Field("E06", "整体自评综合得分", "num", "分", True),
    Field("E07", "整体绩效评价等级", "text", "如：优（可空）"),
    Field("E08", "整体自评综述", "text", "“从评价情况来看，…”后的文字", True),
    Field("E09-1", "预算执行情况得分", "num", "分（可空）"),
    Field("E09-2", "产出指标得分", "num", "分（可空）"),
    Field("E09-3", "效益及满意度得分", "num", "分（可空）"),
    Field("E11", "一级项目个数", "int", "空则按“项目自评”条数"),
    Field("E12", "绩效自评结果应用情况", "text", "第十三节（四）；多条请每条一行", True),
    Field("X01-1", "整体自评表填报日期", "date", "如 2025-04-28"),
    Field("X01-2", "整体自评偏差原因分析", "text", "偏差大或目标未完成原因分析"),
    Field("X01-3", "整体自评改进措施", "text", "改进措施及结果应用方案"),
), (Pointer("E10", "项目绩效自评", "在“项目自评”表填写，每个项目一行"),))

PROJECTS = ListSheet("项目自评", "E10", "项目绩效自评（每个项目一行；第十三节（三）及第六部分项目自评表）", (
    ListColumn("name", "项目名称", "text", "", True, width=26),
    ListColumn("budget", "全年预算数", "money", "万元", True, width=12),
    ListColumn("spent", "执行数", "money", "万元", True, width=12),
    ListColumn("score", "得分", "num", "分（可空）", width=8),
    ListColumn("output", "主要产出和效益", "text", "", True, width=50),
    ListColumn("problem", "发现的问题及原因", "text", "可空", width=30),
    ListColumn("measure", "下一步改进措施", "text", "可空", width=30),
    ListColumn("department", "主管部门", "text", "空则取部门全称", width=20),
    ListColumn("implementer", "实施单位", "text", "空则取部门全称", width=20),
    ListColumn("attribute", "项目属性", "enum", "", choices=("持续性项目", "新增性项目"), width=12),
    ListColumn("type", "项目类型", "enum", "", choices=("常年性项目", "延续性项目", "一次性项目"), width=12),
    ListColumn("date", "填报日期", "date", "可空", width=12),
), carried=("name", "department", "implementer", "attribute", "type"),
   this_year=("budget", "spent", "score", "output", "problem", "measure"))

INDICATORS = ListSheet("绩效指标", "X", "绩效自评表指标（整体与各项目；“所属”填“整体”或项目名称）", (
    ListColumn("owner", "所属", "text", "整体 或 项目名称", True, width=20),
    ListColumn("goal_no", "目标序号", "int", "1、2…", width=8),
    ListColumn("goal_score", "目标分值", "num", "分", width=8),
    ListColumn("goal", "目标描述", "text", "", width=30),
    ListColumn("level1", "一级指标", "enum", "", True, ("产出指标", "效益指标", "满意度指标"), width=12),
    ListColumn("level2", "二级指标", "text", "如：数量指标", True, width=14),
    ListColumn("level3", "三级指标", "text", "", True, width=30),
    ListColumn("target", "年初目标值", "text", "", width=14),
    ListColumn("actual", "实际完成值", "text", "", width=14),
    ListColumn("score", "得分", "num", "", width=8),
), carried=("owner", "goal_no", "goal", "level1", "level2", "level3"), this_year=("target", "actual", "score"))

OTHER = FormSheet("其他", "第四部分、第十四节", (
    Field("W01", "第四部分类型", "enum", "", True, ("其他需要说明的情况", "重点工作完成情况"), "其他需要说明的情况"),
    Field("ZX1", "有无专项支出、转移支付支出", "enum", "仅在设置“含第十四节”为是时输出", False, ("无", "有"), "无"),
    Field("ZX2", "专项支出", "money", "万元"),
    Field("ZX3", "转移支付支出", "money", "万元"),
    Field("ZX4", "专项、转移支付主要用途", "text", ""),
))

PART4 = ListSheet("第四部分", "W02", "第四部分条目（每条一行：标题＋正文；正文多段请 Alt+Enter 换行）", (
    ListColumn("title", "标题", "text", "如：加强清廉工会建设", True, width=30),
    ListColumn("body", "正文", "text", "", True, width=90),
))

KEYWORK = ListSheet("重点工作表", "W03", "重点工作完成情况表（第四部分为“重点工作完成情况”时可填）", (
    ListColumn("no", "序号", "int", "", width=6),
    ListColumn("item", "重要事项", "text", "", True, width=24),
    ListColumn("goal", "工作内容及目标", "text", "", width=30),
    ListColumn("result", "完成情况", "text", "", width=50),
))

TERMS = ListSheet("专用名词", "M01", "第五部分“其他专用名词”（可空）", (
    ListColumn("term", "名词", "text", "", True, width=24),
    ListColumn("text", "解释", "text", "", True, width=80),
))

CODE_NOTES = ListSheet("科目说明", "M02", "第五部分科目说明（字典缺说明或需改写时填写）", (
    ListColumn("code", "科目编码", "text", "7 位", True, width=12),
    ListColumn("text", "说明", "text", "如：反映行政单位的基本支出。", True, width=80),
))

# 设置: the id (first argument) is the internal key (juesuan.spec.settings reads it into report.settings) and
# the 编号 of workbooks written before the plain labels; ``number`` is the 编号 shown now; the label
# says in plain words what the setting decides, ``example`` shows the sentence each option produces.
SETTINGS = FormSheet("设置", "生成设置（不懂可不改，均有默认值；“填写说明”列举例说明每个选项写出的句子）", (
    Field("百分比小数位", "百分比保留几位小数", "enum", "", False, ("2", "1"), "2", number="S01",
          example="2：比上年增长12.35%；1：比上年增长12.3%"),
    Field("百分比保留尾零", "百分比末尾的 0 是否保留", "enum", "", False, YES_NO, "否", number="S02",
          example="是：占100.00%、占12.50%；否：占100%、占12.5%"),
    Field("金额固定两位", "金额是否总写两位小数", "enum", "", False, YES_NO, "否", number="S03",
          example="是：36.30万元、5.00万元；否：36.3万元、5万元"),
    Field("表格千分位", "表格中的金额是否加千分位逗号", "enum", "", False, YES_NO, "否", number="S04",
          example="是：1,234.56；否：1234.56"),
    Field("升降词风格", "比率变化用哪组词", "enum", "", False, ("上升下降", "增长降低"), "上升下降", number="S05",
          example="上升下降：增加10万元，上升5%；增长降低：增加10万元，增长5%"),
    Field("收支总计措辞", "第一节“收、支总计”的说法", "enum", "", False, ("收、支总计", "收、支总计均为"),
          "收、支总计", number="S06",
          example="收、支总计：2024年度收、支总计507.7万元；收、支总计均为：2024年度收、支总计均为507.7万元"),
    Field("收支项目列举", "第二、三节列举哪些收支项目", "enum", "", False, ("非零", "全列"), "非零", number="S07",
          example="非零：只写金额不为 0 的收入、支出项目；全列：金额为 0 的项目也写出"),
    Field("省略零值资金", "第四节是否略去本年、上年都为 0 的资金", "enum", "", False, YES_NO, "否", number="S08",
          example="是：不写“政府性基金预算财政拨款收入0万元”这类本年、上年都为 0 的句子"),
    Field("五三粒度", "第五节（三）逐条说明到哪一级科目", "enum", "", False, ("项级", "类级"), "项级", number="S09",
          example="项级：每个项级科目一条（如“行政运行（项）”）；类级：每个类一条（如“一般公共服务支出（类）”）"),
    Field("五三写占比", "第五节（三）是否写基本支出、项目支出的占比", "enum", "", False, YES_NO, "否", number="S10",
          example="是：其中：基本支出249.51万元，占62.8%；项目支出147.82万元，占37.2%"),
    Field("偏差阈值", "完成预算偏离 100% 多少个百分点必须写原因", "num", "", False, (), 5, number="S11",
          example="5：完成年初预算的低于95%或高于105%时，必须填写差异原因"),
    Field("零分母比率写法", "预算、决算都为 0 时怎么写", "enum", "", False, ("省略", "0%", "100%"), "省略", number="S12",
          example="预算与决算都为 0 时：省略＝不写这一句；0% / 100%＝写“与预算持平”（分母为 0 的比率从不写成百分比）"),
    Field("明细只列名称", "第六节基本支出明细是否只写名称", "enum", "", False, YES_NO, "否", number="S13",
          example="是：包括工资福利支出、商品和服务支出；否：包括工资福利支出182.76万元、商品和服务支出35.59万元"),
    Field("三公车辆用语", "“公务用车运行维护费”的说法", "enum", "", False, ("跟表头", "运行维护费", "运行费"), "跟表头",
          number="S14", example="跟表头：与公开09表表头相同；运行维护费：公务用车运行维护费；运行费：公务用车运行费"),
    Field("三公全零简式", "“三公”经费全为 0 时是否只写一句", "enum", "", False, YES_NO, "否", number="S15",
          example="是：2024年度“三公”经费财政拨款支出全年预算为0万元，支出决算为0万元。"),
    Field("采购零值简式", "政府采购为 0 时是否只写一句", "enum", "", False, YES_NO, "否", number="S16",
          example="是：2024年度某单位政府采购支出总额0万元。"),
    Field("资产零值简式", "没有车辆时国有资产是否只写一句", "enum", "", False, YES_NO, "否", number="S17",
          example="是：截至2024年12月31日，某单位共有车辆0辆，单位价值100万元以上设备（不含车辆）0台（套）。"),
    Field("空表附数值句", "公开07、08表为空表时是否再写一句各项为 0", "enum", "", False, YES_NO, "否", number="S18",
          example="是：在空表说明后再写“2024年度政府性基金预算财政拨款年初结转和结余0万元，本年收入0万元，……”"),
    Field("含第十四节", "是否写第十四节“专项支出、转移支付支出情况说明”", "enum", "", False, YES_NO, "否", number="S19",
          example="是：第三部分最后加第十四节（内容见“其他”表）；否：到第十三节为止"),
    Field("十三小节", "第十三节“预算绩效”分几个小节", "enum", "", False, ("四节", "三节"), "四节", number="S20",
          example="四节：工作开展情况/部门整体支出自评结果/项目支出自评结果/结果应用情况；"
                  "三节：工作开展情况/部门决算中项目绩效自评结果/绩效评价结果应用情况"),
    Field("节序", "表和节的顺序", "enum", "", False, ("标准", "2020版"), "标准", number="S21",
          example="标准：政府性基金、国有资本经营在“三公”经费之前；2020版：“三公”经费（表和第九节）排在它们之前"),
    Field("名词解释版式", "第五部分名词解释印多少条", "enum", "", False, ("标准18条", "精简"), "标准18条", number="S22",
          example="标准18条：印全部 18 条名词解释；精简：印 8 条（填了“专用名词”时再加一条）"),
    Field("封面语序", "封面标题的语序", "enum", "", False, ("部门名称在前", "年度在前"), "部门名称在前", number="S23",
          example="部门名称在前：某单位2024年度部门决算；年度在前：2024年度某单位部门决算"),
    Field("科目行层级", "公开表中科目印哪几级", "enum", "", False, ("类款项", "仅项"), "类款项", number="S24",
          example="类款项：类、款、项三级都印；仅项：只印项级科目"),
    Field("表6科目集", "公开06表印哪些经济分类科目", "enum", "", False, ("完整清单", "只列非零"), "完整清单", number="S25",
          example="完整清单：全部科目都印（金额为 0 的也印）；只列非零：只印有金额的科目"),
    Field("调平方法", "占比合计调成 100% 的方法", "enum", "", False, ("最大余数", "末项调平"), "最大余数", number="S26",
          example="最大余数：舍入差额给尾数最大的几项；末项调平：舍入差额放在最后一项"),
    Field("严格审核", "尾数差额是否也算错误", "enum", "", False, YES_NO, "否", number="S27",
          example="是：任何不为 0 的差额都是错误；否：不超过 0.01 × 加项个数的差额只是警告（尾数误差）"),
))

# Form sheets whose 必填 counts and amounts are printed as numbers ("共有车辆N辆"): a blank there is
# not a 0, so a blank field, or the sheet missing, is an error (checks/rules_required.py, reader).
BLANK_IS_NOT_ZERO: tuple[FormSheet, ...] = (SANGONG, PROCUREMENT, ASSETS)

FORMS: tuple[FormSheet, ...] = (GENERAL, PRIOR, REASONS, BUDGET, SANGONG, PROCUREMENT, ASSETS, PERFORMANCE, OTHER, SETTINGS)
LISTS: tuple[ListSheet, ...] = (DUTIES, UNITS, ITEM_BUDGET, CLASS_USE, PROJECT_USE, PROJECTS, INDICATORS, PART4,
                                KEYWORK, TERMS, CODE_NOTES)
# Order of the supplementary sheets in the workbook: forms interleaved with the lists they belong to.
SHEET_ORDER: tuple[FormSheet | ListSheet, ...] = (
    GENERAL, DUTIES, UNITS, PRIOR, REASONS, BUDGET, ITEM_BUDGET, CLASS_USE, PROJECT_USE, SANGONG, PROCUREMENT,
    ASSETS, PERFORMANCE, PROJECTS, INDICATORS, OTHER, PART4, KEYWORK, TERMS, CODE_NOTES, SETTINGS,
)

FIELDS: dict[str, Field] = {f.id: f for s in FORMS for f in s.fields}
FIELD_SHEET: dict[str, str] = {f.id: s.name for s in FORMS for f in s.fields}
LISTS_BY_ID: dict[str, ListSheet] = {l.id: l for l in LISTS}


def code_attribute(code: str) -> str:
    """The attribute name of a 编号 in CODE: P09-1 -> P09_1."""
    return code.replace("-", "_")


_CODE_ID = re.compile(r"[A-Z]+\d[0-9A-Z-]*")

# Every 编号 of a supplementary field or list (G01, P09-1, R11-2, ZX1, B02 …), generated from the
# specs above, so that code names what it reads instead of repeating bare strings:
# ``report.supp.get(CODE.G01)``; ``CODE.P09_1 == "P09-1"``.  The values are the plain strings, and a
# misspelt code fails where it is used (AttributeError) instead of silently reading nothing.
# The 设置 fields are left out: their ids are already their names (百分比小数位 …).
CODE = SimpleNamespace(**{code_attribute(i): i for i in [*FIELDS, *LISTS_BY_ID] if _CODE_ID.fullmatch(i)})
