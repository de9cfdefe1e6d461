"""Files no report would be, read without a traceback: many pages, an encrypted PDF, a table
printed without rules, amounts in 元."""
from __future__ import annotations

import subprocess

import pytest
from importer_helpers import TEXT_REPORT

from juesuan.importer import SourceError, import_report
from juesuan.render.pdf.convert import find_soffice

needs_soffice = pytest.mark.skipif(find_soffice() is None, reason="LibreOffice (soffice) not installed")


def write_plain_pdf(path, pages: list[str]) -> None:
    """A minimal PDF (Helvetica, ASCII) with one line of text per page."""
    objs = ["<< /Type /Catalog /Pages 2 0 R >>", None, "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    kids = []
    for text in pages:
        stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
        objs.append(f"<< /Length {len(stream)} >>\nstream\n{stream.decode()}\nendstream")
        objs.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents {len(objs)} 0 R "
                    "/Resources << /Font << /F1 3 0 R >> >> >>")
        kids.append(f"{len(objs)} 0 R")
    objs[1] = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {len(kids)} >>"
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objs, start=1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n{body}\nendobj\n".encode()
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{o:010d} 00000 n \n" for o in offsets).encode()
    out += f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    path.write_bytes(bytes(out))


def test_five_hundred_pages_without_the_tables(tmp_path):
    pdf = tmp_path / "big.pdf"
    write_plain_pdf(pdf, [f"page {i}" for i in range(500)])
    with pytest.raises(SourceError) as exc:
        import_report(pdf)
    assert "找不到部门决算公开的九张表" in exc.value.message


def _soffice_pdf(src, tmp_path, filter_options: str = "pdf"):
    soffice = find_soffice()
    profile = (tmp_path / "profile").as_uri()
    subprocess.run([soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", filter_options,
                    "--outdir", str(tmp_path), str(src)], capture_output=True, timeout=300, check=False)
    return tmp_path / (src.stem + ".pdf")


@needs_soffice
def test_encrypted_pdf_is_refused(tmp_path):
    src = tmp_path / "secret.txt"
    src.write_text("收入决算表\n", encoding="utf-8")
    options = ('pdf:writer_pdf_Export:{"EncryptFile":{"type":"boolean","value":"true"},'
               '"DocumentOpenPassword":{"type":"string","value":"abc"}}')
    pdf = _soffice_pdf(src, tmp_path, options)
    if not pdf.is_file():
        pytest.skip("this LibreOffice cannot write an encrypted PDF")
    with pytest.raises(SourceError) as exc:
        import_report(pdf)
    assert "加密" in exc.value.message


@needs_soffice
def test_table_without_rules_in_a_pdf(tmp_path):
    src = tmp_path / "report.txt"
    src.write_text(TEXT_REPORT, encoding="utf-8")
    pdf = _soffice_pdf(src, tmp_path)
    assert pdf.is_file()
    result = import_report(pdf)
    rows = {r.code: r.values for r in result.report.t03.rows}
    assert str(rows["2050205"]["project"]) == "2000.05"
    assert "2080501" not in rows  # two amounts for three columns: reported
    assert any(p.rule == "I-CELL" and "2080501" in p.message for p in result.problems)


def test_amounts_in_yuan_are_flagged(tmp_path):
    path = tmp_path / "元.txt"
    path.write_text(TEXT_REPORT.replace("单位：万元", "单位：元"), encoding="utf-8")
    result = import_report(path)
    assert any(p.rule == "I-UNIT" and p.severity == "错误" for p in result.problems)


@needs_soffice
def test_old_xls_export_converted_by_libreoffice(tmp_path):
    from foreign_layout_helpers import build_xlsx, expected
    from importer_helpers import table_differences
    xlsx = tmp_path / "export.xlsx"
    build_xlsx(xlsx)
    soffice = find_soffice()
    subprocess.run([soffice, f"-env:UserInstallation={(tmp_path / 'p').as_uri()}", "--headless", "--convert-to", "xls",
                    "--outdir", str(tmp_path / "old"), str(xlsx)], capture_output=True, timeout=300, check=False)
    xls = tmp_path / "old" / "export.xls"
    assert xls.is_file()
    result = import_report(xls)
    assert table_differences(expected(), result.report) == []
    assert next(iter(result.sources.values())).file == "export.xls"
