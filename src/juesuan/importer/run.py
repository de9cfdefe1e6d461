"""import_report: a source file of any kind into an ImportResult (see the package docstring)."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from juesuan.importer.items import Extracted
from juesuan.importer.parse_fixed import FixedParsing
from juesuan.importer.parse_tables import Source
from juesuan.importer.problems import ERROR, SourceError, not_found, problem
from juesuan.importer.titles import Segments, segment
from juesuan.model.report import Report
from juesuan.spec.layouts import LAYOUTS

SUFFIXES = (".xlsx", ".xlsm", ".xls", ".pdf", ".docx", ".txt")


@dataclass
class ImportResult:
    report: Report
    sources: dict[str, Source] = field(default_factory=dict)  # '公开03表!E12' -> where it was printed
    problems: list = field(default_factory=list)  # [Finding]
    pages: list[str] = field(default_factory=list)  # page texts; page n is pages[n - 1]
    titles: dict[str, str] = field(default_factory=dict)  # table id -> title as printed
    kind: str = ""  # pdf | docx | xlsx | txt
    segments: Segments | None = None  # lines and tables, for the text facts
    fact_notes: dict[str, str] = field(default_factory=dict)  # field or list id -> where the text said it
    fact_lists: set[str] = field(default_factory=set)  # list sheets filled from the text

    @property
    def found(self) -> list[str]:
        return sorted(self.titles)


def extract(path: Path) -> Extracted:
    suffix = path.suffix.lower()
    try:
        if not path.is_file():
            raise SourceError(f"找不到文件“{path}”（或它是文件夹）。")
    except OSError as exc:
        from juesuan.fileio.oserrors import describe
        raise SourceError(f"无法读取文件“{path}”：{describe(exc)}。") from None
    if suffix == ".et":
        raise SourceError(f"“{path.name}”是 WPS 表格（.et）格式，无法直接读取；请在 WPS 中“另存为” Excel（.xlsx）后再导入。")
    if suffix == ".doc" or suffix == ".wps":
        raise SourceError(f"“{path.name}”是旧的 Word（{suffix}）格式，无法直接读取；请另存为 .docx 或导出 PDF 后再导入。")
    from juesuan.importer import office, pdf
    try:
        if suffix == ".pdf":
            return pdf.extract_pdf(path)
        if suffix == ".docx":
            return office.extract_docx(path)
        if suffix in (".xlsx", ".xlsm"):
            return office.extract_xlsx(path)
        if suffix == ".xls":
            return office.convert_xls(path)
        if suffix == ".txt":
            return office.extract_txt(path)
    except OSError as exc:
        from juesuan.fileio.oserrors import describe
        raise SourceError(f"无法读取文件“{path.name}”：{describe(exc)}。") from None
    except RecursionError:
        raise SourceError(f"“{path.name}”结构过于复杂，无法读取。") from None
    raise SourceError(f"不认识“{path.name}”的文件类型；可导入：Excel（.xlsx/.xls）、PDF、Word（.docx）、文本（.txt）。")


def import_report(path: str | Path) -> ImportResult:
    """Read ``path`` (PDF, .docx, .xlsx/.xls, .txt); raise SourceError (Chinese ``message``) when
    it cannot be read at all.  Tables not found are empty, and said in ``problems``."""
    from juesuan.importer.cellmap import attach_cells, cell_refs
    path = Path(path)
    doc = extract(path)
    segs = segment(doc, path.name)
    report = Report(source=str(path))
    parser = FixedParsing(report, path.name)
    parser.problems += segs.problems
    result = ImportResult(report, pages=doc.pages, kind=doc.kind, segments=segs)
    for layout in LAYOUTS:
        found = segs.tables.get(layout.id)
        if found is None:
            parser.problems.append(not_found(layout.title))
            continue
        result.titles[layout.id] = found.title
        unit = found.unit_line.replace("：", ":")
        if "单位:" in unit and "万元" not in unit:
            parser.problems.append(problem(
                "I-UNIT", ERROR, f"“{found.title}”的金额单位是“{unit.split('单位:')[-1]}”，不是万元；"
                "导入的数按万元写入，会大一万倍", f"{path.name} {found.title}", "请把原表换算成万元后再导入"))
        read = {"fixed": parser.fixed, "coded": parser.coded, "econ": parser.econ,
                "single": parser.single}[layout.kind]
        report.tables[layout.id] = read(layout, found)
    if not segs.tables:
        raise SourceError(f"“{path.name}”中找不到部门决算公开的九张表（如“收入支出决算总表”“支出决算表”），"
                          "不像部门决算报告或决算软件导出的公开表。")
    from juesuan.importer.facts import fill_facts
    fill_facts(result, path)
    refs = cell_refs(report)
    for key, source in parser.sources.items():
        ref = refs.get(key)
        if ref is not None:
            result.sources[ref] = source
    attach_cells(report, refs)
    result.problems = parser.problems + result.problems
    return result
