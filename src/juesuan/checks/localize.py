"""Error localization (Fellegi & Holt): which cells, changed to which values, make every relation hold.

All 审核 relations are linear in the cells: ``lhs − Σ sign·rhs = 0`` (or ≤ / ≥ 0).  Given the
failing ones, the question a clerk asks is not "which sum is off" but "which cell do I change".
Following Fellegi & Holt (1976), the answer is the smallest (weighted) set of cells whose change
makes every relation hold while all relations that hold now keep holding.

Real workbooks already carry 尾数 differences (a 合计 rounded from 元 on its own, 0.01 off the sum
of its rounded parts).  They are legitimate and must not hide or split a typing slip, so the
search runs in two passes:

1. **Errors**: the relations off by more than their tolerance are explained, where a relation
   counts as satisfied when it is within its 尾数 tolerance (0.01 × non-zero addends; exact under
   设置.严格审核, and for rules without a tolerance).  A sign flip in a 类 row under a 合计 that
   already carries 0.01 is then one finding at the 类 row: the 合计 goes back to its old 0.01.
2. **Rounding tails**: what is then still not exact (on the workbook as it would be after the
   pass-1 corrections) is attributed to one cell only when one single cell explains it without
   alternative; otherwise cascade.py reports it once at the total as 尾数误差 — after the errors,
   with the numbers as they will be once the errors are corrected, never inside an error's finding.

How candidates are found (enumeration; no solver is needed for the cases that occur):

* A *candidate* is one cell ``x`` and one change ``δ``: for each open relation containing ``x``
  with coefficient ``a`` (±1), ``δ = −residual / a`` (for an inequality: the change to its
  boundary).  It is valid when no satisfied relation is broken, and it *explains* the open
  relations that are satisfied afterwards.
* **Totals that followed**: if the change breaks a total of the same table that was computed
  from ``x`` (a workbook with formulas), the total is changed along with it (keeping its own 尾数),
  and so on upwards — these are the finding's 影响.
* **The same figure typed twice**: if the change breaks an equality between two single cells of
  two tables that holds exactly now (表3 and 表5 of the same 项, 表1 and 表2 合计), the other cell
  holds the same wrong figure: it is changed too (``twins``) and the finding names both.  Any
  other relation between two tables is never pushed through: that would be a second, independent
  change.
* **Choice**: greedy, one fix per round, each judged after the fixes before it: most open
  relations explained, then fewest cells, then a correction that undoes a recognisable slip
  (sign, ×10, ÷10, two adjacent digits swapped), then fewest relations left off by a 尾数, then
  lowest weight, then reading order.
* **Weights** (docs/CHECKS.md): a typed cell weighs 1.0, a total of its own table 1.25 — totals
  are usually computed.  The weight never beats a smaller number of cells.
* **Ambiguity**: other candidates with as few cells that explain the same relations are a tie,
  ordered by ``likelihood`` (the evidence of evidence.py: slip shape, the same figure printed in
  another table).  The first is named, the others are *alternatives* named with it — except:
  when some undo a recognisable slip, only those are named; when only the first has its
  corrected value printed in another table (pass 1), it is named alone; a candidate whose current
  figure another table prints is *unlikely*: named apart, after the others.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace
from decimal import Decimal

from juesuan.checks.context import CENT, Check, Key, Term
from juesuan.checks.evidence import PATTERN, Figures, shape, slip_undone, undone
from juesuan.checks.registry import TOLERANCE
from juesuan.model.money import ZERO

TYPED, TOTAL = Decimal("1.0"), Decimal("1.25")
MAX_ALTERNATIVES = 8
MAX_ROUNDS = 50  # independent faults named one by one; beyond that the cascade orders the rest
SPREAD = 3  # 尾数 kept by a relation when a slip is undone: up to 0.03 (they are 0.01–0.02 in practice)


@dataclass
class Fix:
    """Change ``term`` by ``delta`` (and the cells in ``carried`` by theirs): ``explained`` then hold."""
    term: Term
    delta: Decimal
    carried: list[tuple[Term, Decimal]] = field(default_factory=list)
    explained: list[Check] = field(default_factory=list)
    cost: Decimal = ZERO
    position: tuple = ()
    alternatives: list[Fix] = field(default_factory=list)
    unlikely: list[Fix] = field(default_factory=list)  # would do as well, but their figure is printed elsewhere too
    twins: set = field(default_factory=set)  # keys in ``carried`` holding the same wrong figure
    pattern: str = ""  # the slip the correction undoes ('sign', '×10' …), when recognisable
    shape: int = PATTERN  # evidence.shape: how likely the figure now is a keying error for the value
    echo: int = 0  # evidence.Figures.echo: +1 the value is printed in another table, −1 the figure now is
    printed: str = ""  # a cell of another table printing the figure the cell holds now (echo < 0) or should hold (> 0)
    confirmed: bool = False  # of a tie, named alone because ``printed`` shows the value it should have
    tails: list[Check] = field(default_factory=list)  # explained, but left off by a 尾数 (reported apart)
    left: int = 0  # touched relations not exact afterwards
    gain: int = 0  # touched relations not exact before and exact afterwards
    repair: int | None = None  # System.repair_cost, computed when needed

    @property
    def size(self) -> int:
        return 1 + len(self.carried)

    @property
    def value(self) -> Decimal:
        """What the cell should hold."""
        return self.term.value + self.delta

    def _same(self, t: Term, d: Decimal) -> bool:
        return t.key in self.twins or (t.value == self.term.value and d == self.delta)

    @property
    def same_figure(self) -> list[tuple[Term, Decimal]]:
        """The other cells holding the same wrong figure, to be corrected the same way: the same
        cell of another table (``twins``), or a total that is nothing but this cell (a row whose
        栏1 is its 栏2: C22 and D22 typed with one figure)."""
        return [(t, d) for t, d in self.carried if self._same(t, d)]

    @property
    def totals(self) -> list[tuple[Term, Decimal]]:
        """The other totals computed from the corrected cells: they change with them (影响)."""
        return [(t, d) for t, d in self.carried if not self._same(t, d)]

    @property
    def primary(self) -> Check:
        """The relation the finding is named after: one whose left-hand side is the cell, else the first."""
        shown = [c for c in self.explained if c not in self.tails] or self.explained
        own = [c for c in shown if c.lhs.key == self.term.key]
        return min(own or shown, key=lambda c: c.order)


def coefficient(check: Check, key: Key) -> int:
    """∂(lhs − Σ sign·rhs)/∂key."""
    a = 1 if check.lhs.key == key else 0
    return a - sum(t.sign for t in check.rhs if t.key == key)


def tolerance(check: Check, strict: bool = False) -> Decimal:
    """How far ``check`` may be off and still be a 尾数误差 (0 for rules without a tolerance)."""
    policy = check.severity or check.rule.severity
    if strict or policy != TOLERANCE or check.op != "=":
        return ZERO
    return CENT * check.k


def within_tolerance(check: Check) -> bool:
    return abs(check.diff) <= CENT * check.k


class System:
    """The relations indexed by cell, the weight of each cell, and the fixes chosen so far.

    ``applied`` holds the changes of the fixes already chosen: every later candidate is judged
    on the workbook as it would be after them, so that two fixes never contradict each other.
    ``tolerant``: a relation within its 尾数 tolerance counts as holding (pass 1).
    """

    def __init__(self, checks: list[Check], strict: bool = False):
        self.checks = checks
        self.by_key: dict[Key, list[Check]] = defaultdict(list)
        self.terms: dict[Key, Term] = {}
        self.totals: set[Key] = set()
        self.applied: dict[Key, Decimal] = {}
        self.cache: dict[tuple[Key, Decimal], Fix | None] = {}
        self.tolerant = False
        self.tol = {id(c): tolerance(c, strict) for c in checks}
        self._base: dict[int, Decimal] = {}
        self._coefs: dict[int, dict[Key, int]] = {}
        for c in checks:
            for t in (c.lhs, *c.rhs):
                self.terms.setdefault(t.key, t)
            for k in {c.lhs.key, *(t.key for t in c.rhs)}:
                self.by_key[k].append(c)
            if c.within and c.op == "=":
                self.totals.add(c.lhs.key)
        self.figures = Figures(self.terms)

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

    def exact(self, c: Check, delta: dict[Key, Decimal] | None = None) -> bool:
        r = self.residual(c, delta)
        return r == 0 if c.op == "=" else r <= 0 if c.op == "<=" else r >= 0

    def ok(self, c: Check, delta: dict[Key, Decimal] | None = None) -> bool:
        """Does ``c`` hold (within its tolerance in pass 1) after the fixes so far and ``delta``?"""
        if c.op == "=" and self.tolerant:
            return abs(self.residual(c, delta)) <= self.tol[id(c)]
        return self.exact(c, delta)

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
        delta, twins = {key: d}, set()
        if self._breaks(delta):
            carried = self._carry(key, {key: d})
            if carried is None or self._breaks(carried[0]):
                return None
            delta, twins = carried
        explained = self._explained(delta)
        # the same figure may sit in another table under a relation it does not break (表5 ≤ 表3
        # with both typed alike): changing it too is one slip when that explains more
        pairs = self._pairs(delta)
        if pairs:
            more = self._carry(key, {**delta, **pairs}, set(pairs))
            if more is not None and not self._breaks(more[0]):
                wider = self._explained(more[0])
                if len(wider) > len(explained):
                    (delta, twins), explained = more, wider
        touched = self.touched(delta)
        ids = {id(c) for c in explained}
        if not any(c.op == "=" and (id(c) in ids or not self.exact(c) and self.exact(c, delta)) for c in touched):
            return None  # only inequalities: their boundary is no value the cell "should have"
        carried = [(self.terms[k], v) for k, v in delta.items() if k != key and v != 0]
        cost = self.weight(key) + sum((self.weight(t.key) for t, _ in carried), ZERO)
        tails = [c for c in explained if not self.exact(c, delta)]
        left = sum(1 for c in touched if not self.exact(c, delta))
        gain = sum(1 for c in touched if not self.exact(c) and self.exact(c, delta))
        echo = self.figures.echo(term, now, now + d, delta)
        same = self.figures.elsewhere(term, now if echo < 0 else now + d, delta) if echo else None
        return Fix(term, d, carried, explained, cost, position(term.cell), twins=twins & set(delta),
                   pattern=slip_undone(now, now + d), shape=shape(now, now + d),
                   echo=echo, printed=same.cell if same is not None else "",
                   tails=tails, left=left, gain=gain)

    def repair(self, fix: Fix) -> int:
        if fix.repair is None:
            fix.repair = self.repair_cost(fix)
        return fix.repair

    def repair_cost(self, fix: Fix) -> int:
        """Cells still to change, after ``fix``, to make its neighbourhood exact (0, 1, or 2 for
        more): of two values for one cell, the one that leaves the 尾数 differences nearby as one
        cell explains them is the figure as it was (a +1 slip beside a 0.01 tail is undone by −1,
        not by −0.99, when that 0.01 and the total's own 0.01 are one rounded 类)."""
        delta = {fix.term.key: fix.delta, **{t.key: d for t, d in fix.carried}}
        near = set()
        for c in self.touched(delta):
            near.update(self.coefs(c))
        off = [c for c in self.touched(dict.fromkeys(near, ZERO)) if not self.exact(c, delta)]
        if not off:
            return 0
        for key, a in self.coefs(off[0]).items():
            if a not in (1, -1):
                continue
            more = {**delta, key: delta.get(key, ZERO) - self.residual(off[0], delta) * a}
            if all(self.exact(c, more) for c in off) and not any(
                    self.exact(c, delta) and not self.exact(c, more) for c in self.touched({key: ZERO})):
                return 1
        return 2

    def _explained(self, delta: dict[Key, Decimal]) -> list[Check]:
        return sorted((c for c in self.touched(delta) if not self.ok(c) and self.ok(c, delta)), key=lambda c: c.order)

    def _pairs(self, delta: dict[Key, Decimal]) -> dict[Key, Decimal]:
        """The cells of other tables that equal a changed cell exactly (any two-cell relation that
        is tight now), with the same change."""
        out: dict[Key, Decimal] = {}
        for c in self.touched(delta):
            for key in delta:
                other = self._twin(c, key, any_op=True)
                if other is not None and other not in delta and other not in out:
                    coefs = self.coefs(c)
                    if key in coefs:
                        out[other] = -coefs[key] * delta[key] / coefs[other]
        return out

    def _breaks(self, delta: dict[Key, Decimal]) -> bool:
        return any(self.ok(c) and not self.ok(c, delta) for c in self.touched(delta))

    def _twin(self, c: Check, key: Key, any_op: bool = False) -> Key | None:
        """The other cell of an exact equality between two single cells of two tables (with
        ``any_op``: of an inequality that holds with equality)."""
        if c.within or (c.op != "=" and not any_op) or len(c.rhs) != 1 or self.residual(c) != 0:
            return None
        coefs = self.coefs(c)
        if len(coefs) != 2 or any(a not in (1, -1) for a in coefs.values()):
            return None
        return next((k for k in coefs if k != key), None)

    def _carry(self, start: Key, delta: dict[Key, Decimal], twins: set | None = None
               ) -> tuple[dict[Key, Decimal], set] | None:
        """Push the changes up through the totals of the same table that were computed from them
        (and over to a cell of another table holding the same figure), keeping each relation's residual."""
        delta = dict(delta)
        twins = set(twins or ())
        work = list(delta)
        steps = 0
        while work:
            steps += 1
            if steps > 4 * len(self.checks) + 10:
                return None
            key = work.pop()
            for c in self.by_key.get(key, ()):
                before = self.residual(c)
                change = self.residual(c, delta) - before
                if change == 0 or not self.ok(c):
                    continue
                if c.within and c.op == "=" and c.lhs.key != key:
                    target, a = c.lhs.key, 1
                elif (twin := self._twin(c, key)) is not None:
                    target, a = twin, self.coefs(c)[twin]
                    twins.add(twin)
                else:
                    continue
                if target == start:
                    return None  # the change would have to flow back into the cell itself
                delta[target] = delta.get(target, ZERO) - change / a
                work.append(target)
        return delta, twins

    def candidates(self, open_: list[Check], position) -> list[Fix]:
        seen: set[tuple[Key, Decimal]] = set()
        out = []
        for c in open_:
            # an inequality gives a range; its boundary is the value that undoes a slip which
            # turned a total that matched (表5 = 表3 科目) into one that exceeds
            residual = self.residual(c)
            tol = self.tol[id(c)] if self.tolerant else ZERO
            for key, a in self.coefs(c).items():
                if a not in (1, -1):
                    continue
                d = -residual * a
                ds = [d]
                if tol:  # the relation may keep its 尾数: the change that undoes a slip exactly
                    now = self.terms[key].value + self.applied.get(key, ZERO)
                    ds += [w - now for w in undone(now, now + d) if w - now != d and abs(w - now - d) <= tol]
                    ds += [d + CENT * j for j in range(-SPREAD, SPREAD + 1) if j and CENT * abs(j) <= tol]
                for d in ds:
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


def _rounds(system: System, failing: list[Check], position, fixes: list[Fix], tails_only: bool) -> set[int]:
    """Greedy rounds over ``failing``; returns the relations handed to cascade.py as 尾数误差."""
    remaining = {id(c) for c in failing}
    left: set[int] = set()
    system.cache.clear()
    for _ in range(MAX_ROUNDS):
        open_ = [c for c in failing if id(c) in remaining]
        pool = system.candidates(open_, position) if open_ else []
        if not pool:
            break

        def covers(f: Fix) -> int:
            return sum(1 for c in f.explained if id(c) in remaining)

        # one change per cell: of its variants (exact, or keeping a relation's 尾数), the one that
        # undoes a recognisable slip, else changes one digit (the figure as it was typed before)
        variants: dict = defaultdict(list)
        for f in pool:
            variants[f.term.key].append(f)
        pool = []
        for fs in variants.values():
            if len(fs) > 1:
                top = min((-covers(f), f.size) for f in fs)
                fs = [f for f in fs if (-covers(f), f.size) == top]
            pool.append(fs[0] if len(fs) == 1 else
                        min(fs, key=lambda f: (not f.pattern, system.repair(f), f.shape, f.left)))

        def rank(f: Fix):  # then: relations made exact that were off by a 尾数 only (a ±0.01 slip)
            return (-covers(f), f.size, not f.pattern, -f.gain, system.repair(f), f.cost, f.position)
        pool.sort(key=rank)
        best = pool[0]
        covered = {id(c) for c in best.explained if id(c) in remaining}
        if not covered:
            break
        tie = [best] + [f for f in pool[1:] if f.size == best.size and covered <= {id(c) for c in f.explained}]
        best, *alternatives = sorted(tie, key=lambda f: likelihood(system, f))
        if best.pattern:  # the corrections that undo a recognisable slip; the others are arbitrary
            alternatives = [f for f in alternatives if f.pattern]
            unlikely = []
        elif best.echo > 0 and not tails_only and not any(f.echo > 0 for f in alternatives):
            alternatives, unlikely = [], []  # the value it should have is printed in another table
            best = replace(best, confirmed=True)
        else:  # a cell whose figure another table prints too is right as it stands: named apart
            unlikely = [f for f in alternatives if f.echo < 0] if best.echo >= 0 else []
            alternatives = [f for f in alternatives if f.echo >= 0 or best.echo < 0]
        best = replace(best, explained=[c for c in best.explained if id(c) in covered], alternatives=alternatives,
                       unlikely=unlikely)
        remaining -= covered
        small = tails_only or all(abs(system.residual(c)) <= CENT * c.k for c in best.explained)
        if small and (best.size > 1 or best.alternatives or best.unlikely):
            left |= covered  # a rounding tail with no single culprit: cascade.py reports it at the total
            continue
        system.apply(best)
        system.forget(best)
        fixes.append(best)
    return left | remaining


def likelihood(system: System, f: Fix) -> tuple:
    """The order of the candidates of one tie, most likely first (the first is the one named, or
    named first): a recognisable slip; the 尾数 left as one cell explains it (``rank``); then the
    evidence of evidence.py — the value printed in another table, the keying error most often
    made; then the weight (a typed cell before a total) and reading order."""
    return (not f.pattern, -f.gain, system.repair(f), -f.echo, f.shape, f.cost, f.position)


def localize(checks: list[Check], failing: list[Check], position, strict: bool = False
             ) -> tuple[list[Fix], list[Check], dict[Key, Decimal]]:
    """The fixes that explain the failing relations, the relations left for cascade.py (not exact
    after the fixes: rounding tails, several slips in one relation), and the changes of the fixes.

    Pass 1 explains the relations off by more than their tolerance, pass 2 the rounding tails that
    are then left (see the module docstring).
    """
    system = System(checks, strict)
    fixes: list[Fix] = []
    system.tolerant = True
    errors = [c for c in failing if not system.ok(c)]
    unexplained = _rounds(system, errors, position, fixes, tails_only=False) if errors else set()
    system.tolerant = False
    tails = [c for c in failing if id(c) not in unexplained and not system.exact(c)]
    first, after_errors = len(fixes), dict(system.applied)
    left = _rounds(system, tails, position, fixes, tails_only=True) if tails else set()
    for i in range(first, len(fixes)):  # a tail is described as it will be once the errors are corrected
        fixes[i].explained = [corrected(c, after_errors) for c in fixes[i].explained]
    rest = [c for c in failing if (id(c) in unexplained or id(c) in left) and not system.exact(c)]
    return fixes, rest, dict(system.applied)


def corrected(check: Check, applied: dict[Key, Decimal]) -> Check:
    """``check`` with the values its cells will hold once the ``applied`` fixes are made."""
    if not any(k in applied for k in check.term_keys()):
        return check

    def moved(t: Term) -> Term:
        d = applied.get(t.key)
        return replace(t, value=t.value + d) if d else t
    return replace(check, lhs=moved(check.lhs), rhs=tuple(moved(t) for t in check.rhs))
