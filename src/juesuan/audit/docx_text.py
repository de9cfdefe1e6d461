"""A .docx body as Word shows its final text, in document order, with an estimated page number.

python-docx's ``paragraph.text`` reads only the runs directly under a paragraph, so a number inside a
tracked insertion (w:ins), a content control (w:sdt, inline or around whole paragraphs), a simple field
(w:fldSimple), a smart tag, a hyperlink, or a paragraph inside a table is silently missing, while a
deleted number (w:del) would still be read.  Here the XML is walked the way Word displays the final
version: insertions kept, deletions and moved-away text dropped, field codes dropped (their results
kept), hidden text (w:vanish) dropped, content controls and tags opened.

Tables: each row is one line, its cells joined by ``CELL`` and marked ``table=True``.  A cell that holds
a whole sentence (a paragraph of text laid out in a table, common in hand-made reports) is prose and is
given as its own paragraph.

Pages: a .docx has none of its own.  When Word saved the file it left ``w:lastRenderedPageBreak`` marks,
which are used; otherwise explicit page breaks, ``pageBreakBefore`` (also from the paragraph's style) and
section breaks are counted.  Either way the number is the page Word would show, or close to it.
"""
from __future__ import annotations

import zipfile
from dataclasses import dataclass

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
CELL = "｜"


MAX_PART_BYTES = 100 * 1024 * 1024  # an inflated document.xml; real reports are a few MB
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def _read(zf: zipfile.ZipFile, part: str):
    info = zf.getinfo(part)  # KeyError when absent
    if info.file_size > MAX_PART_BYTES:
        raise ValueError(f"{part} too large")
    return etree.fromstring(zf.read(part), _PARSER)


def _q(tag: str) -> str:
    return f"{{{W}}}{tag}"


# Containers whose children are read as if they stood in the parent (Word shows their content as is).
_TRANSPARENT = {_q(t) for t in ("ins", "moveTo", "smartTag", "customXml", "fldSimple", "hyperlink", "sdtContent",
                                "r", "dir", "bdo")}
# Elements whose text Word does not show in the final version.
_HIDDEN = {_q(t) for t in ("del", "moveFrom", "instrText", "delText", "delInstrText", "rPr", "pPr", "sdtPr",
                           "sdtEndPr", "footnoteReference", "endnoteReference", "commentReference")}
_HIDDEN.add(f"{{{MC}}}Fallback")  # the same content as mc:Choice, for older readers


# Page estimate for a file Word never paginated (written by a program): body text of ~34 characters a
# line and ~28 lines a page, a table row ~0.45 line (small type, several a line of body text).  Findings then say 「约第N页」.
CHARS_PER_LINE, LINES_PER_PAGE, PARAGRAPH_GAP, LINES_PER_ROW = 34, 28, 0.4, 0.45


@dataclass
class Line:
    text: str
    page: int
    table: bool = False  # a row of a table, cells joined by CELL


class _Pages:
    def __init__(self, rendered: bool, break_styles: set[str]):
        self.rendered = rendered  # Word's own page marks are present
        self.break_styles = break_styles
        self.page = 1
        self.started = False  # some text has been met (a break before the first text is no new page)
        self.text_page: int | None = None  # page where the current paragraph's first text appears

    def mark(self) -> None:
        if self.started:
            self.page += 1
        self.load = 0.0

    load = 0.0  # lines used on the current page (estimate, when Word left no page marks)

    def fill(self, text: str, table: bool = False) -> None:
        """Count a paragraph's lines; a full page starts a new one (A4, 小四/三号 body text)."""
        if self.rendered or not self.started:
            return
        self.load += LINES_PER_ROW if table else (len(text) + CHARS_PER_LINE - 1) // CHARS_PER_LINE + PARAGRAPH_GAP
        while self.load > LINES_PER_PAGE:
            self.page += 1
            self.load -= LINES_PER_PAGE


def _style_breaks(zf: zipfile.ZipFile) -> set[str]:
    """Paragraph styles with pageBreakBefore (directly or through basedOn)."""
    try:
        root = _read(zf, "word/styles.xml")
    except (KeyError, ValueError, etree.XMLSyntaxError):
        return set()
    based: dict[str, str] = {}
    direct: set[str] = set()
    for st in root.iter(_q("style")):
        sid = st.get(_q("styleId"))
        if not sid:
            continue
        b = st.find(_q("basedOn"))
        if b is not None:
            based[sid] = b.get(_q("val"), "")
        pb = st.find(f"{_q('pPr')}/{_q('pageBreakBefore')}")
        if pb is not None and pb.get(_q("val"), "true") not in ("0", "false", "off"):
            direct.add(sid)
    out = set()
    for sid in list(based) + list(direct):
        seen, cur = set(), sid
        while cur and cur not in seen:
            if cur in direct:
                out.add(sid)
                break
            seen.add(cur)
            cur = based.get(cur)
    return out


def _vanished(run) -> bool:
    rpr = run.find(_q("rPr"))
    if rpr is None:
        return False
    v = rpr.find(_q("vanish"))
    return v is not None and v.get(_q("val"), "true") not in ("0", "false", "off")


def _inline_text(el, pages: _Pages, parts: list[str]) -> None:
    for child in el:
        tag = child.tag
        if not isinstance(tag, str) or tag in _HIDDEN:
            continue
        if tag == _q("r") and _vanished(child):
            continue  # hidden text (字体“隐藏”): Word does not show or print it
        if tag == _q("t"):
            parts.append(child.text or "")
            if child.text and child.text.strip():
                pages.started = True
                if pages.text_page is None:
                    pages.text_page = pages.page
        elif tag == _q("tab"):
            parts.append(" ")
        elif tag == _q("noBreakHyphen"):
            parts.append("-")
        elif tag == _q("br"):
            if child.get(_q("type")) == "page" and not pages.rendered:
                pages.mark()
        elif tag == _q("lastRenderedPageBreak"):
            if pages.rendered:
                pages.mark()
        elif tag in (_q("drawing"), _q("pict"), _q("object")):
            continue  # text boxes: laid over the page, not part of the running text
        else:
            _inline_text(child, pages, parts)  # ins, sdt, sdtContent, smartTag, fldSimple, hyperlink, mc:Choice …


def _paragraph(p, pages: _Pages, in_table: bool = False) -> tuple[str, int]:
    ppr = p.find(_q("pPr"))
    if ppr is not None and not pages.rendered:
        style = ppr.find(_q("pStyle"))
        pb = ppr.find(_q("pageBreakBefore"))
        explicit = pb is not None and pb.get(_q("val"), "true") not in ("0", "false", "off")
        styled = style is not None and style.get(_q("val")) in pages.break_styles and pb is None
        if explicit or styled:
            pages.mark()
    parts: list[str] = []
    pages.text_page = None
    _inline_text(p, pages, parts)
    text = "".join(parts)
    page = pages.text_page if pages.text_page is not None else pages.page
    if not in_table:
        pages.fill(text)
    if ppr is not None and ppr.find(_q("sectPr")) is not None and not pages.rendered:
        sect = ppr.find(_q("sectPr"))
        kind = sect.find(_q("type"))
        if kind is None or kind.get(_q("val")) in ("nextPage", "oddPage", "evenPage"):
            pages.mark()
    return text, page


def _is_prose(text: str) -> bool:
    """A cell paragraph that is a sentence rather than a table value."""
    stripped = text.strip()
    return len(stripped) >= 20 and any(c in stripped for c in "，。；")


def _row_deleted(tr) -> bool:
    trpr = tr.find(_q("trPr"))
    return trpr is not None and trpr.find(_q("del")) is not None


def _blocks(parent, wanted=("p", "tbl")):
    """The children of ``parent`` with the wanted tags, looking through content controls, custom XML
    and tracked insertions (a deleted row or paragraph is not in the final text)."""
    wanted_tags = {_q(t) for t in wanted}
    for child in parent:
        tag = child.tag
        if tag in wanted_tags:
            yield child
        elif tag in (_q("sdt"), _q("customXml"), _q("ins"), _q("moveTo")):
            content = child.find(_q("sdtContent")) if tag == _q("sdt") else child
            if content is not None:
                yield from _blocks(content, wanted)
        elif tag == f"{{{MC}}}AlternateContent":
            choice = child.find(f"{{{MC}}}Choice")
            if choice is not None:
                yield from _blocks(choice, wanted)


def _table(tbl, pages: _Pages, out: list[Line]) -> None:
    for tr in _blocks(tbl, ("tr",)):
        if _row_deleted(tr):
            continue
        cells: list[str] = []
        row_page = pages.page
        for tc in _blocks(tr, ("tc",)):
            texts = []
            for block in _blocks(tc):
                if block.tag == _q("tbl"):
                    _table(block, pages, out)
                    continue
                text, page = _paragraph(block, pages, in_table=True)
                if _is_prose(text):
                    out.append(Line(text, page))
                else:
                    texts.append(text.strip())
            cells.append("".join(texts))
        if any(cells):
            out.append(Line(CELL.join(cells), row_page, table=True))
        pages.fill("", table=True)


def estimated(path) -> bool:
    """True when the pages of ``body_lines`` are an estimate (Word left no page marks)."""
    with zipfile.ZipFile(path) as zf:
        return b"lastRenderedPageBreak" not in zf.read("word/document.xml")


def body_lines(path) -> list[Line]:
    """The lines of the document body in order (see module doc).  Raises the zip/XML errors."""
    with zipfile.ZipFile(path) as zf:
        root = _read(zf, "word/document.xml")
        break_styles = _style_breaks(zf)
    body = root.find(_q("body"))
    if body is None:
        return []
    rendered = next(body.iter(_q("lastRenderedPageBreak")), None) is not None
    pages = _Pages(rendered, break_styles)
    out: list[Line] = []
    for block in _blocks(body):
        if block.tag == _q("tbl"):
            _table(block, pages, out)
        else:
            text, page = _paragraph(block, pages)
            out.append(Line(text, page))
    return out
