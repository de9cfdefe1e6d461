"""The reference documents generated from the code: docs/RULES.md from the rule registry and
docs/WORKBOOK.md from the table layouts and the supplementary sheet specs.

They are written by ``python tools/make_docs.py``; tests/maintenance/test_reference_docs.py regenerates them
and fails when a file in docs/ is out of date, so a new or changed rule (or field) must come with
its regenerated document.  Pure: functions return Markdown text, the tool writes the files.
"""
from __future__ import annotations

from juesuan.spec.layouts import LAYOUTS, CodedLayout, EconLayout, FixedLayout, Layout, SingleRowLayout
from juesuan.spec.supplement import SHEET_ORDER, FormSheet, ListSheet

GENERATED = "本文件由 `python tools/make_docs.py` 生成（`juesuan.maintenance.reference_docs`），请勿手改；测试会检查它是否最新。"

KINDS = {"money": "金额（万元）", "int": "整数", "num": "数值", "text": "文字", "enum": "选项", "date": "日期",
         "year": "年份"}


def _md(text: object) -> str:
    """One table cell: pipes escaped, line breaks as spaces."""
    return " ".join(str(text if text is not None else "").split()).replace("|", "\\|")


def _table(headers: list[str], rows) -> list[str]:
    """A Markdown table (cells already escaped), then a blank line."""
    out = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    return out + ["| " + " | ".join(row) + " |" for row in rows] + [""]


# ---------------------------------------------------------------------------------------
# docs/RULES.md
# ---------------------------------------------------------------------------------------
def severity_text(severity: str) -> str:
    from juesuan.checks.registry import TOLERANCE
    return "尾差为警告，超出为错误" if severity == TOLERANCE else severity


def rules_markdown() -> str:
    """Every 审核 rule of the registry: id, title, formula, severity and hint, by group."""
    from juesuan.checks import rules_in_order
    rules = rules_in_order()
    groups = list(dict.fromkeys(r.group for r in rules))
    out = [
        "# 审核规则",
        "",
        GENERATED,
        "",
        "每条规则有稳定编号；`make-report check` 的每条结果都以编号开头，并指出工作表和单元格。",
        "",
        "**级别**：等式规则的差额为 0 时通过；差额不超过 0.01 × 加项个数为“尾数误差”警告，更大为错误"
        "（设置“严格审核”为“是”时任何差额都是错误）。一处尾差只在源头报告一次，由它引起的下游差额不再重复报告。",
        "",
    ]
    for group in groups:
        members = [r for r in rules if r.group == group]
        out += [f"## {group or '其他'}（{len(members)} 条）", ""]
        out += _table(["编号", "规则", "公式", "级别", "提示"],
                      ([f"`{r.id}`", _md(r.title), _md(r.formula), severity_text(r.severity), _md(r.hint)] for r in members))
    return "\n".join(out).rstrip() + "\n"


# ---------------------------------------------------------------------------------------
# docs/WORKBOOK.md
# ---------------------------------------------------------------------------------------
def _columns(cols) -> list[str]:
    return _table(["栏次", "栏", "上级表头", "键"], ([str(c.lanci), _md(c.label), _md(" / ".join(c.groups)), f"`{c.key}`"]
                                                for c in cols))


def _layout_section(layout: Layout) -> list[str]:
    out = [f"### {layout.sheet_name} {layout.title}", ""]
    facts = [f"表号：表{layout.number}（2020 版次序为表{layout.old_number}）"]
    if layout.old_title:
        facts.append(f"旧表名：{layout.old_title}")
    facts.append("横向页面" if layout.landscape else "纵向页面")
    out += ["；".join(facts) + "。", ""]
    if isinstance(layout, FixedLayout):
        variants = "、".join(layout.variants)
        for side in layout.sides:
            out += [f"**{side.label}**（行次按版式 {variants}）", ""]
            out += _table(["行", "行次", "键"], ([_md(row.name), " / ".join(f"{v}:{n}" for v, n in row.hangci.items()),
                                               f"`{row.key}`"] for row in side.rows))
            out += _columns(side.columns)
    elif isinstance(layout, CodedLayout):
        out += [f"每行一个功能分类科目（“{layout.code_header}”，类/款/项 3/5/7 位），合计行在上。", ""]
        out += _columns(layout.columns)
    elif isinstance(layout, EconLayout):
        out += ["经济分类科目按类分为三栏一组：", ""]
        out += _table(["组", "类"], ([_md(g.label), "、".join(f"{c} {layout.class_names.get(c, '')}".strip()
                                                           for c in g.classes)] for g in layout.triples))
        out += [f"款级科目 {sum(len(v) for v in layout.codes.values())} 个；"
                    f"{layout.personnel_total_label}、{layout.public_total_label}各一行。", ""]
    elif isinstance(layout, SingleRowLayout):
        out += _columns(layout.columns)
    if layout.note:
        out += [f"表注：{_md(layout.note)}", ""]
    if layout.empty_sentence:
        out += [f"空表时表下一句：{_md(layout.empty_sentence)}", ""]
    return out


def _input_cells(spec) -> list[str]:
    """类型, 必填, 可选值 of a form field or a list column."""
    return [KINDS.get(spec.kind, spec.kind), "是" if spec.required else "", _md("、".join(spec.choices))]


def _form_section(sheet: FormSheet) -> list[str]:
    rows = ([f"`{f.id}`", _md(f.label), *_input_cells(f), _md("" if f.default is None else f.default), _md(f.hint)]
            for f in sheet.fields)
    return [f"### {sheet.name}（表单式）：{sheet.title}", ""] + \
        _table(["编号", "项目", "类型", "必填", "可选值", "默认", "填写说明"], rows)


def _list_section(sheet: ListSheet) -> list[str]:
    rows = ([_md(c.label), f"`{c.key}`", *_input_cells(c), _md(c.hint)] for c in sheet.columns)
    return [f"### {sheet.name}（清单式，`{sheet.id}`）：{sheet.title}", ""] + \
        _table(["列", "键", "类型", "必填", "可选值", "填写说明"], rows)


def workbook_markdown() -> str:
    """The standard workbook: the nine 公开表 (from layouts.py) and the supplementary sheets
    (from supplement_spec.py) with every field's 编号, kind, choices and hint."""
    out = [
        "# 标准工作簿",
        "",
        GENERATED,
        "",
        "`make-report init` 生成的工作簿就是这里描述的样子。读取时按表头文字（行次、栏次、科目编码）定位，"
        "不按固定坐标；代码中引用补充输入用 `supplement_spec.CODE`（如 `CODE.G01`）。",
        "",
        "## 公开表（`src/juesuan/layouts.py`）",
        "",
    ]
    for layout in LAYOUTS:
        out += _layout_section(layout)
    out += ["## 补充工作表（`src/juesuan/supplement_spec.py`）", "",
            "表单式：编号 | 项目 | 填写值 | 填写说明，读取时先按编号、再按项目名称找；清单式：每行一条记录。", ""]
    for sheet in SHEET_ORDER:
        out += _form_section(sheet) if isinstance(sheet, FormSheet) else _list_section(sheet)
    return "\n".join(out).rstrip() + "\n"


DOCUMENTS = {"docs/RULES.md": rules_markdown, "docs/WORKBOOK.md": workbook_markdown}
