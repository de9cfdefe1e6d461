"""Starting and stopping the page: the socket (a free port by default), uvicorn, the access token,
and the private temporary folder, removed when the server stops."""
from __future__ import annotations

import atexit
import secrets
import socket
import threading
import webbrowser
from dataclasses import dataclass, field
from pathlib import Path

from juesuan.web.uploads import Limits

DEFAULT_HOST = "127.0.0.1"
LOOPBACK = ("127.0.0.1", "localhost", "::1")


def needs_token(host: str) -> bool:
    """Every address but this computer's own loopback name is served only with an access token
    (127.0.0.2 included: the default is the one address that needs none)."""
    return host not in LOOPBACK


@dataclass
class Settings:
    host: str = DEFAULT_HOST
    port: int = 0  # 0: a free port chosen by the system
    token: str | None = None  # None: a fresh random one when the host needs one
    limits: Limits = field(default_factory=Limits)
    jobs: int | None = None  # worker processes of a batch (None: one per CPU)
    pdf: bool | None = None  # None: offer PDFs when LibreOffice is installed
    temp_parent: Path | None = None  # where the private folder is made (None: the system's temp folder)


def _bind(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    if host == "localhost":
        host, family = "127.0.0.1", socket.AF_INET
    return socket.create_server((host, port), family=family)


class WebServer:
    """One server: ``start()`` in a background thread (tests) or ``run()`` in the foreground
    (make-report serve); ``close()`` stops the batches and removes every uploaded and written file."""

    def __init__(self, settings: Settings | None = None):
        import uvicorn

        import juesuan
        from juesuan.web.app import create_app
        from juesuan.web.context import Web
        from juesuan.web.workspace import Workspace
        self.settings = settings = settings or Settings()
        self.token = settings.token or (secrets.token_urlsafe(24) if needs_token(settings.host) else None)
        self.sock = _bind(settings.host, settings.port)  # OSError (port taken, no such address) to the caller
        self.port = self.sock.getsockname()[1]
        self.workspace = Workspace(settings.temp_parent)
        atexit.register(self.workspace.close)
        pdf = juesuan.pdf_available() if settings.pdf is None else settings.pdf
        self.web = Web(self.workspace, settings.limits, settings.jobs, pdf)
        app = create_app(self.web, token=self.token, port_of=lambda: self.port)
        config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off",
                                timeout_graceful_shutdown=5, server_header=False)
        self.server = uvicorn.Server(config)
        self._thread: threading.Thread | None = None
        self._closed = False

    @property
    def base(self) -> str:
        host = self.settings.host
        host = f"[{host}]" if ":" in host else host
        return f"http://{host}:{self.port}/"

    @property
    def url(self) -> str:
        """The address to open: with the token when one is needed."""
        return self.base + (f"?token={self.token}" if self.token else "")

    def run(self, open_browser: bool = False) -> None:
        """Serve in this thread until Ctrl-C (or ``stop()``)."""
        if open_browser:
            threading.Thread(target=self._open_when_started, daemon=True).start()
        self.server.run(sockets=[self.sock])

    def _open_when_started(self) -> None:
        import time
        deadline = time.monotonic() + 30
        while not self.server.started and time.monotonic() < deadline and not self.server.should_exit:
            time.sleep(0.05)
        if self.server.started:
            webbrowser.open(self.url)

    def start(self, timeout: float = 30) -> "WebServer":
        import time
        self._thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.sock]},
                                        name="juesuan-web", daemon=True)
        self._thread.start()
        deadline = time.monotonic() + timeout
        while not self.server.started:
            if time.monotonic() > deadline or not self._thread.is_alive():
                self.stop()
                raise RuntimeError("网页服务没有启动")
            time.sleep(0.02)
        return self

    def stop(self, timeout: float = 30) -> None:
        self.server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout)
        self.close()

    def close(self, timeout: float = 120) -> None:
        """Stop the batches (their workers are terminated at the next finished workbook) and
        remove the private folder."""
        if self._closed:
            return
        self._closed = True
        self.web.stopping.set()
        for thread in list(self.web.threads):
            thread.join(timeout)
        self.sock.close()
        self.workspace.close()
