"""Build a Report from a plain JSON description (used for the bundled example workbooks and
for tests that need a workbook with one fault injected).

Format (all amounts as strings or numbers in 万元; blanks as null or ""):

    {"tables": {
        "T01": {"variant": "A", "values": {"inc_gpb": "397.33", "c201": "302.93", ...}},
        "T04": {"values": {"f_gpb": "397.33", "c201": {"total": "302.93", "gpb": "302.93"}, ...}},
        "T02": {"total": [v1, …, v7], "rows": [["2012901", "行政运行", v1, …, v7], …]},
        "T03"/"T05"/"T07"/"T08": same shape as T02 (values in 栏次 order),
        "T06": {"values": {"30101": "31.11", ...}, "personnel_total": "213.20", "public_total": "36.30"},
        "T09": [v1, …, v12]},
     "fields": {"G01": "…", "P01": "507.70", ...},
     "lists": {"G10": [{"text": "…"}], "B02": [{"code": "2012901", "budget": "126.37"}], ...}}

Row keys (inc_gpb, c201 …) and list column keys are those of layouts.py / supplement_spec.py.
"""
from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from juesuan.spec.layouts import BY_ID, CodedLayout, FixedLayout
from juesuan.model.report import CodedRow, CodedTable, EconTable, FixedTable, Record, Report, SingleRowTable
from juesuan.model.money import parse_money
from juesuan.spec.paths import data_dir, templates_dir
from juesuan.spec.supplement import FIELDS, LISTS_BY_ID


def _m(value) -> Decimal | None:
    if isinstance(value, float):
        value = repr(value)
    return parse_money(value)


def report_from_data(data: dict) -> Report:
    report = Report()
    tables = data.get("tables", {})
    for tid, spec in tables.items():
        layout = BY_ID[tid]
        if isinstance(layout, FixedLayout):
            t = FixedTable(layout, variant=spec.get("variant", "A"))
            for key, value in spec.get("values", {}).items():
                side = next(s for s in layout.sides if any(r.key == key for r in s.rows))
                items = value.items() if isinstance(value, dict) else [(side.columns[0].key, value)]
                for col, v in items:
                    if _m(v) is not None:
                        t.values[(key, col)] = _m(v)
            report.tables[tid] = t
        elif isinstance(layout, CodedLayout):
            keys = [c.key for c in layout.columns]
            t = CodedTable(layout)
            t.total = {k: _m(v) for k, v in zip(keys, spec.get("total", [])) if _m(v) is not None}
            for raw in spec.get("rows", []):
                code, name, *vals = raw
                t.rows.append(CodedRow(str(code), name or None,
                                       {k: _m(v) for k, v in zip(keys, vals) if _m(v) is not None}))
            t.has_names = any(r.name for r in t.rows)
            report.tables[tid] = t
        elif tid == "T06":
            t = EconTable(layout)
            t.values = {c: _m(v) for c, v in spec.get("values", {}).items() if _m(v) is not None}
            t.names = dict(spec.get("names", {}))
            t.personnel_total = _m(spec.get("personnel_total")) or Decimal("0.00")
            t.public_total = _m(spec.get("public_total")) or Decimal("0.00")
            report.tables[tid] = t
        elif tid == "T09":
            t = SingleRowTable(layout)
            t.values = {c.key: _m(v) for c, v in zip(layout.columns, spec) if _m(v) is not None}
            report.tables[tid] = t
    for fid, value in data.get("fields", {}).items():
        if fid not in FIELDS:
            raise KeyError(f"unknown field {fid}")
        report.supp.fields[fid] = value
    for lid, records in data.get("lists", {}).items():
        spec = LISTS_BY_ID[lid]
        known = {c.key for c in spec.columns}
        for rec in records:
            unknown = set(rec) - known
            if unknown:
                raise KeyError(f"unknown columns {unknown} in list {lid}")
        report.supp.lists[lid] = [Record(dict(r)) for r in records]
    return report


def load_example(path: str | Path) -> Report:
    return report_from_data(json.loads(Path(path).read_text(encoding="utf-8")))


def example_reports() -> list[tuple[str, Report]]:
    """The bundled example workbooks as Reports (installed: juesuan/data/examples; source
    checkout: example_inputs/data/*.json)."""
    places = [data_dir() / "examples", templates_dir().parent / "example_inputs" / "data"]
    for folder in places:
        files = sorted(folder.glob("*.json")) if folder.is_dir() else []
        if files:
            return [(f.stem, load_example(f)) for f in files]
    return []
