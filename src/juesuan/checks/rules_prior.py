"""S-16: 上年数 against last year's workbook (``make-report check X.xlsx --prior 上年.xlsx``).

Not part of the ordinary pipeline (it needs a second workbook); the comparison itself is in
:func:`juesuan.workbooks.next_year.prior_findings`.  Registered here so that the rule list shows it.
"""
from __future__ import annotations

from juesuan.model.findings import WARNING
from juesuan.checks.registry import define

define("S-16", "上年数与上年工作簿一致", "上年数 P01–P12 = 上年工作簿的对应数（表1 总计 … 机关运行经费；仅 check --prior）",
       WARNING, "上年数{label}（{fid}）为 {now}，上年工作簿“{old}”的{source}为 {last}，两者不一致。",
       group="补充", variants={
           "missing": "上年数{label}（{fid}）未填，上年工作簿“{old}”的{source}为 {last}。",
           "year": "上年工作簿“{old}”的年度为 {old_year}，本工作簿为 {year}，不是相邻的两年。",
           "year_hint": "请核对 --prior 指定的是不是上一年的工作簿",
       })
