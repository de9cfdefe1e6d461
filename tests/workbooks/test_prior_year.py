"""make-report init NEW --from OLD (next year's workbook) and check --prior OLD (S-16)."""
from __future__ import annotations

import json

import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner
from juesuan_cli.main import cli
from openpyxl import load_workbook

from juesuan.api import check_workbook
from juesuan.reader.workbook import read_workbook

EXAMPLES = ("a_jingkai_2024", "b_hanyang_2024", "c_synthetic_2024", "d_carryover_2024")


def _table_figures(old) -> dict[str, Decimal]:
    """The 上年数 of next year, read off last year's tables directly (not through figures)."""
    t01, t03, t04, t05, t07, t08, t09 = old.t01, old.t03, old.t04, old.t05, old.t07, old.t08, old.t09
    out = {
        "P01": t01.get("inc_grand"), "P02": t01.get("inc_total"), "P03": t03.total_of("total"),
        "P04": t04.get("f_inc_grand"), "P05": t04.get("f_gpb"), "P06": t04.get("f_fund"), "P07": t04.get("f_soc"),
        "P08": t05.total_of("total"), "P09-1": t09.get("final_total"), "P09-2": t09.get("final_abroad"),
        "P09-3": t09.get("final_car_purchase"), "P09-4": t09.get("final_car_run"),
        "P09-5": t09.get("final_reception"), "P10": t07.total_of("total"), "P11": t08.total_of("total"),
    }
    if old.supp.get("G07") != "事业单位":
        out["P12"] = old.supp.get("B04") if old.supp.get("B04") is not None else old.t06.public_total
    return out


def _new_from(tmp_path: Path, examples: Path, stem: str) -> tuple[Path, object]:
    old_path = tmp_path / f"{stem}.xlsx"
    shutil.copy(examples / f"{stem}.xlsx", old_path)
    new_path = tmp_path / "新年度" / "2025.xlsx"  # a missing folder is created
    result = CliRunner().invoke(cli, ["init", str(new_path), "--from", str(old_path)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"已生成 2025 年度工作簿：{new_path}\n")
    return new_path, read_workbook(old_path)[0]


@pytest.mark.parametrize("stem", EXAMPLES)
def test_init_from_carries_text_settings_and_prior_figures(tmp_path, examples, stem):
    new_path, old = _new_from(tmp_path, examples, stem)
    new, read_problems = read_workbook(new_path)
    assert not [f for f in read_problems if f.severity == "错误"]
    assert new.year == old.year + 1 == 2025
    want = _table_figures(old)
    assert {k: new.supp.fields.get(k) for k in want} == {k: Decimal(v).quantize(Decimal("0.01")) for k, v in want.items()}
    assert old.t01.get("inc_grand") != 0 and new.supp.fields["P01"] == old.t01.get("inc_grand")
    for fid in ("G01", "G04", "G06", "G07"):
        assert new.supp.fields.get(fid) == old.supp.fields.get(fid)
    assert new.supp.fields.get("G08") is None  # the cover date is next year's to set
    for fid in ("百分比小数位", "升降词风格", "收支总计措辞", "调平方法"):
        assert new.settings.text(fid) == old.settings.text(fid)
    for lid, key in (("G10", "text"), ("G12", "name"), ("M01", "term"), ("M02", "code")):
        assert [r.get(key) for r in new.supp.records(lid)] == [r.get(key) for r in old.supp.records(lid)]
    # names, codes and 类用途 carried without amounts: the rows wait for this year's figures (S-27),
    # one 提示 per sheet instead of an error per empty cell
    ws = load_workbook(new_path)
    for lid, sheet, key in (("U02", "项目用途", "name"), ("E10", "项目自评", "name"), ("X", "绩效指标", "level3"),
                            ("B02", "项级预算", "code")):
        old_rows = [r for r in old.supp.records(lid) if r.get(key) is not None]
        assert len(new.supp.waiting.get(lid, [])) == len(old_rows), lid
        assert not new.supp.records(lid)
        label_col = {"name": 1, "level3": 7, "code": 1}[key] if lid != "X" else 7
        written = [ws[sheet].cell(r, label_col).value for r in new.supp.waiting.get(lid, [])]
        assert [str(w) for w in written] == [str(r.get(key)) for r in old_rows], lid
    assert [(r.get("code"), r.get("text")) for r in new.supp.records("U01")] == \
        [(r.get("code"), r.get("text")) for r in old.supp.records("U01")]
    assert all(not any(t.values.values()) if hasattr(t, "values") else t.is_empty()  # next year's to fill
               for t in new.tables.values())
    assert new.supp.get("R01") is None and new.supp.get("B01") is None
    check = check_workbook(new_path)
    waiting = [f for f in check.findings if f.rule == "S-27"]
    assert sorted(f.cells[0].split("!")[0] for f in waiting) == sorted(
        {"U02": "项目用途", "E10": "项目自评", "X": "绩效指标", "B02": "项级预算"}[lid] for lid in new.supp.waiting)
    assert not [f for f in check.findings if "删除这一行" in (f.hint or "")]  # no error per carried cell

    wb = load_workbook(new_path)
    prior = wb["上年数"]
    p01 = next(r for r in range(3, prior.max_row + 1) if prior.cell(r, 1).value == "P01")
    assert "由上年工作簿" in prior.cell(p01, 3).comment.text and "表1“总计”" in prior.cell(p01, 3).comment.text
    general = wb["概况"]
    g01 = next(r for r in range(3, general.max_row + 1) if general.cell(r, 1).value == "G01")
    assert "沿用自上年工作簿" in general.cell(g01, 3).comment.text
    if old.supp.records("G10"):
        assert "沿用自上年工作簿" in wb["职责"]["A3"].comment.text


def test_example_c_prior_figures_by_hand(tmp_path, examples):
    """Example (c) in numbers: 表1 总计, 表4 三种资金, 表9 决算, 机关运行经费 (表6 公用经费)."""
    new_path, _ = _new_from(tmp_path, examples, "c_synthetic_2024")
    new, _ = read_workbook(new_path)
    got = {k: f"{new.supp.fields[k]:.2f}" for k in ("P01", "P05", "P06", "P07", "P09-1", "P09-3", "P12")}
    assert got == {"P01": "1756.30", "P05": "1314.45", "P06": "150.00", "P07": "25.00", "P09-1": "58.30",
                   "P09-3": "26.50", "P12": "118.46"}


def test_prior_warns_where_a_prior_figure_differs(tmp_path, examples):
    new_path, old = _new_from(tmp_path, examples, "c_synthetic_2024")
    old_path = tmp_path / "c_synthetic_2024.xlsx"
    agree = "上年数 P01–P12 与上年工作簿“c_synthetic_2024.xlsx”一致。"
    clean = CliRunner().invoke(cli, ["check", "--json", str(new_path), "--prior", str(old_path)])
    payload = json.loads(clean.output)
    assert payload["prior"] == {"file": "c_synthetic_2024.xlsx", "verdict": agree, "findings": []}
    assert not [f for f in payload["findings"] if f["rule"] == "S-16"]
    # the one-line verdict, after this year's "未填" findings of a fresh workbook, apart from them
    human = CliRunner().invoke(cli, ["check", str(new_path), "--prior", str(old_path)]).output
    assert f"\n【与上年工作簿对照】{agree}\n\n审核完成：" in human
    assert human.index("未填") < human.index("【与上年工作簿对照】")
    wb = load_workbook(new_path)
    ws = wb["上年数"]
    row = next(r for r in range(3, ws.max_row + 1) if ws.cell(r, 1).value == "P09-2")
    ws.cell(row, 3).value = 9.06  # 9.60 typed with two digits swapped
    wb.save(new_path)
    findings = check_workbook(new_path).findings
    assert not [f for f in findings if f.rule == "S-16"]  # only with --prior
    r = CliRunner().invoke(cli, ["check", str(new_path), "--prior", str(old_path)])
    section = r.output[r.output.index("【与上年工作簿对照】"):]
    assert section.startswith("【与上年工作簿对照】上年数 P01–P12 中有 1 处与上年工作簿“c_synthetic_2024.xlsx”不一致（见下）。\n"
                              f"  [警告] 上年数!C{row}：上年数因公出国（境）费决算（P09-2）为 9.06，"
                              "上年工作簿“c_synthetic_2024.xlsx”的表9 栏8为 9.60，两者不一致。（S-16）\n")
    assert "      规则：上年数与上年工作簿一致" in section
    assert "S-16" not in r.output[:r.output.index("【与上年工作簿对照】")]  # not mixed with this year's
    payload = json.loads(CliRunner().invoke(cli, ["check", "--json", str(new_path), "--prior", str(old_path)]).output)
    assert [f["cells"][0] for f in payload["prior"]["findings"]] == [f"上年数!C{row}"]
    assert payload["prior"]["findings"][0]["group"] == "prior"


def test_prior_year_mismatch_and_unreadable_prior(tmp_path, examples):
    src = tmp_path / "c.xlsx"
    shutil.copy(examples / "c_synthetic_2024.xlsx", src)
    same_year = CliRunner().invoke(cli, ["check", str(src), "--prior", str(src)])
    assert "不是相邻的两年" in same_year.output
    bad = tmp_path / "坏.xlsx"
    bad.write_text("x", encoding="utf-8")
    r = CliRunner().invoke(cli, ["check", str(src), "--prior", str(bad)])
    assert r.exit_code == 2 and r.output.startswith("错误：上年工作簿无法读取：")
    missing = CliRunner().invoke(cli, ["check", str(src), "--prior", str(tmp_path / "无.xlsx")])
    assert missing.exit_code == 2 and "上年工作簿" in missing.output
    exists = CliRunner().invoke(cli, ["init", str(src), "--from", str(src)])
    assert exists.exit_code == 2 and "已存在" in exists.output
    r = CliRunner().invoke(cli, ["init", str(tmp_path / "n.xlsx"), "--from", str(bad)])
    assert r.exit_code == 2 and "上年工作簿无法读取" in r.output and not (tmp_path / "n.xlsx").exists()
