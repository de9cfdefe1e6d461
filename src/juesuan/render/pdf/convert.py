"""--pdf: convert the .docx with LibreOffice (headless), when it is installed.

Each conversion runs in a fresh temporary profile (-env:UserInstallation) so it neither
touches the user's LibreOffice settings nor collides with a running LibreOffice.  A small
Basic macro in that profile opens the document, updates the 目录 (LibreOffice does not update
indexes on a plain --convert-to, so the PDF would show the pre-filled 目录 without page
numbers) and exports the PDF.  If the macro route fails, a plain --convert-to is tried.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from juesuan.fileio.oserrors import describe, on_windows
from juesuan.render.pdf.lo_process import run
from juesuan.render.pdf.fonts import FontPlan, plan
from juesuan.render.pdf.fonts import install as install_fonts

DEFAULT_TIMEOUT = 180  # seconds for the whole conversion

CANDIDATES = (
    "/usr/bin/soffice", "/usr/lib/libreoffice/program/soffice", "/opt/libreoffice/program/soffice",
    "/Applications/LibreOffice.app/Contents/MacOS/soffice",
    r"C:\Program Files\LibreOffice\program\soffice.exe", r"C:\Program Files (x86)\LibreOffice\program\soffice.exe",
)

MACRO = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1" script:language="StarBasic">
Sub ConvertPdf(inUrl As String, outUrl As String)
  Dim args(0) As New com.sun.star.beans.PropertyValue
  args(0).Name = &quot;Hidden&quot;
  args(0).Value = True
  doc = StarDesktop.loadComponentFromURL(inUrl, &quot;_blank&quot;, 0, args())
  indexes = doc.getDocumentIndexes()
  toc = &quot;&quot;
  For i = 0 To indexes.getCount() - 1
    indexes.getByIndex(i).update()
    If i = 0 Then toc = indexes.getByIndex(i).getAnchor().getString()
  Next
  doc.getTextFields().refresh()
  Dim f(0) As New com.sun.star.beans.PropertyValue
  f(0).Name = &quot;FilterName&quot;
  f(0).Value = &quot;writer_pdf_Export&quot;
  doc.storeToURL(outUrl, f())
  doc.close(True)
  REM The page number of each 目录 line (the text after its tab), one per line, for the .docx.
  On Error Goto Done
  n = FreeFile
  Open ConvertFromURL(outUrl &amp; &quot;.pages&quot;) For Output As #n
  lines = Split(Join(Split(toc, Chr(13)), Chr(10)), Chr(10))
  For k = LBound(lines) To UBound(lines)
    p = InStr(lines(k), Chr(9))
    If p &gt; 0 Then Print #n, Mid(lines(k), p + 1)
  Next k
  Close #n
  Done:
End Sub
</script:module>
"""

SCRIPT_XLB = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE library:library PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "library.dtd">
<library:library xmlns:library="http://openoffice.org/2000/library" library:name="Standard" library:readonly="false" library:passwordprotected="false">
 <library:element library:name="Module1"/>
</library:library>
"""

SCRIPT_XLC = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE library:libraries PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "libraries.dtd">
<library:libraries xmlns:library="http://openoffice.org/2000/library" xmlns:xlink="http://www.w3.org/1999/xlink">
 <library:library library:name="Standard" xlink:href="$(USER)/basic/Standard/script.xlb/" xlink:type="simple" library:link="false"/>
</library:libraries>
"""


class PdfInterrupted(KeyboardInterrupt):
    """Ctrl-C (or SIGTERM) while converting: the .docx at ``docx`` is complete, only the PDF
    was not made.  A KeyboardInterrupt, so every caller that stops on Ctrl-C still stops."""

    def __init__(self, docx: Path):
        super().__init__(str(docx))
        self.docx = docx


class PdfError(Exception):
    """Conversion failed; ``message`` is Chinese and says what to do."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def windows_candidates(environ=None) -> list[str]:
    """soffice.exe where the LibreOffice installer puts it: Program Files (64- and 32-bit, on any
    drive the environment names), a per-user install, and versioned folders (“LibreOffice 7”)."""
    env = os.environ if environ is None else environ
    roots = [env.get(k) for k in ("ProgramFiles", "ProgramW6432", "ProgramFiles(x86)")]
    roots += [r"C:\Program Files", r"C:\Program Files (x86)"]
    if env.get("LOCALAPPDATA"):
        roots.append(str(Path(env["LOCALAPPDATA"]) / "Programs"))
    found: list[str] = []
    for root in dict.fromkeys(r for r in roots if r):
        folders = [Path(root) / "LibreOffice"]
        try:
            folders += sorted((p for p in Path(root).glob("LibreOffice*") if p.name != "LibreOffice"), reverse=True)
        except OSError:
            pass
        found += [str(f / "program" / "soffice.exe") for f in folders]
    return list(dict.fromkeys(found))


def is_wps(path: str) -> bool:
    """WPS Office (wps.exe, et.exe, wpp.exe, ksolaunch.exe, the Kingsoft folders) cannot convert
    in the background: it is never taken for LibreOffice."""
    name = Path(path.replace("\\", "/")).name.lower()
    lowered = path.replace("\\", "/").lower()
    return name.split(".")[0] in ("wps", "et", "wpp", "wpspdf", "ksolaunch", "wpsoffice") \
        or "/kingsoft/" in lowered or "/wps office/" in lowered


def find_soffice() -> str | None:
    env = os.environ.get("JUESUAN_SOFFICE")
    if env:
        return env if Path(env).is_file() and not is_wps(env) else None
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found and not is_wps(found):
            return found
    candidates = windows_candidates() if on_windows() else CANDIDATES
    return next((c for c in candidates if Path(c).is_file()), None)


def _configure(profile: Path, fonts: FontPlan) -> None:
    """The conversion macro and the font replacement table, written into the fresh profile."""
    _install_macro(profile)
    install_fonts(profile, fonts)


def _install_macro(profile: Path) -> None:
    std = profile / "user" / "basic" / "Standard"
    std.mkdir(parents=True, exist_ok=True)
    (std / "Module1.xba").write_text(MACRO, encoding="utf-8")
    if not (std / "script.xlb").exists():
        (std / "script.xlb").write_text(SCRIPT_XLB, encoding="utf-8")
    xlc = profile / "user" / "basic" / "script.xlc"
    if not xlc.exists():
        xlc.write_text(SCRIPT_XLC, encoding="utf-8")


@dataclass
class Conversion:
    pdf: Path
    pages: list[int] | None  # the page numbers LibreOffice printed in the 目录, in order (None if unknown)
    fonts: list[str]  # Chinese lines: which fonts were replaced, or a warning


def convert(docx: str | Path, pdf: str | Path | None = None, *, timeout: float = DEFAULT_TIMEOUT) -> Path:
    """Convert ``docx`` to ``pdf`` (default: same name, .pdf); return the PDF path or raise PdfError."""
    return convert_with_pages(docx, pdf, timeout=timeout).pdf


def convert_with_pages(docx: str | Path, pdf: str | Path | None = None, *,
                       timeout: float = DEFAULT_TIMEOUT) -> Conversion:
    """Like convert; also the 目录 page numbers and the font replacements made."""
    import time
    docx = Path(docx)
    pdf = Path(pdf) if pdf else docx.with_suffix(".pdf")
    soffice = find_soffice()
    if soffice is None and is_wps(os.environ.get("JUESUAN_SOFFICE") or ""):
        raise PdfError("环境变量 JUESUAN_SOFFICE 指向的是 WPS，WPS 不能在后台转换 PDF；已生成的 Word 报告不受影响。"
                       "请安装 LibreOffice 后重试，或用 WPS 打开报告另存为 PDF。")
    if soffice is None:
        raise PdfError("未找到 LibreOffice（soffice 命令），无法生成 PDF；已生成的 Word 报告不受影响。"
                       "请安装 LibreOffice 后重试，或用 Word / WPS 打开报告另存为 PDF。")
    deadline = time.monotonic() + timeout
    work = Path(tempfile.mkdtemp(prefix="juesuan-pdf-"))
    try:
        src = work / "report.docx"  # an ASCII path: no quoting trouble in the macro call
        shutil.copyfile(docx, src)
        out = work / "report.pdf"
        profile = work / "profile"
        user = f"-env:UserInstallation={profile.as_uri()}"
        base = [soffice, user, "--headless", "--norestore", "--nologo", "--nodefault", "--nolockcheck"]
        log = ""
        temp = work / "tmp"
        temp.mkdir()
        try:
            run([soffice, user, "--headless", "--terminate_after_init"], max(1.0, deadline - time.monotonic()), temp)
            fonts = plan()
            _configure(profile, fonts)
            call = f'macro:///Standard.Module1.ConvertPdf("{src.as_uri()}","{out.as_uri()}")'
            _, log = run(base + [call], max(1.0, deadline - time.monotonic()), temp)
            if not (out.is_file() and out.stat().st_size > 0):
                _, log2 = run(base + ["--convert-to", "pdf:writer_pdf_Export", "--outdir", str(work), str(src)],
                               max(1.0, deadline - time.monotonic()), temp)
                log += log2
        except subprocess.TimeoutExpired:
            raise PdfError(f"LibreOffice 转换 PDF 超时：{int(timeout)} 秒仍未完成，已停止；"
                           "Word 报告已完整生成，可用 Word / WPS 打开后另存为 PDF。") from None
        except OSError as exc:
            raise PdfError(f"无法启动 LibreOffice（{soffice}）：{describe(exc)}") from None
        if not (out.is_file() and out.stat().st_size > 0):
            tail = " ".join(line for line in log.splitlines() if "javaldx" not in line)[-300:]
            raise PdfError("LibreOffice 未能生成 PDF" + (f"：{tail}" if tail.strip() else "。"))
        from juesuan.fileio.atomic import atomic_path
        with atomic_path(pdf) as tmp:
            shutil.copyfile(out, tmp)
        return Conversion(pdf, _pages(out.with_name(out.name + ".pages")), fonts.messages())
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _pages(path: Path) -> list[int] | None:
    try:
        lines = [ln.strip() for ln in path.read_text(encoding="ascii", errors="replace").splitlines() if ln.strip()]
    except OSError:
        return None
    if not lines or not all(ln.isdigit() for ln in lines):
        return None
    return [int(ln) for ln in lines]
