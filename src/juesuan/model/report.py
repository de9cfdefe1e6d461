"""The in-memory model of one whole 部门决算 report: nine tables plus supplementary inputs.

Every value keeps the cell it came from (``'公开03表!E12'``) so that checks can point at it.
Amounts are Decimal(0.01); an absent amount reads as 0.00 through the accessors.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from juesuan.spec.layouts import BY_ID, CodedLayout, EconLayout, FixedLayout, Layout, SingleRowLayout
from juesuan.model.money import ZERO
from juesuan.spec.settings import NAMES as SETTING_NAMES, Settings, read_settings
from juesuan.spec.supplement import CODE

Cell = str  # 'Sheet!A1'


@dataclass
class FixedTable:
    """T01 / T04: rows by key, one or more amount columns per side."""
    layout: FixedLayout
    values: dict[tuple[str, str], Decimal] = field(default_factory=dict)
    cells: dict[tuple[str, str], Cell] = field(default_factory=dict)
    variant: str = "A"
    names: dict[str, str] = field(default_factory=dict)  # row key -> name as printed
    sheet: str | None = None

    def get(self, row: str, col: str = "amount") -> Decimal:
        return self.values.get((row, col), ZERO)

    def cell(self, row: str, col: str = "amount") -> Cell | None:
        return self.cells.get((row, col))

    def is_empty(self) -> bool:
        return all(v == 0 for v in self.values.values())


@dataclass
class CodedRow:
    code: str
    name: str | None
    values: dict[str, Decimal] = field(default_factory=dict)
    cells: dict[str, Cell] = field(default_factory=dict)
    code_cell: Cell | None = None
    row: int | None = None
    name_cell: Cell | None = None  # where the printed name is (None when the table prints no names)

    def get(self, col: str) -> Decimal:
        return self.values.get(col, ZERO)

    @property
    def level(self) -> int:
        return {3: 1, 5: 2, 7: 3}.get(len(self.code), 0)


@dataclass
class CodedTable:
    """T02 / T03 / T05 / T07 / T08: a 合计 row and code-keyed rows."""
    layout: CodedLayout
    total: dict[str, Decimal] = field(default_factory=dict)
    total_cells: dict[str, Cell] = field(default_factory=dict)
    rows: list[CodedRow] = field(default_factory=list)
    has_names: bool = True
    sheet: str | None = None

    def total_of(self, col: str) -> Decimal:
        return self.total.get(col, ZERO)

    def by_code(self) -> dict[str, CodedRow]:
        return {r.code: r for r in self.rows}

    def leaf_rows(self) -> list[CodedRow]:
        """项 rows (7 digits), or the lowest level present when no 项 rows were printed."""
        deepest = max((r.level for r in self.rows), default=0)
        return [r for r in self.rows if r.level == deepest]

    def is_empty(self) -> bool:
        return all(v == 0 for v in self.total.values()) and all(
            v == 0 for r in self.rows for v in r.values.values())

    def class_amounts(self, col: str) -> dict[str, Decimal]:
        """类 totals: the printed 类 row where present, else the sum of the 项 rows below it."""
        printed = {r.code: r.get(col) for r in self.rows if r.level == 1}
        out: dict[str, Decimal] = {}
        for r in self.leaf_rows():
            out.setdefault(r.code[:3], ZERO)
            out[r.code[:3]] += r.get(col)
        out.update(printed)
        return dict(sorted(out.items()))


@dataclass
class EconTable:
    """T06: amounts by economic classification code, plus the two printed totals."""
    layout: EconLayout
    values: dict[str, Decimal] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)
    cells: dict[str, Cell] = field(default_factory=dict)
    personnel_total: Decimal = ZERO
    public_total: Decimal = ZERO
    personnel_cell: Cell | None = None
    public_cell: Cell | None = None
    sheet: str | None = None

    def get(self, code: str) -> Decimal:
        return self.values.get(code, ZERO)


@dataclass
class SingleRowTable:
    """T09: one data row of twelve columns."""
    layout: SingleRowLayout
    values: dict[str, Decimal] = field(default_factory=dict)
    cells: dict[str, Cell] = field(default_factory=dict)
    sheet: str | None = None

    def get(self, col: str) -> Decimal:
        return self.values.get(col, ZERO)

    def is_empty(self, prefix: str = "final") -> bool:
        return all(v == 0 for k, v in self.values.items() if k.startswith(prefix))


Table = FixedTable | CodedTable | EconTable | SingleRowTable


def empty_table(layout: Layout) -> Table:
    if isinstance(layout, FixedLayout):
        return FixedTable(layout)
    if isinstance(layout, CodedLayout):
        return CodedTable(layout)
    if isinstance(layout, EconLayout):
        return EconTable(layout)
    if isinstance(layout, SingleRowLayout):
        return SingleRowTable(layout)
    raise TypeError(layout)


@dataclass
class Record:
    """One row of a list sheet."""
    values: dict[str, object]
    cells: dict[str, Cell] = field(default_factory=dict)

    def get(self, key: str, default=None):
        v = self.values.get(key)
        return default if v is None or v == "" else v


@dataclass
class Supplement:
    fields: dict[str, object] = field(default_factory=dict)
    cells: dict[str, Cell] = field(default_factory=dict)
    lists: dict[str, list[Record]] = field(default_factory=dict)
    # list id -> sheet rows carried from last year that still wait for this year's figures
    # (ListSheet.this_year all empty): read, not in ``lists``, reported once per sheet (S-27)
    waiting: dict[str, list[int]] = field(default_factory=dict)

    def get(self, fid: str, default=None):
        v = self.fields.get(fid)
        return default if v is None or v == "" else v

    def records(self, list_id: str) -> list[Record]:
        return self.lists.get(list_id, [])


@dataclass
class Report:
    tables: dict[str, Table] = field(default_factory=dict)
    supp: Supplement = field(default_factory=Supplement)
    source: str | None = None
    titles: dict[str, tuple[str, Cell]] = field(default_factory=dict)  # table id -> (title as printed, cell)
    unit_lines: dict[str, tuple[str, Cell]] = field(default_factory=dict)  # table id -> (name after 部门：, cell)
    # amounts stored with more than two decimals (read rounded to 0.01): cell -> the stored text,
    # so a finding can say why Excel shows the number it asks for (api.explain_stored_values)
    stored: dict[str, str] = field(default_factory=dict)
    # tables (T01 …) or supplementary sheets (上年数 …) whose amounts the reader found to be in 元
    # (an R-UNIT 错误, reader/units.py): the 审核 does not compare them with the other sheets
    unit_suspects: frozenset[str] = frozenset()

    def __post_init__(self):
        for tid, layout in BY_ID.items():
            self.tables.setdefault(tid, empty_table(layout))

    # Typed accessors keep call sites short and checked.
    @property
    def t01(self) -> FixedTable: return self.tables["T01"]  # noqa: E704
    @property
    def t02(self) -> CodedTable: return self.tables["T02"]  # noqa: E704
    @property
    def t03(self) -> CodedTable: return self.tables["T03"]  # noqa: E704
    @property
    def t04(self) -> FixedTable: return self.tables["T04"]  # noqa: E704
    @property
    def t05(self) -> CodedTable: return self.tables["T05"]  # noqa: E704
    @property
    def t06(self) -> EconTable: return self.tables["T06"]  # noqa: E704
    @property
    def t07(self) -> CodedTable: return self.tables["T07"]  # noqa: E704
    @property
    def t08(self) -> CodedTable: return self.tables["T08"]  # noqa: E704
    @property
    def t09(self) -> SingleRowTable: return self.tables["T09"]  # noqa: E704

    @property
    def year(self) -> int | None:
        y = self.supp.get(CODE.G03)
        return int(y) if y is not None else None

    @property
    def name(self) -> str:
        return str(self.supp.get(CODE.G01, "") or "")

    @property
    def settings(self) -> Settings:
        """The 设置, typed (:mod:`juesuan.spec.settings`); read again only when a setting field changed."""
        key = tuple(self.supp.fields.get(n) for n in SETTING_NAMES)
        cached = self.__dict__.get("_settings")
        if cached is None or cached[0] != key:
            cached = (key, read_settings(self.supp.fields))
            self.__dict__["_settings"] = cached
        return cached[1]

    def is_empty(self) -> bool:
        """True for a blank standard workbook: no amounts, no inputs (settings defaults aside)."""
        from juesuan.spec.supplement import FIELDS
        return all(
            (t.is_empty() if not isinstance(t, EconTable) else not any(t.values.values()))
            for t in self.tables.values()) and not any(
            v not in (None, "") for k, v in self.supp.fields.items() if k not in FIELDS or FIELDS[k].default is None
        ) and not any(self.supp.lists.values())
