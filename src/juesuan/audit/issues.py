"""A finding of the audit that is not one number against one slot: a table against the workbook, a table
rule broken, a year, a word, a unit, a missing part, a 名词解释 entry, a sum stated in the text.

Every issue says where (page and a short quote) and against what it was judged (``reference``).
"""
from __future__ import annotations

from dataclasses import dataclass

# kinds, in the order they are listed
TABLE, TABLE_RULE, TEXT_SUM, YEAR, DIRECTION, UNIT, WORDING, COMPLETE, TERMS, FORMS = (
    "表格与工作簿", "表格审核", "文字合计", "年度", "方向用词", "单位", "用词", "完整性", "名词解释", "绩效表")
KINDS = (TABLE, TABLE_RULE, TEXT_SUM, YEAR, DIRECTION, UNIT, WORDING, COMPLETE, TERMS, FORMS)
CONTRADICTION, NOTE = "矛盾", "提示"

REF_WORKBOOK, REF_TABLES, REF_TEXT = "工作簿", "报告中的表格", "报告文字本身"


@dataclass
class Issue:
    kind: str
    message: str  # a complete Chinese sentence: what is written, what it should be
    quote: str = ""  # the words in the report, shortened
    page: int | None = None
    paragraph: int | None = None  # index in the report's paragraphs
    reference: str = REF_TEXT
    severity: str = CONTRADICTION
    cell: str = ""  # the table cell, when about a table

    def as_dict(self) -> dict:
        return {"kind": self.kind, "severity": self.severity, "page": self.page, "quote": self.quote,
                "message": self.message, "reference": self.reference, "cell": self.cell or None,
                "paragraph": None if self.paragraph is None else self.paragraph + 1}


def shorten(text: str, start: int, end: int, before: int = 30, after: int = 15) -> str:
    """The sentence around text[start:end], cut to a short quote."""
    s = max(text.rfind("。", 0, start) + 1, start - before)
    e = text.find("。", end)
    e = len(text) if e < 0 else e + 1
    e = min(e, end + after)
    return ("…" if s > 0 else "") + text[s:e] + ("…" if e < len(text) else "")
