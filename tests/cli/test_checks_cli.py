"""make-report check on a faulty workbook, exact output (CliRunner, as sqlite-utils tests its CLI).

The workbook is example (a), the 经开区 tables as published; its findings are listed and
explained in test_checks_examples.py.
"""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from juesuan_cli.main import cli

from juesuan.maintenance.examples import report_from_data
from juesuan.workbooks.writer import write_workbook


@pytest.fixture(scope="module")
def workbook_a(tmp_path_factory, examples):
    data = json.loads((examples / "data" / "a_jingkai_2024.json").read_text(encoding="utf-8"))
    return write_workbook(tmp_path_factory.mktemp("cli") / "a.xlsx", report_from_data(data))


EXPECTED_HUMAN = """\

【公开02表】
  [警告] 公开02表!B18：公开02表科目 2210202 的名称为“房租补贴”，公开03表为“提租补贴”，2024年科目中为“提租补贴”；同一科目各表名称应相同。（X-6）
      处理：请统一为“提租补贴”；正文使用字典名称
      规则：表2、表3、表5 科目一致

【公开05表】
  [错误] 公开05表!A16：公开05表科目 2101119 在公开03表中没有；公开03表的 2101199 在公开05表中没有，两者只差一位，疑为同一科目的编码写错。（X-6）
      处理：请核对公开05表该行编码（是否应为 2101199）
      规则：表2、表3、表5 科目一致
      对照：公开03表!A16
  [提示] 公开05表!A16：公开05表科目 2101119 字典未收录；其他表中的 2101199（其他行政事业单位医疗支出）只差一位，可能是它。（C-4）
      处理：请核对编码是否应为 2101199
      规则：科目编码在字典中

【年初预算】
  [警告] 年初预算!C3：B01“一般公共预算财政拨款支出年初预算合计”为 453.61，“项级预算”各行年初预算数之和为 453.59，相差 0.02。（S-1）
      处理：请核对“年初预算”B01 与“项级预算”各行
      数值：应为 453.59，实际 453.61，差额 +0.02
      规则：年初预算合计 = 项级年初预算之和
      对照：项级预算!C3:C13

【项级预算】
  [警告] 项级预算!D10：第五节（三）科目 2101103“公务员医疗补助”年初预算 19.83，决算 18.22，完成年初预算的 91.88%，偏离 100% 达 8.12 个百分点（阈值 5），应写差异原因，但“项级预算”该行的原因未填。（S-8）
      处理：请在 项级预算!D10 填写“决算与年初预算差异原因”；不填则正文省去原因分句
      规则：应写的主要原因
  [警告] 项级预算!D12：第五节（三）科目 2210201“住房公积金”年初预算 16.58，决算 15.07，完成年初预算的 90.89%，偏离 100% 达 9.11 个百分点（阈值 5），应写差异原因，但“项级预算”该行的原因未填。（S-8）
      处理：请在 项级预算!D12 填写“决算与年初预算差异原因”；不填则正文省去原因分句
      规则：应写的主要原因

【绩效】
  [警告] 绩效!C10：绩效“整体自评综述”（E08）未填。（S-11）
      处理：请在 绩效!C10 填写“整体自评综述”
      规则：必填项

【尾数误差】（由元换算为万元逐格四舍五入所致，可以不改；其中的数按上面各处改正后计算）
  [警告] 公开03表!D7：公开03表合计行“基本支出”为 249.51，各项之和为 249.50，相差 0.01，属尾数误差。（T03-2）
      处理：差额在尾数误差范围内（由元换算为万元逐格四舍五入所致），可以不改；如需一致，请把 公开03表!D7 改为 249.50
      数值：应为 249.50，实际 249.51，差额 +0.01
      规则：表3合计行 = 各类（或各项）之和
      对照：公开03表!D8:D18
      相关：T03-1：公开03表合计行栏1“本年支出合计” 397.33，栏2＋栏3＋栏4＋栏5＋栏6 397.34（公开03表!C7:H7）
  [警告] 公开05表!D7：公开05表合计行“基本支出”为 249.51，各项之和为 249.50，相差 0.01，属尾数误差。（T05-2）
      处理：差额在尾数误差范围内（由元换算为万元逐格四舍五入所致），可以不改；如需一致，请把 公开05表!D7 改为 249.50
      数值：应为 249.50，实际 249.51，差额 +0.01
      规则：表5合计行 = 各类（或各项）之和
      对照：公开05表!D8:D18
      相关：T05-1：公开05表合计行栏1“小计” 397.33，栏2＋栏3 397.34（公开05表!C7:E7）
      相关：X-11：公开05表合计行栏2“基本支出” 249.51，公开06表“人员经费合计”＋“公用经费合计” 249.50（公开05表!D7、公开06表!C34、公开06表!I34）
  [警告] 公开06表!C6：公开06表301“工资福利支出”为 182.76，其下各款之和为 182.77，相差 0.01，属尾数误差。（T06-1）
      处理：差额在尾数误差范围内（由元换算为万元逐格四舍五入所致），可以不改；如需一致，请把 公开06表!C6 改为 182.77
      影响：公开06表!C34（“人员经费合计”）：213.20 → 213.21（由本格算出，含同一差额）
      数值：应为 182.77，实际 182.76，差额 -0.01
      规则：表6 经济分类类 = Σ 其款
      对照：公开06表!C7:C19
  [警告] 公开06表!F6：公开06表302“商品和服务支出”为 35.59，其下各款之和为 35.60，相差 0.01，属尾数误差。（T06-1）
      处理：差额在尾数误差范围内（由元换算为万元逐格四舍五入所致），可以不改；如需一致，请把 公开06表!F6 改为 35.60
      影响：公开06表!I34（“公用经费合计”）：36.30 → 36.31（由本格算出，含同一差额）
      数值：应为 35.60，实际 35.59，差额 -0.01
      规则：表6 经济分类类 = Σ 其款
      对照：公开06表!F7:F33

审核完成：错误 1 个，警告 9 个，提示 1 个。有错误，不能生成报告，请先改正错误。
"""

EXPECTED_JSON = """\
{
  "file": "__FILE__",
  "readable": true,
  "fatal": null,
  "errors": 1,
  "warnings": 9,
  "infos": 1,
  "findings": [
    {
      "rule": "X-6",
      "severity": "警告",
      "title": "表2、表3、表5 科目一致",
      "cells": [
        "公开02表!B18"
      ],
      "cell": "公开02表!B18",
      "expected": null,
      "actual": null,
      "difference": null,
      "message": "公开02表科目 2210202 的名称为“房租补贴”，公开03表为“提租补贴”，2024年科目中为“提租补贴”；同一科目各表名称应相同。",
      "hint": "请统一为“提租补贴”；正文使用字典名称",
      "related": [],
      "candidates": [],
      "also": [],
      "affects": [],
      "group": "current"
    },
    {
      "rule": "X-6",
      "severity": "错误",
      "title": "表2、表3、表5 科目一致",
      "cells": [
        "公开05表!A16",
        "公开03表!A16"
      ],
      "cell": "公开05表!A16",
      "expected": null,
      "actual": null,
      "difference": null,
      "message": "公开05表科目 2101119 在公开03表中没有；公开03表的 2101199 在公开05表中没有，两者只差一位，疑为同一科目的编码写错。",
      "hint": "请核对公开05表该行编码（是否应为 2101199）",
      "related": [],
      "candidates": [],
      "also": [],
      "affects": [],
      "group": "current"
    },
    {
      "rule": "C-4",
      "severity": "提示",
      "title": "科目编码在字典中",
      "cells": [
        "公开05表!A16"
      ],
      "cell": "公开05表!A16",
      "expected": null,
      "actual": null,
      "difference": null,
      "message": "公开05表科目 2101119 字典未收录；其他表中的 2101199（其他行政事业单位医疗支出）只差一位，可能是它。",
      "hint": "请核对编码是否应为 2101199",
      "related": [],
      "candidates": [],
      "also": [],
      "affects": [],
      "group": "current"
    },
    {
      "rule": "S-1",
      "severity": "警告",
      "title": "年初预算合计 = 项级年初预算之和",
      "cells": [
        "年初预算!C3",
        "项级预算!C3:C13"
      ],
      "cell": "年初预算!C3",
      "expected": "453.59",
      "actual": "453.61",
      "difference": "0.02",
      "message": "B01“一般公共预算财政拨款支出年初预算合计”为 453.61，“项级预算”各行年初预算数之和为 453.59，相差 0.02。",
      "hint": "请核对“年初预算”B01 与“项级预算”各行",
      "related": [],
      "candidates": [],
      "also": [],
      "affects": [],
      "group": "current"
    },
    {
      "rule": "S-8",
      "severity": "警告",
      "title": "应写的主要原因",
      "cells": [
        "项级预算!D10"
      ],
      "cell": "项级预算!D10",
      "expected": null,
      "actual": null,
      "difference": null,
      "message": "第五节（三）科目 2101103“公务员医疗补助”年初预算 19.83，决算 18.22，完成年初预算的 91.88%，偏离 100% 达 8.12 个百分点（阈值 5），应写差异原因，但“项级预算”该行的原因未填。",
      "hint": "请在 项级预算!D10 填写“决算与年初预算差异原因”；不填则正文省去原因分句",
      "related": [],
      "candidates": [],
      "also": [],
      "affects": [],
      "group": "current"
    },
    {
      "rule": "S-8",
      "severity": "警告",
      "title": "应写的主要原因",
      "cells": [
        "项级预算!D12"
      ],
      "cell": "项级预算!D12",
      "expected": null,
      "actual": null,
      "difference": null,
      "message": "第五节（三）科目 2210201“住房公积金”年初预算 16.58，决算 15.07，完成年初预算的 90.89%，偏离 100% 达 9.11 个百分点（阈值 5），应写差异原因，但“项级预算”该行的原因未填。",
      "hint": "请在 项级预算!D12 填写“决算与年初预算差异原因”；不填则正文省去原因分句",
      "related": [],
      "candidates": [],
      "also": [],
      "affects": [],
      "group": "current"
    },
    {
      "rule": "S-11",
      "severity": "警告",
      "title": "必填项",
      "cells": [
        "绩效!C10"
      ],
      "cell": "绩效!C10",
      "expected": null,
      "actual": null,
      "difference": null,
      "message": "绩效“整体自评综述”（E08）未填。",
      "hint": "请在 绩效!C10 填写“整体自评综述”",
      "related": [],
      "candidates": [],
      "also": [],
      "affects": [],
      "group": "current"
    },
    {
      "rule": "T03-2",
      "severity": "警告",
      "title": "表3合计行 = 各类（或各项）之和",
      "cells": [
        "公开03表!D7",
        "公开03表!D8:D18"
      ],
      "cell": "公开03表!D7",
      "expected": "249.50",
      "actual": "249.51",
      "difference": "0.01",
      "message": "公开03表合计行“基本支出”为 249.51，各项之和为 249.50，相差 0.01，属尾数误差。",
      "hint": "差额在尾数误差范围内（由元换算为万元逐格四舍五入所致），可以不改；如需一致，请把 公开03表!D7 改为 249.50",
      "related": [
        "T03-1：公开03表合计行栏1“本年支出合计” 397.33，栏2＋栏3＋栏4＋栏5＋栏6 397.34（公开03表!C7:H7）"
      ],
      "candidates": [],
      "also": [],
      "affects": [],
      "group": "rounding"
    },
    {
      "rule": "T05-2",
      "severity": "警告",
      "title": "表5合计行 = 各类（或各项）之和",
      "cells": [
        "公开05表!D7",
        "公开05表!D8:D18"
      ],
      "cell": "公开05表!D7",
      "expected": "249.50",
      "actual": "249.51",
      "difference": "0.01",
      "message": "公开05表合计行“基本支出”为 249.51，各项之和为 249.50，相差 0.01，属尾数误差。",
      "hint": "差额在尾数误差范围内（由元换算为万元逐格四舍五入所致），可以不改；如需一致，请把 公开05表!D7 改为 249.50",
      "related": [
        "T05-1：公开05表合计行栏1“小计” 397.33，栏2＋栏3 397.34（公开05表!C7:E7）",
        "X-11：公开05表合计行栏2“基本支出” 249.51，公开06表“人员经费合计”＋“公用经费合计” 249.50（公开05表!D7、公开06表!C34、公开06表!I34）"
      ],
      "candidates": [],
      "also": [],
      "affects": [],
      "group": "rounding"
    },
    {
      "rule": "T06-1",
      "severity": "警告",
      "title": "表6 经济分类类 = Σ 其款",
      "cells": [
        "公开06表!C6",
        "公开06表!C7:C19"
      ],
      "cell": "公开06表!C6",
      "expected": "182.77",
      "actual": "182.76",
      "difference": "-0.01",
      "message": "公开06表301“工资福利支出”为 182.76，其下各款之和为 182.77，相差 0.01，属尾数误差。",
      "hint": "差额在尾数误差范围内（由元换算为万元逐格四舍五入所致），可以不改；如需一致，请把 公开06表!C6 改为 182.77",
      "related": [],
      "candidates": [],
      "also": [],
      "affects": [
        "公开06表!C34（“人员经费合计”）：213.20 → 213.21（由本格算出，含同一差额）"
      ],
      "group": "rounding"
    },
    {
      "rule": "T06-1",
      "severity": "警告",
      "title": "表6 经济分类类 = Σ 其款",
      "cells": [
        "公开06表!F6",
        "公开06表!F7:F33"
      ],
      "cell": "公开06表!F6",
      "expected": "35.60",
      "actual": "35.59",
      "difference": "-0.01",
      "message": "公开06表302“商品和服务支出”为 35.59，其下各款之和为 35.60，相差 0.01，属尾数误差。",
      "hint": "差额在尾数误差范围内（由元换算为万元逐格四舍五入所致），可以不改；如需一致，请把 公开06表!F6 改为 35.60",
      "related": [],
      "candidates": [],
      "also": [],
      "affects": [
        "公开06表!I34（“公用经费合计”）：36.30 → 36.31（由本格算出，含同一差额）"
      ],
      "group": "rounding"
    }
  ]
}
"""


def test_check_prints_findings_grouped_by_sheet_sorted_by_cell(workbook_a):
    result = CliRunner().invoke(cli, ["check", str(workbook_a)])
    assert result.exit_code == 1
    assert result.output == EXPECTED_HUMAN


def test_check_json_prints_the_same_records(workbook_a):
    result = CliRunner().invoke(cli, ["check", "--json", str(workbook_a)])
    assert result.exit_code == 1
    assert result.output == EXPECTED_JSON.replace("__FILE__", str(workbook_a))
    payload = json.loads(result.output)
    assert [f["rule"] for f in payload["findings"]] == [  # 尾数误差 last, after everything to correct
        "X-6", "X-6", "C-4", "S-1", "S-8", "S-8", "S-11", "T03-2", "T05-2", "T06-1", "T06-1"]
    assert [f["group"] for f in payload["findings"]] == ["current"] * 7 + ["rounding"] * 4


def test_exit_codes(tmp_path, examples):
    data = json.loads((examples / "data" / "c_synthetic_2024.json").read_text(encoding="utf-8"))
    clean = write_workbook(tmp_path / "c.xlsx", report_from_data(data))
    ok = CliRunner().invoke(cli, ["check", str(clean)])
    assert ok.exit_code == 0, ok.output
    assert ok.output == "审核完成：错误 0 个，警告 0 个，提示 0 个。没有发现问题。\n"
    assert json.loads(CliRunner().invoke(cli, ["check", "--json", str(clean)]).output)["findings"] == []
    missing = CliRunner().invoke(cli, ["check", str(tmp_path / "没有这个文件.xlsx")])
    assert missing.exit_code == 2 and "Traceback" not in missing.output
    not_xlsx = tmp_path / "x.xlsx"
    not_xlsx.write_text("不是工作簿", encoding="utf-8")
    bad = CliRunner().invoke(cli, ["check", "--json", str(not_xlsx)])
    assert bad.exit_code == 2 and json.loads(bad.output)["readable"] is False
    assert CliRunner().invoke(cli, ["check"]).exit_code == 2


def test_rules_are_listed_with_their_formulas():
    from juesuan.checks import RULES
    result = CliRunner().invoke(cli, ["check", "--rules"])
    assert result.exit_code == 0
    for rid, rule in RULES.items():
        assert f"  {rid:<6} [{rule.severity}] {rule.title}\n         {rule.formula}\n" in result.output
    assert result.output.index("T01-1") < result.output.index("X-1") < result.output.index("C-1") \
        < result.output.index("S-1")
