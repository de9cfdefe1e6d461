"""The workbook's own sentences (reasons, project effects, summaries) as a report prints them.

Their numbers («压减25%», «接待来电76人次») are the office's explanation, not figures of the tables, so
:func:`juesuan.audit.claims.mask` hides them before claims are read.  Each text is given in the forms the
renderer prints it (whole, cleaned of the trailing punctuation, and line by line).
"""
from __future__ import annotations

from juesuan.model.report import Report
from juesuan.spec.supplement import CODE, FIELDS
from juesuan.audit.text_input import normalise

_FIELD_PREFIXES = ("R", CODE.E03, CODE.E07, CODE.E08, CODE.E12, CODE.A10, CODE.ZX4, CODE.N01)
_LIST_COLUMNS = {CODE.B02: ("reason",), CODE.U02: ("effect",), CODE.E10: ("output", "problem", "measure")}
MIN_LENGTH = 6  # shorter texts could be ordinary words of the sentence (a project's name)


def _forms(raw) -> list[str]:
    if raw is None:
        return []
    text = str(raw).replace("\r\n", "\n").replace("\r", "\n")
    lines = [normalise(line) for line in text.split("\n")]
    forms = [normalise(text.replace("\n", ""))] + lines
    forms += [f.rstrip("。；;，,.、") for f in forms]
    return [f for f in forms if len(f) >= MIN_LENGTH]


def literal_texts(report: Report) -> list[str]:
    out: set[str] = set()
    for fid in FIELDS:
        if fid.startswith(_FIELD_PREFIXES) and FIELDS[fid].kind == "text":
            out.update(_forms(report.supp.get(fid)))
    for list_id, cols in _LIST_COLUMNS.items():
        for rec in report.supp.records(list_id):
            for col in cols:
                out.update(_forms(rec.get(col)))
    return sorted(out, key=len, reverse=True)
