"""The reference of what a narrative template can use: every variable (the fields of
:class:`juesuan.figures.Figures`, with type, description and an example value), filter and test.
``make-report templates vars`` prints it; ``docs/TEMPLATE_VARIABLES.md`` is its Markdown form.
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
from juesuan.templating.filters import TEST_DOCS, make_filters
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


def template_variables(report: Report | None = None) -> dict:
    """Every variable, filter and test a narrative template can use, with type, description and
    an example value taken from ``report`` (default: the first bundled example)."""
    if report is None:
        examples = example_reports()
        report = examples[0][1] if examples else None
    figs = compute(report) if report is not None else None
    rows: list = []
    _walk(Figures, figs, "", rows)
    rows.append(("phrases", "dict", "phrases.json 中过滤器用的词语（单位、增减词、原因引语）", ""))
    env = Templates().narrative_env
    from juesuan.templating.join import JOIN_FILTERS
    names = [*make_filters(env.globals["phrases"]), *JOIN_FILTERS]
    filters = [(n, (env.filters[n].__doc__ or "").strip()) for n in names]
    tests = sorted(TEST_DOCS.items())
    return {"variables": rows, "filters": filters, "tests": tests}


def variables_markdown(report: Report | None = None) -> str:
    """docs/TEMPLATE_VARIABLES.md (kept current by a test)."""
    ref = template_variables(report)
    out = [
        "# 第三部分模板可用的变量、过滤器与测试",
        "",
        "本文件由 `make-report templates vars --markdown` 生成（`juesuan.maintenance.templates_vars.variables_markdown`），"
        "请勿手改；测试会检查它是否最新。示例值取自内置示例 (a)。",
        "",
        "模板在 `templates/narrative/` 下，每节一个文件；覆盖时把要改的文件复制到自己的目录，"
        "用 `make-report 工作簿.xlsx --templates 目录` 生成，用 `make-report templates check 目录` 检查。",
        "工作簿里的文字（原因、用途、说明）只作为值插入，其中的 `{{ }}`、`{% %}` 原样输出，不会被执行。",
        "",
        "## 变量",
        "",
        "| 变量 | 类型 | 说明 | 示例值 |",
        "|---|---|---|---|",
    ]
    for path, tp, desc, ex in ref["variables"]:
        out.append(f"| `{path}` | `{_md(tp)}` | {_md(desc)} | {_md(ex)} |")
    out += ["", "## 过滤器", "",
            "`lead_in`、`sentence_body`、`suffixed` 把工作簿文字拼进句子而不重复词语或标点"
            "（`juesuan.templating.join`），`templates/parts/` 的模板也可以用。", "",
            "| 过滤器 | 说明 |", "|---|---|"]
    for name, desc in ref["filters"]:
        out.append(f"| `{name}` | {_md(' '.join(desc.split()))} |")
    out += ["", "## 测试（`is …`）", "", "| 测试 | 说明 |", "|---|---|"]
    for name, desc in ref["tests"]:
        out.append(f"| `{name}` | {desc} |")
    return "\n".join(out) + "\n"


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")
