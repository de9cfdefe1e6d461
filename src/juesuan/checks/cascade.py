"""One break, one finding: find where a failing relation starts and what it drags along.

First localize.py names the cells whose change explains the failing relations (one typing
slip → one finding at the slipped cell).  What it cannot attribute to one cell — rounding
tails, several slips inside one relation — is ordered here into origins and consequences:

Every failing check ``O`` suggests a correction: set its left-hand cell to the value its
right-hand side asks for.  That correction is pushed up through the totals of the same table
that currently agree with it (a 类 row corrected by −0.01 moves the 合计 that was computed
from it by −0.01, and so on).  Every other failing check that passes after that correction is
*explained* by ``O``.  A failing check explained by another one that it does not explain back
is a consequence, not an origin; when two checks explain each other (same cell, same fix) the
one created first wins, and rules are created deepest first (款/类 sums, then 合计, then rows,
then other tables).

Example (a): 公开05表 合计行 基本支出 249.51 against Σ项 249.50.  Fixing that cell also fixes
合计行 栏1 = 栏2 + 栏3 (397.33 vs 397.34) and X-11 (249.51 vs 表6 213.20 + 36.30), so both are
listed as related to the one finding, not reported again.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from juesuan.model.money import ZERO
from juesuan.checks.context import Check, Key, Term
from juesuan.checks.localize import Fix, corrected, localize
from juesuan.checks.ordering import cell_position


@dataclass
class Origin:
    check: Check
    explained: list[Check] = field(default_factory=list)
    propagated: list[Term] = field(default_factory=list)  # totals that carry the same break
    shift: dict = field(default_factory=dict)  # key -> change of each propagated total when check is corrected
    fix: Fix | None = None  # the cell (and value) that explains check and explained (localize.py)


def resolve(checks: list[Check], strict: bool = False) -> list[Origin]:
    """One origin per independent fault: first the cells localize.py can name, then, for the
    failing relations no cell change explains (rounding tails, several slips in one relation),
    the origin/consequence ordering below — judged on the workbook as it will be once the named
    cells are corrected, so that a 尾数 the tables carried before a slip is reported as it was."""
    failing = [c for c in checks if not c.ok()]
    if not failing:
        return []
    fixes, rest, applied = localize(checks, failing, cell_position, strict)
    located = [Origin(f.primary, [c for c in f.explained if c is not f.primary], fix=f) for f in fixes]
    if applied and rest:
        checks, rest = [corrected(c, applied) for c in checks], [corrected(c, applied) for c in rest]
    return sorted(located + _origins(checks, rest), key=lambda o: o.check.order)


def _origins(checks: list[Check], failing: list[Check]) -> list[Origin]:
    if not failing:
        return []
    terms: dict[Key, Term] = {}
    carriers: dict[Key, list[Check]] = defaultdict(list)  # addend key -> passing totals built on it
    for c in checks:
        terms.setdefault(c.lhs.key, c.lhs)
        for t in c.rhs:
            terms.setdefault(t.key, t)
        if c.within and c.op == "=" and c.ok():
            for t in c.rhs:
                carriers[t.key].append(c)

    involved: dict[Key, list[Check]] = defaultdict(list)
    for f in failing:
        for k in f.term_keys():
            involved[k].append(f)

    deltas: dict[int, dict[Key, Decimal]] = {}
    explains: dict[int, set[int]] = {}
    for o in failing:
        delta = _propagate(o, carriers, limit=4 * len(checks) + 10)
        deltas[id(o)] = delta
        candidates = {id(f): f for k in delta for f in involved.get(k, ()) if f is not o}
        explains[id(o)] = {fid for fid, f in candidates.items() if f.ok(delta)}

    order = {id(c): c.order for c in failing}
    by_id = {id(c): c for c in failing}
    explained_by: dict[int, list[Check]] = defaultdict(list)
    for o in failing:
        for fid in explains[id(o)]:
            explained_by[fid].append(o)

    def dominates(a: Check, b: Check) -> bool:
        if id(b) not in explains[id(a)]:
            return False
        return id(a) not in explains[id(b)] or order[id(a)] < order[id(b)]

    dominated = {fid for fid, hosts in explained_by.items() if any(dominates(o, by_id[fid]) for o in hosts)}
    origins = [f for f in failing if id(f) not in dominated]
    if not origins:  # a cycle of mutual explanations with no first: keep the first one created
        origins = [min(failing, key=lambda c: c.order)]
    result = {id(o): Origin(o) for o in origins}
    for f in sorted(failing, key=lambda c: c.order):
        if id(f) in result:
            continue
        host = _host(f, explained_by, dominates, result)
        if host is None:
            result[id(f)] = Origin(f)
            continue
        result[id(host)].explained.append(f)
    for origin in result.values():
        delta = deltas[id(origin.check)]
        origin.propagated = [terms[k] for k in delta
                             if k != origin.check.lhs.key and delta[k] != 0 and k in terms]
        origin.shift = {t.key: delta[t.key] for t in origin.propagated}
    return sorted(result.values(), key=lambda o: o.check.order)


def _host(f: Check, explained_by, dominates, origins: dict[int, Origin]) -> Check | None:
    """The first origin (in creation order) that explains ``f``, directly or through consequences."""
    direct = sorted((o for o in explained_by.get(id(f), ()) if id(o) in origins), key=lambda c: c.order)
    if direct:
        return direct[0]
    seen = {id(f)}
    frontier = [f]
    while frontier:
        nxt = []
        for x in frontier:
            for o in sorted(explained_by.get(id(x), ()), key=lambda c: c.order):
                if id(o) in seen or not dominates(o, x):
                    continue
                if id(o) in origins:
                    return o
                seen.add(id(o))
                nxt.append(o)
        frontier = nxt
    return None


def _propagate(origin: Check, carriers: dict[Key, list[Check]], limit: int) -> dict[Key, Decimal]:
    start = origin.lhs.key
    delta: dict[Key, Decimal] = {start: -origin.diff}
    work = [start]
    steps = 0
    while work and steps < limit:
        steps += 1
        key = work.pop()
        for c in carriers.get(key, ()):
            target = c.lhs.key
            if target == start:
                continue
            new = sum((t.sign * delta.get(t.key, ZERO) for t in c.rhs), ZERO)
            if new != delta.get(target, ZERO):
                delta[target] = new
                work.append(target)
    return delta
