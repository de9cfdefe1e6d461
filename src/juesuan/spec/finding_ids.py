"""The finding ids raised outside the 审核 rules: by the reader (读取), the renderer (生成), the batch
(批量) and the checks' own safety net (运行).

They are data like the rules: :mod:`juesuan.checks.registry` registers every one of them next to the
rules, so docs/RULES.md and ``make-report check --rules`` list every id a user can see, with its
title.  They live here, below the reader and the renderer, because those may not import the checks.
The message of each is written where the problem is found (it names the sheet, the cell and what
was read); ``tests/project/test_finding_ids.py`` fails for an id used in src but not registered.
"""
from __future__ import annotations

from dataclasses import dataclass

# the severities of juesuan.model.findings, spelt out: spec sits below model
ERROR, WARNING, INFO = "错误", "警告", "提示"
READ, RENDER, BATCH, RUN, IMPORT = "读取", "生成", "批量", "运行", "导入"
ERROR_OR_WARNING = "错误或警告"  # the reader decides by the case (e.g. a missing sheet whose 0 would be printed)


@dataclass(frozen=True)
class FindingId:
    id: str
    title: str
    meaning: str  # when it is raised, in the words of docs/RULES.md's 公式 column
    severity: str
    group: str
    hint: str = ""


FINDING_IDS: tuple[FindingId, ...] = (
    # -- reader ------------------------------------------------------------------------------
    FindingId("R-SHEET", "工作表", "缺少公开表或补充工作表（名称相近的表会提示）；同一张表有两张时读看得见的那张、"
              "原名先于副本；工作表名与标题不符时按标题读", ERROR_OR_WARNING, READ,
              "请从标准工作簿（make-report init）复制该表，或删除多余的那张"),
    FindingId("R-HEADER", "表头", "找不到表头（行次、栏次、编号/填写值、列标题），该表无法读取", ERROR, READ,
              "请保留标准表头"),
    FindingId("R-VARIANT", "表式", "公开01表收入“总计”的行次既不是 30 也不是 31，无法判定表式", ERROR, READ,
              "请保留标准行次"),
    FindingId("R-ROW", "无法识别的行", "有金额的行既不是标准行名也不是标准行次，其金额未读入", WARNING, READ,
              "请核对行名和行次"),
    FindingId("R-NAME", "行名不符", "行次对得上但行名与标准不同，已按行次对位", WARNING, READ),
    FindingId("R-CODE", "缺少科目编码", "科目表中有金额的行没有科目编码", ERROR, READ, "请填写 3/5/7 位功能分类科目编码"),
    FindingId("R-DUP", "重复", "同一科目重复出现（错误），或补充表同一编号填了两行（警告，只读第一行）", ERROR_OR_WARNING, READ,
              "同一科目、同一编号只能占一行"),
    FindingId("R-NUM", "数值无法读取", "应为金额、数字、整数或年份的单元格读不出可靠的数（文字、含糊的写法、数字中间有空格、"
              "大得不合理）",
              ERROR, READ, "请填写数字，不要带单位或文字"),
    FindingId("R-FORMULA", "公式无结果", "单元格是公式但文件中没有保存计算结果（或结果是错误值），或工作簿标明“打开时重新计算”"
              "（fullCalcOnLoad，保存的结果不可信），无法读取", ERROR, READ,
              "请在 Excel 或 WPS 中打开并保存一次，或改为填写数值"),
    FindingId("R-DATE", "日期无法读取", "应为日期的单元格读不出日期", ERROR, READ, "如 2025-10-20"),
    FindingId("R-ENUM", "不在下拉列表中", "应从下拉列表选择的单元格填了列表以外的值（按默认值处理）", ERROR, READ,
              "请从下拉列表中选择"),
    FindingId("R-TEXT", "文字含无效字符", "单元格文字含控制字符或无效的 Unicode 字符，已删除或替换为“\ufffd”", WARNING, READ,
              "请核对这些单元格的内容（多由从其他系统复制粘贴带入）"),
    FindingId("R-SST", "文字丢失", "单元格指向文件中不存在的共享文字，已按空白读取（文件已损坏）", ERROR, READ,
              "请用 Excel 或 WPS 打开、核对后另存为 .xlsx"),
    FindingId("R-ROWS", "行数过多", "工作表超过读取上限的行数，其后的内容未读入", WARNING, READ, "请删除表格下方多余的行"),
    FindingId("R-UNIT", "金额单位", "金额看来是按“元”填写的：公开表的数与补充工作表中按万元填写的同类数（上年数、年初预算、"
              "三公明细、项目用途等）相差约一万倍（5000–20000 倍），或收入总计超过 1000 亿元；至少三组、来自两张表时为错误，"
              "否则为警告（补充工作表按元填写时同样）", ERROR_OR_WARNING, READ,
              "请把金额换算为万元（元除以 10000，保留两位小数）"),
    FindingId("R-HIDDEN", "隐藏行", "清单式补充表（职责、二级单位、项目自评等）中的隐藏行不读入、不印进报告，并列出这些行",
              WARNING, READ, "要印进报告请取消隐藏；不要的请删除该行"),
    # -- renderer ----------------------------------------------------------------------------
    FindingId("R-LINT", "文字检查", "生成的正文有可疑的文字（重复词语、冒号后为空、印出程序值、占比合计不为 100 等）",
              WARNING, RENDER, "请检查对应的填写内容或模板"),
    FindingId("R-LEFT", "报告残留占位文字", "生成的报告中出现“请填写”“XX”等占位文字", WARNING, RENDER,
              "请检查对应的填写内容或模板"),
    FindingId("R-CHART", "图表未生成", "某张图无法绘制，报告中省略该图", WARNING, RENDER),
    FindingId("R-TEMPLATE", "模板遗漏的内容", "模板没有放置的表或工作簿内容、不存在的表号、超出 1–3 的标题级别、"
              "不在任何节序中的节、报告不读取的覆盖文件（生成时不再无声地丢弃）", WARNING, RENDER,
              "请检查模板目录（make-report templates check 可列出全部问题）"),
    # -- import of an export or a published report (make-report import; juesuan.importer) -------
    FindingId("I-TABLE", "表未找到", "导入的文件中找不到某张公开表的表名，该表按空表处理", WARNING, IMPORT,
              "请核对文件中是否有这张表；表名不同的，请在工作簿中照原表手工填写"),
    FindingId("I-CELL", "无法对位", "原表中有数，但标准工作簿中没有对应的行或列（或没有表格线、空格无法对位），未导入",
              WARNING, IMPORT, "请对照原表手工填写"),
    FindingId("I-NUM", "不是金额", "原表金额栏中的文字读不出金额，未导入", ERROR, IMPORT, "请对照原表手工填写"),
    FindingId("I-DUP", "科目重复", "同一科目编码在表中出现两次，只导入第一次", WARNING, IMPORT),
    FindingId("I-LAYOUT", "表头无法识别", "表1、表4 找不到收入、支出两侧的“项目”列，该表未导入", WARNING, IMPORT,
              "请对照原表手工填写"),
    FindingId("I-TWICE", "表出现两次", "同一张表在文件中出现不止一次（可能是两份报告），只导入第一张", WARNING, IMPORT,
              "一个文件请只放一个部门一个年度的报告"),
    FindingId("I-UNIT", "单位不是万元", "原表金额单位不是万元，按万元导入的数会差一万倍", ERROR, IMPORT,
              "请把原表换算成万元后再导入"),
    # -- batch and the checks themselves ------------------------------------------------------
    FindingId("批量-重名", "报告重名", "批量生成时两个工作簿的部门、年度相同，后一份报告改名", WARNING, BATCH),
    FindingId("CHECK-INTERNAL", "审核内部错误", "某一步审核因程序内部错误未能完成（其余审核照常）", WARNING, RUN,
              "其余审核结果仍然有效；请把该工作簿提供给维护人员"),
)

BY_ID: dict[str, FindingId] = {f.id: f for f in FINDING_IDS}
SEVERITIES = (ERROR, WARNING, INFO, ERROR_OR_WARNING)


def title_of(finding_id: str) -> str:
    """The registered title of ``finding_id`` (a KeyError for an id nobody registered)."""
    return BY_ID[finding_id].title
