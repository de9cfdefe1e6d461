"""The 科目 dictionary K (支出功能分类 and 部门支出经济分类), read from data/kemu.csv.

Editions are kept side by side; a report of year Y uses the newest edition <= Y (or the
oldest one when Y predates them all).  Names written in a workbook win over the dictionary
where the caller says so; the dictionary is the reference for the narrative (C-3 in docs/RULES.md).
"""
from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).parent / "data" / "kemu.csv"


@dataclass(frozen=True)
class Entry:
    code: str
    name: str
    explanation: str


class Catalog:
    def __init__(self, func: dict[str, Entry], econ: dict[str, Entry], edition: int):
        self.func = func
        self.econ = econ
        self.edition = edition

    def func_name(self, code: str) -> str | None:
        e = self.func.get(code)
        return e.name if e else None

    def explanation(self, code: str) -> str:
        e = self.func.get(code)
        return e.explanation if e else ""

    def econ_name(self, code: str) -> str | None:
        e = self.econ.get(code)
        return e.name if e else None

    def knows(self, code: str) -> bool:
        return code in self.func


@lru_cache(maxsize=8)
def _rows() -> tuple[tuple[int, str, str, str, str], ...]:
    with open(DATA, encoding="utf-8", newline="") as fh:
        return tuple((int(r["edition"]), r["kind"], r["code"], r["name"], r["explanation"] or "")
                     for r in csv.DictReader(fh))


@lru_cache(maxsize=8)
def catalog(year: int | None = None) -> Catalog:
    rows = _rows()
    editions = sorted({r[0] for r in rows})
    usable = [e for e in editions if year is None or e <= year]
    edition = usable[-1] if usable else editions[0]
    func: dict[str, Entry] = {}
    econ: dict[str, Entry] = {}
    for ed, kind, code, name, expl in rows:
        if ed == edition:
            (func if kind == "func" else econ)[code] = Entry(code, name, expl)
    return Catalog(func, econ, edition)
