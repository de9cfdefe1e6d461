"""Fuzzing: damaged variants of real workbooks through ``make-report check`` (and, once the
renderer exists, a sample of the clean ones through the default render command).

Every run must end with exit code 0, 1 or 2, Chinese output naming the problem, no traceback,
no Python exception name, and the input file byte-identical.

Variants are made by a seeded mutation generator, so a failure names the seed that rebuilds it.
Most variants edit the worksheet XML of an in-memory copy of the zip (a few milliseconds each);
a share is made with openpyxl (delete_rows, merge_cells, del wb[…] …) as a user's Excel would.
The normal suite runs ``JUESUAN_FUZZ_COUNT`` (default 300) variants; raise it for a long run:

    JUESUAN_FUZZ_COUNT=5000 python -m pytest tests/reader/test_fuzz_workbooks.py -q
    JUESUAN_FUZZ_SEED=7 …        another sequence of variants
"""
from __future__ import annotations

import html
import io
import json
import os
import random
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from robust_helpers import CJK_RE, assert_clean, digest, run_cli

from juesuan.workbooks.writer import write_workbook

COUNT = int(os.environ.get("JUESUAN_FUZZ_COUNT", "300"))
SEED = int(os.environ.get("JUESUAN_FUZZ_SEED", "20240"))
OPENPYXL_EVERY = 25  # one variant in 25 is mutated with openpyxl (slower: load + save)
RENDER_SAMPLE = int(os.environ.get("JUESUAN_FUZZ_RENDER", "5"))  # clean variants also rendered
EXAMPLES = ("a_jingkai_2024", "b_hanyang_2024", "c_synthetic_2024")

# -- the worksheet model: cells by (row, col), serialised back to XML ------------------------
_CELL_RE = re.compile(r'<c r="([A-Z]+)(\d+)"([^>]*?)(?:/>|>(.*?)</c>)', re.DOTALL)
_ATTR_RE = re.compile(r'\b(s|t)="([^"]*)"')
_T_RE = re.compile(r"<t[^>]*>(.*?)</t>", re.DOTALL)
_SHEET_RE = re.compile(r'<sheet\b[^>]*?name="([^"]*)"[^>]*?r:id="([^"]*)"[^>]*/>')
MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_REL_RE = re.compile(r'<Relationship\b[^>]*?Target="([^"]*)"[^>]*?Id="([^"]*)"')

from juesuan.xlsx.cells import col_index, col_letters  # noqa: E402


def xml_text(text: str) -> str:
    """Text for a <t>: XML-escaped, control characters as Excel writes them (_x0001_)."""
    text = html.escape(text, quote=False).replace("_x", "_x005F_x")
    return re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", lambda m: f"_x{ord(m.group()):04X}_", text)


@dataclass
class Cell:
    s: str | None
    t: str | None
    inner: str

    @property
    def text(self) -> str | None:
        if self.t == "inlineStr":
            return html.unescape("".join(_T_RE.findall(self.inner)))
        return None

    @property
    def has_value(self) -> bool:
        return "<v>" in self.inner or "<is>" in self.inner

    def xml(self, ref: str | None) -> str:
        attrs = (f' r="{ref}"' if ref else "") + (f' s="{self.s}"' if self.s else "") + (f' t="{self.t}"' if self.t else "")
        return f'<c{attrs}>{self.inner}</c>' if self.inner else f'<c{attrs}/>'


@dataclass
class Sheet:
    prefix: str
    cells: dict[tuple[int, int], Cell]
    suffix: str
    hidden_rows: set[int] = field(default_factory=set)  # 0-based rows written with hidden="1"

    @classmethod
    def parse(cls, xml: str) -> Sheet:
        head, _, rest = xml.partition("<sheetData>")
        if not _:
            head, _, rest = xml.partition("<sheetData/>")
            return cls(head, {}, rest)
        body, _, tail = rest.partition("</sheetData>")
        cells = {}
        for letters, row, attrs, inner in _CELL_RE.findall(body):
            a = dict(_ATTR_RE.findall(attrs))
            cells[(int(row) - 1, col_index(letters))] = Cell(a.get("s"), a.get("t"), inner or "")
        return cls(head, cells, tail)

    def xml(self, refs: bool = True) -> str:
        """Rows and cells in order; without ``refs`` no r= attributes (as some generators write)."""
        rows: dict[int, list[tuple[int, Cell]]] = {}
        for (r, c), cell in self.cells.items():
            rows.setdefault(r, []).append((c, cell))
        body = "".join((f'<row r="{r + 1}"' if refs else "<row") + (' hidden="1">' if r in self.hidden_rows else ">")
                       + "".join(cell.xml(f"{col_letters(c)}{r + 1}" if refs else None)
                                 for c, cell in sorted(cs, key=lambda x: x[0])) + "</row>"
                       for r, cs in sorted(rows.items()))
        return f"{self.prefix}<sheetData>{body}</sheetData>{self.suffix}"

    def copy(self) -> Sheet:
        return Sheet(self.prefix, dict(self.cells), self.suffix, set(self.hidden_rows))


@dataclass
class Source:
    name: str
    data: bytes  # the workbook as written
    parts: dict[str, bytes]
    sheets: dict[str, str]  # sheet name -> part
    models: dict[str, Sheet] = field(default_factory=dict)
    date_style: str = "0"

    @classmethod
    def load(cls, name: str, path: Path) -> Source:
        data = path.read_bytes()
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            parts = {i.filename: zf.read(i) for i in zf.infolist()}
        rels = {rid: target for target, rid in _REL_RE.findall(parts["xl/_rels/workbook.xml.rels"].decode())}
        sheets = {}
        for sheet_name, rid in _SHEET_RE.findall(parts["xl/workbook.xml"].decode()):
            target = rels[rid]
            sheets[html.unescape(sheet_name)] = target.lstrip("/") if target.startswith("/") else "xl/" + target
        src = cls(name, data, parts, sheets)
        src.models = {n: Sheet.parse(parts[p].decode()) for n, p in sheets.items()}
        # one more cell style, a date format, for "a date typed into a money cell"
        styles = parts["xl/styles.xml"].decode()
        m = re.search(r'<cellXfs count="(\d+)">', styles)
        if m:
            n = int(m.group(1))
            styles = styles.replace(m.group(0), f'<cellXfs count="{n + 1}">', 1).replace(
                "</cellXfs>", '<xf numFmtId="14" fontId="0" fillId="0" borderId="0" applyNumberFormat="1"/></cellXfs>', 1)
            src.parts["xl/styles.xml"] = styles.encode()
            src.date_style = str(n)
        return src


# -- mutations ------------------------------------------------------------------------------------
LONG = "长" * 40000
HEADERS = ["行次", "栏次", "项目", "金额", "合计", "总计", "编号", "填写值", "经济分类科目编码", "科目编码",
           "功能分类科目编码", "科目名称", "本年支出合计", "基本支出", "项目支出", "收入", "支出"]
TEXTS = ["壹万", "abc", "1,234.50", " 12 ", "１２３．４", "—", "-", "/", "N/A", "", " ", "¥100", "100万元",
         "12.3.4", "1e5", "+5", "(100)", "﻿", "\u3000", "是", "否", "部门决算", "区级", LONG, "{{ 7*7 }}",
         "{% for x in y %}", "<w:p>", "A & B", "]]>", "&amp;", "\n\n", "第一条\r\n第二条", "行\x01政\x07运\x1f行",
         "=SUM(A1:A3)", "2024-13-45", "2024年10月20日", "201", "2012901", "99999999", "😀", "\\", "'; DROP",
         # issue 16: separators, full-width and look-alike codes
         "12,5", "1.314,45", "1,2345", "１，２３４．５", "２０１２９０１", "'2012901", "2012901\u200b", "=1+1",
         '=HYPERLINK("http://example.invalid","x")']
# issue 16: text as Excel stores characters XML cannot hold; surrogates among them
RAW_TEXTS = ["1_xD800_2", "代理_xDFFF_项", "_xD83D__xDE00_", "行_x0001_政", "_x000B_", "12_xFFFE_"]
NUMBERS = ["0", "-0", "-1", "-120.5", "0.005", "0.004999", "1e-9", "123456789012", "1e15", "1E+30", "1e308",
           "-1e308", "99999999999999999999999999999", "3.14159265358979", "45292", "12345.678", "1.5",
           "0.1", "20", "100", "NaN", "nan", "inf", "-Infinity", "1e309"]
ERRORS = ["#DIV/0!", "#REF!", "#N/A", "#VALUE!", "#NAME?"]
NEW_NAMES = ["Sheet1", "公开05表", "公开1表", "表3", "(表4)", "一般公共预算财政拨款支出决算表", "  公开02表 ", "概况 ",
             "x" * 31, "设置", "表7", "三公"]


def _value_cell(rng: random.Random, src: Source, old: Cell | None) -> tuple[Cell | None, str]:
    style = old.s if old else None
    kind = rng.choice(["text", "text", "number", "number", "bool", "date", "error", "formula", "formula_cached",
                       "empty", "bad_type", "raw_text"])
    if kind == "raw_text":  # _xHHHH_ escapes written as they are (xml_text would escape them)
        text = rng.choice(RAW_TEXTS)
        return Cell(style, "inlineStr", f'<is><t xml:space="preserve">{text}</t></is>'), f"raw text {text!r}"
    if kind == "text":
        text = rng.choice(TEXTS)
        return Cell(style, "inlineStr", f'<is><t xml:space="preserve">{xml_text(text)}</t></is>'), f"text {text[:20]!r}"
    if kind == "number":
        n = rng.choice(NUMBERS)
        return Cell(style, "n", f"<v>{n}</v>"), f"number {n}"
    if kind == "bool":
        return Cell(style, "b", f"<v>{rng.choice('01')}</v>"), "bool"
    if kind == "date":
        return Cell(src.date_style, "n", f"<v>{rng.choice(['45292', '45657.5', '1', '60', '2958465'])}</v>"), "date"
    if kind == "error":
        e = rng.choice(ERRORS)
        return Cell(style, "e", f"<f>1/0</f><v>{e}</v>"), f"error {e}"
    if kind == "formula":
        return Cell(style, None, "<f>SUM(C7:C9)</f>"), "formula without value"
    if kind == "formula_cached":
        return Cell(style, None, f"<f>SUM(C7:C9)</f><v>{rng.choice(NUMBERS)}</v>"), "formula with value"
    if kind == "bad_type":
        return Cell(style, rng.choice(["s", "b", "n", "d", "zz"]), f"<v>{rng.choice(['abc', '999', '-1', ''])}</v>"), "bad type"
    return None, "empty"


def _pick_cell(rng: random.Random, sheet: Sheet):
    """Mostly a number cell (the amounts are where the checks look), else any filled cell."""
    numbers = [k for k, c in sheet.cells.items() if c.t in (None, "n") and "<v>" in c.inner]
    if numbers and rng.random() < 0.6:
        return rng.choice(numbers)
    keys = [k for k, c in sheet.cells.items() if c.has_value]
    return rng.choice(keys) if keys else (rng.randrange(0, 30), rng.randrange(0, 10))


def mutate_xml(rng: random.Random, src: Source) -> tuple[bytes, list[str]]:
    """A damaged copy of ``src`` (1–4 mutations) and what was done, for the failure message."""
    parts = dict(src.parts)
    names = list(src.sheets)
    order = list(names)
    renames: dict[str, str] = {}
    sheets: dict[str, Sheet] = {}
    done: list[str] = []
    no_refs: set[str] = set()
    shared = False
    extra: list[tuple[str, str, bool]] = []  # (sheet, copy's name, hide the original)
    extra_hidden: set[str] = set()  # sheets to hide (issue 22)

    def sheet(name: str) -> Sheet:
        if name not in sheets:
            sheets[name] = src.models[name].copy()
        return sheets[name]

    # table sheets most of the time: that is where the arithmetic is
    weighted = [n for n in names if n.startswith("公开")] * 3 + names
    for _ in range(rng.choice([1, 1, 2, 2, 3, 4, 6])):
        name = rng.choice(weighted)
        op = rng.choice(["cell"] * 8 + ["header"] * 2 + ["del_row", "ins_row", "del_col", "dup_row", "swap_rows",
                        "merge", "del_sheet", "rename_sheet", "clear_sheet", "far_cell", "truncate", "long_row",
                        "no_refs", "to_shared", "bad_rel", "date1904",
                        # issue 16
                        "fullwidth", "dup_sheet", "dup_field", "long_name", "many_rows",
                        # issue 22
                        "formula_zero", "calc_flag", "hide_sheet", "hide_rows", "unit_header", "spaced_digits"])
        sh = sheet(name)
        if op == "cell":
            key = _pick_cell(rng, sh)
            cell, what = _value_cell(rng, src, sh.cells.get(key))
            if cell is None:
                sh.cells.pop(key, None)
            else:
                sh.cells[key] = cell
            done.append(f"{name}!{col_letters(key[1])}{key[0] + 1} := {what}")
        elif op == "header":
            keys = [k for k, c in sh.cells.items() if c.text and any(h in c.text for h in HEADERS)]
            if not keys:
                continue
            key = rng.choice(keys)
            old = sh.cells[key].text or ""
            new = rng.choice([old.replace("次", "号"), old + "（万元）", " ".join(old), "", old[::-1], old.upper() + "1"])
            sh.cells[key] = Cell(sh.cells[key].s, "inlineStr", f"<is><t>{xml_text(new)}</t></is>")
            done.append(f"{name}!{col_letters(key[1])}{key[0] + 1} header {old!r} -> {new!r}")
        elif op in ("del_row", "ins_row"):
            row = rng.randrange(0, max(r for r, _ in sh.cells) + 1) if sh.cells else 0
            shift = -1 if op == "del_row" else 1
            sh.cells = {((r + shift if r > row else r), c): v for (r, c), v in sh.cells.items()
                        if not (op == "del_row" and r == row)}
            done.append(f"{name} {op} {row + 1}")
        elif op == "del_col":
            col = rng.randrange(0, max((c for _, c in sh.cells), default=0) + 1)
            sh.cells = {(r, (c - 1 if c > col else c)): v for (r, c), v in sh.cells.items() if c != col}
            done.append(f"{name} del_col {col_letters(col)}")
        elif op in ("dup_row", "swap_rows") and sh.cells:
            rows = sorted({r for r, _ in sh.cells})
            a, b = rng.choice(rows), rng.choice(rows)
            row_a = {c: v for (r, c), v in sh.cells.items() if r == a}
            row_b = {c: v for (r, c), v in sh.cells.items() if r == b}
            sh.cells = {k: v for k, v in sh.cells.items() if k[0] != b and (op == "dup_row" or k[0] != a)}
            sh.cells.update({(b, c): v for c, v in row_a.items()})
            if op == "swap_rows":
                sh.cells.update({(a, c): v for c, v in row_b.items()})
            done.append(f"{name} {op} {a + 1} {b + 1}")
        elif op == "merge":
            r0, c0 = rng.randrange(0, 25), rng.randrange(0, 6)
            r1, c1 = r0 + rng.randrange(0, 4), c0 + rng.randrange(0, 3)
            for r in range(r0, r1 + 1):
                for c in range(c0, c1 + 1):
                    if (r, c) != (r0, c0):
                        sh.cells.pop((r, c), None)  # Excel keeps only the top-left value
            ref = f"{col_letters(c0)}{r0 + 1}:{col_letters(c1)}{r1 + 1}"
            if "<mergeCells" in sh.suffix:
                merge = f'<mergeCell ref="{ref}"/>'
                sh.suffix = re.sub(r"<mergeCells[^>]*>", lambda m, merge=merge: m.group(0) + merge, sh.suffix, count=1)
            else:
                sh.suffix = f'<mergeCells count="1"><mergeCell ref="{ref}"/></mergeCells>' + sh.suffix
            done.append(f"{name} merge {ref}")
        elif op == "del_sheet" and name in order:
            order.remove(name)
            done.append(f"del_sheet {name}")
        elif op == "rename_sheet":
            new = rng.choice(NEW_NAMES + [n for n in names if n != name])
            renames[name] = new
            done.append(f"rename_sheet {name} -> {new}")
        elif op == "clear_sheet":
            sh.cells = {}
            done.append(f"clear_sheet {name}")
        elif op == "far_cell":
            row = rng.choice([5001, 6000, 1048575])
            sh.cells[(row, rng.randrange(0, 16384))] = Cell(None, "n", "<v>1</v>")
            done.append(f"{name} far cell row {row + 1}")
        elif op == "long_row":
            r = rng.randrange(0, 40)
            for c in range(200):
                sh.cells[(r, c)] = Cell(None, "n", f"<v>{c}</v>")
            done.append(f"{name} row {r + 1} 200 columns")
        elif op == "no_refs":
            no_refs.add(name)
            done.append(f"{name} without r= attributes")
        elif op == "to_shared":
            shared = True
            done.append("strings as Excel writes them (sharedStrings)")
        elif op == "bad_rel":
            rels = parts["xl/_rels/workbook.xml.rels"].decode()
            target = src.sheets[name].removeprefix("xl/")
            new = rng.choice([target.replace(".xml", "x.xml"), target, target])
            kind = rng.choice(["worksheet", "chartsheet"]) if new == target else "worksheet"
            typ = f'Type="{REL_NS}/{kind}"'
            rels = re.sub(r'(<Relationship\b[^>]*?)Type="[^"]*/worksheet"([^>]*?Target="/?(?:xl/)?' + re.escape(target)
                          + r'")', lambda m, typ=typ: m.group(1) + typ + m.group(2), rels, count=1)
            rels = rels.replace(f"{target}\"", f"{new}\"", 1)
            parts["xl/_rels/workbook.xml.rels"] = rels.encode()
            done.append(f"{name}: relationship -> {kind} {new}")
        elif op == "date1904":
            wb = parts["xl/workbook.xml"].decode()
            parts["xl/workbook.xml"] = re.sub(r"<workbookPr[^>]*/>", '<workbookPr date1904="1"/>', wb, 1).encode()
            done.append("1904 date system")
        elif op == "fullwidth":  # every digit of a code or number cell as its full-width twin
            keys = [k for k, c in sh.cells.items() if c.has_value]
            if not keys:
                continue
            key = rng.choice(keys)
            cell = sh.cells[key]
            raw = cell.text if cell.text is not None else "".join(re.findall(r"<v>(.*?)</v>", cell.inner))
            wide = raw.translate(str.maketrans("0123456789.,-", "０１２３４５６７８９．，－"))
            sh.cells[key] = Cell(cell.s, "inlineStr", f"<is><t>{xml_text(wide)}</t></is>")
            done.append(f"{name}!{col_letters(key[1])}{key[0] + 1} full-width {wide[:20]!r}")
        elif op == "dup_sheet":  # a copy beside the original (visible or the original hidden), or a twin name
            mode = rng.choice(["copy", "copy_hide", "same_name"])
            new = name if mode == "same_name" else f"{name} (2)"
            extra.append((name, new, mode == "copy_hide"))
            done.append(f"dup_sheet {name} -> {new!r} {mode}")
        elif op == "dup_field":  # a form row pasted again further down
            rows = sorted({r for r, _ in sh.cells})
            if not rows:
                continue
            row = rng.choice(rows)
            below = max(rows) + rng.randrange(1, 5)
            for (r, c), v in list(sh.cells.items()):
                if r == row:
                    sh.cells[(below, c)] = v
            done.append(f"{name} row {row + 1} copied to {below + 1}")
        elif op == "long_name":  # 部门全称 too long, path-like or a formula
            gen = sheet("概况")
            key = next(((r, 2) for (r, c), v in gen.cells.items() if c == 0 and v.text == "G01"), (2, 2))
            text = rng.choice(["局" * rng.randrange(90, 400), "../x", "..", "CON", "A" * 300, "=1+1", "a/b\\c:d"])
            gen.cells[key] = Cell(None, "inlineStr", f"<is><t>{xml_text(text)}</t></is>")
            done.append(f"概况 G01 := {text[:20]!r}… ({len(text)})")
        elif op == "many_rows":  # a large department: 100+ projects or items
            rows = sorted({r for r, _ in sh.cells})
            if len(rows) < 3:
                continue
            row = rows[-1] if rng.random() < 0.5 else rows[2]
            count = rng.randrange(100, 160)
            template = {c: v for (r, c), v in sh.cells.items() if r == row}
            for k in range(1, count + 1):
                for c, v in template.items():
                    sh.cells[(rows[-1] + k, c)] = v
            done.append(f"{name} row {row + 1} repeated {count} times")
        elif op == "formula_zero":  # a formula whose cached result is 0, as xlsxwriter and scripts write it
            key = _pick_cell(rng, sh)
            sh.cells[key] = Cell(sh.cells[key].s if key in sh.cells else None, None, "<f>SUM(C7:C9)</f><v>0</v>")
            done.append(f"{name}!{col_letters(key[1])}{key[0] + 1} := formula cached 0")
        elif op == "calc_flag":  # fullCalcOnLoad set (scripts) or dropped (Excel saved the file)
            wb = parts["xl/workbook.xml"].decode()
            if rng.random() < 0.5:
                wb = wb.replace(' fullCalcOnLoad="1"', "")
                done.append("calcPr without fullCalcOnLoad")
            else:
                wb = wb.replace("<calcPr ", '<calcPr fullCalcOnLoad="1" ', 1) if "fullCalcOnLoad" not in wb else wb
                done.append("calcPr fullCalcOnLoad=1")
            parts["xl/workbook.xml"] = wb.encode()
        elif op == "hide_sheet":  # a sheet hidden in Excel (a stale one, or the one in use by mistake)
            extra_hidden.add(name)
            done.append(f"hide_sheet {name}")
        elif op == "hide_rows":
            rows = sorted({r for r, _ in sh.cells})
            if not rows:
                continue
            picked = set(rng.sample(rows, min(len(rows), rng.randrange(1, 4))))
            sh.hidden_rows |= picked
            done.append(f"{name} hide_rows {sorted(r + 1 for r in picked)}")
        elif op == "unit_header":  # amounts declared in 元 (or another unit) above a table
            keys = [k for k, c in sh.cells.items() if c.text and "单位" in c.text and "万元" in c.text]
            if not keys:
                continue
            key = rng.choice(keys)
            new = rng.choice(["单位：元", "单位: 元", "金额单位：元", "单位：千元", "单位：亿元", "单位：万元 "])
            sh.cells[key] = Cell(sh.cells[key].s, "inlineStr", f"<is><t>{xml_text(new)}</t></is>")
            done.append(f"{name}!{col_letters(key[1])}{key[0] + 1} unit {new!r}")
        elif op == "spaced_digits":  # "86 40", "125 0": a digit group split by a space
            keys = [k for k, c in sh.cells.items() if c.t in (None, "n") and re.search(r"<v>\d{2,}", c.inner)]
            if not keys:
                continue
            key = rng.choice(keys)
            digits = re.search(r"<v>([^<]*)</v>", sh.cells[key].inner).group(1)
            cut = rng.randrange(1, len(digits))
            text = digits[:cut] + rng.choice([" ", "\u00a0", "\u3000"]) + digits[cut:]
            sh.cells[key] = Cell(sh.cells[key].s, "inlineStr", f'<is><t xml:space="preserve">{xml_text(text)}</t></is>')
            done.append(f"{name}!{col_letters(key[1])}{key[0] + 1} spaced digits {text!r}")
        elif op == "truncate":
            sheets.pop(name, None)
            xml = src.parts[src.sheets[name]]
            parts[src.sheets[name]] = xml[: rng.randrange(0, len(xml))]
            done.append(f"truncate part of {name}")
    if shared:
        for name in names:
            sheet(name)
        table: dict[str, int] = {}
        for sh in sheets.values():
            for key, cell in list(sh.cells.items()):
                if cell.t == "inlineStr":
                    text = "".join(_T_RE.findall(cell.inner))
                    index = table.setdefault(text, len(table))
                    if rng.random() < 0.002:
                        index = rng.choice([len(table) + 5, -1])
                    sh.cells[key] = Cell(cell.s, "s", f"<v>{index}</v>")
        sst = "".join(f'<si><t xml:space="preserve">{t}</t></si>' for t in table)
        parts["xl/sharedStrings.xml"] = (f'<sst xmlns="{MAIN_NS}" count="{len(table)}" uniqueCount="{len(table)}">'
                                         f"{sst}</sst>").encode()
        rels = parts["xl/_rels/workbook.xml.rels"].decode()
        parts["xl/_rels/workbook.xml.rels"] = rels.replace("</Relationships>", f'<Relationship Id="rIdSST" Type="{REL_NS}/'
                                                           'sharedStrings" Target="sharedStrings.xml"/></Relationships>').encode()
        types = parts["[Content_Types].xml"].decode()
        parts["[Content_Types].xml"] = types.replace("</Types>", '<Override PartName="/xl/sharedStrings.xml" ContentType='
                                                     '"application/vnd.openxmlformats-officedocument.spreadsheetml.'
                                                     'sharedStrings+xml"/></Types>').encode()
    for name, sh in sheets.items():
        parts[src.sheets[name]] = sh.xml(refs=name not in no_refs).encode()
    if order != names or renames:
        wb = src.parts["xl/workbook.xml"].decode()
        used: set[str] = set()
        for name in names:
            pattern = re.compile(r'<sheet\b[^>]*?name="' + re.escape(html.escape(name, quote=True)) + r'"[^>]*/>')
            if name not in order:
                wb = pattern.sub("", wb, 1)
            elif name in renames:
                new = renames[name]
                if new in used or (new in names and new not in renames and new in order):
                    new = new + "2"  # Excel refuses duplicate names; so do we
                used.add(new)
                old_attr, new_attr = f'name="{html.escape(name, quote=True)}"', f'name="{html.escape(new, quote=True)}"'
                wb = pattern.sub(lambda m, a=old_attr, b=new_attr: m.group(0).replace(a, b), wb, count=1)
        parts["xl/workbook.xml"] = wb.encode()
    for n, (name, new, hide) in enumerate(extra):
        _add_sheet(parts, parts[src.sheets[name]], name, new, hide, n)
    if extra_hidden:
        wb = parts["xl/workbook.xml"].decode()
        for name in extra_hidden:
            wb = re.sub(r'(<sheet\b[^>]*?name="' + re.escape(html.escape(name, quote=True)) + r'"[^>]*?state=")visible(")',
                        r"\1hidden\2", wb, count=1)
        parts["xl/workbook.xml"] = wb.encode()
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        for part, data in parts.items():
            zf.writestr(part, data)
    return buf.getvalue(), done


def _add_sheet(parts: dict[str, bytes], xml: bytes, name: str, new: str, hide: bool, n: int) -> None:
    """One more worksheet entry (and part) in the zip: a copy of ``xml`` named ``new``."""
    part = f"xl/worksheets/fuzzcopy{n}.xml"
    parts[part] = xml
    rid = f"rIdFuzz{n}"
    parts["xl/_rels/workbook.xml.rels"] = parts["xl/_rels/workbook.xml.rels"].decode().replace(
        "</Relationships>", f'<Relationship Id="{rid}" Type="{REL_NS}/worksheet" Target="/{part}"/></Relationships>'
    ).encode()
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].decode().replace(
        "</Types>", f'<Override PartName="/{part}" ContentType="application/vnd.openxmlformats-officedocument.'
        'spreadsheetml.worksheet+xml"/></Types>').encode()
    wb = parts["xl/workbook.xml"].decode()
    entry = (f'<sheet xmlns:r="{REL_NS}" name="{html.escape(new, quote=True)}" sheetId="{900 + n}" state="visible" '
             f'r:id="{rid}"/>')
    wb = wb.replace("</sheets>", entry + "</sheets>", 1)
    if hide:
        wb = re.sub(r'(<sheet\b[^>]*?name="' + re.escape(html.escape(name, quote=True)) + r'"[^>]*?state=")visible(")',
                    r"\1hidden\2", wb, count=1)
    parts["xl/workbook.xml"] = wb.encode()


def mutate_openpyxl(rng: random.Random, src: Source) -> tuple[bytes, list[str]]:
    """The structural edits a user makes in Excel, done by openpyxl."""
    import datetime as dt

    import openpyxl
    wb = openpyxl.load_workbook(io.BytesIO(src.data))
    done = []
    for _ in range(rng.choice([1, 2, 3])):
        tables = [ws for ws in wb.worksheets if ws.title.startswith("公开")]
        ws = rng.choice(tables + wb.worksheets)
        op = rng.choice(["delete_rows", "delete_cols", "insert_rows", "merge", "del_sheet", "title", "values"])
        if op == "delete_rows":
            at, n = rng.randrange(1, 40), rng.randrange(1, 4)
            ws.delete_rows(at, n)
            done.append(f"{ws.title} delete_rows({at}, {n})")
        elif op == "delete_cols":
            at = rng.randrange(1, 9)
            ws.delete_cols(at)
            done.append(f"{ws.title} delete_cols({at})")
        elif op == "insert_rows":
            at = rng.randrange(1, 40)
            ws.insert_rows(at, rng.randrange(1, 3))
            done.append(f"{ws.title} insert_rows({at})")
        elif op == "merge":
            r, c = rng.randrange(1, 30), rng.randrange(1, 6)
            ref = f"{col_letters(c - 1)}{r}:{col_letters(c + rng.randrange(0, 2))}{r + rng.randrange(0, 3)}"
            ws.merge_cells(ref)
            done.append(f"{ws.title} merge_cells({ref})")
        elif op == "del_sheet" and len(wb.worksheets) > 1:
            done.append(f"del wb[{ws.title}]")
            del wb[ws.title]
        elif op == "title":
            new = rng.choice(NEW_NAMES)
            if new not in wb.sheetnames:
                done.append(f"{ws.title}.title = {new}")
                ws.title = new
        else:
            for _ in range(5):
                r, c = rng.randrange(1, 40), rng.randrange(1, 9)
                value = rng.choice([dt.date(2024, 1, 1), dt.datetime(2024, 5, 6, 7, 8), True, False, -1e20,
                                    10 ** 20, "=A1*2", LONG, "", None, "壹万", 0.1 + 0.2, -0.005])
                try:
                    ws.cell(r, c).value = value
                except AttributeError:  # a merged cell is read-only in openpyxl, as in Excel
                    continue
                done.append(f"{ws.title}!{col_letters(c - 1)}{r} = {str(value)[:20]!r}")
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue(), done


# -- the test ---------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def sources(tmp_path_factory, examples) -> list[Source]:
    from minidata_helpers import mini

    from juesuan.maintenance.examples import report_from_data
    folder = tmp_path_factory.mktemp("fuzz-sources")
    out = [Source.load("blank", write_workbook(folder / "blank.xlsx")),
           Source.load("mini", write_workbook(folder / "mini.xlsx", report_from_data(mini())))]
    for name in EXAMPLES:
        if (examples / f"{name}.xlsx").exists():
            out.append(Source.load(name, examples / f"{name}.xlsx"))
    return out




def _check_output(out: str, code: int) -> None:
    if code == 2:
        assert "错误：" in out, out
    else:
        assert "审核完成：" in out, out
    if code == 1:
        assert "[错误]" in out, out


def test_damaged_workbooks_never_crash(sources, tmp_path):
    failures: list[str] = []
    rendered = 0
    codes = {0: 0, 1: 0, 2: 0}
    log: list[str] = []
    for i in range(COUNT):
        seed = SEED + i
        rng = random.Random(seed)
        src = sources[i % len(sources)]
        use_openpyxl = i % OPENPYXL_EVERY == OPENPYXL_EVERY - 1 and src.name != "blank"
        data, done = (mutate_openpyxl if use_openpyxl else mutate_xml)(rng, src)
        log += done
        path = tmp_path / f"v{i:05d}.xlsx"
        path.write_bytes(data)
        before = digest(path)
        where = f"seed {seed} ({src.name}, {'openpyxl' if use_openpyxl else 'xml'}): {'; '.join(done)}"
        try:
            as_json = rng.random() < 0.1
            result = run_cli(["check", "--json", str(path)] if as_json else ["check", str(path)])
            out = assert_clean(result, chinese=not as_json)
            if as_json:
                payload = json.loads(out)
                assert payload["readable"] == (result.exit_code != 2)
                assert payload["fatal"] is None or CJK_RE.search(payload["fatal"])
                assert all(CJK_RE.search(f["message"]) for f in payload["findings"]), out
            else:
                _check_output(out, result.exit_code)
            codes[result.exit_code] += 1
            if result.exit_code == 0 and rendered < RENDER_SAMPLE:
                rendered += 1
                docx = tmp_path / f"v{i:05d}.docx"
                out = assert_clean(run_cli([str(path), "-o", str(docx)]), codes=(0, 1))
                assert docx.exists() and docx.stat().st_size > 0, out
                docx.unlink()
            assert digest(path) == before, "input workbook changed"
        except AssertionError as exc:
            failures.append(f"{where}\n    {str(exc)[:1500]}")
            (tmp_path / "failed").mkdir(exist_ok=True)
            path.rename(tmp_path / "failed" / path.name)
            continue
        path.unlink()
    print(f"\nfuzz: {COUNT} variants, exit codes {codes}, rendered {rendered}")
    assert not failures, f"{len(failures)} of {COUNT} variants failed:\n" + "\n".join(failures[:20])
    assert sum(codes.values()) == COUNT
    if COUNT >= 300:  # the mutation kinds of issue 16 are part of every normal run
        joined = "\n".join(log)
        for kind, pattern in {**ISSUE16_KINDS, **ISSUE22_KINDS}.items():
            assert re.search(pattern, joined), f"no {kind} mutation in {COUNT} variants"


ISSUE16_KINDS = {"NaN/inf": r"number (?:NaN|nan|inf|-Infinity|1e309)", "surrogates": r"raw text '[^']*_xD[89A-F]",
                 "full-width": r"full-width|text '(?:１|２)", "separators": r"text '(?:12,5|1\.314,45|1,2345)'",
                 "duplicates": r"dup_sheet|copied to", "long names": r"概况 G01 :=", "many projects": r"repeated \d+ times"}


ISSUE22_KINDS = {"formula caches": r"formula cached 0", "fullCalcOnLoad": r"calcPr (?:fullCalcOnLoad=1|without)",
                 "hidden sheets": r"hide_sheet|copy_hide", "hidden rows": r"hide_rows", "unit headers": r"unit '",
                 "spaced digits": r"spaced digits"}


# -- what the fuzzer found, kept as plain regression tests ----------------------------------------
@pytest.mark.parametrize("value,expected", [
    (1e300, "大得不合理"), (-1e27, "大得不合理"), (10 ** 30, "大得不合理"), ("inf", "应为数字"), ("NaN", "应为数字"),
])
def test_absurd_amounts_are_findings_not_crashes(tmp_path, value, expected):
    import openpyxl
    from minidata_helpers import mini

    from juesuan.maintenance.examples import report_from_data
    path = write_workbook(tmp_path / "w.xlsx", report_from_data(mini()))
    wb = openpyxl.load_workbook(path)
    wb["公开03表"]["C10"] = value
    wb.save(path)
    out = assert_clean(run_cli(["check", str(path)]), codes=(1,))
    assert "公开03表!C10" in out and expected in out


@pytest.mark.parametrize("value", [99999, "inf", 1e300, -1])
def test_absurd_year_is_a_finding(tmp_path, value):
    import openpyxl
    from minidata_helpers import mini

    from juesuan.maintenance.examples import report_from_data
    path = write_workbook(tmp_path / "w.xlsx", report_from_data(mini()))
    wb = openpyxl.load_workbook(path)
    ws = wb["概况"]
    row = next(r for r in range(3, ws.max_row + 1) if ws.cell(r, 1).value == "G03")
    ws.cell(row, 3).value = value
    wb.save(path)
    out = assert_clean(run_cli(["check", str(path)]), codes=(1,))
    assert f"概况!C{row}" in out and "年度" in out
