"""The page in a real headless Chromium, as a clerk and the collecting office use it: upload →
findings shown → downloads, which open with openpyxl / python-docx and equal what the command
line writes for the same workbook.  Also: a hostile file gets the command line's message, the
audit page, and a server on a non-default address refuses a browser without the token.

Only loopback addresses are ever contacted (127.0.0.1, and 127.0.0.2 for the token test).
"""
from __future__ import annotations

import json
import shutil
import zipfile

import openpyxl
import pytest
from click.testing import CliRunner
from conftest import EXAMPLES
from docx import Document
from juesuan_cli.main import cli
from selenium.webdriver.common.by import By
from web_helpers import (chromium, click_download, needs_chromium, running_server, screenshot, wait_for_download,
                         wait_until)

pytestmark = needs_chromium

A, B, C, D = (EXAMPLES / f"{n}_2024.xlsx" for n in ("a_jingkai", "b_hanyang", "c_synthetic", "d_carryover"))


def _pdf_available() -> bool:
    import juesuan
    return juesuan.pdf_available()


@pytest.fixture(scope="module")
def server():
    with running_server(pdf=None) as s:  # PDFs offered when LibreOffice is installed
        yield s


@pytest.fixture(scope="module")
def downloads(tmp_path_factory):
    return tmp_path_factory.mktemp("downloads")


@pytest.fixture(scope="module")
def shots(tmp_path_factory):
    return tmp_path_factory.mktemp("screenshots")


@pytest.fixture(scope="module")
def browser(downloads):
    with chromium(downloads) as driver:
        yield driver


def _cli(*args: str):
    return CliRunner().invoke(cli, list(args), prog_name="make-report")


def _upload(browser, server, page: str, field: str, *paths, submit_form: str | None = None):
    browser.get(server.base.rstrip("/") + page)
    form = browser.find_element(By.CSS_SELECTOR, f"form[action='{submit_form or page}']")
    form.find_element(By.CSS_SELECTOR, f"input[name='{field}']").send_keys("\n".join(str(p) for p in paths))
    return form


def _submit(browser, form, title_word: str, timeout: float = 300):
    old = browser.current_url
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    wait_until(lambda: browser.current_url != old and title_word in browser.title, timeout, f"页面“{title_word}”")


def xlsx_content(path):
    """Every value and comment of every sheet (what the clerk sees), in order."""
    wb = openpyxl.load_workbook(path, rich_text=False)
    out = []
    for ws in wb.worksheets:
        out.append(("sheet", ws.title))
        for row in ws.iter_rows():
            for c in row:
                if c.value is not None or c.comment is not None:
                    out.append((c.coordinate, c.value, c.comment.text if c.comment else None,
                                c.fill.fgColor.rgb if c.fill and c.fill.fill_type else None))
    return out


def docx_text(path):
    doc = Document(path)
    text = [p.text for p in doc.paragraphs]
    for t in doc.tables:
        for row in t.rows:
            text.append("|".join(c.text for c in row.cells))
    return text


def test_clerk_workbook_with_errors(server, browser, downloads, shots, tmp_path):
    book = tmp_path / "web" / A.name
    book.parent.mkdir()
    shutil.copy(A, book)
    form = _upload(browser, server, "/", "workbook", book, submit_form="/clerk")
    _submit(browser, form, "审核结果")
    # the same summary and findings as `make-report check`
    cli_dir = tmp_path / "cli"
    cli_dir.mkdir()
    shutil.copy(A, cli_dir / A.name)
    annotated_cli = cli_dir / "标注.xlsx"
    r = _cli("check", str(cli_dir / A.name), "--annotate", str(annotated_cli))
    assert r.exit_code == 1
    summary = browser.find_element(By.ID, "summary").text
    assert summary in r.output and summary.startswith("审核完成：错误 1 个")
    page = browser.find_element(By.ID, "findings").text
    assert "公开05表科目 2101119 在公开03表中没有" in page and "【公开05表】" in page
    assert "应为" in page and "实际" in page and "怎么改" in page
    screenshot(browser, "clerk_errors", shots)
    # the annotated copy equals the command line's
    annotated = click_download(browser, "dl-annotated", downloads)
    assert annotated.name == "a_jingkai_2024.审核.xlsx"
    assert xlsx_content(annotated) == xlsx_content(annotated_cli)
    # no report, but a clearly named draft on request
    assert not browser.find_elements(By.ID, "dl-docx")
    browser.find_element(By.ID, "make-draft").click()
    wait_until(lambda: browser.find_elements(By.ID, "dl-draft"), 300, "草稿")
    draft = click_download(browser, "dl-draft", downloads)
    assert "审核未通过草稿" in draft.name and draft.suffix == ".docx"
    cli_draft = cli_dir / "草稿.docx"
    assert _cli(str(cli_dir / A.name), "--draft", "-o", str(cli_draft)).exit_code == 1
    assert docx_text(draft) == docx_text(cli_draft)
    assert any("审核未通过" in t for t in docx_text(draft))


def test_clerk_clean_workbook_gives_the_report(server, browser, downloads, shots, tmp_path):
    form = _upload(browser, server, "/", "workbook", B, submit_form="/clerk")
    _submit(browser, form, "审核结果")
    summary = browser.find_element(By.ID, "summary").text
    assert summary.startswith("审核完成：错误 0 个") and summary in _cli("check", str(B)).output
    report = click_download(browser, "dl-docx", downloads)
    cli_report = tmp_path / "cli.docx"
    assert _cli(str(B), "-o", str(cli_report)).exit_code == 0
    assert report.name == "武汉市汉阳区财政局2024年度部门决算.docx" or report.name.endswith("部门决算.docx")
    assert docx_text(report) == docx_text(cli_report)
    if server.web.pdf:
        browser.find_element(By.ID, "make-pdf").click()
        wait_until(lambda: browser.find_elements(By.ID, "dl-pdf"), 600, "PDF")
        pdf = click_download(browser, "dl-pdf", downloads)
        assert pdf.suffix == ".pdf" and pdf.read_bytes()[:5] == b"%PDF-"
    else:
        assert "没有安装 LibreOffice" in browser.find_element(By.ID, "downloads").text
    screenshot(browser, "clerk_report", shots)


def _hostile_files(folder):
    text = folder / "bad.xlsx"
    text.write_text("部门,金额\n财政局,1\n", encoding="utf-8")
    bomb = folder / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.xml", "<workbook/>")
        z.writestr("xl/worksheets/sheet1.xml", b"<a>" + b" " * 300_000_000 + b"</a>")
    return [text, bomb]


def test_hostile_file_gets_the_command_lines_message(server, browser, tmp_path):
    for path in _hostile_files(tmp_path):
        r = _cli("check", str(path))
        assert r.exit_code == 2
        expected = r.output.strip().splitlines()[0]
        form = _upload(browser, server, "/", "workbook", path, submit_form="/clerk")
        _submit(browser, form, "审核结果")
        assert browser.find_element(By.ID, "fatal").text == expected


def test_blank_and_next_year_workbooks(server, browser, downloads, shots, tmp_path):
    browser.get(server.base)
    screenshot(browser, "home", shots)
    before = {p.name for p in downloads.iterdir()}
    browser.find_element(By.CSS_SELECTOR, "a[href='/blank']").click()
    blank = wait_for_download(downloads, before)
    assert _cli("init", str(tmp_path / "cli_blank.xlsx")).exit_code == 0
    assert xlsx_content(blank) == xlsx_content(tmp_path / "cli_blank.xlsx")
    form = _upload(browser, server, "/", "workbook", B, submit_form="/next-year")
    _submit(browser, form, "下一年度工作簿")
    nxt = click_download(browser, "dl-next", downloads)
    assert "2025" in nxt.name
    assert _cli("init", str(tmp_path / "cli_next.xlsx"), "--from", str(B)).exit_code == 0
    assert xlsx_content(nxt) == xlsx_content(tmp_path / "cli_next.xlsx")


def _summary_rows(path):
    ws = openpyxl.load_workbook(path)["汇总"]
    rows = [[c.value for c in row] for row in ws.iter_rows()]
    seconds = rows[0].index("用时（秒）")
    return [[v for i, v in enumerate(r) if i != seconds and not (isinstance(v, str) and "用时" in v and "秒" in v)]
            for r in rows]


def test_collecting_office_batch_of_the_examples(server, browser, downloads, shots, tmp_path):
    form = _upload(browser, server, "/collect", "workbooks", A, B, C, D)
    _submit(browser, form, "汇总进度")
    batch = browser.find_element(By.ID, "batch")
    wait_until(lambda: batch.get_attribute("data-finished") == "1", 900, "批量处理完成")
    rows = browser.find_elements(By.CSS_SELECTOR, "#rows tbody tr")
    assert len(rows) == 4
    statuses = [r.find_element(By.CSS_SELECTOR, "td.status").text for r in rows]
    assert statuses == ["审核未通过", "已生成", "已生成", "已生成"]  # example a has an error; the others none
    assert "报告" in rows[1].text and "标注副本" in rows[0].text
    assert browser.find_element(By.ID, "state").text == "已完成"
    screenshot(browser, "collect", shots, width=1600)
    summary = click_download(browser, "dl-summary", downloads)
    assert summary.name == "汇总.xlsx"
    folder = tmp_path / "in"
    folder.mkdir()
    for p in (A, B, C, D):
        shutil.copy(p, folder / p.name)
    r = _cli("batch", str(folder), "-j", "2", "-o", str(tmp_path / "out"))
    assert r.exit_code == 1, r.output  # example a has an error
    assert _summary_rows(summary) == _summary_rows(tmp_path / "out" / "汇总.xlsx")
    everything = click_download(browser, "dl-all", downloads)
    with zipfile.ZipFile(everything) as z:
        names = set(z.namelist())
    expected = {p.name for p in (tmp_path / "out").iterdir() if p.suffix == ".docx"} | {"汇总.xlsx"}
    assert expected <= names and "审核标注副本/a_jingkai_2024.审核.xlsx" in names


def test_audit_of_an_example_report(server, browser, shots, tmp_path):
    import juesuan
    pdf = _pdf_available()
    rendered = juesuan.render_workbook(C, out_dir=tmp_path, pdf=pdf)
    report = rendered.pdf if pdf else rendered.docx
    assert report is not None, rendered.problems
    form = _upload(browser, server, "/audit", "report", report)
    form.find_element(By.CSS_SELECTOR, "input[name='workbook']").send_keys(str(C))
    _submit(browser, form, "核对结果")
    r = _cli("audit", str(report), str(C))
    assert browser.find_element(By.ID, "summary").text == r.output.strip().splitlines()[-1]
    s = json.loads(_cli("audit", str(report), str(C), "--json").output)["summary"]
    assert s["claims"] > 20 and s["total_contradictions"] == 0
    # a report whose text was changed by hand after it was written: the contradiction is shown
    doc = Document(rendered.docx)
    runs = [run for p in doc.paragraphs for run in p.runs if "上升6.39%" in run.text]
    runs[0].text = runs[0].text.replace("上升6.39%", "上升6.93%", 1)
    changed = tmp_path / "改过的报告.docx"
    doc.save(changed)
    form = _upload(browser, server, "/audit", "report", changed)
    form.find_element(By.CSS_SELECTOR, "input[name='workbook']").send_keys(str(C))
    _submit(browser, form, "核对结果")
    assert browser.find_element(By.ID, "summary").text == _cli("audit", str(changed), str(C)).output.strip().splitlines()[-1]
    assert "数字矛盾 1 个" in browser.find_element(By.ID, "summary").text
    wrong = [d.text for d in browser.find_elements(By.CSS_SELECTOR, "details.error") if "【矛盾】" in d.text][0]
    assert "【矛盾】1 个" in wrong and "6.93%" in wrong and "6.39%" in wrong and "第三部分一" in wrong
    assert "约第" in wrong  # a .docx never paginated by Word: the page is an estimate, and said so
    screenshot(browser, "audit", shots)
    if pdf:  # a published PDF alone, without its workbook: judged against its own tables, with pages
        form = _upload(browser, server, "/audit", "report", report)
        _submit(browser, form, "核对结果")
        alone = _cli("audit", str(report)).output.strip().splitlines()[-1]
        assert browser.find_element(By.ID, "summary").text == alone and "依据" in alone


def test_lan_address_needs_the_token(browser, shots):
    with running_server(host="127.0.0.2") as lan:
        assert lan.token
        browser.get(lan.base)
        assert "需要访问令牌" in browser.find_element(By.TAG_NAME, "body").text
        browser.get(lan.base + "?token=wrong")
        assert "需要访问令牌" in browser.find_element(By.TAG_NAME, "body").text
        browser.get(lan.url)
        assert browser.current_url == lan.base  # the token leaves the address bar for a cookie
        assert browser.find_element(By.TAG_NAME, "h1").text.startswith("审核工作簿")
        browser.get(lan.base + "collect")
        assert browser.find_element(By.TAG_NAME, "h1").text == "汇总各部门的工作簿"
