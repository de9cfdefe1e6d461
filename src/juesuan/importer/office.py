"""Word (.docx), Excel (.xlsx; .xls through LibreOffice) and plain text (.txt) sources reduced to
lines and tables (importer.items)."""
from __future__ import annotations

import datetime as dt
import tempfile
from decimal import Decimal
from pathlib import Path

from juesuan.importer.items import Extracted, Line, RawTable, norm
from juesuan.importer.problems import SourceError

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


# -- Word ------------------------------------------------------------------------------------
def _page_breaks(p) -> int:
    """Explicit page breaks in a paragraph (Word's own layout is not known without rendering)."""
    n = sum(1 for br in p.iter(f"{_W}br") if br.get(f"{_W}type") == "page")
    ppr = p.find(f"{_W}pPr")
    if ppr is not None and (ppr.find(f"{_W}pageBreakBefore") is not None):
        n += 1
    return n


def _section_end(p) -> bool:
    ppr = p.find(f"{_W}pPr")
    return ppr is not None and ppr.find(f"{_W}sectPr") is not None


def extract_docx(path: Path) -> Extracted:
    try:
        import docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph
        document = docx.Document(str(path))
    except Exception:  # noqa: BLE001 - python-docx raises many kinds for a damaged or encrypted file
        raise SourceError(f"“{path.name}”不是可读取的 Word（.docx）文件（文件损坏、已加密或格式不对）；"
                          "请用 Word 或 WPS 另存为 .docx 后再试。") from None
    items: list = []
    pages: list[list[str]] = [[]]
    page = 1
    body = document.element.body
    for child in body.iterchildren():
        if child.tag == f"{_W}p":
            breaks = _page_breaks(child)
            text = Paragraph(child, document).text
            if breaks and not text.strip():
                page += breaks
                pages += [[] for _ in range(breaks)]
                continue
            if breaks and child.find(f"{_W}pPr") is not None and \
                    child.find(f"{_W}pPr").find(f"{_W}pageBreakBefore") is not None:
                page += 1
                pages.append([])
                breaks -= 1
            if text.strip():
                items.append(Line(text, page))
                pages[-1].append(text)
            for _ in range(breaks):
                page += 1
                pages.append([])
            if _section_end(child):
                page += 1
                pages.append([])
        elif child.tag == f"{_W}tbl":
            table = Table(child, document)
            rows = []
            try:
                for row in table.rows:
                    rows.append([c.text for c in row.cells])
            except Exception:  # noqa: BLE001 - a malformed grid: read it cell by cell
                rows = [[c.text for c in row.cells] for row in table.rows if row]
            if rows:
                items.append(RawTable(rows, [page] * len(rows)))
                pages[-1] += ["\t".join(r) for r in rows]
    return Extracted(items, ["\n".join(p) for p in pages], "docx")


# -- Excel -----------------------------------------------------------------------------------
def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float):
        return format(Decimal(repr(value)), "f")
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return str(value)


def _line_like(texts: list[str]) -> bool:
    """A row that is a title or a 单位/部门 line, not part of a table's grid."""
    from juesuan.importer.titles import table_id
    filled = [t for t in texts if t.strip()]
    if not filled:
        return False
    joined = "  ".join(filled)
    if len(set(filled)) == 1 and table_id(filled[0]):
        return True
    return len(filled) <= 2 and any(norm(joined).startswith(p) for p in
                                    ("单位:", "部门:", "编制单位:", "注:", "说明:", "填报单位:")) or \
        (len(filled) == 1 and table_id(joined) is not None)


def extract_xlsx(path: Path, shown_name: str | None = None) -> Extracted:
    from juesuan.model.findings import WorkbookError
    from juesuan.xlsx.safety import preflight
    try:
        preflight(path)
        import openpyxl
        wb = openpyxl.load_workbook(str(path), data_only=True)
    except WorkbookError as exc:
        raise SourceError(exc.message) from None
    except Exception:  # noqa: BLE001
        raise SourceError(f"“{shown_name or path.name}”不是可读取的 Excel 文件（文件损坏、已加密或格式不对）。") from None
    items: list = []
    for ws in wb.worksheets:
        grid = [[_text(v) for v in row] for row in ws.iter_rows(values_only=True)]
        for rng in ws.merged_cells.ranges:
            top = grid[rng.min_row - 1][rng.min_col - 1] if rng.min_row - 1 < len(grid) else ""
            for r in range(rng.min_row - 1, min(rng.max_row, len(grid))):
                for c in range(rng.min_col - 1, min(rng.max_col, len(grid[r]))):
                    grid[r][c] = top
        table: RawTable | None = None
        for r, texts in enumerate(grid, start=1):
            if not any(t.strip() for t in texts):
                continue
            if _line_like(texts):
                table = None
                items.append(Line("  ".join(dict.fromkeys(t for t in texts if t.strip())), None, ws.title))
                continue
            if table is None:
                table = RawTable([], sheet=ws.title)
                items.append(table)
            table.rows.append(texts)
            table.pages.append(None)
            table.row_numbers.append(r)
    return Extracted(items, [], "xlsx")


def convert_xls(path: Path) -> Extracted:
    """An old .xls: converted to .xlsx by LibreOffice (when installed) in a temporary folder."""
    import subprocess
    from juesuan.render.pdf.convert import find_soffice
    from juesuan.render.pdf.lo_process import run
    soffice = find_soffice()
    if soffice is None:
        raise SourceError(f"“{path.name}”是旧的 .xls 格式；读取它需要 LibreOffice，本机没有安装。"
                          "请用 Excel 或 WPS 把它另存为 .xlsx 后再导入。")
    with tempfile.TemporaryDirectory(prefix="juesuan-xls-") as tmp:
        profile = Path(tmp) / "profile"
        cmd = [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
               "--convert-to", "xlsx", "--outdir", tmp, str(path)]
        try:
            run(cmd, timeout=180, temp=tmp)
        except (subprocess.TimeoutExpired, OSError):
            raise SourceError(f"把“{path.name}”转换为 .xlsx 失败（LibreOffice 没有完成）；"
                              "请用 Excel 或 WPS 另存为 .xlsx 后再导入。") from None
        out = Path(tmp) / (path.stem + ".xlsx")
        if not out.is_file():
            raise SourceError(f"把“{path.name}”转换为 .xlsx 失败（文件可能已加密或损坏）；"
                              "请用 Excel 或 WPS 另存为 .xlsx 后再导入。")
        return extract_xlsx(out, path.name)


# -- text ------------------------------------------------------------------------------------
def read_text_file(path: Path) -> str:
    data = path.read_bytes()
    for enc in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    raise SourceError(f"“{path.name}”不是可读取的文本文件（编码既不是 UTF-8 也不是 GBK）。")


def extract_txt(path: Path) -> Extracted:
    text = read_text_file(path)
    items: list = []
    pages = text.split("\f")
    for page_no, page in enumerate(pages, start=1):
        for line in page.splitlines():
            if line.strip():
                items.append(Line(line, page_no if len(pages) > 1 else None))
    return Extracted(items, pages, "txt")
