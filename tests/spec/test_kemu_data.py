"""The shape of data/kemu.csv (the 科目 dictionary by edition), read with the csv module on its
own, and the edition choice of the catalog built on it."""
from __future__ import annotations

import csv
import re
from collections import defaultdict

import pytest

from juesuan.spec.catalog import DATA, EDITIONS, SOURCES, catalog, edition_for, kemu_name, lookup

LENGTHS = {"func": (3, 5, 7), "econ": (3, 5)}


@pytest.fixture(scope="module")
def rows() -> list[dict]:
    with open(DATA, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _until(row: dict) -> int:
    return int(row["until"]) if row["until"] else EDITIONS[-1]


def _edition(rows: list[dict], year: int) -> dict[tuple[str, str], dict]:
    return {(r["kind"], r["code"]): r for r in rows if int(r["since"]) <= year <= _until(r)}


def test_columns_and_every_row_has_a_known_source(rows):
    assert list(rows[0]) == ["kind", "code", "name", "since", "until", "source", "explanation"]
    for r in rows:
        assert r["kind"] in LENGTHS, r
        assert r["code"].isdigit() and len(r["code"]) in LENGTHS[r["kind"]], r
        assert r["source"] in SOURCES, r
        assert int(r["since"]) in EDITIONS and _until(r) in EDITIONS and int(r["since"]) <= _until(r), r


def test_keys_are_unique_and_editions_of_one_code_never_overlap(rows):
    by_code: dict[tuple[str, str], list[tuple[int, int]]] = defaultdict(list)
    for r in rows:
        by_code[(r["kind"], r["code"])].append((int(r["since"]), _until(r)))
    assert sum(len(v) for v in by_code.values()) == len({(r["kind"], r["code"], r["since"]) for r in rows})
    for key, spans in by_code.items():
        spans.sort()
        for (_, end), (start, _) in zip(spans, spans[1:]):
            assert end < start, (key, spans)


def test_every_kuan_is_under_its_lei_and_every_xiang_under_its_kuan_in_each_edition(rows):
    for year in EDITIONS:
        book = _edition(rows, year)
        for kind, code in book:
            if len(code) > 3:
                assert (kind, code[:len(code) - 2]) in book, (year, code)


def test_names_use_full_width_brackets_and_explanations_are_sentences(rows):
    for r in rows:
        assert r["name"] and r["name"] == r["name"].strip(), r
        assert not re.search(r"[()\s]", r["name"]), r["name"]
        text = r["explanation"]
        assert not text or (text.startswith("反映") and text.endswith("。") and "(" not in text), r
        if r["source"] == "pattern":  # the catalogue's fixed sentences (each confirmed by a seed for one 款)
            assert (re.fullmatch(r"反映除上述项目以外其他用于.+方面的支出。", text)
                    or (r["name"], text) in {("行政运行", "反映行政单位的基本支出。"),
                                             ("一般行政管理事务", "反映行政单位未单独设置项级科目的其他项目支出。")}), r


def test_only_confirmed_explanations_are_printed(rows):
    from juesuan.spec.catalog import catalog
    k = catalog(2024)
    unverified = next(r for r in rows if r["source"] == "unverified" and r["explanation"] and not r["until"]
                      and r["kind"] == "func")
    assert k.explanation(unverified["code"]) == ""
    assert k.explanation("2012901") == "反映行政单位的基本支出。"


def test_rows_are_in_catalogue_order(rows):
    keys = [(r["kind"] != "func", r["code"], int(r["since"])) for r in rows]
    assert keys == sorted(keys)


def test_coverage_at_least_600_xiang_in_each_of_at_least_three_editions(rows):
    assert len(EDITIONS) >= 3 and {2020, 2024, 2025} <= set(EDITIONS)
    for year in EDITIONS:
        xiang = [c for kind, c in _edition(rows, year) if kind == "func" and len(c) == 7]
        assert len(xiang) >= 600, (year, len(xiang))
    econ = [c for kind, c in _edition(rows, 2024) if kind == "econ"]
    assert {"301", "30101", "302", "30217", "303", "310", "31013", "399"} <= set(econ)


def test_the_trade_union_codes_are_there_in_every_edition():
    for year in EDITIONS:
        k = catalog(year)
        assert k.func_name("2012906") == "工会事务"
        assert k.func_name("2012950") == "事业运行"
        assert k.func_name("2012999") == "其他群众团体事务支出"
        assert k.func_name("2012904") == "厂务公开"
        assert k.func_name("2109901") == "其他卫生健康支出"


def test_edition_is_the_newest_not_after_the_report_year():
    assert edition_for(2020) == 2020 and edition_for(2023) == 2023 and edition_for(2024) == 2024
    assert edition_for(2030) == EDITIONS[-1] and edition_for(None) == EDITIONS[-1]
    assert edition_for(2015) == EDITIONS[0]
    assert catalog(2020).edition == 2020


def test_a_renamed_kuan_has_its_name_by_edition():
    assert catalog(2020).func_name("20805") == "行政事业单位离退休"
    assert catalog(2024).func_name("20805") == "行政事业单位养老支出"
    assert catalog(2020).func_name("2130599") == "其他扶贫支出"
    assert catalog(2024).func_name("2130599") == "其他巩固脱贫攻坚成果衔接乡村振兴支出"
    # renamed in 2021 and still in the 2024 catalogue (财预〔2023〕83号), not removed (issue 22)
    assert catalog(2024).func_name("2130507") == "贷款奖补和贴息"
    assert catalog(2020).func_name("2130507") == "扶贫贷款奖补和贴息"
    assert catalog(2024).func_name("2130508") == "“三西”农业建设专项补助"
    assert [(e.editions, e.name) for e in catalog(2024).other_editions("2130507")] == [("2020年", "扶贫贷款奖补和贴息")]


def test_administration_items_carry_the_official_explanation():
    """行政运行 / 一般行政管理事务 of every 款 (not the seed quotations): the catalogue's own sentence."""
    k = catalog(2024)
    assert k.explanation("2130501") == "反映行政单位（包括实行公务员管理的事业单位）的基本支出。"
    assert k.explanation("2130502") == "反映行政单位（包括实行公务员管理的事业单位）未单独设置项级科目的其他项目支出。"
    assert k.func["2130501"].source == "official"


def test_workbook_name_wins_when_the_tables_agree():
    k = catalog(2020)
    assert kemu_name("20805", k, ["行政事业单位养老支出", "行政事业单位养老支出 "]) == "行政事业单位养老支出"
    assert kemu_name("20805", k, ["行政事业单位养老支出", "别的名称"]) == "行政事业单位离退休"
    assert kemu_name("20805", k, [None, ""]) == "行政事业单位离退休"
    assert kemu_name("2012988", k, [None]) == "2012988"
    assert kemu_name("2012906", k, ["工会事务(本级)"]) == "工会事务（本级）"


def test_lookup_by_name_and_by_code():
    edition, found = lookup("工会", 2023)
    assert edition == 2023
    assert [(m.entry.code, m.entry.name) for m in found] == [
        ("2012905", "工会疗养休养"), ("2012906", "工会事务"), ("30228", "工会经费")]
    assert found[1].full_name == "一般公共服务支出（类）群众团体事务（款）工会事务（项）"
    edition, found = lookup("2012906", 2020)
    assert edition == 2020 and [m.entry.code for m in found] == ["2012906"]
    edition, found = lookup("扶贫贷款奖补和贴息", 2024)  # only in another edition: shown with it
    assert [(m.entry.code, m.entry.editions, m.full_name) for m in found] == [
        ("2130507", "2020年", "农林水支出（类）扶贫（款）扶贫贷款奖补和贴息（项）")]
    assert lookup("没有这个科目", 2024)[1] == []
