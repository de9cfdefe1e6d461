"""Files: the input workbook is never changed; a report appears whole or not at all; an output
folder that cannot be written gets a clear Chinese message."""
from __future__ import annotations

import errno
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import EXAMPLE_DATA, ROOT
from robust_helpers import assert_clean, digest, run_cli


@pytest.fixture(scope="module")
def good(tmp_path_factory) -> Path:
    """A workbook that passes the checks (example (c), written from its JSON)."""
    from juesuan.maintenance.examples import load_example
    from juesuan.workbooks.writer import write_workbook
    path = tmp_path_factory.mktemp("good") / "c.xlsx"
    return write_workbook(path, load_example(EXAMPLE_DATA / "c_synthetic_2024.json"))


@pytest.fixture
def work(tmp_path, good) -> Path:
    path = tmp_path / "部门决算.xlsx"
    shutil.copy(good, path)
    return path


def _stamp(path: Path) -> tuple[str, int]:
    return digest(path), path.stat().st_mtime_ns


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".part") or p.name.startswith("."))


def test_every_command_leaves_the_input_unchanged(work, tmp_path):
    before = _stamp(work)
    out = tmp_path / "out"
    out.mkdir()
    commands = [["check", str(work)], ["check", "--json", str(work)], [str(work), "-o", str(out / "r.docx")],
                [str(work)], ["render", str(work), "-o", str(out / "r2.docx")],
                ["init", str(work)],  # refuses: the file exists
                ["batch", str(tmp_path), "-o", str(tmp_path / "batch"), "--jobs", "1"]]
    for args in commands:
        result = run_cli(args)
        assert_clean(result)
        assert _stamp(work) == before, args
    assert (out / "r.docx").stat().st_size > 0
    assert sorted(p.suffix for p in tmp_path.iterdir() if p.is_file()) == [".docx", ".xlsx"]  # the default output
    assert _leftovers(tmp_path) == [] and _leftovers(out) == []


def test_output_cannot_be_the_input(tmp_path, good):
    """A workbook saved with a .docx name, rendered onto itself: refused, file unchanged."""
    odd = tmp_path / "报告.docx"
    shutil.copy(good, odd)
    before = _stamp(odd)
    out = assert_clean(run_cli([str(odd), "-o", str(odd)]), codes=(1, 2))
    assert "不能是输入的工作簿本身" in out
    assert _stamp(odd) == before


def test_existing_report_is_replaced_whole(work, tmp_path):
    """An earlier report of this tool is replaced whole; a file that is not one is never
    replaced (issue 22 D2): refused before the 审核 with exit code 2."""
    target = tmp_path / "r.docx"
    assert_clean(run_cli([str(work), "-o", str(target)]), codes=(0,))
    assert_clean(run_cli([str(work), "-o", str(target)]), codes=(0,))
    import docx
    assert any("决算" in p.text for p in docx.Document(str(target)).paragraphs)
    assert _leftovers(tmp_path) == []
    other = tmp_path / "other.docx"
    other.write_bytes(b"old report")
    out = assert_clean(run_cli([str(work), "-o", str(other)]), codes=(2,))
    assert "不是本工具生成的报告" in out and "审核完成" not in out
    assert other.read_bytes() == b"old report"


def _half_written_save(monkeypatch, exc: BaseException):
    """Writing the report file stops half way (Ctrl-C, disk full): whatever writes the bytes
    (python-docx's own ZipFile or the atomic helper) gets half a file on disk, then ``exc``."""
    import builtins
    import io

    real_open = io.open

    class Half(io.FileIO):
        def write(self, data):
            super().write(bytes(data)[: max(1, len(data) // 2)])
            raise exc

    def fake_open(file, mode="r", *args, **kw):
        if isinstance(file, (str, os.PathLike)) and str(file).endswith(".part") and "w" in mode:
            return io.BufferedWriter(Half(file, "w"), buffer_size=16)
        return real_open(file, mode, *args, **kw)

    monkeypatch.setattr(builtins, "open", fake_open)
    monkeypatch.setattr(io, "open", fake_open)


@pytest.mark.parametrize("exc", [KeyboardInterrupt(), OSError(errno.ENOSPC, "No space left on device")],
                         ids=["ctrl-c", "disk-full"])
def test_interrupted_write_leaves_no_partial_report(work, tmp_path, monkeypatch, exc):
    target = tmp_path / "r.docx"
    assert_clean(run_cli([str(work), "-o", str(target)]), codes=(0,))  # the previous report (ours: replaceable)
    old = target.read_bytes()
    _half_written_save(monkeypatch, exc)
    result = run_cli([str(work), "-o", str(target)])
    assert result.exit_code != 0
    assert target.read_bytes() == old  # the previous report is untouched
    assert _leftovers(tmp_path) == []
    if isinstance(exc, OSError):
        out = assert_clean(result, codes=(1, 2))
        assert "无法写入" in out


def test_ctrl_c_through_main_says_so_in_chinese(work, tmp_path, monkeypatch, capsys):
    from juesuan_cli.main import main
    _half_written_save(monkeypatch, KeyboardInterrupt())
    previous = signal.getsignal(signal.SIGTERM)
    try:
        with pytest.raises(SystemExit) as stop:
            main([str(work), "-o", str(tmp_path / "r.docx")])
    finally:
        signal.signal(signal.SIGTERM, previous)
    assert stop.value.code == 130
    err = capsys.readouterr().err
    assert "已中断" in err and "Aborted" not in err and "Traceback" not in err
    assert not (tmp_path / "r.docx").exists() and _leftovers(tmp_path) == []


SLOW_SAVE = f"""
import sys, time
sys.path[:0] = [{str(ROOT / 'src')!r}, {str(ROOT / 'cli')!r}]
import os
real_replace = os.replace
def replace(src, dst):
    if str(src).endswith(".part"):  # the temporary file is complete, the report not yet in place
        time.sleep(60)
    real_replace(src, dst)
os.replace = replace
from juesuan_cli.main import main
main(sys.argv[1:])
"""


@pytest.mark.skipif(os.name == "nt", reason="POSIX signals")
@pytest.mark.parametrize("sig", ["SIGTERM", "SIGINT"])
def test_signal_while_writing_leaves_no_files(work, tmp_path, sig):
    """A real process stopped while its temporary file exists: nothing is left behind."""
    out = tmp_path / "out"
    out.mkdir()
    proc = subprocess.Popen([sys.executable, "-c", SLOW_SAVE, str(work), "-o", str(out / "r.docx")],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        for _ in range(12000):  # until the temporary file appears (no fixed timing is assumed)
            if _leftovers(out) or proc.poll() is not None:
                break
            time.sleep(0.01)
        assert _leftovers(out), proc.communicate()
        proc.send_signal(getattr(signal, sig))
        _, stderr = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 130, stderr
    assert "已中断" in stderr and "Traceback" not in stderr
    assert list(out.iterdir()) == []


def test_missing_output_folder_is_created(work, tmp_path):
    target = tmp_path / "没有" / "子文件夹" / "r.docx"
    assert_clean(run_cli([str(work), "-o", str(target)]), codes=(0,))
    assert target.is_file()


def test_output_folder_is_a_file(work, tmp_path):
    blocker = tmp_path / "报告"
    blocker.write_text("not a folder")
    out = assert_clean(run_cli([str(work), "-o", str(blocker / "r.docx")]), codes=(1, 2))
    assert "输出文件夹" in out


def test_output_folder_that_cannot_be_written(work, tmp_path, monkeypatch):
    folder = tmp_path / "只读"
    folder.mkdir()
    if os.geteuid() == 0:  # root writes anywhere: make the folder refuse as it would for a user
        real = os.open

        def refuse(path, flags, *args, **kw):
            if Path(path).parent == folder and flags & os.O_CREAT:
                raise PermissionError(errno.EACCES, "Permission denied", str(path))
            return real(path, flags, *args, **kw)

        monkeypatch.setattr(os, "open", refuse)
    else:
        folder.chmod(0o555)
    try:
        out = assert_clean(run_cli([str(work), "-o", str(folder / "r.docx")]), codes=(1, 2))
    finally:
        folder.chmod(0o755)
    assert "无法写入" in out and str(folder) in out
    assert list(folder.iterdir()) == []


def test_json_check_output_is_valid_for_every_hostile_kind(tmp_path):
    """--json always gives JSON (the batch and other tools parse it), even for an empty file."""
    empty = tmp_path / "空.xlsx"
    empty.write_bytes(b"")
    result = run_cli(["check", "--json", str(empty)])
    payload = json.loads(result.output)
    assert result.exit_code == 2 and payload["readable"] is False and "空文件" in payload["fatal"]


def test_a_bug_still_shows_no_traceback(work, monkeypatch, capsys):
    """Through main() (what make-report runs) an unexpected exception becomes a Chinese message;
    JUESUAN_DEBUG=1 shows the traceback to a maintainer."""
    from juesuan_cli.main import main

    import juesuan

    def broken(path, **options):
        raise RuntimeError("boom")

    monkeypatch.setattr(juesuan, "check_workbook", broken)
    monkeypatch.delenv("JUESUAN_DEBUG", raising=False)
    previous = signal.getsignal(signal.SIGTERM)
    try:
        with pytest.raises(SystemExit) as stop:
            main(["check", str(work)])
        assert stop.value.code == 2
        err = capsys.readouterr().err
        assert "程序内部出错" in err and "Traceback" not in err and "boom" not in err
        monkeypatch.setenv("JUESUAN_DEBUG", "1")
        with pytest.raises(RuntimeError):
            main(["check", str(work)])
    finally:
        signal.signal(signal.SIGTERM, previous)
