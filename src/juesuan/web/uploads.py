"""Receiving files: size and count limits, and .zip archives unpacked with guards.

The limits hold for what is written to disk, not for what a header claims: a request body is
refused above ``Limits.request_bytes`` before it is read (uvicorn enforces Content-Length), every
file is copied in chunks and refused when it grows past ``file_bytes``, and a .zip member is
counted while it is decompressed (a "zip bomb" declares small sizes).  Only base names are kept
(a member "../../x.xlsx" becomes "x.xlsx" in the job's own folder).
"""
from __future__ import annotations

import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from juesuan.web.workspace import safe_name

CHUNK = 1 << 20


@dataclass(frozen=True)
class Limits:
    file_bytes: int = 50 * 1024 * 1024  # one workbook, report or unpacked zip member
    request_bytes: int = 300 * 1024 * 1024  # one upload (all its files)
    files: int = 300  # workbooks in one batch (after unpacking)
    unpacked_bytes: int = 600 * 1024 * 1024  # everything unpacked from the archives of one upload


class UploadRefused(Exception):
    """The upload breaks a limit or cannot be used; ``message`` is the Chinese sentence to show."""

    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.message = message
        self.status = status


def mb(n: int) -> str:
    return f"{n / (1024 * 1024):.0f} MB"


def check_length(headers, limits: Limits) -> None:
    """Refuse a body above the limit before reading it (uvicorn stops a body at its Content-Length)."""
    length = headers.get("content-length")
    if length is None or not length.isdigit():
        raise UploadRefused("上传请求缺少长度信息，请用本页面的“选择文件”上传。", 411)
    if int(length) > limits.request_bytes:
        raise UploadRefused(f"上传的文件共约 {mb(int(length))}，超过了上限 {mb(limits.request_bytes)}；"
                            "请分几次上传。", 413)


async def save_upload(upload, folder: Path, fallback: str, limits: Limits, suffix: str | None = None) -> Path:
    """Copy one uploaded file into ``folder`` under its cleaned-up base name; refused past the limit."""
    name = safe_name(getattr(upload, "filename", None), fallback, suffix)
    target = folder / name
    n = 2
    while target.exists():  # two uploads of the same name: “X（2）.xlsx”
        stem, dot, ext = name.rpartition(".")
        target = folder / (f"{stem}（{n}）.{ext}" if dot else f"{name}（{n}）")
        n += 1
    written = 0
    with open(target, "xb") as out:
        while True:
            chunk = await upload.read(CHUNK)
            if not chunk:
                break
            written += len(chunk)
            if written > limits.file_bytes:
                out.close()
                target.unlink(missing_ok=True)
                raise UploadRefused(f"文件“{name}”超过了单个文件的上限 {mb(limits.file_bytes)}。", 413)
            out.write(chunk)
    return target


def _member_name(info: zipfile.ZipInfo) -> str:
    """Archives made by Windows' own zip tool on a Chinese system store GBK names without the
    UTF-8 flag; Python then decodes them as cp437.  Decode those as GBK."""
    name = info.filename
    if not info.flag_bits & 0x800:
        try:
            name = name.encode("cp437").decode("gbk")
        except (UnicodeEncodeError, UnicodeDecodeError):
            pass
    return name


def unpack_workbooks(archive: Path, folder: Path, limits: Limits, already: int = 0) -> tuple[list[Path], list[str]]:
    """Every .xlsx of ``archive`` into ``folder``: (files, notes in Chinese about what was skipped).

    Skipped: folders, Office lock files, hidden files, macOS companions, other file types, nested
    archives and encrypted members.  Refused (UploadRefused): more workbooks than ``files`` or
    more unpacked bytes than ``unpacked_bytes``; a member growing past ``file_bytes`` is skipped.
    """
    shown = archive.name
    try:
        zf = zipfile.ZipFile(archive)
    except (zipfile.BadZipFile, OSError, ValueError):
        raise UploadRefused(f"“{shown}”不是有效的 zip 压缩包（可能已损坏），请重新压缩后上传。") from None
    files: list[Path] = []
    notes: list[str] = []
    other = 0
    total = 0
    with zf:
        for info in zf.infolist():
            if info.is_dir():
                continue
            name = _member_name(info)
            parts = name.replace("\\", "/").split("/")
            base = parts[-1]
            if any((p.startswith(".") and p not in (".", "..")) or p == "__MACOSX" for p in parts) or base.startswith("~$"):
                continue
            if not base.lower().endswith(".xlsx"):
                other += 1
                continue
            if info.flag_bits & 0x1:
                notes.append(f"压缩包中的“{base}”已加密，已跳过；请解密后再上传。")
                continue
            if already + len(files) >= limits.files:
                raise UploadRefused(f"一次最多处理 {limits.files} 份工作簿；请分几次上传。", 413)
            if info.file_size > limits.file_bytes:
                notes.append(f"压缩包中的“{base}”解压后约 {mb(info.file_size)}，超过单个文件上限，已跳过。")
                continue
            target = folder / safe_name(base, f"工作簿{len(files) + 1}.xlsx", ".xlsx")
            n = 2
            while target.exists():
                target = folder / f"{Path(base).stem}（{n}）.xlsx"
                n += 1
            try:
                written = _extract(zf, info, target, limits.file_bytes)
            except _TooBig:
                notes.append(f"压缩包中的“{base}”解压后超过单个文件上限 {mb(limits.file_bytes)}，疑似“压缩炸弹”，已跳过。")
                continue
            except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError, OSError):
                notes.append(f"压缩包中的“{base}”无法解压（压缩包可能已损坏，或使用了不支持的压缩方式），已跳过。")
                continue
            total += written
            if total > limits.unpacked_bytes:
                raise UploadRefused(f"压缩包解压后超过 {mb(limits.unpacked_bytes)}，已拒绝；请分几次上传。", 413)
            files.append(target)
    if other:
        notes.append(f"“{shown}”中另有 {other} 个不是 .xlsx 的文件，已忽略。")
    if not files and not notes:
        notes.append(f"“{shown}”中没有 .xlsx 工作簿。")
    return files, notes


class _TooBig(Exception):
    pass


def _extract(zf: zipfile.ZipFile, info: zipfile.ZipInfo, target: Path, limit: int) -> int:
    written = 0
    try:
        with zf.open(info) as src, open(target, "xb") as out:
            while True:
                chunk = src.read(CHUNK)
                if not chunk:
                    break
                written += len(chunk)
                if written > limit:
                    raise _TooBig
                out.write(chunk)
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    return written
