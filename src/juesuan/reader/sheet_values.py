"""A worksheet as the reader sees it (a grid of cached values) and how one cell value is read:
text as data, normalized labels, amounts, integers and dates.  No findings here: callers decide
what a value that cannot be read means.
"""
from __future__ import annotations

import datetime as dt
import math
import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from juesuan.model.textnorm import drop_controls, strip_enumeration
from juesuan.model.money import AmbiguousNumber, NotANumber, SpacedNumber, number_text, parse_money
from juesuan.xlsx.cells import col_letters

_SPACES_RE = re.compile(r"[\s\u3000\u00a0]+")


@lru_cache(maxsize=65536)
def cell_ref(row: int, col: int) -> str:
    """0-based row/column -> 'E12'."""
    return f"{col_letters(col)}{row + 1}"


def cell_text(value: object) -> str:
    """Cell text as data: control characters removed, ends trimmed, inner newlines kept."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = drop_controls(str(value)).replace("\r\n", "\n").replace("\r", "\n")
    return text.strip()


def norm(value: object) -> str:
    """Normalized label: no spaces/newlines, no leading 一、/1./(一), full-width brackets."""
    text = _SPACES_RE.sub("", cell_text(value))
    text = text.replace("(", "（").replace(")", "）")
    prev = None
    while prev != text:
        prev, text = text, strip_enumeration(text)
    return text


def display_value(value: object) -> str:
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (dt.datetime, dt.date)):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, (int, float)) and abs(value) >= 1e12:
        return f"{value:.6g}"
    text = cell_text(value)
    return text if len(text) <= 40 else text[:40] + "…"


class Sheet:
    """A worksheet's cached values as a grid, with the formula cells that had no value."""

    def __init__(self, name: str, rows: list[list[object]], bad_formulas: dict[str, str]):
        self.name = name
        self.rows = rows
        self.bad_formulas = bad_formulas
        self.nrows = len(rows)
        self.ncols = max((len(r) for r in rows), default=0)
        self.truncated = False  # rows beyond MAX_ROWS were not read
        self.hidden = False  # hidden in Excel (a stale copy is often kept hidden)
        self.notes: dict[str, tuple[str, str]] = {}  # damaged text, see xlsx_cells.SheetValues.notes
        self.duplicates = 0  # further sheets of the same name (Excel refuses them; other tools do not)
        self.hidden_rows: set[int] = set()  # 0-based rows hidden in Excel
        self.recalc = False  # the workbook's formula results are not trusted (fullCalcOnLoad)

    def v(self, r: int, c: int) -> object:
        if 0 <= r < self.nrows and 0 <= c < len(self.rows[r]):
            return self.rows[r][c]
        return None

    def ref(self, r: int, c: int) -> str:
        return f"{self.name}!{cell_ref(r, c)}"

    def text(self, r: int, c: int) -> str:
        return norm(self.v(r, c))

    def row_texts(self, r: int) -> list[str]:
        return [self.text(r, c) for c in range(self.ncols)]

    def find(self, predicate, max_rows: int | None = None):
        for r in range(min(self.nrows, max_rows or self.nrows)):
            for c in range(len(self.rows[r])):
                if predicate(self.text(r, c)):
                    yield r, c


def is_number(value: object) -> bool:
    try:
        return parse_money(value) is not None
    except NotANumber:
        return False


# 10^12 万元 is 10^16 元, beyond any budget; larger amounts would also overflow the 28-digit
# Decimal arithmetic of the checks once summed and quantized to 0.01.
MAX_AMOUNT = Decimal("1e12")
MAX_INT = 10 ** 9


class TooLarge(ValueError):
    pass


def amount_value(raw: object) -> Decimal | None:
    """parse_money, with absurd magnitudes refused (NotANumber / TooLarge)."""
    if isinstance(raw, float) and not math.isfinite(raw):  # NaN compares with nothing: test it first
        raise NotANumber(raw) if math.isnan(raw) else TooLarge(raw)
    if isinstance(raw, (int, float)) and not isinstance(raw, bool) and abs(raw) >= MAX_AMOUNT:
        raise TooLarge(raw)
    try:
        value = parse_money(raw)
    except (InvalidOperation, OverflowError) as exc:
        raise TooLarge(raw) from exc
    if value is not None and abs(value) >= MAX_AMOUNT:
        raise TooLarge(raw)
    return value


def int_value(value: object) -> int | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            return None
        return int(value) if value == int(value) else None
    try:
        d = Decimal(number_text(cell_text(value)))
    except (InvalidOperation, ValueError):  # AmbiguousNumber ('12,5') is a ValueError too
        return None
    if not d.is_finite():
        return None
    return int(d) if d == int(d) else None


def date_value(value: object) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    m = re.fullmatch(r"\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*", cell_text(value))
    if m:
        try:
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            return None
    return None


def is_spaced(raw: object) -> bool:
    """'86 40': digits separated by a space."""
    if not isinstance(raw, str):
        return False
    try:
        number_text(raw)
    except SpacedNumber:
        return True
    except NotANumber:
        return False
    return False


def ambiguous_hint(raw: object) -> str:
    return SPACED_HINT if is_spaced(raw) else AMBIGUOUS_HINT


SPACED_HINT = "请删除数字中间的空格并核对数值（如 86.40）"
AMBIGUOUS_HINT = "逗号只能作千位分隔符（如 1,234.50），小数点请用“.”；也可以不写千位分隔符"


def ambiguous_message(raw: object) -> str:
    """'12,5' could be 12.5 or 125, '1.314,45' 1314.45 or 1.31, '86 40' 8640 or 86.40: never
    guessed, always asked."""
    if is_spaced(raw):
        return f"“{display_value(raw)}”的数字中间有空格，无法确定数值（漏了小数点或多打了空格？）"
    return f"“{display_value(raw)}”中的逗号不是千位分隔符，无法确定数值（是小数点吗？）"



def is_ambiguous(raw: object) -> bool:
    """'12,5', '1.314,45': digits with a comma that is not a thousands separator."""
    if not isinstance(raw, str):
        return False
    try:
        number_text(raw)
    except AmbiguousNumber:
        return True
    except NotANumber:
        return False
    return False
