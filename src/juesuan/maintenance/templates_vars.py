"""The reference of what a template can use — one vocabulary for the parts templates
(``templates/parts/``, the skeleton ``document.j2`` included) and the narrative templates of 第三部分:
every variable (the fields of :class:`juesuan.figures.Figures` and the names of the parts, with
type, description and an example value), function, filter and test, each filter with an example
rendered from the first bundled example.  ``make-report templates vars`` prints it;
``docs/TEMPLATE_VARIABLES.md`` is its Markdown form.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import fields, is_dataclass
from decimal import Decimal
from typing import get_type_hints

from juesuan.maintenance.examples import example_reports
from juesuan.figures import Figures, Reason
from juesuan.figures import compute
from juesuan.model.report import Report
from juesuan.templating.template_set import Templates
from juesuan.templating.filters import TEST_DOCS
from juesuan.templating.env import FIGURES_MODULE_PREFIX


def _type_name(tp) -> str:
    text = getattr(tp, "__name__", None) if not getattr(tp, "__args__", None) else None
    text = text or str(tp)
    text = FIGURES_MODULE_PREFIX.sub("", text).replace("decimal.", "").replace("typing.", "")
    return text.replace("NoneType", "None")


def _example(value) -> str:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, Reason):
        return "、".join(value.lines) if value else "（空）"
    if isinstance(value, str):
        return value if len(value) <= 30 else value[:30] + "…"
    if isinstance(value, tuple) and all(isinstance(v, str) for v in value):
        return f"{len(value)} 条" if value else "（空）"
    if value is None:
        return "None"
    if isinstance(value, Mapping):
        return f"{len(value)} 项"
    return str(value)


def _walk(cls, value, path: str, rows: list) -> None:
    hints = get_type_hints(cls)
    for f in fields(cls):
        tp = hints[f.name]
        v = getattr(value, f.name, None) if value is not None else None
        p = f"{path}.{f.name}" if path else f.name
        inner = _dataclass_in(tp)
        rows.append((p, _type_name(tp), f.metadata.get("doc", ""),
                     "" if inner and not isinstance(v, (list, tuple)) else _example_for(v, inner)))
        if inner:
            if isinstance(v, (list, tuple)):
                _walk(inner, v[0] if v else None, p + "[i]", rows)
            else:
                _walk(inner, v, p, rows)
    for name, attr in vars(cls).items():
        if isinstance(attr, property) and not name.startswith("_"):
            v = getattr(value, name, None) if value is not None else None
            rows.append((f"{path}.{name}", "bool", _PROPERTY_DOCS.get(name, ""), "" if value is None else str(v)))


_PROPERTY_DOCS = {
    "compared": "有比较值", "up": "增加", "down": "减少", "flat": "持平",
    "base_zero": "比较值为 0 而本年不为 0（W4：只写金额，不写比率）",
    "over": "决算大于预算", "under": "决算小于预算", "equal": "决算等于预算", "is_list": "原因多于一条（列表式）",
}


def _example_for(v, inner) -> str:
    if inner and isinstance(v, (list, tuple)):
        return f"{len(v)} 项"
    return _example(v)


def _dataclass_in(tp):
    if is_dataclass(tp):
        return tp
    for arg in getattr(tp, "__args__", ()) or ():
        if is_dataclass(arg):
            return arg
    return None


# An example of each filter, rendered with the example report (so the example is what it prints)
FILTER_EXAMPLES = {
    "wan": "{{ overall.grand.current|wan }}", "num": "{{ overall.grand.current|num }}",
    "pct": "{{ overall.grand.rate|pct }}", "zengjian": "{{ overall.grand|zengjian }}",
    "shengjiang": "{{ overall.grand|shengjiang }}", "delta": "{{ overall.grand|delta }}",
    "reason": "{{ overall.reason|reason }}", "cn": "{{ 12|cn }}",
    "lead_in": "{{ \"主要用于会议\"|lead_in(\"主要用于\") }}", "sentence_body": "{{ \"用于培训。\"|sentence_body }}",
    "suffixed": "{{ \"职工服务项目\"|suffixed(\"项目\") }}",
}

# The functions of the parts templates (render/text.py) and cn, which every template has
FUNCTIONS = (
    ("h(级别, 文字[, 换页])", "标题，级别 1–3（1 为“第X部分”）；第三个参数为 true 时从新页开始（仅 parts/）",
     '{{ h(2, "一、部门主要职责") }}'),
    ("p(样式, 文字)", "其他样式的段落：note 表注、right 右对齐、center 居中、caption 图题（仅 parts/）",
     '{{ p("note", "注：本表金额单位为万元。") }}'),
    ("table(表号)", "放一张表：公开表 T01…T09、重点工作表 W03、整体绩效自评表 X01、项目绩效自评表 X02-1、X02-2 …（仅 parts/）",
     '{{ table("T05") }}'),
    ("narrative()", "放入第三部分各节（内容与顺序见 narrative/sections.json；仅 parts/document.j2）", "{{ narrative() }}"),
    ("omit(编号, …)", "某表或某类工作簿内容确实不印（不再警告）：表号，或 W02 第四部分事项、M01 其他专用名词、G10 部门主要职责",
     '{{ omit("X01", "X02") }}'),
    ("cn(数)", "中文数字（与过滤器 |cn 相同），所有模板都可用", "{{ cn(12) }} → 十二"),
)

# The names the parts templates have besides the shared ones (render/parts.py::parts_input)
PARTS_DOCS = {
    "part_no": "部分编号（第一部分……），由骨架 parts/document.j2 在 include 前 set",
    "duties": "第一部分：部门主要职责 G10，每项一段", "units": "第一部分：二级预算单位名单 G12",
    "sub_units": "第一部分：下属单位数 G11", "staff": "第一部分：人员构成 G13（可空）",
    "tables": "第二部分：公开表列表（id、title 表名、number 表号，取自 parts/tables.j2），按打印顺序",
    "kind": "第四部分：标题类型 W01（其他需要说明的情况 / 重点工作完成情况）",
    "items": "第四部分：事项 W02（title、body）", "keywork": "第四部分：有重点工作表 W03",
    "subjects": "名词解释：使用的支出功能分类科目（cls、kuan、item、explanation、code）",
    "terms": "名词解释：其他专用名词 M01（term、text）", "car": "名词解释：公务用车费用的叫法",
    "nonfiscal_name": "名词解释：表1 行28 的行名", "glossary_brief": "名词解释版式为“精简”",
    "projects": "附件：各项目名称（项目绩效自评表 X02-1、X02-2 …按此顺序）",
}


def _example_value(value) -> str:
    if isinstance(value, list):
        return f"{len(value)} 项"
    return _example(value)


def template_variables(report: Report | None = None) -> dict:
    """Every variable, function, filter and test a template can use, with type, description and
    an example taken from ``report`` (default: the first bundled example)."""
    from juesuan.render.parts import SHARED_DOCS, parts_input
    from juesuan.render.text import HELPERS
    if report is None:
        examples = example_reports()
        report = examples[0][1] if examples else None
    figs = compute(report) if report is not None else None
    rows: list = []
    _walk(Figures, figs, "", rows)
    rows.append(("phrases", "dict", "phrases.json 中过滤器用的词语（单位、增减词、原因引语）", ""))
    templates = Templates()
    parts_ctx = parts_input(templates.parts_env, report, figs).context if report is not None else {}
    have = {r[0] for r in rows}
    for name, desc in SHARED_DOCS.items():
        if name not in have:
            v = parts_ctx.get(name)
            rows.append((name, type(v).__name__ if v is not None else "str", desc, _example_value(v)))
    parts_rows = [(name, type(parts_ctx.get(name)).__name__ if name in parts_ctx else "str", desc,
                   _example_value(parts_ctx[name]) if name in parts_ctx else "第一部分")
                  for name, desc in PARTS_DOCS.items()]
    env = templates.narrative_env
    from juesuan.templating.filters import FILTER_NAMES
    from juesuan.templating.join import JOIN_FILTERS
    context = {**HELPERS, **parts_ctx}
    filters = []
    for n in [*FILTER_NAMES, *JOIN_FILTERS]:
        example = FILTER_EXAMPLES.get(n, "")
        if example and report is not None:
            try:
                example = f"{example} → {env.from_string(example).render(context)}"
            except Exception:  # noqa: BLE001 - an example that does not apply to this report is shown bare
                pass
        filters.append((n, (env.filters[n].__doc__ or "").strip(), example))
    tests = []
    for n, desc in sorted(TEST_DOCS.items()):
        example = f"{{{{ overall.grand is {n} }}}}" if n != "zero" else "{{ overall.grand.current is zero }}"
        if report is not None:
            example += f" → {env.from_string(example).render(context)}"
        tests.append((n, desc, example))
    return {"variables": rows, "parts": parts_rows, "functions": FUNCTIONS, "filters": filters, "tests": tests,
            "aliases": ALIASES, "tables": _table_words(templates, parts_ctx)}


def _table_words(templates: Templates, context: dict) -> list[tuple[str, str, str]]:
    """(name, description, example) of what parts/tables.j2 sets, the example from the shipped file."""
    from juesuan.templating.table_texts import NAMES, read_table_words
    words = read_table_words(templates.parts_env, context) if context else None
    out = []
    for name, desc in NAMES.items():
        example = ""
        if words is not None and name in words.by_table:
            first = next(iter(words.by_table[name].items()), None)
            example = f'"{first[0]}": "{first[1]}"' if first else ""
        elif words is not None and name in words.single:
            example = words.single[name]
        elif words is not None and name == "title_line" and words.title_line is not None:
            example = f'title_line("收入支出决算总表") → {words.title_line("收入支出决算总表")}'
        out.append((name, desc, example))
    return out


# Old names kept so that existing override folders still work
ALIASES = (("prev_year", "prior_year", "parts/ 模板原来的写法"), ("cn(n)", "n|cn", "两种写法在所有模板中都可用"))


def variables_markdown(report: Report | None = None) -> str:
    """docs/TEMPLATE_VARIABLES.md (kept current by a test)."""
    ref = template_variables(report)
    out = [
        "# 模板可用的变量、函数、过滤器与测试",
        "",
        "本文件由 `make-report templates vars --markdown` 生成（`juesuan.maintenance.templates_vars.variables_markdown`），"
        "请勿手改；测试会检查它是否最新。示例值取自内置示例 (a)。",
        "",
        "所有模板用同一套名称：第三部分的模板在 `templates/narrative/` 下（每节一个文件，节的顺序见 `sections.json`），"
        "其他部分在 `templates/parts/` 下，报告的骨架（有哪些部分、什么顺序、表格和附件放在哪里）是 `parts/document.j2`。"
        "下面的变量、过滤器和测试在两处都可用；h()、p()、table()、narrative()、omit() 只用于 `parts/`。",
        "覆盖时把要改的文件复制到自己的目录，用 `make-report 工作簿.xlsx --templates 目录` 生成，"
        "用 `make-report templates check 目录` 检查。",
        "工作簿里的文字（原因、用途、说明）只作为值插入，其中的 `{{ }}`、`{% %}` 原样输出，不会被执行。",
        "",
        "## 变量（所有模板）",
        "",
        "| 变量 | 类型 | 说明 | 示例值 |",
        "|---|---|---|---|",
    ]
    for path, tp, desc, ex in ref["variables"]:
        out.append(f"| `{path}` | `{_md(tp)}` | {_md(desc)} | {_md(ex)} |")
    out += ["", "## 各部分的变量（`templates/parts/`）", "", "| 变量 | 类型 | 说明 | 示例值 |", "|---|---|---|---|"]
    for path, tp, desc, ex in ref["parts"]:
        out.append(f"| `{path}` | `{_md(tp)}` | {_md(desc)} | {_md(ex)} |")
    out += ["", "## 函数", "", "| 函数 | 说明 | 例 |", "|---|---|---|"]
    for name, desc, ex in ref["functions"]:
        out.append(f"| `{name}` | {_md(desc)} | `{_md(ex)}` |")
    out += ["", "## 过滤器", "",
            "`lead_in`、`sentence_body`、`suffixed` 把工作簿文字拼进句子而不重复词语或标点"
            "（`juesuan.templating.join`）。", "",
            "| 过滤器 | 说明 | 例 |", "|---|---|---|"]
    for name, desc, ex in ref["filters"]:
        out.append(f"| `{name}` | {_md(' '.join(desc.split()))} | {_md(ex)} |")
    out += ["", "## 测试（`is …`）", "", "| 测试 | 说明 | 例 |", "|---|---|---|"]
    for name, desc, ex in ref["tests"]:
        out.append(f"| `{name}` | {desc} | {_md(ex)} |")
    out += ["", "## 公开表的文字（`parts/tables.j2`）", "",
            "九张公开表的表名、表号、表格上方两行、表注和空表说明在 `parts/tables.j2` 中，用 `{% set %}` 写下面这些名称"
            "（按表的写成 `{\"T01\": \"…\", …}`，T01…T09 即公开01表…公开09表）。文件中可用上面所有变量。"
            "覆盖时只写要改的表和项，其余用内置文字；第二部分的小标题用 `t.title`，就与表格上方的标题行一致。", "",
            "| 名称 | 说明 | 内置（示例 (a)） |", "|---|---|---|"]
    for name, desc, ex in ref["tables"]:
        out.append(f"| `{name}` | {_md(desc)} | {_md(ex)} |")
    out += ["", "## 旧名称（仍可用）", "", "| 旧写法 | 同 | 说明 |", "|---|---|---|"]
    for old, new, desc in ref["aliases"]:
        out.append(f"| `{old}` | `{new}` | {desc} |")
    return "\n".join(out) + "\n"


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")
