"""A tiny, fully consistent department used by reader/writer tests (not an example workbook)."""
from __future__ import annotations

import copy

MINI = {
    "tables": {
        "T01": {"variant": "A", "values": {
            "inc_gpb": "120.50", "inc_other": "10", "inc_total": "130.50", "inc_grand": "130.50",
            "c201": "100.50", "c208": "30", "exp_total": "130.50", "exp_grand": "130.50"}},
        "T02": {"total": ["130.50", "120.50", None, None, None, None, "10"], "rows": [
            ["201", "一般公共服务支出", "100.50", "90.50", None, None, None, None, "10"],
            ["20129", "群众团体事务", "100.50", "90.50", None, None, None, None, "10"],
            ["2012901", "行政运行", "100.50", "90.50", None, None, None, None, "10"],
            ["208", "社会保障和就业支出", "30", "30", None, None, None, None, None],
            ["20805", "行政事业单位养老支出", "30", "30", None, None, None, None, None],
            ["2080505", "机关事业单位基本养老保险缴费支出", "30", "30", None, None, None, None, None]]},
        "T03": {"total": ["130.50", "110.50", "20"], "rows": [
            ["201", "一般公共服务支出", "100.50", "80.50", "20"],
            ["20129", "群众团体事务", "100.50", "80.50", "20"],
            ["2012901", "行政运行", "100.50", "80.50", "20"],
            ["208", "社会保障和就业支出", "30", "30", None],
            ["20805", "行政事业单位养老支出", "30", "30", None],
            ["2080505", "机关事业单位基本养老保险缴费支出", "30", "30", None]]},
        "T04": {"values": {"f_gpb": "120.50", "f_inc_total": "120.50", "f_inc_grand": "120.50",
                           "c201": {"total": "90.50", "gpb": "90.50"}, "c208": {"total": "30", "gpb": "30"},
                           "f_exp_total": {"total": "120.50", "gpb": "120.50"},
                           "f_exp_grand": {"total": "120.50", "gpb": "120.50"}}},
        "T05": {"total": ["120.50", "100.50", "20"], "rows": [
            ["201", "一般公共服务支出", "90.50", "70.50", "20"],
            ["20129", "群众团体事务", "90.50", "70.50", "20"],
            ["2012901", "行政运行", "90.50", "70.50", "20"],
            ["208", "社会保障和就业支出", "30", "30", None],
            ["20805", "行政事业单位养老支出", "30", "30", None],
            ["2080505", "机关事业单位基本养老保险缴费支出", "30", "30", None]]},
        "T06": {"values": {"301": "90", "30101": "60", "30108": "30", "302": "10.50", "30201": "10.50"},
                "personnel_total": "90", "public_total": "10.50"},
        "T09": [None] * 12,
    },
    "fields": {"G01": "测试区总工会", "G03": 2024, "G04": "部门决算", "G06": "区级", "G07": "行政单位", "G11": 0,
               "P01": "100", "R01": "人员增加"},
    "lists": {"G10": [{"text": "负责全区工会工作。"}], "G12": [{"name": "测试区总工会（本级）"}],
              "B02": [{"code": "2012901", "budget": "95", "reason": "第一条\n第二条"}]},
}


def mini() -> dict:
    return copy.deepcopy(MINI)


def complete(data: dict) -> dict:
    """mini() plus the supplementary inputs the text needs, so that only table rules speak."""
    data["fields"].update({
        "P01": "130.50", "P02": "130.50", "P03": "130.50", "P04": "120.50", "P05": "120.50", "P06": "0", "P07": "0",
        "P08": "120.50", **{f"P09-{i}": "0" for i in range(1, 6)}, "B01": "120.50", "B03": "10.50",
        "E03": "完成", "E06": "90", "E08": "良好", "E12": "应用",
        **{f"N{i:02d}": "0" for i in range(2, 12)}, **{f"C0{i}": "0" for i in range(1, 9)},
        **{f"A0{i}": "0" for i in range(1, 10)}})
    data["lists"]["B02"] = [{"code": "2012901", "budget": "90.50", "reason": "x"},
                            {"code": "2080505", "budget": "30"}]
    data["lists"]["U02"] = [{"name": "项目", "amount": "20", "effect": "成效"}]
    data["lists"]["E10"] = [{"name": "项目", "budget": "20", "spent": "20", "output": "产出"}]
    data["lists"]["X"] = [{"owner": owner, "level1": "产出指标", "level2": "数量指标", "level3": "完成事项",
                           "target": "1项", "actual": "1项"} for owner in ("整体", "项目")]
    return data
