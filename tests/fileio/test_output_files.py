"""Issue 16, outputs: file names, atomic writes, overwriting, and the inputs a report cannot
print (a 246-character 部门全称, 100+ numbered items, negative counts).  Every run ends in a
Chinese message or a correct report, never an internal error, and leaves no stray file."""
from __future__ import annotations

import copy
import errno
import gc
import io
import json
import os
import re
import sys
from pathlib import Path

import pytest
from conftest import ROOT
from robust_helpers import assert_clean, digest, field_row, run_cli

from juesuan.maintenance.examples import report_from_data
from juesuan.workbooks.writer import write_workbook

EXAMPLE = ROOT / "example_inputs" / "data" / "c_synthetic_2024.json"


def _data() -> dict:
    return json.loads(EXAMPLE.read_text(encoding="utf-8"))


def _workbook(folder: Path, edit=None, name: str = "部门决算.xlsx") -> Path:
    data = _data()
    if edit:
        edit(data)
    return write_workbook(folder / name, report_from_data(data))


def _files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def _hidden_or_partial(folder: Path) -> list[str]:
    return [p.name for p in folder.rglob("*") if p.name.startswith(".") or p.name.endswith(".part")]


def _docx_texts(path: Path) -> list[str]:
    import docx
    return [p.text for p in docx.Document(str(path)).paragraphs]


# -- item 3: 部门全称 of 246 characters --------------------------------------------------------
def test_very_long_department_name_is_flagged_by_check(tmp_path):
    wb = _workbook(tmp_path, lambda d: d["fields"].update(G01="测" * 246))
    for args in (["check", str(wb)], [str(wb)]):
        out = assert_clean(run_cli(args), codes=(1,))
        assert "] 概况!C3：" in out and "有 246 个字，超过 100 个字" in out and "（S-20）" in out
        assert "程序内部错误" not in out
    assert _files(tmp_path) == ["部门决算.xlsx"]


def test_long_department_name_within_the_limit_renders(tmp_path):
    name = "某" * 95 + "委员会"  # 98 characters: allowed, and longer than any file name may be
    wb = _workbook(tmp_path, lambda d: d["fields"].update(G01=name))
    out = assert_clean(run_cli([str(wb)]), codes=(0,))
    docs = [p for p in tmp_path.iterdir() if p.suffix == ".docx"]
    assert len(docs) == 1 and str(docs[0]) in out
    produced = docs[0].name
    assert len(produced.encode()) <= 255 and produced.endswith("2024年度部门决算.docx")
    assert produced.startswith("某" * 20)
    import docx
    assert docx.Document(str(docs[0])).core_properties.title.startswith("某" * 95)
    assert _hidden_or_partial(tmp_path) == []


# -- item 4: 100 and more numbered items ------------------------------------------------------------
def test_more_than_a_hundred_items_are_numbered_in_chinese(tmp_path):
    def many(d):
        d["lists"]["W02"] = [{"title": f"重点工作{i}", "body": f"第{i}项工作的情况。"} for i in range(1, 121)]
        base = d["lists"]["E10"][0]
        for i in range(len(d["lists"]["E10"]) + 1, 106):
            p = copy.deepcopy(base)
            p.update(name=f"项目{i}", budget="0.00", spent="0.00")
            d["lists"]["E10"].append(p)
            # every 项目自评表 needs its 指标 rows (S-11 warns about a project without any)
            d["lists"]["X"].append({"owner": f"项目{i}", "level1": "产出指标", "level2": "数量指标",
                                    "level3": "完成事项", "target": "1项", "actual": "1项"})
    wb = _workbook(tmp_path, many)
    assert "没有发现问题" in assert_clean(run_cli(["check", str(wb)]), codes=(0,))
    out = tmp_path / "r.docx"
    assert_clean(run_cli([str(wb), "-o", str(out)]), codes=(0,))
    texts = _docx_texts(out)
    for heading in ("九十九、重点工作99", "一百、重点工作100", "一百零一、重点工作101", "一百一十、重点工作110",
                    "一百二十、重点工作120",
                    "一百零六、2024年度项目105项目绩效自评表"):
        assert any(t.startswith(heading) for t in texts), heading
    assert not any(re.match(r"^十十|^[一二三四五六七八九]?十十", t) for t in texts)


@pytest.mark.parametrize("n,text", [(1, "一"), (10, "十"), (15, "十五"), (99, "九十九"), (100, "一百"), (101, "一百零一"),
                                    (110, "一百一十"), (999, "九百九十九"), (1010, "一千零一十"), (10000, "10000")])
def test_cn_number(n, text):
    from juesuan.spec.layouts import cn_number
    assert cn_number(n) == text


# -- item 5: empty -o, unreadable input folder, templates vars into a missing folder ----------------
def test_empty_output_name_is_a_chinese_message(tmp_path):
    wb = _workbook(tmp_path)
    out = assert_clean(run_cli([str(wb), "-o", ""]), codes=(2,))
    assert "输出文件名是空的" in out
    assert _files(tmp_path) == ["部门决算.xlsx"]
    out = assert_clean(run_cli(["templates", "vars", "-o", ""]), codes=(2,))
    assert "输出文件名是空的" in out


def test_input_in_a_folder_without_permission(tmp_path, monkeypatch):
    folder = tmp_path / "锁住"
    folder.mkdir()
    wb = _workbook(folder)
    if os.geteuid() == 0:  # root enters any folder: refuse as the system would for a user
        real = Path.stat

        def stat(self, *args, **kw):
            if self.parent == folder:
                raise PermissionError(errno.EACCES, "Permission denied", str(self))
            return real(self, *args, **kw)

        monkeypatch.setattr(Path, "stat", stat)
    else:
        folder.chmod(0)
    try:
        for args in (["check", str(wb)], ["check", "--json", str(wb)], [str(wb)]):
            out = assert_clean(run_cli(args), codes=(2,))
            assert "无法读取文件" in out and "没有权限" in out, out
    finally:
        folder.chmod(0o755)


def test_templates_vars_into_a_missing_folder(tmp_path):
    out = assert_clean(run_cli(["templates", "vars", "-o", str(tmp_path / "没有" / "v.md")]), codes=(2,))
    assert "输出文件夹不存在" in out
    assert _files(tmp_path) == []


# -- item 19: templates vars -o over an existing file ---------------------------------------------------
def test_templates_vars_does_not_overwrite_a_workbook(tmp_path):
    wb = _workbook(tmp_path)
    before = digest(wb)
    out = assert_clean(run_cli(["templates", "vars", "-o", str(wb)]), codes=(2,))
    assert "已存在" in out and "--force" in out
    assert digest(wb) == before
    notes = tmp_path / "变量.md"
    notes.write_text("旧内容", encoding="utf-8")
    assert "已存在" in assert_clean(run_cli(["templates", "vars", "-o", str(notes)]), codes=(2,))
    assert notes.read_text(encoding="utf-8") == "旧内容"
    assert_clean(run_cli(["templates", "vars", "-o", str(notes), "--force"]), codes=(0,))
    assert "变量" in notes.read_text(encoding="utf-8") and "|" in notes.read_text(encoding="utf-8")
    fresh = tmp_path / "新.xlsx"
    assert "工作簿或文档的文件名" in assert_clean(run_cli(["templates", "vars", "-o", str(fresh)]), codes=(2,))
    assert not fresh.exists()
    assert _hidden_or_partial(tmp_path) == []


# -- item 6: disk full -----------------------------------------------------------------------------
def _disk_fills_up(monkeypatch):
    """Every write to a temporary output file fails with ENOSPC after a few bytes."""
    import builtins
    real_open = io.open

    class Full(io.FileIO):
        def write(self, data):
            super().write(bytes(data)[:10])
            raise OSError(errno.ENOSPC, "No space left on device")

    def fake_open(file, mode="r", *args, **kw):
        if isinstance(file, (str, os.PathLike)) and str(file).endswith(".part") and "w" in mode:
            return io.BufferedWriter(Full(file, "w"), buffer_size=16)
        return real_open(file, mode, *args, **kw)

    monkeypatch.setattr(builtins, "open", fake_open)
    monkeypatch.setattr(io, "open", fake_open)


def test_disk_full_gives_one_message_and_no_ignored_exception(tmp_path, monkeypatch):
    wb = _workbook(tmp_path)
    unraisable = []
    monkeypatch.setattr(sys, "unraisablehook", lambda u: unraisable.append(u))
    _disk_fills_up(monkeypatch)
    runs = {"render": [str(wb), "-o", str(tmp_path / "r.docx")], "init": ["init", str(tmp_path / "新.xlsx")],
            "vars": ["templates", "vars", "-o", str(tmp_path / "v.md")]}
    for name, args in runs.items():
        out = assert_clean(run_cli(args), codes=(1, 2))
        assert "磁盘空间不足" in out, (name, out)
        gc.collect()
        assert not unraisable, (name, [str(u.exc_value) for u in unraisable])
    assert _files(tmp_path) == ["部门决算.xlsx"]


# -- item 11: Ctrl-C right after the temporary file was created ---------------------------------------
def test_interrupt_right_after_the_temporary_file_is_created(tmp_path, monkeypatch, capsys):
    """The file system has created the temporary file, the program has not yet noted its name:
    an interrupt at that moment still leaves nothing behind."""
    from juesuan_cli.main import main
    real = os.open

    def open_then_interrupt(path, flags, *args, **kw):
        fd = real(path, flags, *args, **kw)
        if str(path).endswith(".part") and flags & os.O_CREAT:
            os.close(fd)
            raise KeyboardInterrupt
        return fd

    monkeypatch.setattr(os, "open", open_then_interrupt)
    with pytest.raises(SystemExit) as stop:
        main(["init", str(tmp_path / "空白.xlsx")])
    assert stop.value.code == 130
    assert "已中断" in capsys.readouterr().err
    assert _files(tmp_path) == []


def test_temporary_name_fits_the_file_system(tmp_path):
    from juesuan.fileio.atomic import MAX_NAME_BYTES, atomic_path, temp_name
    target = tmp_path / ("长" * 83 + ".docx")  # 254 bytes: the longest name Linux allows here
    assert len(target.name.encode()) <= 255
    assert len(temp_name(target).encode()) <= MAX_NAME_BYTES
    with atomic_path(target) as tmp:
        tmp.write_bytes(b"x")
    assert target.read_bytes() == b"x" and _files(tmp_path) == [target.name]


# -- item 17: long and odd output names -------------------------------------------------------------------
def test_eighty_character_output_name_works(tmp_path):
    wb = _workbook(tmp_path)
    target = tmp_path / ("长" * 80 + ".docx")
    out = assert_clean(run_cli([str(wb), "-o", str(target)]), codes=(0,))
    assert "文件名太长" not in out and target.stat().st_size > 0
    assert _hidden_or_partial(tmp_path) == []


def test_default_name_from_a_path_like_department_name_is_not_hidden(tmp_path):
    wb = _workbook(tmp_path, lambda d: d["fields"].update(G01="../x"))
    assert_clean(run_cli([str(wb)]), codes=(0,))
    assert _files(tmp_path) == ["x2024年度部门决算.docx", "部门决算.xlsx"]
    assert not any(p.name.startswith("x2024") for p in tmp_path.parent.iterdir())


def test_default_names_are_shortened_predictably():
    from juesuan.render.names import report_filename
    report = report_from_data(_data())
    for name in ("局" * 300, "A" * 300, "某" * 90 + "/../" + "x" * 50):
        report.supp.fields["G01"] = name
        first = report_filename(report)
        assert first == report_filename(report)  # the same name always gives the same file name
        assert len(first.encode()) + len("（99）".encode()) <= 255
        assert first.endswith("2024年度部门决算.docx") and not first.startswith(".")


# -- item 18: negative counts, negative threshold ----------------------------------------------------------
def test_negative_count_and_threshold_are_errors_with_their_own_words(tmp_path):
    def edit(d):
        d["fields"]["N02"] = -3
        d["fields"]["偏差阈值"] = -5
    wb = _workbook(tmp_path, edit)
    out = assert_clean(run_cli(["check", str(wb)]), codes=(1,))
    n02 = f"三公明细!C{field_row(wb, '三公明细', 'N02')}"
    line = next(l for l in out.splitlines() if n02 in l)
    assert "[错误] " in line and line.endswith("（实际为 -3）。（S-21）") and "数量，不能为负数" in line and "金额" not in line
    line = next(l for l in out.splitlines() if "S-22" in l)
    assert "偏差阈值" in line and "实际为 -5" in line
    assert "金额为负数" not in out


# -- item 12 (the writers of this project): text is never a formula --------------------------------------
def test_workbooks_written_here_hold_text_never_formulas(tmp_path):
    """init/--from and the example builder write user text: '=…' stays text; the reader reads it back."""
    import openpyxl
    link = '=HYPERLINK("http://example.invalid","点击查看")'
    wb = _workbook(tmp_path, lambda d: d["fields"].update(G01=link, G13="=1+1"))
    book = openpyxl.load_workbook(wb)
    formulas = [f"{ws.title}!{c.coordinate}" for ws in book.worksheets for row in ws.iter_rows() for c in row
                if c.data_type == "f"]
    assert formulas == []
    ws = book["概况"]
    assert ws["C3"].value == link and ws["C3"].data_type == "s"
    from juesuan.reader.workbook import read_workbook
    report, _ = read_workbook(wb)
    assert report.supp.get("G01") == link and report.supp.get("G13") == "=1+1"


def test_batch_folder_inside_a_folder_without_permission(tmp_path, monkeypatch):
    locked = tmp_path / "锁住"
    inbox = locked / "收到"
    inbox.mkdir(parents=True)
    _workbook(inbox)
    if os.geteuid() == 0:
        real = Path.stat

        def stat(self, *args, **kw):
            if self == inbox or self.parent == inbox:
                raise PermissionError(errno.EACCES, "Permission denied", str(self))
            return real(self, *args, **kw)

        monkeypatch.setattr(Path, "stat", stat)
    else:
        locked.chmod(0)
    try:
        out = assert_clean(run_cli(["batch", str(inbox), "-o", str(tmp_path / "out")]), codes=(2,))
    finally:
        locked.chmod(0o755)
    assert "无法读取文件夹" in out and "没有权限" in out
    assert not (tmp_path / "out").exists()
