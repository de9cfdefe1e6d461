"""The single rounding rule (docs/ARCHITECTURE.md, “Number rules”) and amount parsing."""
from __future__ import annotations

from decimal import Decimal as D

import pytest
from hypothesis import given, strategies as st

from juesuan.model.money import NotANumber, change, fmt_amount, fmt_percent, fmt_table, parse_money, percent, shares


@pytest.mark.parametrize("raw,expected", [
    ("1,234.50", D("1234.50")), ("1234.5 ", D("1234.50")), (" 0.005", D("0.01")), (12, D("12.00")),
    (0.1, D("0.10")), (2.675, D("2.68")), ("１２３．４", D("123.40")), ("-5", D("-5.00")), (None, None),
    ("", None), ("  ", None), ("-", None),
])
def test_parse_money(raw, expected):
    assert parse_money(raw) == expected


@pytest.mark.parametrize("raw", ["壹万", "12元", "1.2.3", True, float("nan")])
def test_parse_money_rejects(raw):
    with pytest.raises(NotANumber):
        parse_money(raw)


@pytest.mark.parametrize("num,den,places,expected", [
    (D("110.37"), D("507.70"), 2, D("21.74")),
    (D("3"), D("39.30"), 2, D("7.63")),
    (D("1.4"), D("11.97"), 1, D("11.7")),
    (D("99.996"), D("100"), 2, D("99.99")),  # F4: not exactly 100 never shows 100
    (D("99.956"), D("100"), 1, D("99.9")),
    (D("100.004"), D("100"), 2, D("100.01")),
    (D("0.001"), D("100"), 2, D("0.01")),  # F4: not exactly 0 never shows 0
    (D("0.001"), D("100"), 1, D("0.1")),
    (D("0"), D("5"), 2, D("0.00")),
    (D("5"), D("5"), 2, D("100.00")),
])
def test_percent(num, den, places, expected):
    assert percent(num, den, places) == expected


def test_percent_zero_base():
    assert percent(D("5"), D("0")) is None


def test_shares_largest_remainder_seed_s3():
    # S3 三: 249.51 and 147.83 of 397.33 -> 62.80 / 37.20 (the parts add to 397.34)
    assert shares([D("249.51"), D("147.83")], D("397.33")) == [D("62.80"), D("37.20")]
    assert shares([D("302.93"), D("47.57"), D("28.47"), D("18.36")], D("397.33")) == \
        [D("76.24"), D("11.97"), D("7.17"), D("4.62")]


def test_shares_last_item_method_never_inverts_order():
    # S2 五(二) with 1 decimal: 末项调平 would give 卫生健康 27.74 → 6.0 and 住房保障 27.85 → 5.9 (the larger
    # amount the smaller share); the list is then balanced by largest remainder instead
    vals = [D("362.10"), D("42.69"), D("27.74"), D("5"), D("27.85")]
    assert shares(vals, D("465.38"), 1, last_item=True) == [D("77.8"), D("9.2"), D("5.9"), D("1.1"), D("6.0")]
    # where it keeps the order, 末项调平 is still used: 1/3, 1/3+ … the last takes the difference
    assert shares([D("30"), D("20"), D("50.04")], D("100.04"), 1, last_item=True) == [D("30.0"), D("20.0"), D("50.0")]
    # largest remainder: 住房保障 5.984 keeps 6.0 and 卫生健康 5.961 gets 5.9 (largest remainder)
    assert shares(vals, D("465.38"), 1) == [D("77.8"), D("9.2"), D("5.9"), D("1.1"), D("6.0")]


@given(st.lists(st.decimals(min_value=0, max_value=10_000, places=2), min_size=1, max_size=12),
       st.sampled_from([1, 2]))
def test_shares_add_to_100_and_stay_within_one_unit(values, places):
    total = sum(values, D(0))
    result = shares(values, total, places)
    if total == 0:
        assert result is None
        return
    unit = D(1).scaleb(-places)
    assert sum(result, D(0)) == 100
    # F4 lifts every tiny non-zero share to one unit; only then may the largest item move further
    tiny = sum(1 for v in values if v and v * 100 / total < unit)
    # equal amounts get one share, which may cost one more unit of distance per tie (see
    # test_shares_keep_order_and_ties); without ties every share is within one unit
    ties = len(values) - len(set(values))
    for v, s in zip(values, result):
        exact = v * 100 / total
        assert abs(s - exact) <= unit * (1 + tiny + ties)
        if v != 0:
            assert s != 0
        if exact != 100 and len(values) > 1:
            assert s != 100


def test_change():
    c = change(D("397.33"), D("507.70"))
    assert (c["direction"], c["amount"], c["rate"]) == ("down", D("110.37"), D("21.74"))
    assert change(D("5"), D("0"))["rate"] is None and change(D("5"), D("0"))["direction"] == "up"
    assert change(D("5"), D("5"))["direction"] == "flat"
    assert change(D("5"), None)["direction"] is None


def test_formats():
    assert fmt_amount(D("150.20")) == "150.2" and fmt_amount(D("0.00")) == "0" and fmt_amount(D("5.00")) == "5"
    assert fmt_amount(D("36.30"), fixed_two=True) == "36.30" and fmt_amount(D("0"), fixed_two=True) == "0"
    # S02 百分比保留尾零 = 否 (default): no trailing zero anywhere (issue 21: 97.30% was struck)
    assert fmt_percent(D("100.00")) == "100" and fmt_percent(D("62.80")) == "62.8" and fmt_percent(D("97.30")) == "97.3"
    assert fmt_percent(D("77.2")) == "77.2" and fmt_percent(D("6.0"), 1) == "6" and fmt_percent(D("5.9"), 1) == "5.9"
    assert fmt_percent(D("62.80"), 2, keep_zeros=True) == "62.80" and fmt_percent(D("100"), 2, keep_zeros=True) == "100.00"
    assert fmt_table(D("0.00")) == "" and fmt_table(D("1234.5"), thousands=True) == "1,234.50"


def test_last_item_method_keeps_zero_items_at_zero():
    result = shares([D("1"), D("2"), D("0")], D("3"), 1, last_item=True)
    assert result == [D("33.3"), D("66.7"), D("0.0")]


def test_last_item_method_never_gives_a_negative_share():
    # 54.26 / 0.2 / 0.2 / 0.01 of 54.67: rounding the first three overshoots by 0.1
    result = shares([D("54.26"), D("0.2"), D("0.2"), D("0.01")], D("54.67"), 1, last_item=True)
    assert sum(result, D(0)) == 100 and all(s > 0 for s in result)


amounts = st.lists(st.decimals(min_value=0, max_value=10_000, places=2), min_size=1, max_size=12)


def _reachable_with_ties(values, total, places) -> bool:
    """Whether some choice of whole groups of equal amounts (one unit each) reaches exactly 100 from
    the truncated shares, i.e. whether equal shares for equal amounts are possible at all."""
    from decimal import ROUND_FLOOR
    unit = D(1).scaleb(-places)
    exact = [v * 100 / total for v in values]
    base = [e.quantize(unit, rounding=ROUND_FLOOR) for e in exact]
    base = [unit if e > 0 and b == 0 else b for e, b in zip(exact, base)]
    missing = int((100 - sum(base, D(0))) / unit)
    sizes = {}
    for v in values:
        if v:
            sizes[v] = sizes.get(v, 0) + 1
    reach = {0}
    for size in sizes.values():
        reach |= {r + size * (1 if missing >= 0 else 1) for r in reach}
    return abs(missing) in reach


@given(amounts, st.sampled_from([1, 2]), st.booleans())
def test_shares_keep_order_and_ties(values, places, last_item):
    total = sum(values, D(0))
    result = shares(values, total, places, last_item=last_item)
    if total == 0:
        assert result is None
        return
    assert sum(result, D(0)) == 100
    pairs = list(zip(values, result))
    for v1, s1 in pairs:
        for v2, s2 in pairs:
            if v1 > v2:
                assert s1 >= s2, f"{v1} → {s1}% but {v2} → {s2}%"
            if v1 == v2 and _reachable_with_ties(values, total, places):
                assert s1 == s2, f"equal amounts {v1} shown as {s1}% and {s2}%"


def test_shares_ties_equal_where_possible():
    # 20 / 20 / 60 exactly; and 1 : 1 : 1 : 1 : 1 : 1 : 3 (six equal ninths): the missing unit goes to
    # the single largest item, never to one of six equal ones
    assert shares([D("1"), D("1"), D("3")], D("5")) == [D("20.00"), D("20.00"), D("60.00")]
    six = shares([D("1")] * 6 + [D("3")], D("9"))
    assert len(set(six[:6])) == 1 and sum(six, D(0)) == 100 and six[6] == D("33.34")
    # three equal thirds cannot be equal and add to 100: the order is still kept
    third = shares([D("1")] * 3, D("3"))
    assert sum(third, D(0)) == 100 and sorted(third) == [D("33.33"), D("33.33"), D("33.34")]
