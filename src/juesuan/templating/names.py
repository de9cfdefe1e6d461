"""The names of the program's own filters and tests, with nothing imported: the messages suggest
the nearest real name (templating.messages) without importing the filters themselves."""
from __future__ import annotations

FILTER_NAMES = ("wan", "num", "pct", "zengjian", "shengjiang", "delta", "reason", "cn")  # filters.make_filters

TEST_DOCS = {
    "up": "变动为增加（本年 > 比较值）",
    "down": "变动为减少",
    "flat": "持平（变动额为 0，按两位小数比较）",
    "compared": "有比较值（上年数或预算数已填）",
    "base_zero": "比较值为 0 而本年不为 0（W4：只写金额，不写比率）",
    "zero": "数值为 0",
}
