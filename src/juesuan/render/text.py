"""Text of the parts templates (templates/parts/*.j2) turned into blocks.

A parts template writes plain lines: each non-empty line is a body paragraph.  Structure is
marked by calling the helpers passed into every template:

    {{ h(2, "一、部门主要职责") }}        a heading (level 1–3); h(2, text, True) starts a page
    {{ p("note", text) }}                a paragraph in another style (note | right | center | caption)
    {{ table("W03") }}                   where the code puts a table
    {{ narrative() }}                    where the sections of 第三部分 go (templates/narrative)
    {{ omit("X01") }}                    a table or workbook content left out on purpose (no 警告)

A table id the report does not have, a heading level outside 1–3 and workbook content that no
template placed are 警告 of the render (``to_blocks`` returns them), never a silent drop.

The helpers emit control characters as markers.  Workbook text reaches a template only
through ``clean``, which removes every control character, so no input can fake a marker,
and it is passed as a value, never evaluated as template source.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from juesuan.model.textnorm import safe_text
from juesuan.spec.layouts import cn_number
from juesuan.spec.supplement import CODE
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


HEADING_LEVELS = (1, 2, 3)
NARRATIVE_ID = "第三部分各节"  # the table-marker id of narrative(): no table id has Chinese
OMIT = "omit:"


def _h(level: int, text: object, page_break: bool = False) -> str:
    from juesuan.templating.env import TemplateValueError
    if isinstance(level, bool) or not isinstance(level, int):
        try:
            level = int(str(level).strip())
        except ValueError:
            raise TemplateValueError(f"h() 的第一个参数是标题级别（1、2 或 3），实际是“{level}”") from None
    # each marker starts a line of its own, even after an included part whose last line has no \n
    return f"\n{_HEADING}{'p' if page_break else '-'}{level}{_SEP}{one_line(text)}\n"


def _table(table_id: object) -> str:
    return f"\n{_TABLE}{one_line(table_id)}\n"


def _narrative() -> str:
    return _table(NARRATIVE_ID)


def _omit(*ids: object) -> str:
    return "".join(_table(OMIT + one_line(i)) for i in ids)


def _p(style: str, text: object) -> str:
    if style not in PARA_STYLES:
        raise ValueError(f"未知段落样式：{style}")
    lines = [ln for ln in clean(text).split("\n") if ln.strip()]
    return "".join(f"\n{_STYLE}{style}{_SEP}{ln}\n" for ln in lines)


HELPERS = {"h": _h, "table": _table, "p": _p, "cn": cn_number, "narrative": _narrative, "omit": _omit}


def _counted_h():
    """h() that stops the render at the call over the limit: the message then names the template
    file and line that wrote it (usually h() inside a loop), not the skeleton."""
    from juesuan.templating.env import TemplateValueError
    from juesuan.templating.limits import MAX_HEADINGS
    count = [0]

    def h(level: int, text: object, page_break: bool = False) -> str:
        count[0] += 1
        if count[0] > MAX_HEADINGS:
            raise TemplateValueError(f"模板写的标题 h() 超过上限 {MAX_HEADINGS} 个（是否在循环中写了 h()？），已停止")
        return _h(level, text, page_break)
    return h


def render_template(env, name: str, context: dict) -> str:
    from juesuan.templating.limits import render_limited
    from juesuan.templating.shapes import control_problem
    from juesuan.templating.env import TemplateProblem, template_problem
    try:
        text = render_limited(env.get_template(name), {**HELPERS, **context, "h": _counted_h()})
    except TemplateProblem:
        raise
    except Exception as exc:  # noqa: BLE001 - the same translation as 第三部分: file, line, variable
        raise template_problem(exc, name) from None
    problem = control_problem(text, markers=_MARKERS) or _marker_problem(text)
    if problem:
        raise TemplateProblem(name, None, problem)
    return text


_MARKED_LINE = re.compile(
    f"{_HEADING}[p-]-?[0-9]+{_SEP}[^{_MARKERS}]*|{_TABLE}[^{_MARKERS}]*|{_STYLE}(?:{'|'.join(PARA_STYLES)}){_SEP}[^{_MARKERS}]*")


def _marker_problem(text: str) -> str | None:
    """The helpers' markers only where the helpers put them (a template writing one itself
    would make a heading of level 'x' or an unknown style)."""
    for n, line in enumerate(text.split("\n"), 1):
        if any(m in line for m in _MARKERS) and not _MARKED_LINE.fullmatch(line.lstrip(" ")):
            ch = next(m for m in line if m in _MARKERS)
            return (f"模板输出了格式标记字符 U+{ord(ch):04X}（输出第 {n} 行）；标题、段落样式和表格请用 h()、p()、table() 写")
    return None


@dataclass
class Placed:
    """Blocks of a parts template and what it did with the tables it was given."""
    blocks: list[Block] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # Chinese, one per fault: 警告 of the render
    placed: set[str] = field(default_factory=set)
    omitted: set[str] = field(default_factory=set)

    def left_out(self, content_id: str) -> bool:
        """``omit("X02")`` covers X02-1, X02-2 …"""
        return any(content_id == o or content_id.startswith(o + "-") for o in self.omitted)


def place_blocks(text: str, tables: dict[str, list[Block]] | None = None,
                 titles: dict[str, tuple[str, ...]] | None = None) -> Placed:
    """Lines of rendered template text -> blocks; table markers are replaced by ``tables[id]``.
    An unknown table id, a heading level outside 1–3, a table placed nowhere (unless
    ``omit``-ted) and a heading right above a 公开表 that names it neither by its 表名 nor by its 表号
    (``titles``: id -> (表名, 表号); else the page shows two titles) are listed in ``problems``."""
    tables = tables or {}
    titles = titles or {}
    out = Placed()
    lines = [line for line in text.split("\n") if line.strip()]
    _within_limits(lines)
    for line in lines:
        if line.startswith(_HEADING):
            head, _, body = line[2:].partition(_SEP)
            level = int(head)
            if level not in HEADING_LEVELS:
                near = min(max(level, HEADING_LEVELS[0]), HEADING_LEVELS[-1])
                out.problems.append(f"模板中 h({level}, …) 的标题级别 {level} 超出范围（只能是 1、2、3），"
                                    f"标题“{body.strip()[:30]}”已按 {near} 级标题排版")
                level = near
            out.blocks.append(Heading(level, body.strip(), page_break=line[1] == "p"))
        elif line.startswith(_TABLE):
            table_id = line[1:].strip()
            if table_id.startswith(OMIT):
                out.omitted.add(table_id[len(OMIT):])
            elif table_id in tables:
                out.placed.add(table_id)
                if table_id in titles and out.blocks and isinstance(out.blocks[-1], Heading) \
                        and not any(name in out.blocks[-1].text for name in titles[table_id]):
                    out.problems.append(_two_titles(out.blocks[-1].text, titles[table_id][0], table_id))
                out.blocks.extend(tables[table_id])
            else:
                what = "narrative()" if table_id == NARRATIVE_ID else f"table(\"{table_id}\")"
                out.problems.append(f"模板中 {what} 没有对应的表，报告中这一处为空（可用的表：公开表 T01…T09，"
                                    "重点工作表 W03，整体绩效自评表 X01，项目绩效自评表 X02-1、X02-2 …）")
        elif line.startswith(_STYLE):
            style, _, body = line[1:].partition(_SEP)
            para_style, align = PARA_STYLES[style]
            out.blocks.append(Para(_safe(body).strip(), para_style, align))
        else:
            out.blocks.append(Para(_safe(line).strip()))
    groups: dict[str, list[str]] = {}
    for t in tables:
        if t not in out.placed and not out.left_out(t):
            groups.setdefault(t.split("-")[0], []).append(t)
    for base, ids in groups.items():  # X02-1, X02-2 …: one sentence, the same for every report
        shown = f"{base}-…" if "-" in ids[0] else base
        out.problems.append(f"{table_name(base)}（{shown}）没有模板放置，报告中没有这张表；"
                            f"请在模板中写 {{{{ table(\"{ids[0] if '-' not in ids[0] else base + '-1'}\") }}}}，"
                            f"确实不要时写 {{{{ omit(\"{base}\") }}}}")
    return out


def _two_titles(heading: str, title: str, table_id: str) -> str:
    from juesuan.templating.table_texts import TABLE_TEXTS
    return (f"{table_name(table_id)}（{table_id}）上方的标题“{heading}”与表格自己的表名“{title}”不同，同一页上会有两个表名；"
            f"表名请在 {TABLE_TEXTS} 的 titles 中改，标题中用 t.title")


# What each table id is, for the messages above (the 公开表 ids are spec.layouts')
TABLE_NAMES = {CODE.W03: "重点工作完成情况表", "X01": "整体绩效自评表", "X02": "项目绩效自评表", NARRATIVE_ID: "第三部分的各节"}


def _within_limits(lines: list[str], name: str | None = None) -> None:
    """The limits of juesuan.templating.limits on what the parts templates write, like the limits
    on their running time and output size: a TemplateProblem, not a 500-page document.  (h() over
    its limit already stopped the render at its own line: render_template.)"""
    from juesuan.templating.env import TemplateProblem
    from juesuan.templating.limits import MAX_HEADINGS, MAX_PARAGRAPHS
    from juesuan.templating.resolve import SKELETON
    headings = sum(line.startswith(_HEADING) for line in lines)
    if headings > MAX_HEADINGS:
        raise TemplateProblem(name or SKELETON, None, f"模板写的标题 h() 超过上限 {MAX_HEADINGS} 个（是否在循环中写了 h()？），已停止")
    paragraphs = len(lines) - headings - sum(line.startswith(_TABLE) for line in lines)
    if paragraphs > MAX_PARAGRAPHS:
        raise TemplateProblem(name or SKELETON, None, f"模板写的段落超过上限 {MAX_PARAGRAPHS} 个，已停止")


def within_limits(text: str, name: str) -> None:
    """``_within_limits`` on one template's output, the problem named by that template."""
    _within_limits([line for line in text.split("\n") if line.strip()], name)


def table_name(table_id: str) -> str:
    from juesuan.spec.layouts import BY_ID
    if table_id in BY_ID:
        return BY_ID[table_id].sheet_name
    return TABLE_NAMES.get(table_id.split("-")[0], table_id)


def to_blocks(text: str, tables: dict[str, list[Block]] | None = None) -> list[Block]:
    return place_blocks(text, tables).blocks


def render_blocks(env, name: str, context: dict, tables: dict[str, list[Block]] | None = None) -> list[Block]:
    return to_blocks(render_template(env, name, context), tables)
