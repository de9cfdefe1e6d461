"""Text of the parts templates (templates/parts/*.j2) turned into blocks.

A parts template writes plain lines: each non-empty line is a body paragraph.  Structure is
marked by calling the helpers passed into every template:

    {{ h(2, "一、部门主要职责") }}        a heading (level 1–3); h(2, text, True) starts a page
    {{ p("note", text) }}                a paragraph in another style (note | right | center | caption)
    {{ table("W03") }}                   where the code puts a table

The helpers emit control characters as markers.  Workbook text reaches a template only
through ``clean``, which removes every control character, so no input can fake a marker,
and it is passed as a value, never evaluated as template source.
"""
from __future__ import annotations

import re
import unicodedata
from juesuan.model.textnorm import safe_text
from juesuan.spec.layouts import cn_number
from juesuan.render.docx import styles as S
from juesuan.render.blocks import Block, Heading, Para

_HEADING, _TABLE, _STYLE, _SEP = "\x1e", "\x1d", "\x1c", "\x1f"
_MARKERS = _HEADING + _TABLE + _STYLE + _SEP


def _safe(text: str) -> str:
    """No control character (juesuan.model.textnorm, markers included) and no carriage return."""
    return safe_text(text.replace("\r", ""))

PARA_STYLES = {
    "body": (S.NORMAL, None),
    "note": (S.TABLE_NOTE, None),
    "right": (S.NORMAL, "right"),
    "center": (S.NORMAL, "center"),
    "caption": (S.CAPTION, None),
}


def clean(value: object) -> str:
    """Workbook text made safe for Word: no control characters, \\n line ends, no tabs."""
    if value is None:
        return ""
    text = str(value).replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    text = unicodedata.normalize("NFC", text)
    return _safe(text).strip()


def one_line(value: object) -> str:
    """A name or title: cleaned, on one line."""
    return re.sub(r"\s*\n\s*", "", clean(value))


def _h(level: int, text: object, page_break: bool = False) -> str:
    return f"{_HEADING}{int(level)}{'p' if page_break else '-'}{one_line(text)}\n"


def _table(table_id: object) -> str:
    return f"{_TABLE}{one_line(table_id)}\n"


def _p(style: str, text: object) -> str:
    if style not in PARA_STYLES:
        raise ValueError(f"未知段落样式：{style}")
    lines = [ln for ln in clean(text).split("\n") if ln.strip()]
    return "".join(f"{_STYLE}{style}{_SEP}{ln}\n" for ln in lines)


HELPERS = {"h": _h, "table": _table, "p": _p, "cn": cn_number}


def render_template(env, name: str, context: dict) -> str:
    from juesuan.templating.limits import render_limited
    from juesuan.templating.shapes import control_problem
    from juesuan.templating.env import TemplateProblem, template_problem
    try:
        text = render_limited(env.get_template(name), {**HELPERS, **context})
    except TemplateProblem:
        raise
    except Exception as exc:  # noqa: BLE001 - the same translation as 第三部分: file, line, variable
        raise template_problem(exc, name) from None
    problem = control_problem(text, markers=_MARKERS) or _marker_problem(text)
    if problem:
        raise TemplateProblem(name, None, problem)
    return text


_MARKED_LINE = re.compile(
    f"{_HEADING}[0-9][p-][^{_MARKERS}]*|{_TABLE}[^{_MARKERS}]*|{_STYLE}(?:{'|'.join(PARA_STYLES)}){_SEP}[^{_MARKERS}]*")


def _marker_problem(text: str) -> str | None:
    """The helpers' markers only where the helpers put them (a template writing one itself
    would make a heading of level 'x' or an unknown style)."""
    for n, line in enumerate(text.split("\n"), 1):
        if any(m in line for m in _MARKERS) and not _MARKED_LINE.fullmatch(line.lstrip(" ")):
            ch = next(m for m in line if m in _MARKERS)
            return (f"模板输出了格式标记字符 U+{ord(ch):04X}（输出第 {n} 行）；标题、段落样式和表格请用 h()、p()、table() 写")
    return None


def to_blocks(text: str, tables: dict[str, list[Block]] | None = None) -> list[Block]:
    """Lines of rendered template text -> blocks; table markers are replaced by ``tables[id]``."""
    tables = tables or {}
    out: list[Block] = []
    for line in text.split("\n"):
        if not line.strip():
            continue
        if line.startswith(_HEADING):
            out.append(Heading(int(line[1]), line[3:].strip(), page_break=line[2] == "p"))
        elif line.startswith(_TABLE):
            out.extend(tables.get(line[1:].strip(), []))
        elif line.startswith(_STYLE):
            style, _, body = line[1:].partition(_SEP)
            para_style, align = PARA_STYLES[style]
            out.append(Para(_safe(body).strip(), para_style, align))
        else:
            out.append(Para(_safe(line).strip()))
    return out


def render_blocks(env, name: str, context: dict, tables: dict[str, list[Block]] | None = None) -> list[Block]:
    return to_blocks(render_template(env, name, context), tables)
