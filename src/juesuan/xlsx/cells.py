"""The cached cell values of every worksheet of an .xlsx, read straight from the zip.

Why not openpyxl: reading is all ``check`` does, and importing openpyxl costs more than the
whole check (it pulls in numpy and PIL when they are installed).  This reader streams each
part through expat with a document type declaration forbidden outright, so entity tricks
(billion laughs, external entities) stop at the first ``<!DOCTYPE`` whatever the part's
encoding, and it stops reading a sheet after ``max_rows`` rows, so a huge sheet costs no more
than a normal one.  Values follow openpyxl's ``data_only=True`` conventions (str, int, float,
bool, datetime, error text such as ``#DIV/0!``; a formula without a cached result is None and
is listed in ``formulas_without_value``).
"""
from __future__ import annotations

import datetime as dt
import math
import posixpath
import re
import zipfile
from dataclasses import dataclass, field

from juesuan.model.textnorm import scrub
from juesuan.xlsx.safety import MAX_MEMBER_BYTES
from juesuan.xlsx.xml import PartError, UnsafeXML, _local, _parse, _Stop  # noqa: F401 (re-exported

MAX_STRINGS = 1_000_000  # a 决算 workbook has a few thousand; millions only slow everything down


@dataclass
class SheetValues:
    name: str
    rows: list[list[object]]
    formulas_without_value: dict[str, str] = field(default_factory=dict)  # 'C33' -> '=SUM(…)'
    truncated: bool = False  # more rows than max_rows
    # cells whose stored text was damaged: 'C10' -> (kind, Chinese description); kind is
    # TEXT_REPLACED (characters removed or replaced, the rest read) or STRING_MISSING (the
    # cell points at a shared string that does not exist: read as blank)
    notes: dict[str, tuple[str, str]] = field(default_factory=dict)
    hidden: bool = False  # state="hidden" or "veryHidden" in workbook.xml
    hidden_rows: list[int] = field(default_factory=list)  # 0-based rows with hidden="1"
    # the workbook asks to be recalculated on opening (calcPr fullCalcOnLoad="1"): the cached
    # results of its formulas were written by a program that does not calculate (often 0), so
    # every formula cell is in ``formulas_without_value`` instead of read
    recalc: bool = False


TEXT_REPLACED, STRING_MISSING = "text", "string"


# -- number formats -----------------------------------------------------------------------
# Built-in date/time formats; 27–36 and 50–58 are the 年月日 formats of the Chinese locale.
_DATE_IDS = set(range(14, 23)) | set(range(27, 37)) | {45, 46, 47} | set(range(50, 59))
_FMT_STRIP = re.compile(r'"[^"]*"|\\.|\[(?![hms]+\])[^\]]*\]', re.IGNORECASE)
_FMT_DATE = re.compile(r"[dmyhs年月日时分秒]", re.IGNORECASE)


def _is_date_format(code: str) -> bool:
    code = _FMT_STRIP.sub("", code.split(";")[0])
    if code.lower() in ("general", "@", ""):
        return False
    return bool(_FMT_DATE.search(code))


def _date_styles(zf: zipfile.ZipFile, part: str | None, limit: int) -> set[int]:
    """Indexes of cellXfs whose number format is a date or time."""
    if not part:
        return set()
    custom: dict[int, str] = {}
    xf_fmt: list[int] = []
    where = []

    def start(name, attrs):
        name = _local(name)
        if name == "numFmt":
            try:
                custom[int(attrs.get("numFmtId", ""))] = attrs.get("formatCode", "")
            except ValueError:
                pass
        elif name == "cellXfs":
            where.append(True)
        elif name == "xf" and where:
            try:
                xf_fmt.append(int(attrs.get("numFmtId", "0")))
            except ValueError:
                xf_fmt.append(0)

    def end(name):
        if _local(name) == "cellXfs":
            where.clear()
            raise _Stop

    _parse(zf, part, start, end, limit=limit)
    return {i for i, fid in enumerate(xf_fmt)
            if (fid in custom and _is_date_format(custom[fid])) or (fid not in custom and fid in _DATE_IDS)}


def _from_serial(value: float, date1904: bool):
    """An Excel date serial as datetime (time for a fraction of a day); the number if absurd."""
    try:
        day, fraction = divmod(value, 1)
        diff = dt.timedelta(milliseconds=round(fraction * 86400000))
        if date1904:
            epoch = dt.datetime(1904, 1, 1)
        else:
            epoch = dt.datetime(1899, 12, 30)
            if 0 <= value < 1 and diff.days == 0:
                return (dt.datetime.min + diff).time()
            if 0 < value < 60:  # Excel counts a 1900-02-29 that never was
                day += 1
        if value < 0:
            return value
        return epoch + dt.timedelta(days=day) + diff
    except (OverflowError, ValueError):
        return value


_X_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


def _unescape_x(text: str) -> str:
    """Excel writes characters XML cannot hold (control characters) as _xHHHH_."""
    if "_x" not in text:
        return text
    return _X_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)


# -- shared strings -----------------------------------------------------------------------
def _shared_strings(zf: zipfile.ZipFile, part: str | None, limit: int,
                    damaged: dict[int, str] | None = None) -> list[str]:
    """The shared strings; the index and description of each that had to be scrubbed go into
    ``damaged``."""
    if not part:
        return []
    strings: list[str] = []
    buf: list[str] = []
    state = {"t": False, "rph": 0}

    def start(name, attrs):
        name = _local(name)
        if name == "t" and not state["rph"]:
            state["t"] = True
        elif name == "rPh":  # phonetic guide: not part of the text
            state["rph"] += 1
        elif name == "si":
            buf.clear()

    def end(name):
        name = _local(name)
        if name == "t":
            state["t"] = False
        elif name == "rPh":
            state["rph"] -= 1
        elif name == "si":
            text, note = scrub(_unescape_x("".join(buf)))
            if note and damaged is not None:
                damaged[len(strings)] = note
            strings.append(text)
            if len(strings) > MAX_STRINGS:
                raise PartError(part, f"共享字符串超过 {MAX_STRINGS} 条")

    def text(data):
        if state["t"]:
            buf.append(data)

    _parse(zf, part, start, end, text, limit=limit)
    return strings


# -- a worksheet --------------------------------------------------------------------------
_REF_RE = re.compile(r"([A-Za-z]{1,3})(\d+)$")


def col_index(letters: str) -> int:
    """A → 0, Z → 25, AA → 26 (the one column-letter conversion of the project)."""
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - 64
    return n - 1


def col_letters(col: int) -> str:
    """0 → A, 26 → AA."""
    letters = ""
    col += 1
    while col:
        col, rem = divmod(col - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def _number(text: str):
    text = text.strip()
    try:
        if "." in text or "e" in text or "E" in text:
            value = float(text)
        else:
            return int(text)
    except ValueError:
        try:
            value = float(text)  # " 1 " …
        except ValueError:
            return text
    if math.isnan(value) or (math.isinf(value) and text.lstrip("+-")[:1].isalpha()):
        return text  # "NaN", "inf": text, so the reader says 应为数字 (NaN compares with nothing)
    return value


class _SheetParser:
    """expat handlers for one worksheet: the per-cell work is kept small, it runs 10^4 times."""

    def __init__(self, strings: list[str], date_styles: set[int], date1904: bool, max_rows: int, max_cols: int,
                 damaged: dict[int, str] | None = None, recalc: bool = False):
        self.strings, self.date_styles, self.date1904 = strings, date_styles, date1904
        self.recalc = recalc
        self.hidden_rows: list[int] = []
        self.damaged = damaged or {}
        self.notes: dict[str, tuple[str, str]] = {}
        self.max_rows, self.max_cols = max_rows, max_cols
        self.grid: dict[int, dict[int, object]] = {}
        self.missing: dict[str, str] = {}
        self.truncated = False
        self.row = -1  # 0-based, of the current <row>
        self.col = -1  # 0-based, of the last <c>
        self.attrs: dict | None = None  # of the open <c>, None outside a cell
        self.v: list[str] | None = None
        self.f: list[str] | None = None
        self.inline: list[str] | None = None
        self.cap: list[str] | None = None  # where character data goes
        self.rph = 0

    def start(self, tag: str, attrs: dict) -> None:
        if ":" in tag:
            tag = tag.rpartition(":")[2]
        if tag == "c":
            self.attrs = attrs
            self.v = self.f = self.inline = None
        elif self.attrs is None:
            if tag == "row":
                r = attrs.get("r")
                self.row = int(r) - 1 if r and r.isdigit() else self.row + 1
                self.col = -1
                if self.row >= self.max_rows:
                    self.truncated = True
                    raise _Stop
                if attrs.get("hidden", "0").lower() in ("1", "true"):
                    self.hidden_rows.append(self.row)
            elif tag == "sheetData":
                self.row = -1
        elif tag == "v":
            self.cap = self.v = []
        elif tag == "f":
            self.cap = self.f = []
            if attrs.get("t") == "shared" and "ref" not in attrs:
                self.f.append("\0shared")
        elif tag == "is":
            self.inline = []
        elif tag == "t":
            if self.inline is not None and not self.rph:
                self.cap = self.inline
        elif tag == "rPh":
            self.rph += 1

    def end(self, tag: str) -> None:
        if ":" in tag:
            tag = tag.rpartition(":")[2]
        if tag == "c":
            attrs, self.attrs = self.attrs, None
            ref = attrs.get("r") if attrs else None
            m = _REF_RE.match(ref) if ref else None
            if m:
                self.col = col_index(m.group(1))
                self.row = int(m.group(2)) - 1
            else:
                self.col += 1
            if self.v is None and self.inline is None and self.f is None:
                return  # an empty, merely formatted cell
            row, col = self.row, self.col
            if row >= self.max_rows:
                self.truncated = True
                raise _Stop
            if col >= self.max_cols or row < 0 or col < 0:
                return
            value = None if self.recalc and self.f is not None else self.value(attrs, row, col)
            if value is not None:
                self.grid.setdefault(row, {})[col] = value
            elif self.f is not None:
                formula = "".join(self.f)
                self.missing[f"{col_letters(col)}{row + 1}"] = (
                    "（共享公式）" if not formula or formula.startswith("\0shared") else "=" + formula)
        elif tag in ("v", "f", "t"):
            self.cap = None
        elif tag == "rPh":
            self.rph -= 1

    def text(self, data: str) -> None:
        if self.cap is not None:
            self.cap.append(data)

    def text_value(self, text: str, row: int, col: int) -> str:
        text, note = scrub(_unescape_x(text))
        if note:
            self.notes[f"{col_letters(col)}{row + 1}"] = (TEXT_REPLACED, note)
        return text

    def value(self, attrs: dict, row: int, col: int):
        kind = attrs.get("t", "n")
        if kind == "inlineStr":
            return self.text_value("".join(self.inline), row, col) if self.inline is not None else None
        if self.v is None:
            return None
        raw = "".join(self.v)
        if kind == "s":
            try:
                index = int(raw)
                if index < 0:
                    raise IndexError(index)
                if index in self.damaged:
                    self.notes[f"{col_letters(col)}{row + 1}"] = (TEXT_REPLACED, self.damaged[index])
                return self.strings[index]
            except (ValueError, IndexError):
                count = len(self.strings)
                self.notes[f"{col_letters(col)}{row + 1}"] = (
                    STRING_MISSING, f"引用的第 {raw.strip()[:12]} 条共享字符串不存在（文件中只有 {count} 条）")
                return None
        if kind == "str":
            return self.text_value(raw, row, col)
        if kind == "e":
            return raw
        if kind == "b":
            return raw.strip() in ("1", "true")
        if kind == "d":
            try:
                return dt.datetime.fromisoformat(raw.strip().rstrip("Z"))
            except ValueError:
                return raw
        if not raw.strip():
            return None
        value = _number(raw)
        if self.date_styles and isinstance(value, (int, float)):
            try:
                style = int(attrs.get("s", 0))
            except ValueError:
                style = 0
            if style in self.date_styles:
                return _from_serial(value, self.date1904)
        return value


def _sheet(zf: zipfile.ZipFile, part: str, name: str, strings: list[str], date_styles: set[int],
           date1904: bool, max_rows: int, max_cols: int, limit: int,
           damaged: dict[int, str] | None = None, recalc: bool = False) -> SheetValues:
    p = _SheetParser(strings, date_styles, date1904, max_rows, max_cols, damaged, recalc)
    _parse(zf, part, p.start, p.end, p.text, limit=limit)
    rows: list[list[object]] = []
    if p.grid:
        for r in range(max(p.grid) + 1):
            cells = p.grid.get(r)
            if cells:
                row = [None] * (max(cells) + 1)
                for c, value in cells.items():
                    row[c] = value
                rows.append(row)
            else:
                rows.append([])
    return SheetValues(name, rows, p.missing, p.truncated, p.notes, hidden_rows=p.hidden_rows, recalc=recalc)


# -- the workbook -------------------------------------------------------------------------
def _rels(zf: zipfile.ZipFile, part: str, names: set[str], limit: int,
          required: bool = False) -> dict[str, tuple[str, str]]:
    """{Id: (part path, type)} of a part's relationships."""
    folder, base = posixpath.split(part)
    rels_part = posixpath.join(folder, "_rels", base + ".rels")
    out: dict[str, tuple[str, str]] = {}
    if rels_part not in names:
        if required:
            raise PartError(rels_part, f"缺失（压缩包中没有 {rels_part}，无法找到各工作表）")
        return out

    def start(tag, attrs):
        if _local(tag) == "Relationship" and attrs.get("TargetMode") != "External":
            target = attrs.get("Target", "")
            path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
            out[attrs.get("Id", "")] = (path, attrs.get("Type", ""))

    _parse(zf, rels_part, start, limit=limit)
    return out


def read_values(zf: zipfile.ZipFile, *, max_rows: int = 5000, max_cols: int = 60,
                part_limit: int = MAX_MEMBER_BYTES) -> list[SheetValues]:
    """Every worksheet (in workbook order, hidden ones too; chart sheets skipped)."""
    names = set(zf.namelist())
    wb_part = "xl/workbook.xml"
    sheets: list[tuple[str, str, bool]] = []
    flags = {"date1904": False, "recalc": False}

    def start(tag, attrs):
        tag = _local(tag)
        if tag == "sheet":
            rid = next((v for k, v in attrs.items() if _local(k) == "id"), "")
            sheets.append((attrs.get("name", ""), rid, attrs.get("state", "visible") != "visible"))
        elif tag == "workbookPr":
            flags["date1904"] = attrs.get("date1904", "0").lower() in ("1", "true")
        elif tag == "calcPr":  # after <sheets> and <definedNames>
            flags["recalc"] = attrs.get("fullCalcOnLoad", "0").lower() in ("1", "true")
            raise _Stop

    _parse(zf, wb_part, start, limit=part_limit)
    rels = _rels(zf, wb_part, names, part_limit, required=bool(sheets))
    by_type = {typ.rpartition("/")[2]: path for path, typ in rels.values()}
    strings_part = by_type.get("sharedStrings") or ("xl/sharedStrings.xml" if "xl/sharedStrings.xml" in names else None)
    styles_part = by_type.get("styles") or ("xl/styles.xml" if "xl/styles.xml" in names else None)
    damaged: dict[int, str] = {}
    strings = _shared_strings(zf, strings_part if strings_part in names else None, part_limit, damaged)
    date_styles = _date_styles(zf, styles_part if styles_part in names else None, part_limit)
    out = []
    for name, rid, hidden in sheets:
        path, typ = rels.get(rid, ("", ""))
        if not typ.endswith("/worksheet"):
            continue
        try:
            if path not in names:
                raise PartError(path, f"的内容缺失（压缩包中没有 {path}）")
            out.append(_sheet(zf, path, name, strings, date_styles, flags["date1904"], max_rows, max_cols, part_limit,
                              damaged, flags["recalc"]))
            out[-1].hidden = hidden
        except PartError as exc:
            exc.sheet = name
            raise
    return out


def sheet_names(path) -> list[str] | None:
    """The sheet names of an .xlsx in workbook order, or None when it is not a readable workbook."""
    names: list[str] = []

    def start(tag, attrs):
        if _local(tag) == "sheet":
            names.append(attrs.get("name", ""))

    def end(tag):
        if _local(tag) == "sheets":
            raise _Stop
    try:
        with zipfile.ZipFile(path) as zf:
            _parse(zf, "xl/workbook.xml", start, end, limit=MAX_MEMBER_BYTES)
    except Exception:  # noqa: BLE001 - not a zip, damaged, unsafe XML: not a workbook of ours
        return None
    return names
