"""Atomic output: write to a temporary file next to the target, then rename over it."""
from __future__ import annotations

import contextlib
import io
import os
import secrets
from pathlib import Path
from typing import BinaryIO, Callable

from juesuan.fileio.oserrors import TargetInUse, too_long_for_windows

# Linux allows 255 bytes per name, Windows 255 UTF-16 units: a name within 255 UTF-8 bytes
# fits both.  The temporary name keeps as much of the target's name as fits beside its own
# marks, so any name the file system accepts for the target also works for the temporary file.
MAX_NAME_BYTES = 255
_RANDOM = 8


def cut_to_bytes(text: str, limit: int) -> str:
    """The longest prefix of ``text`` whose UTF-8 form fits in ``limit`` bytes (whole characters)."""
    data = text.encode("utf-8", "surrogatepass")
    if len(data) <= limit:
        return text
    return data[:max(limit, 0)].decode("utf-8", "ignore")


def temp_name(target: Path) -> str:
    """'.<stem>.<random><suffix>.part', within MAX_NAME_BYTES whatever the length of the stem."""
    tail = f".{secrets.token_hex(_RANDOM // 2)}{target.suffix}.part"
    room = MAX_NAME_BYTES - len(tail.encode("utf-8", "surrogatepass")) - 1
    return "." + cut_to_bytes(target.stem, room) + tail


def _temp_path(target: Path) -> Path:
    """temp_name beside ``target``; on Windows a short one when the long one would pass the 260
    characters of a full path that the target itself stays within."""
    tmp = target.parent / temp_name(target)
    if too_long_for_windows(tmp) and not too_long_for_windows(target):
        tmp = target.parent / f".{secrets.token_hex(_RANDOM // 2)}.part"
    return tmp


@contextlib.contextmanager
def atomic_path(target: str | Path):
    """Yield a temporary path in the target's folder; on success it replaces ``target``.

    An exception (or Ctrl-C, at any moment) leaves no partial file behind and ``target``
    untouched.  The temporary name is chosen *before* the file is created, inside the
    ``try``: an interrupt that arrives just after the file system created it still finds the
    name to delete (tempfile.mkstemp returns the name only after creating the file).
    """
    target = Path(target)
    tmp: Path | None = None
    try:
        for _ in range(100):
            tmp = _temp_path(target)
            try:
                fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
            except FileExistsError:
                tmp = None  # someone else's file: never ours to delete
                continue
            os.close(fd)
            break
        else:  # pragma: no cover - 100 random collisions
            raise FileExistsError(str(target))
        yield tmp
        _settle_mode(tmp, target)
        replace_file(tmp, target)
    except BaseException:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        raise


def replace_file(source: str | Path, target: str | Path) -> None:
    """os.replace; a PermissionError becomes TargetInUse.

    The caller has just written ``source`` in the target's folder, so the folder is writable: on
    Windows a refusal to replace means the target itself is locked (open in Word/Excel, error 5
    or 32) or read-only.  On Linux replacing a read-only or open file works, and only a folder
    without write permission (a sticky /tmp) fails here."""
    try:
        os.replace(source, target)
    except PermissionError as exc:
        raise TargetInUse(exc.errno, exc.strerror, str(target)) from exc


def atomic_save(target: str | Path, save: Callable[[BinaryIO], None]) -> Path:
    """``save(file object)`` into memory, then the bytes to ``target`` atomically.

    Writers that zip (python-docx, openpyxl) leave their ZipFile open when the disk fills up;
    its ``__del__`` later fails again and prints "Exception ignored … Traceback" to the user.
    Building the file in memory first means the disk only ever sees one plain write.
    """
    buffer = io.BytesIO()
    save(buffer)
    target = Path(target)
    with atomic_path(target) as tmp:
        with open(tmp, "wb") as fh:
            fh.write(buffer.getbuffer())
    return target


def _settle_mode(tmp: Path, target: Path) -> None:
    """The temporary file is created 0600; give it the mode a plainly created file would have (or the
    replaced file's), so that reports written to a shared folder are readable by colleagues."""
    try:
        mode = target.stat().st_mode & 0o777 if target.exists() else 0o666 & ~_umask()
        os.chmod(tmp, mode)
    except OSError:
        pass


def _umask() -> int:
    try:  # Linux: read it without changing it (os.umask would race with other threads)
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
