"""Money and percentage arithmetic: the single place where numbers are parsed and rounded.

Amounts are ``Decimal`` quantized to 0.01 万元 the moment they are read.  Percentages are
computed from unrounded Decimals and rounded exactly once, by :func:`percent` (one value)
or :func:`shares` (a list that must add up to 100).  The rule (docs/ARCHITECTURE.md, “Number rules”):

* ROUND_HALF_UP to ``places`` decimals (1 or 2);
* a ratio that is not exactly 100 never shows as 100 (it is rounded towards its true value
  instead: 99.956 -> 99.95, 100.004 -> 100.01);
* a ratio that is not exactly 0 never shows as 0 (it shows one unit: 0.01 or 0.1);
* shares of one list are balanced by the largest-remainder method so they add up to exactly
  100, each within one unit of its true value, and the two rules above still hold.
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
        text = raw.translate(_FULLWIDTH).strip().replace(",", "").replace(" ", "").replace("\u00a0", "")
        if text in ("", "-", "—", "－", "/"):
            return None
        if not _NUMBER_RE.match(text):
            raise NotANumber(raw)
        try:
            return q(Decimal(text))
        except InvalidOperation as exc:  # pragma: no cover - regex already filters
            raise NotANumber(raw) from exc
    raise NotANumber(raw)


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


def shares(values: list[Decimal], denominator: Decimal, places: int = 2, method: str = "最大余数") -> list[Decimal] | None:
    """Shares of ``denominator`` that add up to exactly 100 (F3).

    ``method`` is 最大余数 (default) or 末项调平 (the whole difference goes to the last non-zero
    item; when that would make it zero or negative, or break F4, largest remainder is used).
    None when the denominator is zero or the list is empty.
    """
    if not values or denominator is None or Decimal(denominator) == 0:
        return None
    u = unit(places)
    exact = [_exact_ratio(v or 0, denominator) for v in values]
    target = HUNDRED
    if method == "末项调平":
        # the difference goes to the last non-zero item (a zero item must keep showing 0)
        last = max((i for i, e in enumerate(exact) if e != 0), default=len(exact) - 1)
        shown = [e.quantize(u, rounding=ROUND_HALF_UP) for e in exact]
        shown[last] = target - sum((v for i, v in enumerate(shown) if i != last), Decimal(0))
        f4 = all(not (e != 0 and v == 0) and not (v == HUNDRED and e != HUNDRED) for e, v in zip(exact, shown))
        if f4 and shown[last] >= (u if exact[last] != 0 else 0):
            return shown
        # the last item cannot absorb the difference (it would show <= 0) or F4 would break:
        # balance the usual way instead
    floors = [e.quantize(u, rounding=ROUND_FLOOR) for e in exact]
    missing = int((target - sum(floors, Decimal(0))) / u)
    order = sorted(range(len(values)), key=lambda i: (exact[i] - floors[i], -i), reverse=True)
    shown = list(floors)
    if missing >= 0:
        for k in range(missing):
            shown[order[k % len(order)]] += u
    else:
        for k in range(-missing):
            shown[order[-1 - (k % len(order))]] -= u
    # F4 inside a balanced list: a non-zero item never shows 0, a non-100 item never shows 100.
    for i, e in enumerate(exact):
        if e != 0 and shown[i] == 0:
            donor = max(range(len(shown)), key=lambda j: shown[j])
            if shown[donor] > u:
                shown[donor] -= u
                shown[i] += u
        if shown[i] == HUNDRED and e != HUNDRED and len(shown) > 1:
            other = max((j for j in range(len(shown)) if j != i), key=lambda j: exact[j] - shown[j])
            shown[i] -= u
            shown[other] += u
    return shown


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
    """F2 display of an already rounded percentage (no '%')."""
    if value is None:
        return ""
    text = f"{Decimal(value):.{places}f}"
    if not keep_zeros and "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def fmt_table(value: Decimal | None, thousands: bool = False) -> str:
    """Table cell text: two decimals, blank for zero/absent."""
    if value is None or q(value) == 0:
        return ""
    return f"{q(value):,.2f}" if thousands else f"{q(value):.2f}"
