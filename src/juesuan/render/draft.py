"""The draft mark of a report written despite 审核 errors (``make-report X.xlsx --draft``).

Staff read the draft while they fix the workbook; nobody must mistake it for the report to
publish: "审核未通过 草稿" stands at the top of the cover and in the header of every page.
"""
from __future__ import annotations

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt, RGBColor

DRAFT_MARK = "审核未通过 草稿"
RED = RGBColor(0xC0, 0x00, 0x00)


def _mark(paragraph, size: int) -> None:
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run(DRAFT_MARK)
    run.bold = True
    run.font.size = Pt(size)
    run.font.color.rgb = RED


def mark_draft(doc) -> None:
    """Put the mark on the cover (first line of the body) and in every header of every section."""
    body = doc.paragraphs
    cover = body[0].insert_paragraph_before() if body else doc.add_paragraph()
    _mark(cover, 22)
    for section in doc.sections:
        headers = [section.header]
        if section.different_first_page_header_footer:
            headers.append(section.first_page_header)
        headers.append(section.even_page_header)  # used only when the document has even/odd headers
        for header in headers:
            header.is_linked_to_previous = False
            first = header.paragraphs[0] if header.paragraphs else header.add_paragraph()
            if first.text.strip():
                first = first.insert_paragraph_before()
            _mark(first, 10)
