"""Turn a table layout (plus its data) into an abstract grid: header rows with merges, the
栏次 row and the body.  The workbook writer and the Word renderer both draw this grid, so a
公开表 is drawn one way only.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from juesuan.spec.layouts import LANCI, CodedLayout, EconLayout, FixedLayout, Layout, SingleRowLayout, cn_number
from juesuan.model.report import CodedTable, EconTable, FixedTable, SingleRowTable, Table


# The standard workbook draws each grid from this row down (title, 表号, 部门/单位 lines above):
# the writer and the importer's cell references (importer.cellmap) agree through it.
HEADER_ROW = 4


@dataclass
class Grid:
    ncols: int
    rows: list[list[object]] = field(default_factory=list)  # str | Decimal | int | None
    kinds: list[str] = field(default_factory=list)  # header | lanci | total | body
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)  # r1, c1, r2, c2 (0-based, inclusive)
    col_kinds: list[str] = field(default_factory=list)  # text | code | hangci | amount
    widths: list[int] = field(default_factory=list)  # relative widths (characters)
    header_count: int = 0
    aligns: dict[tuple[int, int], str] = field(default_factory=dict)  # (row, col) -> left|center|right override

    def add(self, kind: str, cells: list[object]) -> int:
        assert len(cells) == self.ncols, (len(cells), self.ncols)
        self.rows.append(cells)
        self.kinds.append(kind)
        return len(self.rows) - 1


def _header(grid: Grid, paths: list[tuple[str, ...]]) -> None:
    """Write merged header rows for leaf columns given by their label paths (outermost first).

    A group label spans the run of adjacent columns sharing it; a leaf label on a short path
    spans down to the last header row.
    """
    depth = max(len(p) for p in paths)
    start = len(grid.rows)
    for level in range(depth):
        grid.add("header", [p[level] if level < len(p) else None for p in paths])
    for c, p in enumerate(paths):
        if len(p) < depth:
            grid.merges.append((start + len(p) - 1, c, start + depth - 1, c))
    for level in range(depth - 1):
        c = 0
        while c < len(paths):
            if len(paths[c]) <= level + 1:  # a leaf at this level: no horizontal span
                c += 1
                continue
            end = c
            while end + 1 < len(paths) and len(paths[end + 1]) > level + 1 \
                    and paths[end + 1][:level + 1] == paths[c][:level + 1]:
                end += 1
            if end > c:
                grid.merges.append((start + level, c, start + level, end))
            c = end + 1
    grid.header_count = depth


def _v(value: Decimal | None) -> Decimal | None:
    return value if value is not None and value != 0 else None


def fixed_grid(layout: FixedLayout, table: FixedTable | None) -> Grid:
    variant = table.variant if table else layout.variants[0]
    paths: list[tuple[str, ...]] = []
    kinds: list[str] = []
    for side in layout.sides:
        paths += [(side.label, "项目"), (side.label, "行次")]
        paths += [(side.label,) + c.groups + (c.label,) for c in side.columns]
        kinds += ["text", "hangci"] + ["amount"] * len(side.columns)
    g = Grid(len(paths), col_kinds=kinds)
    g.widths = [34 if k == "text" else 5 if k == "hangci" else 12 for k in kinds]
    _header(g, paths)
    lanci: list[object] = []
    for side in layout.sides:
        lanci += [LANCI, None] + [c.lanci for c in side.columns]
    g.add("lanci", lanci)
    # Row i of the body carries the i-th 行次 of each side.
    per_side = []
    for side in layout.sides:
        by_h = {r.hangci[variant]: r for r in side.rows if variant in r.hangci}
        blanks = set(side.blank_hangci.get(variant, ()))
        hs = sorted(set(by_h) | blanks)
        per_side.append((side, [(h, by_h.get(h)) for h in hs]))
    n = max(len(items) for _, items in per_side)
    for i in range(n):
        cells: list[object] = []
        kind = "body"
        for side, items in per_side:
            if i >= len(items):
                cells += [None, None] + [None] * len(side.columns)
                continue
            h, row = items[i]
            if row is None:
                cells += [None, h] + [None] * len(side.columns)
                continue
            name = row.name
            numbered = [r for r in side.rows if r.hangci[variant] <= 8 and r.key.startswith(("inc_", "f_"))
                        and r.key not in ("f_begin_gpb", "f_begin_fund", "f_begin_soc")] + \
                [r for r in side.rows if r.code]
            if row in numbered:
                name = f"{cn_number(numbered.index(row) + 1)}、{row.name}"
            if row.name in ("总计", "本年收入合计", "本年支出合计"):
                kind = "total"
            cells += [name, h] + [_v(table.get(row.key, c.key)) if table else None for c in side.columns]
        g.add(kind, cells)
    return g


def code_key_paths(layout: CodedLayout) -> list[tuple[str, ...]]:
    return [("项目", layout.code_header), ("项目", "科目名称")]


def coded_grid(layout: CodedLayout, table: CodedTable | None, blank_rows: int = 0) -> Grid:
    paths = code_key_paths(layout) + [c.groups + (c.label,) for c in layout.columns]
    g = Grid(len(paths), col_kinds=["code", "text"] + ["amount"] * len(layout.columns))
    g.widths = [12, 30] + [11] * len(layout.columns)
    _header(g, paths)
    r = g.add("lanci", [LANCI, None] + [c.lanci for c in layout.columns])
    g.merges.append((r, 0, r, 1))
    total = table.total if table else {}
    r = g.add("total", ["合计", None] + [_v(total.get(c.key)) for c in layout.columns])
    g.merges.append((r, 0, r, 1))
    for row in (table.rows if table else []):
        g.add("body", [row.code, row.name] + [_v(row.values.get(c.key)) for c in layout.columns])
    for _ in range(blank_rows):
        g.add("body", [None] * g.ncols)
    return g


def econ_grid(layout: EconLayout, table: EconTable | None, all_codes: bool = True) -> Grid:
    paths: list[tuple[str, ...]] = []
    for i, triple in enumerate(layout.triples):
        paths += [(triple.label, "经济分类科目编码"), (triple.label, "科目名称"), (triple.label, "决算数")]
    g = Grid(len(paths), col_kinds=["code", "text", "amount"] * len(layout.triples))
    g.widths = [9, 22, 10] * len(layout.triples)
    _header(g, paths)
    present = {c for c, v in (table.values.items() if table else []) if v}
    columns = [layout.triple_codes(i, present, all_codes) for i in range(len(layout.triples))]
    n = max(len(c) for c in columns)
    for i in range(n):
        cells: list[object] = []
        for codes in columns:
            if i < len(codes):
                code = codes[i]
                name = (table.names.get(code) if table else None) or layout.name_of(code)
                cells += [code, name, _v(table.get(code)) if table else None]
            else:
                cells += [None, None, None]
        g.add("body", cells)
    last: list[object] = [layout.personnel_total_label, None, _v(table.personnel_total) if table else None,
                          layout.public_total_label] + [None] * (g.ncols - 5) + [_v(table.public_total) if table else None]
    r = g.add("total", last)
    g.merges += [(r, 0, r, 1), (r, 3, r, g.ncols - 2)]
    return g


def single_grid(layout: SingleRowLayout, table: SingleRowTable | None) -> Grid:
    paths = [c.groups + (c.label,) for c in layout.columns]
    g = Grid(len(paths), col_kinds=["amount"] * len(paths))
    g.widths = [10] * len(paths)
    _header(g, paths)
    g.add("lanci", [c.lanci for c in layout.columns])
    g.add("body", [_v(table.get(c.key)) if table else None for c in layout.columns])
    return g


def grid_for(layout: Layout, table: Table | None, *, blank_rows: int = 0, all_econ_codes: bool = True) -> Grid:
    if isinstance(layout, FixedLayout):
        return fixed_grid(layout, table)
    if isinstance(layout, CodedLayout):
        return coded_grid(layout, table, blank_rows)
    if isinstance(layout, EconLayout):
        return econ_grid(layout, table, all_econ_codes)
    if isinstance(layout, SingleRowLayout):
        return single_grid(layout, table)
    raise TypeError(layout)
