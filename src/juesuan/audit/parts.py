"""Where each paragraph is: 封面, 目录, or 第一 … 第六部分, and whether the report is complete.

The 目录 repeats the part headings, so a part starts at the LAST paragraph that opens with its heading;
an earlier copy is the 目录.  Completeness: the five parts every 部门决算公开 report has (第六部分 附件 is
optional), the nine 公开表 (by title, outside the 目录) and the sections of 第三部分.
"""
from __future__ import annotations

import re

from juesuan.audit.issues import COMPLETE, CONTRADICTION, Issue

_PART = re.compile(r"^第([一二三四五六七八九十])部分")
PART_NAMES = {"一": "概况", "二": "部门决算表", "三": "情况说明", "四": "其他需要说明的情况", "五": "名词解释", "六": "附件"}
REQUIRED_PARTS = ("一", "二", "三", "四", "五")
TABLE_TITLES = (("公开01表", "收入支出决算总表"), ("公开02表", "收入决算表"), ("公开03表", "支出决算表"),
                ("公开04表", "财政拨款收入支出决算总表"), ("公开05表", "一般公共预算财政拨款支出决算表"),
                ("公开06表", "一般公共预算财政拨款基本支出决算明细表"),
                ("公开07表", "政府性基金预算财政拨款收入支出决算表"), ("公开08表", "国有资本经营预算财政拨款支出决算表"),
                ("公开09表", "三公"))
REQUIRED_SECTIONS = (("s01", "收入支出决算总体情况说明"), ("s02", "收入决算情况说明"), ("s03", "支出决算情况说明"),
                     ("s04", "财政拨款收入支出决算总体情况说明"), ("s05", "一般公共预算财政拨款支出决算情况说明"),
                     ("s06", "一般公共预算财政拨款基本支出决算情况说明"), ("s07", "政府性基金预算支出决算情况说明"),
                     ("s08", "国有资本经营预算支出决算情况说明"), ("s09", "“三公”经费财政拨款支出决算情况说明"),
                     ("s10", "机关运行经费支出说明"), ("s11", "政府采购支出说明"), ("s12", "国有资产占用情况说明"),
                     ("s13", "预算绩效情况说明"))


class Parts:
    def __init__(self, paragraphs: list[str]):
        self.starts: dict[str, int] = {}
        first = None
        for i, p in enumerate(paragraphs):
            m = _PART.match(p)
            if m:
                self.starts[m.group(1)] = i
                first = i if first is None else first
        self.toc = (first, min(self.starts.values())) if self.starts and first < min(self.starts.values()) else None
        self.order = sorted(self.starts.items(), key=lambda kv: kv[1])

    def of(self, index: int) -> str:
        """封面 / 目录 / 一 … 六."""
        if self.toc and self.toc[0] <= index < self.toc[1]:
            return "目录"
        name = "封面"
        for part, start in self.order:
            if index >= start:
                name = part
        return name


def _compact(text: str) -> str:
    return re.sub(r"[\s“”\"'’‘]", "", text)


def completeness(paragraphs: list[str], tables: list[bool], parts: Parts, sections: list[str], pages) -> list[Issue]:
    out: list[Issue] = []
    if parts.starts:
        for part in REQUIRED_PARTS:
            if part not in parts.starts:
                out.append(Issue(COMPLETE, f"报告中没有“第{part}部分 {PART_NAMES[part]}”", "", None, None,
                                 severity=CONTRADICTION))
    body = [(i, _compact(p)) for i, p in enumerate(paragraphs) if parts.of(i) not in ("目录",)]
    for sheet, title in (TABLE_TITLES if "二" in parts.starts else ()):
        found = any(sheet in p or title in p for i, p in body)
        if not found:
            out.append(Issue(COMPLETE, f"报告中没有找到{sheet}（{title}）", "", None, None))
    if "三" in parts.starts or sections:
        have = {s[:3] for s in sections}
        for sid, title in REQUIRED_SECTIONS:
            if sid not in have:
                start = parts.starts.get("三")
                out.append(Issue(COMPLETE, f"第三部分没有“{title}”一节", "", pages[start] if start is not None else None,
                                 start))
    return out
