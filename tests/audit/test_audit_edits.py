"""A report rendered from each example, then hand-edited in ten known places of every kind a reviewer
looks for (a figure, a share, a direction word, 大于/小于 预算, a year, a 截至 date, a title year, a
missing unit, self-contradicting words, a 名词解释 entry): the audit names exactly those ten, each with
its page; the unedited reports have none."""
from __future__ import annotations

import re
import shutil

import pytest
from conftest import EXAMPLES
from docx import Document

from juesuan.api import check_workbook
from juesuan.audit import audit_report
from juesuan.audit.text_input import read_text
from juesuan.render import render_report
from juesuan.render.docx.readback import plain

NAMES = ("a_jingkai_2024", "b_hanyang_2024", "c_synthetic_2024", "d_carryover_2024")


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> dict[str, object]:
    folder = tmp_path_factory.mktemp("audit_edits")
    out = {}
    for name in NAMES:
        wb = folder / f"{name}.xlsx"
        shutil.copyfile(EXAMPLES / f"{name}.xlsx", wb)
        out[name] = folder / f"{name}.docx"
        render_report(check_workbook(wb).report, out[name])
    return out


def _set(p, text: str) -> None:
    for run in p.runs[1:]:
        run.text = ""
    p.runs[0].text = text


def _first(doc, pattern: str, start: str | None = None, after: int = 0):
    """The first paragraph (after the heading that starts with ``start``) matching ``pattern``, in
    the text a clerk sees (without the renderer's invisible word joiners, readback.plain)."""
    paragraphs = doc.paragraphs
    i = 0
    if start:
        heads = [k for k, p in enumerate(paragraphs) if plain(p.text).replace(" ", "").startswith(start)]
        if start.startswith("第"):
            i = heads[-1]  # the part itself, not its line in the 目录
        else:  # a section of 第三部分
            part3 = max(k for k, p in enumerate(paragraphs) if plain(p.text).startswith("第三部分"))
            i = next(k for k in heads if k > part3)
    for p in paragraphs[i + after:]:
        m = re.search(pattern, plain(p.text))
        if m:
            return p, m
    raise AssertionError(pattern)


def edit(doc, pattern: str, replace, start: str | None = None) -> str:
    """Replace the first match of ``pattern`` (group 1 when present) after heading ``start``; returns the
    new words (to find the finding by its quote)."""
    p, m = _first(doc, pattern, start)
    g = 1 if m.groups() else 0
    new = replace(m.group(g)) if callable(replace) else replace
    text = plain(p.text)
    _set(p, text[:m.start(g)] + new + text[m.end(g):])
    return new


def ten_edits(doc, year: int) -> dict[str, str]:
    y, prior = str(year), str(year - 1)
    return {
        "figure": edit(doc, r"收、?支总计[^0-9]{0,6}(\d+(?:\.\d+)?)万元", lambda v: f"{float(v) + 1:g}", "一、"),
        "share": edit(doc, r"占本年支出(\d+(?:\.\d+)?)%", lambda v: f"{float(v) + 3:g}", "三、"),
        "year": edit(doc, rf"与({prior})年度相比", str(year - 2), "二、"),
        "date": edit(doc, rf"截至({y})年12月31日", prior, "十二、"),
        "title": edit(doc, rf"(?s)^第三部分.*?({y})年度", prior, "第三部分"),
        "budget_word": edit(doc, r"支出决算数(小于|大于)年初预算数", lambda w: {"小于": "大于", "大于": "小于"}[w], "五、"),
        "unit": edit(doc, r"项目支出\d+(?:\.\d+)?(万元)。", "", "五、"),
        "words": edit(doc, r"主要原因(是|：)", lambda w: w + "经费增加减少，", "三、"),
        "terms": edit(doc, r"^\d+[.．]\S+?（款）(\S+?)（项）", lambda n: n + "专项", "第五部分"),
        "direction": edit(doc, r"与\d{4}年度相比，支出合计(增加|减少)", lambda w: {"增加": "减少", "减少": "增加"}[w], "三、"),
    }


@pytest.mark.parametrize("name", NAMES)
def test_ten_hand_edits_are_found_exactly_with_pages(rendered, name, tmp_path):
    doc = Document(str(rendered[name]))
    year = check_workbook(EXAMPLES / f"{name}.xlsx").report.year
    edits = ten_edits(doc, year)
    path = tmp_path / f"{name}_edited.docx"
    doc.save(str(path))
    result = audit_report(path, EXAMPLES / f"{name}.xlsx")
    assert result.fatal is None
    # the report's own tables may carry the workbook's 审核 errors (example (a) prints a code misprint):
    # those are in the unedited report too, and are not among the ten
    before = {getattr(x, "message", None) for x in audit_report(rendered[name], EXAMPLES / f"{name}.xlsx").found()}
    found = [x for x in result.found() if getattr(x, "message", None) not in before or hasattr(x, "claim")]
    described = [(getattr(x, "kind", "数字"), x.claim.quote() if hasattr(x, "claim") else x.quote) for x in found]
    assert len(found) == 10, "\n".join(map(str, described))
    kinds = {getattr(x, "kind", "数字") for x in found}
    assert kinds == {"数字", "年度", "方向用词", "单位", "用词", "名词解释"}, described
    # each finding has a page, and it is the page of the paragraph it quotes
    text = read_text(path)
    for x in found:
        page = x.claim.page if hasattr(x, "claim") else x.page
        index = x.claim.paragraph if hasattr(x, "claim") else x.paragraph
        assert page is not None and page == text.pages[index], x
    # every edit is named by one finding quoting it
    quotes = " ".join(q for _, q in described)
    for key in ("share", "unit"):
        del edits[key]  # (a figure, not a word: checked through the kinds above)
    for key, words in edits.items():
        if words:
            assert words in quotes, (key, words, described)


@pytest.mark.parametrize("name", NAMES)
def test_unedited_report_has_no_finding(rendered, name):
    """Nothing but the workbook's own 审核 errors, which the printed tables carry (example (a): the code
    misprint 2101119, X-6); none at all in the text."""
    result = audit_report(rendered[name], EXAMPLES / f"{name}.xlsx")
    check = check_workbook(EXAMPLES / f"{name}.xlsx")
    own = {f.rule for f in check.findings if f.severity == "错误"}
    left = [x for x in result.found() if not (getattr(x, "kind", "") == "表格审核" and own)]
    assert left == [], [getattr(x, "message", None) for x in left]
    assert len(result.unmatched) <= 5
