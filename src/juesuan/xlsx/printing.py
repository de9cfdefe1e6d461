"""How a workbook the program writes comes out of the printer: every column on one page width,
the header rows repeated on every page, A4, landscape when the sheet is wide.

Used for the standard workbook (``init``), the annotated copy (``check --annotate``) and the batch
summary, so that a clerk who presses Print gets readable pages instead of columns split across
dozens of sheets of paper.
"""
from __future__ import annotations

WIDE = 100  # total column width (in Excel characters) above which a sheet prints landscape


def fit_to_width(ws, *, title_rows: str | None = None, landscape: bool | None = None) -> None:
    """A4, one page wide (as many pages tall as needed), ``title_rows`` (e.g. "1:2") repeated."""
    if landscape is None:
        landscape = sheet_width(ws) > WIDE
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    if title_rows:
        ws.print_title_rows = title_rows


def sheet_width(ws) -> float:
    """The printed width of the used columns, in Excel characters (8.43 where no width is set)."""
    from openpyxl.utils import get_column_letter
    return sum((ws.column_dimensions[get_column_letter(c)].width or 8.43) for c in range(1, ws.max_column + 1))
