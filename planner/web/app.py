"""The Starlette application of ``planner serve``: routes, pages and the rules of :mod:`planner.web.security`.

Pages are server-rendered Jinja2 (autoescaped) and work without JavaScript. Every answer comes from a worker job
(:mod:`planner.web.jobs`); a page waits briefly for it and otherwise shows its progress (refreshing itself) with a
button to cancel it.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import hashlib
import re
import secrets
import threading
from collections.abc import AsyncIterator, Callable, Mapping
from contextlib import AbstractAsyncContextManager
from pathlib import Path
from typing import Any

import jinja2
from starlette.applications import Starlette
from starlette.datastructures import FormData, UploadFile
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from planner.report.numbers import nl_euro, nl_int, nl_percent
from planner.report.words import CATEGORY_WORDS, STATUS_WORDS
from planner.web import work
from planner.web.catalogue import SAVE_NAME, Catalogue, Entry
from planner.web.edits import KINDS, Draft, EditError, edit_lines, parse_edit, rule_choices, with_edit, without_edit
from planner.web.guard import GuardMiddleware
from planner.web.jobs import Job, Pool
from planner.web.security import (
    CSRF_FIELD,
    MAX_FORM_BYTES,
    MAX_UPLOAD_BYTES,
    Guard,
    same_origin,
    upload_text,
)
from planner.web.words import W

LANGS = ("nl", "en")
WAIT_SECONDS = 3.0
"""How long a page waits for its answer before it shows the progress page instead."""
DOWNLOAD_WAIT_SECONDS = 120.0
MAX_COMPARE = 4
DOWNLOADS = {"xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
             "csv": ("text/csv; charset=utf-8", "csv"), "html": ("text/html; charset=utf-8", "html")}


@dataclasses.dataclass
class DraftState:
    """A what-if on the server: shared by every browser that has its address; ``rev`` counts its changes."""

    id: str
    base: str
    draft: Draft
    rev: int = 0


@dataclasses.dataclass
class Config:
    scenarios: list[Path]
    save_dir: Path
    host: str = "127.0.0.1"
    token: bool | str = False
    workers: int = 1
    allow_outside: bool = False


class Server:
    """The state behind the pages: the catalogue, the drafts, the worker pool and the guard."""

    def __init__(self, config: Config) -> None:
        from planner.scenario.load import bundled_dir

        self.config = config
        self.catalogue = Catalogue(config.allow_outside)
        if config.scenarios:
            self.catalogue.add_all(config.scenarios)
        else:
            self.catalogue.add_all(sorted(p for p in bundled_dir().iterdir() if (p / "scenario.toml").is_file()))
        self.guard = Guard.for_host(config.host, config.token)
        self.pool = Pool(config.workers)
        self.drafts: dict[str, DraftState] = {}
        self.lock = threading.Lock()
        self.save_lock = threading.Lock()
        self.env = jinja2.Environment(loader=jinja2.PackageLoader("planner.web", "templates"), autoescape=True,
                                      undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)

    # -- helpers ------------------------------------------------------------------------------------------------

    def lang(self, request: Request) -> str:
        asked = request.query_params.get("lang") or request.cookies.get("lang") or "nl"
        return asked if asked in LANGS else "nl"

    def page(self, request: Request, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
        lang = self.lang(request)
        nl = lang == "nl"

        def num(v: Any) -> str:
            return "–" if v is None else (nl_int(v) if nl else f"{round(v):,}")

        def euro(v: Any) -> str:
            return "–" if v is None else (nl_euro(v) if nl else f"€ {round(v):,}")

        def signed(v: Any, money: bool = False) -> str:
            if v is None:
                return "–"
            text = euro(abs(v)) if money else num(abs(v))
            return ("+" if v > 0 else "−" if v < 0 else "±") + text

        def pct(v: Any) -> str:
            return "–" if v is None else (nl_percent(v) if nl else f"{100 * v:.1f}%")

        html = self.env.get_template(template).render(
            w=W[lang], lang=lang, csrf=self.guard.csrf, csrf_field=CSRF_FIELD, num=num, euro=euro, pct=pct,
            signed=signed, cat=CATEGORY_WORDS[lang], statuses=STATUS_WORDS[lang], path=request.url.path,
            entries=self.catalogue.entries(), **context)
        response = HTMLResponse(html, status_code=status_code)
        if request.query_params.get("lang") in LANGS:
            response.set_cookie("lang", lang, samesite="strict", httponly=True)
        return response

    def message(self, request: Request, status_code: int, key: str, detail: list[str] | None = None) -> HTMLResponse:
        return self.page(request, "message.html.j2", status_code, title=W[self.lang(request)][key],
                         detail=detail or [])

    def entry(self, request: Request) -> Entry | None:
        return self.catalogue.get(request.path_params["sid"])

    def loaded(self, sid: str) -> Any:
        return self.catalogue.load(sid)

    def draft(self, request: Request) -> DraftState | None:
        with self.lock:
            return self.drafts.get(request.path_params["did"])

    def whatif(self, state: DraftState) -> Any:
        """The draft applied to its base (raises ScenarioError / EditError with what is wrong)."""
        base = self.loaded(state.base)
        d = state.draft
        return base.with_changes(d.changes(), settings=d.settings() or None, name=d.name,
                                 description=d.description or None)

    async def answer(self, request: Request, job: Job, wait: float = WAIT_SECONDS) -> Job | HTMLResponse:
        """The finished job, or the progress page (which refreshes itself) while it runs."""
        await asyncio.to_thread(job.done.wait, wait)
        if job.state == "done":
            return job
        if job.state == "cancelled":
            return self.page(request, "job.html.j2", 200, job=job, back=request.url.path)
        if job.state == "failed":
            return self.page(request, "job.html.j2", 500, job=job, back=request.url.path)
        return self.page(request, "job.html.j2", 202, job=job, back=str(request.url.path) + (
            f"?{request.url.query}" if request.url.query else ""))

    def time_limit(self, scenario: Any) -> float | None:
        limit = scenario.resolved.settings.solver.time_limit
        return None if limit is None else float(limit)


def _form_value(form: FormData, key: str) -> str:
    value = form.get(key)
    return value if isinstance(value, str) else ""


def _local(path: str) -> str:
    """A redirect target from a form: only a path of this server."""
    return path if path.startswith("/") and not path.startswith("//") and "\\" not in path else "/"


def _problem_lines(exc: Exception) -> list[str]:
    problems = getattr(exc, "problems", None)
    if problems:
        return [f"{p.file or ''} {p.field}: {p.message}".strip() for p in problems.errors] or [str(exc)]
    return [getattr(exc, "message", None) or str(exc)]


# -- routes ---------------------------------------------------------------------------------------------------


async def index(request: Request) -> Response:
    srv: Server = request.app.state.server
    return srv.page(request, "index.html.j2", max_compare=MAX_COMPARE)


async def scenario_view(request: Request) -> Response:
    srv: Server = request.app.state.server
    entry = srv.entry(request)
    if entry is None:
        return srv.message(request, 404, "not_found")
    from planner.scenario.problems import ScenarioError

    try:
        s = srv.loaded(entry.id)
    except ScenarioError as exc:
        return srv.message(request, 422, "scenario_error", _problem_lines(exc))
    lang = srv.lang(request)
    job = srv.pool.submit(("plan", s.digest(), lang), s.name, work.plan_view, s.resolved, lang,
                          time_limit=srv.time_limit(s))
    got = await srv.answer(request, job)
    if not isinstance(got, Job):
        return got
    warnings = [p.as_dict() for p in s.problems.warnings]
    return srv.page(request, "scenario.html.j2", entry=entry, scenario=s, result=got.result, warnings=warnings)


async def new_draft(request: Request) -> Response:
    srv: Server = request.app.state.server
    if (bad := await _check_post(request)) is not None:
        return bad
    entry = srv.entry(request)
    if entry is None:
        return srv.message(request, 404, "not_found")
    s = srv.loaded(entry.id)
    state = DraftState(secrets.token_urlsafe(9), entry.id, Draft(name=f"{s.name} – {W[srv.lang(request)]['whatif']}"))
    with srv.lock:
        srv.drafts[state.id] = state
    return RedirectResponse(f"/d/{state.id}", status_code=303)


def _editor(request: Request, state: DraftState, status_code: int = 200, error: list[str] | None = None,
            notice: str = "") -> HTMLResponse:
    srv: Server = request.app.state.server
    base = srv.loaded(state.base)
    extends, _ = _save_target(srv, state, "voorbeeld")
    return srv.page(request, "editor.html.j2", status_code, state=state, base=base,
                    lines=edit_lines(state.draft.edits), toml=state.draft.toml_text(extends, base.name),
                    kinds=KINDS, rules=rule_choices(),
                    rule_values=sorted({v for values in rule_choices().values() for v in values}),
                    error=error or [], notice=notice,
                    sites=base.resolved.sites, munis=base.resolved.municipalities)


async def draft_view(request: Request) -> Response:
    srv: Server = request.app.state.server
    state = srv.draft(request)
    if state is None:
        return srv.message(request, 404, "not_found")
    return _editor(request, state)


async def _check_post(request: Request, max_bytes: int = MAX_FORM_BYTES) -> Response | None:
    """Refuse a cross-site or oversized POST before reading it; the CSRF field is checked with the form."""
    srv: Server = request.app.state.server
    if not same_origin(request.headers.get("origin"), request.headers.get("sec-fetch-site"),
                       request.headers.get("host", ""), request.url.scheme):
        return srv.message(request, 403, "forbidden")
    length = request.headers.get("content-length")
    if length is not None and (not length.isdigit() or int(length) > max_bytes):
        return srv.message(request, 413, "bad_request", [f"> {max_bytes // 1024} kB"])
    try:
        form = await request.form(max_files=1 if max_bytes > MAX_FORM_BYTES else 0, max_fields=40,
                                  max_part_size=max_bytes)
    except Exception:  # a malformed or oversized body: the multipart parser's own errors
        return srv.message(request, 400, "bad_request")
    if not srv.guard.csrf_ok(_form_value(form, CSRF_FIELD)):
        return srv.message(request, 403, "forbidden")
    request.state.form = form
    return None


async def _posted_draft(request: Request) -> DraftState | Response:
    """The draft a checked POST is about, or the refusal."""
    srv: Server = request.app.state.server
    if (bad := await _check_post(request)) is not None:
        return bad
    state = srv.draft(request)
    return srv.message(request, 404, "not_found") if state is None else state


async def draft_edit(request: Request) -> Response:
    """Add an edit (kind and its fields), remove one (``remove`` = its index) or rename the draft."""
    srv: Server = request.app.state.server
    state = await _posted_draft(request)
    if not isinstance(state, DraftState):
        return state
    form: FormData = request.state.form
    fields = {k: v for k, v in form.items() if isinstance(v, str)}
    action = fields.get("action", "add")
    with srv.lock:
        if fields.get("rev") != str(state.rev):
            return _editor(request, state, 409, notice=W[srv.lang(request)]["draft_changed"])
        try:
            if action == "remove":
                draft = without_edit(state.draft, int(fields.get("index", "-1")))
            elif action == "rename":
                name = " ".join(fields.get("name", "").split())[:120] or state.draft.name
                draft = dataclasses.replace(state.draft, name=name, description=fields.get("description", "")[:2000])
            else:
                draft = with_edit(state.draft, parse_edit(fields.get("kind", ""), fields))
            candidate = dataclasses.replace(state, draft=draft)
            srv.whatif(candidate)  # every scenario check, before the edit is kept
        except (EditError, ValueError) as exc:
            return _editor(request, state, 400, error=_problem_lines(exc))
        except Exception as exc:
            from planner.scenario.problems import ScenarioError

            if not isinstance(exc, ScenarioError):
                raise
            return _editor(request, state, 400, error=_problem_lines(exc))
        state.draft, state.rev = draft, state.rev + 1
    return RedirectResponse(f"/d/{state.id}", status_code=303)


async def draft_result(request: Request) -> Response:
    srv: Server = request.app.state.server
    state = srv.draft(request)
    if state is None:
        return srv.message(request, 404, "not_found")
    base = srv.loaded(state.base)
    whatif = await asyncio.to_thread(srv.whatif, state)  # every scenario check: off the event loop
    lang = srv.lang(request)
    job = srv.pool.submit(("whatif", base.digest(), whatif.digest(), lang), whatif.name, work.whatif_view,
                          base.resolved, whatif.resolved, lang, time_limit=srv.time_limit(whatif))
    got = await srv.answer(request, job)
    if not isinstance(got, Job):
        return got
    return srv.page(request, "result.html.j2", state=state, base=base, whatif=whatif, result=got.result,
                    lines=edit_lines(state.draft.edits))


def _save_target(srv: Server, state: DraftState, name: str) -> tuple[str, Path]:
    """What a saved what-if extends and where it goes: a bundled base is named ``bundled:…`` and the file goes to
    the save folder; any other base is extended by a relative path from a file beside it (its ``what-if/``
    folder), as the scenario loader allows."""
    from planner.scenario.load import bundled_dir

    base_file = srv.catalogue.get(state.base).file  # type: ignore[union-attr]
    bundled = bundled_dir().resolve()
    if base_file.is_relative_to(bundled):
        rel = base_file.relative_to(bundled)
        ref = rel.parent.as_posix() if rel.name == "scenario.toml" else rel.as_posix()
        return f"bundled:{ref}", srv.config.save_dir / f"{name}.toml"
    if base_file.name == "scenario.toml":
        return "../scenario.toml", base_file.parent / "what-if" / f"{name}.toml"
    return base_file.name, base_file.parent / f"{name}.toml"


def _file_hash(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return ""


def _conflict(request: Request, state: DraftState, target: Path, replaceable: bool) -> HTMLResponse:
    """The clear choice when the name is taken: another free name, or replacing a file this server saved (only
    the version the user saw: its hash travels with the choice)."""
    srv: Server = request.app.state.server
    stem, n = target.stem, 2
    while (target.parent / f"{stem}-{n}.toml").exists():
        n += 1
    return srv.page(request, "conflict.html.j2", 409, state=state, file=target.name, suggestion=f"{stem}-{n}",
                    replaceable=replaceable, current=_file_hash(target))


async def draft_save(request: Request) -> Response:
    """Save the draft as a what-if file: a new file, or — only after a clear choice — a file this server saved
    before and nobody has changed since; never an input. The written file is read back as the CLI reads it."""
    srv: Server = request.app.state.server
    state = await _posted_draft(request)
    if not isinstance(state, DraftState):
        return state
    form: FormData = request.state.form
    lang = srv.lang(request)
    name = _form_value(form, "file").strip().removesuffix(".toml")
    if not SAVE_NAME.match(name):
        return _editor(request, state, 400, error=[f"{W[lang]['file_name']}: '{name}'"])
    base = srv.loaded(state.base)
    extends, target = _save_target(srv, state, name)
    whatif = srv.whatif(state)
    text = state.draft.toml_text(extends, base.name)
    from planner.io import write_text
    from planner.io.atomic import create_text

    with srv.save_lock:
        existing = srv.catalogue.by_file(target)
        replace = _form_value(form, "replace")
        if target.exists() or existing is not None:
            replaceable = (existing is not None and existing.saved and target.resolve() not in srv.catalogue.inputs()
                           - {existing.file})
            if not (replace and replaceable and replace == _file_hash(target)):
                return _conflict(request, state, target, replaceable)
            write_text(target, text)
        else:
            try:
                create_text(target, text)
            except FileExistsError:  # another process took the name between the check and the link
                return _conflict(request, state, target, False)
        entry = srv.catalogue.add(target, base=state.base, saved=True)
    from planner import api

    reread = api.load(target, allow_outside=srv.config.allow_outside)  # as the CLI reads it
    return srv.page(request, "saved.html.j2", state=state, entry=entry, file=target.name,
                    digest=reread.digest(), same=reread.digest() == whatif.digest())


async def job_cancel(request: Request) -> Response:
    srv: Server = request.app.state.server
    if (bad := await _check_post(request)) is not None:
        return bad
    job = srv.pool.cancel(request.path_params["jid"])
    if job is None:
        return srv.message(request, 404, "not_found")
    return srv.page(request, "job.html.j2", 200, job=job, back=_local(_form_value(request.state.form, "back")))


async def compare(request: Request) -> Response:
    """``/compare?s=BASE&s=WHATIF…``: two to four scenarios side by side; ``&download=xlsx|csv|html`` its file."""
    srv: Server = request.app.state.server
    ids = [i for i in request.query_params.getlist("s") if i]
    entries = [srv.catalogue.get(i) for i in ids]
    kind = request.query_params.get("download")
    if not 2 <= len(ids) <= MAX_COMPARE:
        return srv.message(request, 400, "too_many")
    if any(e is None for e in entries) or (kind is not None and kind not in DOWNLOADS):
        return srv.message(request, 404, "not_found")
    loaded = [srv.loaded(i) for i in ids]
    lang = srv.lang(request)
    limit = max((srv.time_limit(s) or 0) for s in loaded) or None
    label = " / ".join(s.name for s in loaded)
    if kind is not None:
        job = srv.pool.submit(("compare-download", kind, *(s.digest() for s in loaded), lang), label,
                              work.compare_download, [s.resolved for s in loaded], kind, lang, time_limit=limit)
        got = await srv.answer(request, job, DOWNLOAD_WAIT_SECONDS)
        return got if not isinstance(got, Job) else _file(got.result, kind, "vergelijking")
    job = srv.pool.submit(("compare", *(s.digest() for s in loaded), lang), label, work.compare_view,
                          [s.resolved for s in loaded], lang, time_limit=limit)
    got = await srv.answer(request, job)
    if not isinstance(got, Job):
        return got
    query = "&".join(f"s={i}" for i in ids)
    return srv.page(request, "compare.html.j2", scenarios=loaded, result=got.result, ids=ids, query=query)


def _file(data: bytes, kind: str, name: str) -> Response:
    media, ext = DOWNLOADS[kind]
    filename = re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip("-") or "plan"
    return Response(data, media_type=media, headers={"content-disposition": f'attachment; filename="{filename}.{ext}"'})


async def duty(request: Request) -> Response:
    srv: Server = request.app.state.server
    entry = srv.entry(request)
    if entry is None:
        return srv.message(request, 404, "not_found")
    s = srv.loaded(entry.id)
    q = request.query_params
    result, error = None, []
    if q.get("code"):
        try:
            places = int(q["places"]) if q.get("places") else None
            offer = int(q["offer"]) if q.get("offer") else None
        except ValueError:
            error = [W[srv.lang(request)]["bad_request"]]
        else:
            lang = srv.lang(request)
            site = q.get("site") or None
            job = srv.pool.submit(("duty", s.digest(), q["code"], site, places, offer, lang), s.name,
                                  work.duty_view, s.resolved, q["code"], site, places, offer, lang,
                                  time_limit=srv.time_limit(s))
            got = await srv.answer(request, job)
            if not isinstance(got, Job):
                return got
            result = got.result
    return srv.page(request, "duty.html.j2", 400 if error else 200, entry=entry, scenario=s, result=result,
                    error=error, query=dict(q), munis=s.resolved.municipalities, sites=s.resolved.sites)


async def allocation(request: Request) -> Response:
    srv: Server = request.app.state.server
    entry = srv.entry(request)
    if entry is None:
        return srv.message(request, 404, "not_found")
    s = srv.loaded(entry.id)
    result, error = None, []
    if request.method == "POST":
        if (bad := await _check_post(request, MAX_UPLOAD_BYTES + MAX_FORM_BYTES)) is not None:
            return bad
        upload = request.state.form.get("file")
        if not isinstance(upload, UploadFile):
            error = [W[srv.lang(request)]["csv_file"]]
        else:
            data = await upload.read(MAX_UPLOAD_BYTES + 1)
            if len(data) > MAX_UPLOAD_BYTES:
                return srv.message(request, 413, "bad_request", [f"> {MAX_UPLOAD_BYTES // 1024} kB"])
            try:
                text = upload_text(data, upload.filename or "", upload.content_type or "")
            except ValueError as exc:
                error = [str(exc)]
            else:
                lang = srv.lang(request)
                job = srv.pool.submit(("allocation", s.digest(), hashlib.sha256(data).hexdigest(), lang), s.name,
                                      work.allocation_view, s.resolved, text, lang)
                await asyncio.to_thread(job.done.wait, 60.0)
                result = job.result if job.ok else None
                if not job.ok:
                    error = [job.error or job.state]
    return srv.page(request, "allocation.html.j2", 400 if error else 200, entry=entry, scenario=s, result=result,
                    error=error)


async def verdeelbesluit(request: Request) -> Response:
    """``/s/{sid}/verdeelbesluit``: the verdeelbesluit of the scenario; ``?download=csv`` its allocation file."""
    srv: Server = request.app.state.server
    entry = srv.entry(request)
    if entry is None:
        return srv.message(request, 404, "not_found")
    s = srv.loaded(entry.id)
    lang = srv.lang(request)
    job = srv.pool.submit(("verdeelbesluit", s.digest(), lang), s.name, work.verdeelbesluit_view, s.resolved, lang,
                          time_limit=srv.time_limit(s))
    got = await srv.answer(request, job)
    if not isinstance(got, Job):
        return got
    if request.query_params.get("download") == "csv":
        return _file(got.result["csv"].encode("utf-8"), "csv", f"verdeelbesluit-{s.name}")
    return srv.page(request, "verdeelbesluit.html.j2", entry=entry, scenario=s, result=got.result)


async def download(request: Request) -> Response:
    """``/s/{sid}/download/{kind}`` or ``/d/{did}/download/{kind}``: the xlsx, CSV or HTML report of the view."""
    srv: Server = request.app.state.server
    kind = request.path_params["kind"]
    if kind not in DOWNLOADS:
        return srv.message(request, 404, "not_found")
    if "sid" in request.path_params:
        entry = srv.entry(request)
        if entry is None:
            return srv.message(request, 404, "not_found")
        s = srv.loaded(entry.id)
        warnings = [p.as_dict() for p in s.problems.warnings]
    else:
        state = srv.draft(request)
        if state is None:
            return srv.message(request, 404, "not_found")
        s = srv.whatif(state)
        warnings = [p.as_dict() for p in s.problems.warnings]
    lang = srv.lang(request)
    job = srv.pool.submit(("download", kind, s.digest(), lang), s.name, work.download, s.resolved, kind, lang,
                          warnings, time_limit=srv.time_limit(s))
    got = await srv.answer(request, job, DOWNLOAD_WAIT_SECONDS)  # a download link should give the file
    if not isinstance(got, Job):
        return got
    return _file(got.result, kind, s.name)


def _lifespan(server: Server) -> Callable[[Starlette], AbstractAsyncContextManager[None]]:
    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        yield
        server.pool.close()  # no worker outlives the server

    return lifespan


def create_app(config: Config) -> Starlette:
    """The application for ``config`` (its :class:`Server` is ``app.state.server``)."""
    server = Server(config)
    static = StaticFiles(packages=[("planner.web", "static")])
    app = Starlette(routes=[
        Route("/", index),
        Route("/s/{sid}", scenario_view),
        Route("/s/{sid}/whatif", new_draft, methods=["POST"]),
        Route("/s/{sid}/duty", duty),
        Route("/s/{sid}/allocation", allocation, methods=["GET", "POST"]),
        Route("/s/{sid}/verdeelbesluit", verdeelbesluit),
        Route("/s/{sid}/download/{kind}", download),
        Route("/d/{did}", draft_view),
        Route("/d/{did}/edit", draft_edit, methods=["POST"]),
        Route("/d/{did}/result", draft_result),
        Route("/d/{did}/save", draft_save, methods=["POST"]),
        Route("/d/{did}/download/{kind}", download),
        Route("/jobs/{jid}/cancel", job_cancel, methods=["POST"]),
        Route("/compare", compare),
        Mount("/static", static, name="static"),
    ], lifespan=_lifespan(server))
    app.state.server = server
    app.add_middleware(GuardMiddleware, server=server)
    return app


def form_fields(form: Mapping[str, Any]) -> dict[str, str]:
    return {k: v for k, v in form.items() if isinstance(v, str)}
