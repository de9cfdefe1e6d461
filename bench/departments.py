"""Large departments for the benchmarks, built from example (c) so that every table equation
still holds: amounts of a donor 项 are moved into new 款/项 of the same 类.

Used by bench/perf.py (growth in 科目 rows) and bench/scale.py (5,000 rows and 1,000 projects).
"""
from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE_C = ROOT / "example_inputs" / "data" / "c_synthetic_2024.json"


def example_c() -> dict:
    return json.loads(EXAMPLE_C.read_text(encoding="utf-8"))


def cents(total: Decimal, parts: int) -> list[Decimal]:
    """``total`` split into ``parts`` amounts of whole cents that add up exactly."""
    whole = int(total * 100)
    base, extra = divmod(whole, parts)
    return [Decimal(base + (1 if i < extra else 0)) / 100 for i in range(parts)]


def _amount(v) -> Decimal:
    return Decimal(str(v)) if v not in (None, "") else Decimal(0)


def spread(data: dict, per_donor: int, donors: tuple[str, ...], items_per_kuan: int,
           share: Decimal = Decimal("0.95")) -> None:
    """About ``per_donor`` more rows per donor in each of 表2/表3/表5: each donor 项 keeps
    1 − ``share`` of its amounts, the rest goes to new 款 (free two-digit codes, highest first) of
    up to ``items_per_kuan`` 项 each under the donor's own 类.  Every 类, table total and 表间
    equation is unchanged; each new 项 gets a 科目说明 (else C-7 would ask for one)."""
    if per_donor <= 0:
        return
    for donor in donors:
        klass = donor[:3]
        for tid in ("T02", "T03", "T05"):
            table = data["tables"][tid]
            by_code = {r[0]: r for r in table["rows"]}
            if donor not in by_code:
                continue
            used = {r[0][3:5] for r in table["rows"] if len(r[0]) >= 5 and r[0].startswith(klass)}
            free = [f"{k:02d}" for k in range(99, 9, -1) if f"{k:02d}" not in used]
            n_kuan = min(len(free), -(-per_donor // (items_per_kuan + 1)))
            items_per = max(1, -(-per_donor // n_kuan) - 1)
            d_row, k_row = by_code[donor], by_code[donor[:5]]
            width = len(d_row) - 2
            cols = []
            for c in range(1, width):  # column 0 is the row total: rebuilt below
                v = _amount(d_row[2 + c])
                move = (v * share).quantize(Decimal("0.01"))
                if move:
                    d_row[2 + c] = f"{v - move:.2f}"
                    k_row[2 + c] = f"{_amount(k_row[2 + c]) - move:.2f}"
                cols.append(cents(move, n_kuan * items_per))
            moved = sum(sum(col) for col in cols)
            d_row[2] = f"{_amount(d_row[2]) - moved:.2f}"
            k_row[2] = f"{_amount(k_row[2]) - moved:.2f}"
            for k in range(n_kuan):
                kuan = f"{klass}{free[k]}"
                sums = [Decimal(0)] * (width - 1)
                items = []
                for j in range(items_per):
                    vals = [col[k * items_per + j] for col in cols]
                    sums = [a + b for a, b in zip(sums, vals)]
                    items.append([f"{kuan}{j + 1:02d}", f"测试项{kuan}-{j + 1}", f"{sum(vals):.2f}",
                                  *[f"{v:.2f}" if v else None for v in vals]])
                table["rows"].append([kuan, f"测试款{kuan}", f"{sum(sums):.2f}",
                                      *[f"{v:.2f}" if v else None for v in sums]])
                table["rows"].extend(items)
            table["rows"].sort(key=lambda r: r[0])
    explained = {r["code"] for r in data["lists"].get("M02", [])}
    for row in data["tables"]["T05"]["rows"]:
        if len(row[0]) == 7 and (row[1] or "").startswith("测试项") and row[0] not in explained:
            data["lists"].setdefault("M02", []).append({"code": row[0], "text": f"反映{row[1]}方面的支出。"})
