"""make-report serve: the page in the browser for clerks and for the collecting office.

A client of the library like the command line: every piece of work goes through the front door
(``juesuan.check_workbook``, ``render_workbook``, ``annotate``, ``write_blank_workbook``,
``init_next_year``, ``batch``, ``audit``); this package only receives files, shows results and
hands out downloads.

* :mod:`.server` — settings, starting and stopping uvicorn (:func:`serve`, :class:`WebServer`);
* :mod:`.app` — the Starlette application and its routes;
* :mod:`.guard` — access token, same-origin check, host check, sessions, security headers;
* :mod:`.workspace` — the private temporary folder, per-session folders, safe file names;
* :mod:`.uploads` — size and count limits, .zip archives unpacked with guards;
* :mod:`.clerk`, :mod:`.collect`, :mod:`.audit_page` — the three pages;
* ``templates/`` (Jinja HTML) and ``static/`` (CSS, plain JavaScript): shipped, nothing from a CDN.

Starlette and uvicorn are imported only when the server starts (``make-report --help`` stays cheap).
"""
from __future__ import annotations


_LAZY = {"serve", "Settings", "WebServer", "Limits"}


def __getattr__(name: str):
    if name in _LAZY:
        from juesuan.web import server
        return getattr(server, name)
    raise AttributeError(f"module 'juesuan.web' has no attribute {name!r}")
