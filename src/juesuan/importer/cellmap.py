"""Where each imported amount lands in the standard workbook ('公开03表!E12'), found by walking
the same grid the workbook writer draws (model.grid), so the two cannot disagree."""
from __future__ import annotations

from juesuan.model.grid import HEADER_ROW, grid_for
from juesuan.model.report import Report
from juesuan.spec.layouts import CodedLayout, EconLayout, FixedLayout, SingleRowLayout


def _ref(sheet: str, r: int, c: int) -> str:
    from openpyxl.utils import get_column_letter
    return f"{sheet}!{get_column_letter(c + 1)}{HEADER_ROW + r}"


def cell_refs(report: Report) -> dict[tuple, str]:
    """(table id, logical key) -> 'Sheet!A1' for every amount position of the nine tables."""
    out: dict[tuple, str] = {}
    all_codes = not report.settings.econ_nonzero_only
    for tid, table in report.tables.items():
        layout = table.layout
        sheet = layout.sheet_name
        grid = grid_for(layout, table, all_econ_codes=all_codes)
        body = range(grid.header_count, len(grid.rows))
        if isinstance(layout, FixedLayout):
            variant = table.variant
            c = 0
            for side in layout.sides:
                by_h = {r.hangci[variant]: r for r in side.rows if variant in r.hangci}
                for r in body:
                    h = grid.rows[r][c + 1]
                    row = by_h.get(h) if isinstance(h, int) and grid.kinds[r] != "lanci" else None
                    if row is not None:
                        for i, col in enumerate(side.columns):
                            out[(tid, ("fixed", row.key, col.key))] = _ref(sheet, r, c + 2 + i)
                c += 2 + len(side.columns)
        elif isinstance(layout, CodedLayout):
            for r in body:
                kind, first = grid.kinds[r], grid.rows[r][0]
                for i, col in enumerate(layout.columns):
                    if kind == "total":
                        out[(tid, ("total", col.key))] = _ref(sheet, r, 2 + i)
                    elif kind == "body" and first:
                        out[(tid, ("code", str(first), col.key))] = _ref(sheet, r, 2 + i)
        elif isinstance(layout, EconLayout):
            for r in body:
                if grid.kinds[r] == "total":
                    out[(tid, ("econ", "personnel_total"))] = _ref(sheet, r, 2)
                    out[(tid, ("econ", "public_total"))] = _ref(sheet, r, grid.ncols - 1)
                    continue
                for c in range(0, grid.ncols, 3):
                    code = grid.rows[r][c]
                    if code:
                        out[(tid, ("econ", str(code)))] = _ref(sheet, r, c + 2)
        elif isinstance(layout, SingleRowLayout):
            r = next(r for r in body if grid.kinds[r] == "body")
            for i, col in enumerate(layout.columns):
                out[(tid, ("single", col.key))] = _ref(sheet, r, i)
    return out


def attach_cells(report: Report, refs: dict[tuple, str]) -> None:
    """Every imported value keeps the cell it will have in the standard workbook, as the reader's
    do (checks and the audit point at it; ``ImportResult.sources`` tells where it was printed)."""
    for (tid, key), ref in refs.items():
        table = report.tables[tid]
        kind = key[0]
        if kind == "fixed":
            table.cells[(key[1], key[2])] = ref
        elif kind == "total":
            table.total_cells[key[1]] = ref
        elif kind == "code":
            row = next((r for r in table.rows if r.code == key[1]), None)
            if row is not None:
                row.cells[key[2]] = ref
        elif kind == "econ":
            if key[1] == "personnel_total":
                table.personnel_cell = ref
            elif key[1] == "public_total":
                table.public_cell = ref
            else:
                table.cells[key[1]] = ref
        elif kind == "single":
            table.cells[key[1]] = ref
