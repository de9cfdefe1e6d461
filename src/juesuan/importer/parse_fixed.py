"""T01/T04 (two sides of labelled rows) and T06 (code–name–amount triples) read from a found table."""
from __future__ import annotations

import re

from juesuan.importer.columns import CODE_RE, ORDINAL_RE, match_columns, read_header
from juesuan.importer.items import norm
from juesuan.importer.parse_tables import TableParser, clean_name, parse_ok
from juesuan.importer.problems import WARNING, problem, unplaced
from juesuan.importer.titles import Found
from juesuan.model.report import EconTable, FixedTable
from juesuan.spec.layouts import EconLayout, FixedLayout, Side

_GLUED = re.compile(r"^(3\d{2}(?:\d{2})?)\s*(\D.*)$", re.S)


def row_label(text: str) -> str:
    t = norm(text)
    while True:
        m = ORDINAL_RE.match(t)
        if not m:
            return t
        t = t[m.end():]


def _match(side: Side, label: str, used: set[str], hangci: int | None, variant: str):
    hits = [r for r in side.rows if label and (norm(r.name) == label or label in {norm(a) for a in r.aliases})]
    if hangci is not None:
        by_h = [r for r in hits if r.hangci.get(variant) == hangci]
        if by_h:
            return by_h[0]
    return next((r for r in hits if r.key not in used), None)


class FixedParsing(TableParser):
    def fixed(self, layout: FixedLayout, found: Found) -> FixedTable:
        table = FixedTable(layout)
        header = read_header(found.raw.rows)
        labels = header.col_index(lambda p: bool(p) and p[-1] == "项目")
        hang = header.col_index(lambda p: bool(p) and p[-1] == "行次")
        if len(labels) < len(layout.sides):
            labels = self._label_columns(found, header)
        if found.text_rows or len(labels) < len(layout.sides):
            self.problems.append(problem("I-LAYOUT", WARNING,
                                         f"“{found.title}”的表头无法识别（找不到收入、支出两侧的“项目”列），这张表没有导入",
                                         self.where(found, 0), "请对照原表手工填写"))
            return table
        ncols = len(header.paths)
        sides = []
        for i, side in enumerate(layout.sides):
            lo, hi = labels[i], (labels[i + 1] if i + 1 < len(labels) else ncols)
            h = next((c for c in hang if lo < c < hi), None)
            paths = {c: header.paths[c] for c in range(lo + 1, hi) if c != h}
            lanci = header.lanci
            sides.append((side, lo, h, match_columns(side.columns, paths, lanci)))
        rows = list(self.body(found, header))
        variant = layout.variants[0]
        if len(layout.variants) > 1:  # T01: 总计 on 行次 30 or 31 tells the printed version
            inc = sides[0]
            for r, row in rows:
                if inc[2] is not None and row_label(row[inc[1]]) == "总计" and norm(row[inc[2]]).isdigit():
                    grand = int(norm(row[inc[2]]))
                    variant = next((v for v in layout.variants
                                    if layout.side("income").row("inc_grand").hangci[v] == grand), variant)
        table.variant = variant
        for side, lo, h, col_for in sides:
            used: set[str] = set()
            for r, row in rows:
                text = row[lo] if lo < len(row) else ""
                label = row_label(text)
                hc = norm(row[h]) if h is not None and h < len(row) else ""
                hangci = int(hc) if hc.isdigit() else None
                fixed = _match(side, label, used, hangci, variant)
                if fixed is None:
                    if any(parse_ok(row[c]) for c in col_for.values() if c < len(row)):
                        self.problems.append(unplaced(self.where(found, r), f"{side.label}方的行", clean_name(text) or "（空）",
                                                      "行名与标准表不同；请对照原表手工填写"))
                    continue
                used.add(fixed.key)
                for k, c in col_for.items():
                    cell = row[c] if c < len(row) else ""
                    self.put(found, r, ("fixed", fixed.key, k), clean_name(text), cell,
                             f"“{fixed.name}”的金额", lambda v, key=(fixed.key, k): table.values.__setitem__(key, v))
        return table

    @staticmethod
    def _label_columns(found: Found, header) -> list[int]:
        """Without a 项目 header: the columns whose body cells are mostly row names."""
        counts: dict[int, int] = {}
        for row in found.raw.rows[header.body_start:]:
            for c, x in enumerate(row):
                if row_label(x) and not parse_ok(x) and not norm(x).isdigit():
                    counts[c] = counts.get(c, 0) + 1
        best = sorted(c for c, n in counts.items() if n >= 3)
        return [c for i, c in enumerate(best) if i == 0 or c != best[i - 1] + 1]

    # -- T06 ----------------------------------------------------------------------------------
    def econ(self, layout: EconLayout, found: Found) -> EconTable:
        table = EconTable(layout)
        header = read_header(found.raw.rows)
        code_cols = header.col_index(lambda p: any("编码" in x for x in p))
        for r, row in self.body(found, header):
            texts = [norm(x) for x in row]
            handled: set[int] = set()
            for label, attr in ((layout.personnel_total_label, "personnel_total"),
                                (layout.public_total_label, "public_total")):
                if label not in texts:
                    continue
                c = texts.index(label)
                while c < len(texts) and texts[c] == label:
                    handled.add(c)
                    c += 1
                if c < len(row) and texts[c] not in (layout.personnel_total_label, layout.public_total_label):
                    handled.add(c)
                    self.put(found, r, ("econ", attr), label, row[c], label,
                             lambda v, a=attr: setattr(table, a, v))
            starts = code_cols or [c for c, x in enumerate(texts) if CODE_RE.match(x) or _GLUED.match(x)]
            for c in starts:
                if c >= len(row) or c in handled:
                    continue
                code, name, amount_at = texts[c], None, c + 2
                m = _GLUED.match(code)
                if m:
                    code, name, amount_at = m.group(1), clean_name(row[c])[len(m.group(1)):], c + 1
                if not CODE_RE.match(code):
                    continue
                if name is None:
                    name = clean_name(row[c + 1]) if c + 1 < len(row) else ""
                    if CODE_RE.match(norm(name)) is None and parse_ok(name):  # no name column
                        name, amount_at = "", c + 1
                if code in table.names or code in table.values:
                    continue
                table.names[code] = name
                self.put(found, r, ("econ", code), f"{code} {name}".strip(),
                         row[amount_at] if amount_at < len(row) else "", f"经济分类科目 {code} 的决算数",
                         lambda v, code=code: table.values.__setitem__(code, v))
        return table
