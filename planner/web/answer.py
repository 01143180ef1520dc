"""How a request is answered when not by its route's own page: :class:`Answer` (a page a helper chose — not
found, progress, a refusal), :func:`route` (every route's guard: a refusal of the input is its problems with a
4xx, never a 500), :func:`problem_lines` (the problems as ``file:row [field]: message``) and :func:`checked_form`
(a POST from this server's own page, within its size, with the CSRF token)."""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import Response

from planner.web.jobs import Refusal
from planner.web.security import CSRF_FIELD, MAX_FORM_BYTES, same_origin

if TYPE_CHECKING:
    from planner.web.app import Server


class Answer(Exception):  # not an error: the page to answer with instead of the route's own
    """Raised by the helpers below (not found, progress, a refusal) and answered by :func:`route`."""

    def __init__(self, response: Response) -> None:
        super().__init__(response.status_code)
        self.response = response


REFUSAL_STATUS = {"bad_input": 422, "no": 200, "solver_failed": 503, "environment": 503}
"""The HTTP status of a journey's refusal by its outcome (:class:`planner.outcome.Outcome`); a bug is a 500."""


def route(fn: Callable[[Request], Awaitable[Response]]) -> Callable[[Request], Awaitable[Response]]:
    """Every route: a page a helper answered with (:class:`Answer`), and any refusal of the input — a scenario
    with errors, a journey's :class:`~planner.outcome.PlannerError` — as its problems with a 4xx, never a 500."""

    @functools.wraps(fn)
    async def answered(request: Request) -> Response:
        from planner.outcome import PlannerError

        srv: Server = request.app.state.server
        try:
            return await fn(request)
        except Answer as answer:
            return answer.response
        except PlannerError as exc:
            problems = tuple(exc.problems.errors) if exc.problems is not None else ()
            return srv.refused(request, Refusal(exc.text(srv.lang(request)), exc.outcome.value, problems))

    return answered


def form_value(form: FormData, key: str) -> str:
    value = form.get(key)
    return value if isinstance(value, str) else ""


def local_path(path: str) -> str:
    """A redirect target from a form: only a path of this server."""
    return path if path.startswith("/") and not path.startswith("//") and "\\" not in path else "/"


def problem_lines(refusal: Refusal | Exception, lang: str) -> list[str]:
    """What is wrong, a line per problem: ``file:row [field]: message`` (the message in ``lang``)."""
    problems = refusal.problems if isinstance(refusal, Refusal) else getattr(refusal, "problems", None)
    errors = problems if isinstance(problems, tuple) else (problems.errors if problems is not None else [])
    if errors:
        return [f"{p.location()}: {p.text(lang)}".strip(": ") for p in errors]
    if isinstance(refusal, Refusal) and refusal.text_of is not None:
        from planner.report.messages import render

        return [render(lang, refusal.text_of)]
    return [getattr(refusal, "message", None) or str(refusal)]


async def checked_form(request: Request, max_bytes: int = MAX_FORM_BYTES) -> FormData:
    """The form of a POST from this server's own page; a cross-site, oversized, malformed or token-less one is
    refused (:class:`Answer`) before anything else is read."""
    srv: Server = request.app.state.server
    if not same_origin(request.headers.get("origin"), request.headers.get("sec-fetch-site"),
                       request.headers.get("host", ""), request.url.scheme):
        raise Answer(srv.message(request, 403, "forbidden"))
    length = request.headers.get("content-length")
    if length is not None and (not length.isdigit() or int(length) > max_bytes):
        raise Answer(srv.message(request, 413, "bad_request", [f"> {max_bytes // 1024} kB"]))
    try:
        form = await request.form(max_files=1 if max_bytes > MAX_FORM_BYTES else 0, max_fields=40,
                                  max_part_size=max_bytes)
    except Exception:  # a malformed or oversized body: the multipart parser's own errors
        raise Answer(srv.message(request, 400, "bad_request")) from None
    if not srv.guard.csrf_ok(form_value(form, CSRF_FIELD)):
        raise Answer(srv.message(request, 403, "forbidden"))
    return form
