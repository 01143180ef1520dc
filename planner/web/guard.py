"""The guard around every request: the Host and token checks (:mod:`planner.web.security` says why) and the
security headers on every answer, with the server's own time for it (``Server-Timing``, read by
``benchmarks/bench_serve.py``)."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.types import ASGIApp, Receive, Scope, Send

from planner.web.security import HEADERS, TOKEN_COOKIE

if TYPE_CHECKING:
    from planner.web.app import Server


class GuardMiddleware:
    """Token and Host checks on every request, and the security headers on every answer."""

    def __init__(self, app: ASGIApp, server: Server) -> None:
        self.app = app
        self.server = server

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        guard = self.server.guard
        response: Response | None = None
        if not guard.host_ok(request.headers.get("host", "")):
            response = Response("Host not allowed\n", status_code=421, media_type="text/plain")
        elif guard.token is not None:
            given = request.query_params.get("token")
            auth = request.headers.get("authorization", "")
            if given is not None and guard.token_ok(given):
                rest = "&".join(f"{k}={v}" for k, v in request.query_params.multi_items() if k != "token")
                response = RedirectResponse(request.url.path + (f"?{rest}" if rest else ""), status_code=303)
                response.set_cookie(TOKEN_COOKIE, guard.token, httponly=True, samesite="strict")
            elif not (guard.token_ok(request.cookies.get(TOKEN_COOKIE))
                      or guard.token_ok(auth.removeprefix("Bearer ") if auth.startswith("Bearer ") else None)):
                response = self.server.message(request, 401, "token_needed")
        if response is not None:
            await self._send(response, scope, receive, send)
            return

        started = time.perf_counter()

        async def with_headers(message: Any) -> None:
            if message["type"] == "http.response.start":
                headers = message.setdefault("headers", [])
                names = {k.lower() for k, _ in headers}
                for k, v in HEADERS.items():
                    if k.encode() not in names:
                        headers.append((k.encode(), v.encode()))
                # the server's own time for this answer (benchmarks/bench_serve.py reads it)
                headers.append((b"server-timing", f"app;dur={1000 * (time.perf_counter() - started):.1f}".encode()))
            await send(message)

        await self.app(scope, receive, with_headers)

    async def _send(self, response: Response, scope: Scope, receive: Receive, send: Send) -> None:
        for k, v in HEADERS.items():
            response.headers.setdefault(k, v)
        await response(scope, receive, send)
