"""The three bundled example workbooks: they load cleanly, carry the published (or designed)
figures, and stay in sync with example_inputs/data/*.json.

Expected figures are written by hand from the seed reports (shared/seeds/003 for (a),
shared/seeds/002 for (b)) and from the design of (c); none is computed by the program.
"""
from __future__ import annotations

import importlib.util
from decimal import Decimal

import pytest

from juesuan.model.findings import ERROR
from juesuan.reader.workbook import read_workbook

NAMES = ("a_jingkai_2024", "b_hanyang_2024", "c_synthetic_2024")


def D(text: str) -> Decimal:
    return Decimal(text)


@pytest.fixture(scope="module")
def loaded(examples):
    return {name: read_workbook(examples / f"{name}.xlsx") for name in NAMES}


def _leaf(table, code):
    return table.by_code()[code]


@pytest.mark.parametrize("name", NAMES)
def test_example_loads_without_reader_errors(loaded, name):
    report, findings = loaded[name]
    errors = [f for f in findings if f.severity == ERROR]
    assert errors == [], [f.message for f in errors]
    assert report.year == 2024
    assert report.name


# -- (a) 武汉经济技术开发区总工会 2024, tables exactly as published ------------------------------

def test_a_tables_as_published(loaded):
    r, _ = loaded["a_jingkai_2024"]
    assert r.t01.get("inc_grand") == D("397.33")
    assert r.t01.get("exp_grand") == D("397.33")
    assert r.t01.get("c201") == D("302.93")
    assert r.t03.total_of("total") == D("397.33")
    assert r.t03.total_of("basic") == D("249.51")  # the 项 rows add up to 249.50 (published rounding break)
    assert r.t03.total_of("project") == D("147.83")
    assert r.t05.total_of("basic") == D("249.51")
    assert r.t05.total_of("project") == D("147.83")
    # 表5 prints 210 11 19 where 表2/表3 have 2101199; names are not printed in 表5
    t05 = r.t05.by_code()
    assert "2101119" in t05 and "2101199" not in t05
    assert t05["2101119"].get("total") == D("1.78")
    assert t05["2101119"].get("basic") == D("1.78")
    assert not r.t05.has_names and all(row.name is None for row in r.t05.rows)
    assert "2101199" in r.t03.by_code()
    # only 项 rows in 表2/表3
    assert all(len(row.code) == 7 for row in r.t02.rows + r.t03.rows)
    assert _leaf(r.t02, "2210202").name == "房租补贴"
    assert _leaf(r.t03, "2210202").name == "提租补贴"
    assert r.t06.personnel_total == D("213.20")
    assert r.t06.public_total == D("36.30")
    assert r.t06.get("301") == D("182.76")  # its 款 add up to 182.77
    assert r.t06.get("30103") == D("65.35")
    assert r.t07.is_empty() and r.t08.is_empty() and r.t09.is_empty()


def test_a_supplement(loaded):
    r, _ = loaded["a_jingkai_2024"]
    s = r.supp
    assert s.get("G04") == "单位决算"
    assert s.get("P01") == D("507.70")
    assert s.get("B01") == D("453.61")
    assert s.get("B03") == D("39.30")
    budgets = {rec.get("code"): rec.get("budget") for rec in s.records("B02")}
    assert budgets["2012901"] == D("126.37")
    assert budgets["2101199"] == D("1.80")
    assert [rec.get("name") for rec in s.records("U02")] == ["购买劳务支出"]
    assert s.records("E10")[0].get("budget") == D("152.84")
    assert len(s.records("W02")) == 5 and len(s.records("W03")) == 5
    owners = {rec.get("owner") for rec in s.records("X")}
    assert owners == {"整体", "购买劳务支出"}
    assert r.settings.text("三公全零简式") == "是"
    assert r.settings.text("名词解释版式") == "精简"


# -- (b) 武汉市汉阳区总工会 2024, tables rebuilt from the published text ----------------------------

B_ITEMS = {  # 五(三): 年初预算, 支出决算
    "2012901": ("232.12", "218.63"),
    "2012902": ("30.34", "143.47"),
    "2080505": ("22.97", "22.96"),
    "2080506": ("11.48", "0"),
    "2080801": ("0", "18"),
    "2081199": ("1.73", "1.73"),
    "2101101": ("6.88", "6.88"),
    "2101103": ("21.6", "20.86"),
    "2130599": ("5", "5"),
    "2210201": ("23.05", "23.05"),
    "2210202": ("4.88", "4.8"),
}


def test_b_published_totals(loaded):
    r, _ = loaded["b_hanyang_2024"]
    assert r.t01.get("inc_grand") == D("465.38")
    assert r.t01.get("exp_grand") == D("465.38")
    assert r.t01.get("inc_total") == D("465.38")
    assert r.t04.get("f_inc_grand") == D("465.38")
    for t in (r.t03, r.t05):
        assert t.total_of("total") == D("465.38")
        assert t.total_of("basic") == D("315.18")
        assert t.total_of("project") == D("150.2")
    assert r.t06.personnel_total == D("304.61")
    assert r.t06.public_total == D("10.57")
    # 公用经费 only 委托业务费 and 工会经费
    assert {c for c, v in r.t06.values.items() if v and c.startswith("302") and len(c) == 5} == {"30227", "30228"}
    classes = r.t05.class_amounts("total")
    assert classes == {"201": D("362.1"), "208": D("42.69"), "210": D("27.74"), "213": D("5"), "221": D("27.85")}


def test_b_items_of_section_5_3(loaded):
    r, _ = loaded["b_hanyang_2024"]
    t05 = r.t05.by_code()
    budgets = {rec.get("code"): rec.get("budget") for rec in r.supp.records("B02")}
    for code, (budget, spent) in B_ITEMS.items():
        assert budgets[code] == D(budget), code
        assert (t05[code].get("total") if code in t05 else D(0)) == D(spent), code
    assert set(budgets) == set(B_ITEMS)
    assert r.supp.get("B01") == D("360.05")
    assert r.supp.get("B03") == D("11.97")
    # the seven projects of 十三 = 项目支出 150.2
    assert t05["2012902"].get("project") == D("143.47")
    assert t05["2081199"].get("project") == D("1.73")
    assert t05["2130599"].get("project") == D("5")
    amounts = [rec.get("amount") for rec in r.supp.records("U02")]
    assert sorted(amounts) == sorted(D(x) for x in ("4.25", "9.22", "10", "120", "1.73", "3", "2"))


def test_b_supplement(loaded):
    r, _ = loaded["b_hanyang_2024"]
    s = r.supp
    assert s.get("P01") == D("543.14")
    assert s.get("G04") == "部门决算" and s.get("G05") == "本部门" and s.get("G11") == 1
    assert [rec.get("name") for rec in s.records("G12")] == ["武汉市汉阳区总工会（本级）", "武汉市汉阳区职工服务中心"]
    assert s.get("R01") == "1名在职人员转退休\n压缩职工服务中心和综合保障经费项目开支"
    assert s.get("R10") == "落实过紧日子要求压减1.4万元支出"
    assert s.get("E06") == D("94.15") and s.get("E07") == "优"
    assert s.get("G14") == "027-84468723"
    assert r.settings.text("百分比小数位") == "1"
    assert r.settings.text("收支总计措辞") == "收、支总计均为"
    assert r.settings.text("十三小节") == "三节"
    assert r.settings.text("零分母比率写法") == "100%"  # S2 writes 完成全年预算的100% for its 0÷0 三公 lines


# -- (c) synthetic department: the designed figures -------------------------------------------------

def test_c_designed_totals(loaded):
    r, _ = loaded["c_synthetic_2024"]
    t1 = r.t01
    assert t1.get("inc_total") == D("1653.80")
    assert t1.get("inc_grand") == t1.get("exp_grand") == D("1756.30")
    assert t1.get("exp_total") == D("1667.95")
    assert t1.get("inc_begin") == D("90.50") and t1.get("inc_nonfiscal") == D("12.00")
    assert t1.get("exp_distribution") == D("3.50") and t1.get("exp_end") == D("84.85")
    for key, value in (("inc_superior", "30"), ("inc_business", "85.6"), ("inc_operating", "42.3"), ("inc_other", "6.45")):
        assert t1.get(key) == D(value)
    assert r.t03.total_of("basic") == D("1066.65")
    assert r.t03.total_of("project") == D("561.50")
    assert r.t03.total_of("operating") == D("39.80")
    assert r.t04.get("f_inc_grand") == D("1554.65")
    assert r.t05.total_of("total") == D("1337.15")
    assert r.t05.total_of("basic") == D("974.65")
    assert r.t05.total_of("project") == D("362.50")
    assert r.t06.personnel_total == D("798.33") and r.t06.public_total == D("176.32")
    t7 = r.t07
    assert [t7.total_of(k) for k in ("begin", "income", "total", "project", "end")] == \
        [D("20"), D("150"), D("140"), D("140"), D("30")]
    assert r.t08.total_of("total") == D("25")
    assert r.t09.get("final_total") == D("58.30") and r.t09.get("budget_total") == D("65")
    # style ①: 类, 款 and 项 rows printed
    assert {len(row.code) for row in r.t02.rows + r.t03.rows + r.t05.rows} == {3, 5, 7}
    assert len([row for row in r.t05.rows if row.level == 1]) == 5
    assert len([row for row in r.t03.rows if row.level == 3]) == 18


def test_c_supplement_rules(loaded):
    r, _ = loaded["c_synthetic_2024"]
    s = r.supp
    assert len(s.records("U02")) == 8 and len(s.records("E10")) == 8
    assert sum(rec.get("amount") for rec in s.records("U02")) == D("362.50")
    assert s.get("N06") + s.get("N09") == r.t09.get("final_reception")
    assert s.get("B01") == sum(rec.get("budget") for rec in s.records("B02")) == D("1238.44")
    assert s.get("C06") + s.get("C07") + s.get("C08") == s.get("C04")
    assert s.get("P07") == 0 and s.get("P06") == D("150")
    assert [rec.get("name") for rec in s.records("G12")] == ["某市文化体育局（本级）", "某市体育场馆运营中心"]


# -- the committed workbooks stay in sync with their JSON -----------------------------------------

def _build_module(examples):
    spec = importlib.util.spec_from_file_location("build_examples", examples / "build_examples.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("name", NAMES)
def test_committed_workbook_matches_json(loaded, examples, tmp_path, name):
    written = _build_module(examples).build([name], out_dir=tmp_path)
    assert written == [tmp_path / f"{name}.xlsx"]
    rebuilt, findings = read_workbook(written[0])
    committed, _ = loaded[name]
    assert [f.message for f in findings] == [f.message for f in loaded[name][1]]
    assert rebuilt.tables == committed.tables
    assert rebuilt.supp == committed.supp
