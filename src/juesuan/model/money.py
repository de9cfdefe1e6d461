"""Money and percentage arithmetic: the single place where numbers are parsed and rounded.

Amounts are ``Decimal`` quantized to 0.01 万元 the moment they are read.  Percentages are
computed from unrounded Decimals and rounded exactly once, by :func:`percent` (one value)
or :func:`shares` (a list that must add up to 100).  The rule (docs/ARCHITECTURE.md, “Number rules”):

* ROUND_HALF_UP to ``places`` decimals (1 or 2);
* a ratio that is not exactly 100 never shows as 100 (it is rounded towards its true value
  instead: 99.956 -> 99.95, 100.004 -> 100.01);
* a ratio that is not exactly 0 never shows as 0 (it shows one unit: 0.01 or 0.1);
* shares of one list are balanced by the largest-remainder method so they add up to exactly
  100, each within one unit of its true value, a larger amount never gets a smaller share and
  equal amounts get equal shares (:func:`shares`), and the two rules above still hold;
* display (:func:`fmt_percent`): trailing zeros dropped (97.3%, 100%) as 设置 S02 says by
  default; exactly ``places`` decimals (97.30%, 100.00%) when 百分比保留尾零 = 是;
* a ratio over a zero base has no value (None): it is never printed as 0% or 100%.
"""
from __future__ import annotations

import re
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal, InvalidOperation

CENT = Decimal("0.01")
ZERO = Decimal("0.00")
HUNDRED = Decimal(100)

_NUMBER_RE = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")
_FULLWIDTH = str.maketrans("０１２３４５６７８９．，－＋", "0123456789.,-+")


class NotANumber(ValueError):
    """Raised by :func:`parse_money` for text that is not an amount."""


class AmbiguousNumber(NotANumber):
    """'12,5' or '1.314,45': a comma that is not a thousands separator (a decimal comma, as some
    systems write it?).  Reading it either way could be wrong by a factor of 10 or 1000."""


class SpacedNumber(AmbiguousNumber):
    """'86 40' or '125 0': a space between digits (a digit lost, a decimal point missing?).
    Dropping the space would read 8640 where 86.40 may be meant: never guessed, always asked."""


_SPACED_RE = re.compile(r"\d[\s\u3000\u00a0\u2000-\u200b\u202f\u205f]+\d")
_THOUSANDS_RE = re.compile(r"^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d*)?$")


def number_text(raw: str) -> str:
    """Text of a number made plain: NFKC (full-width digits), spaces and invisible characters
    out, thousands commas out.  Raises AmbiguousNumber for a comma anywhere else."""
    import unicodedata

    from juesuan.model.textnorm import fold_digits
    if _SPACED_RE.search(unicodedata.normalize("NFKC", raw)):
        raise SpacedNumber(raw)
    text = fold_digits(raw)
    if "," in text:
        if _THOUSANDS_RE.match(text):
            return text.replace(",", "")
        if re.fullmatch(r"[+-]?[\d.,]+", text) and any(ch.isdigit() for ch in text):
            raise AmbiguousNumber(raw)
        raise NotANumber(raw)
    return text


def q(value: Decimal | int | str) -> Decimal:
    """Quantize to two places (half up): the only way an amount enters the model."""
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def parse_money(raw: object) -> Decimal | None:
    """Read a cell value as an amount. Blank -> None; "1,234.50" and "1234.5 " are numbers.

    Raises NotANumber for anything else (text, booleans, dates).
    """
    if raw is None:
        return None
    if isinstance(raw, bool):
        raise NotANumber(raw)
    if isinstance(raw, (int, Decimal)):
        return q(raw)
    if isinstance(raw, float):
        if raw != raw or raw in (float("inf"), float("-inf")):
            raise NotANumber(raw)
        # repr() gives the shortest text that round-trips, so 0.1 stays 0.1, not 0.1000000000000000055
        return q(Decimal(repr(raw)))
    if isinstance(raw, str):
        if raw.translate(_FULLWIDTH).strip() in ("", "-", "—", "－", "/"):
            return None
        text = number_text(raw)
        if not _NUMBER_RE.match(text):
            raise NotANumber(raw)
        try:
            return q(Decimal(text))
        except InvalidOperation as exc:  # pragma: no cover - regex already filters
            raise NotANumber(raw) from exc
    raise NotANumber(raw)


def multiple(big: Decimal, small: Decimal) -> int:
    """How many times ``small`` goes into ``big``, rounded half up to a whole number ("相差约 10640 倍")."""
    return int((Decimal(big) / Decimal(small)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def unit(places: int) -> Decimal:
    return Decimal(1).scaleb(-places)


def _exact_ratio(numerator: Decimal, denominator: Decimal) -> Decimal:
    return Decimal(numerator) * HUNDRED / Decimal(denominator)


def _bounded(exact: Decimal, shown: Decimal, places: int) -> Decimal:
    """Apply F4: not-100 never shows 100, not-0 never shows 0."""
    u = unit(places)
    if shown == HUNDRED and exact != HUNDRED:
        rounding = ROUND_FLOOR if exact < HUNDRED else ROUND_CEILING
        shown = exact.quantize(u, rounding=rounding)
    if shown == 0 and exact != 0:
        shown = u if exact > 0 else -u
    return shown


def percent(numerator: Decimal, denominator: Decimal, places: int = 2) -> Decimal | None:
    """numerator / denominator × 100, rounded once. None when the denominator is zero."""
    if denominator is None or Decimal(denominator) == 0:
        return None
    exact = _exact_ratio(numerator or 0, denominator)
    shown = exact.quantize(unit(places), rounding=ROUND_HALF_UP)
    return _bounded(exact, shown, places)


def shares(values: list[Decimal], denominator: Decimal, places: int = 2, last_item: bool = False) -> list[Decimal] | None:
    """Shares of ``denominator`` that add up to exactly 100 (F3) and keep the order of the amounts.

    Guarantees, checked by property tests: the shares add up to exactly 100; a larger amount never
    shows a smaller share than a smaller amount; equal amounts show equal shares whenever 100 can be
    reached that way (when it cannot, e.g. three equal thirds, the units go to the first of them);
    every share is within one unit of its true value except where F4 lifts a tiny share to one unit;
    F4 holds (a non-zero item never shows 0, a non-100 item never shows 100 in a list of several).

    By default (设置 调平方法 = 最大余数) every share is truncated, the missing units go to the largest
    remainders, a whole group of equal amounts at a time.  ``last_item`` (末项调平, S2's way): the whole difference
    goes to the last non-zero item, but only when the result still keeps the order and the ties
    above; otherwise the list is balanced by the largest remainder (a report must never give the
    larger amount the smaller share).  None when the denominator is zero or the list is empty.
    """
    if not values or denominator is None or Decimal(denominator) == 0:
        return None
    u = unit(places)
    vals = [Decimal(v or 0) for v in values]
    exact = [_exact_ratio(v, denominator) for v in vals]
    if last_item:
        last = max((i for i, e in enumerate(exact) if e != 0), default=len(exact) - 1)
        shown = [e.quantize(u, rounding=ROUND_HALF_UP) for e in exact]
        shown[last] = HUNDRED - sum((v for i, v in enumerate(shown) if i != last), Decimal(0))
        if _f4_ok(exact, shown) and shown[last] >= (u if exact[last] != 0 else 0) and _keeps_order(vals, shown):
            return shown
    return _largest_remainder(vals, exact, u)


def _f4_ok(exact: list[Decimal], shown: list[Decimal]) -> bool:
    return all(not (e != 0 and v == 0) and not (v == HUNDRED and e != HUNDRED and len(shown) > 1)
               for e, v in zip(exact, shown))


def _keeps_order(vals: list[Decimal], shown: list[Decimal]) -> bool:
    """A larger amount never has a smaller share; equal amounts have equal shares."""
    pairs = sorted(zip(vals, shown))
    return all(s1 <= s2 and (v1 != v2 or s1 == s2) for (v1, s1), (v2, s2) in zip(pairs, pairs[1:]))


def _largest_remainder(vals: list[Decimal], exact: list[Decimal], u: Decimal) -> list[Decimal]:
    """The balanced shares: each a multiple of ``u`` within one unit of its true value, adding up to
    exactly 100, monotone in the amount, one share per group of equal amounts; among those the one
    closest to the true values (the sum of the distances is smallest, which for the usual case is
    exactly the largest-remainder result).  F4: a non-zero share is at least one unit, a zero share
    stays 0, a non-100 share in a list of several is not 100.  Only when F4 lifts so many tiny
    shares that one unit of slack is not enough is the slack widened; only when equal amounts
    cannot have equal shares at all (three equal thirds) are ties split, the first item first."""
    n = len(vals)
    total_units = int(HUNDRED / u)
    for tied in (True, False):
        if tied:
            keyed: dict[Decimal, list[int]] = {}
            for i, v in enumerate(vals):
                keyed.setdefault(v, []).append(i)
            groups = [keyed[v] for v in sorted(keyed)]
        else:  # equal amounts: a later item never shows more than an earlier one
            groups = [[i] for i in sorted(range(n), key=lambda i: (vals[i], -i))]
        for slack in (1, 2, n + 1):  # F4 lifts at most n tiny shares by one unit each
            found = _closest(groups, exact, u, total_units, slack, n)
            if found is not None:
                shown = [ZERO] * n
                for g, k in zip(groups, found):
                    for i in g:
                        shown[i] = u * k
                return shown
    # The amounts do not add up to the denominator by far (a broken table): 100 is still reached,
    # units added to (or taken from) the items in order of amount, so the order is kept.
    shown = [e.quantize(u, rounding=ROUND_FLOOR) for e in exact]
    missing = int((HUNDRED - sum(shown, Decimal(0))) / u)
    order = sorted(range(n), key=lambda i: (vals[i], -i), reverse=missing > 0)
    for k in range(abs(missing)):
        shown[order[k % n]] += u if missing > 0 else -u
    return shown


def _closest(groups: list[list[int]], exact: list[Decimal], u: Decimal, total_units: int, slack: int,
             n: int) -> list[int] | None:
    """Dynamic programme over the groups in ascending amount: state = (units so far, last share);
    value = (distance from the true shares, chosen shares).  None when no choice adds up to 100."""
    states: dict[tuple[int, int], tuple[Decimal, tuple[int, ...]]] = {(0, 0): (Decimal(0), ())}
    for g in groups:
        e = exact[g[0]] / u
        size = len(g)
        lo = max(int(e.to_integral_value(rounding=ROUND_FLOOR)) - slack, 0)
        cands = []
        for k in range(lo, int(e.to_integral_value(rounding=ROUND_CEILING)) + slack + 1):
            if abs(k - e) > slack or (e == 0) != (k == 0):
                continue  # too far, or F4 (non-zero never 0, zero stays 0)
            if k == total_units and e != k and n > 1:
                continue  # F4: not 100 unless exactly 100
            cands.append(k)
        nxt: dict[tuple[int, int], tuple[Decimal, tuple[int, ...]]] = {}
        for (units, last), (cost, chosen) in states.items():
            for k in cands:
                if k < last:
                    continue  # a larger amount never shows a smaller share
                t = units + k * size
                if t > total_units:
                    break
                c = cost + abs(k - e) * size
                key = (t, k)
                if key not in nxt or c < nxt[key][0]:
                    nxt[key] = (c, chosen + (k,))
        states = nxt
        if not states:
            return None
    best = [v for (t, _), v in states.items() if t == total_units]
    return list(min(best)[1]) if best else None


def change(current: Decimal, base: Decimal | None, places: int = 2) -> dict:
    """Change of ``current`` against ``base`` (D1): direction, absolute amount, rate.

    direction is 'up', 'down' or 'flat' (compared at 0.01); rate is None when base is 0/None.
    """
    current = q(current or 0)
    if base is None:
        return {"direction": None, "amount": None, "rate": None, "base": None, "base_zero": True}
    base = q(base)
    diff = current - base
    direction = "up" if diff > 0 else "down" if diff < 0 else "flat"
    amount = abs(diff)
    rate = percent(amount, base, places) if base != 0 else None
    return {"direction": direction, "amount": amount, "rate": rate, "base": base, "base_zero": base == 0}


def fmt_amount(value: Decimal | None, fixed_two: bool = False) -> str:
    """F1: '150.2', '0', '36.30' (when fixed_two). Never '0.00'."""
    value = q(value or 0)
    if value == 0:
        return "0"
    if fixed_two:
        return f"{value:.2f}"
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text


def fmt_percent(value: Decimal | None, places: int = 2, keep_zeros: bool = False) -> str:
    """F2 display of an already rounded percentage (no '%').

    Rounded to ``places`` decimals once (model.money.percent); trailing zeros are dropped (97.3,
    100, 5.9) unless ``keep_zeros`` (百分比保留尾零, S02) asks for exactly ``places`` decimals
    (97.30, 100.00).
    """
    if value is None:
        return ""
    value = Decimal(value)
    text = f"{value:.{places}f}"
    if not keep_zeros and "." in text:  # S02 百分比保留尾零 = 否: 97.3%, never 97.30% (F2)
        text = text.rstrip("0").rstrip(".")
    return text


def fmt_table(value: Decimal | None, thousands: bool = False) -> str:
    """Table cell text: two decimals, blank for zero/absent."""
    if value is None or q(value) == 0:
        return ""
    return f"{q(value):,.2f}" if thousands else f"{q(value):.2f}"
