"""Issue 16, workbook cells: NaN, surrogates and control characters, other character sets,
broken internal references.  Each hostile file is built here by editing the XML of a real
workbook; each must end in a Chinese finding naming the cell, never an internal error.
"""
from __future__ import annotations

import json
import os
import zipfile
from pathlib import Path

import pytest
from robust_helpers import (
    Member,
    assert_clean,
    digest,
    field_row,
    members_of,
    mini_workbook,
    number_cell,
    run_cli,
    set_raw_cells,
    sheet_parts,
    text_cell,
    write_zip,
)


@pytest.fixture(scope="module")
def mini(tmp_path_factory) -> Path:
    return mini_workbook(tmp_path_factory.mktemp("mini"))


def _check(path: Path, codes=(1,)) -> str:
    before, files = digest(path), sorted(path.parent.iterdir())
    out = assert_clean(run_cli(["check", str(path)]), codes=codes)
    payload = json.loads(assert_clean(run_cli(["check", "--json", str(path)]), codes=codes, chinese=False))
    assert payload["readable"] == (2 not in codes)
    assert digest(path) == before
    assert sorted(path.parent.iterdir()) == files, "a command left a file behind"
    return out


# -- item 1: NaN in any number cell ------------------------------------------------------------
@pytest.mark.parametrize("where", ["公开03表!C10", "公开01表!C7", "上年数#P01", "绩效#E06", "设置#偏差阈值", "公开06表!C7"])
@pytest.mark.parametrize("raw", ["NaN", "nan", "-inf", "Infinity"])
def test_nan_in_a_number_cell_is_a_finding(tmp_path, mini, where, raw):
    sheet, form, ref = where.partition("#")
    if form:  # a form field: its value cell
        ref = f"C{field_row(mini, sheet, ref)}"
    else:
        sheet, _, ref = where.partition("!")
    path = set_raw_cells(mini, tmp_path / "w.xlsx", {f"{sheet}!{ref}": number_cell(ref, raw)})
    out = _check(path)
    line = next(l for l in out.splitlines() if f"{sheet}!{ref}" in l and "R-NUM" in l)
    assert f"“{raw}”" in line and "数字" in line, line


# -- item 2: surrogates and control characters --------------------------------------------------
def test_surrogate_in_money_and_code_cells_is_replaced_and_reported(tmp_path, mini):
    path = set_raw_cells(mini, tmp_path / "w.xlsx", {
        "公开03表!C8": text_cell("C8", "100_xD800_.5"), "公开03表!B9": text_cell("B9", "群众_xDFFF_团体"),
        "概况!C3": text_cell("C3", "测试_xD83D_区")})
    out = _check(path)
    assert "公开03表!C8：应为数字，实际为“100\ufffd.5”" in out
    assert ("公开03表!C8：文字含有无效的 Unicode 字符 U+D800（已替换为“\ufffd”）；本表共 2 个单元格有此问题"
            in out)  # the rule id (R-TEXT) after the plain sentence
    assert "有此问题（见“对照”）（R-TEXT）" in out
    assert "对照：公开03表!B9" in out
    assert "] 概况!C3：" in out and "U+D83D" in out
    payload = json.loads(run_cli(["check", "--json", str(path)]).output)
    text = json.dumps(payload, ensure_ascii=False)
    assert not any(0xD800 <= ord(ch) <= 0xDFFF for ch in text)


def test_control_characters_are_removed_and_reported(tmp_path, mini):
    path = set_raw_cells(mini, tmp_path / "w.xlsx", {"公开03表!B9": text_cell("B9", "群众_x0001_团体_x001F_事务")})
    out = _check(path)
    line = next(l for l in out.splitlines() if "R-TEXT" in l)
    assert "公开03表!B9" in line and "控制字符（已删除）" in line


# -- item 20: character sets, missing relationships, shared strings ---------------------------------
def test_gb18030_sheet_xml_is_read(tmp_path, mini):
    part = sheet_parts(mini)["公开03表"]
    with zipfile.ZipFile(mini) as zf:
        xml = zf.read(part).decode("utf-8")
    xml = '<?xml version="1.0" encoding="GB18030"?>\n' + xml.replace(
        "&#25903;&#20986;&#20915;&#31639;&#34920;", "支出决算表").replace("<is><t>&#34892;&#25919;&#36816;&#34892;</t>",
                                                                      "<is><t>行政运行</t>")
    assert "行政运行" in xml
    gb = write_zip(tmp_path / "gb.xlsx", members_of(mini, {part: xml.encode("gb18030")}))
    utf = write_zip(tmp_path / "utf.xlsx", members_of(mini, {part: xml.replace("GB18030", "UTF-8").encode()}))
    out_gb, out_utf = _check(gb), _check(utf)
    assert "压缩数据错误" not in out_gb and "已损坏" not in out_gb
    assert out_gb.replace("gb.xlsx", "") == out_utf.replace("utf.xlsx", "")


def test_unknown_or_lying_character_set_is_a_chinese_message(tmp_path, mini):
    part = sheet_parts(mini)["公开03表"]
    with zipfile.ZipFile(mini) as zf:
        xml = zf.read(part)
    bad = write_zip(tmp_path / "x.xlsx", members_of(mini, {part: b'<?xml version="1.0" encoding="x-nope"?>' + xml}))
    out = assert_clean(run_cli(["check", str(bad)]), codes=(2,))
    assert "工作表“公开03表”" in out and "无法识别的字符编码“x-nope”" in out
    zlib_decl = write_zip(tmp_path / "z.xlsx", members_of(mini, {part: b'<?xml version="1.0" encoding="zlib"?>' + xml}))
    assert "无法识别的字符编码“zlib”" in assert_clean(run_cli(["check", str(zlib_decl)]), codes=(2,))
    lying = write_zip(tmp_path / "l.xlsx", members_of(mini, {
        part: '<?xml version="1.0" encoding="GB18030"?>'.encode() + xml + "\udcff".encode("utf-8", "surrogateescape")}))
    out = assert_clean(run_cli(["check", str(lying)]), codes=(2,))
    assert "压缩数据错误" not in out and "已损坏" in out


def test_missing_workbook_relationships_is_one_message(tmp_path, mini):
    members = [m for m in members_of(mini) if m.name != b"xl/_rels/workbook.xml.rels"]
    path = write_zip(tmp_path / "norels.xlsx", members)
    out = assert_clean(run_cli(["check", str(path)]), codes=(2,))
    assert "已损坏" in out and "xl/_rels/workbook.xml.rels" in out
    assert "缺少工作表" not in out


def test_shared_string_index_out_of_range_is_a_finding(tmp_path, mini):
    sst = ('<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1">'
           '<si><t>行政运行</t></si></sst>').encode()
    rels_part = "xl/_rels/workbook.xml.rels"
    with zipfile.ZipFile(mini) as zf:
        rels = zf.read(rels_part).decode()
    rels = rels.replace("</Relationships>", '<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/'
                        'officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>')
    path = set_raw_cells(mini, tmp_path / "w.xlsx", {"公开03表!B10": '<c r="B10" t="s"><v>0</v></c>',
                                                     "公开03表!B11": '<c r="B11" t="s"><v>7</v></c>'},
                         parts={rels_part: rels.encode()})
    members = members_of(path) + [Member("xl/sharedStrings.xml", sst)]
    path = write_zip(tmp_path / "w.xlsx", members)
    out = _check(path)
    line = next(l for l in out.splitlines() if "R-SST" in l)
    assert "公开03表!B11" in line and "第 7 条共享字符串不存在" in line and "[错误]" in line


@pytest.mark.skipif(os.name == "nt", reason="file names that are not UTF-8 exist on Linux only")
def test_printing_a_path_that_is_not_utf8_does_not_stop_the_program(tmp_path):
    """A file name with bytes that are not UTF-8 reaches Python as lone surrogates; the messages
    that name it are printed with a replacement character instead of failing half way."""
    import subprocess
    import sys

    from conftest import ROOT
    code = ("import sys; sys.path[:0] = [%r, %r]; "
            "from juesuan_cli.main import main; main(sys.argv[1:])") % (str(ROOT / "src"), str(ROOT / "cli"))
    missing = os.path.join(os.fsencode(tmp_path), b"\xff\xfe.xlsx")
    for args in ([b"check", missing], [b"check", b"--json", missing], [missing]):
        proc = subprocess.run([sys.executable.encode(), b"-c", code.encode(), *args], capture_output=True,
                              timeout=120, env={**os.environ, "PYTHONIOENCODING": "utf-8"})
        out = (proc.stdout + proc.stderr).decode("utf-8", "replace")
        assert proc.returncode == 2, out
        assert "Traceback" not in out and "找不到文件" in out, out
