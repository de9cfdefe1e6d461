"""Rebuild the example workbooks from example_inputs/data/*.json.

    python example_inputs/build_examples.py

Run it after the standard workbook layout changes; the .xlsx files are committed so that a
fresh clone can render them without running anything first.
"""
from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

EXAMPLES = {
    "a_jingkai_2024": "武汉经济技术开发区总工会 2024 单位决算（公开表照原样，含尾差与编码错误）",
    "b_hanyang_2024": "武汉市汉阳区总工会 2024 部门决算（按说明文字重建的表）",
    "c_synthetic_2024": "合成示例：基金、国资、三公、下属单位、结转结余俱全",
    "d_carryover_2024": "合成示例：表1、表4 结转结余，年初预算为0的项，名称以“项目”结尾的项目，以“一是”开头的原因",
}


def build(names: list[str] | None = None, out_dir: Path = HERE) -> list[Path]:
    from juesuan.maintenance.examples import load_example
    from juesuan.workbooks.writer import write_workbook
    written = []
    for name in names or list(EXAMPLES):
        src = HERE / "data" / f"{name}.json"
        if not src.exists():
            continue
        written.append(write_workbook(out_dir / f"{name}.xlsx", load_example(src), overwrite=True))
    return written


if __name__ == "__main__":
    for p in build(sys.argv[1:] or None):
        print(p)
