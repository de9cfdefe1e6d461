"""make-report batch end to end, with the real renderer and the bundled examples."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from conftest import EXAMPLES
from juesuan_cli.main import cli

from juesuan import api
from juesuan.render.docx.readback import document_text
from juesuan.batch import STAGE_PREFIX, SUMMARY_NAME, run_batch

NAMES = ("a_jingkai_2024", "b_hanyang_2024", "c_synthetic_2024")


pytestmark = pytest.mark.skipif(not all((EXAMPLES / f"{n}.xlsx").exists() for n in NAMES),
                                reason="example workbooks not built")


def leftovers(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.name.endswith(".part") or p.name.startswith(STAGE_PREFIX)]


def with_text_in_amount(src: Path, dst: Path) -> str:
    """Copy ``src`` with a word typed into an amount cell of 公开01表; returns that cell."""
    wb = openpyxl.load_workbook(src)
    ws = wb["公开01表"]
    cell = next(c for row in ws.iter_rows(min_row=5) for c in row
                if isinstance(c.value, (int, float)) and not isinstance(c.value, bool) and c.value != int(c.value))
    cell.value = "见附表"
    wb.save(dst)
    return f"公开01表!{cell.coordinate}"


@pytest.fixture(scope="module")
def mixed(tmp_path_factory):
    folder = tmp_path_factory.mktemp("districts")
    for n in NAMES:
        shutil.copy(EXAMPLES / f"{n}.xlsx", folder / f"{n}.xlsx")
    data = (EXAMPLES / "b_hanyang_2024.xlsx").read_bytes()
    (folder / "d_corrupt.xlsx").write_bytes(data[: len(data) // 3])
    bad_cell = with_text_in_amount(EXAMPLES / "b_hanyang_2024.xlsx", folder / "e_invalid.xlsx")
    (folder / "f_not_excel.xlsx").write_text("部门,年度\n汉阳区总工会,2024\n", encoding="utf-8")
    (folder / "~$b_hanyang_2024.xlsx").write_bytes(b"\x0bOffice lock\x00" * 10)
    out = folder / "out"
    result = CliRunner().invoke(cli, ["batch", str(folder), "-o", str(out), "--jobs", "2", "--json"])
    return folder, out, bad_cell, result


def test_batch_over_a_mixed_folder(mixed):
    folder, out, bad_cell, result = mixed
    assert result.exit_code == 1, result.output
    payload = json.loads(result.stdout)
    rows = {r["file"]: r for r in payload["rows"]}
    assert list(rows) == ["a_jingkai_2024.xlsx", "b_hanyang_2024.xlsx", "c_synthetic_2024.xlsx",
                          "d_corrupt.xlsx", "e_invalid.xlsx", "f_not_excel.xlsx"]  # no lock file

    # the examples: a report each unless the checks find 错误 (example a has some by design)
    for name in NAMES:
        row, check = rows[f"{name}.xlsx"], api.check_workbook(EXAMPLES / f"{name}.xlsx")
        assert row["department"] == check.report.name and row["year"] == check.report.year
        assert row["errors"] == check.errors
        assert row["warnings"] >= check.warnings  # rendering may add its own (e.g. a 科目 without 说明)
        if check.errors:
            first = check.sorted_findings()
            first = next(f for f in first if f.severity == "错误")
            assert row["status"] == "审核未通过" and row["output"] is None
            assert row["annotated"] == f"{name}.审核.xlsx" and (out / row["annotated"]).is_file()
            assert row["figures"]["grand_total"]["value"] == f"{check.report.t01.get('inc_grand'):.2f}"
            assert row["checked"] is False  # figures of a workbook with 错误: for reference, marked
            assert row["first_problem"].endswith(first.message) and row["cell"] == (first.cells[0] if first.cells else None)
        else:
            assert row["status"] == "已生成" and row["checked"] is True
            texts = document_text(out / row["output"])
            assert any(check.report.name in t for t in texts)
            assert row["figures"]["grand_total"]["value"] == f"{check.report.t01.get('inc_grand'):.2f}"
    for name in ("b_hanyang_2024", "c_synthetic_2024"):
        assert rows[f"{name}.xlsx"]["status"] == "已生成"

    assert rows["d_corrupt.xlsx"]["status"] == "无法读取" and "损坏" in rows["d_corrupt.xlsx"]["first_problem"]
    invalid = rows["e_invalid.xlsx"]
    assert invalid["status"] == "审核未通过" and invalid["errors"] >= 1
    assert invalid["cell"] == bad_cell and "应为数字" in invalid["first_problem"]
    assert rows["f_not_excel.xlsx"]["status"] == "无法读取"
    assert "不是 Excel 工作簿" in rows["f_not_excel.xlsx"]["first_problem"]

    # exactly the successful ones left a report, and nothing half-written is left anywhere
    made = sorted(p.name for p in out.glob("*.docx"))
    assert made == sorted(r["output"] for r in payload["rows"] if r["output"])
    assert leftovers(out) == [] and leftovers(folder) == []
    assert payload["failed"] == sum(1 for r in payload["rows"] if r["status"] != "已生成")


def test_summary_workbook_matches_the_json(mixed):
    _, out, _, result = mixed
    payload = json.loads(result.stdout)
    ws = openpyxl.load_workbook(out / SUMMARY_NAME)["汇总"]
    header = [c.value for c in ws[1]]
    sheet_rows = list(ws.iter_rows(min_row=2, max_row=1 + payload["total"], values_only=True))
    col = {h: i for i, h in enumerate(header)}
    for got, want in zip(sheet_rows, payload["rows"]):
        assert got[col["文件"]] == want["file"]
        assert got[col["状态"]] == want["status"]
        assert got[col["首个问题"]] == want["first_problem"]
        assert got[col["输出文件"]] == want["output"]
        if want["figures"]:
            assert f"{got[col['收支总计（万元）']]:.2f}" == want["figures"]["grand_total"]["value"]
            assert f"{got[col['基本支出（万元）']]:.2f}" == want["figures"]["basic"]["value"]
        else:
            assert got[col["收支总计（万元）"]] is None


def test_parallel_and_sequential_give_the_same_documents(mixed, tmp_path):
    """The mixed folder was rendered with --jobs 2 (b and c side by side in two workers); render
    b then c again in one worker (state carried over from b would show in c) and compare."""
    folder, out, _, result = mixed
    parallel = {r["file"]: r for r in json.loads(result.stdout)["rows"]}
    files = [folder / "b_hanyang_2024.xlsx", folder / "c_synthetic_2024.xlsx"]
    sequential = run_batch(files, tmp_path / "jobs1", input_dir=folder, jobs=1)
    assert sequential.jobs == 1
    for row in sequential.rows:
        twin = parallel[row["file"]]
        assert row["status"] == twin["status"] == "已生成"
        assert row["output"] == twin["output"]
        assert document_text(tmp_path / "jobs1" / row["output"]) == document_text(out / twin["output"])


def test_exit_codes_and_plain_progress(tmp_path):
    runner = CliRunner()
    folder = tmp_path / "in"
    folder.mkdir()
    assert runner.invoke(cli, ["batch", str(folder)]).exit_code == 2  # no workbooks
    assert runner.invoke(cli, ["batch", str(tmp_path / "nowhere")]).exit_code == 2
    assert runner.invoke(cli, ["batch", str(folder), "--jobs", "0"]).exit_code == 2
    shutil.copy(EXAMPLES / "c_synthetic_2024.xlsx", folder / "c.xlsx")
    assert runner.invoke(cli, ["batch", str(folder / "c.xlsx")]).exit_code == 2  # a file, not a folder
    result = runner.invoke(cli, ["batch", str(folder), "--jobs", "1"])
    assert result.exit_code == 0, result.output
    lines = [l for l in result.stderr.splitlines() if l.startswith("[")]
    assert len(lines) == 1 and lines[0].startswith("[1/1] ") and "c.xlsx" in lines[0]  # not a terminal: one line
    assert (folder / "报告" / SUMMARY_NAME).exists()
    assert "汇总表" in result.stdout


def test_a_broken_template_is_recorded_for_each_workbook(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(EXAMPLES / "b_hanyang_2024.xlsx", folder / "b.xlsx")
    shutil.copy(EXAMPLES / "c_synthetic_2024.xlsx", folder / "c.xlsx")
    override = tmp_path / "tpl" / "narrative"
    override.mkdir(parents=True)
    (override / "s10_机关运行经费支出说明.j2").write_text("{{ 机关运行经费 ", encoding="utf-8")
    result = CliRunner().invoke(cli, ["batch", str(folder), "--templates", str(tmp_path / "tpl"), "--jobs", "2",
                                      "--json"])
    assert result.exit_code == 1
    rows = json.loads(result.stdout)["rows"]
    assert [r["file"] for r in rows] == ["b.xlsx", "c.xlsx"]
    for row in rows:
        assert row["status"] == "未能生成" and row["output"] is None
        assert "s10_机关运行经费支出说明.j2" in row["first_problem"] and "Traceback" not in row["first_problem"]
    assert list((folder / "报告").glob("*.docx")) == [] and leftovers(folder) == []
