"""Look at a file before reading it: what it really is, and whether it is safe to open.

Everything here works on the raw bytes and the zip directory, so a hostile file is refused
before a single part is inflated: zip bombs by their declared sizes and ratios (a member that
lies about its size is cut at the declared size by zipfile and fails its CRC), odd compression
methods (bzip2/lzma inflate without a bound), zip-level passwords, too many members.  Entity
tricks inside the XML are refused while reading (xlsx_cells forbids any DTD).
"""
from __future__ import annotations

import stat
import struct
import zipfile
from pathlib import Path

from juesuan.model.findings import WorkbookError
from juesuan.fileio.oserrors import describe

MAX_FILE_BYTES = 100 * 1024 * 1024  # a real 决算 workbook is well under 5 MB
MAX_MEMBERS = 5000
MAX_MEMBER_BYTES = 100 * 1024 * 1024  # one inflated part
MAX_TOTAL_BYTES = 250 * 1024 * 1024  # all parts together
MAX_RATIO = 100  # inflated / compressed, for parts over 1 MiB (real parts: 5–30)

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTION_MARK = "EncryptionInfo".encode("utf-16-le")
_WORD_MARK = "WordDocument".encode("utf-16-le")
_EOCD = b"PK\x05\x06"

_REOPEN = "请用 Excel 或 WPS 打开后“另存为”Excel 工作簿（.xlsx）再试。"


def preflight(path: Path) -> None:
    """Raise WorkbookError with a Chinese message unless ``path`` looks like a safe .xlsx."""
    name = path.name
    try:  # Path.exists() raises PermissionError for a file in a folder the user may not enter
        mode = path.stat().st_mode
    except FileNotFoundError:
        raise WorkbookError(f"找不到文件“{path}”。") from None
    except OSError as exc:
        raise WorkbookError(f"无法读取文件“{path}”：{describe(exc)}。") from None
    if stat.S_ISDIR(mode):
        raise WorkbookError(f"“{path}”是文件夹，不是 Excel 工作簿。")
    if not stat.S_ISREG(mode):  # a device or pipe: reading it could block or never end
        raise WorkbookError(f"“{path}”不是普通文件，无法作为 Excel 工作簿读取。")
    try:
        size = path.stat().st_size
        with open(path, "rb") as fh:
            head = fh.read(4096)
    except OSError as exc:
        raise WorkbookError(f"无法读取文件“{name}”：{describe(exc)}。") from exc
    if size == 0:
        raise WorkbookError(f"文件“{name}”是空文件（0 字节），请重新导出或保存工作簿。")
    if size > MAX_FILE_BYTES:
        raise WorkbookError(f"文件“{name}”过大（{size // (1 << 20)} MB），不像部门决算工作簿，已拒绝打开。"
                            f"部门决算工作簿通常不足 5 MB，请删除无关的工作表或图片后再试。")
    if head.startswith(_OLE_MAGIC):
        _refuse_ole(path, name)
    if not head.startswith(b"PK"):
        raise WorkbookError(_not_a_zip(name, head))
    _check_zip(path, name, size)


def _refuse_ole(path: Path, name: str) -> None:
    """An OLE compound file: an encrypted .xlsx, an old .xls, or a .doc."""
    mark = b""
    try:
        with open(path, "rb") as fh:
            tail = b""
            while chunk := fh.read(1 << 20):
                data = tail + chunk
                if _ENCRYPTION_MARK in data:
                    mark = _ENCRYPTION_MARK
                    break
                if _WORD_MARK in data and not mark:
                    mark = _WORD_MARK
                tail = data[-64:]
    except OSError:
        pass
    if mark == _ENCRYPTION_MARK:
        raise WorkbookError(f"工作簿“{name}”设置了打开密码（已加密），无法读取。"
                            "请在 Excel 或 WPS 中取消密码（文件→信息→保护工作簿→用密码进行加密，清空密码）后另存为 .xlsx 再试。")
    if mark == _WORD_MARK:
        raise WorkbookError(f"“{name}”是 Word 97-2003 文档（.doc），不是 Excel 工作簿。")
    raise WorkbookError(f"“{name}”是旧版 Excel 97-2003 格式（.xls 或 .et），不能直接读取。{_REOPEN}")


def _not_a_zip(name: str, head: bytes) -> str:
    text = _as_text(head)
    if text is None:
        return f"“{name}”不是 Excel 工作簿（.xlsx），也不是能识别的其他表格格式，无法读取。"
    low = text.lstrip("\ufeff \t\r\n").lower()
    if "urn:schemas-microsoft-com:office:spreadsheet" in low:
        return f"“{name}”是 Excel 2003 XML 表格，不是 .xlsx 工作簿。{_REOPEN}"
    if "urn:oasis:names:tc:opendocument:xmlns:office" in low or "<office:document" in low:
        return (f"“{name}”是 LibreOffice 的“平面 XML”表格（.fods），不是 .xlsx 工作簿。"
                "请在 LibreOffice Calc 中打开，选“文件→另存为”，文件类型选“Excel 2007-365 (.xlsx)”后再试。")
    if low.startswith("<") and ("<html" in low or "<table" in low or "<!doctype html" in low):
        return f"“{name}”是网页（HTML）文件，不是 Excel 工作簿（一些系统导出的“Excel”其实是网页）。{_REOPEN}"
    return f"“{name}”不是 Excel 工作簿，而是文本文件（可能是 CSV 改了扩展名）。{_REOPEN}"


def _as_text(head: bytes) -> str | None:
    """The head decoded when it is plausibly text (UTF-8, UTF-16 with BOM, GB18030)."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        encodings: tuple[str, ...] = ("utf-16",)
    else:
        encodings = ("utf-8", "gb18030")
    for enc in encodings:
        for cut in range(4):  # the 4096-byte head may end inside a character
            try:
                text = head[:len(head) - cut].decode(enc)
            except UnicodeDecodeError:
                continue
            if all(ch.isprintable() or ch in "\r\n\t\ufeff" for ch in text[:2000]):
                return text
            break
    return None


def _declared_members(path: Path, size: int) -> int | None:
    """Member count from the end-of-central-directory record, before zipfile parses it."""
    with open(path, "rb") as fh:
        fh.seek(max(0, size - (1 << 16) - 22))
        tail = fh.read()
    at = tail.rfind(_EOCD)
    if at < 0 or at + 22 > len(tail):
        return None
    entries = struct.unpack("<H", tail[at + 10:at + 12])[0]
    return None if entries == 0xFFFF else entries  # 0xFFFF: zip64, zipfile's own count applies


def _check_zip(path: Path, name: str, size: int) -> None:
    damaged = f"工作簿“{name}”已损坏（压缩包结构错误），无法读取。请重新导出或用 Excel 修复后另存为 .xlsx。"
    too_big = f"工作簿“{name}”解压后异常巨大（{{part}} 约 {{mb}} MB），疑似损坏或恶意构造的文件（“压缩炸弹”），已拒绝打开。"
    try:
        declared = _declared_members(path, size)
        if declared is not None and declared > MAX_MEMBERS:
            raise WorkbookError(f"工作簿“{name}”内部文件多达 {declared} 个，疑似损坏或恶意构造的文件，已拒绝打开。")
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except WorkbookError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError, struct.error) as exc:
        raise WorkbookError(damaged) from exc
    if len(infos) > MAX_MEMBERS:
        raise WorkbookError(f"工作簿“{name}”内部文件多达 {len(infos)} 个，疑似损坏或恶意构造的文件，已拒绝打开。")
    total = 0
    names = set()
    for info in infos:
        names.add(info.filename)
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > MAX_MEMBER_BYTES or total > MAX_TOTAL_BYTES or (info.file_size > 1 << 20 and ratio > MAX_RATIO):
            raise WorkbookError(too_big.format(part=info.filename, mb=info.file_size // (1 << 20)))
        if info.flag_bits & 0x1:
            raise WorkbookError(f"工作簿“{name}”的压缩包设置了密码，无法读取。{_REOPEN}")
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise WorkbookError(f"工作簿“{name}”使用了 Excel 不会使用的压缩方式，疑似损坏或恶意构造的文件，已拒绝打开。")
    if "xl/workbook.xml" not in names:
        if "word/document.xml" in names:
            raise WorkbookError(f"“{name}”是 Word 文档，不是 Excel 工作簿。")
        if "xl/workbook.bin" in names:
            raise WorkbookError(f"“{name}”是 Excel 二进制工作簿（.xlsb），不能直接读取。{_REOPEN}")
        if "mimetype" in names and "content.xml" in names:
            raise WorkbookError(f"“{name}”是 OpenDocument 表格（.ods），不能直接读取。{_REOPEN}")
        if "ppt/presentation.xml" in names:
            raise WorkbookError(f"“{name}”是 PowerPoint 演示文稿，不是 Excel 工作簿。")
        raise WorkbookError(f"“{name}”不是 Excel 工作簿（压缩包中缺少 xl/workbook.xml），无法读取。")

