"""职责, 机构设置/二级单位, 项目 names, 科目说明 and 专用名词 as a published report prints them."""
from __future__ import annotations


def fill_text_facts(result, lines, path) -> None:
    return None
