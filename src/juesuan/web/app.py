"""The Starlette application: routes of the three pages, static files, error pages."""
from __future__ import annotations

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from juesuan.web import audit_page, clerk, collect
from juesuan.web.context import HERE, Web, web_of
from juesuan.web.guard import Guard
from juesuan.web.uploads import UploadRefused


async def refused(request, exc: UploadRefused):
    return web_of(request).page(request, "error.html", status=exc.status, message=exc.message)


async def not_found(request, exc):
    web = web_of(request)
    if exc.status_code == 404:
        return web.page(request, "error.html", status=404,
                        message="没有找到这一页或这个文件（服务重启后，之前上传的文件都已删除）。请回到首页重新上传。")
    return web.page(request, "error.html", status=exc.status_code, message=f"请求无法处理（{exc.status_code}）。")


async def internal(request, exc):
    return web_of(request).page(request, "error.html", status=500,
                                message="程序内部出错，未能完成（上传的文件没有被修改）。请把文件发给维护人员。")


def create_app(web: Web, *, token: str | None = None, port_of=lambda: 0):
    routes = [
        Route("/", clerk.index),
        Route("/clerk", clerk.upload, methods=["POST"]),
        Route("/clerk/{job}", clerk.result),
        Route("/clerk/{job}/draft", clerk.draft, methods=["POST"]),
        Route("/clerk/{job}/pdf", clerk.pdf, methods=["POST"]),
        Route("/clerk/{job}/download/{kind}", clerk.download_file),
        Route("/blank", clerk.blank),
        Route("/next-year", clerk.next_year, methods=["POST"]),
        Route("/next-year/{job}", clerk.next_year_result),
        Route("/next-year/{job}/download", clerk.next_year_download),
        Route("/collect", collect.index),
        Route("/collect", collect.upload, methods=["POST"]),
        Route("/collect/{job}", collect.result),
        Route("/collect/{job}/status", collect.status),
        Route("/collect/{job}/download/{index:int}/{kind}", collect.download_file),
        Route("/collect/{job}/summary", collect.summary),
        Route("/collect/{job}/all", collect.everything),
        Route("/audit", audit_page.index),
        Route("/audit", audit_page.upload, methods=["POST"]),
        Route("/audit/{job}", audit_page.result),
        Mount("/static", StaticFiles(directory=str(HERE / "static")), name="static"),
    ]
    app = Starlette(routes=routes, exception_handlers={UploadRefused: refused, HTTPException: not_found,
                                                       Exception: internal})
    app.state.web = web
    return Guard(app, workspace=web.workspace, token=token, port_of=port_of)
