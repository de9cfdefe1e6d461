"""Turn an origin (a failing check and what it explains) into a Finding in plain Chinese."""
from __future__ import annotations

import re
from decimal import Decimal

from ..findings import ERROR, SEVERITY_ORDER, WARNING, Finding
from .cascade import Origin
from .context import CENT, Check, fmt
from .registry import GE_TEMPLATE, LE_TEMPLATE, SUM_TEMPLATE, TOLERANCE

_CELL_RE = re.compile(r"^(?P<sheet>[^!]+)!(?P<col>[A-Z]+)(?P<row>\d+)$")


def severity_of(check: Check, strict: bool) -> tuple[str, bool]:
    """(severity, is a 尾数误差) of a failing check."""
    policy = check.severity or check.rule.severity
    if policy != TOLERANCE:
        return policy, False
    if strict:
        return ERROR, False
    if abs(check.diff) <= CENT * check.k:
        return WARNING, True
    return ERROR, False


def compress(cells: list[str]) -> list[str]:
    """Runs of cells in one column or one row become a range: 'S!D9:D19', 'S!C7:H7'.

    Order is kept; the sheet is repeated in every item so each one can be pasted into Excel.
    """
    out: list[str] = []
    run: list[tuple[str, int, int]] = []  # (sheet, col number, row)
    axis = None

    def flush():
        nonlocal axis
        if run:
            (sheet, c1, r1), (_, c2, r2) = run[0], run[-1]
            a, b = f"{_letters(c1)}{r1}", f"{_letters(c2)}{r2}"
            out.append(f"{sheet}!{a}" if a == b else f"{sheet}!{a}:{b}")
        run.clear()
        axis = None

    seen = set()
    for cell in cells:
        if cell in seen:
            continue
        seen.add(cell)
        m = _CELL_RE.match(cell)
        if not m:
            flush()
            out.append(cell)
            continue
        here = (m.group("sheet"), _number(m.group("col")), int(m.group("row")))
        if run and run[-1][0] == here[0]:
            last = run[-1]
            step = "row" if (here[1] == last[1] and here[2] == last[2] + 1) else \
                "col" if (here[2] == last[2] and here[1] == last[1] + 1) else None
            if step and axis in (None, step):
                axis = step
                run.append(here)
                continue
        flush()
        run.append(here)
    flush()
    return out


def _number(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def _letters(n: int) -> str:
    out = ""
    while n:
        n, rem = divmod(n - 1, 26)
        out = chr(65 + rem) + out
    return out


def sheet_prefix(cell: str) -> str:
    m = _CELL_RE.match(cell)
    return m.group("sheet") if m else cell.split(" ")[0]


def finding_of(origin: Origin, strict: bool) -> Finding:
    c = origin.check
    severity, rounding = severity_of(c, strict)
    # The same fault may also break a stricter rule (X-15 警告 explains T04-7 错误): the finding
    # takes the most severe of them.
    for e in origin.explained:
        other, _ = severity_of(e, strict)
        if SEVERITY_ORDER[other] < SEVERITY_ORDER[severity]:
            severity, rounding = other, False
    expected = c.expected
    note = "，属尾数误差" if rounding else ""
    fields = {
        "lhs": c.lhs_text, "rhs": c.rhs_text, "actual": fmt(c.lhs.value), "expected": fmt(expected),
        "diff": fmt(abs(c.diff)), "note": note, "sheet": sheet_prefix(c.lhs.cell), **c.extra,
    }
    template = c.rule.template
    if c.op != "=" and template == SUM_TEMPLATE:
        template = LE_TEMPLATE if c.op == "<=" else GE_TEMPLATE
    message = template.format(**fields)
    rhs_cells = compress([t.cell for t in c.rhs])
    cells = [c.lhs.cell, *rhs_cells] if c.anchor == "lhs" else [*rhs_cells, c.lhs.cell]
    if rounding:
        hint = (f"差额在尾数误差范围内（由元换算为万元逐格四舍五入所致），可以不改；"
                f"如需一致，请把 {c.lhs.cell} 改为 {fmt(expected)}")
    else:
        hint = c.rule.hint.format(**fields) if c.rule.hint else ""
    related = []
    # Totals computed from the origin cell carry the same break; only meaningful when the origin
    # is a total of its own table (a cross-table origin may just as well be wrong on the other side).
    for t in (origin.propagated if c.op == "=" and c.within else ()):
        related.append(f"{t.cell}{t.label}（由本格算出，含同一差额）")
    for e in origin.explained:
        where = "、".join(compress([e.lhs.cell, *(t.cell for t in e.rhs)])[:4])
        related.append(f"{e.rule.id}：{e.lhs_text} {fmt(e.lhs.value)}，{e.rhs_text} {fmt(e.expected)}（{where}）")
    actual = c.lhs.value
    return Finding(c.rule.id, severity, message, cells, expected, actual, hint, c.rule.title, related)


def difference_text(value: Decimal) -> str:
    return f"{value:+.2f}"
