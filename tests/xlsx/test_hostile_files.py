"""Hostile and wrong files through the command line: each is refused with its own Chinese
message and exit code 2, without a traceback, without inflating a bomb, and without
touching the file.

The files are built in the tests (see robust_helpers).  No test is timed: a zip bomb is shown
to be refused without being inflated by counting the bytes zipfile hands out; the rejection
times are printed by bench/perf.py.
"""
from __future__ import annotations

import json
import random
import zipfile
import zlib
from pathlib import Path

import pytest
from robust_helpers import (
    FINAL_BLOCK,
    Member,
    assert_clean,
    deflate_blocks,
    digest,
    first_sheet_part,
    members_of,
    ole_file,
    raw_deflate,
    run_cli,
    write_zip,
)

from juesuan.model.textnorm import CONTROL_RE
from juesuan.workbooks.writer import write_workbook

MiB = 1 << 20


@pytest.fixture(scope="module")
def blank(tmp_path_factory) -> Path:
    return write_workbook(tmp_path_factory.mktemp("blank") / "blank.xlsx")


@pytest.fixture
def inflated(monkeypatch):
    """Counts the bytes zipfile inflates while the test runs."""
    counter = {"bytes": 0}
    original = zipfile.ZipExtFile.read

    def read(self, n=-1):
        data = original(self, n)
        counter["bytes"] += len(data)
        return data

    monkeypatch.setattr(zipfile.ZipExtFile, "read", read)
    return counter




def refused(path: Path, *fragments: str) -> str:
    """check and the default (render) command both refuse ``path`` with exit code 2."""
    before = digest(path) if path.is_file() else None
    commands = [["check", str(path)], ["check", "--json", str(path)], [str(path)]]
    outputs = []
    for args in commands:
        out = assert_clean(run_cli(args), codes=(2,))
        for fragment in fragments:
            assert fragment in out, (args, fragment, out)
        outputs.append(out)
    if before is not None:
        assert digest(path) == before
        assert not list(path.parent.glob("*.docx"))
    return outputs[0]


# -- XML entities -----------------------------------------------------------------------------
LAUGHS = ('<!DOCTYPE lolz [<!ENTITY lol "lol">'
          + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10))
          + "]>")


# openpyxl writes inline strings; Excel and WPS write this part.
SHARED_STRINGS = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                  b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1">'
                  b'<si><t>x</t></si></sst>')


def _with_doctype(xml: bytes, doctype: str, old: bytes | None = None, new: bytes | None = None) -> bytes:
    head, sep, rest = xml.partition(b"?>")
    if not sep:
        head, rest = b"", xml
    else:
        head += sep
    if old is not None:
        assert old in rest
        rest = rest.replace(old, new, 1)
    return head + doctype.encode() + rest


@pytest.mark.parametrize("part", ["xl/workbook.xml", "xl/sharedStrings.xml", "xl/styles.xml",
                                  "xl/_rels/workbook.xml.rels", "sheet"])
def test_billion_laughs_is_refused(tmp_path, blank, inflated, part):
    with zipfile.ZipFile(blank) as zf:
        part = first_sheet_part(blank) if part == "sheet" else part
        xml = zf.read(part) if part in zf.namelist() else SHARED_STRINGS
    if part == "xl/workbook.xml":
        xml = _with_doctype(xml, LAUGHS, b'name="', b'name="&lol9;')
    else:
        xml = _with_doctype(xml, LAUGHS)
        xml = xml.replace(b"</", b"&lol9;</", 1) if part.endswith("sharedStrings.xml") else xml
    members = members_of(blank, {part: xml})
    if part not in {m.name.decode() for m in members}:
        members.append(Member(part, xml))
    path = write_zip(tmp_path / "laughs.xlsx", members)
    inflated["bytes"] = 0  # building the file read the blank workbook
    refused(path, "不安全的 XML 实体", "laughs.xlsx")
    assert inflated["bytes"] < 20 * MiB


def test_external_entity_is_refused(tmp_path, blank):
    xml = SHARED_STRINGS
    xxe = '<!DOCTYPE sst [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    xml = _with_doctype(xml, xxe).replace(b"</t>", b"&xxe;</t>", 1)
    path = write_zip(tmp_path / "xxe.xlsx", members_of(blank) + [Member("xl/sharedStrings.xml", xml)])
    out = refused(path, "不安全的 XML 实体")
    assert "root:" not in out


def test_doctype_in_a_utf16_part_is_refused(tmp_path, blank):
    """A byte scan for '<!DOCTYPE' would miss UTF-16; the parser itself refuses any DTD."""
    with zipfile.ZipFile(blank) as zf:
        xml = zf.read("xl/workbook.xml").decode("utf-8")
    xml = xml.replace('encoding="UTF-8"', 'encoding="UTF-16"').replace("encoding='UTF-8'", "encoding='UTF-16'")
    xml = _with_doctype(xml.encode(), LAUGHS).decode()
    data = "\ufeff".encode("utf-16-le") + xml.encode("utf-16-le")
    assert b"<!DOCTYPE" not in data
    path = write_zip(tmp_path / "utf16.xlsx", members_of(blank, {"xl/workbook.xml": data}))
    refused(path, "不安全的 XML 实体")


# -- zip bombs ----------------------------------------------------------------------------------
def _zeros_stream(mib: int) -> bytes:
    """A raw deflate stream that inflates to ``mib`` MiB of zeros, made in a few milliseconds."""
    return deflate_blocks(b"\0" * MiB) * mib + FINAL_BLOCK


def test_zip_bomb_is_refused_by_its_declared_size(tmp_path, blank, inflated):
    # 3 GiB of zeros in 3 MB; the CRC is not computed (nothing may read that far anyway)
    bomb = Member("xl/media/image1.png", payload=_zeros_stream(3072), size=3072 * MiB, crc=0)
    path = write_zip(tmp_path / "bomb.xlsx", members_of(blank) + [bomb])
    inflated["bytes"] = 0  # building the file read the blank workbook
    refused(path, "压缩炸弹", "xl/media/image1.png")
    assert inflated["bytes"] == 0


def test_highly_compressed_part_is_refused(tmp_path, blank, inflated):
    """Under the size limit, but a ratio no real workbook part has."""
    bomb = Member("xl/media/image1.png", payload=_zeros_stream(90), size=90 * MiB, crc=0)
    path = write_zip(tmp_path / "ratio.xlsx", members_of(blank) + [bomb])
    inflated["bytes"] = 0  # building the file read the blank workbook
    refused(path, "压缩炸弹")
    assert inflated["bytes"] == 0


def test_parts_adding_up_to_too_much_are_refused(tmp_path, blank, inflated):
    parts = [Member(f"xl/media/image{i}.png", payload=raw_deflate(b"\x89PNG" * 16), size=60 * MiB, crc=0)
             for i in range(5)]
    path = write_zip(tmp_path / "total.xlsx", members_of(blank) + parts)
    inflated["bytes"] = 0  # building the file read the blank workbook
    refused(path, "压缩炸弹")
    assert inflated["bytes"] == 0


def test_bomb_that_lies_about_its_size_is_cut_short(tmp_path, blank, inflated):
    """Declares 1 MiB, inflates to 300 MiB: reading stops at the declared size, the CRC fails."""
    sheet = first_sheet_part(blank)
    with zipfile.ZipFile(blank) as zf:
        xml = zf.read(sheet)
    head, tail = xml.split(b"<sheetData>")
    payload = (deflate_blocks(head + b"<sheetData>") + deflate_blocks(b" " * MiB) * 300
               + raw_deflate(b"</sheetData>" + tail.split(b"</sheetData>", 1)[1]))
    members = [m if m.name != sheet.encode() else Member(sheet, payload=payload, size=MiB, crc=12345)
               for m in members_of(blank)]
    path = write_zip(tmp_path / "liar.xlsx", members)
    inflated["bytes"] = 0  # building the file read the blank workbook
    refused(path, "已损坏")
    assert inflated["bytes"] < 20 * MiB


def test_too_many_members_are_refused(tmp_path, blank):
    path = write_zip(tmp_path / "many.xlsx", members_of(blank), declared_entries=60000)
    refused(path, "内部文件多达")


def test_unusual_compression_is_refused(tmp_path, blank):
    """bzip2 inflates without a bound on each read; Excel never uses it."""
    import bz2
    data = b"<x/>"
    odd = Member("xl/media/odd.bin", payload=bz2.compress(data), size=len(data), crc=zlib.crc32(data), method=12)
    path = write_zip(tmp_path / "bzip.xlsx", members_of(blank) + [odd])
    refused(path, "压缩方式")


def test_zip_password_is_refused(tmp_path, blank):
    members = members_of(blank)
    members[1].flags |= 0x1
    path = write_zip(tmp_path / "zipcrypto.xlsx", members)
    refused(path, "密码")


# -- files that are something else ----------------------------------------------------------------
def test_old_xls_is_refused(tmp_path):
    path = tmp_path / "旧表.xlsx"
    path.write_bytes(ole_file({"Workbook": b"\x09\x08\x10\x00\x00\x06\x05\x00" + b"\0" * 600}))
    refused(path, "Excel 97-2003", "另存为")


def test_xls_with_its_own_extension_is_refused(tmp_path):
    path = tmp_path / "旧表.xls"
    path.write_bytes(ole_file({"Workbook": b"\x09\x08" + b"\0" * 600}))
    refused(path, "Excel 97-2003")


def test_encrypted_workbook_is_refused(tmp_path):
    """What Excel writes for a workbook with an open password: an OLE container, not a zip."""
    path = tmp_path / "加密.xlsx"
    info = b"\x04\x00\x04\x00\x40\x00\x00\x00" + b"<encryption/>"
    path.write_bytes(ole_file({"EncryptionInfo": info, "EncryptedPackage": b"\0" * 5000}))
    out = refused(path, "加密", "密码")
    assert "97-2003" not in out


def test_word_97_document_is_refused(tmp_path):
    path = tmp_path / "报告.xlsx"
    path.write_bytes(ole_file({"WordDocument": b"\xec\xa5" + b"\0" * 600}))
    refused(path, "Word 97-2003 文档")


@pytest.mark.parametrize("encoding", ["utf-8", "gbk", "utf-8-sig", "utf-16"])
def test_csv_renamed_xlsx_is_refused(tmp_path, encoding):
    path = tmp_path / "导出.xlsx"
    path.write_bytes("项目,行次,金额\r\n一般公共预算财政拨款收入,1,120.50\r\n总计,30,130.50\r\n".encode(encoding))
    refused(path, "文本文件", "CSV")


def test_html_saved_as_xls_is_refused(tmp_path):
    path = tmp_path / "系统导出.xlsx"
    path.write_text("<html><body><table><tr><td>收入</td><td>1</td></tr></table></body></html>", encoding="utf-8")
    refused(path, "网页")


def test_excel_2003_xml_is_refused(tmp_path):
    path = tmp_path / "xml表.xlsx"
    path.write_text('<?xml version="1.0"?>\n<?mso-application progid="Excel.Sheet"?>\n'
                    '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"></Workbook>', encoding="utf-8")
    refused(path, "Excel 2003 XML")


def test_empty_file_is_refused(tmp_path):
    path = tmp_path / "空.xlsx"
    path.write_bytes(b"")
    refused(path, "空文件")


def test_oversized_file_is_refused(tmp_path):
    path = tmp_path / "巨大.xlsx"
    with open(path, "wb") as fh:  # sparse: costs no disk
        fh.truncate(101 * MiB)
    refused(path, "过大")


def test_truncated_download_is_refused(tmp_path, blank):
    path = tmp_path / "半截.xlsx"
    path.write_bytes(blank.read_bytes()[: blank.stat().st_size // 2])
    refused(path, "已损坏")


def test_random_bytes_are_refused(tmp_path):
    path = tmp_path / "乱码.xlsx"
    path.write_bytes(random.Random(7).randbytes(5000))
    refused(path, "不是 Excel 工作簿")


def test_zip_with_random_bytes_after_pk_is_refused(tmp_path):
    path = tmp_path / "坏包.xlsx"
    path.write_bytes(b"PK\x03\x04" + random.Random(8).randbytes(3000))
    refused(path, "已损坏")


def test_word_docx_is_refused(tmp_path):
    path = write_zip(tmp_path / "报告.xlsx", [Member("[Content_Types].xml", b"<Types/>"),
                                              Member("word/document.xml", b"<w:document/>")])
    refused(path, "Word 文档")


def test_xlsb_is_refused(tmp_path):
    path = write_zip(tmp_path / "二进制.xlsx", [Member("[Content_Types].xml", b"<Types/>"),
                                               Member("xl/workbook.bin", b"\x83\x01\x00")])
    refused(path, ".xlsb")


def test_ods_is_refused(tmp_path):
    path = write_zip(tmp_path / "表格.xlsx", [Member("mimetype", b"application/vnd.oasis.opendocument.spreadsheet",
                                                   method=0), Member("content.xml", b"<office:document-content/>")])
    refused(path, ".ods")


def test_part_missing_from_the_zip_is_refused(tmp_path, blank):
    sheet = first_sheet_part(blank)
    members = [m for m in members_of(blank) if m.name != sheet.encode()]
    refused(write_zip(tmp_path / "缺表.xlsx", members), "已损坏", sheet)


def test_malformed_sheet_xml_names_the_sheet(tmp_path, blank):
    sheet = first_sheet_part(blank)
    with zipfile.ZipFile(blank) as zf:
        xml = zf.read(sheet)
    path = write_zip(tmp_path / "坏表.xlsx", members_of(blank, {sheet: xml[: len(xml) // 2]}))
    refused(path, "已损坏", "工作表“填表说明”", "XML 格式错误")


def test_directory_and_missing_file(tmp_path):
    refused(tmp_path, "文件夹")
    out = assert_clean(run_cli(["check", str(tmp_path / "没有.xlsx")]), codes=(2,))
    assert "找不到文件" in out or "不存在" in out


def test_device_is_refused():
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero")
    out = assert_clean(run_cli(["check", "/dev/zero"]), codes=(2,))
    assert "不是普通文件" in out


# -- hostile text in cells --------------------------------------------------------------------------
INJECTION = "〔{{ 7*7 }}|{% for x in y %}|{# x #}|A & B|<w:p>|]]>|CTRL〕"
_CONTROL = CONTROL_RE  # juesuan.model.textnorm: the one definition


@pytest.fixture(scope="module")
def injected(tmp_path_factory) -> Path:
    """Example (c) with template syntax, XML and control characters in the cells the report prints."""
    from conftest import EXAMPLE_DATA

    from juesuan.maintenance.examples import report_from_data
    from juesuan.workbooks.writer import write_workbook
    data = json.loads((EXAMPLE_DATA / "c_synthetic_2024.json").read_text(encoding="utf-8"))
    data["fields"]["G13"] = "编制说明" + INJECTION
    data["fields"]["R06"] = "原因" + INJECTION
    data["lists"]["G10"][0]["text"] = "职责" + INJECTION
    data["lists"]["W02"][0]["title"] = "标题" + INJECTION
    data["lists"]["W02"][0]["body"] = "正文" + INJECTION
    data["lists"]["M01"][0]["text"] = "名词" + INJECTION
    folder = tmp_path_factory.mktemp("injected")
    plain = write_workbook(folder / "plain.xlsx", report_from_data(data))
    # openpyxl refuses control characters; Excel writes them as _xHHHH_ escapes, so do we
    escaped = "行_x0001_政_x0007_运_x001F_行".encode()
    with zipfile.ZipFile(plain) as zf:
        parts = {i.filename: zf.read(i).replace(b"CTRL", escaped) for i in zf.infolist()}
    return write_zip(folder / "injected.xlsx", [Member(name, data) for name, data in parts.items()])


def _docx_texts(path: Path) -> list[str]:
    import docx
    doc = docx.Document(str(path))
    texts = [p.text for p in doc.paragraphs]
    texts += [c.text for t in doc.tables for row in t.rows for c in row.cells]
    for section in doc.sections:
        texts += [p.text for p in section.header.paragraphs] + [p.text for p in section.footer.paragraphs]
    return texts


def test_injected_text_appears_literally(injected, tmp_path):
    before = digest(injected)
    out = tmp_path / "r.docx"
    assert_clean(run_cli([str(injected), "-o", str(out)]), codes=(0,))
    texts = _docx_texts(out)
    literal = INJECTION.replace("CTRL", "行政运行")
    for label in ("编制说明", "原因", "职责", "标题", "正文", "名词"):
        assert any(label + literal in t for t in texts), label
    assert not any("49" in t and "7*7" in t for t in texts)
    assert not any(_CONTROL.search(t) for t in texts)
    assert digest(injected) == before


def test_injected_report_opens_in_libreoffice(injected, tmp_path):
    """LibreOffice reads the .docx (converted through make-report --pdf) and shows the text as typed."""
    import shutil
    if not (shutil.which("soffice") or shutil.which("libreoffice")):
        pytest.skip("LibreOffice is not installed")
    out = tmp_path / "r.docx"
    assert_clean(run_cli([str(injected), "-o", str(out), "--pdf"]), codes=(0,))
    pdf = out.with_suffix(".pdf")
    assert pdf.exists() and pdf.read_bytes().startswith(b"%PDF")
    if shutil.which("pdftotext"):
        import subprocess
        text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=False).stdout
        assert "{{ 7*7 }}" in text and "<w:p>" in text and "A & B" in text
