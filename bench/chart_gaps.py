"""How much of a page stays white above a chart that moved to the next page, before and after
render/chart_place.py, for the examples and for example (c) with longer 主要原因.

    python bench/chart_gaps.py

Needs LibreOffice (soffice).  "before": the blocks as the templates give them (the arrangement
switched off); "after": make-report --pdf as shipped (the estimate, then the correction by the
PDF).  Prints, per page before a page that starts with a chart, the empty share of its body.
"""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import openpyxl

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

MORE = {  # the same as tests/render/pdf/test_chart_gaps.py
    "R01": "；三是全民健身中心改造工程按合同进度支付工程款；四是文化惠民演出场次增加；五是公共图书馆"
           "数字资源采购支出增加；六是体育场馆免费低收费开放补助增加；七是非遗保护传承项目支出增加",
    "R03": "；场馆维修改造和设备购置支出相应增加；基层文化站免费开放补助支出增加",
}


def workbooks(folder: Path) -> list[tuple[str, Path]]:
    out = [(p.stem, p) for p in sorted((ROOT / "example_inputs").glob("*.xlsx"))]
    for code, times in (("R01", 2), ("R01", 3), ("R03", 1), ("R03", 2)):
        wb = openpyxl.load_workbook(ROOT / "example_inputs" / "c_synthetic_2024.xlsx")
        for row in wb["主要原因"].iter_rows():
            if row[0].value == code:
                row[2].value = (row[2].value or "") + MORE[code] * times
        path = folder / f"c_{code}x{times}.xlsx"
        wb.save(path)
        out.append((path.stem, path))
    return out


def gaps(workbook: Path, folder: Path, arrange: bool) -> str:
    import juesuan.render.chart_place as place
    from juesuan.api import render_workbook
    from juesuan.render.pdf.chart_fit import chart_gaps
    real = place.place_charts
    if not arrange:
        place.place_charts = lambda blocks, offsets=None: (list(blocks), [])
    try:
        result = render_workbook(workbook, folder / f"{workbook.stem}_{arrange}.docx", pdf=True, draft=True)
    finally:
        place.place_charts = real
    if result.pdf is None:
        return "；".join(result.problems) or "no PDF"
    found = chart_gaps(result.pdf)
    return ", ".join(f"p.{page} {share:.1%}" for page, share in found) or "none"


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        print("| workbook | before | after |\n|---|---|---|")
        for name, path in workbooks(folder):
            print(f"| {name} | {gaps(path, folder, False)} | {gaps(path, folder, True)} |", flush=True)


if __name__ == "__main__":
    main()
