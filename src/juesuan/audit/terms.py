"""第五部分 名词解释: the 支出功能分类科目 it lists must be the ones the tables use.

An entry 「1.教育支出（类）进修及培训（款）培训支出（项）：反映…」 names a 项 by its 类/款/项 names; the
tables (公开03/05/07/08表) give each 项's code and the names of its 类 and 款 rows.  An entry naming a 项
no table has is a contradiction; a table 项 the list leaves out is a note (some reports list only the
main ones).
"""
from __future__ import annotations

import re

from juesuan.audit.issues import CONTRADICTION, NOTE, TERMS, Issue, shorten

_ENTRY = re.compile(r"^\d+[.．、]\s*(?P<lei>[^（(：:]+)[（(]类[)）](?P<kuan>[^（(：:]+)[（(]款[)）](?P<xiang>[^（(：:]+)[（(]项[)）]")


def _norm(name: str) -> str:
    return re.sub(r"[\s“”\"（）()]", "", name or "")


def table_paths(report) -> dict[tuple[str, str, str], str]:
    """(类, 款, 项) names -> code, for every 项 of the coded tables.  A 类 or 款 the table does not print
    takes the 科目 dictionary's name of the report's year; either name is accepted."""
    from itertools import product
    from juesuan.spec.catalog import catalog
    k = catalog(report.year)
    printed: dict[str, set[str]] = {}
    codes: set[str] = set()
    for table in (report.t03, report.t05, report.t07, report.t08):
        for r in table.rows:
            if r.name:
                printed.setdefault(r.code, set()).add(_norm(r.name))
            if len(r.code) == 7:
                codes.add(r.code)
    out: dict[tuple[str, str, str], str] = {}
    for code in sorted(codes):
        levels = []
        for part in (code[:3], code[:5], code):
            names = set(printed.get(part, set()))
            if k.func_name(part):
                names.add(_norm(k.func_name(part)))
            if part == code:
                names.add(code)  # a 项 the dictionary does not know is printed under its code
            levels.append(names)
        if all(levels):
            for key in product(*levels):
                out.setdefault(key, code)
    return out


def terms_issues(paragraphs, pages, parts, report, reference: str) -> list[Issue]:
    start = parts.starts.get("五")
    if start is None or report is None:
        return []
    end = min([s for p, s in parts.starts.items() if s > start] + [len(paragraphs)])
    known = table_paths(report)
    if not known:
        return []
    out, listed = [], set()
    for i in range(start + 1, end):
        m = _ENTRY.match(paragraphs[i])
        if not m:
            continue
        key = (_norm(m.group("lei")), _norm(m.group("kuan")), _norm(m.group("xiang")))
        listed.add(key)
        if key not in known:
            out.append(Issue(TERMS, f"名词解释列出的科目“{m.group('lei')}（类）{m.group('kuan')}（款）{m.group('xiang')}（项）”"
                                    "在决算表中没有", shorten(paragraphs[i], 0, m.end()), pages[i], i, reference,
                             CONTRADICTION))
    if listed:
        named = {code for key, code in known.items() if key in listed}
        reported: set[str] = set()
        # one note per 科目, worded with its names (the code stands in only for a name nobody knows)
        for key, code in sorted(known.items(), key=lambda kv: (kv[1], kv[0][2] == kv[1])):
            if code not in named and code not in reported:
                reported.add(code)
                out.append(Issue(TERMS, f"决算表中的科目 {code}（{key[0]}/{key[1]}/{key[2]}）在名词解释中没有列出",
                                 "", pages[start], start, reference, NOTE))
    return out
