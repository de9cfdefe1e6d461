"""--pdf: each renderable example converted with LibreOffice (skipped where soffice is absent;
the CI script installs libreoffice-writer-nogui and poppler-utils, so it runs there)."""
from __future__ import annotations

import os
import re
import shutil
import subprocess

import pytest
from docx import Document
from docx.oxml.ns import qn
from render_helpers import RENDERABLE, render_example

from juesuan.render.pdf.convert import PdfError, convert, find_soffice

needs_soffice = pytest.mark.skipif(find_soffice() is None, reason="LibreOffice (soffice) not installed")

# Page counts of the examples as rendered (cover + 目录 + body); a range, as fonts differ.
PAGES = {"b_hanyang_2024": (30, 55), "c_synthetic_2024": (30, 55)}


def page_count(pdf) -> int:
    if shutil.which("pdfinfo"):
        out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
        return int(re.search(r"^Pages:\s+(\d+)", out, re.M).group(1))
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf.read_bytes()))


def pdf_text(pdf, first: int | None = None, last: int | None = None) -> str | None:
    if not shutil.which("pdftotext"):
        return None
    cmd = ["pdftotext", "-layout"]
    if first:
        cmd += ["-f", str(first), "-l", str(last or first)]
    return subprocess.run(cmd + [str(pdf), "-"], capture_output=True, text=True, check=True).stdout


@pytest.fixture(scope="module")
def converted(tmp_path_factory):
    return {name: render_example(name, tmp_path_factory.mktemp(f"pdf_{name}"), pdf=True) for name in RENDERABLE}


@needs_soffice
@pytest.mark.parametrize("name", RENDERABLE)
def test_example_pdf(converted, name):
    result = converted[name]
    assert result.ok, result.problems
    assert result.pdf == result.docx.with_suffix(".pdf") and result.pdf.stat().st_size > 50_000
    low, high = PAGES[name]
    assert low <= page_count(result.pdf) <= high
    text = pdf_text(result.pdf)
    if text is None:
        pytest.skip("pdftotext not installed")
    flat = re.sub(r"\s+", "", text)
    report = result.check.report
    for needle in ("目录", f"第一部分{report.name}概况", "第五部分名词解释", "第六部分附件",
                   "2024年度收入支出决算总表", "公开01表", "图1：收、支决算总计变动情况"):
        assert needle in flat, needle
    # The 目录 carries page numbers: dot leaders and a number after each part.
    toc = re.sub(r"\s+", "", pdf_text(result.pdf, 2, 3))
    assert re.search(r"第一部分" + re.escape(report.name) + r"概况\.{5,}1", toc)
    assert re.search(r"第六部分附件\.{5,}\d+", toc)


def pdf_fonts(pdf) -> list[str]:
    out = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    return [line.split()[0].split("+", 1)[-1] for line in out.splitlines()[2:] if line.strip()]


# Latin faces LibreOffice may use for Times New Roman and the digits; everything else is a CJK face.
LATIN_FONTS = re.compile(r"DejaVu|Liberation|TimesNewRoman|Times-|Arial|Carlito|Caladea|OpenSymbol")


@needs_soffice
@pytest.mark.skipif(not shutil.which("pdffonts"), reason="poppler-utils (pdffonts) not installed")
@pytest.mark.parametrize("name", RENDERABLE)
def test_pdf_uses_simplified_chinese_faces_only(converted, name):
    result = converted[name]
    fonts = pdf_fonts(result.pdf)
    cjk = [f for f in fonts if not LATIN_FONTS.search(f)]
    assert cjk, fonts
    # Japanese, Korean and Traditional faces of the CJK collections are named jp / kr / tc / hk.
    assert not [f for f in fonts if re.search(r"jp|JP|kr|KR|CJKtc|CJKhk|TC-|HK-", f)], fonts
    assert all(re.search(r"SC|sc-|GB|CN", f) for f in cjk), cjk
    if any("Juesuan" in f for f in cjk):  # the SC faces cut out of Debian's Noto CJK collections
        assert any(line.startswith("PDF 字体：") and "仿宋" in line for line in result.pdf_fonts), result.pdf_fonts


def test_font_plan_prefers_sc_faces_and_warns_without_them():
    from juesuan.render.pdf.fonts import plan
    standalone = plan({"Noto Serif SC", "Noto Sans SC", "DejaVu Serif"})
    assert standalone.pairs["仿宋"] == standalone.pairs["宋体"] == "Noto Serif SC"
    assert standalone.pairs["黑体"] == standalone.pairs["SimHei"] == "Noto Sans SC"
    assert not standalone.missing_sc and not standalone.files
    assert "仿宋、宋体、楷体、方正小标宋简体，用 Noto Serif SC 代替；黑体，用 Noto Sans SC 代替" \
        in standalone.messages()[0]
    windows_like = plan({"仿宋", "宋体", "黑体", "楷体", "Noto Serif SC", "Noto Sans SC"})
    assert "仿宋" not in windows_like.pairs and "方正小标宋简体" in windows_like.pairs  # only missing ones
    bare = plan({"DejaVu Serif", "Noto Serif CJK JP"})
    assert bare.pairs == {} and bare.missing_sc
    assert any(line.startswith("警告：本机没有简体中文字体") for line in bare.messages())


@pytest.mark.skipif(not shutil.which("fc-list"), reason="fontconfig not installed")
def test_sc_face_cut_from_a_collection_is_a_valid_font_named_sc(tmp_path):
    from juesuan.render.pdf.fonts import _collection
    from juesuan.render.pdf.sc_faces import FACES, extract
    face = FACES[0]
    source = _collection(face.source_family, face.weight)
    if source is None:
        pytest.skip("no Noto Serif CJK collection installed")
    data = extract(source, face)
    font = tmp_path / "f.otf"
    font.write_bytes(data)
    if shutil.which("fc-scan"):
        out = subprocess.run(["fc-scan", "--format", "%{family}|%{postscriptname}", str(font)],
                             capture_output=True, text=True, check=True).stdout
        assert out == "Juesuan Serif SC|JuesuanSerifSC-Regular"
    assert b"NotoSerifCJKjp" not in data and b"JuesuanSerifSC-Regular" in data


@pytest.mark.skipif(not shutil.which("fc-list"), reason="fontconfig not installed")
def test_cut_faces_are_cached_per_user(tmp_path, monkeypatch):
    from juesuan.render.pdf.fonts import _collection
    from juesuan.render.pdf.sc_faces import FACES, face_file
    face = FACES[2]  # the Sans face, the smallest
    source = _collection(face.source_family, face.weight)
    if source is None:
        pytest.skip("no Noto Sans CJK collection installed")
    monkeypatch.setenv("JUESUAN_CACHE_DIR", str(tmp_path))
    first = face_file(source, face)
    assert first.parent == tmp_path / "fonts" and first.stat().st_size > 1_000_000
    stamp = first.stat().st_mtime_ns
    assert face_file(source, face) == first and first.stat().st_mtime_ns == stamp  # not cut again


@needs_soffice
def test_docx_toc_gets_the_page_numbers_of_the_pdf(converted):
    doc = Document(str(converted["c_synthetic_2024"].docx))
    # Opens in Word without the "update fields?" dialog, with the page numbers already there.
    assert doc.settings.element.find(qn("w:updateFields")) is None
    entries = [p for p in doc.paragraphs if p.style.name in ("toc 1", "toc 2")]
    numbers = [p.text.split("\t")[-1] for p in entries]
    assert numbers[0] == "1" and all(n.isdigit() for n in numbers)
    assert [int(n) for n in numbers] == sorted(int(n) for n in numbers)
    assert any(e.text for e in doc.element.body.iter(qn("w:instrText")) if "PAGEREF" in e.text)


def test_missing_soffice_is_a_chinese_message(tmp_path, monkeypatch):
    monkeypatch.setenv("JUESUAN_SOFFICE", str(tmp_path / "no-such-soffice"))
    docx = tmp_path / "r.docx"
    docx.write_bytes(b"PK")
    with pytest.raises(PdfError) as err:
        convert(docx)
    assert "未找到 LibreOffice" in err.value.message
    assert not (tmp_path / "r.pdf").exists()


@pytest.mark.skipif(os.name != "posix", reason="uses a shell script as a fake soffice")
def test_timeout_kills_and_reports(tmp_path, monkeypatch):
    fake = tmp_path / "soffice"
    fake.write_text("#!/bin/sh\nsleep 30\n", encoding="utf-8")
    fake.chmod(0o755)
    monkeypatch.setenv("JUESUAN_SOFFICE", str(fake))
    docx = tmp_path / "r.docx"
    docx.write_bytes(b"PK")
    with pytest.raises(PdfError) as err:
        convert(docx, timeout=1)
    assert "超时" in err.value.message
