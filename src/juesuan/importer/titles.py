"""The nine tables found by their titles, whatever the region's order, numbering and wording,
and the lines and drawn tables of a source cut into one table each (continued pages joined)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from juesuan.importer.columns import is_data_row
from juesuan.importer.items import Extracted, Line, RawTable, norm, split_text_row
from juesuan.importer.problems import WARNING, problem
from juesuan.spec.layouts import BY_ID

# Most specific first: "财政拨款收入支出决算总表" also ends with "收入支出决算总表".
_PATTERNS: tuple[tuple[str, re.Pattern], ...] = (
    ("T09", re.compile(r'"?三公"?经费支出(预)?决算(情况)?表$')),
    ("T04", re.compile(r"财政拨款收入支出决算总表$")),
    ("T01", re.compile(r"收入支出决算总表$")),
    ("T07", re.compile(r"政府性基金预算财政拨款(收入)?支出决算表$")),
    ("T08", re.compile(r"国有资本经营预算财政拨款(收入)?支出决算表$")),
    ("T06", re.compile(r"一般公共预算财政拨款基本支出决算(明细)?表$")),
    ("T05", re.compile(r"一般公共预算财政拨款支出决算(明细)?表$")),
    ("T02", re.compile(r"(?<!财政拨款)收入决算表$")),
    ("T03", re.compile(r"(?<!财政拨款)(?<!基本)支出决算表$")),
)
_TAIL_RE = re.compile(r"(\(?(公开|附)?(表)?[0-9一二三四五六七八九十]{1,2}表?\)?)$")
_NOT_TITLE = ("。", "说明", "情况", "……", "...", "详见", "见附")
MAX_TITLE = 60


def table_id(text: str) -> str | None:
    """'T03' when ``text`` (one line) is the title of 支出决算表 in any wording; else None."""
    t = norm(text)
    if not t or len(t) > MAX_TITLE or any(w in t for w in _NOT_TITLE):
        return None
    t = re.sub(r"\.{2,}.*$|…+.*$", "", t)
    for candidate in (t, _TAIL_RE.sub("", t)):
        for tid, pattern in _PATTERNS:
            if pattern.search(candidate):
                return tid
    return None


@dataclass
class Found:
    """One of the nine tables as printed: its title line and its rows (pages joined)."""
    tid: str
    title: str
    raw: RawTable
    unit_line: str = ""
    text_rows: bool = False  # read from text lines (no drawn grid): columns cannot be told by rules

    @property
    def page(self) -> int | None:
        return self.raw.page


@dataclass
class Segments:
    tables: dict[str, Found] = field(default_factory=dict)
    others: list[RawTable] = field(default_factory=list)  # tables outside the nine (二级单位, 项目 …)
    lines: list[Line] = field(default_factory=list)
    problems: list = field(default_factory=list)


def _ends_table(text: str) -> bool:
    t = norm(text)
    return t.startswith(("注:", "注：", "说明:", "备注:")) or len(t) > 40


def _page_furniture(text: str) -> bool:
    """Page numbers, 公开03表, 单位：万元 … between the parts of a table continued over pages."""
    t = norm(text)
    return bool(re.fullmatch(r"[-—–]*\d+[-—–]*|第\d+页(共\d+页)?|公开\d+表|.*单位:.*|部门:.*|编制单位:.*|续表|\(续\)", t))


def _prose(text: str) -> bool:
    """A sentence or a part heading: the text after a title is not a table after all."""
    t = norm(text)
    return bool(re.match(r"^第[一二三四五六七八九十]+部分", t)) or ("。" in t) or \
        (len(t) > 60 and len(split_text_row(text)) < 3)


def segment(doc: Extracted, source_name: str) -> Segments:
    out = Segments()
    pending: tuple[str, Line] | None = None
    pending_lines: list[Line] = []
    current: Found | None = None
    seen_twice: set[str] = set()
    unit = ""  # the 单位 line seen between a title and its table

    def close_pending():
        nonlocal pending, pending_lines, unit
        if pending is not None and pending_lines and pending[0] not in out.tables:
            rows = [split_text_row(l.text) for l in pending_lines if not _page_furniture(l.text)]
            rows = [r for r in rows if r]
            if any(is_data_row(r) for r in rows):
                raw = RawTable(rows, [l.page for l in pending_lines if not _page_furniture(l.text) and split_text_row(l.text)])
                out.tables[pending[0]] = Found(pending[0], pending[1].text.strip(), raw, unit_line=unit, text_rows=True)
        pending_lines, unit = [], ""

    for item in doc.items:
        if isinstance(item, Line):
            out.lines.append(item)
            tid = table_id(item.text)
            if tid is not None:
                close_pending()
                current = None
                if tid in out.tables and tid not in seen_twice:
                    seen_twice.add(tid)
                    where = f"第 {item.page} 页" if item.page else (item.sheet or "")
                    out.problems.append(problem(
                        "I-TWICE", WARNING, f"“{BY_ID[tid].title}”在文件中出现了不止一次（{where}），"
                        "只导入了第一张（文件中可能有两份报告）", where,
                        "一个文件请只放一个部门一个年度的报告"))
                pending = (tid, item) if tid not in out.tables else None
                continue
            if pending is not None:
                if norm(item.text).startswith(("注:", "说明:")) or _prose(item.text):
                    close_pending()
                    pending = None
                    continue
                if "单位:" in norm(item.text):
                    unit = norm(item.text)
                pending_lines.append(item)
                continue
            if current is not None and (_ends_table(item.text) and not _page_furniture(item.text)):
                current = None
            continue
        # a drawn table; in Excel a table never runs on into the next sheet
        if current is not None and item.sheet != current.raw.sheet:
            current = None
        if pending is not None and item.sheet is not None and pending[1].sheet != item.sheet:
            pending = None
        if pending is not None:
            tid, line = pending
            found = Found(tid, line.text.strip(), RawTable(list(item.rows), list(item.pages), item.sheet,
                                                            list(item.row_numbers)),
                          unit_line=unit)
            out.tables[tid] = found
            pending, pending_lines, current = None, [], found
            unit = ""
        elif current is not None:
            current.raw.extend(item)  # the same table continued on the next page
        else:
            out.others.append(item)
    close_pending()
    return out

