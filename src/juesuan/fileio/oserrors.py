"""Operating-system errors in the user's language (the OS gives English strerror texts)."""
from __future__ import annotations

import errno

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
}


def describe(exc: BaseException) -> str:
    """'没有权限（…）' for PermissionError and friends; never an English strerror if it can help it."""
    if isinstance(exc, OSError) and exc.errno in _WORDS:
        return _WORDS[exc.errno]
    if isinstance(exc, PermissionError):
        return _WORDS[errno.EACCES]
    if isinstance(exc, FileNotFoundError):
        return _WORDS[errno.ENOENT]
    if isinstance(exc, OSError):
        return f"系统错误（错误号 {exc.errno}）" if exc.errno else "系统错误"
    return str(exc)
