"""The batch summary: 汇总.xlsx (sheet 汇总, one row per workbook, and 问题明细) and the
--json payload with the same rows."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from juesuan.model.findings import ERROR
from juesuan.batch.key_figures import FIGURE_NOTE, FIGURES, change_text
from juesuan.batch.pool import BatchResult
from juesuan.batch.rows import DRAFT, GENERATED, NOT_RENDERED, REJECTED, STATUSES, UNREADABLE

# Summary columns: (key, header, width).  Figures follow, see key_figures.FIGURES.
BASE_COLUMNS: tuple[tuple[str, str, int], ...] = (
    ("no", "序号", 6), ("file", "文件", 28), ("department", "部门", 28), ("year", "年度", 7),
    ("status", "状态", 10), ("errors", "错误数", 7), ("warnings", "警告数", 7),
    ("first_problem", "首个问题", 60), ("cell", "单元格", 16), ("output", "输出文件", 36),
    ("annotated", "审核标注副本（可直接发回）", 30), ("checked", "主要数字", 12),
    ("seconds", "用时（秒）", 9), ("notes", "备注", 40),
)
CHECKED, UNCHECKED = "已审核", "未通过审核，仅供参考"
FILLS = {REJECTED: "F8CBAD", DRAFT: "FFE699", UNREADABLE: "FF9999", NOT_RENDERED: "FF9999"}


def status_counts(rows: list[dict]) -> str:
    """“已生成 3 份，审核未通过 1 份……” in the order of STATUSES, statuses that occur only."""
    parts = [f"{s} {n} 份" for s in STATUSES if (n := sum(1 for r in rows if r["status"] == s))]
    return f"共 {len(rows)} 份" + (f"：{'，'.join(parts)}" if parts else "") + "。"


def _print_setup(ws) -> None:
    """Landscape A4, every column on one page width, the header row on every page, grid lines."""
    from juesuan.xlsx.printing import fit_to_width
    fit_to_width(ws, title_rows="1:1", landscape=True)
    ws.print_options.gridLines = True


# ---------------------------------------------------------------------------------------
# Summary: 汇总.xlsx and JSON


def figure_columns() -> list[tuple[str, str, str]]:
    """(figure key, 'value' | 'change', header) in sheet order."""
    cols = []
    for fig in FIGURES:
        cols.append((fig.key, "value", f"{fig.label}（万元）"))
        if fig.base_label:
            cols.append((fig.key, "change", fig.base_label))
    return cols


def change_cell(fig: dict, base_label: str):
    """The comparison for the sheet: a signed rate (+5.23 / -3 / 0) that Excel can sort, or a
    text when there is no rate (base 0, not applicable)."""
    ch = fig.get("change")
    if fig.get("note"):
        return fig["note"]
    if ch is None:
        return None
    if ch["direction"] == "flat":
        return Decimal(0)
    if ch["rate"] is None:
        return change_text(fig, base_label)
    return ch["rate"] if ch["direction"] == "up" else -ch["rate"]


def write_summary(path: Path, rows: list[dict], *, input_dir: Path | None = None, seconds: float | None = None,
                  jobs: int | None = None) -> Path:
    """Write 汇总.xlsx: sheet 汇总 (one row per workbook, key figures side by side) and sheet
    问题明细 (every 错误 and 警告 of every workbook).  Written atomically."""
    import openpyxl
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    from juesuan.xlsx.text import safe_row, save_workbook

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "汇总"
    headers = [h for _, h, _ in BASE_COLUMNS] + [h for _, _, h in figure_columns()]
    widths = [w for _, _, w in BASE_COLUMNS] + [14 if kind == "value" else 16 for _, kind, _ in figure_columns()]
    ws.append(headers)
    bold = Font(bold=True)
    for c in range(1, len(headers) + 1):
        cell = ws.cell(row=1, column=c)
        cell.font = bold
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        ws.column_dimensions[get_column_letter(c)].width = widths[c - 1]
    fills = {status: PatternFill("solid", fgColor=color) for status, color in FILLS.items()}
    grey = Font(italic=True, color="808080")
    status_col = [k for k, _, _ in BASE_COLUMNS].index("status") + 1
    base_keys = [k for k, _, _ in BASE_COLUMNS]
    base_words = {f.key: f.base_word for f in FIGURES}
    for n, row in enumerate(rows, start=1):
        values = []
        for key in base_keys:
            if key == "no":
                values.append(n)
            elif key == "notes":
                values.append("；".join(row["notes"]) or None)
            elif key == "checked":
                values.append((CHECKED if row.get("checked") else UNCHECKED) if row.get("figures") else None)
            else:
                values.append(row.get(key))
        figs = row.get("figures") or {}
        for key, kind, _ in figure_columns():
            fig = figs.get(key)
            if not fig:
                values.append(None)
            elif kind == "value":
                values.append(fig["value"] if fig["value"] is not None else fig.get("note"))
            else:
                values.append(change_cell(fig, base_words[key]))
        ws.append(safe_row(values))
        r = ws.max_row
        if row["status"] in fills:
            ws.cell(row=r, column=status_col).fill = fills[row["status"]]
        for c, (key, kind, _) in enumerate(figure_columns(), start=len(base_keys) + 1):
            cell = ws.cell(row=r, column=c)
            if not row.get("checked"):
                cell.font = grey  # figures of a workbook that failed the 审核: for reference only
            if kind == "value":
                cell.number_format = "0.00"
            elif isinstance(cell.value, Decimal):
                places = max(0, -cell.value.as_tuple().exponent)  # as rounded for the report text
                digits = "0." + "0" * places if places else "0"
                cell.number_format = f'+{digits}"%";-{digits}"%";"持平"'
        ws.cell(row=r, column=base_keys.index("seconds") + 1).number_format = "0.00"
        ws.cell(row=r, column=base_keys.index("first_problem") + 1).alignment = Alignment(wrap_text=True,
                                                                                         vertical="top")
    ws.freeze_panes = "C2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{max(1, ws.max_row)}"
    _totals_row(ws, rows, len(base_keys), bold)
    _print_setup(ws)
    foot = ws.max_row + 2
    line = status_counts(rows)
    if seconds is not None:
        line += f"用时 {seconds:.1f} 秒" + (f"（{jobs} 个进程）" if jobs else "") + "。"
    ws.cell(row=foot, column=1, value=line)
    ws.cell(row=foot + 1, column=1, value=FIGURE_NOTE)

    detail = wb.create_sheet("问题明细")
    detail.append(["序号", "文件", "部门", "级别", "规则", "单元格", "说明"])
    for c, w in enumerate((6, 28, 28, 8, 10, 18, 90), start=1):
        detail.cell(row=1, column=c).font = bold
        detail.column_dimensions[get_column_letter(c)].width = w
    for n, row in enumerate(rows, start=1):
        if row["status"] in (UNREADABLE, NOT_RENDERED) and row.get("reason") != "errors":
            detail.append(safe_row([n, row["file"], row["department"], ERROR, "", row["cell"], row["first_problem"]]))
        for f in row["findings"]:
            detail.append(safe_row([n, row["file"], row["department"], f["severity"], f["rule"], f["cell"],
                                    f["message"]]))
    detail.freeze_panes = "A2"
    _print_setup(detail)

    return save_workbook(wb, Path(path))  # every string as text: a 部门全称 "=1+1" is not a formula


def _totals_row(ws, rows: list[dict], first_figure_col: int, bold) -> None:
    """合计 of each amount over the reports generated (已审核 figures only), below the rows."""
    done = [r for r in rows if r["status"] == GENERATED and r.get("checked") and r.get("figures")]
    if not done:
        return
    values = ["合计（已生成）"] + [None] * (first_figure_col - 1)
    for key, kind, _ in figure_columns():
        amounts = [r["figures"][key]["value"] for r in done if r["figures"].get(key)
                   and isinstance(r["figures"][key].get("value"), Decimal)]
        values.append(sum(amounts, Decimal(0)) if kind == "value" and amounts else None)
    ws.append(values)
    r = ws.max_row
    for c in range(1, len(values) + 1):
        ws.cell(row=r, column=c).font = bold
        if c > first_figure_col and values[c - 1] is not None:
            ws.cell(row=r, column=c).number_format = "0.00"


def _jsonable(value):
    if isinstance(value, Decimal):
        return f"{value:.2f}" if value == value.quantize(Decimal("0.01")) else str(value)
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, Path):
        return str(value)
    return value


def summary_payload(result: BatchResult, *, input_dir: Path | None = None, summary: Path | None = None) -> dict:
    """What --json prints: the same rows as 汇总.xlsx, amounts as strings."""
    rows = []
    for row in result.rows:
        item = {k: row.get(k) for k in ("file", "department", "year", "status", "errors", "warnings",
                                         "first_problem", "cell", "output", "pdf", "annotated", "checked",
                                         "seconds", "notes")}
        figs = row.get("figures")
        item["figures"] = None if figs is None else {
            fig.key: {"label": fig.label, "value": figs[fig.key]["value"], "base": figs[fig.key]["base"],
                      "change": figs[fig.key]["change"], "note": figs[fig.key].get("note")}
            for fig in FIGURES if fig.key in figs}
        item["findings"] = [{k: f[k] for k in ("severity", "rule", "cell", "message")} for f in row["findings"]]
        rows.append(item)
    return _jsonable({
        "input_dir": str(input_dir) if input_dir else None, "out_dir": str(result.out_dir) if result.out_dir else None,
        "summary": str(summary) if summary else None, "jobs": result.jobs, "seconds": result.seconds,
        "total": len(result.rows), "counts": {s: result.count(s) for s in STATUSES},
        "failed": result.failed, "rows": rows,
    })
