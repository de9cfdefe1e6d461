"""Word review markup (issue 22, S5): a number changed inside a tracked change, a content control (inline
and around the paragraph), a simple field, a smart tag or a paragraph inside a table is read as Word
shows the final text: insertions kept, deletions dropped.  Each file is example (c)'s report with the
figure 「财政拨款收入1489.45万元」 of 二 changed to 1498.45 through one kind of markup."""
from __future__ import annotations

import copy
import shutil

import pytest
from conftest import EXAMPLES
from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from juesuan.api import check_workbook
from juesuan.audit import audit_report
from juesuan.audit.text_input import read_paragraphs
from juesuan.render import render_report

OLD, NEW = "1489.45", "1498.45"
ANCHOR = "财政拨款收入1489.45万元"


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    folder = tmp_path_factory.mktemp("markup")
    wb = folder / "c.xlsx"
    shutil.copyfile(EXAMPLES / "c_synthetic_2024.xlsx", wb)
    out = folder / "c.docx"
    render_report(check_workbook(wb).report, out)
    return out


def _run(text: str, tag: str = "w:t"):
    r = OxmlElement("w:r")
    t = OxmlElement(tag)
    t.set(qn("xml:space"), "preserve")
    t.text = text
    r.append(t)
    return r


def _wrap(tag: str, *children, **attrs):
    el = OxmlElement(tag)
    for k, v in attrs.items():
        el.set(qn(k), v)
    for c in children:
        el.append(c)
    return el


def _target(doc):
    hits = [p for p in doc.paragraphs if ANCHOR in p.text]
    assert len(hits) == 1
    return hits[0]


def _rebuild(p, middle) -> None:
    """The paragraph's runs replaced by: text before the number, ``middle`` (elements), text after."""
    before, after = p.text.split(OLD, 1)
    for r in list(p._p):
        if r.tag != qn("w:pPr"):
            p._p.remove(r)
    p._p.append(_run(before))
    for el in middle:
        p._p.append(el)
    p._p.append(_run(after))


def tracked(p):
    _rebuild(p, [_wrap("w:del", _run(OLD, "w:delText"), **{"w:id": "1", "w:author": "审核人"}),
                 _wrap("w:ins", _run(NEW), **{"w:id": "2", "w:author": "审核人"})])


def inline_control(p):
    _rebuild(p, [_wrap("w:sdt", _wrap("w:sdtPr"), _wrap("w:sdtContent", _run(NEW)))])


def block_control(p):
    _rebuild(p, [_run(NEW)])
    parent = p._p.getparent()
    sdt = _wrap("w:sdt", _wrap("w:sdtPr"))
    content = _wrap("w:sdtContent")
    sdt.append(content)
    parent.replace(p._p, sdt)
    content.append(p._p)


def simple_field(p):
    _rebuild(p, [_wrap("w:fldSimple", _run(NEW), **{"w:instr": " QUOTE 1498.45 "})])


def smart_tag(p):
    _rebuild(p, [_wrap("w:smartTag", _run(NEW), **{"w:uri": "urn:schemas-microsoft-com:office:smarttags",
                                                 "w:element": "chmetcnv"})])


def in_table(p):
    _rebuild(p, [_run(NEW)])
    parent = p._p.getparent()
    tbl = _wrap("w:tbl", _wrap("w:tblPr", _wrap("w:tblW", **{"w:w": "0", "w:type": "auto"})),
                _wrap("w:tblGrid", _wrap("w:gridCol", **{"w:w": "9000"})))
    tr, tc = _wrap("w:tr"), _wrap("w:tc", _wrap("w:tcPr", _wrap("w:tcW", **{"w:w": "9000", "w:type": "dxa"})))
    tr.append(tc)
    tbl.append(tr)
    parent.replace(p._p, tbl)
    tc.append(p._p)


def hidden_old(p):
    """The old figure left in the paragraph as hidden text (Word shows only the new one)."""
    run = _run(OLD)
    rpr = _wrap("w:rPr", _wrap("w:vanish"))
    run.insert(0, rpr)
    _rebuild(p, [run, _run(NEW)])


@pytest.mark.parametrize("markup", [tracked, inline_control, block_control, simple_field, smart_tag, in_table,
                                    hidden_old],
                         ids=lambda f: f.__name__)
def test_number_inside_word_markup_is_read_as_word_shows_it(rendered, tmp_path, markup):
    doc = Document(str(rendered))
    markup(_target(doc))
    path = tmp_path / f"{markup.__name__}.docx"
    doc.save(str(path))
    # python-docx alone misses the number (the case this guards against) for all but the plain run
    paragraphs = read_paragraphs(path)
    assert any(f"财政拨款收入{NEW}万元" in p for p in paragraphs)
    assert not any(ANCHOR in p for p in paragraphs)
    result = audit_report(path, EXAMPLES / "c_synthetic_2024.xlsx")
    assert [(v.claim.section, v.claim.raw, v.correct) for v in result.contradictions] == [
        ("s02", f"{NEW}万元", f"{OLD}万元")]
    assert result.contradictions[0].claim.page is not None
    assert result.unmatched == []


def test_deleted_paragraph_rows_and_field_codes_are_not_read(rendered, tmp_path):
    """A deleted table row and a field's code (w:instrText) are not text Word shows."""
    doc = Document(str(rendered))
    p = _target(doc)
    before, after = p.text.split(OLD, 1)
    for r in list(p._p):
        if r.tag != qn("w:pPr"):
            p._p.remove(r)
    p._p.append(_run(before))
    p._p.append(_wrap("w:r", _wrap("w:fldChar", **{"w:fldCharType": "begin"})))
    p._p.append(_run(" = 9999.99 ", "w:instrText"))
    p._p.append(_wrap("w:r", _wrap("w:fldChar", **{"w:fldCharType": "separate"})))
    p._p.append(_run(OLD))
    p._p.append(_wrap("w:r", _wrap("w:fldChar", **{"w:fldCharType": "end"})))
    p._p.append(_run(after))
    table = doc.tables[0]._tbl
    row = copy.deepcopy(table.findall(qn("w:tr"))[-1])
    for t in row.iter(qn("w:t")):
        t.text = "删除的行7777.77"
    trpr = row.find(qn("w:trPr"))
    if trpr is None:
        trpr = _wrap("w:trPr")
        row.insert(0, trpr)
    trpr.append(_wrap("w:del", **{"w:id": "9", "w:author": "审核人"}))
    table.append(row)
    path = tmp_path / "fields.docx"
    doc.save(str(path))
    text = "\n".join(read_paragraphs(path))
    assert ANCHOR in text and "9999.99" not in text and "7777.77" not in text
    result = audit_report(path, EXAMPLES / "c_synthetic_2024.xlsx")
    assert result.contradictions == [] and result.unmatched == []


def test_markup_around_every_kind_of_figure_keeps_every_claim(rendered, tmp_path):
    """Mutation pass (issue 22): the first figure of 40 paragraphs of 第三部分, each wrapped in one kind of
    markup that leaves the text Word shows unchanged — the claim count stays as it was (the blind reader
    dropped 257 → 248) and nothing becomes a contradiction."""
    import random
    import re
    base = audit_report(rendered, EXAMPLES / "c_synthetic_2024.xlsx")
    doc = Document(str(rendered))
    start = max(i for i, p in enumerate(doc.paragraphs) if p.text.startswith("第三部分"))
    candidates = [p for p in doc.paragraphs[start:] if re.search(r"\d+(?:\.\d+)?万元", p.text)]
    rng = random.Random(25)
    kinds = ("ins", "sdt", "fld", "smart", "ins_del")
    for p in rng.sample(candidates, min(40, len(candidates))):
        m = re.search(r"\d+(?:\.\d+)?(?=万元)", p.text)
        before, number, after = p.text[:m.start()], m.group(0), p.text[m.end():]
        kind = rng.choice(kinds)
        for r in list(p._p):
            if r.tag != qn("w:pPr"):
                p._p.remove(r)
        p._p.append(_run(before))
        if kind == "ins":
            p._p.append(_wrap("w:ins", _run(number), **{"w:id": "1", "w:author": "a"}))
        elif kind == "sdt":
            p._p.append(_wrap("w:sdt", _wrap("w:sdtPr"), _wrap("w:sdtContent", _run(number))))
        elif kind == "fld":
            p._p.append(_wrap("w:fldSimple", _run(number), **{"w:instr": " QUOTE "}))
        elif kind == "smart":
            p._p.append(_wrap("w:smartTag", _run(number), **{"w:element": "chmetcnv"}))
        else:
            p._p.append(_wrap("w:del", _run("9" + number, "w:delText"), **{"w:id": "2", "w:author": "a"}))
            p._p.append(_wrap("w:ins", _run(number), **{"w:id": "3", "w:author": "a"}))
        p._p.append(_run(after))
    path = tmp_path / "mutated.docx"
    doc.save(str(path))
    result = audit_report(path, EXAMPLES / "c_synthetic_2024.xlsx")
    assert result.summary()["claims"] == base.summary()["claims"]
    assert result.contradictions == [] and result.unmatched == [] and result.problems == []
