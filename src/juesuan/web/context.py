"""What every page handler shares: the server's state (:class:`Web`), the session, responses."""
from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
from starlette.exceptions import HTTPException
from starlette.responses import FileResponse, HTMLResponse, RedirectResponse

from juesuan.web.uploads import Limits
from juesuan.web.workspace import Workspace

HERE = Path(__file__).parent
NAV = [("/", "审核与生成报告"), ("/collect", "汇总各部门"), ("/audit", "核对已公开报告")]


@dataclass
class Web:
    """What every handler needs: the workspace, the limits, the templates (fixed: the page
    never takes a template override) and whether LibreOffice can make PDFs."""
    workspace: Workspace
    limits: Limits = field(default_factory=Limits)
    jobs: int | None = None
    pdf: bool = False
    batch_slots: threading.Semaphore = field(default_factory=lambda: threading.Semaphore(1))
    stopping: threading.Event = field(default_factory=threading.Event)
    threads: list = field(default_factory=list)
    env: jinja2.Environment = field(default_factory=lambda: jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(HERE / "templates")), autoescape=True,
        undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True))

    def page(self, request, template: str, status: int = 200, **context) -> HTMLResponse:
        html = self.env.get_template(template).render(
            nav=NAV, here=request.url.path, limits=self.limits, pdf_available=self.pdf, **context)
        return HTMLResponse(html, status_code=status)


def web_of(request) -> Web:
    return request.app.state.web


def session_of(request):
    return request.scope["juesuan_session"]


def download(path: Path | None, name: str | None = None) -> FileResponse:
    if path is None or not Path(path).is_file():
        raise HTTPException(404)
    return FileResponse(path, filename=name or Path(path).name)


def redirect(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)
