"""Find 第三部分 and its sections in a report's paragraphs, by their headings.

Reports number and word their headings differently (the 2021+ order and the older 2020 order with
七 三公, 一、/（一）/(一)/1., headings with a year, 本部门/本单位, a heading ending in 。), so a section is
recognised by the words of its title, never by its number.  The ids are those of
``templates/narrative/sections.json`` (s01 … s14, s05_1 …), so the expected figures line up with them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

_PART = re.compile(r"^第([一二三四五六七八九十])部分")
_LEVEL1 = re.compile(r"^([一二三四五六七八九十]+)[、.．]")
_LEVEL2 = re.compile(r"^(?:[（(]([一二三四五六七八九十]+|\d+)[)）]|(\d+)[.．、])")
_YEAR = re.compile(r"\d{4}年度?")

# (id, words that must all appear) — first match wins, so the more specific titles come first.
LEVEL1_TITLES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("s06", ("基本支出",)),
    ("s09", ("三公",)),
    ("s07", ("政府性基金",)),
    ("s08", ("国有资本经营",)),
    ("s10", ("机关运行经费",)),
    ("s11", ("政府采购",)),
    ("s12", ("资产",)),
    ("s13", ("绩效",)),
    ("s14", ("专项",)),
    ("s14", ("转移支付",)),
    ("s05", ("一般公共预算财政拨款支出",)),
    ("s05", ("财政拨款支出决算情况",)),
    ("s04", ("财政拨款收入支出",)),
    ("s01", ("收入支出决算总体",)),
    ("s01", ("收支决算总体",)),
    ("s02", ("收入决算",)),
    ("s03", ("支出决算",)),
)
LEVEL2_TITLES: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {
    "s05": (("s05_1", ("总体",)), ("s05_2", ("结构",)), ("s05_3", ("具体",))),
    "s09": (("s09_1", ("总体",)), ("s09_2", ("具体",))),
    "s13": (("s13_1", ("管理工作",)), ("s13_2", ("整体",)), ("s13_3", ("项目",)), ("s13_4", ("应用",))),
}
_TITLE_ENDS = ("说明", "情况", "结果", "分析")  # every section title ends so; a wrapped sentence rarely does
MAX_HEADING = 40
MAX_UNNUMBERED = 30  # a heading is a short line; a numbered sentence of 五（二） is not a heading


@dataclass
class Section:
    id: str
    heading: str
    paragraphs: list[tuple[int, str]] = field(default_factory=list)  # (paragraph index, text)


def _title(text: str) -> str:
    return _YEAR.sub("", text).rstrip("。.")


def _match(title: str, table) -> str | None:
    if len(title) > MAX_HEADING or re.search(r"\d", title) or not title.endswith(_TITLE_ENDS):
        return None
    for sid, words in table:
        if all(w in title for w in words):
            return sid
    return None


def level1_id(line: str) -> str | None:
    m = _LEVEL1.match(line)
    if m:
        return _match(_title(line[m.end():]), LEVEL1_TITLES)
    # a heading whose number was lost (S1 prints 「收入决算情况说明」 without 「二、」): only a short line
    # that ends like a section title and has no sentence punctuation
    title = _title(line)
    if _LEVEL2.match(line) or line.startswith(("（", "(")):
        return None
    if len(title) <= MAX_UNNUMBERED and title.endswith("说明") and not re.search(r"[，。；：,;:]", title):
        return _match(title, LEVEL1_TITLES)
    return None


def level2_id(line: str, parent: str | None) -> str | None:
    m = _LEVEL2.match(line)
    if not m or parent not in LEVEL2_TITLES:
        return None
    return _match(_title(line[m.end():]), LEVEL2_TITLES[parent])


_CAPTION = re.compile(r"^[图表]\s*\d")


def is_heading(line: str) -> bool:
    """A part or section heading, or a figure caption: a line that never continues on the next one."""
    if _PART.match(line) or _CAPTION.match(line):
        return True
    if level1_id(line) is not None:
        return True
    return any(level2_id(line, parent) for parent in LEVEL2_TITLES)


def part3_range(paragraphs: list[str]) -> tuple[int, int]:
    """[start, end) of 第三部分's body.  The 目录 repeats the part headings, so the occurrence chosen is
    the one followed by the most text that is not a heading.  No 第三部分 heading at all: the whole
    text (an excerpt pasted on its own)."""
    marks = [(i, m.group(1)) for i, p in enumerate(paragraphs) if (m := _PART.match(p))]
    best, best_len = None, -1
    for k, (i, part) in enumerate(marks):
        if part != "三":
            continue
        end = marks[k + 1][0] if k + 1 < len(marks) else len(paragraphs)
        body = sum(1 for p in paragraphs[i + 1:end] if level1_id(p) is None and len(p) > MAX_HEADING)
        if body > best_len:
            best, best_len = (i + 1, end), body
    return best if best is not None else (0, len(paragraphs))


def sections(paragraphs: list[str]) -> list[Section]:
    """The sections of 第三部分 in the order printed; text before the first heading is dropped."""
    start, end = part3_range(paragraphs)
    out: list[Section] = []
    parent: str | None = None
    for i in range(start, end):
        p = paragraphs[i]
        sid = level1_id(p)
        if sid is not None:
            parent = sid
            out.append(Section(sid, p))
            continue
        sub = level2_id(p, parent)
        if sub is not None:
            out.append(Section(sub, p))
            continue
        if out:
            out[-1].paragraphs.append((i, p))
    return out
