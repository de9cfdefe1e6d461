"""A finished report as a list of paragraphs: from .docx (python-docx), .txt or .pdf (poppler's pdftotext).

Published reports reach us in every shape: a Word file edited by hand, a text file pasted from a PDF
with page breaks in the middle of sentences, a PDF.  Whatever the source, the result is one string per
paragraph with the spaces a PDF puts between Chinese characters and digits removed, and lines that a page
break or a line wrap cut in two joined again (a line that does not end a sentence continues on the next,
unless the next one is a heading).
"""
from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from juesuan.fileio.oserrors import describe, on_windows


class ReportUnreadable(Exception):
    """The report file cannot be read; ``message`` is a complete Chinese sentence."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


SUFFIXES = (".docx", ".txt", ".pdf")
_ENDS = "。！？；;：:"
# \u2060, \u200b: the word joiners and break opportunities the renderer puts in (664.91万元 on one line)
_SPACES = re.compile(r"[ \t\u3000\u00a0\u2002\u2003\u2009\u200b\u2060]+")
_BULLET = re.compile(r"^[-•·]\s*")
# A line that starts a new paragraph even when the previous one did not end a sentence.
_STARTS = re.compile(r"^(第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[)）]|\d+[.．、](?!\d)|图\s*\d|表\s*\d)")
# 「1.一般公共服务支出（类）…行政运行（项）。」 alone on its line: its figures follow on the next lines
_SUBJECT_TITLE = re.compile(r"^\d+[.．、].*[（(][类款项][)）]。$")
_LEADER = re.compile(r"[.…·．]{4,}\d*$")  # 目录 dots and page number
_PAGE_NUMBER = re.compile(r"^[—\-–]*\d+[—\-–]*$|^第\d+页(共\d+页)?$")


@dataclass
class ReportText:
    """The paragraphs of a report with the page each starts on (None: unknown, e.g. a .txt) and
    whether it is a row of a table (cells joined by ``｜``)."""
    paragraphs: list[str] = field(default_factory=list)
    pages: list[int | None] = field(default_factory=list)
    tables: list[bool] = field(default_factory=list)
    kind: str = ""  # docx / pdf / txt

    def page(self, index: int) -> int | None:
        return self.pages[index] if 0 <= index < len(self.pages) else None


def read_paragraphs(path: str | Path) -> list[str]:
    """The report's paragraphs, normalised (see module doc).  Raises ReportUnreadable."""
    return read_text(path).paragraphs


def read_text(path: str | Path) -> ReportText:
    """The report's paragraphs with their pages (see :class:`ReportText`).  Raises ReportUnreadable."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise ReportUnreadable(f"不支持的报告文件类型“{path.suffix or '无扩展名'}”：{path}；请提供 .docx、.txt 或 .pdf 文件。")
    if not path.is_file():
        raise ReportUnreadable(f"报告文件不存在：{path}")
    if suffix == ".docx":
        lines = _docx_lines(path)
    elif suffix == ".pdf":
        lines = _pdf_lines(path)
    else:
        lines = [(line, None, False) for line in _text(path).splitlines()]
    out = ReportText(kind=suffix[1:])
    for text, page, table in join_pages(lines):
        out.paragraphs.append(text)
        out.pages.append(page)
        out.tables.append(table or table_like(text))
    return out


_GLUED = re.compile(r"\d\.\d{2}\d+(?:\.\d|%)")  # 「694.34664.9195.76%」: cells of a table run together
_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def table_like(text: str) -> bool:
    """A paragraph that is a table flattened into text (a PDF's 绩效自评表, a table pasted as text):
    numbers glued to each other, or three or more numbers with no sentence punctuation at all."""
    if _GLUED.search(text):
        return True
    return not any(c in text for c in "，。；,;") and len(_NUMBER.findall(text)) >= 3


_THOUSANDS = re.compile(r"(?<=\d)，(?=\d{3}(?![\d]))")  # 1，756.3 (a full-width thousands comma)
_FULLWIDTH = str.maketrans("０１２３４５６７８９．％", "0123456789.%")


def normalise(text: str) -> str:
    """Remove the spaces inside a line (PDF text puts them between characters and digits); full-width
    digits become ASCII so that 「３９７．３３万元」 reads as a number."""
    text = _SPACES.sub("", _BULLET.sub("", text.strip())).translate(_FULLWIDTH)
    return _THOUSANDS.sub(",", text)


def join_lines(lines: list[str]) -> list[str]:
    return [text for text, _, _ in join_pages([(line, None, False) for line in lines])]


def join_pages(lines: list[tuple[str, int | None, bool]]) -> list[tuple[str, int | None, bool]]:
    """join_lines on (text, page, is-table-row) lines; a joined paragraph keeps the page it starts on,
    and a table row is never joined with prose."""
    from juesuan.audit.segment import is_heading
    out: list[list] = []
    open_ = False  # the last paragraph does not end a sentence yet
    for raw, page, table in lines:
        line = normalise(raw) if table else _LEADER.sub("", normalise(raw))
        if not line or (not table and _PAGE_NUMBER.match(line)):
            continue
        if table:
            out.append([line, page, True])
            open_ = False
            continue
        if open_ and out and not _STARTS.match(line):
            out[-1][0] += line
        else:
            out.append([line, page, False])
        # a line without a sentence end was cut by a page break or a line wrap, unless it is a heading
        last = out[-1][0]
        open_ = (last[-1] not in _ENDS and not is_heading(last)) or bool(_SUBJECT_TITLE.search(last))
    return [(t, p, tb) for t, p, tb in out]


def _docx_lines(path: Path) -> list[tuple[str, int | None, bool]]:
    import zipfile
    from lxml import etree
    from juesuan.audit.docx_text import body_lines
    try:
        lines = body_lines(path)
    except (zipfile.BadZipFile, KeyError, ValueError, etree.XMLSyntaxError) as exc:
        raise ReportUnreadable(f"无法读取 Word 文件“{path}”：文件已损坏或不是 .docx 格式（{type(exc).__name__}）。") from exc
    except OSError as exc:
        raise ReportUnreadable(f"无法读取“{path}”：{describe(exc)}") from exc
    except Exception as exc:  # python-docx raises its own errors for a broken package
        raise ReportUnreadable(f"无法读取 Word 文件“{path}”：文件已损坏或不是 .docx 格式（{type(exc).__name__}）。") from exc
    return [(line.text, line.page, line.table) for line in lines]


def _text(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ReportUnreadable(f"无法读取“{path}”：{describe(exc)}") from exc
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ReportUnreadable(f"无法读取文本文件“{path}”：编码既不是 UTF-8 也不是 GBK/GB18030。")


def pdftotext_path() -> str | None:
    return shutil.which("pdftotext")


def _pdf_lines(path: Path) -> list[str]:
    exe = pdftotext_path()
    if exe is None:
        raise ReportUnreadable(
            f"无法读取 PDF“{path}”：没有找到 pdftotext（poppler 工具）。请安装 poppler-utils"
            "（Windows 可安装 poppler 并把其 bin 文件夹加入 PATH），或把报告另存为 .docx / .txt 再核对。")
    with tempfile.TemporaryDirectory(prefix="juesuan-audit-") as work:
        source, extra = path, {}
        if on_windows():
            # poppler's Windows build reads its arguments in the ANSI code page: a name with a
            # character outside GBK would not be found, so it reads an ASCII-named copy; and no
            # console window flashes up when `serve` runs it
            extra["creationflags"] = getattr(subprocess, "CREATE_NO_WINDOW", 0x08000000)
            source = Path(work) / "report.pdf"
            try:
                shutil.copyfile(path, source)
            except OSError as exc:
                raise ReportUnreadable(f"无法读取“{path}”：{describe(exc)}") from exc
        try:
            done = subprocess.run([exe, "-enc", "UTF-8", str(source), "-"], capture_output=True, timeout=120, **extra)
        except subprocess.TimeoutExpired as exc:
            raise ReportUnreadable(f"读取 PDF“{path}”超时（超过 120 秒）。") from exc
        except OSError as exc:
            raise ReportUnreadable(f"无法运行 pdftotext：{describe(exc)}") from exc
    if done.returncode != 0:
        raise ReportUnreadable(f"无法读取 PDF“{path}”：文件已损坏、加密或不是 PDF（pdftotext 退出码 {done.returncode}）。")
    text = done.stdout.decode("utf-8", errors="replace")
    if not text.strip():
        raise ReportUnreadable(f"PDF“{path}”中没有可提取的文字（可能是扫描件），无法核对。")
    return [(line, number, False) for number, page in enumerate(text.split("\f"), 1) for line in page.splitlines()]
