"""Builders and assertions shared by the hostile-file, fuzz and file-safety tests.

Hostile files are built here byte by byte (zip entries, deflate streams, OLE containers), so
the tests need no fixtures on disk and no extra packages.
"""
from __future__ import annotations

import hashlib
import re
import struct
import zipfile
import zlib
from pathlib import Path

from click.testing import CliRunner

# A Python exception leaking into what the user sees: class names, traceback lines.
LEAK_RE = re.compile(r"Traceback|File \"|\b[A-Z][A-Za-z]*(?:Error|Exception|Warning)\b|\bKeyError\b|Errno")
CJK_RE = re.compile(r"[\u4e00-\u9fff]")


def digest(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def run_cli(args: list[str]):
    from juesuan_cli.main import cli
    return CliRunner().invoke(cli, args)


def assert_clean(result, codes=(0, 1, 2), chinese: bool = True) -> str:
    """Exit code in ``codes``, Chinese output, no traceback and no Python exception name."""
    out = result.output
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        import traceback
        tb = "".join(traceback.format_exception(result.exception))
        raise AssertionError(f"uncaught {type(result.exception).__name__}: {result.exception}\n"
                             f"{tb[-1200:]}\noutput:\n{out[-500:]}")
    assert result.exit_code in codes, (result.exit_code, out)
    assert not chinese or CJK_RE.search(out), out
    assert not LEAK_RE.search(out), out
    return out


# -- zip building ---------------------------------------------------------------------------
def raw_deflate(data: bytes, level: int = 6) -> bytes:
    c = zlib.compressobj(level, zlib.DEFLATED, -15)
    return c.compress(data) + c.flush()


def deflate_blocks(data: bytes) -> bytes:
    """A self-contained, byte-aligned deflate chunk (full flush, not final): chunks concatenate."""
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    return c.compress(data) + c.flush(zlib.Z_FULL_FLUSH)


FINAL_BLOCK = b"\x03\x00"  # an empty final block: ends a stream made of deflate_blocks()


class Member:
    def __init__(self, name: str, data: bytes | None = None, *, payload: bytes | None = None,
                 size: int | None = None, crc: int | None = None, method: int = 8, flags: int = 0):
        """``data`` is deflated here; or give the compressed ``payload`` and the declared ``size``/``crc``."""
        self.name = name.encode()
        if payload is None:
            assert data is not None
            payload = raw_deflate(data) if method == 8 else data
            size = len(data) if size is None else size
            crc = zlib.crc32(data) if crc is None else crc
        self.payload, self.size, self.crc = payload, size or 0, crc or 0
        self.method, self.flags = method, flags


def write_zip(path: Path, members: list[Member], declared_entries: int | None = None) -> Path:
    """A zip written by hand, so declared sizes, methods and flags can be anything."""
    out = bytearray()
    central = bytearray()
    for m in members:
        offset = len(out)
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, m.flags, m.method, 0, 0x21,
                           m.crc, len(m.payload), m.size, len(m.name), 0) + m.name + m.payload
        central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, m.flags, m.method, 0, 0x21,
                               m.crc, len(m.payload), m.size, len(m.name), 0, 0, 0, 0, 0, offset) + m.name
    n = len(members) if declared_entries is None else declared_entries
    eocd = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, n, n, len(central), len(out), 0)
    Path(path).write_bytes(bytes(out + central + eocd))
    return Path(path)


def members_of(xlsx: Path, replace: dict[str, bytes] | None = None) -> list[Member]:
    """The parts of a real workbook as Members, some replaced."""
    replace = replace or {}
    with zipfile.ZipFile(xlsx) as zf:
        return [Member(i.filename, replace.get(i.filename, zf.read(i))) for i in zf.infolist()]


def first_sheet_part(xlsx: Path) -> str:
    with zipfile.ZipFile(xlsx) as zf:
        return min(n for n in zf.namelist() if n.startswith("xl/worksheets/sheet"))


# -- OLE compound files ---------------------------------------------------------------------
def ole_file(streams: dict[str, bytes]) -> bytes:
    """A minimal but valid CFB (v3, 512-byte sectors) holding ``streams``.

    Each stream is padded to at least 4096 bytes so it lives in ordinary sectors (no mini
    stream); streams must be given in directory order (shorter names first).
    """
    sector = 512
    free, end, fatsect = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD
    bodies = [data.ljust(max(4096, -(-len(data) // sector) * sector), b"\0") for data in streams.values()]
    fat = [fatsect, end]  # sector 0: the FAT, sector 1: the directory
    starts = []
    for body in bodies:
        n = len(body) // sector
        first = len(fat)
        starts.append(first)
        fat += [first + i + 1 for i in range(n - 1)] + [end]
    assert len(fat) <= sector // 4
    fat += [free] * (sector // 4 - len(fat))

    def entry(name: str, kind: int, start: int, size: int, child=free, right=free) -> bytes:
        raw = name.encode("utf-16-le") + b"\0\0"
        return (raw.ljust(64, b"\0") + struct.pack("<HBBIII", len(raw), kind, 1, free, right, child)
                + b"\0" * 16 + b"\0" * 4 + b"\0" * 16 + struct.pack("<IQ", start, size))

    names = list(streams)
    directory = entry("Root Entry", 5, end, 0, child=1 if names else free)
    for i, (name, data) in enumerate(streams.items()):
        directory += entry(name, 2, starts[i], len(bodies[i]), right=i + 2 if i + 1 < len(names) else free)
    directory = directory.ljust(sector, b"\0")
    header = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 16
              + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) + b"\0" * 6
              + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, end, 0, end, 0)
              + struct.pack("<I", 0) + struct.pack("<I", free) * 108)
    assert len(header) == sector
    return header + struct.pack(f"<{sector // 4}I", *fat) + directory + b"".join(bodies)


# -- raw cell edits of a real workbook -------------------------------------------------------
def sheet_parts(xlsx: Path) -> dict[str, str]:
    """{sheet name: part path} of a workbook written by openpyxl (rId order = part order)."""
    import html
    with zipfile.ZipFile(xlsx) as zf:
        wb = zf.read("xl/workbook.xml").decode()
        rels = zf.read("xl/_rels/workbook.xml.rels").decode()
    targets = {rid: t for t, rid in re.findall(r'<Relationship\b[^>]*?Target="([^"]*)"[^>]*?Id="([^"]*)"', rels)}
    out = {}
    for name, rid in re.findall(r'<sheet\b[^>]*?name="([^"]*)"[^>]*?r:id="([^"]*)"', wb):
        target = targets[rid]
        out[html.unescape(name)] = target.lstrip("/") if target.startswith("/") else "xl/" + target
    return out


def set_raw_cells(xlsx: Path, out: Path, edits: dict[str, str], parts: dict[str, bytes] | None = None) -> Path:
    """Copy ``xlsx`` to ``out`` with cells replaced by raw XML: {'公开03表!C10': '<c …>…</c>'}.

    The new element replaces the cell of that reference (or is appended to its row)."""
    by_part: dict[str, dict[str, str]] = {}
    names = sheet_parts(xlsx)
    for where, xml in edits.items():
        sheet, _, ref = where.rpartition("!")
        by_part.setdefault(names[sheet], {})[ref] = xml
    replace = dict(parts or {})
    with zipfile.ZipFile(xlsx) as zf:
        for part, cells in by_part.items():
            text = zf.read(part).decode()
            for ref, xml in cells.items():
                pattern = re.compile(r'<c r="' + ref + r'"[^>]*?(?:/>|>.*?</c>)', re.DOTALL)
                if pattern.search(text):
                    text = pattern.sub(lambda m, xml=xml: xml, text, count=1)
                else:
                    row = re.sub(r"[A-Z]+", "", ref)
                    row_re = re.compile(r'(<row r="' + row + r'"[^>]*>)(.*?)(</row>)', re.DOTALL)
                    if row_re.search(text):
                        text = row_re.sub(lambda m, xml=xml: m.group(1) + m.group(2) + xml + m.group(3), text, count=1)
                    else:
                        text = text.replace("</sheetData>", f'<row r="{row}">{xml}</row></sheetData>', 1)
            replace[part] = text.encode()
    return write_zip(out, members_of(xlsx, replace))


def number_cell(ref: str, raw: str) -> str:
    return f'<c r="{ref}" t="n"><v>{raw}</v></c>'


def text_cell(ref: str, text: str) -> str:
    """An inline string; ``text`` is put in as given (so _xD800_ escapes stay escapes)."""
    import html
    return f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{html.escape(text, quote=False)}</t></is></c>'


def mini_workbook(folder: Path, name: str = "mini.xlsx", edit=None) -> Path:
    """The small consistent department of tests/minidata_helpers.py as a real workbook; ``edit(data)``
    may change the data first."""
    from minidata_helpers import mini

    from juesuan.maintenance.examples import report_from_data
    from juesuan.workbooks.writer import write_workbook
    data = mini()
    if edit is not None:
        edit(data)
    return write_workbook(Path(folder) / name, report_from_data(data))


def field_row(xlsx: Path, sheet: str, fid: str) -> int:
    """The 1-based row of a form field (column A holds the 编号: the id, or S01 … for a setting)."""
    import openpyxl

    from juesuan.spec.supplement import FIELDS
    shown = FIELDS[fid].shown_id if fid in FIELDS else fid
    ws = openpyxl.load_workbook(xlsx, read_only=True)[sheet]
    for r, row in enumerate(ws.iter_rows(min_col=1, max_col=1, values_only=True), start=1):
        if row[0] in (fid, shown):
            return r
    raise KeyError(fid)


def add_sheet_copy(xlsx: Path, out: Path, source: str, new_name: str, *, hide_source: bool = False,
                   edits: dict[str, str] | None = None) -> Path:
    """A copy of sheet ``source`` added as ``new_name`` (Excel's “移动或复制 → 建立副本”), optionally
    hiding the original; ``edits`` ({'C7': '<c …/>'}) change cells of the copy only."""
    import html
    parts = sheet_parts(xlsx)
    with zipfile.ZipFile(xlsx) as zf:
        data = {i.filename: zf.read(i) for i in zf.infolist()}
    xml = data[parts[source]].decode()
    for ref, cell in (edits or {}).items():
        xml = re.sub(r'<c r="' + ref + r'"[^>]*?(?:/>|>.*?</c>)', lambda m, cell=cell: cell, xml, count=1, flags=re.S)
    n = len(parts) + 100
    part = f"xl/worksheets/sheet{n}.xml"
    data[part] = xml.encode()
    rels = data["xl/_rels/workbook.xml.rels"].decode().replace(
        "</Relationships>", f'<Relationship Id="rIdCopy{n}" Type="http://schemas.openxmlformats.org/officeDocument/'
        f'2006/relationships/worksheet" Target="/{part}"/></Relationships>')
    data["xl/_rels/workbook.xml.rels"] = rels.encode()
    types = data["[Content_Types].xml"].decode().replace(
        "</Types>", f'<Override PartName="/{part}" ContentType="application/vnd.openxmlformats-officedocument.'
        'spreadsheetml.worksheet+xml"/></Types>')
    data["[Content_Types].xml"] = types.encode()
    wb = data["xl/workbook.xml"].decode()
    entry = (f'<sheet xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
             f'name="{html.escape(new_name)}" sheetId="{n}" state="visible" r:id="rIdCopy{n}"/>')
    wb = wb.replace("</sheets>", entry + "</sheets>")
    if hide_source:
        wb = re.sub(r'(<sheet\b[^>]*?name="' + re.escape(html.escape(source)) + r'"[^>]*?state=")visible(")',
                    r"\1hidden\2", wb, count=1)
    data["xl/workbook.xml"] = wb.encode()
    return write_zip(out, [Member(name, content) for name, content in data.items()])
