"""The 设置 are typed once (juesuan.spec.settings): defaults, options, and a value outside the list
reported (S-22) instead of silently taking an else branch."""
from __future__ import annotations

import json
from decimal import Decimal

import pytest
from conftest import EXAMPLE_DATA

from juesuan.checks import run_checks
from juesuan.maintenance.examples import report_from_data
from juesuan.model.report import Report
from juesuan.spec.settings import SettingError, _option, read_settings
from juesuan.spec.supplement import SETTINGS


def test_blank_settings_are_the_documented_defaults():
    s = read_settings({})
    assert s.texts == {f.id: str(f.default) for f in SETTINGS.fields}
    assert (s.places, s.thousands, s.terms_brief, s.order_2020, s.strict, s.threshold) == (2, False, False, False, False, 5)
    assert s.invalid == ()


def test_options_become_typed_answers():
    s = read_settings({"名词解释版式": "精简", "表格千分位": "是", "百分比小数位": 1, "节序": "2020版",
                       "三公车辆用语": "运行费", "调平方法": "末项调平", "偏差阈值": Decimal("8.50")})
    assert s.terms_brief and s.thousands and s.places == 1 and s.order_2020 and s.car_run and not s.car_full
    assert s.balance_last and s.threshold == Decimal("8.50") and s.text("百分比小数位") == "1"


def test_a_misspelt_option_is_recorded_and_reported_not_silently_defaulted():
    s = read_settings({"名词解释版式": "精減", "偏差阈值": -5})
    assert not s.terms_brief and s.threshold == 5
    assert s.invalid == (("偏差阈值", "-5"), ("名词解释版式", "精減"))
    data = json.loads((EXAMPLE_DATA / "c_synthetic_2024.json").read_text(encoding="utf-8"))
    data["fields"]["名词解释版式"] = "精減"
    found = [f for f in run_checks(report_from_data(data)) if f.rule == "S-22"]
    assert len(found) == 1 and "名词解释版式" in found[0].message and "精減" in found[0].message, found


def test_the_code_cannot_name_an_option_that_does_not_exist():
    assert _option("名词解释版式", "精简") == "精简"
    with pytest.raises(SettingError, match="精減"):
        _option("名词解释版式", "精減")
    s = read_settings({})
    assert s.matches({"十三小节": "四节"}) and not s.matches({"十三小节": "三节"})
    with pytest.raises(SettingError, match="五节"):
        s.matches({"十三小节": "五节"})  # a typo in sections.json is said, not a section silently dropped
    with pytest.raises(SettingError, match="十三节"):
        s.matches({"十三节": "四节"})


def test_the_report_reads_its_settings_once_and_again_only_after_a_change():
    report = Report()
    first = report.settings
    assert report.settings is first
    report.supp.fields["名词解释版式"] = "精简"
    assert report.settings is not first and report.settings.terms_brief


def test_a_misspelt_option_in_sections_json_is_a_template_problem():
    from juesuan.render.narrative import _selected
    from juesuan.templating.env import TemplateProblem
    with pytest.raises(TemplateProblem, match="sections.json.*五节"):
        _selected({"id": "s13_1", "when": {"十三小节": "五节"}}, Report())
