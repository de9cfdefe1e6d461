"""The 类/款/项 tree of a coded table, as printed (three ways of printing rows: 类款项, 仅项, or 类 and 项)."""
from __future__ import annotations

from juesuan.model.report import CodedRow, CodedTable


class Tree:
    """Parent of each printed row = the longest printed 类 (3) or 款 (5) code that is a proper prefix.

    Rows whose parent is not printed are top-level; 合计 = Σ top-level rows.  A code of the wrong
    length (C-1) still finds its place under its 类/款, and is never taken as a parent, so one bad
    code does not break the sums around it.
    """

    def __init__(self, table: CodedTable):
        self.rows = table.rows
        self.by_code: dict[str, CodedRow] = {}
        for r in table.rows:
            self.by_code.setdefault(r.code, r)
        self.parent: dict[str, str | None] = {}
        self.children: dict[str, list[CodedRow]] = {}
        for r in table.rows:
            p = None
            for n in (5, 3):
                if n < len(r.code) and r.code[:n] in self.by_code:
                    p = r.code[:n]
                    break
            self.parent[r.code] = p
            if p is not None:
                self.children.setdefault(p, []).append(r)

    def top(self) -> list[CodedRow]:
        return [r for r in self.rows if self.parent.get(r.code) is None]

    def leaves(self) -> list[CodedRow]:
        return [r for r in self.rows if r.code not in self.children]

    def leaf_codes(self) -> set[str]:
        return {r.code for r in self.leaves()}

    def printed_levels(self) -> bool:
        """True when 类 or 款 rows are printed (form ①), so every 项 needs its parents."""
        return any(len(r.code) in (3, 5) for r in self.rows)

    def class_terms(self, code3: str) -> list[CodedRow]:
        """Rows that make up 类 ``code3``: the printed 类 row, else its top-level rows below it."""
        if code3 in self.by_code:
            return [self.by_code[code3]]
        return [r for r in self.top() if r.code.startswith(code3)]

    def classes(self) -> list[str]:
        return sorted({r.code[:3] for r in self.rows if len(r.code) >= 3})
