"""Strings into .xlsx files: always as text, never as a formula, always writable.

openpyxl turns any string that starts with "=" into a formula: a 部门全称 of
``=HYPERLINK("http://…","点击查看")`` would become a live link in 汇总.xlsx, and a file name
such as ``=1+1.docx`` a broken formula.  It also refuses control characters when a cell is
assigned and fails on lone surrogates only when the file is saved, after the work is done.
Every writer of an .xlsx in this project goes through here:

* :func:`put_text` writes one value into a cell (strings as text);
* :func:`save_workbook` saves a workbook this program built from scratch (init, the example
  workbooks, 汇总.xlsx), making every string cell text first, atomically and without a
  half-written zip on a full disk (atomic.atomic_save).
"""
from __future__ import annotations

from pathlib import Path

from juesuan.fileio.atomic import atomic_save
from juesuan.model.textnorm import safe_text

MAX_CELL_TEXT = 32767  # Excel's limit for one cell; longer text makes Excel "repair" the file


def text_value(value: str) -> str:
    """``value`` as Excel can hold it: no control characters or surrogates, within the cell limit."""
    text = safe_text(value)
    return text if len(text) <= MAX_CELL_TEXT else text[:MAX_CELL_TEXT - 1] + "…"


def put_text(cell, value: object) -> None:
    """Write ``value`` into an openpyxl cell; a string always as text (data type 's')."""
    if isinstance(value, str):
        cell.value = text_value(value)
        cell.data_type = "s"
    else:
        cell.value = value


def safe_row(values) -> list:
    """A row for ``ws.append``: strings made writable (openpyxl refuses control characters at once)."""
    return [text_value(v) if isinstance(v, str) else v for v in values]


def as_text(wb) -> None:
    """Every string cell of ``wb`` made text: for workbooks that hold no formulas of their own."""
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                value = cell.value
                if isinstance(value, str):
                    put_text(cell, value)


def save_workbook(wb, path: str | Path) -> Path:
    """``as_text``, then save atomically (temporary file, then rename)."""
    as_text(wb)
    return atomic_save(path, wb.save)
