"""The declarative table layouts match the published tables (行次, 栏次, groups; docs/WORKBOOK.md)."""
from __future__ import annotations

from juesuan.model.grid import grid_for
from juesuan.spec.layouts import BY_ID, FUNCTION_CLASSES, LAYOUTS, T01, T04, T06, T09, cn_number


def test_nine_tables_in_standard_and_2020_order():
    assert [l.sheet_name for l in LAYOUTS] == [f"公开0{i}表" for i in range(1, 10)]
    assert {l.id: l.old_number for l in LAYOUTS}["T09"] == 7
    assert (BY_ID["T07"].old_number, BY_ID["T08"].old_number) == (8, 9)


def test_table1_row_numbers_both_versions():
    income, expense = T01.side("income"), T01.side("expense")
    assert income.row("inc_total").hangci == {"A": 27, "B": 27}
    assert income.row("inc_grand").hangci == {"A": 30, "B": 31}
    for k, (code, _name) in enumerate(FUNCTION_CLASSES, start=1):
        assert expense.row(f"c{code}").hangci == {"A": 30 + k, "B": 31 + k}
    assert {r: expense.row(r).hangci["A"] for r in ("exp_total", "exp_distribution", "exp_end", "exp_grand")} == \
        {"exp_total": 57, "exp_distribution": 58, "exp_end": 59, "exp_grand": 60}
    assert {r: expense.row(r).hangci["B"] for r in ("exp_total", "exp_distribution", "exp_end", "exp_grand")} == \
        {"exp_total": 58, "exp_distribution": 59, "exp_end": 60, "exp_grand": 62}
    assert len(FUNCTION_CLASSES) == 26


def test_table4_rows_and_columns():
    income, expense = T04.side("income"), T04.side("expense")
    assert [income.row(k).hangci["A"] for k in ("f_gpb", "f_inc_total", "f_begin", "f_begin_soc", "f_inc_grand")] == \
        [1, 27, 28, 31, 32]
    assert expense.row("c201").hangci["A"] == 33 and expense.row("c234").hangci["A"] == 58
    assert [expense.row(k).hangci["A"] for k in ("f_exp_total", "f_end", "f_exp_grand")] == [59, 60, 64]
    assert [c.lanci for c in expense.columns] == [2, 3, 4, 5]


def test_sangong_has_twelve_columns_in_two_groups():
    assert [c.lanci for c in T09.columns] == list(range(1, 13))
    grid = grid_for(T09, None)
    assert grid.header_count == 3
    assert (0, 0, 0, 5) in grid.merges and (0, 6, 0, 11) in grid.merges  # 预算数 / 决算数
    assert (1, 2, 1, 4) in grid.merges  # 公务用车购置及运行维护费 over 小计/购置/运行维护


def test_table6_groups_and_totals():
    grid = grid_for(T06, None)
    assert grid.rows[0][:3] == ["人员经费"] * 3 and grid.rows[0][3] == "公用经费"
    codes_first = [row[0] for row in grid.rows[2:] if row[0]]
    assert codes_first[0] == "301" and "303" in codes_first and codes_first[-1] == "人员经费合计"
    third = [row[6] for row in grid.rows[2:] if row[6]]
    assert third[0] == "310" and "31019" not in third  # 2024 edition prints 310 only
    assert T06.triple_codes(2, {"39908"})[-2:] == ["399", "39908"]


def test_headers_are_merged_like_the_official_forms():
    g = grid_for(T04, None)
    assert g.rows[0][0] == "收入" and (0, 0, 0, 2) in g.merges and (0, 3, 0, 8) in g.merges
    assert (1, 5, 1, 8) in g.merges  # 决算数 over 栏2–5
    lanci = g.rows[g.header_count]
    assert lanci == ["栏次", None, 1, "栏次", None, 2, 3, 4, 5]


def test_chinese_numbering():
    assert [cn_number(n) for n in (1, 10, 11, 19, 20, 26)] == ["一", "十", "十一", "十九", "二十", "二十六"]
