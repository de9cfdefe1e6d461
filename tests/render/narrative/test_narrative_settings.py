"""The 设置 (docs/WORKBOOK.md, sheet 设置) that change the wording of 第三部分, one by one, on the bundled examples.

Expected sentences follow the published reports' patterns; the numbers were worked out by hand from the
example tables (e.g. 974.65 ÷ 1337.15 = 72.889…% → 72.89%).
"""
from __future__ import annotations


import pytest

from conftest import EXAMPLE_DATA
from juesuan.maintenance.examples import load_example
from juesuan.render.narrative import build_part3



def text(example: str, **settings) -> dict[str, list[str]]:
    report = load_example(EXAMPLE_DATA / f"{example}.json")
    report.supp.fields.update(settings)
    return {s.id: s.paragraphs for s in build_part3(report)}


def test_percent_places_and_trailing_zeros():
    t = text("a_jingkai_2024", 百分比小数位="1", 百分比保留尾零="是")
    assert "下降21.7%" in t["s01"][0]  # 21.739…
    assert "占本年支出62.8%；项目支出147.83万元，占本年支出37.2%" in t["s03"][0]
    assert "占本年收入100.0%" in t["s02"][0]
    assert t["s05_3"][6] == ("5.社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位职业年金缴费支出（项）。"
                             "年初预算为6.58万元，支出决算为6.58万元，完成年初预算的100.0%。")


def test_amounts_with_two_fixed_places():
    t = text("a_jingkai_2024", 金额固定两位="是")
    assert "人员经费213.20万元" in t["s06"][0] and "伙食补助费5.00万元" in t["s06"][0]
    assert "比年初预算数减少3.00万元" in t["s10"][0]
    assert "政府性基金预算财政拨款收入0万元" in t["s04"][1]  # zero stays 0 (F1)


def test_rate_words_and_total_wording():
    t = text("a_jingkai_2024", 升降词风格="增长降低", 收支总计措辞="收、支总计均为")
    assert t["s01"][0].startswith("2024年度收、支总计均为397.33万元。与2023年度相比，收、支总计各减少110.37万元，降低21.74%")
    assert t["s04"][0].startswith("2024年度财政拨款收、支总计均为397.33万元。")


def test_list_all_items_and_omit_zero_funds():
    t = text("a_jingkai_2024", 收支项目列举="全列", 省略零值资金="是")
    assert t["s02"][0].endswith("其中：财政拨款收入397.33万元，占本年收入100%；上级补助收入0万元，占本年收入0%；"
                                "事业收入0万元，占本年收入0%；经营收入0万元，占本年收入0%；附属单位上缴收入0万元，"
                                "占本年收入0%；其他收入0万元，占本年收入0%。")
    assert t["s03"][0].endswith("上缴上级支出0万元，占本年支出0%；经营支出0万元，占本年支出0%；"
                                "对附属单位补助支出0万元，占本年支出0%。")
    assert t["s04"][1] == ("2024年度财政拨款收入中，一般公共预算财政拨款收入397.33万元，比2023年度决算数减少110.37万元，"
                           "下降21.74%，主要原因是根据财政预算文件要求，项目支出压减25%。")


def test_class_level_53_with_shares():
    t = text("c_synthetic_2024", 五三粒度="类级", 五三写占比="是")
    assert t["s05_3"][0].endswith("其中：基本支出974.65万元，占72.89%；项目支出362.5万元，占27.11%。")
    items = t["s05_3"][2:]
    assert [line.split("。")[0] for line in items] == [
        "1.教育支出（类）", "2.文化旅游体育与传媒支出（类）", "3.社会保障和就业支出（类）", "4.卫生健康支出（类）",
        "5.住房保障支出（类）"]
    # 207: 年初 470+60+150+0+205+42+15 = 942, 决算 1043.09 → 110.73%; only the reasons of 项 that also overspent
    assert items[1].startswith("2.文化旅游体育与传媒支出（类）。年初预算为942万元，支出决算为1043.09万元，完成年初预算的110.73%，"
                               "支出决算数大于年初预算数的主要原因：一是")
    assert "延期至下年" not in items[1]


def test_names_only_and_car_wording():
    t = text("c_synthetic_2024", 明细只列名称="是", 三公车辆用语="运行费")
    assert "人员经费798.33万元，主要包括：基本工资、津贴补贴、" in t["s06"][0]
    assert "万元、" not in t["s06"][0]
    assert t["s09_2"][1].startswith("2.公务用车购置及运行费全年预算为45万元")
    assert t["s09_2"][3].startswith("(2)公务用车运行费支出15.84万元。")


def test_zero_forms_off_and_zero_rate_written():
    t = text("a_jingkai_2024", 三公全零简式="否", 采购零值简式="否", 资产零值简式="否", 空表附数值句="是",
             零分母比率写法="0%")
    assert t["s07"] == ["本单位当年无政府性基金预算财政拨款收入支出。",
                        "2024年度政府性基金预算财政拨款年初结转和结余0万元，本年收入0万元，本年支出0万元，年末结转和结余0万元。"]
    assert t["s08"] == ["本单位当年无国有资本经营预算财政拨款支出。", "2024年度国有资本经营预算财政拨款本年支出0万元。"]
    # 0 ÷ 0 under 「0%」: the 持平 wording, never 「完成全年预算的0%」 (CHANGES.md); the prior-year comparison
    # stays in the same sentence, with one 持平 (issue 21: never 「与全年预算持平，较上年持平」)
    assert t["s09_1"] == ["2024年度“三公”经费财政拨款支出全年预算为0万元，支出决算为0万元，与全年预算和上年均持平。"]
    assert t["s09_2"][0] == "1.因公出国（境）费全年预算为0万元，支出决算为0万元，与全年预算和上年均持平。" \
                            "全年支出涉及出国（境）团组0个，累计0人次。"
    assert len(t["s09_2"]) == 7
    # 采购 total 0: no share of it (a ratio over a zero base is never printed)
    assert "授予中小企业合同金额0万元，其中：授予小微企业合同金额0万元。" in t["s11"][0]
    assert "%" not in t["s11"][0]
    assert t["s12"][0].startswith("截至2024年12月31日，武汉经济技术开发区总工会共有车辆0辆，其中：副省级及以上领导干部用车0辆、")
    # 五(三) 2101119: 年初 0 → no 完成率 under any setting; the reason clause is still required (W4)
    assert t["s05_3"][10].endswith("年初预算为0万元，支出决算为1.78万元。")  # (a) has no R07 for it: S-8 warns


def test_zero_budget_sangong_100_percent():
    t = text("a_jingkai_2024", 三公全零简式="否", 零分母比率写法="100%")
    assert t["s09_1"] == ["2024年度“三公”经费财政拨款支出全年预算为0万元，支出决算为0万元，与全年预算和上年均持平。"]


def test_institution_has_no_admin_cost():
    t = text("a_jingkai_2024", G07="事业单位")
    assert t["s10"] == ["本单位为事业单位，不涉及机关运行经费。"]


@pytest.mark.parametrize("b03,expected", [
    ("36.30", "机关运行经费支出36.3万元，完成年初预算的100%。"),
    ("0", "机关运行经费支出36.3万元，比年初预算数增加36.3万元。"),
])
def test_admin_cost_equal_or_zero_budget(b03, expected):
    t = text("a_jingkai_2024", B03=b03)
    assert expected in t["s10"][0]


def test_section14_with_data():
    t = text("a_jingkai_2024", 含第十四节="是", ZX1="有", ZX2="12.5", ZX3="0", ZX4="职工困难帮扶")
    assert t["s14"] == ["2024年度本单位专项支出12.5万元，转移支付支出0万元，主要用于职工困难帮扶。"]
