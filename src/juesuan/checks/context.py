"""What every rule works with: the report, the dictionary, and builders for the two kinds of
result a rule produces.

* ``Check`` — an arithmetic relation between model cells (``lhs = Σ rhs``, ``lhs ≤ Σ rhs`` …).
  Checks are not findings yet: all of them are collected first, so that one wrong cell that
  breaks several relations is reported once, at its origin (see cascade.py).
* ``Finding`` — a direct finding (codes, names, missing inputs …), added with ``ctx.add``.

Terms carry the cell the reader recorded (``'公开03表!E12'``), also for blank cells; a Report
built in memory has no cells, so a readable location (``'公开01表 行27'``) stands in.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from juesuan.spec.catalog import Catalog, catalog
from juesuan.model.findings import ERROR, INFO, WARNING, Finding
from juesuan.spec.layouts import CodedLayout, FixedLayout
from juesuan.model.report import CodedRow, CodedTable, EconTable, FixedTable, Report, SingleRowTable
from juesuan.model.money import ZERO, NotANumber, parse_money
from juesuan.spec.supplement import FIELD_SHEET, FIELDS, LISTS_BY_ID
from juesuan.checks.registry import TOLERANCE, Rule, rule

CENT = Decimal("0.01")
Key = tuple


@dataclass(frozen=True)
class Term:
    key: Key  # identity of the model cell, independent of whether a sheet cell is known
    value: Decimal
    cell: str  # 'Sheet!A1' or a readable location
    label: str  # '行27“本年收入合计”'
    sign: int = 1
    sheet: str = ""

    def negated(self) -> Term:
        return Term(self.key, self.value, self.cell, self.label, -self.sign, self.sheet)

    @property
    def named(self) -> str:
        return f"{self.sheet}{self.label}"


def fmt(value: Decimal) -> str:
    return f"{value:.2f}"


def quoted(text: str) -> str:
    """“text”, or 「text」 when the text has quotes of its own (“三公”经费)."""
    return f"「{text}」" if "“" in text else f"“{text}”"


@dataclass
class Check:
    rule: Rule
    lhs: Term
    rhs: tuple[Term, ...]
    op: str = "="  # lhs op Σ rhs: '=', '<=', '>='
    within: str | None = None  # a table id: the relation defines a total of that table
    lhs_text: str = ""
    rhs_text: str = ""
    severity: str | None = None  # overrides the rule's policy
    anchor: str = "lhs"  # which side the finding points at first
    extra: dict = field(default_factory=dict)
    order: int = 0

    @property
    def expected(self) -> Decimal:
        return sum((t.sign * t.value for t in self.rhs), ZERO)

    @property
    def diff(self) -> Decimal:
        return self.lhs.value - self.expected

    @property
    def k(self) -> int:
        """Addends for the tolerance: the non-zero ones (a blank cell carries no rounding)."""
        return max(1, sum(1 for t in self.rhs if t.value != 0))

    def diff_with(self, delta: dict[Key, Decimal]) -> Decimal:
        d = self.diff + delta.get(self.lhs.key, ZERO)
        for t in self.rhs:
            d -= t.sign * delta.get(t.key, ZERO)
        return d

    def ok(self, delta: dict[Key, Decimal] | None = None) -> bool:
        d = self.diff if delta is None else self.diff_with(delta)
        if self.op == "=":
            return d == 0
        if self.op == "<=":
            return d <= 0
        return d >= 0

    def term_keys(self) -> set[Key]:
        return {self.lhs.key, *(t.key for t in self.rhs)}


class Context:
    def __init__(self, report: Report, read_findings: list[Finding] | None = None,
                 glossary_part: str | None = "第五部分"):
        self.report = report
        self.glossary_part = glossary_part  # where the report lists the 科目 (C-7's message)
        # Cells whose value the reader could not take (reported there already) and tables it could
        # not find or parse: relations touching them are left out.
        self.unreadable: set[str] = {c for f in (read_findings or []) if f.severity == ERROR
                                     and f.rule in ("R-NUM", "R-FORMULA") for c in f.cells}
        # Every cell the reader already reported (a text in 年度, a value not in the list …): an
        # input rules would call blank is not blank there, it is wrong — one problem, one message.
        self.reported: set[str] = {c for f in (read_findings or []) if f.severity == ERROR for c in f.cells}
        self.missing: set[str] = {tid for tid, t in report.tables.items() if report.source and not _has_cells(t)}
        self.year = _safe_year(report)
        self.catalog: Catalog = catalog(self.year)
        self.strict = report.settings.strict
        self.checks: list[Check] = []
        self.findings: list[Finding] = []
        # Facts one rule establishes for the others (e.g. codes already reported as wrong, so that
        # the checks built on them stay quiet instead of repeating the same fault).
        self.bad_codes: set[str] = set()  # codes reported by C-1 / X-6
        self.code_pairs: dict[str, str] = {}  # T05 code -> the T03 code it most likely means
        self._coded_terms: dict[tuple[str, int, str], Term] = {}  # a cell is an addend, a total and a row sum

    # -- results ------------------------------------------------------------------------
    def check(self, rule_id: str, lhs: Term, rhs: list[Term] | tuple[Term, ...], *, op: str = "=",
              within: str | None = None, lhs_text: str | None = None, rhs_text: str | None = None,
              severity: str | None = None, anchor: str = "lhs", **extra) -> Check | None:
        terms = (lhs, *rhs)
        if any(t.key[0] in self.missing or t.cell in self.unreadable or self._blank_required(t) for t in terms):
            return None
        if self._across_units(terms):
            return None
        c = Check(rule(rule_id), lhs, tuple(rhs), op, within, lhs_text or lhs.named,
                  rhs_text if rhs_text is not None else _join_labels(rhs), severity, anchor, extra,
                  len(self.checks))
        self.checks.append(c)
        return c

    def _across_units(self, terms: tuple[Term, ...]) -> bool:
        return self.across_units(*(_unit_group(t) for t in terms))

    def across_units(self, *groups: str) -> bool:
        """Do these tables (T01 …) / supplementary sheets (上年数 …) straddle an R-UNIT error?  A
        comparison between a sheet the reader found in 元 and one in 万元 only repeats that finding,
        ten thousand times over (“完成年初预算的 1038243.90%”): it is not made."""
        suspects = self.report.unit_suspects
        return bool(suspects) and len({g in suspects for g in groups}) == 2

    def _blank_required(self, t: Term) -> bool:
        """A 必填 input left blank is reported as such (S-11/S-12/S-13), not as a sum that is off."""
        if t.key[0] != "F":
            return False
        spec = FIELDS.get(t.key[1])
        return spec is not None and spec.required and self.report.supp.get(t.key[1]) is None

    def add(self, rule_id: str, cells: list[str], variant: str | None = None, *, severity: str | None = None,
            hint: str | None = None, expected: Decimal | None = None, actual: Decimal | None = None,
            related: list[str] | None = None, **fields) -> Finding:
        """A direct finding; its message is the rule's template (or named variant) filled with ``fields``."""
        r = rule(rule_id)
        sev = severity or (r.severity if r.severity != TOLERANCE else ERROR)
        fields = {"expected": expected, "actual": actual, **fields}
        f = Finding(r.id, sev, r.message(variant, **fields), [c for c in cells if c], expected, actual,
                    r.hint if hint is None else hint, r.title, list(related or []))
        self.findings.append(f)
        return f

    # -- where a value lives ----------------------------------------------------------------
    def sheet_of(self, tid: str) -> str:
        table = self.report.tables[tid]
        return getattr(table, "sheet", None) or table.layout.sheet_name

    def fixed(self, tid: str, row_key: str, col: str = "amount") -> Term:
        table: FixedTable = self.report.tables[tid]
        side, row = _fixed_rows(table.layout)[row_key]
        h = row.hangci.get(table.variant) or next(iter(row.hangci.values()))
        multi = len(side.columns) > 1
        col_obj = next(c for c in side.columns if c.key == col)
        where = f"{self.sheet_of(tid)} 行{h}" + (f" 栏{col_obj.lanci}" if multi else "")
        label = f"行{h}“{row.name}”" + (f"栏{col_obj.lanci}“{col_obj.label}”" if multi else "")
        return Term((tid, row_key, col), table.get(row_key, col), table.cell(row_key, col) or where, label,
                    sheet=self.sheet_of(tid))

    def coded(self, tid: str, row: CodedRow, col: str) -> Term:
        key = (tid, id(row), col)
        term = self._coded_terms.get(key)
        if term is None:
            term = self._coded_terms[key] = self._coded_term(tid, row, col)
        return term

    def _coded_term(self, tid: str, row: CodedRow, col: str) -> Term:
        layout: CodedLayout = self.report.tables[tid].layout
        c = layout.col(col)
        name = f"“{row.name}”" if row.name else ""
        where = f"{self.sheet_of(tid)} {row.code} 栏{c.lanci}"
        return Term((tid, "row", row.code, col), row.get(col), row.cells.get(col) or where,
                    f"{row.code}{name}栏{c.lanci}“{c.label}”", sheet=self.sheet_of(tid))

    def coded_total(self, tid: str, col: str) -> Term:
        table: CodedTable = self.report.tables[tid]
        c = table.layout.col(col)
        where = f"{self.sheet_of(tid)} 合计行 栏{c.lanci}"
        return Term((tid, "total", col), table.total_of(col), table.total_cells.get(col) or where,
                    f"合计行栏{c.lanci}“{c.label}”", sheet=self.sheet_of(tid))

    def econ(self, code: str) -> Term:
        table: EconTable = self.report.tables["T06"]
        name = table.names.get(code) or table.layout.name_of(code) or ""
        return Term(("T06", code), table.get(code), table.cells.get(code) or f"{self.sheet_of('T06')} {code}",
                    f"{code}“{name}”" if name else code, sheet=self.sheet_of("T06"))

    def econ_total(self, which: str) -> Term:
        table: EconTable = self.report.tables["T06"]
        label = table.layout.personnel_total_label if which == "personnel" else table.layout.public_total_label
        value = table.personnel_total if which == "personnel" else table.public_total
        cell = table.personnel_cell if which == "personnel" else table.public_cell
        return Term(("T06", which), value, cell or f"{self.sheet_of('T06')} {label}", f"“{label}”",
                    sheet=self.sheet_of("T06"))

    def t09(self, col: str) -> Term:
        table: SingleRowTable = self.report.tables["T09"]
        c = table.layout.col(col)
        path = "".join(c.groups[:1]) + "·" + (c.groups[1] + "·" if len(c.groups) > 1 else "") + c.label
        return Term(("T09", col), table.get(col), table.cells.get(col) or f"{self.sheet_of('T09')} 栏{c.lanci}",
                    f"栏{c.lanci}“{path}”", sheet=self.sheet_of("T09"))

    def field_term(self, fid: str) -> Term:
        # no sheet prefix in messages: the id names the input ("B01“…年初预算合计”")
        return Term(("F", fid), self.money(fid) or ZERO, self.field_cell(fid), f"{fid}{quoted(FIELDS[fid].label)}")

    def field_cell(self, fid: str) -> str:
        return self.report.supp.cells.get(fid) or f"{FIELD_SHEET.get(fid, '补充输入')} {fid}"

    def list_term(self, list_id: str, index: int, col: str, value: Decimal, label: str) -> Term:
        rec = self.report.supp.records(list_id)[index]
        sheet = LISTS_BY_ID[list_id].name
        return Term(("L", list_id, index, col), value, rec.cells.get(col) or f"{sheet} 第{index + 1}条", label,
                    sheet=sheet)

    def list_cell(self, list_id: str, index: int, col: str) -> str:
        rec = self.report.supp.records(list_id)[index]
        return rec.cells.get(col) or f"{LISTS_BY_ID[list_id].name} 第{index + 1}条"

    # -- supplementary values -----------------------------------------------------------
    def money(self, fid: str) -> Decimal | None:
        return _money(self.report.supp.get(fid))

    def text(self, fid: str) -> str:
        v = self.report.supp.get(fid)
        return "" if v is None else str(v).strip()


def _unit_group(t: Term) -> str:
    """What R-UNIT names a term by: its table id, or its supplementary sheet (reader/units.py)."""
    kind = t.key[0]
    if kind == "F":
        return FIELD_SHEET.get(t.key[1], "")
    if kind == "L":
        return LISTS_BY_ID[t.key[1]].name if t.key[1] in LISTS_BY_ID else ""
    return kind


def _has_cells(table) -> bool:
    """Did the reader find this table? (A table it found records its cells, blank ones too.)"""
    if isinstance(table, CodedTable):
        return bool(table.total_cells or table.rows)
    if isinstance(table, EconTable):
        return bool(table.cells or table.personnel_cell)
    return bool(table.cells)


_ROWS: dict[int, dict] = {}


def _fixed_rows(layout: FixedLayout) -> dict:
    """row key -> (side, row) of a T01/T04 layout (layouts hold dicts, so they are not hashable)."""
    rows = _ROWS.get(id(layout))
    if rows is None:
        rows = _ROWS[id(layout)] = {r.key: (side, r) for side in layout.sides for r in side.rows}
    return rows


def _money(value) -> Decimal | None:
    if value is None or value == "":
        return None
    if isinstance(value, Decimal):
        return value
    try:
        return parse_money(repr(value) if isinstance(value, float) else value)
    except NotANumber:
        return None


def money_of(value) -> Decimal | None:
    return _money(value)


def _safe_year(report: Report) -> int | None:
    try:
        return report.year
    except (TypeError, ValueError):
        return None


def _join_labels(terms) -> str:
    """'公开06表“人员经费合计”＋“公用经费合计”': the sheet is named once per run of terms."""
    terms = list(terms)
    if not terms:
        return "0"
    if len(terms) > 5:
        sheets = "、".join(dict.fromkeys(t.sheet for t in terms))
        return f"{sheets}{len(terms)}项之和"
    out, last = "", None
    for i, t in enumerate(terms):
        op = "" if i == 0 and t.sign > 0 else ("＋" if t.sign > 0 else "－")
        out += op + (t.label if t.sheet == last else t.named)
        last = t.sheet
    return out


__all__ = ["CENT", "ERROR", "INFO", "WARNING", "Check", "Context", "Term", "fmt", "money_of"]
