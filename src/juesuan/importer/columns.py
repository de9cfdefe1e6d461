"""A found table's header: where the header ends, each column's header path (outermost label
first, merged labels repeated) and which column of the standard layout each one is."""
from __future__ import annotations

import re
from dataclasses import dataclass

from juesuan.importer.items import norm
from juesuan.spec.layouts import LANCI, Col

CODE_RE = re.compile(r"^\d{3}(\d{2}){0,2}$")
ORDINAL_RE = re.compile(r"^([一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）]|\d+[.、．])")
NUMBER_RE = re.compile(r"^[+-]?[\d,]*\d\.\d+$")
TOTAL_LABELS = ("合计", "总计", "人员经费合计", "公用经费合计")

# other wordings of a column label (exact labels score higher than these)
ALIASES: dict[str, tuple[str, ...]] = {
    "小计": ("合计",), "合计": ("小计",), "金额": ("决算数",), "决算数": ("金额",),
    "本年收入合计": ("合计", "本年收入"), "本年支出合计": ("合计", "本年支出"),
    "年初结转和结余": ("年初结转结余", "年初结转和结余数"), "年末结转和结余": ("年末结转结余", "年末结转和结余数"),
    "因公出国(境)费": ("因公出国(境)费用",), "公务接待费": ("公务接待费用",),
    "对附属单位补助支出": ("对附属单位补助",), "附属单位上缴收入": ("附属单位缴款收入",),
}


def is_lanci_row(cells: list[str]) -> bool:
    t = [norm(c) for c in cells]
    if LANCI in t:
        return True
    nums = [x for x in t if x]
    return len(nums) >= 2 and all(x.isdigit() for x in nums) and \
        [int(x) for x in dict.fromkeys(nums)] == list(range(1, len(dict.fromkeys(nums)) + 1))


def is_data_row(cells: list[str]) -> bool:
    """A body row: a 科目编码, an amount, a numbered row name (一、…), or a 合计 row whose other
    cells are amounts or blank ("合计" is also a column label in the header of some tables)."""
    t = [norm(c) for c in cells]
    if any(CODE_RE.match(x) or NUMBER_RE.match(x) for x in t):
        return True
    if any(x in TOTAL_LABELS for x in t):
        return all(not x or x in TOTAL_LABELS or NUMBER_RE.match(x) or x in ("-", "—") for x in t)
    return any(ORDINAL_RE.match(x) for x in t)


@dataclass
class Header:
    paths: list[tuple[str, ...]]
    body_start: int
    lanci: list[int | None]
    header_rows: list[list[str]]

    def col_index(self, predicate) -> list[int]:
        return [i for i, p in enumerate(self.paths) if predicate(p)]


def read_header(rows: list[list[str]]) -> Header:
    ncols = max((len(r) for r in rows), default=0)
    start = next((i for i, r in enumerate(rows) if is_lanci_row(r) or is_data_row(r)), len(rows))
    head = rows[:start]
    lanci: list[int | None] = [None] * ncols
    body = start
    if start < len(rows) and is_lanci_row(rows[start]):
        for c, x in enumerate(rows[start]):
            x = norm(x)
            lanci[c] = int(x) if x.isdigit() else None
        body = start + 1
    paths = []
    for c in range(ncols):
        path: list[str] = []
        for r in head:
            x = norm(r[c]) if c < len(r) else ""
            if x and (not path or path[-1] != x):
                path.append(x)
        paths.append(tuple(path))
    return Header(paths, body, lanci, [[norm(x) for x in r] for r in head])


def is_repeated_header(cells: list[str], header: Header) -> bool:
    t = [norm(c) for c in cells]
    return is_lanci_row(cells) or t in header.header_rows


def _names(label: str) -> tuple[set[str], set[str]]:
    exact = {norm(label)}
    return exact, {norm(a) for a in ALIASES.get(norm(label), ())} - exact


def score(col: Col, path: tuple[str, ...]) -> int:
    if not path:
        return -1
    exact, alias = _names(col.label)
    if exact & set(path):
        s = 10
    elif alias & set(path):
        s = 8
    else:
        return -1
    groups = {norm(g) for g in col.groups}
    s += 2 * sum(1 for g in groups if g in path)
    for a, b in (("预算数", "决算数"), ("决算数", "预算数"), ("本年支出", "本年收入")):
        if a in groups and b in path:
            s -= 5
    return s


def match_columns(cols: tuple[Col, ...], paths: dict[int, tuple[str, ...]],
                  lanci: list[int | None] | None = None) -> dict[str, int]:
    """Layout column key -> source column index, best header matches first; a column the
    labels cannot place is placed by its 栏次 number when the source prints one."""
    pairs = sorted(((score(col, p), -i, col.key, i) for col in cols for i, p in paths.items()), reverse=True)
    out: dict[str, int] = {}
    taken: set[int] = set()
    for s, _, key, i in pairs:
        if s < 0 or key in out or i in taken:
            continue
        out[key] = i
        taken.add(i)
    if lanci and len(out) < len(cols):
        for col in cols:
            if col.key in out:
                continue
            hit = [i for i in paths if i not in taken and i < len(lanci) and lanci[i] == col.lanci]
            if len(hit) == 1:
                out[col.key] = hit[0]
                taken.add(hit[0])
    return out
