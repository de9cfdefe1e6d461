"""Reading a rendered report back with python-docx, for the tests of the Word renderer."""
from __future__ import annotations

import shutil
from pathlib import Path

from conftest import EXAMPLES
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph
from juesuan.render.docx.readback import plain

RENDERABLE = ("b_hanyang_2024", "c_synthetic_2024")


def render_example(name: str, folder: Path, pdf: bool = False):
    """Copy example NAME into FOLDER and render it the way the command does (default name)."""
    from juesuan.api import render_workbook
    wb = folder / f"{name}.xlsx"
    shutil.copyfile(EXAMPLES / f"{name}.xlsx", wb)
    result = render_workbook(wb, pdf=pdf)
    assert result.check.errors == 0, [f.message for f in result.check.findings if f.severity == "错误"]
    assert result.docx is not None, result.problems
    return result


def body_items(doc):
    """('p', Paragraph) / ('tbl', Table) in document order, with the section index of each."""
    section = 0
    for child in doc.element.body.iterchildren():
        if child.tag == qn("w:p"):
            yield "p", Paragraph(child, doc), section
            ppr = child.find(qn("w:pPr"))
            if ppr is not None and ppr.find(qn("w:sectPr")) is not None:
                section += 1
        elif child.tag == qn("w:tbl"):
            yield "tbl", Table(child, doc), section


def headings(doc) -> list[tuple[int, str]]:
    out = []
    for kind, p, _ in body_items(doc):
        if kind == "p" and p.style is not None and p.style.name.startswith("Heading"):
            # a long heading wraps at a break opportunity between its words (word joiners inside)
            out.append((int(p.style.name.split()[-1]), plain(p.text)))
    return out


def table_texts(table: Table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def expected_texts(grid, thousands: bool = False) -> list[list[str]]:
    """The grid as python-docx reads the drawn table: a merged cell shows its origin's text."""
    from juesuan.render.docx.tables import display_text
    out = [[display_text(grid, r, c, thousands) for c in range(grid.ncols)] for r in range(len(grid.rows))]
    for r1, c1, r2, c2 in grid.merges:
        for r in range(r1, r2 + 1):
            for c in range(c1, c2 + 1):
                out[r][c] = display_text(grid, r1, c1, thousands)
    return out


def all_text(doc) -> str:
    parts = [plain(p.text) for p in doc.paragraphs]
    for t in doc.tables:
        for row in t.rows:
            parts.extend(plain(c.text) for c in row.cells)
    for s in doc.sections:  # (reading a missing footer through python-docx would create one)
        if not s.footer.is_linked_to_previous:
            parts.extend(p.text for p in s.footer.paragraphs)
    return "\n".join(parts)


def east_asia_font(style) -> str | None:
    """The East Asian font a paragraph style resolves to (following basedOn)."""
    while style is not None:
        rpr = style.element.rPr
        if rpr is not None and rpr.rFonts is not None and rpr.rFonts.get(qn("w:eastAsia")):
            return rpr.rFonts.get(qn("w:eastAsia"))
        style = style.base_style
    return None
