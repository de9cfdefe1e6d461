"""Windows file behaviour, simulated on Linux: a target open in Word/Excel (os.replace refuses
with PermissionError there), full paths of 260 characters and more, device names and the
characters Windows forbids in a 部门 name used for output file names."""
from __future__ import annotations

import errno
import json
import os

import pytest
from conftest import ROOT
from robust_helpers import assert_clean, run_cli

import juesuan.fileio.atomic as atomic
import juesuan.fileio.oserrors as oserrors
from juesuan.fileio.oserrors import IN_USE, LONG_PATH, TargetInUse, describe
from juesuan.maintenance.examples import report_from_data
from juesuan.workbooks.writer import write_workbook

EXAMPLE = ROOT / "example_inputs" / "data" / "c_synthetic_2024.json"
WORD_LOCK = "文件正被 Word/Excel 打开，请关闭后重试"


def _workbook(folder, name="部门决算.xlsx", **fields):
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    data["fields"].update(fields)
    return write_workbook(folder / name, report_from_data(data))


def _locked(monkeypatch, *names: str):
    """os.replace onto these file names fails as on Windows when Word/Excel has the file open."""
    real = os.replace

    def replace(src, dst, *a, **kw):
        if os.path.basename(os.fspath(dst)) in names:
            err = PermissionError(errno.EACCES, "Access is denied", os.fspath(dst))
            err.winerror = 5  # what Windows sets (ERROR_ACCESS_DENIED)
            raise err
        return real(src, dst, *a, **kw)

    monkeypatch.setattr(atomic.os, "replace", replace)


def test_replacing_an_open_file_says_close_it(tmp_path, monkeypatch):
    target = tmp_path / "报告.docx"
    target.write_bytes(b"old")
    _locked(monkeypatch, "报告.docx")
    with pytest.raises(TargetInUse) as caught:
        atomic.atomic_save(target, lambda fh: fh.write(b"new"))
    assert WORD_LOCK in describe(caught.value)
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["报告.docx"]  # no .part left


def test_render_over_a_report_open_in_word(tmp_path, monkeypatch):
    wb = _workbook(tmp_path)
    out = tmp_path / "报告.docx"
    assert_clean(run_cli([str(wb), "-o", str(out)]), codes=(0,))
    before = out.read_bytes()
    _locked(monkeypatch, "报告.docx")  # the clerk opened the report, then renders again
    text = assert_clean(run_cli([str(wb), "-o", str(out)]), codes=(1, 2))
    assert WORD_LOCK in text, text
    assert out.read_bytes() == before


def test_init_over_a_workbook_open_in_excel(tmp_path, monkeypatch):
    blank = tmp_path / "空白.xlsx"
    blank.write_bytes(b"open in Excel")
    _locked(monkeypatch, "空白.xlsx")
    text = assert_clean(run_cli(["init", str(blank), "--force"]), codes=(1, 2))
    assert WORD_LOCK in text, text
    assert blank.read_bytes() == b"open in Excel"


def test_batch_publish_onto_an_open_report(tmp_path, monkeypatch):
    from juesuan.batch.rows import publish_report
    staged = tmp_path / "stage" / "某局2024年度部门决算.docx"
    staged.parent.mkdir()
    staged.write_bytes(b"new")
    out = tmp_path / "报告"
    out.mkdir()
    monkeypatch.setattr("juesuan.batch.rows._keep_foreign", lambda *a: None)
    _locked(monkeypatch, staged.name)
    row = {"status": "已生成", "reason": None, "first_problem": None, "notes": [], "findings": [], "warnings": 0,
           "file": "a.xlsx", "output": None, "pdf": None, "figures": None}
    publish_report(row, {"staged_docx": str(staged), "staged_pdf": None}, out, {})
    assert WORD_LOCK in row["first_problem"] and row["output"] is None
    assert "或没有写权限" not in row["first_problem"]


def test_describe_windows_error_numbers():
    sharing = PermissionError(errno.EACCES, "The process cannot access the file", "x.docx")
    sharing.winerror = 32
    assert "Word/Excel/WPS" in describe(sharing)
    assert describe(TargetInUse(errno.EACCES, "denied", "x.docx")) == IN_USE


def test_long_path_on_windows(tmp_path, monkeypatch):
    monkeypatch.setattr(oserrors, "on_windows", lambda: True)
    deep = tmp_path / ("很长的文件夹名" * 12) / ("第二层" * 20)
    name = str(deep / ("报告" * 40 + ".docx"))
    assert len(name) >= 260
    missing = FileNotFoundError(errno.ENOENT, "The system cannot find the path specified", name)
    missing.winerror = 3
    assert describe(missing) == LONG_PATH
    short = FileNotFoundError(errno.ENOENT, "not found", str(tmp_path / "x.docx"))
    assert describe(short) != LONG_PATH
    monkeypatch.setattr(oserrors, "on_windows", lambda: False)
    assert describe(missing) != LONG_PATH  # Linux allows such paths: "not found" means not found


def test_temporary_name_stays_within_260_when_the_target_does(tmp_path, monkeypatch):
    monkeypatch.setattr(oserrors, "on_windows", lambda: True)
    folder = tmp_path / ("f" * max(1, 250 - len(str(tmp_path)) - 30))
    folder.mkdir()
    target = folder / ("报" * 20 + ".docx")
    assert len(os.path.abspath(target)) < 260 <= len(os.path.abspath(folder / atomic.temp_name(target)))
    seen = []
    with atomic.atomic_path(target) as tmp:
        seen.append(tmp)
        tmp.write_bytes(b"x")
    assert len(os.path.abspath(seen[0])) < 260
    assert target.read_bytes() == b"x"


@pytest.mark.parametrize("name", ["CON", "con ", "Nul.txt", "COM1", "LPT9", "COM\u00b9", "CONIN$"])
def test_device_names_are_not_file_names(name):
    from juesuan.fileio.winnames import reserved
    from juesuan.render.names import safe_stem
    from juesuan.web.workspace import safe_name
    assert reserved(name)
    assert not reserved(safe_stem(name))
    assert safe_name(name + ".xlsx", "工作簿.xlsx") == "工作簿.xlsx"


def test_forbidden_characters_in_the_department_name(tmp_path):
    wb = _workbook(tmp_path, G01='某<局>:"办"/公\\室|?*')
    out = tmp_path / "报告"
    text = assert_clean(run_cli(["batch", str(tmp_path), "-o", str(out), "-j", "1"]), codes=(0,))
    made = sorted(p.name for p in out.iterdir() if p.suffix == ".docx")
    assert made == ["某局办公室2024年度部门决算.docx"], (made, text)
    assert wb.is_file()


def test_upload_names_fit_a_linux_name_too():
    from juesuan.web.workspace import safe_name
    name = safe_name("长" * 300 + ".xlsx", "x.xlsx")
    assert len(name.encode("utf-8")) <= 255 and name.endswith(".xlsx")


def test_web_names_follow_the_same_rules():
    from juesuan.fileio.winnames import _RESERVED, FORBIDDEN
    from juesuan.web import workspace
    assert workspace._RESERVED == _RESERVED and workspace._FORBIDDEN == set(FORBIDDEN)
