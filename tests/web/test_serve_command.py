"""`make-report serve` as a user starts it: prints the address (with the token on another
address), answers on it, and on Ctrl-C / SIGTERM stops and removes its temporary folder."""
from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from conftest import ROOT

pytestmark = pytest.mark.skipif(os.name == "nt", reason="SIGTERM to a child process (POSIX)")

LAUNCH = f"""
import sys
sys.path[:0] = [{str(ROOT / 'src')!r}, {str(ROOT / 'cli')!r}]
from juesuan_cli.main import main
main()
"""


def _serve(*args: str, temp: Path):
    env = {**os.environ, "TMPDIR": str(temp), "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen([sys.executable, "-c", LAUNCH, "serve", "--no-browser", *args], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines = []
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        lines.append(line)
        if "按 Ctrl+C 停止服务" in line:
            return proc, "".join(lines)
    proc.kill()
    raise AssertionError("".join(lines))


def _stop(proc) -> str:
    proc.send_signal(signal.SIGTERM)
    try:
        out, _ = proc.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        proc.kill()
        raise
    return out


def test_serve_on_loopback_and_stop(tmp_path):
    proc, head = _serve(temp=tmp_path)
    try:
        url = re.search(r"网页版已启动：(http://127\.0\.0\.1:\d+/)\s", head).group(1)
        assert "令牌" not in head
        page = httpx.get(url, timeout=30)
        assert page.status_code == 200 and "审核工作簿，生成部门决算公开报告" in page.text
        assert list(tmp_path.glob("juesuan-web-*"))  # the private folder, in the system's temp folder
    finally:
        out = _stop(proc)
    assert "网页服务已停止，临时文件已删除。" in out and "Traceback" not in out
    assert not list(tmp_path.glob("juesuan-web-*"))


def test_serve_on_another_address_prints_a_token(tmp_path):
    proc, head = _serve("--host", "127.0.0.2", temp=tmp_path)
    try:
        url = re.search(r"网页版已启动：(http://127\.0\.0\.2:\d+/\?token=\S+)", head).group(1)
        assert "令牌只在本次启动有效" in head
        base = url.split("?")[0]
        assert httpx.get(base, timeout=30).status_code == 403
        assert httpx.get(url, timeout=30, follow_redirects=True).status_code == 200
    finally:
        _stop(proc)


def test_port_taken_is_said_in_chinese(tmp_path):
    import socket
    with socket.create_server(("127.0.0.1", 0)) as taken:
        port = taken.getsockname()[1]
        r = subprocess.run([sys.executable, "-c", LAUNCH, "serve", "--no-browser", "--port", str(port)],
                           capture_output=True, text=True, timeout=60, env={**os.environ, "TMPDIR": str(tmp_path)})
    assert r.returncode == 2 and r.stderr.startswith("错误：无法在 127.0.0.1:") and "Traceback" not in r.stderr
    assert not list(Path(tmp_path).glob("juesuan-web-*"))
