"""The private temporary folder of one server: one folder per browser session, one per job.

Nothing the browser sends is used as a path: folders are named by random ids, an uploaded file
keeps only a cleaned-up base name (so that messages name it as the command line would), and
downloads are looked up by a fixed kind in the job's own record.
"""
from __future__ import annotations

import os
import secrets
import shutil
import tempfile
import threading
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

MAX_SESSIONS = 500  # the oldest session (and its files) goes when more browsers than this arrive
# web/ uses only the front door, so these repeat fileio/winnames.py (tests check both agree)
_FORBIDDEN = set('<>:"/\\|?*')
_RESERVED = {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$",
             *(f"{dev}{i}" for dev in ("COM", "LPT") for i in (*range(1, 10), "\u00b9", "\u00b2", "\u00b3"))}


def new_id() -> str:
    return secrets.token_urlsafe(12)


def safe_name(name: str | None, fallback: str, suffix: str | None = None) -> str:
    """A base name that is safe on Windows and POSIX: no folder part, no control or reserved
    characters, not empty, not a device name, at most 120 characters; ``suffix`` enforced."""
    name = unicodedata.normalize("NFC", str(name or "")).replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if ch.isprintable() and ch not in _FORBIDDEN).strip(" .")
    if not name or name.split(".")[0].rstrip(" ").upper() in _RESERVED:
        name = fallback
    stem, dot, ext = name.rpartition(".")
    if not dot:
        stem, ext = name, ""
    if suffix is not None and f".{ext}".lower() != suffix.lower():
        stem, ext = name, suffix.lstrip(".")
    # 100 characters, and at most 200 bytes: 100 CJK characters are 300 bytes in UTF-8, more
    # than the 255 a Linux file system allows in a name
    stem = stem[:100].encode("utf-8", "surrogatepass")[:200].decode("utf-8", "ignore").rstrip(" .") or fallback
    return f"{stem}.{ext}" if ext else stem


def private_folder(parent: Path | None = None) -> Path:
    """A new folder only this user can enter (0700 on POSIX; mkdtemp's own per-user ACL on Windows)."""
    folder = Path(tempfile.mkdtemp(prefix="juesuan-web-", dir=parent))
    if os.name != "nt":
        os.chmod(folder, 0o700)
    return folder


@dataclass
class Session:
    id: str
    folder: Path
    jobs: dict = field(default_factory=dict)  # job id -> the page's record (clerk, batch, audit)
    last_used: float = field(default_factory=time.monotonic)

    def job_folder(self) -> tuple[str, Path]:
        job = new_id()
        folder = self.folder / job
        folder.mkdir(mode=0o700)
        return job, folder

    def job(self, job_id: str, kind: type):
        """The job ``job_id`` of this session when it is a ``kind``; None otherwise (another
        session's job is simply not found)."""
        job = self.jobs.get(job_id)
        return job if isinstance(job, kind) else None


class Workspace:
    """All files of one server, removed by :meth:`close` (on exit)."""

    def __init__(self, parent: Path | None = None):
        self.root = private_folder(parent)
        self._sessions: dict[str, Session] = {}
        self._lock = threading.Lock()

    def session(self, sid: str | None) -> Session | None:
        with self._lock:
            found = self._sessions.get(sid or "")
            if found is not None:
                found.last_used = time.monotonic()
            return found

    def new_session(self) -> Session:
        with self._lock:
            if len(self._sessions) >= MAX_SESSIONS:
                oldest = min(self._sessions.values(), key=lambda s: s.last_used)
                self._sessions.pop(oldest.id)
                shutil.rmtree(oldest.folder, ignore_errors=True)
            sid = new_id()
            folder = self.root / sid
            folder.mkdir(mode=0o700)
            session = Session(sid, folder)
            self._sessions[sid] = session
            return session

    def sessions(self) -> list[Session]:
        with self._lock:
            return list(self._sessions.values())

    def close(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)
