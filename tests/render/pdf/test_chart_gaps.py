"""Issue 21, the last layout item: a chart that moves to the next page left 20–35 % of a page
white.  On the PDF LibreOffice makes (make-report --pdf, the whole route: estimate, conversion,
correction by the PDF's pages), for the four examples and for workbooks whose 主要原因 are longer
(so that the charts come to a page's foot), no page before a page that starts with a chart is more
than 15 % empty, and every caption is right under its chart.  Before the charts were placed
(render/chart_place.py; bench/chart_gaps.py prints both), example (c) left 31.6 % of page 16
empty, (b) 15.5 % of page 16; the variants below left 36.6 % and 36.5 % (R01x2), 20.5 % and 36.5 %
(R01x3), 27.6 % (R03x1), 23.6 % (R03x2).  Skipped where LibreOffice is missing."""
from __future__ import annotations

import re
import shutil
import subprocess

import openpyxl
import pytest
from conftest import EXAMPLES

from juesuan.api import render_workbook
from juesuan.render.blocks import Picture
from juesuan.render.pdf.chart_fit import GAP_SHARE, PdfPages, chart_gaps
from juesuan.render.pdf.convert import find_soffice

pytestmark = pytest.mark.skipif(find_soffice() is None or shutil.which("pdftotext") is None,
                                reason="LibreOffice (soffice) or pdftotext not installed")

NAMES = ("a_jingkai_2024", "b_hanyang_2024", "c_synthetic_2024", "d_carryover_2024")
# Longer reasons in example (c): each pushes 图1, 图3 or 图4 to a page's foot.
MORE = {
    "R01": "；三是全民健身中心改造工程按合同进度支付工程款；四是文化惠民演出场次增加；五是公共图书馆"
           "数字资源采购支出增加；六是体育场馆免费低收费开放补助增加；七是非遗保护传承项目支出增加",
    "R03": "；场馆维修改造和设备购置支出相应增加；基层文化站免费开放补助支出增加",
}
VARIANTS = {"R01x2": ("R01", 2), "R01x3": ("R01", 3), "R03x1": ("R03", 1), "R03x2": ("R03", 2)}


def _variant(tmp_path, code: str, times: int):
    wb = openpyxl.load_workbook(EXAMPLES / "c_synthetic_2024.xlsx")
    for row in wb["主要原因"].iter_rows():
        if row[0].value == code:
            row[2].value = (row[2].value or "") + MORE[code] * times
    path = tmp_path / f"c_{code}_{times}.xlsx"
    wb.save(path)
    return path


def _render(tmp_path, workbook):
    # draft: example (a) carries the mistakes of the published tables (审核 errors)
    result = render_workbook(workbook, tmp_path / "report.docx", pdf=True, draft=True)
    assert result.problems == [] and result.pdf is not None
    return result


def _captions_under_charts(pdf) -> list[str]:
    """For every chart: the first line under it on its page (the caption, 图N：…)."""
    out = []
    for page in PdfPages(pdf).pages:
        for im in page["charts"]:
            below = sorted((w for w in page["words"] if w["top"] >= im["bottom"] - 1), key=lambda w: w["top"])
            first = [w for w in below if below and abs(w["top"] - below[0]["top"]) < 3]
            gap = below[0]["top"] - im["bottom"] if below else None
            out.append(("".join(w["text"] for w in first), gap))
    return out


def _check(pdf):
    gaps = chart_gaps(pdf)
    assert [g for g in gaps if g[1] > GAP_SHARE] == [], gaps
    captions = _captions_under_charts(pdf)
    assert captions, "no chart found in the PDF"
    for n, (text, gap) in enumerate(captions, start=1):
        assert re.match(rf"图{n}[：:]", text), (n, text)
        assert gap is not None and gap < 12, (n, text, gap)


@pytest.mark.parametrize("name", NAMES)
def test_examples_leave_no_gap_above_a_chart(tmp_path, name):
    result = _render(tmp_path, EXAMPLES / f"{name}.xlsx")
    _check(result.pdf)


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_longer_reasons_leave_no_gap_above_a_chart(tmp_path, variant):
    code, times = VARIANTS[variant]
    result = _render(tmp_path, _variant(tmp_path, code, times))
    _check(result.pdf)


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_each_variant_really_moves_a_chart(tmp_path, variant):
    """The variants are stress cases: the arrangement changed something (text moved around a
    chart or a chart drawn shorter), so the test above does not pass by luck."""
    from juesuan.reader.workbook import read_workbook
    from juesuan.render.document import build_document
    code, times = VARIANTS[variant]
    if True:
        report, _ = read_workbook(_variant(tmp_path, code, times))
        document = build_document(report)
        pictures = [b for b in document.blocks if isinstance(b, Picture)]
        unplaced = [b for b in document.unplaced if isinstance(b, Picture)]
        assert document.blocks != document.unplaced or [p.png for p in pictures] != [p.png for p in unplaced], code


def test_word_joiners_are_invisible_in_the_pdf_and_rare_in_the_docx(tmp_path):
    """U+2060 (number and unit kept on one line) never reaches the PDF's text, and the .docx
    carries it only where a line may end inside the number: most amounts stay plain, so Word's
    search for “1653.8万元” finds them."""
    import zipfile
    result = _render(tmp_path, EXAMPLES / "c_synthetic_2024.xlsx")
    text = subprocess.run(["pdftotext", str(result.pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "\u2060" not in text and "\ufffd" not in text and "\u200b" not in text
    assert re.search(r"1653\.8\s*万元", text)
    with zipfile.ZipFile(result.docx) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    amounts = re.findall(r"\d[\d,.]*\u2060?万\u2060?元", xml)
    joined = [a for a in amounts if "\u2060" in a]
    assert amounts and len(joined) < len(amounts) / 3, (len(joined), len(amounts))


def test_the_pdf_corrects_an_estimate_that_was_off(tmp_path, monkeypatch):
    """The page-fill estimate told two lines short for one paragraph (as LibreOffice sets a line
    or two differently now and then): the chart then seemed to fit and was pushed below a gap of
    31.6 %.  --pdf sees the gap on LibreOffice's pages, corrects the estimate there, arranges the
    blocks again and makes the .docx and the PDF again, once."""
    import juesuan.render.chart_place as place
    import juesuan.render.pdf.convert as convert
    real_lines, real_convert = place._lines, convert.convert_with_pages
    calls = []

    def short_by_two(text, landscape, size=16, indent=2):
        n = real_lines(text, landscape, size, indent)
        return max(n - 2, 1) if text.startswith("2024年度支出合计") else n

    def counted(*args, **kwargs):
        calls.append(args)
        return real_convert(*args, **kwargs)

    monkeypatch.setattr(place, "_lines", short_by_two)
    monkeypatch.setattr(convert, "convert_with_pages", counted)
    result = _render(tmp_path, EXAMPLES / "c_synthetic_2024.xlsx")
    assert len(calls) == 2
    _check(result.pdf)
