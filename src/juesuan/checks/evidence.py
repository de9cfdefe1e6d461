"""Evidence that tells tied candidates of localize.py apart: which cell is the one that was mistyped.

When several cells explain the failing relations equally well (any 款 of a 表6 类 could carry the
+1.00), the relations cannot choose.  Two kinds of evidence about the figures themselves can
(a Fellegi–Holt weight: the change that is the more likely error is preferred):

* **Slip shape** (``slip_undone``, ``shape``): how the figure now in the cell could have come from
  the corrected one by a keying error.  Recognisable slips — sign, ×10, ÷10, two adjacent digits
  swapped — are strong evidence (a figure that is exactly the sign flip of the value a relation
  asks for is no coincidence).  Below them, in the order of how often single keying errors occur
  (Verhoeff 1969, Damerau 1964: one digit mistyped far ahead of the others): one digit changed,
  then one digit typed twice or left out (158.30 for 58.30), then anything else.  A blank cell
  carries no trace of a keying error: a figure never typed cannot be mistyped.
* **The same figure printed elsewhere** (``Figures.echo``): government accounts print many
  figures twice without a relation between them — 表6 30108 养老保险缴费 is, in amount, 表5 项
  2080505; 表6 30113 住房公积金 is 表5 2210201.  A candidate whose corrected value is printed in
  another of the nine tables is confirmed by an independent typing of that figure; one whose
  current value is printed there is confirmed as it stands.

Neither decides between cells that explain different relations or need different numbers of
changes: they only order the candidates of one tie (and a recognisable slip settles it).
"""
from __future__ import annotations

import re
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

from juesuan.checks.context import CENT, Key, Term

TABLES = frozenset(f"T0{i}" for i in range(1, 10))

# slip shapes, most likely first
PATTERN, DIGIT, EXTRA, OTHER = 0, 1, 2, 3


def slip_undone(now: Decimal, corrected: Decimal) -> str:
    """The typing slip that turns ``corrected`` into ``now``, when it is one a clerk makes and
    that leaves a trace in the figure (sign, ×10, ÷10, two adjacent digits swapped); else ''."""
    if now == corrected or corrected == 0 or now == 0:
        return ""  # a blank cell leaves no trace of a slip (0.00 is ÷10 of 0.01 … only by rounding)
    if now == -corrected:
        return "sign"
    if now == corrected * 10:
        return "×10"
    if now == (corrected / 10).quantize(CENT, ROUND_HALF_UP):
        return "÷10"
    a, b = f"{abs(corrected):.2f}", f"{abs(now):.2f}"
    if len(a) == len(b) and (now < 0) == (corrected < 0):
        diffs = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diffs) == 2 and diffs[1] == diffs[0] + 1 and a[diffs[0]] == b[diffs[1]] \
                and a[diffs[1]] == b[diffs[0]] and "." not in (a[diffs[0]], a[diffs[1]]):
            return "swap"
    return ""


def one_digit(now: Decimal, corrected: Decimal) -> bool:
    """``corrected`` and ``now`` differ in one digit (a mistyped digit: 169.90 for 168.90)."""
    a, b = f"{corrected:.2f}", f"{now:.2f}"
    return len(a) == len(b) and sum(x != y for x, y in zip(a, b)) == 1


def _typed(value: Decimal) -> str:
    """The figure as a clerk types it: 58.3 for 58.30, 100 for 100.00."""
    text = f"{abs(value):.2f}".rstrip("0").rstrip(".")
    return text or "0"


def _one_more_digit(longer: str, shorter: str) -> bool:
    """``longer`` is ``shorter`` with one digit typed in addition."""
    if len(longer) != len(shorter) + 1:
        return False
    return any(longer[i].isdigit() and longer[:i] + longer[i + 1:] == shorter for i in range(len(longer)))


def shape(now: Decimal, corrected: Decimal) -> int:
    """How likely ``now`` is a keying error for ``corrected``: PATTERN (sign, ×10, ÷10, swap),
    DIGIT (one digit changed), EXTRA (one digit typed in addition or left out), else OTHER."""
    if slip_undone(now, corrected):
        return PATTERN
    if now == 0 or corrected == 0 or (now < 0) != (corrected < 0):
        return OTHER
    if one_digit(abs(now), abs(corrected)):
        return DIGIT
    a, b = _typed(now), _typed(corrected)
    if _one_more_digit(a, b) or _one_more_digit(b, a):
        return EXTRA
    return OTHER


def undone(now: Decimal, near: Decimal) -> list[Decimal]:
    """The values that ``now`` would be the slip of (sign, ×10, ÷10, adjacent digits swapped);
    for ÷10, which loses a digit, the one nearest to ``near``."""
    out = [-now]
    if (now / 10) == (now / 10).quantize(CENT):
        out.append((now / 10).quantize(CENT))
    ten = now * 10
    out.append(min((ten + CENT * j for j in range(-5, 5)), key=lambda w: abs(w - near)))
    text = f"{abs(now):.2f}"
    for i in range(len(text) - 1):
        if text[i].isdigit() and text[i + 1].isdigit() and text[i] != text[i + 1]:
            w = Decimal(text[:i] + text[i + 1] + text[i] + text[i + 2:])
            out.append(-w if now < 0 else w)
    return [w for w in out if slip_undone(now, w)]


SPECIFIC = 4  # significant digits a figure needs for a match to be no coincidence (62.88, not 12.30)
NAME = 4  # characters two names must share to name one item (因公出国（境）费 / 因公出国（境）费用)
_QUOTED = re.compile(r"“([^”]+)”")


def specific(value: Decimal) -> bool:
    """A figure with enough significant digits that two tables print it by coincidence rarely:
    62.88 and 1650.8 are; 12.30, 1.82, 9.60 and 100.00 are not (short figures recur everywhere)."""
    return value != 0 and len(abs(value).normalize().as_tuple().digits) >= SPECIFIC


def _name(t: Term) -> str:
    """What the cell is an amount of: the 科目 or row name ('住房公积金'), for 表9 the last part
    of the column ('预算数·公务用车购置及运行维护费·公务用车购置费' → '公务用车购置费')."""
    m = _QUOTED.search(t.label)
    return m.group(1).split("·")[-1] if m else ""


def _common(a: str, b: str) -> int:
    """Length of the longest common substring."""
    best, prev = 0, [0] * (len(b) + 1)
    for x in a:
        row = [0]
        for j, y in enumerate(b):
            row.append(prev[j] + 1 if x == y else 0)
        best = max(best, *row)
        prev = row
    return best


def same_item(a: Term, b: Term) -> bool:
    """Do two cells of two tables hold the amount of one item?  Two 功能分类 rows: the same code
    (2070101 in 表3 and 表5); otherwise names sharing NAME characters (表6 30108
    “机关事业单位基本养老保险缴费” and 表5 2080505 “…养老保险缴费支出”; 表9 因公出国（境）费 and
    表6 30212)."""
    if a.key[1:2] == ("row",) and b.key[1:2] == ("row",):
        return a.key[2] == b.key[2]
    return _common(_name(a), _name(b)) >= NAME


class Figures:
    """The amounts of the nine tables, by value: where each figure is printed."""

    def __init__(self, terms: dict[Key, Term]):
        self.printed: dict[Decimal, list[Term]] = defaultdict(list)
        for key, t in terms.items():
            if t.value and key and key[0] in TABLES:
                self.printed[t.value].append(t)

    def elsewhere(self, term: Term, value: Decimal, changed=()) -> Term | None:
        """A cell of another table that prints ``value`` as the amount of the same item as
        ``term`` — or, for a figure too specific to recur by chance, of any item (not one of the
        ``changed`` cells: the same figure typed twice is corrected with the cell)."""
        if not value or term.key[0] not in TABLES:
            return None  # a budget or a supplement figure is another quantity: no evidence
        any_item = specific(value)
        return next((t for t in self.printed.get(value, ()) if t.key[0] != term.key[0] and t.key not in changed
                     and (any_item or same_item(term, t))), None)

    def echo(self, term: Term, now: Decimal, corrected: Decimal, changed=()) -> int:
        """+1 when only the corrected value is printed in another table (the cell is the wrong
        one), −1 when only the current value is (the cell is right as it stands), else 0."""
        return (int(self.elsewhere(term, corrected, changed) is not None)
                - int(self.elsewhere(term, now, changed) is not None))
