"""Draw a juesuan.model.grid.Grid as a Word table: the only table drawer of the report.

The nine 公开表 (grid_for), the 重点工作 table and the 绩效自评表 all come here.  The table is
built as one XML string and parsed once (python-docx's cell API is quadratic in the number
of cells).  Widths are fixed so Word, WPS and LibreOffice lay the table out alike; the
leading header and 栏次 rows repeat on every page (w:tblHeader); rows never split.
"""
from __future__ import annotations

from decimal import Decimal
from functools import lru_cache
from xml.sax.saxutils import escape

from juesuan.model.grid import Grid
from juesuan.model.money import fmt_table
from juesuan.render.docx import styles as S
from juesuan.render.docx import table_fit as fit
from juesuan.render.text import clean

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
HEADER_KINDS = ("header", "lanci")
CODE_SUFFIX = "科目编码"
BODY_PT = 9  # the 表格文字 style
BORDER = '<w:{0} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'


def cell_text(value: object, thousands: bool = False) -> str:
    """What a grid value looks like in the table: amounts with two decimals, 0 as blank."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return fmt_table(value, thousands)
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, int):
        return str(value)
    return clean(str(value))


def display_text(grid: Grid, r: int, c: int, thousands: bool = False) -> str:
    """The text drawn in cell (r, c); a header label 功能分类科目编码 is set on two lines."""
    text = cell_text(grid.rows[r][c], thousands)
    if grid.kinds[r] in HEADER_KINDS and text.endswith(CODE_SUFFIX) and len(text) > len(CODE_SUFFIX):
        text = text[:-len(CODE_SUFFIX)] + "\n" + CODE_SUFFIX
    return text


def cell_align(grid: Grid, r: int, c: int) -> str:
    override = grid.aligns.get((r, c))
    if override:
        return override
    kind = grid.kinds[r]
    if kind in HEADER_KINDS:
        return "center"
    col = grid.col_kinds[c] if c < len(grid.col_kinds) else "text"
    if col == "amount":
        return "right"
    if col == "hangci":
        return "center"
    if kind == "total" and col in ("text", "code"):
        return "center"
    return "left"


def column_widths(grid: Grid, total: int, font_pt: float | None = None,
                  thousands: bool = False) -> tuple[list[int], bool]:
    """Widths in twips from the content (table_fit.column_widths); whether header words are
    split finer."""
    cover = _origins(grid)
    cells = []
    for r in range(len(grid.rows)):
        for c in range(grid.ncols):
            m = cover.get((r, c))
            if m is not None and (m[0], m[1]) != (r, c):
                continue
            span = m[3] - m[1] + 1 if m else 1
            cells.append((c, span, grid.kinds[r], display_text(grid, r, c, thousands)))
    return fit.column_widths(cells, grid.ncols, grid.col_kinds, grid.widths, total, font_pt or BODY_PT)


@lru_cache(maxsize=32768)  # labels recur in every table (a thousand project forms share theirs)
def laid_out(text: str, kind: str, col: str, width_twips: int, size_pt: float, fine: bool) -> str:
    """The cell text with explicit line ends where it must wrap: headers between words, labels
    without a lone last character (Word would break them anywhere)."""
    inner = width_twips / 20 - fit.CELL_PADDING_PT
    if not text or (kind not in HEADER_KINDS and col != "text"):
        return text
    out = []
    for line in text.split("\n"):
        if kind in HEADER_KINDS:
            out += fit.no_orphan(fit.wrap(line, inner, size_pt, fine))
        elif fit.text_pt(line, size_pt) > inner:
            # a label wraps between words (“一、一般公共预算/财政拨款”, never “…财政/拨款”); a word
            # longer than the line is still broken inside
            out += fit.no_orphan(fit.wrap(line, inner, size_pt))
        else:
            out.append(line)
    return "\n".join(out)


def _origins(grid: Grid) -> dict[tuple[int, int], tuple[int, int, int, int]]:
    """Every cell covered by a merge -> the merge rectangle."""
    cover: dict[tuple[int, int], tuple[int, int, int, int]] = {}
    for m in grid.merges:
        r1, c1, r2, c2 = m
        for r in range(r1, r2 + 1):
            for c in range(c1, c2 + 1):
                cover[(r, c)] = m
    return cover


def _paragraphs(text: str, align: str, run_props: str, spacing: str) -> str:
    lines = text.split("\n") if text else [""]
    out = []
    for line in lines:
        run = f'<w:r>{run_props}<w:t xml:space="preserve">{escape(line)}</w:t></w:r>' if line else ""
        keep = "<w:keepNext/>" if "<w:keepNext/>" in spacing else ""
        spacing = spacing.replace("<w:keepNext/>", "")
        out.append(f'<w:p><w:pPr><w:pStyle w:val="TableText"/>{keep}{spacing}<w:jc w:val="{align}"/></w:pPr>{run}</w:p>')
    return "".join(out)


def grid_xml(grid: Grid, width: int, font_pt: float | None = None, thousands: bool = False) -> str:
    widths, fine = column_widths(grid, width, font_pt, thousands)
    size = font_pt or BODY_PT
    cover = _origins(grid)
    run_props = f'<w:rPr><w:sz w:val="{int(font_pt * 2)}"/><w:szCs w:val="{int(font_pt * 2)}"/></w:rPr>' \
        if font_pt else ""
    # A smaller font gets tighter exact lines too (the style has 11 pt lines for 9 pt text).
    spacing = f'<w:spacing w:line="{int((font_pt + 2) * 20)}" w:lineRule="exact"/>' if font_pt else ""
    lead = 0
    while lead < len(grid.kinds) and grid.kinds[lead] in HEADER_KINDS:
        lead += 1
    borders = "".join(BORDER.format(b) for b in ("top", "left", "bottom", "right", "insideH", "insideV"))
    parts = [
        f'<w:tbl xmlns:w="{W_NS}"><w:tblPr><w:tblW w:w="{width}" w:type="dxa"/><w:jc w:val="center"/>',
        f'<w:tblBorders>{borders}</w:tblBorders><w:tblLayout w:type="fixed"/>',
        '<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="57" w:type="dxa"/>'
        '<w:bottom w:w="0" w:type="dxa"/><w:right w:w="57" w:type="dxa"/></w:tblCellMar>',
        '<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" '
        'w:noHBand="0" w:noVBand="0"/></w:tblPr><w:tblGrid>',
        "".join(f'<w:gridCol w:w="{w}"/>' for w in widths),
        "</w:tblGrid>",
    ]
    # The last row keeps with what follows (the table note), so a note never starts a page alone.
    keep = len(grid.rows) - 1 if len(grid.rows) > lead + 1 else -1
    for r, row in enumerate(grid.rows):
        header = "<w:tblHeader/>" if r < lead else ""
        cell_spacing = spacing + ("<w:keepNext/>" if r == keep else "")
        parts.append(f"<w:tr><w:trPr><w:cantSplit/>{header}</w:trPr>")
        c = 0
        while c < grid.ncols:
            m = cover.get((r, c))
            span, vmerge, text = 1, "", display_text(grid, r, c, thousands)
            if m is not None:
                r1, c1, r2, c2 = m
                span = c2 - c1 + 1
                if r2 > r1:
                    vmerge = '<w:vMerge w:val="restart"/>' if r == r1 else "<w:vMerge/>"
                if r != r1:
                    text = ""
            w = sum(widths[c:c + span])
            grid_span = f'<w:gridSpan w:val="{span}"/>' if span > 1 else ""
            parts.append(f'<w:tc><w:tcPr><w:tcW w:w="{w}" w:type="dxa"/>{grid_span}{vmerge}'
                         f'<w:vAlign w:val="center"/></w:tcPr>')
            col = grid.col_kinds[c] if c < len(grid.col_kinds) else "text"
            text = laid_out(text, grid.kinds[r], col, w, size, fine)
            parts.append(_paragraphs(text, cell_align(grid, r, c), run_props, cell_spacing))
            parts.append("</w:tc>")
            c += span
        parts.append("</w:tr>")
    parts.append("</w:tbl>")
    return "".join(parts)


def draw_grid(doc, grid: Grid, *, landscape: bool = False, font_pt: float | None = None,
              thousands: bool = False, deferred=None):
    """Append the grid as a table at the end of ``doc`` (a python-docx Document); return the w:tbl.
    ``deferred`` (render.docx.deferred.DeferredTables): keep the table as text until the file is
    saved, before the body's final sectPr (returns None then)."""
    xml = grid_xml(grid, S.text_width(landscape), font_pt, thousands)
    body = doc.element.body
    sect = body.find(f"{{{W_NS}}}sectPr")
    if deferred is not None and sect is not None:
        deferred.place(sect, xml)
        return None
    from docx.oxml import parse_xml
    tbl = parse_xml(xml)
    if sect is not None:
        sect.addprevious(tbl)
    else:
        body.append(tbl)
    return tbl
