"""--pdf on Windows, simulated: LibreOffice found under Program Files, WPS never taken for it,
the process tree killed with taskkill, the fonts of the Windows font folders."""
from __future__ import annotations

import subprocess
import sys

import pytest

from juesuan.render.pdf import convert, fonts, lo_process, win_fonts


@pytest.fixture
def windows(monkeypatch):
    for module in (convert, fonts, lo_process):
        monkeypatch.setattr(module, "on_windows", lambda: True)


def _exe(path):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"MZ")
    return path


def test_soffice_under_program_files(tmp_path, monkeypatch, windows):
    monkeypatch.delenv("JUESUAN_SOFFICE", raising=False)
    monkeypatch.setattr(convert.shutil, "which", lambda name: None)  # not on PATH, as usual on Windows
    x86 = tmp_path / "Program Files (x86)"
    exe = _exe(x86 / "LibreOffice" / "program" / "soffice.exe")
    monkeypatch.setenv("ProgramFiles", str(tmp_path / "Program Files"))
    monkeypatch.setenv("ProgramFiles(x86)", str(x86))
    assert convert.find_soffice() == str(exe)
    newer = _exe(tmp_path / "Program Files" / "LibreOffice" / "program" / "soffice.exe")
    assert convert.find_soffice() == str(newer)  # the 64-bit one first


def test_versioned_and_per_user_installs(tmp_path, monkeypatch):
    _exe(tmp_path / "PF" / "LibreOffice 7" / "program" / "soffice.exe")
    env = {"ProgramFiles": str(tmp_path / "PF"), "LOCALAPPDATA": str(tmp_path / "Local")}
    found = convert.windows_candidates(env)
    assert str(tmp_path / "PF" / "LibreOffice 7" / "program" / "soffice.exe") in found
    assert str(tmp_path / "Local" / "Programs" / "LibreOffice" / "program" / "soffice.exe") in found


def test_wps_is_not_a_converter(tmp_path, monkeypatch, windows):
    wps = _exe(tmp_path / "Kingsoft" / "WPS Office" / "office6" / "wps.exe")
    monkeypatch.setenv("JUESUAN_SOFFICE", str(wps))
    assert convert.find_soffice() is None
    with pytest.raises(convert.PdfError) as caught:
        convert.convert(tmp_path / "报告.docx")
    assert "WPS 不能在后台转换 PDF" in caught.value.message and "另存为 PDF" in caught.value.message
    assert convert.is_wps(r"C:\Program Files (x86)\Kingsoft\WPS Office\ksolaunch.exe")
    assert not convert.is_wps(r"C:\Program Files\LibreOffice\program\soffice.exe")


def test_windows_process_group_flags(windows):
    kwargs = lo_process.popen_kwargs()
    assert "start_new_session" not in kwargs  # POSIX only: Popen refuses it nowhere, but it means nothing there
    assert kwargs["creationflags"] & 0x200  # CREATE_NEW_PROCESS_GROUP: Ctrl-C reaches only us
    assert kwargs["creationflags"] & 0x08000000  # CREATE_NO_WINDOW: no console window flashes up


def test_kill_tree_uses_taskkill_on_the_whole_tree(monkeypatch, windows):
    monkeypatch.setenv("SystemRoot", r"C:\Windows")
    proc = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    calls = []
    monkeypatch.setattr(lo_process.subprocess, "run", lambda args, **kw: calls.append(args))
    lo_process.kill_tree(proc)
    assert calls and calls[0][1:] == ["/T", "/F", "/PID", str(proc.pid)]
    assert calls[0][0].lower().endswith("taskkill.exe") and "System32" in calls[0][0]
    assert proc.poll() is not None  # and the process itself is gone (proc.kill after taskkill)


def test_fonts_from_the_windows_font_folder(tmp_path, monkeypatch, windows):
    folder = tmp_path / "Windows" / "Fonts"
    folder.mkdir(parents=True)
    for name in ("SIMSUN.TTC", "simfang.ttf", "simkai.ttf", "simhei.ttf", "msyh.ttc"):
        (folder / name).write_bytes(b"")
    monkeypatch.setenv("WINDIR", str(tmp_path / "Windows"))
    monkeypatch.delenv("LOCALAPPDATA", raising=False)
    monkeypatch.setattr(fonts, "installed_families", lambda: None)  # no fontconfig on Windows
    result = fonts.plan()
    assert "仿宋" not in result.pairs and "宋体" not in result.pairs and "黑体" not in result.pairs
    assert result.pairs["方正小标宋简体"] == "SimSun"
    assert result.pairs["仿宋_GB2312"] == "FangSong" and result.pairs["楷体_GB2312"] == "KaiTi"
    assert not result.missing_sc and not result.files
    assert result.messages() == ["PDF 字体：本机没有 方正小标宋简体，用 宋体（SimSun）代替。"]


def test_windows_without_chinese_fonts_is_warned_in_windows_terms(tmp_path, monkeypatch, windows):
    (tmp_path / "Windows" / "Fonts").mkdir(parents=True)
    (tmp_path / "Windows" / "Fonts" / "arial.ttf").write_bytes(b"")
    monkeypatch.setenv("WINDIR", str(tmp_path / "Windows"))
    monkeypatch.delenv("LOCALAPPDATA", raising=False)
    monkeypatch.setattr(fonts, "installed_families", lambda: None)
    result = fonts.plan()
    assert result.missing_sc and result.messages() == [win_fonts.MESSAGE]
    assert "fonts-noto-cjk" not in "".join(result.messages())


def test_per_user_fonts_count(tmp_path):
    user = tmp_path / "Local" / "Microsoft" / "Windows" / "Fonts"
    user.mkdir(parents=True)
    (user / "FZXBSJW.TTF").write_bytes(b"")
    folders = win_fonts.font_folders({"WINDIR": str(tmp_path / "none"), "LOCALAPPDATA": str(tmp_path / "Local")})
    assert "方正小标宋简体" in win_fonts.installed_families(folders)


def test_only_pairs_for_non_primary_fonts_say_nothing_odd():
    plan = fonts.FontPlan(pairs={"仿宋_GB2312": "FangSong"}, windows=True)
    assert plan.messages() == []


def test_pdftotext_reads_an_ascii_copy_without_a_console_window(tmp_path, monkeypatch):
    from juesuan.audit import text_input
    pdf = tmp_path / "部门决算☑.pdf"  # ☑ is not in GBK, the code page poppler reads its arguments in
    pdf.write_bytes(b"%PDF-1.4 x")
    seen = {}

    def run(args, **kw):
        seen.update(args=args, kw=kw, copy=open(args[3], "rb").read())
        return subprocess.CompletedProcess(args, 0, "第一行\n第二行".encode(), b"")

    monkeypatch.setattr(text_input, "pdftotext_path", lambda: "pdftotext.exe")
    monkeypatch.setattr(text_input, "on_windows", lambda: True)
    monkeypatch.setattr(text_input.subprocess, "run", run)
    lines = text_input._pdf_lines(pdf)
    assert [line for line, _, _ in lines] == ["第一行", "第二行"]
    assert seen["args"][3].endswith("report.pdf") and seen["args"][3].isascii()
    assert seen["copy"] == pdf.read_bytes()
    assert seen["kw"]["creationflags"] & 0x08000000
