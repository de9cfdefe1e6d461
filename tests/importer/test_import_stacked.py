"""Rows a PDF drew without horizontal rules come as one cell per column with a line per row:
split back only when certain."""
from __future__ import annotations

from juesuan.importer.stacked import split_row, unstack


def test_stacked_rows_split_when_every_value_column_agrees():
    row = ["205\n20502\n2050205", "教育支出\n普通教育\n高等教育", "2,200.05\n2,200.05\n2,200.05", "-\n-\n-"]
    assert split_row(row) == [["205", "教育支出", "2,200.05", "-"], ["20502", "普通教育", "2,200.05", "-"],
                              ["2050205", "高等教育", "2,200.05", "-"]]


def test_a_column_with_a_blank_leaves_the_row_whole():
    row = ["205\n20502", "教育支出\n普通教育", "1.00\n1.00", "5.00"]  # which row is 5.00 on? unknown
    assert split_row(row) == [row]


def test_a_wrapped_name_is_left_blank_not_misplaced():
    row = ["2010301\n2010302", "行政\n运行\n一般行政管理事务", "1.00\n2.00", "1.00\n2.00"]
    assert split_row(row) == [["2010301", "", "1.00", "1.00"], ["2010302", "", "2.00", "2.00"]]


def test_ordinary_rows_untouched():
    grid = [["一、一般公共预算财政\n拨款", "1", "465.38"], ["合计", "", "1.00"]]
    assert unstack(grid) == grid
