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
    """(类, 款, 项) names -> code, for every 项 row of the coded tables that print names."""
    out: dict[tuple[str, str, str], str] = {}
    for table in (report.t03, report.t05, report.t07, report.t08):
        names = {r.code: r.name for r in table.rows if r.name}
        for r in table.rows:
            if len(r.code) == 7 and r.name and r.code[:3] in names and r.code[:5] in names:
                out[(_norm(names[r.code[:3]]), _norm(names[r.code[:5]]), _norm(r.name))] = r.code
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
        for key, code in sorted(known.items(), key=lambda kv: kv[1]):
            if key not in listed:
                out.append(Issue(TERMS, f"决算表中的科目 {code}（{key[0]}/{key[1]}/{key[2]}）在名词解释中没有列出",
                                 "", pages[start], start, reference, NOTE))
    return out
