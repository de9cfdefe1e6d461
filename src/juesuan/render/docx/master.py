"""The master template templates/report.docx: styles, page setup, footer and the cover.

docxtpl renders the cover placeholders with autoescape=True (its default would cut a
paragraph short at the first & or <).  The rendered document is handed back as a python-docx
Document so the renderer can append the rest of the report.
"""
from __future__ import annotations

import io

from juesuan.templating.template_set import Templates
from juesuan.templating.limits import budget
from juesuan.templating.env import TemplateProblem, template_problem


def render_master(context: dict, templates: Templates):
    """The master with its cover filled in, as a python-docx Document."""
    from docx import Document
    from docxtpl import DocxTemplate
    from jinja2 import TemplateError
    path = templates.master_path
    if not path.is_file():
        raise TemplateProblem(str(path), None, "找不到主模板文件（可用 tools/make_master_template.py 重新生成）")
    try:
        tpl = DocxTemplate(str(path))
        with budget():
            tpl.render(context, jinja_env=templates.master_env, autoescape=True)
        # docxtpl leaves plain lxml elements in the body; a save/load round trip gives python-docx
        # its own element classes back (cheap: the master is small).
        buf = io.BytesIO()
        tpl.save(buf)
        buf.seek(0)
        doc = Document(buf)
    except TemplateError as exc:
        raise template_problem(exc, f"{path.name}（封面）") from None
    except Exception:  # noqa: BLE001 - not a zip, not a Word document, parts missing …
        raise TemplateProblem(str(path), None, "不是可用的 Word 主模板（不是 .docx 文件或文件已损坏）；"
                              "请以内置 report.docx 为样板修改后另存为 .docx") from None
    # docxtpl escapes the core properties too (they are plain text, not XML markup): set them here.
    import datetime as dt
    props = doc.core_properties
    if "doc_title" in context:
        props.title = str(context["doc_title"])[:255]  # python-docx refuses longer core properties
    props.created = props.modified = dt.datetime.now(dt.timezone.utc).replace(microsecond=0, tzinfo=None)
    return doc


def style_size_pt(doc, name: str) -> float | None:
    """The font size (pt) the master actually used gives paragraph style ``name``: the style's own,
    else the style it is based on (and so on), else the document defaults; None when it gives
    none.  A maintainer who makes the headings of their report.docx 22 pt gets titles broken for
    22 pt, not for the sizes the program ships (render/docx/styles.py)."""
    from docx.oxml.ns import qn
    try:
        style = doc.styles[name]
    except KeyError:
        return None
    seen: set[str] = set()
    while style is not None and style.style_id not in seen:
        seen.add(style.style_id)
        size = getattr(style.font, "size", None)
        if size is not None and size.pt > 0:
            return size.pt
        style = style.base_style
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    sz = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:sz')}") if defaults is not None else None
    try:
        half_points = int(sz.get(qn("w:val"))) if sz is not None else 0
    except (TypeError, ValueError):
        return None
    return half_points / 2 if half_points > 0 else None
