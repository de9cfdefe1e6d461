"""make-report audit on a published report: seed 003 (tests/golden/audit/seed003.txt) against example (a),
whose workbook holds that report's tables as published.  The expected findings were written by hand
from the seed and the tables before the program existed (tests/golden/audit/seed003.md / .json)."""
from __future__ import annotations

import json
from decimal import Decimal

import pytest
from click.testing import CliRunner
from conftest import EXAMPLES, GOLDEN

from juesuan.audit import audit_report

AUDIT_GOLDEN = GOLDEN / "audit"
SEED = AUDIT_GOLDEN / "seed003.txt"
WORKBOOK = EXAMPLES / "a_jingkai_2024.xlsx"


@pytest.fixture(scope="module")
def result():
    return audit_report(SEED, WORKBOOK)


@pytest.fixture(scope="module")
def expected():
    return json.loads((AUDIT_GOLDEN / "seed003.json").read_text(encoding="utf-8"))


def _key(section: str, claimed: str) -> tuple[str, Decimal]:
    return section, Decimal(claimed)


def test_contradictions_are_the_hand_written_list(result, expected):
    found = {_key(v.claim.section, str(v.claim.value)): v for v in result.contradictions}
    wanted = {_key(e["section"] if not e["section"].startswith("s13") else "s13", e["claimed"]): e
              for e in expected["contradictions"]}
    assert set(found) == set(wanted)
    for key, e in wanted.items():
        v = found[key]
        assert e["quote"] in v.claim.sentence, (e["quote"], v.claim.sentence)
        assert Decimal(v.correct.rstrip("%万元")) == Decimal(e["correct"]), (e, v.correct)
        assert v.claim.kind == e["kind"]


def test_tail_differences_are_listed_not_counted(result, expected):
    tails = [(v.claim.section, v.claim.value, v.correct) for v in result.of("尾数")]
    assert tails == [(e["section"], Decimal(e["claimed"]), e["correct"] + "万元") for e in expected["tail"]]


def test_wrong_base_diagnosis_and_cells(result):
    by = {(v.claim.section, str(v.claim.value)): v for v in result.contradictions}
    share = by[("s13", "37.20")]
    assert share.note == "37.20% = 147.83 ÷ 397.33（本年支出合计），应除以一般公共预算项目支出 147.83，为 100%"
    assert share.slot.cell == "绩效!C4 ÷ 公开05表!E7"
    assert by[("s06", "36.60")].slot.cell == "公开06表!I34"
    assert by[("s05_3", "1.78")].note == "与 公开03表!C16 一致：请核对公开05表是否有误"  # the table's misprint
    assert "7.6336" in by[("s10", "9.29")].note  # 3 ÷ 39.30, no figure of the report makes 9.29%


def test_summary_numbers(result):
    s = result.summary()
    assert (s["contradicted"], s["tail"], s["unmatched"]) == (7, 1, 0)
    assert s["claims"] == s["verified"] + s["contradicted"] + s["unmatched"]
    assert s["claims"] >= 130
    assert result.workbook_errors >= 1  # the 2101119 code misprint: two contradictions come from the table
    # 九: 0 ÷ 0 printed as 0.00% is accepted (零分母比率写法) and said so
    zero = [v for v in result.verdicts if v.claim.section.startswith("s09") and v.claim.kind == "completion"]
    assert len(zero) == 4 and all(v.status == "正确" and "分母为0" in v.note for v in zero)


def test_cli_output_and_exit_codes(tmp_path):
    from juesuan_cli.main import cli
    runner = CliRunner()
    done = runner.invoke(cli, ["audit", str(SEED), str(WORKBOOK)])
    assert done.exit_code == 1
    assert "【矛盾】" in done.output and "完成预算的96.73%" in done.output
    assert "核对完成（依据：工作簿）：" in done.output and "数字矛盾 7 个，未匹配 0 个" in done.output
    # the published text's own slip (「其中：预算预算执行情况」) is named, with its words
    assert "“预算”连写两次" in done.output
    assert "Traceback" not in done.output

    done = runner.invoke(cli, ["audit", str(SEED), str(WORKBOOK), "--json"])
    assert done.exit_code == 1
    data = json.loads(done.output)
    assert data["summary"]["contradicted"] == 7 and data["readable"] is True
    wrong = [c for c in data["claims"] if c["status"] == "矛盾"]
    assert {c["claimed"] for c in wrong} >= {"96.81%", "36.60元", "9.29%", "37.20%", "96.73%"}
    assert all(c["cell"] and c["sentence"] and c["correct"] for c in wrong)

    missing = tmp_path / "没有.docx"
    done = runner.invoke(cli, ["audit", str(missing), str(WORKBOOK)])
    assert done.exit_code == 2 and "报告文件不存在" in done.output

    bad = tmp_path / "坏.docx"
    bad.write_bytes(b"PK\x03\x04 broken")
    done = runner.invoke(cli, ["audit", str(bad), str(WORKBOOK), "--json"])
    assert done.exit_code == 2 and json.loads(done.output)["readable"] is False

    done = runner.invoke(cli, ["audit", str(SEED), str(tmp_path / "无.xlsx")])
    assert done.exit_code == 2 and "工作簿无法读取" in done.output

    other = tmp_path / "其他.txt"
    other.write_text("这是一份会议纪要，没有决算说明。", encoding="utf-8")
    done = runner.invoke(cli, ["audit", str(other), str(WORKBOOK)])
    assert done.exit_code == 2 and "没有找到第三部分" in done.output


def test_cli_help_is_chinese():
    from juesuan_cli.main import cli
    done = CliRunner().invoke(cli, ["audit", "--help"])
    assert done.exit_code == 0 and "核对" in done.output and "退出码" in done.output


def test_seed002_layout_against_example_b():
    """Seed 002 (published 汉阳区总工会 2024, copied to tests/golden/audit/seed002.txt) is the text example (b)
    was rebuilt from, so its figures agree with (b); what this checks is reading a hand-made layout: items whose
    科目 title ends its line, figures split over page breaks (「360.05万\\n元」), 收、支总计均为, 三节 十三."""
    result = audit_report(AUDIT_GOLDEN / "seed002.txt", EXAMPLES / "b_hanyang_2024.xlsx")
    s = result.summary()
    assert (s["contradicted"], s["unmatched"]) == (0, 0)
    assert s["claims"] >= 130
    items = [v for v in result.verdicts if v.claim.section == "s05_3" and v.slot and ".2012901." in v.slot.key + "."]
    assert [v.claim.raw for v in items] == ["232.12万元", "218.63万元", "94.2%"]


def test_cli_all_lists_the_agreeing_claims_too():
    from juesuan_cli.main import cli
    done = CliRunner().invoke(cli, ["audit", str(SEED), str(WORKBOOK), "--all"])
    assert done.exit_code == 1
    assert "【一致】" in done.output
    assert "写的是 397.33万元（收、支总计），应为 397.33万元；来源：公开01表!" in done.output
