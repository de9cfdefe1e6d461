"""`make-report WORKBOOK --draft`: a report despite 审核 errors, marked as a draft on the cover and
in the header of every page; without the flag a workbook with errors is still refused."""
from __future__ import annotations

import shutil

import docx
from click.testing import CliRunner
from render_helpers import EXAMPLES

from juesuan.render.draft import DRAFT_MARK
from juesuan_cli.main import cli

MARK = "审核未通过 草稿"


def run(args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def _headers(document) -> list[str]:
    return ["\n".join(p.text for p in s.header.paragraphs) for s in document.sections]


def test_a_workbook_with_errors_gives_a_marked_draft(tmp_path):
    wb = tmp_path / "a.xlsx"
    shutil.copyfile(EXAMPLES / "a_jingkai_2024.xlsx", wb)  # the published tables: one 错误 (code 2101119)
    out = tmp_path / "草稿.docx"
    result = run([wb, "--draft", "-o", out])
    assert result.exit_code == 1, result.output  # the errors are still errors
    assert "[错误]" in result.output
    assert f"已生成草稿（审核未通过，不能公开）：{out}" in result.output
    document = docx.Document(out)
    assert document.paragraphs[0].text == MARK  # first line of the cover
    headers = _headers(document)
    assert len(headers) >= 3  # cover, body, landscape tables …
    assert all(h.splitlines()[0] == MARK for h in headers), headers
    assert document.paragraphs[2].text == "武汉经济技术开发区总工会"  # the cover itself follows


def test_without_the_flag_the_workbook_is_refused(tmp_path):
    wb = tmp_path / "a.xlsx"
    shutil.copyfile(EXAMPLES / "a_jingkai_2024.xlsx", wb)
    result = run([wb, "-o", tmp_path / "r.docx"])
    assert result.exit_code == 1
    assert not (tmp_path / "r.docx").exists()
    assert "--draft" in result.output  # the refusal says how to read a draft anyway


def test_a_clean_workbook_with_the_flag_is_no_draft(tmp_path):
    wb = tmp_path / "c.xlsx"
    shutil.copyfile(EXAMPLES / "c_synthetic_2024.xlsx", wb)
    result = run([wb, "--draft", "-o", tmp_path / "r.docx"])
    assert result.exit_code == 0, result.output
    document = docx.Document(tmp_path / "r.docx")
    assert document.paragraphs[0].text != MARK
    assert not any(MARK in h for h in _headers(document))
    assert DRAFT_MARK == MARK
