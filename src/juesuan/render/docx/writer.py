"""Write blocks into the rendered master: paragraphs, headings with bookmarks, the 目录 field,
tables, pictures and section breaks (landscape pages, page numbering).

Sections: the cover and the 目录 form the first section, without page numbers; the body starts
a new section whose numbering restarts at 1.  A landscape table gets a section of its own with
the page turned (orient="landscape" and width/height swapped) and the next section turns back.
"""
from __future__ import annotations

import copy
import io
import re
from dataclasses import dataclass

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from juesuan.render.docx import styles as S
from juesuan.render.blocks import Document, Heading, Orientation, Para, Picture, TableBlock, TableMeta, Toc
from juesuan.render.docx.table_fit import balanced, stretches, unit_runs_at_line_ends
from juesuan.render.docx.tables import draw_grid

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
ALIGN = {"left": "left", "center": "center", "right": "right", "both": "both"}


# LibreOffice lays a paragraph out in time that grows much faster than its length: one
# paragraph of a million characters (a pasted file in 主要原因) took minutes to convert.  No
# real paragraph comes near this limit; longer text is cut into paragraphs of at most this
# many characters, at a sentence end where there is one in the second half.
LONG_PARAGRAPH = 2000


def split_long(text: str, limit: int | None = None) -> list[str]:
    limit = limit or LONG_PARAGRAPH
    out = []
    while len(text) > limit:
        cut = max(text.rfind(mark, 0, limit) for mark in "。；！？;!?")
        cut = cut + 1 if cut >= limit // 2 else limit
        out.append(text[:cut])
        text = text[cut:]
    out.append(text)
    return out


# A run of this many Latin letters, digits or signs cannot be broken, so a justified line
# before it is stretched with gaps between the characters: such paragraphs are set flush left.
_LONG_LATIN = re.compile(r"[0-9A-Za-z.,:/_%+\-@#=?&~]{16,}")


# Characters that join without a visible mark.  WORD JOINER: no line break on either side (a
# number and its unit, the characters of a title line); ZERO WIDTH SPACE: a break opportunity
# (between the lines of a title).  LibreOffice honours both (checked on the PDF, test_pdf_layout);
# they are the Unicode line-breaking classes WJ and ZW, which Word and WPS follow too.  Text read
# back from the .docx (readback.plain) and the audit drop them.
WJ, ZWSP = "\u2060", "\u200b"

# A number and its unit stay on one line: 664.91万元, 97.3%, 2024年度, 6人次 (never “664.91万/元”).
_NUMBER_UNIT = re.compile(r"\d[\d,.]*(?:万元|元|%|人次|个|辆|次|分|年度|年|月|日|台（套）|人)")


def keep_units(text: str, width_pt: float | None = None, size_pt: float = 16, indent_em: float = 2) -> str:
    """``text`` with a number joined to its unit by word joiners where a line may end inside
    it (every number when ``width_pt`` is None): elsewhere the text stays plain, so searching
    for “664.91万元” in Word still finds it."""
    def join(s: str) -> str:
        number = re.match(r"\d[\d,.]*", s).group(0)
        return number + WJ + WJ.join(s[len(number):])
    if width_pt is None:
        return _NUMBER_UNIT.sub(lambda m: join(m.group(0)), text)
    out, last = [], 0
    for start, end in unit_runs_at_line_ends(text, width_pt, size_pt, indent_em):
        m = _NUMBER_UNIT.match(text, start)
        if m is None or m.end() > end:
            continue
        out += [text[last:start], join(m.group(0))]
        last = m.end()
    return "".join(out) + text[last:]


# A body paragraph that is a heading in all but style (“（四）本部门使用的支出功能分类科目（到项级）”
# in 名词解释, “一、加强清廉工会建设” in 第四部分): short, numbered, no sentence end.  It keeps with the
# paragraph after it, like a real heading, so it never ends a page alone.
_HEADING_LIKE = re.compile(r"^(?:[（(][一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+、|第[一二三四五六七八九十]+[部节])")
_SENTENCE_END = "。；;：:！？!?，,"


def heading_like(text: str, style: str) -> bool:
    text = text.strip()
    return style == S.NORMAL and 0 < len(text) <= 40 and bool(_HEADING_LIKE.match(text)) \
        and text[-1] not in _SENTENCE_END


def _body_align(b: Para, text: str, width_twips: int) -> str | None:
    """Flush left instead of justified where justification would stretch a line: a long
    unbreakable Latin run, or a number that does not fit at a line's end (table_fit.stretches)."""
    if b.style != S.NORMAL or b.align:
        return None
    spec = S.STYLE_BY_NAME[S.NORMAL]
    if _LONG_LATIN.search(text) or stretches(text, width_twips / 20, spec.size_pt, spec.first_line_chars):
        return "left"
    return None


@dataclass
class SectionProps:
    landscape: bool = False
    footer: bool = True
    restart: bool = False  # page numbers start again at 1


def _el(tag: str, **attrs) -> OxmlElement:
    e = OxmlElement(tag)
    for k, v in attrs.items():
        e.set(qn(f"w:{k}"), str(v))
    return e


class Writer:
    def __init__(self, doc, thousands: bool = False, deferred=None):
        self.doc = doc
        self.deferred = deferred  # DeferredTables: tables kept as text until the file is saved
        self.body = doc.element.body
        self.final_sect = self.body.find(qn("w:sectPr"))
        self.template_sect = copy.deepcopy(self.final_sect)
        self.current = SectionProps(footer=False)  # the cover section
        self.thousands = thousands
        self._bookmark_id = 0
        self.bookmarks: dict[int, str] = {}  # id(Heading) -> bookmark name
        self._style_ids: dict[str, str] = {}
        self._sizes: dict[str, float] = {}

    # -- low-level ---------------------------------------------------------------------
    def _append(self, element) -> None:
        self.final_sect.addprevious(element)

    def _paragraph(self, style: str | None = None, align: str | None = None):
        p = _el("w:p")
        ppr = _el("w:pPr")
        p.append(ppr)
        if style:
            ppr.append(_el("w:pStyle", val=self._style_id(style)))
        if align:
            ppr.append(_el("w:jc", val=ALIGN[align]))
        self._append(p)
        return p

    def _size_pt(self, name: str) -> float:
        """The style's font size in the master used (an override folder's report.docx may differ
        from the shipped one); the program's own size only when the master gives none."""
        if name not in self._sizes:
            from juesuan.render.docx.master import style_size_pt
            self._sizes[name] = style_size_pt(self.doc, name) or S.STYLE_BY_NAME[name].size_pt
        return self._sizes[name]

    def _style_id(self, name: str) -> str:
        sid = self._style_ids.get(name)
        if sid is None:
            sid = self.doc.styles[name].style_id
            self._style_ids[name] = sid
        return sid

    @staticmethod
    def _run(p, text: str) -> None:
        r = _el("w:r")
        t = _el("w:t")
        t.set(qn("xml:space"), "preserve")
        t.text = text
        r.append(t)
        p.append(r)

    @staticmethod
    def _field(parent, instr: str, result: str = "") -> None:
        def run(child):
            r = _el("w:r")
            r.append(child)
            parent.append(r)
        run(_el("w:fldChar", fldCharType="begin"))
        it = _el("w:instrText")
        it.set(qn("xml:space"), "preserve")
        it.text = f" {instr} "
        run(it)
        run(_el("w:fldChar", fldCharType="separate"))
        if result:
            t = _el("w:t")
            t.text = result
            run(t)
        run(_el("w:fldChar", fldCharType="end"))

    # -- sections ----------------------------------------------------------------------
    def _sect_pr(self, props: SectionProps):
        sect = copy.deepcopy(self.template_sect)
        for ref in sect.findall(qn("w:footerReference")) + sect.findall(qn("w:headerReference")):
            if not props.footer:
                sect.remove(ref)
        for old in sect.findall(qn("w:pgNumType")):
            sect.remove(old)
        pg = sect.find(qn("w:pgSz"))
        w, h = S.PAGE_W, S.PAGE_H
        if props.landscape:
            pg.set(qn("w:w"), str(h))
            pg.set(qn("w:h"), str(w))
            pg.set(qn("w:orient"), "landscape")
            mar = sect.find(qn("w:pgMar"))
            if mar is not None:
                mar.set(qn("w:top"), str(S.LANDSCAPE_MARGIN_TB))
                mar.set(qn("w:bottom"), str(S.LANDSCAPE_MARGIN_TB))
                mar.set(qn("w:footer"), str(S.LANDSCAPE_FOOTER_DIST))
        else:
            pg.set(qn("w:w"), str(w))
            pg.set(qn("w:h"), str(h))
            if pg.get(qn("w:orient")) is not None:
                del pg.attrib[qn("w:orient")]
        if props.restart:
            num = _el("w:pgNumType", start=1)
            pg_mar = sect.find(qn("w:pgMar"))
            # schema order: … pgSz, pgMar, paperSrc, pgBorders, lnNumType, pgNumType, cols …
            (pg_mar if pg_mar is not None else pg).addnext(num)
        return sect

    def new_section(self, props: SectionProps, own_paragraph: bool = False) -> None:
        """End the current section here; what follows starts on a new page with ``props``.

        The section break goes into the last paragraph, or into a new tiny paragraph after a
        table, after the 目录 field (so updating the field in Word cannot remove the break) or
        when ``own_paragraph`` is asked for."""
        last = self.final_sect.getprevious()
        if own_paragraph or last is None or last.tag != qn("w:p") or last.find(qn("w:pPr")) is None \
                or last.find(qn("w:pPr")).find(qn("w:sectPr")) is not None \
                or last.find(".//" + qn("w:fldChar")) is not None:
            last = self._paragraph()
            ppr = last.find(qn("w:pPr"))
            ppr.append(_el("w:spacing", before=0, after=0, line=20, lineRule="exact"))
            ppr.append(_el("w:ind", firstLine=0, firstLineChars=0))
        ppr = last.find(qn("w:pPr"))
        ppr.append(self._sect_pr(self.current))
        self.current = props

    def finish(self) -> None:
        final = self._sect_pr(self.current)
        self.final_sect.getparent().replace(self.final_sect, final)
        self.final_sect = final

    # -- blocks ------------------------------------------------------------------------
    def heading(self, b: Heading) -> None:
        p = self._paragraph(S.HEADING_STYLES[b.level])
        if b.page_break and b.level > 1:
            p.find(qn("w:pPr")).append(_el("w:pageBreakBefore"))
            # keep schema order: pStyle, keepNext, keepLines, pageBreakBefore, …
            ppr = p.find(qn("w:pPr"))
            pb = ppr[-1]
            ppr.remove(pb)
            ppr.find(qn("w:pStyle")).addnext(pb)
        name = self.bookmarks.get(id(b))
        if name:
            self._bookmark_id += 1
            p.append(_el("w:bookmarkStart", id=self._bookmark_id, name=name))
            self._title_runs(p, b.text, S.HEADING_STYLES[b.level])
            p.append(_el("w:bookmarkEnd", id=self._bookmark_id))
        else:
            self._title_runs(p, b.text, S.HEADING_STYLES[b.level])

    def _title_runs(self, p, text: str, style: str) -> None:
        """A heading or table title that needs two lines wraps where both lines come out about
        equally long, between words, so no word is split and no one or two characters are left
        alone on the last line.  No manual line break: the characters of each line are joined
        (WJ) and the lines meet at a break opportunity (ZWSP), so the title wraps there by
        itself, and the 目录 built from the heading shows it whole, without a gap."""
        spec = S.STYLE_BY_NAME[style]
        size = self._size_pt(style)
        width = S.text_width(self.current.landscape) / 20 - (spec.first_line_chars + spec.left_chars) * size
        lines = balanced(text, width - size * 0.5, size)
        if len(lines) == 1:
            self._run(p, text)
            return
        self._run(p, ZWSP.join(WJ.join(line) for line in lines))

    def para(self, b: Para) -> None:
        if b.style == S.TABLE_TITLE:
            self._title_runs(self._paragraph(b.style, b.align), b.text, b.style)
            return
        for piece in split_long(b.text):
            align = b.align or _body_align(b, piece, S.text_width(self.current.landscape))
            p = self._paragraph(b.style if b.style != S.NORMAL else None, align)
            if heading_like(piece, b.style):
                ppr = p.find(qn("w:pPr"))
                ppr.insert(0, _el("w:keepNext"))  # schema order: pStyle (absent here), keepNext, …
            if piece and b.style == S.NORMAL:
                spec = S.STYLE_BY_NAME[S.NORMAL]
                self._run(p, keep_units(piece, S.text_width(self.current.landscape) / 20, spec.size_pt,
                                        spec.first_line_chars))
            elif piece:
                self._run(p, piece)

    def table_meta(self, b: TableMeta) -> None:
        if b.number:
            p = self._paragraph(S.TABLE_META, "right")
            self._run(p, b.number)
        p = self._paragraph(S.TABLE_META)
        ppr = p.find(qn("w:pPr"))
        tabs = _el("w:tabs")
        tabs.append(_el("w:tab", val="right", pos=S.text_width(self.current.landscape)))
        ppr.append(tabs)
        self._run(p, f"{b.dept_label}{b.unit_name}" if b.unit_name else "")
        r = _el("w:r")
        r.append(_el("w:tab"))
        p.append(r)
        self._run(p, b.unit)

    def table(self, b: TableBlock) -> None:
        draw_grid(self.doc, b.grid, landscape=b.landscape, font_pt=b.font_pt, thousands=self.thousands,
                  deferred=self.deferred)

    def picture(self, b: Picture) -> None:
        from docx.shared import Cm
        p = self._paragraph(S.PICTURE)
        # python-docx builds the inline picture; move it into our paragraph.
        tmp = self.doc.add_paragraph()
        tmp.add_run().add_picture(io.BytesIO(b.png), width=Cm(b.width_cm))
        for r in list(tmp._p.findall(qn("w:r"))):
            p.append(r)
        tmp._p.getparent().remove(tmp._p)

    def toc(self, b: Toc, headings: list[Heading], pages: dict[int, int] | None = None) -> None:
        """A real TOC field (Word/WPS update it on open) whose result already lists the headings."""
        pages = pages or {}
        p = self._paragraph(S.TOC_TITLE)
        self._run(p, b.title)
        entries = [h for h in headings if h.level <= b.levels and h.toc]
        if not entries:
            return
        paras = []
        for h in entries:
            name = self.bookmarks[id(h)]
            para = self._paragraph(S.TOC1 if h.level == 1 else S.TOC2)
            link = _el("w:hyperlink", anchor=name, history=1)
            self._run(link, h.text)
            r = _el("w:r")
            r.append(_el("w:tab"))
            link.append(r)
            self._field(link, f"PAGEREF {name} \\h", str(pages.get(id(h), "")))
            para.append(link)
            paras.append(para)
        first, last = paras[0], paras[-1]
        holder = _el("w:p")
        self._field(holder, f'TOC \\o "1-{b.levels}" \\h \\z \\u')
        begin, instr, separate, end = list(holder)
        # The field begins in the first entry, before its hyperlink, and ends after the last.
        anchor = first.find(qn("w:pPr"))
        for r in (begin, instr, separate):
            anchor.addnext(r)
            anchor = r
        last.append(end)

    # -- all ---------------------------------------------------------------------------
    def write(self, document: Document, pages: dict[int, int] | None = None) -> None:
        headings = document.headings()
        for i, h in enumerate(headings, start=1):
            self.bookmarks[id(h)] = f"_Toc{100000000 + i}"
        body_started = False
        for b in document.blocks:
            if isinstance(b, Toc):
                self.toc(b, headings, pages)
                continue
            if not body_started and not isinstance(b, Orientation):
                # The body (第一部分 onwards) starts a new section numbered from 1.
                self.new_section(SectionProps(restart=True))
                body_started = True
            if isinstance(b, Heading):
                self.heading(b)
            elif isinstance(b, Para):
                self.para(b)
            elif isinstance(b, TableMeta):
                self.table_meta(b)
            elif isinstance(b, TableBlock):
                self.table(b)
            elif isinstance(b, Picture):
                self.picture(b)
            elif isinstance(b, Orientation):
                if not body_started:
                    self.new_section(SectionProps(landscape=b.landscape, restart=True))
                    body_started = True
                elif b.landscape != self.current.landscape:
                    self.new_section(SectionProps(landscape=b.landscape))
            else:  # pragma: no cover - a new block type without a writer
                raise TypeError(b)
        self.finish()
