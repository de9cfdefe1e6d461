"""Operating-system errors in the user's language (the OS gives English strerror texts)."""
from __future__ import annotations

import errno
import os

_WORDS = {
    errno.EACCES: "没有权限（文件可能正被其他程序打开，或文件夹不允许写入）",
    errno.EPERM: "没有权限",
    errno.ENOSPC: "磁盘空间不足",
    errno.EROFS: "磁盘或文件夹是只读的",
    errno.ENAMETOOLONG: "文件名太长",
    errno.ENOENT: "文件或文件夹不存在",
    errno.EISDIR: "这是一个文件夹，不是文件",
    errno.ENOTDIR: "路径中有一部分不是文件夹",
    errno.EEXIST: "文件已存在",
    errno.EBUSY: "文件正被占用",
    errno.EMFILE: "同时打开的文件太多",
    errno.EIO: "磁盘读写出错",
    getattr(errno, "EFBIG", None): "文件太大（超过磁盘或文件系统允许的单个文件大小，如 FAT32 的 4GB）",
    getattr(errno, "EDQUOT", None): "磁盘配额已用完",
    getattr(errno, "EXDEV", None): "不能跨磁盘移动文件",
    getattr(errno, "ENFILE", None): "系统同时打开的文件太多",
    getattr(errno, "ETXTBSY", None): "文件正被占用",
    getattr(errno, "ELOOP", None): "路径中的快捷方式（符号链接）循环引用",
    errno.EINVAL: "文件名或参数无效（可能含有系统不允许的字符）",
}
_WORDS = {k: v for k, v in _WORDS.items() if k is not None}  # errno names Windows lacks
# A finished file could not replace the one of that name (atomic.TargetInUse): on Windows the
# usual cause by far is that the clerk still has the old report or workbook open.
IN_USE = "文件正被 Word/Excel 打开，请关闭后重试（如果没有打开，请检查该文件是否设为只读）"
# Windows error numbers (OSError.winerror) that have no errno of their own
_WINERROR = {32: "文件正被其他程序使用（请先在 Word/Excel/WPS 中关闭它）", 33: "文件的一部分被其他程序锁定",
             112: "磁盘空间不足", 206: "文件名或路径太长", 1224: "文件正被其他程序使用"}


class TargetInUse(PermissionError):
    """The finished file could not take the target's place: on Windows, the target is open in
    Word/Excel/WPS (they keep it locked while open) or it is read-only.  oserrors.describe says so."""


# Windows without the LongPathsEnabled policy refuses a full path of 260 characters or more, and
# mostly says "path not found" (error 3), which would send the clerk looking for a folder that exists.
WINDOWS_MAX_PATH = 260
LONG_PATH = ("路径太长（Windows 要求完整路径少于 260 个字符）；请把文件放到层级较浅的文件夹（如 D:\\决算），"
             "或缩短文件名")


def on_windows() -> bool:
    """A function, so that tests can simulate Windows without changing os.name for pathlib."""
    return os.name == "nt"


def too_long_for_windows(path) -> bool:
    try:
        return on_windows() and len(os.path.abspath(os.fspath(path))) >= WINDOWS_MAX_PATH
    except (TypeError, ValueError, OSError):
        return False


def describe(exc: BaseException) -> str:
    """'没有权限（…）' for PermissionError and friends; never an English strerror if it can help it."""
    if isinstance(exc, TargetInUse):
        return IN_USE
    winerror = getattr(exc, "winerror", None)
    if isinstance(exc, OSError) and (winerror in (3, 206) or exc.errno in (errno.ENOENT, errno.ENAMETOOLONG, errno.EINVAL)) \
            and any(too_long_for_windows(f) for f in (exc.filename, exc.filename2) if f):
        return LONG_PATH
    if isinstance(exc, OSError) and winerror in _WINERROR:
        return _WINERROR[winerror]
    if isinstance(exc, OSError) and exc.errno in _WORDS:
        return _WORDS[exc.errno]
    if isinstance(exc, PermissionError):
        return _WORDS[errno.EACCES]
    if isinstance(exc, FileNotFoundError):
        return _WORDS[errno.ENOENT]
    if isinstance(exc, OSError):
        return f"系统错误（错误号 {exc.errno}：文件无法读写，请检查磁盘和文件夹）" if exc.errno else "系统错误（文件无法读写）"
    return str(exc)
