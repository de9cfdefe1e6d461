"""A finding: one problem found while reading or checking a workbook, in the user's words."""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

ERROR, WARNING, INFO = "错误", "警告", "提示"
SEVERITY_ORDER = {ERROR: 0, WARNING: 1, INFO: 2}


@dataclass
class Finding:
    rule: str  # stable id: T01-1, X-11, R-NUM (reader) …
    severity: str  # 错误 / 警告 / 提示
    message: str  # complete Chinese sentence
    cells: list[str] = field(default_factory=list)  # 'Sheet!A1', first is where to look
    expected: Decimal | None = None
    actual: Decimal | None = None
    hint: str = ""
    title: str = ""
    related: list[str] = field(default_factory=list)  # totals a break propagates to
    # Ambiguous localization: one of these cells is wrong and the tables cannot tell which
    # (checks/localize.py); empty when the finding names one cell.
    candidates: list[str] = field(default_factory=list)
    # The same wrong figure typed in other cells too (a 项 in 表3 and 表5): to be corrected with cells[0].
    also: list[str] = field(default_factory=list)
    # 影响: the totals that change when cells[0] is corrected ('公开03表!C7 合计行“本年支出合计”：1657.95 → 1667.95').
    affects: list[str] = field(default_factory=list)

    @property
    def difference(self) -> Decimal | None:
        if self.expected is None or self.actual is None:
            return None
        return self.actual - self.expected

    @property
    def sheet(self) -> str:
        return self.cells[0].split("!")[0] if self.cells else ""

    def text(self) -> str:
        where = "、".join(self.cells)
        head = f"{where}：" if where else ""
        tail = f"（{self.hint}）" if self.hint else ""
        return f"{head}{self.message}{tail}"

    def as_dict(self) -> dict:
        """The one JSON shape of a finding (``check --json``, the batch records and 汇总.json);
        ``cell`` is the first of ``cells`` (where to look)."""
        def s(v):
            return None if v is None else f"{v:.2f}"
        return {
            "rule": self.rule, "severity": self.severity, "title": self.title, "cells": list(self.cells),
            "cell": self.cells[0] if self.cells else "",
            "expected": s(self.expected), "actual": s(self.actual), "difference": s(self.difference),
            "message": self.message, "hint": self.hint, "related": list(self.related),
            "candidates": list(self.candidates), "also": list(self.also), "affects": list(self.affects),
        }


class WorkbookError(Exception):
    """The file cannot be read at all (not a workbook, damaged, encrypted …). Message is Chinese."""

    def __init__(self, message: str, findings: list[Finding] | None = None):
        super().__init__(message)
        self.message = message
        self.findings = findings or []


def count(findings: list[Finding], severity: str) -> int:
    return sum(1 for f in findings if f.severity == severity)
