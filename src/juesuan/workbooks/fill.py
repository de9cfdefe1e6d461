"""`make-report fill`: a copy of the workbook whose “科目说明” sheet (M02) holds the dictionary's
checked wording for each 项 the tables use, for the clerk to read, correct and keep.

Only wording whose ``source`` is ``seed`` (taken from a published report) or ``official`` (checked
against the official catalogue) is written, each filled cell commented “来自科目字典（…年版），请核对”.
``pattern`` wording is not written: it is generated from the catalogue's usual sentence
(“反映除上述项目以外其他用于××方面的支出。”), which data/README_kemu.md says the catalogue does not
always use; put in the 科目说明 sheet it would read as the office's own text and win over the
dictionary for good.  The report prints it from the dictionary anyway, so nothing is lost.
``unverified`` wording is never written.

The rows come from ``figures.explanations.explained_rows`` (the 项 第五部分 explains, the same list
as C-7).  The copy keeps the rest of the workbook as ``check --annotate`` does (openpyxl: values,
formulas, formats, merged cells, comments, validations); the input is never modified.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from juesuan.fileio.atomic import atomic_save
from juesuan.figures.explanations import explained_rows, given
from juesuan.model.report import Report
from juesuan.spec.catalog import Catalog
from juesuan.spec.supplement import CODE_NOTES, LIST_FIRST_ROW

FILL_SOURCES = ("seed", "official")  # wording taken from a published or checked text (see above)
AUTHOR = "juesuan 科目字典"
_HEADER_ROWS = 6  # the reader looks for the column labels in the first rows, so does this


def default_output(workbook: str | Path) -> Path:
    """X.xlsx → X.已填说明.xlsx beside it."""
    workbook = Path(workbook)
    return workbook.with_name(f"{workbook.stem}.已填说明.xlsx")


def comment(edition: int) -> str:
    return f"来自科目字典（{edition}年版），请核对"


@dataclass(frozen=True)
class Item:
    code: str
    name: str
    text: str = ""
    cell: str = ""  # where the text was written, e.g. 科目说明!B7
    known: bool = True  # the code is in the dictionary's edition


@dataclass
class Plan:
    """What ``fill`` does for a workbook: the 项 to fill, and those it leaves."""
    edition: int
    fill: list[Item] = field(default_factory=list)
    pattern: list[Item] = field(default_factory=list)  # the report prints the dictionary's pattern wording
    lacking: list[Item] = field(default_factory=list)  # no wording a report may use: the clerk writes it
    output: Path | None = None


def plan(report: Report, k: Catalog) -> Plan:
    """The 项 of ``explained_rows`` with no text in the 科目说明 sheet, sorted by what the
    dictionary offers for them."""
    known = given(report)
    out = Plan(k.edition)
    for code, (_, row) in explained_rows(report).items():
        if code in known:
            continue
        entry = k.func.get(code)
        item = Item(code, row.name or (entry.name if entry else ""), known=entry is not None)
        if entry is not None and entry.explanation and entry.source in FILL_SOURCES:
            out.fill.append(Item(item.code, item.name, entry.explanation))
        elif k.explanation(code):
            out.pattern.append(item)
        else:
            out.lacking.append(item)
    return out


class NoNotesSheet(ValueError):
    """The workbook has no 科目说明 sheet with its column labels."""


def _columns(ws) -> tuple[int, int, int]:
    """(header row, 科目编码 column, 说明 column), 1-based, found as the reader finds them."""
    from juesuan.reader.sheet_values import norm
    labels = {norm(c.label): c.key for c in CODE_NOTES.columns}
    for r in range(1, min(ws.max_row, _HEADER_ROWS) + 1):
        cols = {}
        for c in range(1, ws.max_column + 1):
            key = labels.get(norm(ws.cell(r, c).value).replace("（必填）", ""))
            if key and key not in cols:
                cols[key] = c
        if "code" in cols and "text" in cols:
            return r, cols["code"], cols["text"]
    raise NoNotesSheet(f"找不到“{CODE_NOTES.name}”工作表的列标题“科目编码”“说明”，"
                       "请从标准工作簿（make-report init）复制该表后再运行")


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _write(ws, p: Plan) -> None:
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment
    from openpyxl.utils import get_column_letter

    from juesuan.model.textnorm import code_text
    from juesuan.xlsx.text import put_text
    header, code_c, text_c = _columns(ws)
    # a row that already has the code but no text is completed, not repeated
    waiting: dict[str, int] = {}
    last = max(header, LIST_FIRST_ROW - 1)
    for r in range(header + 1, ws.max_row + 1):
        code, text = ws.cell(r, code_c).value, ws.cell(r, text_c).value
        if not _blank(code) or not _blank(text):
            last = r
        if not _blank(code) and _blank(text):
            waiting.setdefault(code_text(str(code).strip()), r)
    note = comment(p.edition)
    for i, item in enumerate(p.fill):
        r = waiting.get(item.code)
        if r is None:
            last += 1
            r = last
            cell = ws.cell(r, code_c)
            put_text(cell, item.code)
            cell.number_format = "@"  # a code is text: Excel must not turn 2012901 into a number
            cell.comment = Comment(note, AUTHOR, height=60, width=220)
        cell = ws.cell(r, text_c)
        put_text(cell, item.text)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        cell.comment = Comment(note, AUTHOR, height=60, width=220)
        p.fill[i] = Item(item.code, item.name, item.text, f"{ws.title}!{get_column_letter(text_c)}{r}")


def fill_workbook(workbook: str | Path, report: Report, k: Catalog, output: str | Path) -> Plan:
    """Write the filled copy of ``workbook`` (read as ``report``) to ``output`` atomically, when
    there is anything to fill.  Raises NoNotesSheet, OSError, and whatever openpyxl raises on a
    file it cannot open."""
    from openpyxl import load_workbook
    p = plan(report, k)
    if not p.fill:
        return p
    wb = load_workbook(workbook, rich_text=True)
    if CODE_NOTES.name not in wb.sheetnames:
        raise NoNotesSheet(f"工作簿没有“{CODE_NOTES.name}”工作表，请从标准工作簿（make-report init）复制该表后再运行")
    _write(wb[CODE_NOTES.name], p)
    wb.calculation.fullCalcOnLoad = True  # openpyxl keeps formulas but not their results
    p.output = atomic_save(Path(output), wb.save)
    return p
