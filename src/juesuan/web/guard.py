"""Every request passes here first: host check, access token, same-origin check, session.

* Served on loopback (the default) only the loopback host names are answered, so that a web page
  elsewhere cannot reach the server through DNS rebinding.
* Served on another address (``--host``) every request must carry the one-time access token:
  ``?token=…`` once (then a cookie, and the address bar loses the token), compared in constant time.
* A POST must come from this page itself (its Origin, or failing that its Referer): another site
  cannot make the browser upload or start work here (CSRF).
* Each browser gets a random session id (cookie); its files live in its own folder.
"""
from __future__ import annotations

import hmac
from http.cookies import SimpleCookie
from urllib.parse import parse_qsl, urlencode

TOKEN_COOKIE = "juesuan_token"
SESSION_COOKIE = "juesuan_sid"
LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]")
SECURITY_HEADERS = [
    (b"content-security-policy", b"default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
                                 b"object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"same-origin"),
    (b"cache-control", b"no-store"),
]
REFUSED_TOKEN = ("需要访问令牌：请用启动服务时终端里显示的完整网址（带 ?token=…）打开本页。"
                 "令牌只在本次启动有效。")
REFUSED_HOST = "拒绝访问：请用 http://127.0.0.1 开头的网址打开本页。"
REFUSED_ORIGIN = "拒绝提交：请求不是从本页面发出的（为防止其他网站冒用本页面，已拒绝）。请刷新本页后重试。"


def _cookies(headers: dict) -> dict:
    jar = SimpleCookie()
    try:
        jar.load(headers.get("cookie", ""))
    except Exception:  # noqa: BLE001 - a malformed cookie header is no cookie
        return {}
    return {k: m.value for k, m in jar.items()}


def _cookie_header(name: str, value: str) -> tuple[bytes, bytes]:
    return b"set-cookie", f"{name}={value}; Path=/; HttpOnly; SameSite=Lax".encode("latin-1")


class Guard:
    """ASGI middleware around the application."""

    def __init__(self, app, *, workspace, token: str | None, port_of):
        self.app = app
        self.workspace = workspace
        self.token = token
        self.port_of = port_of  # callable: the port actually bound (known only after binding)

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        host = headers.get("host", "")
        extra: list[tuple[bytes, bytes]] = []
        if self.token is None and not self._loopback_host(host):
            return await _refuse(send, 403, REFUSED_HOST)
        cookies = _cookies(headers)
        if self.token is not None:
            query = dict(parse_qsl(scope.get("query_string", b"").decode("latin-1")))
            given = query.get("token")
            if given is not None and hmac.compare_digest(given.encode(), self.token.encode()):
                if scope["method"] == "GET":  # once: the cookie, and an address without the token
                    rest = urlencode([(k, v) for k, v in query.items() if k != "token"])
                    location = scope.get("raw_path", b"/").decode("latin-1") + (f"?{rest}" if rest else "")
                    return await _redirect(send, location, [_cookie_header(TOKEN_COOKIE, self.token)])
            elif not hmac.compare_digest(cookies.get(TOKEN_COOKIE, "").encode(), self.token.encode()):
                return await _refuse(send, 403, REFUSED_TOKEN)
        if scope["method"] not in ("GET", "HEAD") and not _same_origin(headers, host):
            return await _refuse(send, 403, REFUSED_ORIGIN)
        session = self.workspace.session(cookies.get(SESSION_COOKIE))
        if session is None:
            session = self.workspace.new_session()
            extra.append(_cookie_header(SESSION_COOKIE, session.id))
        scope["juesuan_session"] = session

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                message = dict(message)
                message["headers"] = list(message.get("headers", [])) + SECURITY_HEADERS + extra
            await send(message)

        return await self.app(scope, receive, send_with_headers)

    def _loopback_host(self, host: str) -> bool:
        port = self.port_of()
        return host in {f"{name}:{port}" for name in LOOPBACK_NAMES} or (port == 80 and host in LOOPBACK_NAMES)


def _same_origin(headers: dict, host: str) -> bool:
    origin = headers.get("origin")
    if origin is not None:
        return origin == f"http://{host}"
    referer = headers.get("referer")
    return referer is not None and (referer == f"http://{host}" or referer.startswith(f"http://{host}/"))


async def _refuse(send, status: int, message: str) -> None:
    from html import escape
    body = (f'<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>无法访问</title></head>'
            f'<body><p>{escape(message)}</p></body></html>').encode("utf-8")
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"text/html; charset=utf-8"),
                            (b"content-length", str(len(body)).encode())] + SECURITY_HEADERS})
    await send({"type": "http.response.body", "body": body})


async def _redirect(send, location: str, headers: list) -> None:
    await send({"type": "http.response.start", "status": 303,
                "headers": [(b"location", location.encode("latin-1", "replace")), (b"content-length", b"0")]
                + SECURITY_HEADERS + headers})
    await send({"type": "http.response.body", "body": b""})
