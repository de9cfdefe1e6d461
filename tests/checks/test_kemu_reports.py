"""Real workbooks (.xlsx written, checked, rendered to .docx and read back) whose 科目 the
dictionary knows only partly: the report is never blocked by the dictionary, every message names
the edition of the report's year, and 第五部分 reads correctly with or without an explanation."""
from __future__ import annotations

import pytest

from docx import Document
from minidata_helpers import complete, mini
from render_helpers import all_text

from juesuan.api import check_workbook, render_workbook
from juesuan.checks import run_checks
from juesuan.maintenance.examples import report_from_data
from juesuan.model.findings import ERROR, INFO, WARNING
from juesuan.workbooks.writer import write_workbook


def _rename(data: dict, codes: dict[str, tuple[str, str]]) -> dict:
    """Every 类/款/项 row of 表2、表3、表5 (and the 类 lines of 表1、表4, the 项级预算 codes) renamed."""
    for tid in ("T02", "T03", "T05"):
        for row in data["tables"][tid]["rows"]:
            if row[0] in codes:
                row[0], row[1] = codes[row[0]]
    for tid in ("T01", "T04"):
        values = data["tables"][tid]["values"]
        for old, (new, _) in codes.items():
            if len(old) == 3 and f"c{old}" in values:
                values[f"c{new}"] = values.pop(f"c{old}")
    for rec in data["lists"]["B02"]:
        rec["code"] = codes.get(rec["code"], (rec["code"],))[0]
    return data


def _trade_union_split() -> dict:
    """The 群众团体事务 money of mini() spread over 2012906 工会事务, 2012950 事业运行 and 2012999."""
    data = complete(mini())
    lines = {  # code: (name, 表2 [total, fiscal, other], 表3 [total, basic, project], 表5 [total, basic, project])
        "2012906": ("工会事务", ["60.50", "50.50", "10"], ["60.50", "60.50", None], ["50.50", "50.50", None]),
        "2012950": ("事业运行", ["20", "20", None], ["20", "20", None], ["20", "20", None]),
        "2012999": ("其他群众团体事务支出", ["20", "20", None], ["20", None, "20"], ["20", None, "20"]),
    }
    for tid, i in (("T02", 2), ("T03", 3), ("T05", 4)):
        rows = data["tables"][tid]["rows"]
        at = next(n for n, r in enumerate(rows) if r[0] == "2012901")
        new = []
        for code, (name, *amounts) in lines.items():
            a = amounts[i - 2]
            new.append([code, name, a[0], a[1], None, None, None, None, a[2]] if tid == "T02" else [code, name, *a])
        rows[at:at + 1] = new
    data["lists"]["B02"] = [{"code": "2012906", "budget": "50.50"}, {"code": "2012950", "budget": "20"},
                            {"code": "2012999", "budget": "20"}, {"code": "2080505", "budget": "30"}]
    return data


def _render(data: dict, folder):
    path = write_workbook(folder / "in.xlsx", report_from_data(data))
    result = render_workbook(path, folder / "out.docx")
    return result, Document(str(result.docx)) if result.docx else None


def _subject_lines(doc) -> list[str]:
    texts = [p.text for p in doc.paragraphs]
    start = next(i for i, t in enumerate(texts) if "使用的支出功能分类科目（到项级）" in t)
    return [t for t in texts[start + 1:start + 8] if t[:1].isdigit() and "（项）" in t]


def test_trade_union_codes_render_without_errors_and_with_their_subject_lines(tmp_path):
    result, doc = _render(_trade_union_split(), tmp_path)
    findings = result.check.findings
    assert result.check.errors == 0, "\n".join(f.text() for f in findings)
    assert result.docx is not None and not result.problems
    assert not [f for f in findings if f.rule == "C-4"], "\n".join(f.text() for f in findings)
    assert _subject_lines(doc) == [
        "1.一般公共服务支出（类）群众团体事务（款）工会事务（项）",
        # the dictionary's 事业运行 wording is unverified: never printed on the office's behalf
        "2.一般公共服务支出（类）群众团体事务（款）事业运行（项）",
        "3.一般公共服务支出（类）群众团体事务（款）其他群众团体事务支出（项）：反映除上述项目以外其他用于"
        "群众团体事务方面的支出。",
        "4.社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位基本养老保险缴费支出（项）：反映机关事业单位"
        "实施养老保险制度由单位缴纳的基本养老保险费支出。",
    ]
    # 2012906 (no explanation) and 2012950 (unverified one): one 警告 each, naming its own
    # empty row of the 科目说明 sheet
    c7 = [f for f in findings if f.rule == "C-7"]
    assert [(f.severity, f.cells[1]) for f in c7] == [(WARNING, "科目说明!A3"), (WARNING, "科目说明!A4")]
    assert "2012906" in c7[0].message and "2024年" in c7[0].message and "第 3 行" in c7[0].hint
    assert "2012950" in c7[1].message and "第 4 行" in c7[1].hint


def test_an_explanation_in_the_code_notes_sheet_fills_the_line(tmp_path):
    data = _trade_union_split()
    data["lists"]["M02"] = [{"code": "2012906", "text": "反映工会组织开展职工服务等方面的支出。"},
                            {"code": "2012950", "text": "反映事业单位的基本支出。"}]
    result, doc = _render(data, tmp_path)
    assert not [f for f in result.check.findings if f.rule == "C-7"]
    assert _subject_lines(doc)[1].endswith("事业运行（项）：反映事业单位的基本支出。")
    assert _subject_lines(doc)[0] == "1.一般公共服务支出（类）群众团体事务（款）工会事务（项）：反映工会组织开展职工服务等方面的支出。"


def test_a_2020_workbook_uses_the_2020_edition(tmp_path):
    data = _rename(complete(mini()), {"201": ("210", "卫生健康支出"), "20129": ("21099", "其他卫生健康支出"),
                                       "2012901": ("2109901", "其他卫生健康支出")})
    data["fields"]["G03"] = 2020
    result, doc = _render(data, tmp_path)
    findings = result.check.findings
    assert result.check.errors == 0 and result.docx is not None, "\n".join(f.text() for f in findings)
    assert not [f for f in findings if f.rule in ("C-4", "C-7")], "\n".join(f.text() for f in findings)
    # 20805 is 行政事业单位离退休 in the 2020 edition: a 提示 that names 2020; the workbook's name wins
    c3 = [f for f in findings if f.rule == "C-3"]
    assert [(f.severity, f.message) for f in c3] == [(INFO, "科目 20805 在公开02表、公开03表、公开05表的名称为"
                                                            "“行政事业单位养老支出”，2020年科目中为“行政事业单位离退休”。")]
    assert "2024年" not in "\n".join(f.text() for f in findings)
    assert _subject_lines(doc) == [
        "1.社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位基本养老保险缴费支出（项）：反映机关事业单位"
        "实施养老保险制度由单位缴纳的基本养老保险费支出。",
        "2.卫生健康支出（类）其他卫生健康支出（款）其他卫生健康支出（项）：反映除上述项目以外其他用于卫生健康方面的支出。",
    ]
    assert "其他卫生健康支出" in all_text(doc)


def test_a_code_unknown_in_every_edition_is_a_warning_and_the_report_renders(tmp_path):
    data = _rename(complete(mini()), {"2012901": ("2012988", "职工服务事务")})
    result, doc = _render(data, tmp_path)
    findings = result.check.findings
    assert result.check.errors == 0 and result.docx is not None, "\n".join(f.text() for f in findings)
    c4 = [f for f in findings if f.rule == "C-4"]
    assert [(f.severity, f.message) for f in c4] == [
        (WARNING, "公开02表、公开03表、公开05表科目 2012988 字典未收录：本工具2020—2025年各版本的科目字典都没有这个编码"
                  "（字典并不完整，不一定是编码有误）。")]
    assert [f.rule for f in findings if f.rule == "C-7"] == ["C-7"]
    assert _subject_lines(doc)[0] == "1.一般公共服务支出（类）群众团体事务（款）职工服务事务（项）"


def test_check_alone_reports_the_same_explanation_warnings(tmp_path):
    path = write_workbook(tmp_path / "in.xlsx", report_from_data(_trade_union_split()))
    result = check_workbook(path)
    assert result.ok and [f.rule for f in result.findings if f.severity != INFO].count("C-7") == 2  # 2012906, 2012950


def test_a_near_code_with_another_name_is_never_proposed():
    data = _trade_union_split()
    for tid in ("T02", "T03", "T05"):
        for row in data["tables"][tid]["rows"]:
            if row[0] == "2012999":
                row[0], row[1] = "2012907", "职工帮扶"
    findings = run_checks(report_from_data(data))
    c4 = [f for f in findings if f.rule == "C-4"]
    assert [f.severity for f in c4] == [WARNING]
    assert "2012906" not in c4[0].message + c4[0].hint and "可能是" not in c4[0].message


def test_a_renamed_code_in_the_current_catalogue_is_not_unknown():
    """2130507 was renamed in 2021, not removed (issue 22): a 2024 report using it has no C-4."""
    data = _rename(complete(mini()), {"201": ("213", "农林水支出"), "20129": ("21305", "巩固脱贫攻坚成果衔接乡村振兴"),
                                       "2012901": ("2130507", "贷款奖补和贴息")})
    findings = run_checks(report_from_data(data))
    assert not [f for f in findings if f.rule == "C-4"]


@pytest.fixture
def only_in_2020(monkeypatch):
    """The dictionary without the 2021– row of 2130507: the code is then only in the 2020 edition."""
    from juesuan.spec import catalog as catalog_module
    rows = tuple(e for e in catalog_module.entries() if not (e.code == "2130507" and e.since == 2021))

    def use(source: str):
        import dataclasses
        changed = tuple(dataclasses.replace(e, source=source) if e.code == "2130507" else e for e in rows)
        monkeypatch.setattr(catalog_module, "entries", lambda: changed)
        _clear(catalog_module)
    yield use
    monkeypatch.undo()
    _clear(catalog_module)


def _clear(catalog_module) -> None:
    """Every cache built from entries()."""
    for name in ("catalog", "entries_by_code", "entries"):
        clear = getattr(getattr(catalog_module, name, None), "cache_clear", None)
        if clear:
            clear()


@pytest.mark.parametrize("source, message", [
    ("unverified", "公开02表、公开03表、公开05表科目 2130507 字典未收录2024年版本；字典中该编码在2020年科目中为"
                   "“扶贫贷款奖补和贴息”（该行未与官方目录核对）。"),
    ("official", "公开02表、公开03表、公开05表科目 2130507 不在2024年科目中；该编码在2020年科目中为“扶贫贷款奖补和贴息”。")])
def test_a_code_of_another_edition_says_which_and_proposes_nothing(only_in_2020, source, message):
    only_in_2020(source)
    data = _rename(complete(mini()), {"201": ("213", "农林水支出"), "20129": ("21305", "巩固脱贫攻坚成果衔接乡村振兴"),
                                       "2012901": ("2130507", "扶贫贷款奖补和贴息")})
    findings = [f for f in run_checks(report_from_data(data)) if f.rule == "C-4"]
    assert [(f.severity, f.message) for f in findings] == [(WARNING, message)]
    assert "应为" not in findings[0].hint and "2024年用2024年科目" in findings[0].hint
    assert not [f for f in run_checks(report_from_data(data)) if f.severity == ERROR]


def test_items_only_in_tables_7_and_8_need_an_explanation_too(tmp_path, examples):
    """第五部分 also lists 项 printed only in 表7/表8: check names them at their own table's cell,
    and check and render agree on the same single 警告 each."""
    import json
    data = json.loads((examples / "data" / "c_synthetic_2024.json").read_text(encoding="utf-8"))
    data["lists"]["M02"] = [x for x in data["lists"]["M02"] if x["code"] not in ("2296003", "2230105")]
    path = write_workbook(tmp_path / "c.xlsx", report_from_data(data))
    c7 = [f for f in check_workbook(path).findings if f.rule == "C-7"]
    where = {f.message.split("科目 ")[1][:7]: f.cells[0].split("!")[0] for f in c7}
    assert where == {"2230105": "公开08表", "2296003": "公开07表"}
    result = render_workbook(path, tmp_path / "c.docx")
    assert result.docx is not None
    assert len([f for f in result.check.findings if f.rule == "C-7"]) == 2


def test_c7_names_the_part_the_skeleton_used_gives_the_glossary(tmp_path, examples):
    """The shipped skeleton lists the 科目 in 第五部分; the 上海 one (tests/templating/overrides/shanghai)
    in 第四部分: a render with that folder says 第四部分, and the document agrees."""
    import json

    from conftest import TESTS
    data = json.loads((examples / "data" / "c_synthetic_2024.json").read_text(encoding="utf-8"))
    data["lists"]["M02"] = [x for x in data["lists"]["M02"] if x["code"] != "2296003"]
    path = write_workbook(tmp_path / "c.xlsx", report_from_data(data))
    shipped = [f.message for f in check_workbook(path).findings if f.rule == "C-7"]
    assert len(shipped) == 1 and shipped[0].endswith("第五部分该科目只印名称，不写说明。"), shipped
    shanghai = TESTS / "templating" / "overrides" / "shanghai"
    result = render_workbook(path, tmp_path / "c.docx", templates_dir=shanghai)
    assert result.docx is not None, result.problems
    c7 = [f.message for f in result.check.findings if f.rule == "C-7"]
    assert len(c7) == 1 and c7[0].endswith("第四部分该科目只印名称，不写说明。"), c7
    assert "第四部分 名词解释" in [p.text for p in Document(str(result.docx)).paragraphs]


def test_check_command_takes_the_templates_folder_too(tmp_path, examples):
    """`make-report check --templates DIR` numbers the parts as the render with DIR will."""
    import json

    from click.testing import CliRunner
    from conftest import TESTS

    from juesuan_cli.main import cli
    data = json.loads((examples / "data" / "c_synthetic_2024.json").read_text(encoding="utf-8"))
    data["lists"]["M02"] = [x for x in data["lists"]["M02"] if x["code"] != "2296003"]
    path = write_workbook(tmp_path / "c.xlsx", report_from_data(data))
    shanghai = TESTS / "templating" / "overrides" / "shanghai"
    out = CliRunner().invoke(cli, ["check", str(path), "--templates", str(shanghai)]).output
    assert "第四部分该科目只印名称，不写说明。" in out and "第五部分该科目" not in out
    out = CliRunner().invoke(cli, ["check", str(path)]).output
    assert "第五部分该科目只印名称，不写说明。" in out
    missing = CliRunner().invoke(cli, ["check", str(path), "--templates", str(tmp_path / "无此目录")])
    assert missing.exit_code == 2 and "模板覆盖目录" in missing.output
