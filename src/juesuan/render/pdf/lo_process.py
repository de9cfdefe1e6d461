"""Run LibreOffice so that nothing of it survives us: not on a timeout, not on Ctrl-C, not on kill.

``soffice`` is a launcher: the real work is done by ``soffice.bin``, a grandchild.  Killing
the child alone leaves ``soffice.bin`` running (and writing into the temporary profile that
we are about to delete).  So LibreOffice is started as the leader of a process group of its
own (POSIX: a new session; Windows: CREATE_NEW_PROCESS_GROUP) and the whole group is killed
(POSIX: killpg; Windows: ``taskkill /T /F``, which walks the process tree) whenever the
call does not end normally: a timeout, KeyboardInterrupt (Ctrl-C, or SIGTERM turned into it
by the CLI) or any other exception such as the batch workers' termination exception.

A separate session also means Ctrl-C in the terminal reaches only Python, which then kills
LibreOffice itself, instead of LibreOffice receiving SIGINT and dying half-way on its own.
"""
from __future__ import annotations

import os
import signal
import subprocess
import time

from juesuan.fileio.oserrors import on_windows

GONE_WAIT = 5.0  # seconds to wait for the killed group to disappear before deleting its files


def popen_kwargs() -> dict:
    kwargs: dict = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE, "stdin": subprocess.DEVNULL}
    if not on_windows():
        kwargs["start_new_session"] = True
    else:
        kwargs["creationflags"] = getattr(subprocess, "CREATE_NEW_PROCESS_GROUP", 0x200) \
            | getattr(subprocess, "CREATE_NO_WINDOW", 0x08000000)
    return kwargs


def kill_tree(proc: subprocess.Popen) -> None:
    """Kill ``proc`` and every process it started; return when they are gone (bounded wait)."""
    if not on_windows():
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        _reap(proc)
        deadline = time.monotonic() + GONE_WAIT
        while time.monotonic() < deadline:  # grandchildren are reaped by init, not by us
            try:
                os.killpg(proc.pid, 0)
            except (ProcessLookupError, PermissionError):
                return
            time.sleep(0.05)
    else:
        try:
            # /T: the whole tree (soffice.exe starts soffice.bin); /F: force.
            subprocess.run([taskkill(), "/T", "/F", "/PID", str(proc.pid)], capture_output=True,
                           timeout=GONE_WAIT, check=False)
        except (OSError, subprocess.SubprocessError):
            pass
        try:
            proc.kill()
        except OSError:
            pass
        _reap(proc)


def taskkill() -> str:
    """taskkill.exe of the system itself (not whatever a folder on PATH may call taskkill)."""
    root = os.environ.get("SystemRoot") or os.environ.get("WINDIR")
    return os.path.join(root, "System32", "taskkill.exe") if root else "taskkill"


def _reap(proc: subprocess.Popen) -> None:
    try:
        proc.communicate(timeout=GONE_WAIT)
    except (subprocess.TimeoutExpired, OSError, ValueError):
        pass


def run(cmd: list[str], timeout: float, temp: str | os.PathLike | None = None) -> tuple[int, str]:
    """Run ``cmd``; return (exit code, stderr + stdout).  Raises subprocess.TimeoutExpired after
    ``timeout`` seconds; on that and on any interruption the whole process tree is killed first.

    ``temp``: the temporary folder for the process (LibreOffice leaves lu*.tmp files there
    when it is killed, so it should be a folder the caller deletes)."""
    kwargs = popen_kwargs()
    if temp is not None:
        kwargs["env"] = {**os.environ, "TMPDIR": str(temp), "TMP": str(temp), "TEMP": str(temp)}
    proc = subprocess.Popen(cmd, **kwargs)
    try:
        out, err = proc.communicate(timeout=timeout)
    except BaseException:
        kill_tree(proc)
        raise
    text = (err or b"").decode("utf-8", "replace") + (out or b"").decode("utf-8", "replace")
    return proc.returncode, text
