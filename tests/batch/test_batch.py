"""Batch runner, library side: discovery, failure isolation, names, summary, interruption.

These use a fake renderer (tests/batch_helpers.py) so that they exercise the process pool
and the bookkeeping without the Word renderer; test_batch_cli.py runs the real one.
"""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from batch_helpers import BASE, fake_render, make_workbook
from conftest import TESTS
from docx import Document

from juesuan.batch import (
    GENERATED,
    NOT_RENDERED,
    REJECTED,
    UNREADABLE,
    STAGE_PREFIX,
    SUMMARY_NAME,
    change_text,
    discover,
    key_figures,
    render_one,
    run_batch,
    summary_payload,
    write_summary,
)
from juesuan.batch import key_figures
from juesuan.batch.rows import unique_name
from juesuan.maintenance.examples import report_from_data

pytestmark = pytest.mark.skipif(not BASE.exists(), reason="example data not built")

FAKE = fake_render  # injected: the workers receive it by reference


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, Path]:
    """Two real workbooks, built once; the fake renderer's behaviour depends only on file names,
    so tests use copies of these under telling names."""
    folder = tmp_path_factory.mktemp("built")
    return {"甲": make_workbook(folder / "jia.xlsx", "甲区总工会"), "乙": make_workbook(folder / "yi.xlsx", "乙区总工会")}


def put(src: Path, dst: Path) -> Path:
    dst.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(src, dst)
    return dst


def leftovers(folder: Path) -> list[Path]:
    """Anything a stopped run must not leave behind: temporary parts and staging folders."""
    return [p for p in folder.rglob("*") if p.name.endswith(".part") or p.name.startswith(STAGE_PREFIX)]


def test_discover_skips_lock_hidden_and_output(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / ".hidden").mkdir()
    for name in ("b.xlsx", "a.XLSX", "sub/c.xlsx", "~$b.xlsx", ".d.xlsx", ".hidden/e.xlsx", "notes.txt", "f.xls"):
        (tmp_path / name).write_bytes(b"x")
    out = tmp_path / "报告"
    out.mkdir()
    (out / SUMMARY_NAME).write_bytes(b"x")
    (out / "old.xlsx").write_bytes(b"x")
    found = [p.relative_to(tmp_path).as_posix() for p in discover(tmp_path, out)]
    assert found == ["a.XLSX", "b.xlsx", "sub/c.xlsx"]
    # OUT_DIR = INPUT_DIR: only the summary is left out
    (tmp_path / SUMMARY_NAME).write_bytes(b"x")
    found = [p.relative_to(tmp_path).as_posix() for p in discover(tmp_path, tmp_path)]
    assert SUMMARY_NAME not in found and "报告/old.xlsx" in found


def test_unique_name_ignores_case():
    taken = {"甲区2024年度部门决算.docx": "a.xlsx", "abc.docx": "b.xlsx"}
    assert unique_name("甲区2024年度部门决算.docx", taken) == "甲区2024年度部门决算（2）.docx"
    assert unique_name("ABC.docx", taken) == "ABC（2）.docx"
    assert unique_name("新.docx", taken) == "新.docx"


@pytest.fixture(scope="module")
def mixed(tmp_path_factory, built) -> Path:
    """A folder where every kind of outcome happens once."""
    folder = tmp_path_factory.mktemp("mixed")
    put(built["甲"], folder / "a.xlsx")
    put(built["乙"], folder / "sub" / "b.xlsx")
    put(built["甲"], folder / "c_same.xlsx")  # same department and year as a.xlsx
    put(built["乙"], folder / "d_boom.xlsx")
    put(built["乙"], folder / "e_crash.xlsx")
    (folder / "f_text.xlsx").write_text("这不是工作簿", encoding="utf-8")
    good = (folder / "a.xlsx").read_bytes()
    (folder / "g_corrupt.xlsx").write_bytes(good[: len(good) // 2])
    (folder / "~$a.xlsx").write_bytes(b"\x00lock")
    return folder


@pytest.fixture(scope="module")
def mixed_run(mixed):
    out = mixed / "报告"
    seen = []
    result = run_batch(discover(mixed, out), out, input_dir=mixed, jobs=2, renderer=FAKE, on_row=seen.append)
    return result, out, seen


def test_one_bad_workbook_never_stops_the_others(mixed_run):
    result, out, seen = mixed_run
    by_file = {r["file"]: r for r in result.rows}
    assert list(by_file) == ["a.xlsx", "c_same.xlsx", "d_boom.xlsx", "e_crash.xlsx", "f_text.xlsx",
                             "g_corrupt.xlsx", "sub/b.xlsx"]
    assert seen == result.rows  # reported once each, in input order
    assert by_file["a.xlsx"]["status"] == GENERATED
    assert by_file["sub/b.xlsx"]["status"] == GENERATED
    assert by_file["a.xlsx"]["output"] == "甲区总工会2024年度部门决算.docx"
    # same department and year: a distinct name and a warning
    same = by_file["c_same.xlsx"]
    assert same["status"] == GENERATED and same["first_problem"].startswith("与“a.xlsx”")
    assert same["output"] == "甲区总工会2024年度部门决算（2）.docx"
    assert "a.xlsx" in same["notes"][0] and same["warnings"] >= 1
    assert same["findings"][-1]["rule"] == "批量-重名"
    # failures, each in words, none with a traceback
    boom, crash = by_file["d_boom.xlsx"], by_file["e_crash.xlsx"]
    assert boom["status"] == NOT_RENDERED and "内部错误" in boom["first_problem"] and "boom" in boom["first_problem"]
    assert crash["status"] == NOT_RENDERED and "意外退出" in crash["first_problem"]
    assert by_file["f_text.xlsx"]["status"] == UNREADABLE and "不是 Excel 工作簿" in by_file["f_text.xlsx"]["first_problem"]
    assert by_file["g_corrupt.xlsx"]["status"] == UNREADABLE and "损坏" in by_file["g_corrupt.xlsx"]["first_problem"]
    for row in result.rows:
        assert "Traceback" not in (row["first_problem"] or "")
    assert result.failed == 4 and not result.ok
    docs = sorted(p.name for p in out.glob("*.docx"))
    assert docs == ["乙区总工会2024年度部门决算.docx", "甲区总工会2024年度部门决算.docx", "甲区总工会2024年度部门决算（2）.docx"]
    assert Document(out / "甲区总工会2024年度部门决算.docx").paragraphs[0].text == "甲区总工会2024年度部门决算"
    assert leftovers(out) == []
    if os.name == "posix":  # readable like any new file (mkstemp alone would leave 0600)
        umask = os.umask(0o022)
        os.umask(umask)
        assert (out / docs[0]).stat().st_mode & 0o777 == 0o666 & ~umask


def test_summary_sheet_says_what_happened(mixed_run, tmp_path):
    result, _, _ = mixed_run
    path = write_summary(tmp_path / SUMMARY_NAME, result.rows, seconds=result.seconds, jobs=result.jobs)
    wb = openpyxl.load_workbook(path)
    ws = wb["汇总"]
    header = [c.value for c in ws[1]]
    for name in ("文件", "部门", "年度", "状态", "错误数", "警告数", "首个问题", "单元格", "输出文件", "用时（秒）",
                 "收支总计（万元）", "收支总计同比", "财政拨款收入（万元）", "基本支出（万元）", "项目支出（万元）",
                 "三公经费（万元）", "机关运行经费（万元）", "机关运行经费较年初预算"):
        assert name in header
    col = {h: i for i, h in enumerate(header)}
    rows = {r[col["文件"]]: r for r in ws.iter_rows(min_row=2, max_row=1 + len(result.rows), values_only=True)}
    assert rows["a.xlsx"][col["状态"]] == "已生成"
    assert rows["a.xlsx"][col["部门"]] == "甲区总工会" and rows["a.xlsx"][col["年度"]] == 2024
    grand = result.rows[0]["figures"]["grand_total"]["value"]
    assert Decimal(str(rows["a.xlsx"][col["收支总计（万元）"]])) == grand
    assert rows["c_same.xlsx"][col["状态"]] == "已生成" and rows["c_same.xlsx"][col["警告数"]] >= 1
    assert "改名" in rows["c_same.xlsx"][col["备注"]]
    assert rows["f_text.xlsx"][col["状态"]] == "无法读取"
    assert "不是 Excel 工作簿" in rows["f_text.xlsx"][col["首个问题"]]
    assert rows["f_text.xlsx"][col["收支总计（万元）"]] is None  # no figures from an unreadable file
    assert rows["d_boom.xlsx"][col["状态"]] == "未能生成"
    assert any(str(c.value).startswith("共 7 份：已生成 3 份，无法读取 2 份，未能生成 2 份。") for c in ws["A"])
    detail = [r for r in wb["问题明细"].iter_rows(min_row=2, values_only=True)]
    assert any(r[1] == "d_boom.xlsx" and r[3] == "错误" for r in detail)


def test_json_payload_is_the_same_rows(mixed_run):
    result, _, _ = mixed_run
    payload = summary_payload(result)
    assert payload["total"] == 7 and payload["failed"] == 4 and payload["counts"]["已生成"] == 3
    assert payload["counts"] == {"已生成": 3, "审核未通过": 0, "草稿": 0, "无法读取": 2, "未能生成": 2}
    row = payload["rows"][0]
    assert row["file"] == "a.xlsx"
    assert row["figures"]["grand_total"]["value"] == f"{result.rows[0]['figures']['grand_total']['value']:.2f}"
    import json
    json.dumps(payload, ensure_ascii=False)  # plain data only


def test_validation_error_fails_with_its_cell(tmp_path, built):
    path = put(built["甲"], tmp_path / "bad.xlsx")
    wb = openpyxl.load_workbook(path)
    ws = wb["公开01表"]
    target = next(c for row in ws.iter_rows(min_row=5) for c in row  # an amount, not a 行次
                  if isinstance(c.value, float) and c.value != int(c.value))
    target.value = "一百"
    wb.save(path)
    rec = render_one({"index": 0, "file": "bad.xlsx", "path": str(path), "stage": str(tmp_path),
                      "renderer": FAKE})
    from juesuan.batch.rows import summary_row
    row = summary_row(rec)
    assert row["status"] == REJECTED and row["errors"] >= 1
    assert row["cell"] == f"公开01表!{target.coordinate}"
    assert "应为数字" in row["first_problem"]
    # one finding order and one JSON shape: the batch record is check --json's, errors and warnings
    from juesuan.api import check_workbook
    from juesuan.model.findings import ERROR, WARNING
    assert rec["findings"] == [f.as_dict() for f in check_workbook(path).sorted_findings()
                               if f.severity in (ERROR, WARNING)]


def test_interrupt_inside_a_worker_leaves_no_partial_report(tmp_path, built):
    folder = tmp_path / "in"
    put(built["甲"], folder / "a.xlsx")
    put(built["乙"], folder / "b_interrupt.xlsx")
    put(built["甲"], folder / "c.xlsx")
    out = tmp_path / "out"
    with pytest.raises(KeyboardInterrupt):
        run_batch(discover(folder), out, jobs=2, renderer=FAKE)
    assert leftovers(out) == []
    for doc in out.glob("*.docx"):  # whatever was finished is complete
        assert Document(doc).paragraphs
    assert not (out / "乙区总工会2024年度部门决算.docx").exists()


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX process groups")
def test_ctrl_c_stops_the_workers_and_leaves_nothing_half_written(tmp_path, built):
    """A real SIGINT to the whole process group while two workers are in the middle of writing."""
    folder = tmp_path / "in"
    put(built["甲"], folder / "a_slow.xlsx")
    put(built["乙"], folder / "b_slow.xlsx")
    put(built["甲"], folder / "c.xlsx")
    out = tmp_path / "out"
    script = textwrap.dedent(f"""
        import sys
        sys.path[:0] = {[str(TESTS.parent / "src"), str(TESTS)]!r}
        from pathlib import Path
        from juesuan.batch import discover, run_batch
        if __name__ == "__main__":
            try:
                from batch_helpers import fake_render
                run_batch(discover(Path({str(folder)!r})), Path({str(out)!r}), jobs=2, renderer=fake_render)
            except KeyboardInterrupt:
                print("interrupted")
                sys.exit(130)
    """)
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            start_new_session=True, text=True)
    try:
        deadline = time.monotonic() + 120
        markers = [folder / "a_slow.started", folder / "b_slow.started"]
        while not all(m.exists() for m in markers):
            assert proc.poll() is None, proc.communicate()
            assert time.monotonic() < deadline, "workers never started"
            time.sleep(0.05)
        assert len(list(out.rglob("*.part"))) == 2  # both reports are half written right now
        os.killpg(proc.pid, signal.SIGINT)  # what a terminal does on Ctrl-C
        stdout, stderr = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    assert proc.returncode == 130, stderr
    assert "interrupted" in stdout
    assert "Traceback" not in stderr
    assert leftovers(out) == []
    assert list(out.glob("*.docx")) == []


def test_key_figures_come_from_the_printed_cells():
    report = report_from_data({
        "tables": {"T01": {"values": {"inc_grand": "507.70"}},
                   "T04": {"values": {"f_gpb": "400.00", "f_inc_total": "410.00"}},
                   "T05": {"total": ["397.33", "249.51", "147.82"], "rows": []},
                   "T06": {"values": {}, "personnel_total": "213.20", "public_total": "36.30"},
                   "T09": ["2", "0", "1", "0", "1", "1", "1.5", "0", "1", "0", "1", "0.5"]},
        "fields": {"P01": "450.00", "P05": "380.00", "P06": "20.00", "P09-1": "1.50", "B03": "39.30",
                   "G07": "行政单位"},
    })
    figs = key_figures(report)
    assert figs["grand_total"]["value"] == Decimal("507.70")
    assert figs["grand_total"]["change"]["direction"] == "up"
    assert figs["grand_total"]["change"]["rate"] == Decimal("12.82")  # 57.70 / 450
    assert figs["fiscal_income"]["value"] == Decimal("410.00")  # 行27 as printed, not 行1–3 re-added
    assert figs["fiscal_income"]["base"] == Decimal("400.00")  # P05 + P06 (+ P07 blank)
    assert figs["basic"]["value"] == Decimal("249.51") and figs["project"]["value"] == Decimal("147.82")
    assert figs["sangong"]["value"] == Decimal("1.50") and change_text(figs["sangong"]) == "持平"
    assert figs["admin_cost"]["value"] == Decimal("36.30")
    assert change_text(figs["admin_cost"], "年初预算") == "下降7.63%"  # 3 / 39.30, against 年初预算 as in 第三部分 十
    report.supp.fields["B04"] = "40.00"
    assert key_figures(report)["admin_cost"]["value"] == Decimal("40.00")
    report.supp.fields["G07"] = "事业单位"
    assert key_figures(report)["admin_cost"]["value"] is None
    report.supp.fields["P01"] = "0"
    assert change_text(key_figures(report)["grand_total"]) == "上年为0，增加507.7万元"


def test_unwritable_output_folder_is_a_clear_error(tmp_path, monkeypatch):
    from click.testing import CliRunner
    from juesuan_cli.main import cli

    from juesuan import batch

    (tmp_path / "a.xlsx").write_bytes(b"x")

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(batch.pool.tempfile, "mkdtemp", refuse)
    result = CliRunner().invoke(cli, ["batch", str(tmp_path), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "无法在输出文件夹" in result.stderr and "Traceback" not in result.output
