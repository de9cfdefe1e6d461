"""What the pages show of a result: findings grouped by sheet as in the annotated copy, counts,
and the summary sentence, as plain dicts for the templates (which escape every value)."""
from __future__ import annotations

SEVERITY_CLASS = {"错误": "error", "警告": "warning", "提示": "info"}


def counts(findings) -> dict:
    import juesuan
    return {s: sum(1 for f in findings if f.severity == s) for s in (juesuan.ERROR, juesuan.WARNING, juesuan.INFO)}


def summary_sentence(findings) -> str:
    """The same sentence as `make-report check` ends with."""
    import juesuan
    c = counts(findings)
    text = f"审核完成：错误 {c[juesuan.ERROR]} 个，警告 {c[juesuan.WARNING]} 个，提示 {c[juesuan.INFO]} 个。"
    if c[juesuan.ERROR]:
        return text + "有错误，不能生成报告，请先改正错误。"
    if c[juesuan.WARNING]:
        return text + "没有错误，可以生成报告；警告请核对。"
    return text + "没有发现问题。"


def finding_view(f) -> dict:
    """One finding: the plain sentence first, then where, 应为/实际, what to type (处理)."""
    view = {"severity": f.severity, "css": SEVERITY_CLASS.get(f.severity, "info"), "rule": f.rule,
            "title": f.title, "message": f.message, "cell": f.cells[0] if f.cells else "（整个工作簿）",
            "others": "、".join(f.cells[1:6]) + ("…" if len(f.cells) > 6 else ""),
            "candidates": "、".join(f.candidates), "hint": f.hint, "related": list(f.related),
            "expected": None, "actual": None, "difference": None}
    if f.expected is not None and f.actual is not None:
        view.update(expected=f"{f.expected:.2f}", actual=f"{f.actual:.2f}", difference=f"{f.difference:+.2f}")
    return view


def grouped(result) -> list[tuple[str, list[dict]]]:
    """Sheets in workbook order (公开01表 … 设置), each with its findings sorted by cell."""
    import juesuan
    groups: list[tuple[str, list[dict]]] = []
    for f in result.sorted_findings():
        sheet = juesuan.finding_sheet(f) or "工作簿"
        if not groups or groups[-1][0] != sheet:
            groups.append((sheet, []))
        groups[-1][1].append(finding_view(f))
    return groups
