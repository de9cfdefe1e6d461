"""What every source (PDF, Word, Excel, text) is reduced to before the tables are looked for:
a sequence of text lines and drawn tables, each with the page it is on.

A table is a grid of cell texts in which a merged cell's text is repeated in every position it
covers (so that a column's header path can be read top-down whatever the source format).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field


# Word joiners, zero-width spaces, soft hyphens: invisible in print, but they would split a
# "万元" or a 科目 name for every pattern below (a report may keep 万元 from breaking with U+2060).
_INVISIBLE_RE = re.compile("[\u200b-\u200f\u2060-\u2064\ufeff\u00ad]")


def visible(text: str) -> str:
    return _INVISIBLE_RE.sub("", text) if text else text


@dataclass
class Line:
    """A line of running text (a title, 单位：万元, a sentence)."""
    text: str
    page: int | None = None
    sheet: str | None = None
    x0: float | None = None  # left edge on the page (PDF): an indented line starts a paragraph

    def __post_init__(self):
        self.text = visible(self.text)


@dataclass
class RawTable:
    rows: list[list[str]]
    pages: list[int | None] = field(default_factory=list)  # page of each row
    sheet: str | None = None
    row_numbers: list[int | None] = field(default_factory=list)  # Excel row of each row

    def __post_init__(self):
        if not self.pages:
            self.pages = [None] * len(self.rows)
        if not self.row_numbers:
            self.row_numbers = [None] * len(self.rows)

    @property
    def page(self) -> int | None:
        return self.pages[0] if self.pages else None

    def extend(self, other: "RawTable") -> None:
        self.rows += other.rows
        self.pages += other.pages
        self.row_numbers += other.row_numbers


@dataclass
class Extracted:
    items: list[Line | RawTable]
    pages: list[str] = field(default_factory=list)  # text of each page (PDF; Word split at page breaks)
    kind: str = ""


_SPACE_RE = re.compile(r"[\s\u3000\u00a0\u200b]+")


def norm(text: str | None) -> str:
    """Text made comparable: NFKC (full-width letters and brackets), no spaces or line breaks
    (a header wrapped over three lines in a PDF is one label), quotes made plain."""
    if not text:
        return ""
    text = unicodedata.normalize("NFKC", visible(str(text)))
    text = _SPACE_RE.sub("", text)
    return text.replace("“", '"').replace("”", '"').replace("‘", "'").replace("’", "'")


def split_text_row(line: str) -> list[str]:
    """A line of a text-only table: cells separated by two or more spaces or a tab."""
    return [c.strip() for c in re.split(r"\t|\s{2,}|\u3000+", line.strip()) if c.strip()]
