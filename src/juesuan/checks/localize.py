"""Error localization (Fellegi & Holt): which cell, changed to which value, makes every relation hold.

All 审核 relations are linear in the cells: ``lhs − Σ sign·rhs = 0`` (or ≤ / ≥ 0).  Given the
failing ones, the question a clerk asks is not "which sum is off" but "which cell do I change".
Following Fellegi & Holt (1976), the answer is the smallest set of cells whose change makes
every relation hold while all relations that hold now keep holding.

How it is found (small sets by enumeration; no solver is needed for the cases that occur):

* A *candidate* is one cell ``x`` and one change ``δ``: for each failing relation containing
  ``x`` with coefficient ``a``, ``δ = −diff / a`` (for an inequality: the change to its
  boundary).  It is valid when, after the change, no relation that held is broken, and it
  *explains* the failing relations that hold afterwards.
* If the change breaks a total of the same table that was computed from ``x`` (a workbook with
  formulas: the totals followed the typing slip), the total is changed along with it, and so
  on upwards — the candidate's cell set then has more than one cell.  A relation between two
  tables is never pushed through: that would be a second, independent change.
* Candidates are chosen greedily: most failing relations explained, then fewest cells, then
  lowest weight, then reading order.  With one slip the slipped cell explains every failing
  relation with one cell, so it is found whenever it is the only such cell.
* **Weights** (documented in docs/CHECKS.md): a cell typed by the clerk (an item, a detail
  column) weighs 1.0; a total of its own table (the left-hand side of a sum inside the table:
  合计, 类, 款, 栏1 of a row) weighs 1.25 — totals are usually computed, so when one typed cell
  and one total explain the same facts equally, the typed cell is named first.  The weight
  never beats a smaller number of cells.
* **Ambiguity**: other candidates with as few cells that explain the same failing relations are
  *alternatives*; the finding then says that one of these cells is wrong and names them all.
* **Rounding tails** (every explained difference within 0.01 × addends) are the normal result
  of rounding 元 to 万元 cell by cell, not a typing slip.  They are only attributed to a cell
  when one single cell explains them without alternative; otherwise cascade.py reports them at
  the total, as 尾数误差.

What this does not explain (two slips in the same relation, a break no single cell can undo …)
is left to cascade.py's origin/consequence ordering.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace
from decimal import Decimal

from juesuan.model.money import ZERO
from juesuan.checks.context import CENT, Check, Key, Term

TYPED, TOTAL = Decimal("1.0"), Decimal("1.25")
MAX_ALTERNATIVES = 8


@dataclass
class Fix:
    """Change ``term`` by ``delta`` (and the totals in ``carried`` by theirs): ``explained`` then hold."""
    term: Term
    delta: Decimal
    carried: list[tuple[Term, Decimal]] = field(default_factory=list)
    explained: list[Check] = field(default_factory=list)
    cost: Decimal = ZERO
    position: tuple = ()
    alternatives: list[Fix] = field(default_factory=list)

    @property
    def size(self) -> int:
        return 1 + len(self.carried)

    @property
    def value(self) -> Decimal:
        """What the cell should hold."""
        return self.term.value + self.delta

    @property
    def primary(self) -> Check:
        """The relation the finding is named after: one whose left-hand side is the cell, else the first."""
        own = [c for c in self.explained if c.lhs.key == self.term.key]
        return min(own or self.explained, key=lambda c: c.order)


def coefficient(check: Check, key: Key) -> int:
    """∂(lhs − Σ sign·rhs)/∂key."""
    a = 1 if check.lhs.key == key else 0
    return a - sum(t.sign for t in check.rhs if t.key == key)


def within_tolerance(check: Check) -> bool:
    return abs(check.diff) <= CENT * check.k


class System:
    """The relations indexed by cell, the weight of each cell, and the fixes chosen so far.

    ``applied`` holds the changes of the fixes already chosen: every later candidate is judged
    on the workbook as it would be after them, so that two fixes never contradict each other.
    """

    def __init__(self, checks: list[Check]):
        self.checks = checks
        self.by_key: dict[Key, list[Check]] = defaultdict(list)
        self.terms: dict[Key, Term] = {}
        self.totals: set[Key] = set()
        self.applied: dict[Key, Decimal] = {}
        self.cache: dict[tuple[Key, Decimal], Fix | None] = {}
        # residual and coefficients of a relation, computed when a candidate first touches it
        self._base: dict[int, Decimal] = {}
        self._coefs: dict[int, dict[Key, int]] = {}
        for c in checks:
            keys = {c.lhs.key, *(t.key for t in c.rhs)}
            for t in (c.lhs, *c.rhs):
                self.terms.setdefault(t.key, t)
            for k in keys:
                self.by_key[k].append(c)
            if c.within and c.op == "=":
                self.totals.add(c.lhs.key)

    def coefs(self, c: Check) -> dict[Key, int]:
        coefs = self._coefs.get(id(c))
        if coefs is None:
            coefs = self._coefs[id(c)] = {c.lhs.key: 1}
            for t in c.rhs:
                coefs[t.key] = coefs.get(t.key, 0) - t.sign
            self._base[id(c)] = c.diff
        return coefs

    def weight(self, key: Key) -> Decimal:
        return TOTAL if key in self.totals else TYPED

    def residual(self, c: Check, delta: dict[Key, Decimal] | None = None) -> Decimal:
        """lhs − Σ rhs of ``c`` after the fixes chosen so far (and ``delta`` on top)."""
        coefs = self.coefs(c)
        r = self._base[id(c)]
        for changes in (self.applied, delta or {}):
            for k, v in changes.items():
                a = coefs.get(k)
                if a:
                    r += a * v
        return r

    def ok(self, c: Check, delta: dict[Key, Decimal] | None = None) -> bool:
        """Does ``c`` hold after the fixes chosen so far (and ``delta`` on top)?"""
        r = self.residual(c, delta)
        return r == 0 if c.op == "=" else r <= 0 if c.op == "<=" else r >= 0

    def diff(self, c: Check) -> Decimal:
        return self.residual(c)

    def apply(self, fix: Fix) -> None:
        for k, v in ((fix.term.key, fix.delta), *((t.key, d) for t, d in fix.carried)):
            self.applied[k] = self.applied.get(k, ZERO) + v

    def touched(self, delta: dict[Key, Decimal]) -> list[Check]:
        seen: dict[int, Check] = {}
        for k in delta:
            for c in self.by_key.get(k, ()):
                seen.setdefault(id(c), c)
        return list(seen.values())

    def evaluate(self, key: Key, d: Decimal, position) -> Fix | None:
        term = self.terms[key]
        now = term.value + self.applied.get(key, ZERO)
        if d != 0 and now >= 0 > now + d:
            return None  # amounts are not negative: a correction that makes one so is no correction
        delta = {key: d}
        if self._breaks(delta):
            delta = self._carry(key, d)
            if delta is None or self._breaks(delta):
                return None
        explained = sorted((c for c in self.touched(delta) if not self.ok(c) and self.ok(c, delta)),
                           key=lambda c: c.order)
        if not any(c.op == "=" for c in explained):
            return None  # only inequalities: their boundary is no value the cell "should have"
        carried = [(self.terms[k], v) for k, v in delta.items() if k != key and v != 0]
        cost = self.weight(key) + sum((self.weight(t.key) for t, _ in carried), ZERO)
        return Fix(term, d, carried, explained, cost, position(term.cell))

    def _breaks(self, delta: dict[Key, Decimal]) -> bool:
        return any(self.ok(c) and not self.ok(c, delta) for c in self.touched(delta))

    def _carry(self, start: Key, d: Decimal) -> dict[Key, Decimal] | None:
        """Push the change up through the totals of the same table that were computed from it."""
        delta = {start: d}
        work = [start]
        steps = 0
        while work:
            steps += 1
            if steps > 4 * len(self.checks) + 10:
                return None
            key = work.pop()
            for c in self.by_key.get(key, ()):
                if not (c.within and c.op == "=" and self.ok(c)) or c.lhs.key == key:
                    continue
                if c.lhs.key == start:
                    return None  # the change would have to flow back into the cell itself
                fix = -self.residual(c, delta)
                if fix != 0:
                    delta[c.lhs.key] = delta.get(c.lhs.key, ZERO) + fix
                    work.append(c.lhs.key)
        return delta

    def candidates(self, failing: list[Check], position) -> list[Fix]:
        seen: set[tuple[Key, Decimal]] = set()
        out = []
        for c in failing:
            # an inequality gives a range; its boundary is the value that undoes a slip which
            # turned a total that matched (表5 = 表3 科目) into one that exceeds
            residual = self.diff(c)
            for key, a in self.coefs(c).items():
                if a not in (1, -1):
                    continue
                d = -residual * a
                if (key, d) in seen:
                    continue
                seen.add((key, d))
                if (key, d) not in self.cache:
                    self.cache[(key, d)] = self.evaluate(key, d, position)
                fix = self.cache[(key, d)]
                if fix is not None:
                    out.append(fix)
        return out

    def forget(self, fix: Fix) -> None:
        """Drop the cached candidates that the chosen ``fix`` may change (they share a relation)."""
        near = set()
        for c in self.touched({fix.term.key: fix.delta, **{t.key: d for t, d in fix.carried}}):
            near.update(self.coefs(c))
        for k in [k for k in self.cache if k[0] in near]:
            del self.cache[k]


MAX_ROUNDS = 50  # independent faults named one by one; beyond that the cascade orders the rest


def localize(checks: list[Check], failing: list[Check], position) -> tuple[list[Fix], list[Check]]:
    """The fixes that explain the failing relations, and the failing relations left unexplained.

    Greedy, one fix per round, each round judged after the fixes before it: the candidate that
    explains most of the remaining failing relations, then with fewest cells, lowest weight,
    first in reading order (``position(cell)``).
    """
    system = System(checks)
    remaining = {id(c) for c in failing}
    left: set[int] = set()  # rounding tails handed to cascade.py
    fixes: list[Fix] = []
    for _ in range(MAX_ROUNDS):
        open_ = [c for c in failing if id(c) in remaining]
        pool = system.candidates(open_, position) if open_ else []
        if not pool:
            break

        def rank(f: Fix):
            return (-sum(1 for c in f.explained if id(c) in remaining), f.size, f.cost, f.position)
        best = min(pool, key=rank)
        covered = {id(c) for c in best.explained if id(c) in remaining}
        if not covered:
            break
        alternatives = sorted(
            (f for f in pool if f is not best and f.size == best.size and f.term.key != best.term.key
             and covered <= {id(c) for c in f.explained}), key=lambda f: (f.cost, f.position))
        best = replace(best, explained=[c for c in best.explained if id(c) in covered], alternatives=alternatives)
        remaining -= covered
        if all(within_tolerance(c) for c in best.explained) and (best.size > 1 or best.alternatives):
            left |= covered  # a rounding tail with no single culprit: cascade.py reports it at the total
            continue
        system.apply(best)
        system.forget(best)
        fixes.append(best)
    return fixes, [c for c in failing if id(c) in remaining or id(c) in left]
