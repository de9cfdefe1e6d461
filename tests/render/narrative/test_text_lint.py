"""The text lint (juesuan.render.lint): every bundled example, under the default settings and under the
settings that imitate each published seed, renders without a single hit; and each check fires on
the sentence it is meant for (so a lint that finds nothing is not a lint that cannot find anything).
"""
from __future__ import annotations


import pytest
from conftest import EXAMPLE_DATA

from juesuan.maintenance.examples import load_example
from juesuan.render.lint import lint_blocks, lint_paragraph, lint_shares, lint_text

EXAMPLES = sorted(p.stem for p in EXAMPLE_DATA.glob("*.json"))

# The 设置 that make the text look like each published report in shared/seeds (sheet 设置, docs/WORKBOOK.md):
# S1 鄂城区总工会 2023 (every item listed, 0% for 0÷0, the zero-table number sentence, 第十四节,
# names only in 第六节, whole percentages → the nearest allowed, 1 place); S2 汉阳区总工会 2024 (the
# settings of example b); S3 武汉经开区总工会 2024 (the settings of example a).
SEED_SETTINGS = {
    "default": {},
    "S1": {"收支项目列举": "全列", "零分母比率写法": "0%", "空表附数值句": "是", "含第十四节": "是",
           "明细只列名称": "是", "百分比小数位": "1"},
    "S2": {"百分比小数位": "1", "收支总计措辞": "收、支总计均为", "省略零值资金": "是", "明细只列名称": "是",
           "零分母比率写法": "100%", "十三小节": "三节", "名词解释版式": "精简", "资产零值简式": "是",
           "调平方法": "末项调平"},
    "S3": {"三公全零简式": "是", "采购零值简式": "是", "资产零值简式": "是", "名词解释版式": "精简"},
}


def test_every_example_is_listed():
    assert EXAMPLES == ["a_jingkai_2024", "b_hanyang_2024", "c_synthetic_2024", "d_carryover_2024"]


@pytest.fixture
def no_charts(monkeypatch):
    import juesuan.render.narrative_blocks as narrative_blocks
    monkeypatch.setattr(narrative_blocks, "chart_pictures", lambda *a, **k: {})


@pytest.mark.parametrize("profile", sorted(SEED_SETTINGS))
@pytest.mark.parametrize("example", EXAMPLES)
def test_example_text_has_no_lint_hit(example, profile, no_charts):
    from juesuan.render.document import build_document
    report = load_example(EXAMPLE_DATA / f"{example}.json")
    report.supp.fields.update(SEED_SETTINGS[profile])
    doc = build_document(report)
    hits = [f.message for f in doc.notes if f.rule == "R-LINT"]
    assert hits == []
    # the same lint, run directly on the blocks, agrees with the render warnings
    keep = doc.figures.opts.keep_zeros
    assert [h.line() for h in lint_blocks(doc.blocks, keep_zeros=keep)] == hits


@pytest.mark.parametrize("text,message", [
    ("年初预算为0万元，支出决算为18万元，完成年初预算的0%。", "比率的分母为0"),
    ("项目全年预算数为0万元，执行数为120万元，完成预算的0%。", "比率的分母为0"),
    ("全年预算为0万元，支出决算为0万元，完成全年预算的100%。", "比率的分母为0"),
    ("政府采购支出总额0万元，授予中小企业合同金额0万元，占政府采购支出总额的0%。", "比率的分母为0"),
    ("政府采购工程支出0万元。工程采购授予中小企业合同金额占工程支出金额的0%。", "比率的分母为0"),
    ("支出合计增加0万元，上升0%。", "零变动"),
    ("项目支出主要用于：职工服务中心4.25万元，主要成效是一是接待来访76人次。", "词语重复"),
    ("主要产出和效益是：一是安排专人入驻。", "词语重复"),
    ("1.职工服务项目项目绩效自评综述：项目全年预算数为7万元。", "项目项目"),
    ("工会业务工作经费70万元，主要成效是主要是保障工作开展。", "主要…是主要"),
    ("全年预算为0万元，支出决算为0万元。较上年持平。", "缺主语"),
    ("支出决算为58.3万元，完成年初预算的97.30%。", "保留了尾零"),
    ("全年预算为0万元，支出决算为0万元，较上年持平。", "应为“与上年持平”"),
    ("收入300万元，与2023年度决算数持平。支出决算为9.6万元，较2023年度持平。", "应为“与上年持平”"),
    ("全年预算为0万元，支出决算为0万元，与全年预算持平，与上年持平。", "两次“持平”"),
    ("本部门组织对2024年度一般公共预算项目支出全面开展绩效自评，共涉及项目7个，资金150.2万元，"
     "占一般公共预算项目支出总额的97.22%。", "写“全面开展”而覆盖率只有97.22%"),
    ("1.职工帮扶项目绩效自评综述：项目全年预算数为15万元，执行数为15万元，完成预算的100%。绩效自评得分为20分。",
     "20分不是百分制得分"),
    ("整体自评综合得分18.5分，整体绩效评价等级为“优秀”。", "18.5分不是百分制得分"),
    ("其中：财政拨款收入300万元万元。", "万元万元"),
    ("主要用于：。", "冒号后直接句号"),
    ("本年支出{{ fund.total }}万元。", "残留模板语法"),
    ("2024年度某局机关运行经费支出118.46万元。主要原因是：压减会议费。", "原因没有所附的比较"),
    ("2024年度收入合计465.38万元，主要原因是压缩开支。", "原因没有所附的比较"),
    ("年初预算为232.12万元，支出决算为218.63万元，完成年初预算的94.19%，支出决算数大于年初预算数的主要原因是增人。",
     "方向与数不符"),
    ("年初预算为30.34万元，支出决算为143.47万元，完成年初预算的472.87%，支出决算数小于年初预算数的主要原因是追加。",
     "方向与数不符"),
    ("与2023年度相比，支出合计增加-5万元，上升-1.2%。", "升降词后写了负数"),
    ("主要用于保障单位的的日常运转。", "的的"),
    ("全年预算为65万元，支出决算为58.3万元，完成全年预算的89.69%。决算数与上年持平的主要原因是更新车辆。",
     "前文没有与上年的比较"),
    ("2024年度某局机关运行经费支出0万元，完成年初预算的100%。", "决算为0万元却写了完成预算的百分比"),
])
def test_each_check_fires(text, message):
    assert any(message in m for m in lint_paragraph(text)), lint_paragraph(text)


@pytest.mark.parametrize("text", [
    "2024年度收、支总计365万元。与2023年度相比，收、支总计各增加15万元，上升4.29%，主要原因：一是年初结转和结余增加；二是其他收入增加。",
    "3.一般公共服务支出（类）群众团体事务（款）其他群众团体事务支出（项）。年初预算为0万元，支出决算为15万元，支出决算数大于年初预算数的主要原因是年中追加经费。",
    "上级补助收入0万元，占本年收入0%；财政拨款收入300万元，占本年收入100%。",
    "完成全年预算的80%，较上年增加25.4万元，上升77.2%。",
    "支出决算为58.3万元，完成全年预算的89.69%，较上年增加25.4万元，上升77.2%。",
    "全年预算为0万元，支出决算为0万元，与全年预算和上年均持平。",
    "本部门组织对2024年度一般公共预算项目支出开展绩效自评，共涉及项目7个，资金150.2万元，占一般公共预算项目支出总额的97.22%。",
    "1.职工帮扶项目绩效自评综述：项目全年预算数为15万元，执行数为15万元，完成预算的100%。绩效自评得分为98分。",
    "1.职工帮扶项目绩效自评综述：项目全年预算数为15万元，执行数为15万元，完成预算的100%。",
    "年初预算为11.48万元，支出决算为0万元，完成年初预算的0%，支出决算数小于年初预算数的主要原因是财政收回指标。",
    "机关运行经费支出35万元，比年初预算数减少5万元，下降12.5%。主要原因是：部分活动合并举办。",
])
def test_good_sentences_pass(text):
    assert lint_paragraph(text) == []


def test_kept_trailing_zeros_mean_one_precision_per_sentence():
    """设置 S02 百分比保留尾零 = 是: 77.20% beside 89.69% is right, 77.2% beside 89.69% is not."""
    assert lint_paragraph("完成全年预算的89.69%，较上年增加25.4万元，上升77.20%。", keep_zeros=True) == []
    assert any("小数位数不一致" in m for m in
               lint_paragraph("完成全年预算的89.69%，较上年增加25.4万元，上升77.2%。", keep_zeros=True))
    assert lint_paragraph("完成年初预算的97.30%。", keep_zeros=True) == []


def test_report_wide_checks():
    """Checks across 第三部分: a claim that every project went as planned beside one far from its
    budget (the claim in 十三（一）, the rate in 十三（三）); 部门决算 and 单位决算 in one report."""
    from juesuan.render.lint import lint_report
    claim = "根据预算绩效管理要求，本部门组织对2024年度一般公共预算项目支出开展绩效自评。从评价情况来看，各项目均按计划完成。"
    low = "2.送温暖活动项目绩效自评综述：项目全年预算数为12万元，执行数为7万元，完成预算的58.33%。"
    fine = "1.职工帮扶项目绩效自评综述：项目全年预算数为15万元，执行数为15万元，完成预算的100%。"
    assert any("各项目均按计划完成" in m and "58.33%" in m for m in lint_report([claim, fine, low]))
    assert lint_report([claim, fine]) == []
    assert any("口径不一致" in m for m in lint_report(["本单位在2024年度部门决算中反映所有项目绩效自评结果。"],
                                                       ["2024年度单位决算"]))
    assert lint_report(["本部门在2024年度部门决算中反映所有项目绩效自评结果。"],
                       ["武汉市汉阳区总工会本级决算和1个下属单位决算组成。"]) == []


def test_share_groups():
    good = ["其中：财政拨款收入300万元，占本年收入93.75%；其他收入20万元，占本年收入6.25%。"]
    assert lint_shares(good) == []
    inverted = ["3.卫生健康（类）支出27.74万元，占6%。", "5.住房保障（类）支出27.85万元，占5.9%。",
                "1.一般公共服务（类）支出362.1万元，占77.8%。", "2.社会保障和就业（类）支出42.69万元，占9.2%。",
                "4.农林水（类）支出5万元，占1.1%。"]
    assert any("顺序颠倒" in m for m in lint_shares(inverted))
    assert any("之和不是100%" in m for m in lint_shares(good[:0] + ["A10万元，占本年支出60%；B5万元，占本年支出30%。"]))
    assert any("不一致" in m for m in lint_shares(["A10万元，占50.01%；B10万元，占49.99%。"]))


def test_empty_goal_line_in_a_table_cell():
    assert lint_text("年度绩效目标1：") == ["绩效目标为空"]
    assert lint_text("年度绩效目标1：（80分）") == ["绩效目标为空"]
    assert lint_text("年度绩效目标1：（80分）保障机关正常运转") == []


def test_hit_quotes_the_text_around_the_problem():
    from juesuan.render.lint import lint_section
    text = "2024年度某单位" + "支出情况良好，" * 12 + "主要成效是一是接待来访。"
    [hit] = lint_section("s05_3", [text])
    assert "主要成效是一是" in hit.line() and hit.line().startswith("s05_3：词语重复")


def test_render_warns_with_the_section(no_charts):
    from juesuan.render.document import build_document
    report = load_example(EXAMPLE_DATA / "d_carryover_2024.json")
    report.supp.lists["U02"][1].values["effect"] = "主要是保障工作{{ x }}。。"
    doc = build_document(report)
    hits = [f for f in doc.notes if f.rule == "R-LINT"]
    assert hits and all(f.severity == "警告" for f in hits)
    assert all(f.message.startswith("第三部分“（三）一般公共预算财政拨款支出决算具体情况”：") for f in hits)
    assert any("残留模板语法" in f.message for f in hits)


# Every 设置 that changes the wording of 第三部分 (sheet 设置, docs/WORKBOOK.md): a setting may choose a wording, never an
# ungrammatical or meaningless one.
WORDING_SETTINGS = ("百分比小数位", "百分比保留尾零", "金额固定两位", "升降词风格", "收支总计措辞", "收支项目列举",
                    "省略零值资金", "五三粒度", "五三写占比", "零分母比率写法", "明细只列名称", "三公车辆用语",
                    "三公全零简式", "采购零值简式", "资产零值简式", "空表附数值句", "含第十四节", "十三小节", "节序",
                    "调平方法")
_REPORTS: dict[str, object] = {}


def _part3_hits(example: str, settings: dict) -> list[str]:
    import copy
    from juesuan.render.lint import lint_section
    if example not in _REPORTS:
        _REPORTS[example] = load_example(EXAMPLE_DATA / f"{example}.json")
    report = copy.deepcopy(_REPORTS[example])
    report.supp.fields.update(settings)
    from juesuan.render.narrative import build_part3
    keep = report.settings.keep_zeros
    return [h.line() for s in build_part3(report) for h in lint_section(s.id, s.paragraphs, keep)]


def _one_setting_at_a_time():
    from juesuan.spec.supplement import FIELDS
    for name in WORDING_SETTINGS:
        for value in FIELDS[name].choices:
            yield name, value


@pytest.mark.parametrize("name,value", list(_one_setting_at_a_time()))
def test_every_setting_value_reads_well_on_every_example(name, value):
    for example in EXAMPLES:
        assert _part3_hits(example, {name: value}) == [], (example, name, value)


def test_random_setting_combinations_read_well():
    from hypothesis import given, settings as hsettings, strategies as st
    from juesuan.spec.supplement import FIELDS
    combos = st.fixed_dictionaries({name: st.sampled_from(FIELDS[name].choices) for name in WORDING_SETTINGS})

    @hsettings(max_examples=25, deadline=None, derandomize=True)
    @given(st.sampled_from(EXAMPLES), combos)
    def check(example, chosen):
        assert _part3_hits(example, chosen) == [], (example, chosen)
    check()
