"""make-report audit on reports the tool renders itself (each example, then hand-edited) and on other
shapes of the same text (.txt in GB18030, the 2020 section order and other heading styles, PDF)."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import EXAMPLE_DATA, EXAMPLES
from docx import Document

from juesuan.api import check_workbook
from juesuan.render.docx.readback import plain
from juesuan.audit import UNMATCHED, WRONG, audit_paragraphs, audit_report
from juesuan.audit.text_input import read_paragraphs
from juesuan.render import render_report

NAMES = ("a_jingkai_2024", "b_hanyang_2024", "c_synthetic_2024", "d_carryover_2024")


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> dict[str, Path]:
    """Each example rendered as the command would; (a) has 审核 errors (its tables are printed as
    published), so it is drawn straight from the checked Report, as the renderer tests do."""
    folder = tmp_path_factory.mktemp("audit_rendered")
    out = {}
    for name in NAMES:
        wb = folder / f"{name}.xlsx"
        shutil.copyfile(EXAMPLES / f"{name}.xlsx", wb)
        check = check_workbook(wb)
        assert check.report is not None
        out[name] = folder / f"{name}.docx"
        render_report(check.report, out[name])
    return out


@pytest.mark.parametrize("name", NAMES)
def test_rendered_report_has_no_contradiction_and_nothing_unmatched(rendered, name):
    result = audit_report(rendered[name], EXAMPLES / f"{name}.xlsx")
    assert result.fatal is None
    bad = [(v.status, v.claim.raw, v.claim.sentence) for v in result.verdicts if v.status in (WRONG, UNMATCHED)]
    assert bad == []
    s = result.summary()
    assert s["claims"] > 100 and s["verified"] == s["claims"] and s["tail"] == 0
    for sid in ("s01", "s02", "s03", "s04", "s05_1", "s05_2", "s05_3", "s06", "s09_1", "s09_2", "s10", "s11", "s12"):
        assert sid in result.sections
    # every kind of claim was met and matched to a cell of the workbook
    kinds = {v.claim.kind for v in result.verdicts}
    assert {"amount", "change", "rate", "share", "completion", "date"} <= kinds
    assert all(v.slot.cell for v in result.verdicts)


def _edit(doc, old: str, new: str, section_text: str | None = None) -> str:
    """Replace ``old`` by ``new`` in the one paragraph that contains it (and ``section_text``, when
    several do); returns the edited paragraph's text."""
    # as a clerk sees it: without the renderer's invisible word joiners (render/docx/readback.plain)
    hits = [p for p in doc.paragraphs if old in plain(p.text) and (section_text is None or section_text in plain(p.text))]
    assert len(hits) == 1, (old, [p.text[:40] for p in hits])
    p = hits[0]
    text = plain(p.text).replace(old, new, 1)
    for run in p.runs[1:]:
        run.text = ""
    p.runs[0].text = text
    return text


def test_hand_edits_are_found_exactly_at_their_sentence(rendered, tmp_path):
    doc = Document(str(rendered["c_synthetic_2024"]))
    edited = {
        "figure": _edit(doc, "财政拨款收入1489.45万元", "财政拨款收入1498.45万元"),
        "share": _edit(doc, "项目支出561.5万元，占本年支出33.66%", "项目支出561.5万元，占本年支出36.66%"),
        "date": _edit(doc, "截至2024年12月31日", "截至2023年12月31日", "共有车辆"),
        "direction": _edit(doc, "收、支总计各增加105.5万元", "收、支总计各减少105.5万元"),
    }
    path = tmp_path / "edited.docx"
    doc.save(str(path))
    result = audit_report(path, EXAMPLES / "c_synthetic_2024.xlsx")
    found = {(v.claim.section, v.claim.raw, v.correct): v for v in result.contradictions}
    assert set(found) == {
        ("s02", "1498.45万元", "1489.45万元"),
        ("s03", "36.66%", "33.66%"),
        ("s12", "截至2023年12月31日", "2024年12月31日"),
        ("s01", "105.5万元", "105.5万元"),
    }
    for v in found.values():
        assert v.claim.sentence in next(t for t in edited.values() if v.claim.sentence in t)
    by = {v.claim.section: v for v in found.values()}
    assert by["s02"].slot.cell == "公开02表!D7"
    assert "减少" in by["s01"].note and "增加" in by["s01"].note
    assert "占本年支出36.66%" in by["s03"].claim.sentence
    assert result.unmatched == []
    assert result.summary()["contradicted"] == 4


def test_wrong_base_is_named(rendered, tmp_path):
    """A 同比 rate divided by this year's figure instead of last year's says so, with both bases."""
    doc = Document(str(rendered["c_synthetic_2024"]))
    # 一: 105.5 ÷ 1650.8 (上年) = 6.39%; ÷ 1756.3 (本年) = 6.01%
    _edit(doc, "上升6.39%", "上升6.01%")
    path = tmp_path / "base.docx"
    doc.save(str(path))
    [v] = audit_report(path, EXAMPLES / "c_synthetic_2024.xlsx").contradictions
    assert v.correct == "6.39%"
    assert v.note == "6.01% = 105.5 ÷ 1756.3（本年数（收、支总计）），应除以上年数 P01 1650.8，为 6.39%"


def _part3(paragraphs: list[str]) -> list[str]:
    start = max(i for i, p in enumerate(paragraphs) if p.startswith("第三部分"))
    end = next(i for i, p in enumerate(paragraphs) if p.startswith("第四部分") and i > start)
    return paragraphs[start:end]


def test_2020_order_and_other_heading_styles(rendered):
    """七 三公 before 政府性基金, headings with a year and (一)/1. numbering, 本单位 → still all right."""
    paragraphs = _part3(read_paragraphs(rendered["c_synthetic_2024"]))
    blocks: list[list[str]] = []
    for p in paragraphs[1:]:
        if p[:2] in ("一、", "二、", "三、", "四、", "五、", "六、", "七、", "八、", "九、", "十、") or p[:3] in ("十一、", "十二、", "十三、"):
            blocks.append([p])
        else:
            blocks[-1].append(p)
    titles = [b[0].split("、", 1)[1] for b in blocks]
    order = [0, 1, 2, 3, 4, 5, 8, 6, 7, 9, 10, 11, 12]  # 2020: 七 三公, 八 政府性基金, 九 国有资本经营
    numbers = "一 二 三 四 五 六 七 八 九 十 十一 十二 十三".split()
    text = ["第三部分 某市文化体育局2024年度单位决算情况说明"]
    for n, k in zip(numbers, order):
        text.append(f"{n}、2024年度{titles[k]}")
        for p in blocks[k][1:]:
            if p.startswith("（") and p.endswith(("情况", "说明", "结果")):
                p = "(" + p[1:].replace("）", ")", 1) + "。"  # (一)…说明。
            text.append(p.replace("本部门", "本单位"))
    report = check_workbook(EXAMPLES / "c_synthetic_2024.xlsx").report
    verdicts, sections = audit_paragraphs(text, report)
    assert sections.index("s09") < sections.index("s07")
    assert [v.claim.raw for v in verdicts if v.status in (WRONG, UNMATCHED)] == []
    assert len(verdicts) > 200


def test_txt_in_gb18030_and_total_junwei(rendered, tmp_path):
    paragraphs = read_paragraphs(rendered["b_hanyang_2024"])
    assert any("收、支总计均为" in p for p in paragraphs)  # example (b) uses 收支总计措辞 = 均为
    txt = tmp_path / "b.txt"
    txt.write_bytes("\n".join(paragraphs).encode("gb18030"))
    result = audit_report(txt, EXAMPLES / "b_hanyang_2024.xlsx")
    assert result.summary()["claims"] > 100 and not result.contradictions and not result.unmatched


def test_unknown_claim_is_listed_not_skipped(rendered, tmp_path):
    doc = Document(str(rendered["c_synthetic_2024"]))
    _edit(doc, "其中：基本支出974.65万元", "其中：基本支出974.65万元，另有神秘经费12.5万元")
    path = tmp_path / "extra.docx"
    doc.save(str(path))
    result = audit_report(path, EXAMPLES / "c_synthetic_2024.xlsx")
    assert [v.claim.raw for v in result.unmatched] == ["12.5万元"]
    assert result.contradictions == []


def test_precision_rules_on_amounts_and_percentages(rendered, tmp_path):
    """A 0.01 difference is 尾数; a share printed with one decimal is right when the exact value rounds to
    it; 元 for 万元 is a contradiction."""
    doc = Document(str(rendered["c_synthetic_2024"]))
    _edit(doc, "人员经费798.33万元", "人员经费798.34万元")
    _edit(doc, "占本年收入90.06%", "占本年收入90.1%")  # 1489.45 ÷ 1653.8 = 90.0623…%
    _edit(doc, "公用经费176.32万元", "公用经费176.32元")
    path = tmp_path / "precision.docx"
    doc.save(str(path))
    result = audit_report(path, EXAMPLES / "c_synthetic_2024.xlsx")
    assert [(v.claim.raw, v.correct) for v in result.of("尾数")] == [("798.34万元", "798.33万元")]
    assert [(v.claim.raw, v.note) for v in result.contradictions] == [("176.32元", "单位错误：写作“元”，应为“万元”")]


def test_pdf_without_pdftotext_is_a_chinese_message(tmp_path, monkeypatch):
    from juesuan.audit import text_input
    pdf = tmp_path / "报告.pdf"
    pdf.write_bytes(b"%PDF-1.4\n")
    monkeypatch.setattr(text_input, "pdftotext_path", lambda: None)
    result = audit_report(pdf, EXAMPLES / "c_synthetic_2024.xlsx")
    assert result.fatal.startswith("无法读取 PDF") and "poppler" in result.fatal


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) not installed")
def test_broken_pdf_is_unreadable(tmp_path):
    pdf = tmp_path / "坏.pdf"
    pdf.write_bytes(b"not a pdf at all")
    result = audit_report(pdf, EXAMPLES / "c_synthetic_2024.xlsx")
    assert result.fatal and "PDF" in result.fatal


def test_pdf_of_rendered_report(rendered, tmp_path):
    from juesuan.render.pdf.convert import convert, find_soffice
    if find_soffice() is None or shutil.which("pdftotext") is None:
        pytest.skip("needs LibreOffice and pdftotext")
    pdf = convert(rendered["c_synthetic_2024"], tmp_path / "c.pdf")
    result = audit_report(pdf, EXAMPLES / "c_synthetic_2024.xlsx")
    docx = audit_report(rendered["c_synthetic_2024"], EXAMPLES / "c_synthetic_2024.xlsx")
    assert result.summary() == docx.summary()
    assert not result.contradictions and not result.unmatched


SETTINGS = [
    {"百分比小数位": "1"}, {"百分比保留尾零": "是"}, {"金额固定两位": "是"}, {"升降词风格": "增长降低"},
    {"收支总计措辞": "收、支总计均为"}, {"收支项目列举": "全列", "省略零值资金": "是"}, {"五三粒度": "类级"},
    {"五三写占比": "是"}, {"零分母比率写法": "0%"}, {"零分母比率写法": "100%", "三公全零简式": "否"},
    {"三公车辆用语": "运行费"}, {"明细只列名称": "是"}, {"空表附数值句": "是", "采购零值简式": "否", "资产零值简式": "否"},
    {"含第十四节": "是", "ZX1": "有", "ZX2": "12.5", "ZX3": "0", "ZX4": "职工困难帮扶"}, {"十三小节": "三节"},
    {"节序": "2020版"}, {"调平方法": "末项调平"}, {"G07": "事业单位"}, {"P01": None, "P02": None, "P12": "30"},
]


@pytest.mark.parametrize("example", ["a_jingkai_2024", "c_synthetic_2024"])
@pytest.mark.parametrize("settings", SETTINGS, ids=lambda s: "+".join(f"{k}={v}" for k, v in s.items()))
def test_every_setting_renders_text_the_audit_accepts(example, settings):
    """The text each 设置 produces (headings as the report prints them) has no contradiction and
    nothing unmatched: the audit follows every wording the renderer can choose."""
    from juesuan.maintenance.examples import load_example
    from juesuan.render.narrative import build_part3, heading_text
    report = load_example(EXAMPLE_DATA / f"{example}.json")
    report.supp.fields.update(settings)
    paragraphs = ["第三部分 情况说明"]
    for sec in build_part3(report):
        paragraphs.append(heading_text(sec))
        paragraphs.extend(sec.paragraphs)
    verdicts, _ = audit_paragraphs(paragraphs, report)
    assert [(v.status, v.claim.raw, v.claim.sentence) for v in verdicts if v.status in (WRONG, UNMATCHED)] == []
    assert len(verdicts) > 50


def test_older_hand_written_forms():
    """A heading that lost its number (S1: 「收入决算情况说明」), 收 and 支 written apart, and a figure left
    blank (「支出决算为万元」, a contradiction of its own)."""
    from juesuan.maintenance.examples import load_example
    from juesuan.render.narrative import build_part3, heading_text
    report = load_example(EXAMPLE_DATA / "c_synthetic_2024.json")
    paragraphs = ["第三部分 情况说明"]
    for sec in build_part3(report):
        paragraphs.append(heading_text(sec).replace("二、", ""))
        paragraphs.extend(sec.paragraphs)
        if sec.id == "s01":
            paragraphs.append("2024年度收入1756.3万元；2024年度支出1756.3万元。")
        if sec.id == "s09_2":
            paragraphs.append("4.公务接待费全年预算为8万元，支出决算为万元。")
    verdicts, sections = audit_paragraphs(paragraphs, report)
    assert "s02" in sections
    assert [v.claim.raw for v in verdicts if v.status == UNMATCHED] == []
    wrong = [v for v in verdicts if v.status == WRONG]
    assert [(v.claim.section, v.claim.kind, v.note) for v in wrong] == [("s09_2", "blank", "“万元”前没有数字（数值位置留空）")]
    split = [v for v in verdicts if v.claim.section == "s01" and v.claim.raw == "1756.3万元"]
    assert len(split) == 3 and all(v.slot.key == "s01.grand" for v in split)


def test_a_report_of_another_department_is_said_first(tmp_path, examples):
    """Auditing example (d)'s report against example (a)'s workbook: the summary says the files do
    not belong together before listing the (meaningless) contradictions."""
    from click.testing import CliRunner
    from juesuan.api import render_workbook
    from juesuan_cli.main import cli
    out = render_workbook(examples / "d_carryover_2024.xlsx", tmp_path / "d.docx")
    result = CliRunner().invoke(cli, ["audit", str(out.docx), str(examples / "a_jingkai_2024.xlsx")])
    assert result.exit_code == 1
    assert "注意：报告中没有出现工作簿的部门全称“武汉经济技术开发区总工会”；请确认报告与工作簿是同一部门、同一年度。" \
        in result.output
    same = CliRunner().invoke(cli, ["audit", "--json", str(out.docx), str(examples / "d_carryover_2024.xlsx")])
    import json
    assert json.loads(same.output)["mismatch"] == []
