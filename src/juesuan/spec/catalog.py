"""The 科目 dictionary K (支出功能分类 and 部门支出经济分类) by edition, read from data/kemu.csv.

Each row holds from edition ``since`` to edition ``until`` (inclusive; empty = still in the newest
edition), so a code added, removed or renamed between two editions is two rows or a closed
range, never a silent overwrite.  A report of year Y uses the newest edition <= Y (the oldest one
when Y predates them all).  The dictionary is a reference: a workbook is never blocked by a gap
in it (C-4 and C-7 are 警告), and a name printed consistently in the workbook wins over it.
"""
from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "data" / "kemu.csv"
FIRST_EDITION, LAST_EDITION = 2020, 2025
EDITIONS = tuple(range(FIRST_EDITION, LAST_EDITION + 1))
SOURCES = ("seed", "official", "pattern", "unverified")
# An explanation goes into a published report (第五部分) only when its wording was taken from a
# published text or follows the catalogue's fixed pattern; an unverified one is shown by the
# `kemu` look-up (marked as such) but never printed on the office's behalf.
PRINTABLE_SOURCES = ("seed", "official", "pattern")
KINDS = ("func", "econ")
LEVELS = {"func": {3: "类", 5: "款", 7: "项"}, "econ": {3: "类", 5: "款"}}
_SPACES = re.compile(r"[\s\u3000\u00a0]+")


@dataclass(frozen=True)
class Entry:
    kind: str
    code: str
    name: str
    explanation: str
    since: int = FIRST_EDITION
    until: int = LAST_EDITION
    source: str = "unverified"

    def valid_in(self, edition: int) -> bool:
        return self.since <= edition <= self.until

    @property
    def editions(self) -> str:
        """“2024年” or “2020—2025年”: the editions this row holds for, as a message says it."""
        return f"{self.since}年" if self.since == self.until else f"{self.since}—{self.until}年"

    @property
    def printable_explanation(self) -> str:
        return self.explanation if self.source in PRINTABLE_SOURCES else ""

    @property
    def level(self) -> str:
        return LEVELS[self.kind].get(len(self.code), "")


def norm_name(name: str | None) -> str:
    """A name as compared: no spaces, half-width brackets made full-width."""
    text = _SPACES.sub("", name or "")
    return text.replace("(", "（").replace(")", "）")


def edition_for(year: int | None) -> int:
    """The edition a report of ``year`` uses: the newest one <= year (the oldest when none is)."""
    if year is None:
        return EDITIONS[-1]
    usable = [e for e in EDITIONS if e <= year]
    return usable[-1] if usable else EDITIONS[0]


@lru_cache(maxsize=1)
def entries() -> tuple[Entry, ...]:
    """Every row of kemu.csv (all editions)."""
    with open(DATA, encoding="utf-8", newline="") as fh:
        return tuple(Entry(r["kind"], r["code"], r["name"], r["explanation"] or "", int(r["since"]),
                           int(r["until"]) if r["until"] else LAST_EDITION, r["source"])
                     for r in csv.DictReader(fh))


@lru_cache(maxsize=1)
def entries_by_code() -> dict[tuple[str, str], tuple[Entry, ...]]:
    """(kind, code) -> its rows in every edition: one look-up instead of a scan per unknown code."""
    out: dict[tuple[str, str], list[Entry]] = {}
    for e in entries():
        out.setdefault((e.kind, e.code), []).append(e)
    return {k: tuple(v) for k, v in out.items()}


class Catalog:
    """K for one edition; ``other_editions`` tells where a code missing here is found."""

    def __init__(self, edition: int):
        self.edition = edition
        self.func: dict[str, Entry] = {}
        self.econ: dict[str, Entry] = {}
        for e in entries():
            if e.valid_in(edition):
                (self.func if e.kind == "func" else self.econ)[e.code] = e

    def func_name(self, code: str) -> str | None:
        e = self.func.get(code)
        return e.name if e else None

    def explanation(self, code: str) -> str:
        """The explanation a report may print for ``code`` ("" when none is confirmed)."""
        e = self.func.get(code)
        return e.printable_explanation if e else ""

    def econ_name(self, code: str) -> str | None:
        e = self.econ.get(code)
        return e.name if e else None

    def knows(self, code: str) -> bool:
        return code in self.func

    def other_editions(self, code: str, kind: str = "func") -> list[Entry]:
        """The rows of ``code`` in editions other than this one, nearest edition first."""
        rows = [e for e in entries_by_code().get((kind, code), ()) if not e.valid_in(self.edition)]
        return sorted(rows, key=lambda e: min(abs(e.since - self.edition), abs(e.until - self.edition)))

    def path(self, code: str) -> list[Entry]:
        """类, 款, 项 rows of a 功能分类 code in this edition (those that exist)."""
        return [self.func[c] for c in (code[:3], code[:5], code[:7])[: {3: 1, 5: 2, 7: 3}.get(len(code), 0)]
                if c in self.func]


@lru_cache(maxsize=8)
def catalog(year: int | None = None) -> Catalog:
    return Catalog(edition_for(year))


def kemu_name(code: str, k: Catalog, printed: list[str | None]) -> str:
    """The name a report uses for a 功能分类 code.

    ``printed``: the names the workbook's tables print for it.  When they agree, the workbook
    wins (a different dictionary name is only a 提示, C-3); when they disagree (X-6) the
    dictionary name decides; with neither, the first printed name, else the code itself."""
    names = [n for n in (norm_name(p) for p in printed) if n]
    if names and len(set(names)) == 1:
        return names[0]
    return k.func_name(code) or (names[0] if names else code)


@dataclass(frozen=True)
class Match:
    """One look-up result: the entry and its 类/款 names in the same edition."""
    entry: Entry
    path: tuple[str, ...]  # 类名, 款名 (those above the entry)

    @property
    def full_name(self) -> str:
        words = [*self.path, self.entry.name]
        marks = ("类", "款", "项")
        return "".join(f"{w}（{marks[i]}）" for i, w in enumerate(words)) if self.entry.kind == "func" \
            else self.entry.name


def lookup(query: str, year: int | None = None, kind: str | None = None) -> tuple[int, list[Match]]:
    """Codes of the edition for ``year`` whose code starts with ``query`` (digits) or whose name
    contains it; when the edition has none, the other editions' rows.  Returns (edition, matches)."""
    k = catalog(year)
    q = norm_name(unicodedata.normalize("NFKC", query))  # full-width digits typed by an IME
    if not q:
        return k.edition, []
    digits = q.isdigit()

    def hit(e: Entry) -> bool:
        return (kind is None or e.kind == kind) and (e.code.startswith(q) if digits else q in norm_name(e.name))

    found = [e for book in (k.func, k.econ) for e in book.values() if hit(e)]
    if not found:
        found = [e for e in entries() if hit(e)]
    found.sort(key=lambda e: (KINDS.index(e.kind), e.code, e.since))

    def above(e: Entry) -> tuple[str, ...]:
        if e.kind != "func":
            return ()
        book = Catalog(e.since) if not e.valid_in(k.edition) else k
        return tuple(book.func_name(e.code[:n]) or e.code[:n] for n in (3, 5) if n < len(e.code))

    return k.edition, [Match(e, above(e)) for e in found]
