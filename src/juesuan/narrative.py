"""第三部分 情况说明: the figures of :mod:`juesuan.figures` rendered by the Jinja templates in
``templates/narrative/`` (one file per section).  Python computes; the templates speak.

* :func:`build_part3` renders every section the settings select, in the order they select.
* The filters and tests registered here are the recurring phrases (F1 amounts, F2 percentages,
  增加/减少, 上升/下降, 主要原因…); their words come from ``phrases.json`` next to the templates.
* Workbook text is only ever a *value* in the context: a reason containing ``{{ x }}`` is printed
  as written.  The environment is sandboxed with StrictUndefined (:func:`juesuan.textenv.make_env`).
* A maintainer's folder (``--templates DIR``) overrides shipped files of the same name, either as
  ``DIR/<file>`` or ``DIR/narrative/<file>``; any template problem becomes a
  :class:`~juesuan.textenv.TemplateProblem` naming file, line and variable.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field, fields, is_dataclass
from decimal import Decimal
from pathlib import Path
from typing import get_type_hints

from . import figures as F
from .layouts import cn_number
from .model import Report
from .money import fmt_amount
from .paths import templates_dir as shipped_templates_dir
from .textenv import TemplateProblem, make_env

FOLDER = "narrative"


@dataclass
class Section:
    id: str  # s01, s05_2 …
    number: str  # 一 (level 1) / （二） (level 2)
    title: str  # without number
    level: int  # 1 or 2
    paragraphs: list[str] = field(default_factory=list)
    figures: list[tuple[int, str]] = field(default_factory=list)  # (paragraph index it follows, fig1…fig4)


class TemplateValueError(Exception):
    """A filter got a value it cannot print (blank amount, a change that is 持平 …). Chinese message."""


# ---------------------------------------------------------------------------------------
# Environment
# ---------------------------------------------------------------------------------------
_ENVS: dict[str | None, object] = {}


def narrative_env(override: Path | None = None):
    """The environment for ``override`` (cached: compiling the templates is the slow part; Jinja
    still reloads a file whose modification time changed)."""
    key = None if override is None else str(Path(override).resolve())
    if key not in _ENVS:
        _ENVS[key] = _new_env(override)
    return _ENVS[key]


def _new_env(override: Path | None):
    """The shared sandboxed environment, set up for paragraph templates.

    trim_blocks is off: a line ending in ``{% endif %}`` must still end its paragraph.  Lines
    that only hold a block tag render empty and are dropped; one non-empty output line is one
    paragraph; ``{%- … -%}`` joins template lines into one paragraph.
    """
    from jinja2 import ChoiceLoader, FileSystemLoader, PrefixLoader
    env = make_env(override)  # finds DIR/narrative/<file>, then the shipped file
    env.trim_blocks = False
    env.lstrip_blocks = True
    if override is not None:  # a file copied straight into DIR counts too
        env.loader = ChoiceLoader([PrefixLoader({FOLDER: FileSystemLoader(str(override))}), env.loader])
    phrases = _load_json(env, "phrases.json")
    env.filters.update(_filters(phrases))
    env.tests.update(TESTS)
    env.globals["phrases"] = phrases
    return env


def _load_json(env, name: str) -> dict:
    from jinja2 import TemplateNotFound
    try:
        source, filename, _ = env.loader.get_source(env, f"{FOLDER}/{name}")
    except TemplateNotFound:
        raise TemplateProblem(f"{FOLDER}/{name}", None, "找不到该数据文件") from None
    try:
        return json.loads(source)
    except json.JSONDecodeError as exc:
        raise TemplateProblem(filename, exc.lineno, f"JSON 格式错误：{exc.msg}") from None


def load_data(name: str, override: Path | None = None) -> dict:
    """A JSON data file of templates/narrative (sections.json, charts.json, phrases.json)."""
    return _load_json(narrative_env(override), name)


# ---------------------------------------------------------------------------------------
# Filters and tests (documented in `make-report templates vars`)
# ---------------------------------------------------------------------------------------
def _opts(ctx) -> F.Options:
    return ctx["opts"]


def _need(value, what: str):
    from jinja2 import Undefined
    if isinstance(value, Undefined):
        value._fail_with_undefined_error()  # raises UndefinedError naming the variable
    if value is None:
        raise TemplateValueError(f"{what}为空（None），不能写进正文")
    if isinstance(value, bool) or not isinstance(value, (Decimal, int)):
        raise TemplateValueError(f"{what}应为数值，实际是 {type(value).__name__}")
    return Decimal(value)


def _filters(ph: dict) -> dict:
    from jinja2 import pass_context

    @pass_context
    def wan(ctx, value) -> str:
        """金额（F1）加单位：36.3万元、0万元；金额固定两位时 36.30万元。"""
        return F.show_amount(_need(value, "金额"), _opts(ctx)) + ph["unit"]

    def num(value) -> str:
        """数（不带单位，去尾零，不受“金额固定两位”影响）：95.52、40；用于得分等。"""
        return fmt_amount(_need(value, "数值"))

    @pass_context
    def pct(ctx, value) -> str:
        """百分比（F2）加 %：21.74%、100%（小数位与尾零按设置）。"""
        return F.show_percent(_need(value, "百分比"), _opts(ctx)) + ph["percent"]

    def _moving(change, what):
        if not isinstance(change, F.Change):
            raise TemplateValueError(f"{what}只能用于变动（Change）值")
        if not change.compared or change.flat:
            raise TemplateValueError(f"{what}用于没有变动的值（持平或无比较值），请先用 is flat / is compared 判断")
        return change

    def zengjian(change) -> str:
        """增减词（W1）：增加 / 减少。"""
        return ph["more"] if _moving(change, "zengjian").up else ph["less"]

    @pass_context
    def shengjiang(ctx, change) -> str:
        """升降词（W2）：上升 / 下降（升降词风格=增长降低 时为 增长 / 降低）。"""
        words = ph["rate_words"].get(_opts(ctx).rate_words) or next(iter(ph["rate_words"].values()))
        return words[0] if _moving(change, "shengjiang").up else words[1]

    @pass_context
    def delta(ctx, change) -> str:
        """变动短语：减少110.37万元，下降21.74%；比较值为 0 时（W4）只有金额：增加5万元。"""
        c = _moving(change, "delta")
        amount = zengjian(c) + wan(ctx, c.amount)
        if c.rate is None:
            return amount
        return ph["delta"].format(amount=amount, rate=shengjiang(ctx, c) + pct(ctx, c.rate))

    def reason(r, prefix: str = "", lead: str | None = None) -> str:
        """原因分句（W6）：一条 →「{prefix}主要原因是…。」；多条 →「{prefix}主要原因：一是…；二是…。」。
        lead 可改单条的引语（如「主要原因是：」）。原因为空时为空串。"""
        if not isinstance(r, F.Reason):
            raise TemplateValueError("reason 只能用于原因（Reason）值")
        if not r:
            return ""
        if r.is_list:
            items = ph["reason_item_sep"].join(ph["reason_item"].format(n=cn_number(i), text=t)
                                               for i, t in enumerate(r.lines, 1))
            return ph["reason_list"].format(prefix=prefix, items=items)
        return ph["reason_single"].format(prefix=prefix, lead=ph["reason_lead"] if lead is None else lead,
                                          text=r.lines[0])

    def cn(n) -> str:
        """中文数字：1 → 一，12 → 十二。"""
        return cn_number(int(n))

    return {"wan": wan, "num": num, "pct": pct, "zengjian": zengjian, "shengjiang": shengjiang,
            "delta": delta, "reason": reason, "cn": cn}


def _is_change(v) -> bool:
    return isinstance(v, F.Change)


TESTS = {
    "up": lambda v: _is_change(v) and v.up,
    "down": lambda v: _is_change(v) and v.down,
    "flat": lambda v: _is_change(v) and v.flat,
    "compared": lambda v: _is_change(v) and v.compared,
    "base_zero": lambda v: _is_change(v) and v.base_zero,
    "zero": lambda v: v is not None and not isinstance(v, bool) and Decimal(v) == 0,
}
TEST_DOCS = {
    "up": "变动为增加（本年 > 比较值）",
    "down": "变动为减少",
    "flat": "持平（变动额为 0，按两位小数比较）",
    "compared": "有比较值（上年数或预算数已填）",
    "base_zero": "比较值为 0 而本年不为 0（W4：只写金额，不写比率）",
    "zero": "数值为 0",
}


# ---------------------------------------------------------------------------------------
# Sections
# ---------------------------------------------------------------------------------------
def _selected(spec: dict, report: Report) -> bool:
    return all(str(report.setting(k)) == str(v) for k, v in spec.get("when", {}).items())


def section_plan(report: Report, data: dict) -> list[dict]:
    """The sections the settings select, in order, each with its number."""
    order = data["orders"].get(str(report.setting("节序"))) or next(iter(data["orders"].values()))
    chosen = [s for s in data["sections"] if _selected(s, report)]
    plan: list[dict] = []
    n1 = 0
    for top_id in order:
        top = next((s for s in chosen if s["id"] == top_id), None)
        if top is None:
            continue
        n1 += 1
        plan.append({**top, "number": data["number_format"]["1"].format(n=cn_number(n1))})
        subs = [s for s in chosen if s.get("parent") == top_id]
        for n2, sub in enumerate(subs, 1):
            plan.append({**sub, "number": data["number_format"]["2"].format(n=cn_number(n2))})
    return plan


def paragraphs_of(text: str) -> list[str]:
    return [line.strip() for line in text.split("\n") if line.strip()]


_UNDEFINED = re.compile(r"^'([^']+)' is undefined$")
_NO_ATTR = re.compile(r"^'(.+?)' (?:object )?has no attribute '([^']+)'$")
_NO_FILTER = re.compile(r"^No (filter|test) named '([^']+)'")
_NO_ELEMENT = re.compile(r"^'?(.+?)'? has no element (.+)$")


def _expression(filename: str, line: int | None, attr: str) -> str | None:
    """The ``a.b.attr`` written on that template line, to name the variable in the message."""
    try:
        text = Path(filename).read_text(encoding="utf-8").splitlines()[line - 1]
    except (OSError, IndexError, TypeError):
        return None
    m = re.search(r"([A-Za-z_][\w.\[\]]*)\." + re.escape(attr) + r"\b", text)
    return f"{m.group(1)}.{attr}" if m else None


def template_problem(exc: Exception, template: str) -> TemplateProblem:
    """Turn a Jinja/filter exception into 模板文件 + 行 + 中文说明 (every text template uses this)."""
    from jinja2 import TemplateNotFound, TemplateSyntaxError, UndefinedError
    from jinja2.exceptions import SecurityError
    if isinstance(exc, TemplateProblem):
        return exc
    filename, line = template, None
    tb = exc.__traceback__
    while tb is not None:
        name = tb.tb_frame.f_code.co_filename
        if name.endswith(".j2"):
            filename, line = name, tb.tb_lineno
        tb = tb.tb_next
    if isinstance(exc, TemplateSyntaxError):
        from .template_lint import explain_syntax, syntax_line
        filename, line = exc.filename or exc.name or filename, exc.lineno
        m = _NO_FILTER.match(exc.message or "")
        if m:
            kind = "过滤器" if m.group(1) == "filter" else "测试"
            return TemplateProblem(filename, line, f"没有名为 {m.group(2)} 的{kind}")
        source = exc.source
        if source is None and exc.filename:
            try:
                source = Path(exc.filename).read_text(encoding="utf-8")
            except OSError:
                source = None
        return TemplateProblem(filename, syntax_line(None, source, line, exc.message or ""),
                               explain_syntax(exc.message or ""))
    message = str(exc)
    if isinstance(exc, TemplateNotFound):
        return TemplateProblem(filename, line, f"找不到模板文件 {exc.name}")
    if isinstance(exc, UndefinedError):
        m = _UNDEFINED.match(message)
        m2 = _NO_ATTR.match(message)
        m3 = _NO_ELEMENT.match(message)
        if m:
            message = f"变量 {m.group(1)} 未定义"
        elif m2:
            expr = _expression(filename, line, m2.group(2))
            owner = m2.group(1).replace("juesuan.figures.", "").replace(" object", "")
            message = (f"变量 {expr} 未定义" if expr else f"属性 {m2.group(2)} 未定义") + f"（{owner} 没有属性 {m2.group(2)}）"
        elif m3:
            message = f"列表没有第 {m3.group(2)} 项（下标从 0 起）"
        else:
            message = f"未定义的变量：{message}"
    elif _NO_FILTER.match(message):
        m = _NO_FILTER.match(message)
        message = f"没有名为 {m.group(2)} 的{'过滤器' if m.group(1) == 'filter' else '测试'}"
    elif isinstance(exc, SecurityError):
        message = f"模板做了不允许的操作：{message}"
    elif isinstance(exc, TemplateValueError):
        pass
    else:
        message = f"渲染出错（{type(exc).__name__}）：{message}"
    return TemplateProblem(filename, line, message)


def render_template(env, name: str, context: dict) -> list[str]:
    try:
        text = env.get_template(f"{FOLDER}/{name}").render(context)
    except Exception as exc:  # every template failure becomes a TemplateProblem
        raise template_problem(exc, f"{FOLDER}/{name}") from None
    return paragraphs_of(text)


def build_part3(report: Report, templates_dir: Path | None = None) -> list[Section]:
    """第三部分, section by section: numbers, titles, paragraphs and where 图1–图4 go."""
    env = narrative_env(templates_dir)
    data = _load_json(env, "sections.json")
    figs = F.compute(report)
    ctx = figs.context()
    drawn = {c.fig_id for c in F.chart_specs(report, templates_dir, figs)}
    out: list[Section] = []
    for spec in section_plan(report, data):
        paragraphs = render_template(env, spec["template"], ctx) if spec.get("template") else []
        placed = []
        fig = spec.get("figure")
        if fig and fig["id"] in drawn and paragraphs:
            after = fig.get("after", -1)
            placed.append((len(paragraphs) - 1 if after < 0 else min(after, len(paragraphs) - 1), fig["id"]))
        out.append(Section(spec["id"], spec["number"], spec["title"], spec["level"], paragraphs, placed))
    return out


def part3_text(sections: list[Section]) -> str:
    """Plain text of 第三部分 (headings and paragraphs), for previews and tests."""
    lines = []
    for s in sections:
        lines.append(f"{s.number}{'、' if s.level == 1 else ''}{s.title}")
        lines.extend(s.paragraphs)
    return "\n".join(lines)


# ---------------------------------------------------------------------------------------
# Checks on rendered text (used by `templates check` and the tests)
# ---------------------------------------------------------------------------------------
_LINT = (
    (re.compile(r"\{\{|\{%|\{#|%\}|\}\}"), "残留模板语法"),
    (re.compile(r"(?<![\d])万元"), "金额为空（“万元”前没有数字）"),
    (re.compile(r"(?<![\d.])0\.00(?!\d)(?!%)"), "金额写成了 0.00"),
    (re.compile(r"(?:增加|减少)0(?:万元|%)|(?:上升|下降|增长|降低)0%"), "写了零变动（增加0 / 下降0%）"),
    (re.compile(r"(?<![\d])%"), "百分比为空（“%”前没有数字）"),
    (re.compile(r"主要原因(?:是|为)?[：:]?[。，；]|主要原因(?:是|为)?[：:]?$"), "原因为空"),
    (re.compile(r"[。，；、：]{2,}"), "标点重复或空槽位"),
    (re.compile(r"(?<![A-Za-z])(?:None|nan|True|False)(?![A-Za-z])|Decimal\("), "印出了程序值"),
    (re.compile(r"\d\.\d{3,}(?:万元|%)"), "小数位过多"),
)


def lint_paragraph(text: str) -> list[str]:
    """Problems a reader would see in one generated paragraph (empty list = none)."""
    found = [msg for rx, msg in _LINT if rx.search(text)]
    if text and text[-1] not in "。：":
        found.append("段落没有以“。”结尾")
    return found


# ---------------------------------------------------------------------------------------
# Template maintenance: check and variable reference
# ---------------------------------------------------------------------------------------
def example_reports() -> list[tuple[str, Report]]:
    """The bundled example workbooks as Reports (source checkout: example_inputs/data/*.json)."""
    from .example_data import load_example
    from .paths import data_dir
    places = [data_dir() / "examples", shipped_templates_dir().parent / "example_inputs" / "data"]
    for folder in places:
        files = sorted(folder.glob("*.json")) if folder.is_dir() else []
        if files:
            return [(f.stem, load_example(f)) for f in files]
    return []


def _shipped_names() -> list[str]:
    """Every shipped template file name (narrative/ and parts/): an override must match one."""
    root = shipped_templates_dir()
    return sorted({p.name for p in root.rglob("*") if p.is_file()})


def check_templates(override: Path | None = None) -> list[str]:
    """Render every narrative template (all variants) against every bundled example; list every
    problem in Chinese (empty list = all good)."""
    problems: list[str] = []
    if override is not None:
        if not override.is_dir():
            return [f"模板目录不存在：{override}"]
        shipped = set(_shipped_names())
        for p in sorted(override.rglob("*")):
            if p.is_file() and p.name not in shipped:
                problems.append(f"{p}：不对应任何内置模板文件，不会被使用（文件名须与内置模板完全相同）")
    try:
        env = narrative_env(override)
        data = _load_json(env, "sections.json")
        _load_json(env, "charts.json")
    except TemplateProblem as exc:
        return problems + [str(exc)]
    names = []
    for name in dict.fromkeys(s["template"] for s in data["sections"] if s.get("template")):
        try:  # syntax first, once per file
            env.get_template(f"{FOLDER}/{name}")
            names.append(name)
        except Exception as exc:  # every failure is listed, none stops the check
            problems.append(str(template_problem(exc, f"{FOLDER}/{name}")))
    examples = example_reports()
    if not examples:
        problems.append("找不到内置示例数据，无法试渲染模板")
    contexts = [(label, F.compute(report).context()) for label, report in examples]
    static = _undefined_everywhere(env, names, [ctx for _, ctx in contexts])
    problems.extend(str(p) for p in static)
    named = {p.template for p in static}
    seen: set[str] = set()
    for label, ctx in contexts:
        for name in names:
            try:
                paragraphs = render_template(env, name, ctx)
            except TemplateProblem as exc:
                if exc.template in named and exc.message.startswith("变量"):
                    continue  # every undefined name of this file is listed above, each with its line
                if str(exc) not in seen:  # the same fault in the next example is not news
                    seen.add(str(exc))
                    problems.append(f"[示例 {label}] {exc}")
                continue
            for i, text in enumerate(paragraphs, 1):
                for msg in lint_paragraph(text):
                    problems.append(f"[示例 {label}] 模板 {FOLDER}/{name} 第{i}段：{msg}：{text}")
    return problems


def _undefined_everywhere(env, names: list[str], contexts: list[dict]) -> list[TemplateProblem]:
    """Every undefined name of each template, with its line (rendering would stop at the first);
    a loop variable is checked against the first item of each example that has one."""
    from .template_lint import undefined_names
    out: list[TemplateProblem] = []
    for name in names:
        try:
            source, filename, _ = env.loader.get_source(env, f"{FOLDER}/{name}")
        except Exception:  # noqa: BLE001 - already reported by the syntax pass
            continue
        found: dict[tuple[int, str], None] = {}
        for ctx in contexts:
            for item in undefined_names(env, source, ctx):
                found[item] = None
        for line, path in sorted(found):
            out.append(TemplateProblem(filename or f"{FOLDER}/{name}", line, f"变量 {path} 未定义"))
    return out


def _type_name(tp) -> str:
    text = getattr(tp, "__name__", None) if not getattr(tp, "__args__", None) else None
    text = text or str(tp)
    text = text.replace("juesuan.figures.", "").replace("decimal.", "").replace("typing.", "")
    return text.replace("NoneType", "None")


def _example(value) -> str:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, F.Reason):
        return "、".join(value.lines) if value else "（空）"
    if isinstance(value, str):
        return value if len(value) <= 30 else value[:30] + "…"
    if isinstance(value, tuple) and all(isinstance(v, str) for v in value):
        return f"{len(value)} 条" if value else "（空）"
    if value is None:
        return "None"
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
    figs = F.compute(report) if report is not None else None
    rows: list = []
    _walk(F.Figures, figs, "", rows)
    rows.append(("phrases", "dict", "phrases.json 中过滤器用的词语（单位、增减词、原因引语）", ""))
    env = narrative_env()
    filters = [(n, (env.filters[n].__doc__ or "").strip()) for n in _filters(env.globals["phrases"])]
    tests = sorted(TEST_DOCS.items())
    return {"variables": rows, "filters": filters, "tests": tests}


def variables_markdown(report: Report | None = None) -> str:
    """docs/TEMPLATE_VARIABLES.md (kept current by a test)."""
    ref = template_variables(report)
    out = [
        "# 第三部分模板可用的变量、过滤器与测试",
        "",
        "本文件由 `make-report templates vars --markdown` 生成（`juesuan.narrative.variables_markdown`），"
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
    out += ["", "## 过滤器", "", "| 过滤器 | 说明 |", "|---|---|"]
    for name, desc in ref["filters"]:
        out.append(f"| `{name}` | {_md(' '.join(desc.split()))} |")
    out += ["", "## 测试（`is …`）", "", "| 测试 | 说明 |", "|---|---|"]
    for name, desc in ref["tests"]:
        out.append(f"| `{name}` | {desc} |")
    return "\n".join(out) + "\n"


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")
