"""Look at a file before openpyxl does: what it really is, whether it is safe to open, and
which formula cells have no cached value.  Everything here works on the raw bytes/zip."""
from __future__ import annotations

import posixpath
import re
import zipfile
from pathlib import Path

from .findings import WorkbookError

MAX_MEMBER_BYTES = 200 * 1024 * 1024  # one inflated part
MAX_TOTAL_BYTES = 500 * 1024 * 1024  # all parts together
MAX_RATIO = 200  # inflated / compressed, for parts over 1 MiB

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTION_MARK = "EncryptionInfo".encode("utf-16-le")


def preflight(path: Path) -> None:
    """Raise WorkbookError with a Chinese message unless ``path`` looks like a safe .xlsx."""
    name = path.name
    if not path.exists():
        raise WorkbookError(f"找不到文件“{path}”。")
    if path.is_dir():
        raise WorkbookError(f"“{path}”是文件夹，不是 Excel 工作簿。")
    try:
        size = path.stat().st_size
        with open(path, "rb") as fh:
            head = fh.read(4096)
    except OSError as exc:
        raise WorkbookError(f"无法读取文件“{name}”：{exc.strerror or exc}。") from exc
    if size == 0:
        raise WorkbookError(f"文件“{name}”是空文件（0 字节），请重新导出或保存工作簿。")
    if head.startswith(_OLE_MAGIC):
        with open(path, "rb") as fh:
            data = fh.read(min(size, 4 * 1024 * 1024))
        if _ENCRYPTION_MARK in data:
            raise WorkbookError(f"工作簿“{name}”设置了打开密码（已加密），无法读取。请在 Excel 或 WPS 中取消密码后另存为 .xlsx 再试。")
        raise WorkbookError(f"“{name}”是旧版 Excel 97-2003 格式（.xls）。请在 Excel 或 WPS 中“另存为”Excel 工作簿（.xlsx）后再试。")
    if not head.startswith(b"PK"):
        if _looks_like_text(head):
            raise WorkbookError(f"“{name}”不是 Excel 工作簿，而是文本文件（可能是 CSV 改了扩展名）。请用 Excel 或 WPS 打开后另存为 .xlsx 再试。")
        raise WorkbookError(f"“{name}”不是 Excel 工作簿（.xlsx），无法读取。")
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            names = {i.filename for i in infos}
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise WorkbookError(f"工作簿“{name}”已损坏（压缩包结构错误），无法读取。请重新导出或用 Excel 修复后另存。") from exc
    total = 0
    for info in infos:
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > MAX_MEMBER_BYTES or total > MAX_TOTAL_BYTES or (info.file_size > 1 << 20 and ratio > MAX_RATIO):
            raise WorkbookError(f"工作簿“{name}”解压后异常巨大（{info.filename} 约 {info.file_size // (1 << 20)} MB），"
                                "疑似损坏或恶意构造的文件，已拒绝打开。")
    if "xl/workbook.xml" not in names:
        if "word/document.xml" in names:
            raise WorkbookError(f"“{name}”是 Word 文档，不是 Excel 工作簿。")
        raise WorkbookError(f"“{name}”不是 Excel 工作簿（缺少 xl/workbook.xml），无法读取。")


def _looks_like_text(head: bytes) -> bool:
    for enc in ("utf-8", "gb18030"):
        try:
            text = head.decode(enc)
            return all(ch.isprintable() or ch in "\r\n\t" for ch in text[:2000])
        except UnicodeDecodeError:
            continue
    return False


_SHEET_RE = re.compile(rb'<sheet\b[^>]*?name="([^"]*)"[^>]*?r:id="([^"]*)"', re.S)
_SHEET_RE2 = re.compile(rb'<sheet\b[^>]*?r:id="([^"]*)"[^>]*?name="([^"]*)"', re.S)
_REL_RE = re.compile(rb'<Relationship\b[^>]*?Id="([^"]*)"[^>]*?Target="([^"]*)"', re.S)
_REL_RE2 = re.compile(rb'<Relationship\b[^>]*?Target="([^"]*)"[^>]*?Id="([^"]*)"', re.S)
_CELL_RE = re.compile(rb'<c\b([^>]*?)(?:/>|>(.*?)</c>)', re.S)
_REF_RE = re.compile(rb'\br="([A-Z]+[0-9]+)"')


def _unescape(b: bytes) -> str:
    import html
    return html.unescape(b.decode("utf-8", "replace"))


def formulas_without_value(path: Path) -> dict[str, dict[str, str]]:
    """{sheet name: {cell: formula}} for formula cells saved without a cached result."""
    out: dict[str, dict[str, str]] = {}
    with zipfile.ZipFile(path) as zf:
        wb = zf.read("xl/workbook.xml")
        rels = zf.read("xl/_rels/workbook.xml.rels") if "xl/_rels/workbook.xml.rels" in zf.namelist() else b""
        targets = {i: t for i, t in _REL_RE.findall(rels)}
        targets.update({i: t for t, i in _REL_RE2.findall(rels)})
        sheets = [(n, r) for n, r in _SHEET_RE.findall(wb)] or [(n, r) for r, n in _SHEET_RE2.findall(wb)]
        for name, rid in sheets:
            target = targets.get(rid)
            if not target:
                continue
            target = target.decode()
            part = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
            try:
                xml = zf.read(part)
            except KeyError:
                continue
            if b"<f" not in xml:
                continue
            for attrs, body in _CELL_RE.findall(xml):
                if not body or b"<f" not in body:
                    continue
                if re.search(rb"<v>[^<]+</v>", body) or re.search(rb"<is>", body):
                    continue
                ref = _REF_RE.search(attrs)
                if not ref:
                    continue
                fm = re.search(rb"<f[^>]*>(.*?)</f>", body, re.S)
                out.setdefault(_unescape(name), {})[ref.group(1).decode()] = "=" + _unescape(fm.group(1)) if fm else "（共享公式）"
    return out
