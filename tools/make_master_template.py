"""Build templates/report.docx, the master of every report (styles, cover, page setup, footer).

    python tools/make_master_template.py [OUT.docx]

The styles come from juesuan.render.docx.styles (the renderer uses the same names).  The cover
holds docxtpl placeholders rendered with autoescape=True:
    attachment, dept, year, caliber, year_first (bool), date, doc_title.
Everything after the cover (目录, the six parts) is added by the renderer.

Re-run this script after changing styles.py and commit the result.
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from docx import Document  # noqa: E402
from docx.opc.constants import RELATIONSHIP_TYPE as RT  # noqa: E402
from docx.oxml import OxmlElement  # noqa: E402
from docx.oxml.ns import qn  # noqa: E402

from juesuan.render.docx import styles as S  # noqa: E402

ALIGN = {"left": "left", "center": "center", "right": "right", "both": "both"}

# Font table entries so Word finds the Chinese fonts by their English names too.
FONTS = {
    S.XIAOBIAOSONG: ("方正小标宋简体", "02000000000000000000", "roman"),
    S.HEITI: ("SimHei", "02010609060101010101", "modern"),
    S.KAITI: ("KaiTi", "02010609060101010101", "modern"),
    S.FANGSONG: ("FangSong", "02010609060101010101", "modern"),
    S.SONGTI: ("SimSun", "02010600030101010101", "auto"),
}


def el(tag: str, **attrs) -> OxmlElement:
    e = OxmlElement(tag)
    for k, v in attrs.items():
        e.set(qn(f"w:{k}"), str(v))
    return e


def fonts(east: str, latin: str) -> OxmlElement:
    return el("w:rFonts", ascii=latin, hAnsi=latin, eastAsia=east, cs=latin)


def build_rpr(spec: S.StyleSpec) -> OxmlElement:
    rpr = el("w:rPr")
    rpr.append(fonts(spec.east_asia, spec.latin))
    if spec.bold:
        rpr.append(el("w:b"))
        rpr.append(el("w:bCs"))
    rpr.append(el("w:color", val="000000"))
    half = int(round(spec.size_pt * 2))
    rpr.append(el("w:sz", val=half))
    rpr.append(el("w:szCs", val=half))
    rpr.append(el("w:lang", val="en-US", eastAsia="zh-CN", bidi="ar-SA"))
    return rpr


def build_ppr(spec: S.StyleSpec) -> OxmlElement:
    ppr = el("w:pPr")
    if spec.keep_next:
        ppr.append(el("w:keepNext"))
        ppr.append(el("w:keepLines"))
    ppr.append(el("w:pageBreakBefore", val="1" if spec.page_break_before else "0"))
    ppr.append(el("w:widowControl", val="1"))
    if spec.tab_right:
        tabs = el("w:tabs")
        tabs.append(el("w:tab", val="right", leader="dot", pos=S.text_width()))
        ppr.append(tabs)
    line = {"line": int(spec.line_exact_pt * 20), "lineRule": "exact"} if spec.line_exact_pt else \
        {"line": 240, "lineRule": "auto"}
    ppr.append(el("w:spacing", before=int(spec.before_pt * 20), after=int(spec.after_pt * 20), **line))
    size = int(spec.size_pt * 20)  # one character = the font size, in twips
    ppr.append(el("w:ind", left=spec.left_chars * size, leftChars=spec.left_chars * 100,
                  firstLine=spec.first_line_chars * size, firstLineChars=spec.first_line_chars * 100))
    if spec.align:
        ppr.append(el("w:jc", val=ALIGN[spec.align]))
    if spec.outline is not None:
        ppr.append(el("w:outlineLvl", val=spec.outline))
    return ppr


def style_element(doc, spec: S.StyleSpec):
    """The existing style of that name, stripped of formatting, or a new paragraph style."""
    styles = doc.styles.element
    for st in styles.findall(qn("w:style")):
        name = st.find(qn("w:name"))
        if st.get(qn("w:type")) == "paragraph" and name is not None and \
                name.get(qn("w:val")).lower() == spec.name.lower():
            for child in list(st):
                if child.tag in (qn("w:pPr"), qn("w:rPr"), qn("w:basedOn"), qn("w:next"), qn("w:link"),
                                 qn("w:tblPr")):
                    st.remove(child)
            return st
    st = el("w:style", type="paragraph", styleId=spec.style_id or spec.name.replace(" ", ""))
    st.append(el("w:name", val=spec.name))
    st.append(el("w:uiPriority", val=39 if spec.name.startswith("toc") else 10))
    st.append(el("w:qFormat"))
    styles.append(st)
    return st


def apply_style(doc, spec: S.StyleSpec) -> None:
    st = style_element(doc, spec)
    name = st.find(qn("w:name"))
    anchor = name
    if spec.based_on:
        based = next(s for s in doc.styles.element.findall(qn("w:style"))
                     if s.find(qn("w:name")).get(qn("w:val")).lower() == spec.based_on.lower())
        b = el("w:basedOn", val=based.get(qn("w:styleId")))
        anchor.addnext(b)
        anchor = b
    if spec.name in (S.H1, S.H2, S.H3):
        nxt = el("w:next", val="Normal")
        anchor.addnext(nxt)
    # pPr and rPr go at the end of w:style, in this order.
    st.append(build_ppr(spec))
    st.append(build_rpr(spec))


def doc_defaults(doc) -> None:
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    for child in list(rpr):
        rpr.remove(child)
    rpr.append(fonts(S.FANGSONG, S.LATIN))
    rpr.append(el("w:kern", val=2))
    rpr.append(el("w:sz", val=32))
    rpr.append(el("w:szCs", val=32))
    rpr.append(el("w:lang", val="en-US", eastAsia="zh-CN", bidi="ar-SA"))
    ppr = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr"))
    for child in list(ppr):
        ppr.remove(child)
    ppr.append(el("w:spacing", after=0, line=240, lineRule="auto"))


def page_setup(doc, footer_rid: str) -> None:
    sect = doc.sections[0]._sectPr
    for child in list(sect):
        sect.remove(child)
    sect.append(el("w:footerReference", type="default"))
    sect[-1].set(qn("r:id"), footer_rid)
    sect.append(el("w:pgSz", w=S.PAGE_W, h=S.PAGE_H))
    sect.append(el("w:pgMar", top=S.MARGIN_TOP, right=S.MARGIN_RIGHT, bottom=S.MARGIN_BOTTOM,
                   left=S.MARGIN_LEFT, header=S.HEADER_DIST, footer=S.FOOTER_DIST, gutter=0))
    sect.append(el("w:cols", space=425))
    sect.append(el("w:docGrid", linePitch=312))


def footer_part(doc) -> str:
    """A footer with the page number as a PAGE field: — 1 —."""
    from docx.opc.packuri import PackURI
    from docx.parts.hdrftr import FooterPart
    part = FooterPart.new(doc.part.package)
    part.partname = PackURI("/word/footer1.xml")
    ftr = part.element
    for child in list(ftr):
        ftr.remove(child)
    p = el("w:p")
    ppr = el("w:pPr")
    ppr.append(el("w:pStyle", val="Footer"))
    p.append(ppr)

    def run(child):
        r = el("w:r")
        r.append(child)
        p.append(r)

    def text(s):
        t = el("w:t")
        t.set(qn("xml:space"), "preserve")
        t.text = s
        run(t)

    text("— ")
    run(el("w:fldChar", fldCharType="begin"))
    instr = el("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = " PAGE "
    run(instr)
    run(el("w:fldChar", fldCharType="separate"))
    text("1")
    run(el("w:fldChar", fldCharType="end"))
    text(" —")
    ftr.append(p)
    return doc.part.relate_to(part, RT.FOOTER)


def settings(doc) -> None:
    st = doc.settings.element
    # No w:updateFields: with it Word asks on opening whether to update the fields, and clerks
    # take that dialog for a broken file.  The 目录 is written pre-filled instead (with the page
    # numbers LibreOffice laid out, when --pdf ran it); F9 in Word still updates it.
    for old in st.findall(qn("w:updateFields")):
        st.remove(old)
    # Full-width punctuation may be compressed at a line's ends (Word's default for Chinese), so a
    # justified line that cannot take the next number is stretched less.
    for csc in st.findall(qn("w:characterSpacingControl")):
        csc.set(qn("w:val"), "compressPunctuation")
    for cs in st.iter(qn("w:compatSetting")):
        if cs.get(qn("w:name")) == "compatibilityMode":
            cs.set(qn("w:val"), "15")
    lang = st.find(qn("w:themeFontLang"))
    if lang is not None:
        lang.set(qn("w:eastAsia"), "zh-CN")
    tab = st.find(qn("w:defaultTabStop"))
    if tab is not None:
        tab.set(qn("w:val"), "420")


def font_table(doc) -> None:
    part = next(rel.target_part for rel in doc.part.rels.values() if rel.reltype == RT.FONT_TABLE)
    from docx.oxml import parse_xml
    root = parse_xml(part.blob)
    present = {f.get(qn("w:name")) for f in root.findall(qn("w:font"))}
    for name, (alt, panose, family) in FONTS.items():
        if name in present:
            continue
        f = el("w:font", name=name)
        if alt != name:
            f.append(el("w:altName", val=alt))
        f.append(el("w:panose1", val=panose))
        f.append(el("w:charset", val="86"))
        f.append(el("w:family", val=family))
        f.append(el("w:pitch", val="variable"))
        root.append(f)
    from lxml import etree
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def cover(doc) -> None:
    body = doc.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)

    def para(style: str, text: str, before_pt: float | None = None):
        p = doc.add_paragraph(style=style)
        if text:
            p.add_run(text)
        if before_pt is not None:
            p.paragraph_format.space_before = int(before_pt * 12700)
        return p

    para(S.COVER_NOTE, "{%p if attachment %}")
    para(S.COVER_NOTE, "{{ attachment }}")
    para(S.COVER_NOTE, "{%p endif %}")
    para(S.COVER_TITLE, "{% if year_first %}{{ year }}年度{% else %}{{ dept }}{% endif %}", before_pt=150)
    para(S.COVER_TITLE, "{% if year_first %}{{ dept }}{{ caliber }}{% else %}{{ year }}年度{{ caliber }}{% endif %}")
    para(S.COVER_TEXT, "{%p if date %}")
    para(S.COVER_TEXT, "{{ date }}", before_pt=230)
    para(S.COVER_TEXT, "{%p endif %}")


def drop_thumbnail(doc) -> None:
    pkg = doc.part.package
    for rid, rel in list(pkg.rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            del pkg.rels[rid]


def build(out: Path) -> Path:
    doc = Document()
    doc_defaults(doc)
    for spec in S.STYLES:
        apply_style(doc, spec)
    rid = footer_part(doc)
    page_setup(doc, rid)
    settings(doc)
    font_table(doc)
    drop_thumbnail(doc)
    cover(doc)
    cp = doc.core_properties
    cp.title = "{{ doc_title }}"
    cp.author = ""
    cp.last_modified_by = ""
    cp.comments = ""
    cp.subject = "部门决算公开"
    cp.keywords = ""
    cp.revision = 1
    out.parent.mkdir(parents=True, exist_ok=True)
    doc.save(out)
    return out


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "templates" / "report.docx"
    print(build(target))
