"""Files the importer cannot use are refused with one Chinese sentence, never a traceback."""
from __future__ import annotations

import pytest

from juesuan.api import InputError, import_source
from juesuan.importer import SourceError, import_report


def test_scanned_pdf_without_text_is_refused(tmp_path):
    from PIL import Image
    pdf = tmp_path / "扫描件.pdf"
    Image.new("RGB", (600, 800), "white").save(pdf)
    with pytest.raises(SourceError) as exc:
        import_report(pdf)
    assert "没有文字" in exc.value.message and "OCR" in exc.value.message


@pytest.mark.parametrize("name, data, words", [
    ("表.et", b"\xd0\xcf\x11\xe0" + b"\0" * 100, "WPS"),
    ("报告.doc", b"\xd0\xcf\x11\xe0" + b"\0" * 100, ".docx"),
    ("坏.pdf", b"%PDF-1.4 garbage", "PDF"),
    ("坏.docx", b"PK\x03\x04 not really", "Word"),
    ("坏.xlsx", b"not a zip", "xlsx"),
    ("图.png", b"\x89PNG", "文件类型"),
    ("空.txt", "部门决算\n没有表格。\n".encode("utf-8"), "找不到"),
])
def test_unusable_files_are_refused_in_chinese(tmp_path, name, data, words):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(InputError) as exc:
        import_source(path)
    assert words in exc.value.message
    assert "Traceback" not in exc.value.message


def test_missing_file(tmp_path):
    with pytest.raises(InputError) as exc:
        import_source(tmp_path / "没有.pdf")
    assert "找不到" in exc.value.message
