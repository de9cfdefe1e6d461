"""Which template files a render reads: one answer for the renderer and for ``templates check``.

The render starts from a few roots — the skeleton ``parts/document.j2``, the 绩效自评表 notes and the
words of the 公开表 (``parts/tables.j2``),
the section templates that ``sections.json`` names (every variant, whatever its ``when``), the data
files of 第三部分 and the Word master — and follows every ``include``/``import`` from there.  A file
of an override folder is *used* when the name it stands for is in that set (``DIR/parts/x.j2``
stands for ``parts/x.j2``; a file straight in ``DIR`` for ``narrative/x`` or ``parts/x``); any other
file is never read, and both the check and the render say so.

``section_problems`` lists what ``sections.json`` would drop without a word: an id in ``orders``
with no section, a section in no order, a sub-section whose parent does not exist.
"""
from __future__ import annotations

from pathlib import Path

from juesuan.templating.env import TemplateProblem

SKELETON = "parts/document.j2"
PARTS_ROOTS = (SKELETON, "parts/selfeval_notes_overall.j2", "parts/selfeval_notes_project.j2", "parts/tables.j2")
DATA_FILES = ("narrative/sections.json", "narrative/phrases.json", "narrative/charts.json")
MASTER = "report.docx"


def _closure(env, roots: list[str]) -> dict[str, None]:
    """``roots`` and every template they include or import (names as the loader takes them)."""
    from jinja2 import meta
    seen: dict[str, None] = {}
    todo = list(roots)
    while todo:
        name = todo.pop(0)
        if name in seen:
            continue
        seen[name] = None
        try:
            source = env.loader.get_source(env, name)[0]
            refs = meta.find_referenced_templates(env.parse(source))
        except Exception:  # noqa: BLE001 - a missing or broken file is the render's and the check's to report
            continue
        todo += [r for r in refs if r]
    return seen


def parts_included(env) -> list[str]:
    """The part templates the skeleton includes (directly or not), in the order it names them."""
    return [n for n in _closure(env, [SKELETON]) if n != SKELETON]


def _uses(env, name: str, variable: str) -> bool:
    """Whether template ``name`` or one it includes reads ``variable``."""
    from jinja2 import nodes
    for template in _closure(env, [name]):
        try:
            tree = env.parse(env.loader.get_source(env, template)[0])
        except Exception:  # noqa: BLE001 - a missing or broken file prints nothing
            continue
        if any(n.name == variable and n.ctx == "load" for n in tree.find_all(nodes.Name)):
            return True
    return False


def part_of(env, variable: str = "subjects") -> str | None:
    """The part number (``{% set part_no = "第五部分" %}`` of the skeleton) under which the templates
    print ``variable`` — for ``subjects``, the part that holds 名词解释's list of 科目, which the
    C-7 message names; None when no part prints it or its number is not a plain text."""
    from jinja2 import nodes
    try:
        tree = env.parse(env.loader.get_source(env, SKELETON)[0])
    except Exception:  # noqa: BLE001 - a broken skeleton is the render's and the check's to report
        return None
    part = None
    for node in tree.find_all((nodes.Assign, nodes.Include, nodes.Name)):
        if isinstance(node, nodes.Assign) and isinstance(node.target, nodes.Name) and node.target.name == "part_no":
            part = node.node.value if isinstance(node.node, nodes.Const) and isinstance(node.node.value, str) else None
        elif isinstance(node, nodes.Include) and isinstance(node.template, nodes.Const):
            if _uses(env, node.template.value, variable):
                return part
        elif isinstance(node, nodes.Name) and node.name == variable and node.ctx == "load":
            return part
    return None


_GLOSSARY_PART: dict[str | None, str | None] = {}


def glossary_part(override: Path | str | None = None) -> str | None:
    """The part of the report (第五部分 in the shipped skeleton) that lists the 科目 of 名词解释,
    read from the skeleton of the override folder (or the shipped one)."""
    key = None if override is None else str(Path(override).resolve())
    if key in _GLOSSARY_PART:  # the shipped skeleton once per process; a folder's every time
        return _GLOSSARY_PART[key]
    from juesuan.templating.template_set import Templates
    try:
        part = part_of(Templates(override).parts_env)
    except (TemplateProblem, OSError):
        part = "第五部分"  # a folder that cannot be used: the render says so; the check keeps its words
    if key is None:
        _GLOSSARY_PART[key] = part
    return part


def section_templates(templates) -> list[str]:
    try:
        data = templates.sections
    except TemplateProblem:
        return []
    return [f"narrative/{s['template']}" for s in data.get("sections", []) if s.get("template")]


def used_names(templates) -> dict[str, str]:
    """Every file name a render of any report may read → the environment it belongs to
    (``parts``, ``narrative``, ``data`` or ``master``)."""
    out: dict[str, str] = {}
    for name in _closure(templates.parts_env, list(PARTS_ROOTS)):
        out[name] = "parts"
    try:
        narrative = templates.narrative_env
    except TemplateProblem:
        narrative = None
    if narrative is not None:
        for name in _closure(narrative, dict.fromkeys(section_templates(templates))):
            out.setdefault(name, "narrative")
    for name in DATA_FILES:
        out[name] = "data"
    out[MASTER] = "master"
    return out


def stands_for(override: Path, path: Path) -> list[str]:
    """The names a file of the override folder answers to, in the loader's order."""
    rel = path.relative_to(override).as_posix()
    if "/" in rel:
        return [rel]
    return [rel, f"parts/{rel}", f"narrative/{rel}"]


def unused_files(templates) -> list[Path]:
    """The files of the override folder that no render reads."""
    override = templates.override
    if override is None or not Path(override).is_dir():
        return []
    used = used_names(templates)
    out = []
    for path in sorted(Path(override).rglob("*")):
        from juesuan.templating.limits import inside
        if not path.is_file() or path.is_symlink() and not inside(str(path), str(override)):
            continue  # a link out of the folder is refused, and said so, where it is read
        names = [n for n in stands_for(Path(override), path) if n in used]
        # DIR/x.j2 stands for parts/x.j2 only when DIR/parts/x.j2 does not take its place
        names = [n for n in names if n == path.relative_to(override).as_posix() or not (Path(override) / n).is_file()]
        if not names:
            out.append(path)
    return out


def _nearest(name: str, used: dict[str, str]) -> str:
    import difflib
    base = name.rsplit("/", 1)[-1]
    close = difflib.get_close_matches(base, sorted({u.rsplit("/", 1)[-1] for u in used}), n=1, cutoff=0.6)
    return f"（是否想写 {close[0]}？）" if close and close[0] != base else ""


def file_problems(templates) -> list[str]:
    """One sentence per override file that the render never reads."""
    override = templates.override
    if override is None:
        return []
    try:
        used = used_names(templates)
        unused = unused_files(templates)
    except TemplateProblem:
        return []
    out = []
    for path in unused:
        rel = path.relative_to(override).as_posix()
        where = ""
        if rel.endswith(".j2") and "/" in rel and rel.split("/", 1)[0] in ("parts", "narrative"):
            other = "narrative" if rel.startswith("parts/") else "parts"
            if f"{other}/{rel.split('/', 1)[1]}" in used:
                where = f"（它是 {other}/ 下的文件，请放到 {other}/ 或模板目录本身）"
        out.append(f"{path}：报告不使用这个文件{where or _nearest(rel, used)}；"
                   "只有与内置模板同名的文件、sections.json 列出的节模板和被 include/import 的文件才会被读取")
    return out


def section_problems(templates) -> list[str]:
    """What sections.json would leave out silently."""
    try:
        data = templates.sections
    except TemplateProblem:
        return []
    sections = data.get("sections", [])
    ids = {s.get("id") for s in sections}
    out = []
    ordered: set = set()
    for order_name, order in data.get("orders", {}).items():
        for sid in order:
            ordered.add(sid)
            if sid not in ids:
                out.append(f"sections.json：节序“{order_name}”中的“{sid}”没有对应的节（sections 中没有这个 id），"
                           "报告中没有这一节")
    for s in sections:
        parent = s.get("parent")
        if parent:
            if parent not in ids:
                out.append(f"sections.json：节“{s.get('id')}”的 parent“{parent}”不存在，报告中没有这一节")
        elif s.get("id") not in ordered:
            out.append(f"sections.json：节“{s.get('id')}”（{s.get('title', '')}）不在任何节序（orders）中，"
                       "报告中没有这一节")
    return out
