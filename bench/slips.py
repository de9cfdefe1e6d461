"""Typing slips injected into a read workbook, for the localization benchmark and its test.

A workbook is read once; each trial changes one amount cell of the nine tables in the model (the
reader is tested on its own; this measures 审核), runs the checks, and puts the value back.

    trial = Bench(path).run(random.Random(7), kind="×10")

Slip kinds are the ones clerks make: ±0.01, ±1, +100, ×10, ÷10, two adjacent digits swapped,
sign.  A slip that leaves the value unchanged (÷10 of 0.01 …) is not a slip and is not drawn.
"""
from __future__ import annotations

import random
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from juesuan.checks import PIPELINE, run_checks
from juesuan.checks.context import Check, Context
from juesuan.model.findings import ERROR, WARNING, Finding
from juesuan.model.report import CodedTable, EconTable, FixedTable, Report, SingleRowTable
from juesuan.reader.workbook import read_workbook

CENT = Decimal("0.01")
TABLES = ("T01", "T02", "T03", "T04", "T05", "T06", "T07", "T08", "T09")
KINDS = ("+0.01", "-0.01", "+1", "-1", "+100", "×10", "÷10", "swap", "sign")


@dataclass
class Slot:
    """One amount cell of the model: where it is and how to read and write it."""
    cell: str
    holder: object  # the dict (or table, for the T06 totals) holding the value
    key: object

    def get(self) -> Decimal:
        if isinstance(self.holder, dict):
            return self.holder.get(self.key, Decimal("0"))
        return getattr(self.holder, self.key)

    def set(self, value: Decimal) -> None:
        if isinstance(self.holder, dict):
            self.holder[self.key] = value
        else:
            setattr(self.holder, self.key, value)


def slots(report: Report) -> dict[str, Slot]:
    out: dict[str, Slot] = {}
    for tid in TABLES:
        t = report.tables[tid]
        if isinstance(t, (FixedTable, SingleRowTable)):
            for k, cell in t.cells.items():
                out[cell] = Slot(cell, t.values, k)
        elif isinstance(t, CodedTable):
            for col, cell in t.total_cells.items():
                out[cell] = Slot(cell, t.total, col)
            for row in t.rows:
                for col, cell in row.cells.items():
                    out[cell] = Slot(cell, row.values, col)
        elif isinstance(t, EconTable):
            for code, cell in t.cells.items():
                out[cell] = Slot(cell, t.values, code)
            if t.personnel_cell:
                out[t.personnel_cell] = Slot(t.personnel_cell, t, "personnel_total")
            if t.public_cell:
                out[t.public_cell] = Slot(t.public_cell, t, "public_total")
    return out


def slipped(value: Decimal, kind: str) -> Decimal | None:
    """``value`` after the slip, or None when this slip cannot change this value."""
    if kind in ("+0.01", "-0.01", "+1", "-1", "+100"):
        new = value + Decimal(kind)
    elif kind == "×10":
        new = value * 10
    elif kind == "÷10":
        new = (value / 10).quantize(CENT, ROUND_HALF_UP)
    elif kind == "sign":
        new = -value
    elif kind == "swap":
        text = f"{value:.2f}"
        spots = [i for i in range(len(text) - 1) if text[i].isdigit() and text[i + 1].isdigit()
                 and text[i] != text[i + 1] and not (i == 0 and text[i + 1] == "0")]
        if not spots:
            return None
        i = spots[0] if len(spots) == 1 else spots[len(text) % len(spots)]
        new = Decimal(text[:i] + text[i + 1] + text[i] + text[i + 2:])
    else:
        raise ValueError(kind)
    new = new.quantize(CENT)
    return None if new == value else new


def relations(report: Report, read_findings: list[Finding]) -> list[Check]:
    ctx = Context(report, read_findings)
    for step in PIPELINE:
        step(ctx)
    return ctx.checks


def identity(c: Check) -> tuple:
    return (c.rule.id, c.op, c.lhs.key, tuple((t.key, t.sign) for t in c.rhs))


def single_cell_explanations(checks: list[Check], new_failing: set[tuple],
                              base_diff: dict[tuple, Decimal] | None = None) -> set[str]:
    """Every cell whose change alone puts the newly failing relations back as they were before
    the slip (holding, or off by their old 尾数 difference) and breaks none.

    Written independently of checks/localize.py (brute force over the relations) so that the
    test can tell which slips have one minimal explanation.
    """
    base_diff = base_diff or {}

    def restored(x: Check, delta) -> bool:
        return x.ok(delta) or x.diff_with(delta) == base_diff.get(identity(x), Decimal(0))

    failing = [c for c in checks if identity(c) in new_failing]
    out = set()
    for c in failing:
        if c.op != "=":
            continue
        for t in (c.lhs, *c.rhs):
            a = (1 if c.lhs.key == t.key else 0) - sum(x.sign for x in c.rhs if x.key == t.key)
            if a not in (1, -1):
                continue
            target = base_diff.get(identity(c), Decimal(0))
            delta = {t.key: (target - c.diff) * a}
            if all(restored(f, delta) for f in failing) and all(
                    not restored(x, {}) or restored(x, delta) for x in checks if t.key in x.term_keys()):
                out.add(t.cell)
    return out


@dataclass
class Trial:
    cell: str
    kind: str
    before: Decimal
    after: Decimal
    findings: list[Finding]  # new findings (not there before the slip)
    unique: bool  # exactly one single cell explains the slip
    explanations: set[str] = field(default_factory=set)

    @property
    def detected(self) -> bool:
        return any(f.severity in (ERROR, WARNING) for f in self.findings)

    @property
    def first(self) -> Finding | None:
        return self.findings[0] if self.findings else None

    @property
    def localized(self) -> bool:
        return self.first is not None and self.first.cells[:1] == [self.cell]

    @property
    def blamed(self) -> int:
        """Cells a user is told to look at: each finding's cell, or all its candidates."""
        cells = set()
        for f in self.findings:
            cells.update(f.candidates or f.cells[:1])
        return len(cells)


def _tail(c: Check) -> bool:
    """Off by a 尾数 only (0.01 × non-zero addends)."""
    return abs(c.diff) <= CENT * c.k


def _key(f: Finding) -> tuple:
    return (f.rule, f.severity, tuple(f.cells), f.message)


class Bench:
    """``tail``: a cell (or several) put 0.01 off before anything is measured — the rounding-break
    variants, workbooks that already carry legitimate 尾数误差 the slips must not be confused with.
    ``slip_tails``: cells of relations that are off by a 尾数 only are slipped like any other (a
    real workbook's slip lands anywhere); otherwise, and always for relations off by more (example
    (a)'s published errors), they are not."""

    def __init__(self, path: Path, tail: str | tuple[str, ...] | None = None, slip_tails: bool = False):
        self.path = Path(path)
        self.report, self.read_findings = read_workbook(self.path)
        self.slots = slots(self.report)
        self.tails = (tail,) if isinstance(tail, str) else tuple(tail or ())
        for cell in self.tails:
            self.slots[cell].set(self.slots[cell].get() + CENT)
        self.base_findings = {_key(f) for f in run_checks(self.report, self.read_findings)}
        base_checks = relations(self.report, self.read_findings)
        self.base_failing = {identity(c) for c in base_checks if not c.ok()}
        self.base_diff = {identity(c): c.diff for c in base_checks if not c.ok()}
        # Example (a) is not clean: cells in a relation that already fails beyond a 尾数 are not
        # slipped, so that each trial has one fault to find (the known breaks stay and are not counted).
        dirty = {t.cell for c in base_checks if not c.ok() and not (slip_tails and _tail(c)) for t in (c.lhs, *c.rhs)}
        self.near_tails = {t.cell for c in base_checks if not c.ok() and _tail(c) for t in (c.lhs, *c.rhs)} \
            if slip_tails else set()
        self.eligible = sorted(cell for cell, s in self.slots.items() if s.get() != 0 and cell not in dirty)

    def findings(self) -> list[Finding]:
        from juesuan.checks.ordering import sort_findings
        return sort_findings(run_checks(self.report, self.read_findings))

    def run(self, rng: random.Random, kind: str | None = None) -> Trial:
        while True:
            cell = rng.choice(self.eligible)
            k = kind or rng.choice(KINDS)
            slot = self.slots[cell]
            before = slot.get()
            after = slipped(before, k)
            if cell in self.near_tails and k in ("+0.01", "-0.01"):
                continue  # 0.01 beside a 0.01 rounding difference is one more: no method tells them apart
            if after is not None:
                break
        slot.set(after)
        try:
            found = [f for f in self.findings() if _key(f) not in self.base_findings]
            checks = relations(self.report, self.read_findings)
            new = {identity(c) for c in checks
                   if not c.ok() and c.diff != self.base_diff.get(identity(c), Decimal(0))}
            explanations = single_cell_explanations(checks, new, self.base_diff)
        finally:
            slot.set(before)
        return Trial(cell, k, before, after, found, explanations == {cell}, explanations)


def summarize(trials: list[Trial]) -> dict:
    n = len(trials)
    unique = [t for t in trials if t.unique]
    return {
        "trials": n,
        "detected": sum(t.detected for t in trials) / n if n else 0.0,
        "first_is_cell": sum(t.localized for t in trials) / n if n else 0.0,
        "unique": len(unique),
        "first_is_cell_unique": sum(t.localized for t in unique) / len(unique) if unique else 1.0,
        "blamed": sum(t.blamed for t in trials) / n if n else 0.0,
    }

