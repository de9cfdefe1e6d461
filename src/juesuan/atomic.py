"""Atomic output: write to a temporary file next to the target, then rename over it."""
from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


@contextlib.contextmanager
def atomic_path(target: str | Path):
    """Yield a temporary path in the target's folder; on success it replaces ``target``.

    An exception (or Ctrl-C) leaves no partial file behind and ``target`` untouched.
    """
    target = Path(target)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.stem}.", suffix=target.suffix + ".part", dir=target.parent)
    os.close(fd)
    try:
        yield Path(tmp)
        _settle_mode(Path(tmp), target)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _settle_mode(tmp: Path, target: Path) -> None:
    """mkstemp creates the file 0600; give it the mode a plainly created file would have (or the
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
