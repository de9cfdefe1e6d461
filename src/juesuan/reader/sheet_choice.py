"""Which sheet is read for what: the one a person sees.

* a supplementary sheet may exist twice, as Excel's "copy sheet" makes it: a hidden stale
  “上年数” beside the edited visible “上年数 (2)”.  The visible one is read, the plain name
  before a copy, and a warning names every copy (as for the 公开表);
* a name that differs only by spaces (“上年数 ”) is read and named; a near name (“上年数据”) is
  hinted at in the “missing sheet” message;
* a 公开表 whose title says it is another table (2020 numbering: a sheet named 公开07表 titled
  “…三公…”) is read as the table of its title, and the mismatch is named;
* amounts in 元 (a "单位：元" line above a 公开表) are refused with one message: the report
  prints 万元, and dividing by 10 000 would put more than two decimals into every sum.
"""
from __future__ import annotations

import difflib
import re

from juesuan.reader.sheet_values import Sheet, cell_text, norm
from juesuan.spec.layouts import LAYOUTS

_COPY_RE = re.compile(r"\s*[（(]\s*\d+\s*[)）]\s*$")


def base_name(name: str) -> str:
    """'上年数 (2)' → '上年数', ' 上年数 ' → '上年数'."""
    return _COPY_RE.sub("", name).strip()


def pick(spec_name: str, sheets: dict[str, Sheet]) -> tuple[Sheet | None, list[Sheet]]:
    """The sheet read for a supplementary sheet named ``spec_name`` and all its candidates.

    Candidates: the exact name, the name with spaces around it, Excel's copies “名 (2)”.  The
    visible one wins over a hidden one, then the exact name, then the plain name before a copy."""
    group = [sh for name, sh in sheets.items() if name == spec_name or base_name(name) == spec_name]
    if not group:
        return None, []
    group.sort(key=lambda sh: (sh.hidden, sh.name != spec_name, _COPY_RE.search(sh.name) is not None))
    return group[0], group


def near_names(spec_name: str, sheets: dict[str, Sheet], taken: set[str]) -> list[str]:
    """Sheet names close to ``spec_name`` that no table or other sheet uses (“上年数据”, “上年”)."""
    free = [n for n in sheets if n not in taken]
    close = [n for n in free if norm(n) == norm(spec_name) or spec_name in n or
             (len(norm(n)) >= 2 and norm(n) in spec_name)]
    close += [n for n in difflib.get_close_matches(spec_name, free, n=3, cutoff=0.6) if n not in close]
    return close[:3]


def sheet_label(sheet: Sheet) -> str:
    return f"“{sheet.name}”" + ("（隐藏）" if sheet.hidden else "")


# -- 公开表 titles ------------------------------------------------------------------------
_TITLES = sorted({(norm(l.old_title or l.title), l.id) for l in LAYOUTS} | {(norm(l.title), l.id) for l in LAYOUTS},
                 key=lambda t: -len(t[0]))


def head_text(sheet: Sheet) -> str:
    return "".join(norm(sheet.v(r, c)) for r in range(min(3, sheet.nrows)) for c in range(min(sheet.ncols, 12)))


def title_table(sheet: Sheet) -> str | None:
    """The table the title in the first rows names (longest title first: “支出决算表” is part of
    several titles), or None."""
    head = head_text(sheet).replace("\u201c", "").replace("\u201d", "").replace('"', "")
    for title, tid in _TITLES:
        if title.replace("\u201c", "").replace("\u201d", "") in head:
            return tid
    return None


# -- units -----------------------------------------------------------------------------
_UNIT_RE = re.compile(r"(?:金额)?单位[:：]((?:百|千|万|十万|百万|千万|亿)?元)")


def amount_unit(sheet: Sheet) -> tuple[str, str] | None:
    """The unit printed above a table ("单位：元") and its cell, from the first 5 rows."""
    for r in range(min(sheet.nrows, 5)):
        for c in range(len(sheet.rows[r])):
            m = _UNIT_RE.search(norm(cell_text(sheet.v(r, c))))
            if m:
                return m.group(1), sheet.ref(r, c)
    return None
