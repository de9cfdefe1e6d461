"""五（三）: the lines a 年初预算 is compared on — at the level the office filled “项级预算”.

One function for the text (figures.compute) and the check that asks for missing reasons (S-8),
so the two cannot disagree about which line needs a reason.

The level of a line is the 五三粒度 setting (项 = 7 digits, 类 = 3), made coarser when the
“项级预算” rows are coded coarser: a 类 code (201) typed under 项级 cannot be compared with a 项
of 表5 (its 项 决算 would be 0), so the lines become 类 lines (rule S-23 says so).  A line's
budget is taken at the coarsest level the office filled for it (a 类 row, else its 款 rows, else
its 项 rows: never both, which would count it twice).  Its reason is the reason written on the
line's own row, else the reasons of the finer rows that point the same way (W6: a reason never
contradicts the direction of its sentence).
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from juesuan.model.money import ZERO, q
from juesuan.model.report import Report
from juesuan.spec.supplement import CODE
from juesuan.figures.workbook_text import Reason, parse_reason

LEVELS = (3, 5, 7)  # 类, 款, 项


@dataclass(frozen=True)
class BudgetRow:
    index: int  # the row's place in “项级预算” (0-based)
    code: str
    budget: Decimal
    reason: Reason


@dataclass(frozen=True)
class BudgetLine:
    code: str
    budget: Decimal
    final: Decimal
    reason: Reason
    own_rows: tuple[BudgetRow, ...]  # rows coded exactly like the line (where its reason belongs)
    rows: tuple[BudgetRow, ...]  # every row under the line


def budget_rows(report: Report) -> list[BudgetRow]:
    out = []
    for i, rec in enumerate(report.supp.records(CODE.B02)):
        code = str(rec.get("code", "") or "").strip()
        if not code:
            continue
        try:
            budget = q(Decimal(str(rec.get("budget", 0) or 0)))
        except ArithmeticError:
            budget = ZERO
        out.append(BudgetRow(i, code, budget, parse_reason(rec.get("reason"), "R07")))
    return out


def coarse_codes(rows: list[BudgetRow], level: int) -> list[str]:
    """The codes of “项级预算” coarser than ``level`` (a 类 code under 项级)."""
    return [r.code for r in rows if len(r.code) in LEVELS and len(r.code) < level]


def line_level(by_class: bool, rows: list[BudgetRow]) -> int:
    """The level of the 五（三） lines: the setting's, or coarser when the rows are coded coarser."""
    level = 3 if by_class else 7
    for length in (len(r.code) for r in rows if len(r.code) in LEVELS):
        level = min(level, length)
    return level


def _budget(rows: list[BudgetRow], prefix: str) -> Decimal:
    own = [r for r in rows if r.code == prefix]
    if own:
        return sum((r.budget for r in own), ZERO)
    finer = sorted({r.code[:len(prefix) + 2] for r in rows
                    if r.code.startswith(prefix) and len(r.code) > len(prefix)})
    return sum((_budget(rows, c) for c in finer), ZERO)


def _direction(budget: Decimal, final: Decimal) -> str:
    return "over" if final > budget else "under" if final < budget else "equal"


def budget_lines(report: Report, by_class: bool) -> tuple[int, list[BudgetLine]]:
    """(level, lines): every line whose 决算 (表5 栏1) or 年初预算 is not 0, codes ascending."""
    t05 = report.t05
    rows = budget_rows(report)
    level = line_level(by_class, rows)
    printed = {r.code: r.get("total") for r in t05.rows}
    leaves = {r.code: r.get("total") for r in t05.leaf_rows()}

    def final(code: str) -> Decimal:
        if code in printed:
            return printed[code]
        return sum((v for c, v in leaves.items() if c.startswith(code)), ZERO)

    if level == 7:
        keys = set(leaves) | {r.code for r in rows}
    else:
        keys = {c[:level] for c in leaves} | {r.code[:level] for r in rows}
    lines = []
    for key in sorted(keys):
        under = tuple(r for r in rows if r.code.startswith(key)) if level < 7 else \
            tuple(r for r in rows if r.code == key)
        budget = _budget(list(under), key) if level < 7 else sum((r.budget for r in under), ZERO)
        spent = final(key) if level < 7 else leaves.get(key, ZERO)
        if budget == 0 and spent == 0:
            continue
        own = tuple(r for r in under if r.code == key)
        texts = tuple(line for r in own for line in r.reason.lines)
        if not texts:
            way = _direction(budget, spent)
            texts = tuple(line for r in under if r.code != key and r.reason
                          and _direction(_budget(list(under), r.code), final(r.code)) == way
                          for line in r.reason.lines)
        lines.append(BudgetLine(key, budget, spent, Reason(tuple(dict.fromkeys(texts)), "R07" if texts else ""),
                                own, under))
    return level, lines
