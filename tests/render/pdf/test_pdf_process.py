"""--pdf and the LibreOffice process: Ctrl-C, kill and timeouts leave no LibreOffice process,
no temporary profile, and say that the .docx is complete; very long text stays fast to lay out.

The command runs in a child Python (the real CLI, from this work tree) with TMPDIR pointing
into the test folder, so every temporary folder of the conversion can be looked for, and
LibreOffice's processes are found by that folder in their command line."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from docx import Document
from conftest import EXAMPLES, ROOT

from juesuan.render.pdf.convert import PdfError, convert, find_soffice
from juesuan.render.docx.writer import LONG_PARAGRAPH, split_long
from juesuan.render.docx.readback import plain

posix_only = pytest.mark.skipif(os.name != "posix", reason="signals and /proc are POSIX")
needs_soffice = pytest.mark.skipif(find_soffice() is None, reason="LibreOffice (soffice) not installed")

RUN_CLI = (
    "import sys\n"
    f"root = {str(ROOT)!r}\n"
    "sys.path[:0] = [root + '/src', root + '/cli']\n"
    "from juesuan_cli.main import main\n"
    "main()\n"
)

# A stand-in for soffice: like the real launcher it starts a worker process ("soffice.bin")
# and waits for it; it also creates the profile folder, as LibreOffice does.
FAKE_SOFFICE = """#!/bin/sh
for a in "$@"; do
  case "$a" in -env:UserInstallation=file://*) mkdir -p "${a#-env:UserInstallation=file://}/user";; esac
done
sleep 300 &
echo $! >> "$FAKE_PIDS"
wait
"""


def _processes_mentioning(text: str) -> list[int]:
    """Live (not zombie) processes whose command line contains ``text``."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmd = (entry / "cmdline").read_bytes().decode("utf-8", "replace")
            state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if text in cmd and state != "Z":
            found.append(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _start(tmp_path: Path, env_extra: dict[str, str]) -> tuple[subprocess.Popen, Path, Path]:
    temp = tmp_path / "tmp"
    temp.mkdir()
    wb = tmp_path / "示例.xlsx"
    wb.write_bytes((EXAMPLES / "c_synthetic_2024.xlsx").read_bytes())
    out = tmp_path / "报告.docx"
    env = {**os.environ, "TMPDIR": str(temp), **env_extra}
    proc = subprocess.Popen([sys.executable, "-c", RUN_CLI, str(wb), "-o", str(out), "--pdf"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    return proc, temp, out


def _wait_for(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


@posix_only
@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_interrupt_kills_the_launcher_and_its_worker_and_removes_the_profile(tmp_path, sig):
    fake = tmp_path / "soffice"
    fake.write_text(FAKE_SOFFICE, encoding="utf-8")
    fake.chmod(0o755)
    pids = tmp_path / "pids"
    proc, temp, out = _start(tmp_path, {"JUESUAN_SOFFICE": str(fake), "FAKE_PIDS": str(pids)})
    try:
        assert _wait_for(lambda: pids.is_file() and pids.read_text().strip(), 60), proc.stderr
        assert list(temp.glob("juesuan-pdf-*/profile"))  # the conversion is under way
        proc.send_signal(sig)
        _, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    worker = int(pids.read_text().split()[0])
    assert not _alive(worker), "the worker started by soffice survived"
    assert not _processes_mentioning(str(temp))
    assert list(temp.iterdir()) == []  # no juesuan-pdf-* folder, no profile
    text = err.decode("utf-8")
    assert proc.returncode == 130
    assert f"Word 报告已完整生成（{out}），只是 PDF 没有生成" in text, text
    assert "没有保存" not in text
    assert Document(str(out)).paragraphs  # the .docx is indeed complete and opens
    assert not out.with_suffix(".pdf").exists()


@posix_only
@needs_soffice
def test_ctrl_c_during_a_real_conversion_leaves_no_soffice_bin(tmp_path):
    proc, temp, out = _start(tmp_path, {})
    try:
        # soffice.bin runs with our temporary profile in its command line.
        assert _wait_for(lambda: any("soffice" in Path(f"/proc/{p}/cmdline").read_bytes().decode("utf-8", "replace")
                                     for p in _processes_mentioning(str(temp)) if _alive(p)), 120)
        time.sleep(0.5)
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert _wait_for(lambda: not _processes_mentioning(str(temp)), 2), "LibreOffice still running"
    assert list(temp.iterdir()) == []
    assert "只是 PDF 没有生成" in err.decode("utf-8")
    assert out.is_file()


@posix_only
def test_timeout_kills_the_whole_group_and_says_the_docx_is_complete(tmp_path, monkeypatch):
    fake = tmp_path / "soffice"
    fake.write_text(FAKE_SOFFICE, encoding="utf-8")
    fake.chmod(0o755)
    pids = tmp_path / "pids"
    temp = tmp_path / "tmp"
    temp.mkdir()
    monkeypatch.setenv("JUESUAN_SOFFICE", str(fake))
    monkeypatch.setenv("FAKE_PIDS", str(pids))
    monkeypatch.setattr("tempfile.tempdir", str(temp))
    docx = tmp_path / "r.docx"
    docx.write_bytes(b"PK")
    with pytest.raises(PdfError) as err:
        convert(docx, timeout=2)
    assert "超时" in err.value.message and "Word 报告已完整生成" in err.value.message
    assert not _alive(int(pids.read_text().split()[0]))
    assert list(temp.iterdir()) == []


def test_long_text_is_cut_into_paragraphs_at_sentence_ends():
    sentence = "人员经费增加较多。"  # 9 characters
    text = sentence * 1000
    pieces = split_long(text)
    assert "".join(pieces) == text
    assert all(len(p) <= LONG_PARAGRAPH for p in pieces) and len(pieces) > 1
    assert all(p.endswith("。") for p in pieces)
    run = "x" * (3 * LONG_PARAGRAPH + 5)  # no sentence end at all: cut at the limit
    assert [len(p) for p in split_long(run)] == [LONG_PARAGRAPH] * 3 + [5]
    assert split_long("短句。") == ["短句。"] and split_long("") == [""]


def test_a_megabyte_reason_gives_short_paragraphs(tmp_path):
    """A 1 MB 主要原因 (a pasted file) took LibreOffice minutes as one paragraph."""
    import zipfile

    from juesuan.api import render_workbook
    src = zipfile.ZipFile(EXAMPLES / "c_synthetic_2024.xlsx")
    wb = tmp_path / "长原因.xlsx"
    reason = "".join(f"&#{ord(c)};" for c in "上级补助收入和事业收入增加")  # R02, as the file stores it
    huge = "x" * 900_000  # (templates may write at most 1,000,000 characters: textenv limits)
    with zipfile.ZipFile(wb, "w", zipfile.ZIP_DEFLATED) as dst:
        hits = 0
        for item in src.infolist():
            data = src.read(item.filename)
            if reason.encode() in data:
                hits += 1
                data = data.replace(reason.encode(), huge.encode(), 1)
            dst.writestr(item, data)
    assert hits == 1
    result = render_workbook(wb, tmp_path / "r.docx")
    assert result.docx, result.problems
    # (as a reader sees it: the invisible word joiners between a number and its unit do not count)
    lengths = [len(plain(p.text)) for p in Document(str(result.docx)).paragraphs]
    assert sum(n for n in lengths if n) > 900_000  # nothing dropped …
    assert max(lengths) <= LONG_PARAGRAPH  # … but no paragraph LibreOffice would choke on
