"""The Starlette application of ``planner serve``: routes, pages and the rules of :mod:`planner.web.security`.

Pages are server-rendered Jinja2 (autoescaped) and work without JavaScript. Every answer comes from a worker job
(:mod:`planner.web.jobs`) through :meth:`Server.run_job`; a page waits briefly for it and otherwise shows its
progress (a small script asks ``/jobs/<id>/status``; without JavaScript the page refreshes itself) with a button to
cancel it.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import hashlib
import re
import secrets
import threading
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import AbstractAsyncContextManager
from pathlib import Path
from typing import Any

import jinja2
from starlette.applications import Starlette
from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from planner.report.numbers import nl_decimal, nl_euro, nl_int, nl_percent
from planner.report.words import CATEGORY_WORDS, STATUS_WORDS
from planner.report.words_web import WEB as W
from planner.web import work
from planner.web.answer import REFUSAL_STATUS, Answer, checked_form, form_value, local_path, problem_lines, route
from planner.web.catalogue import SAVE_NAME, Catalogue, Entry
from planner.web.drafts import FOLDER, Drafts, DraftState
from planner.web.edits import KINDS, Draft, EditError, edit_lines, parse_edit, rule_choices, with_edit, without_edit
from planner.web.guard import GuardMiddleware
from planner.web.jobs import Pool, Refusal
from planner.web.security import (
    CSRF_FIELD,
    MAX_FORM_BYTES,
    MAX_UPLOAD_BYTES,
    Guard,
    upload_text,
)

LANGS = ("nl", "en")
WAIT_SECONDS = 3.0
"""How long a page waits for its answer before it shows the progress page instead."""
DOWNLOAD_WAIT_SECONDS = 120.0
MAX_COMPARE = 4
DOWNLOADS = {"xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
             "csv": ("text/csv; charset=utf-8", "csv"), "html": ("text/html; charset=utf-8", "html")}


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
        self.pool = Pool(config.workers, preload=["planner.web.preload"])
        self.drafts = Drafts(config.save_dir / FOLDER, self.catalogue)
        self.unrestored = self.drafts.restore()
        """Drafts a previous run left that this one cannot use (``planner serve`` names them at start)."""
        self.lock = threading.Lock()
        self.save_lock = threading.Lock()
        self.env = jinja2.Environment(loader=jinja2.PackageLoader("planner.web", "templates"), autoescape=True,
                                      undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)

    # -- pages --------------------------------------------------------------------------------------------------

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

        def dec(v: Any, digits: int = 1) -> str:
            return decimal(v, lang, digits)

        def pct(v: Any) -> str:
            return "–" if v is None else (nl_percent(v) if nl else f"{100 * v:.1f}%")

        html = self.env.get_template(template).render(
            w=W[lang], lang=lang, csrf=self.guard.csrf, csrf_field=CSRF_FIELD, num=num, euro=euro, pct=pct, dec=dec,
            signed=signed, cat=CATEGORY_WORDS[lang], statuses=STATUS_WORDS[lang], path=request.url.path,
            entries=self.catalogue.entries(), **context)
        response = HTMLResponse(html, status_code=status_code)
        if request.query_params.get("lang") in LANGS:
            response.set_cookie("lang", lang, samesite="strict", httponly=True)
        return response

    def message(self, request: Request, status_code: int, key: str, detail: list[str] | None = None) -> HTMLResponse:
        return self.page(request, "message.html.j2", status_code, title=W[self.lang(request)][key],
                         detail=detail or [])

    def refused(self, request: Request, refusal: Refusal) -> HTMLResponse:
        """The input's problems (file, row, field: message in the page's language), with a 4xx: never a 500."""
        return self.message(request, REFUSAL_STATUS.get(refusal.outcome, 422), "input_error",
                            problem_lines(refusal, self.lang(request)))

    # -- what a route is about (each raises Answer when there is nothing to show) -------------------------------

    def entry(self, request: Request) -> Entry:
        entry = self.catalogue.get(request.path_params["sid"])
        if entry is None:
            raise Answer(self.message(request, 404, "not_found"))
        return entry

    def scenario(self, request: Request) -> tuple[Entry, Any]:
        """The path's scenario entry (404 when unknown) and the scenario loaded with every check."""
        entry = self.entry(request)
        return entry, self.loaded(entry.id)

    def loaded(self, sid: str) -> Any:
        """The scenario ``sid`` with every check (a ScenarioError is answered by :func:`route` as its problems)."""
        return self.catalogue.load(sid)

    def draft(self, request: Request) -> DraftState:
        state = self.drafts.get(request.path_params["did"])
        if state is None:
            raise Answer(self.message(request, 404, "not_found"))
        return state

    def whatif(self, state: DraftState) -> Any:
        """The draft applied to its base (raises ScenarioError / EditError with what is wrong)."""
        base = self.loaded(state.base)
        d = state.draft
        return base.with_changes(d.changes(), settings=d.settings() or None, name=d.name,
                                 description=d.description or None)

    async def run_job(self, request: Request, scenarios: Sequence[Any], fn: Callable[..., Any], *args: Any,
                      key: tuple[Any, ...] = (), wait: float = WAIT_SECONDS,
                      refused: Callable[[list[str], int], Response] | None = None) -> Any:
        """``fn(*args, lang)`` in a worker for the page about ``scenarios`` (the first is the base): the answer,
        or :class:`Answer` with the page to show instead — the progress page while it runs (it refreshes
        itself), the input's problems with a 4xx when the journey refuses it (``refused`` shows them on the
        route's own form), the cancelled or failed job (its reason, logged with its id). The job is known by
        ``fn``, the scenarios' digests, ``key`` and the language: the same question shares one job and answer."""
        lang = self.lang(request)
        digests = [s.digest() for s in scenarios]
        limits = [limit for s in scenarios if (limit := s.resolved.settings.solver.time_limit) is not None]
        job = self.pool.submit((fn.__name__, *digests, *key, lang), " / ".join(s.name for s in scenarios), fn,
                               *args, lang, time_limit=float(max(limits)) if limits else None, affinity=digests[0])
        await asyncio.to_thread(job.done.wait, wait)
        if job.state == "done":
            return job.result
        if job.state == "invalid" and job.refusal is not None:
            if refused is not None:
                raise Answer(refused(problem_lines(job.refusal, lang), REFUSAL_STATUS.get(job.refusal.outcome, 422)))
            raise Answer(self.refused(request, job.refusal))
        status = {"cancelled": 200, "failed": 500}.get(job.state, 202)
        back = str(request.url.path) + (f"?{request.url.query}" if request.url.query else "")
        raise Answer(self.page(request, "job.html.j2", status, job=job, back=back))


def _warnings(scenario: Any, lang: str) -> list[dict[str, object]]:
    """The scenario's loading checks as rows (file, row, field), each message in the page's language."""
    return [p.as_dict() | {"message": p.text(lang)} for p in scenario.problems.warnings]


# -- routes ---------------------------------------------------------------------------------------------------


@route
async def index(request: Request) -> Response:
    srv: Server = request.app.state.server
    return srv.page(request, "index.html.j2", max_compare=MAX_COMPARE)


@route
async def scenario_view(request: Request) -> Response:
    srv: Server = request.app.state.server
    entry, s = srv.scenario(request)
    result = await srv.run_job(request, [s], work.plan_view, s.resolved)
    warnings = _warnings(s, srv.lang(request))
    return srv.page(request, "scenario.html.j2", entry=entry, scenario=s, result=result, warnings=warnings)


@route
async def new_draft(request: Request) -> Response:
    srv: Server = request.app.state.server
    await checked_form(request)
    entry, s = srv.scenario(request)
    state = DraftState(secrets.token_urlsafe(9), entry.id, Draft(name=f"{s.name} – {W[srv.lang(request)]['whatif']}"))
    srv.drafts.keep(state)
    return RedirectResponse(f"/d/{state.id}", status_code=303)


def _editor(request: Request, state: DraftState, status_code: int = 200, error: list[str] | None = None,
            notice: str = "", pending: dict[str, str] | None = None, pending_line: str = "") -> HTMLResponse:
    srv: Server = request.app.state.server
    base = srv.loaded(state.base)
    extends, _ = _save_target(srv, state, "voorbeeld")
    return srv.page(request, "editor.html.j2", status_code, state=state, base=base,
                    lines=edit_lines(state.draft.edits), toml=state.draft.toml_text(extends, base.name),
                    kinds=KINDS, rules=rule_choices(),
                    rule_values=sorted({v for values in rule_choices().values() for v in values}),
                    error=error or [], notice=notice, pending=pending or {}, pending_line=pending_line,
                    sites=base.resolved.sites, munis=base.resolved.municipalities)


@route
async def draft_view(request: Request) -> Response:
    srv: Server = request.app.state.server
    return _editor(request, srv.draft(request))


@route
async def draft_edit(request: Request) -> Response:
    """Add an edit (kind and its fields), remove one (``remove`` = its index) or rename the draft."""
    from planner.scenario.problems import ScenarioError

    srv: Server = request.app.state.server
    form = await checked_form(request)
    state = srv.draft(request)
    fields = {k: v for k, v in form.items() if isinstance(v, str)}
    action = fields.get("action", "add")
    with srv.lock:
        if fields.get("rev") != str(state.rev):
            return _stale(request, state, fields, action)
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
        except (EditError, ValueError, ScenarioError) as exc:
            return _editor(request, state, 400, error=problem_lines(exc, srv.lang(request)))
        state.draft, state.rev = draft, state.rev + 1
        srv.drafts.keep(state)
    return RedirectResponse(f"/d/{state.id}", status_code=303)


def _stale(request: Request, state: DraftState, fields: dict[str, str], action: str) -> HTMLResponse:
    """Someone else changed the draft since this form was shown: the latest version, and — for a new edit or a new
    name — this person's change kept aside with the choice to apply it to the latest version or leave it (a removal
    is not offered again: the list it pointed into has changed; the edit is still there with its own button)."""
    srv: Server = request.app.state.server
    w = W[srv.lang(request)]
    pending: dict[str, str] = {}
    line = ""
    if action in ("add", "rename"):
        pending = {k: v for k, v in fields.items() if k not in (CSRF_FIELD, "rev")}
        try:
            line = (f"{w['name']}: {fields.get('name', '')}" if action == "rename"
                    else " — ".join(edit_lines([parse_edit(fields.get("kind", ""), fields)])[0]))
        except (EditError, ValueError):
            line = ", ".join(f"{k} = {v}" for k, v in pending.items() if v)
    return _editor(request, state, 409, notice=w["draft_changed"], pending=pending, pending_line=line)


@route
async def draft_result(request: Request) -> Response:
    srv: Server = request.app.state.server
    state = srv.draft(request)
    base = srv.loaded(state.base)
    whatif = await asyncio.to_thread(srv.whatif, state)  # every scenario check: off the event loop
    result = await srv.run_job(request, [base, whatif], work.whatif_view, base.resolved, whatif.resolved)
    return srv.page(request, "result.html.j2", state=state, base=base, whatif=whatif, result=result,
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


@route
async def draft_save(request: Request) -> Response:
    """Save the draft as a what-if file: a new file, or — only after a clear choice — a file this server saved
    before and nobody has changed since; never an input. The written file is read back as the CLI reads it."""
    srv: Server = request.app.state.server
    form = await checked_form(request)
    state = srv.draft(request)
    lang = srv.lang(request)
    name = form_value(form, "file").strip().removesuffix(".toml")
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
        replace = form_value(form, "replace")
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


@route
async def job_cancel(request: Request) -> Response:
    srv: Server = request.app.state.server
    form = await checked_form(request)
    job = await asyncio.to_thread(srv.pool.cancel, request.path_params["jid"])  # waits for the worker to end
    if job is None:
        return srv.message(request, 404, "not_found")
    return srv.page(request, "job.html.j2", 200, job=job, back=local_path(form_value(form, "back")))


@route
async def job_status(request: Request) -> Response:
    """``/jobs/{jid}/status``: a job's state as a small JSON answer, which the progress page's script asks for (the
    page refreshes itself only without JavaScript)."""
    srv: Server = request.app.state.server
    job = srv.pool.get(request.path_params["jid"])
    if job is None:
        return JSONResponse({"state": "unknown"}, status_code=404)
    w = W[srv.lang(request)]
    lang = srv.lang(request)
    text = (w["queued"].format(label=job.label) if job.state == "queued" else w["working_help"].format(
        label=job.label, elapsed=decimal(job.elapsed, lang), limit=decimal(job.time_limit, lang)))
    return JSONResponse({"state": job.state, "elapsed": round(job.elapsed, 1), "time_limit": job.time_limit,
                         "text": text})


@route
async def compare(request: Request) -> Response:
    """``/compare?s=BASE&s=WHATIF…``: two to four scenarios side by side; ``&download=xlsx|csv|html`` its file."""
    srv: Server = request.app.state.server
    ids = [i for i in request.query_params.getlist("s") if i]
    kind = request.query_params.get("download")
    if not 2 <= len(ids) <= MAX_COMPARE:
        return srv.message(request, 400, "too_many")
    if any(srv.catalogue.get(i) is None for i in ids) or (kind is not None and kind not in DOWNLOADS):
        return srv.message(request, 404, "not_found")
    loaded = [srv.loaded(i) for i in ids]
    resolved = [s.resolved for s in loaded]
    if kind is not None:
        data = await srv.run_job(request, loaded, work.compare_download, resolved, kind, key=(kind,),
                                 wait=DOWNLOAD_WAIT_SECONDS)
        return _file(data, kind, "vergelijking")
    result = await srv.run_job(request, loaded, work.compare_view, resolved)
    query = "&".join(f"s={i}" for i in ids)
    return srv.page(request, "compare.html.j2", scenarios=loaded, result=result, ids=ids, query=query)


def decimal(value: float | None, lang: str, digits: int = 1) -> str:
    """Seconds and other decimals in the page's language: ``0,3`` in Dutch, ``0.3`` in English."""
    if value is None:
        return "–"
    return nl_decimal(value, digits) if lang == "nl" else f"{value:.{digits}f}"


def _file(data: bytes, kind: str, name: str) -> Response:
    media, ext = DOWNLOADS[kind]
    filename = re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip("-") or "plan"
    return Response(data, media_type=media, headers={"content-disposition": f'attachment; filename="{filename}.{ext}"'})


@route
async def duty(request: Request) -> Response:
    srv: Server = request.app.state.server
    entry, s = srv.scenario(request)
    q = request.query_params

    def form(error: list[str], status_code: int, result: Any = None) -> HTMLResponse:
        return srv.page(request, "duty.html.j2", status_code, entry=entry, scenario=s, result=result, error=error,
                        query=dict(q), munis=s.resolved.municipalities, sites=s.resolved.sites)

    if not q.get("code"):
        return form([], 200)
    w = W[srv.lang(request)]
    wrong = [w["whole_number"].format(field=w[f], value=q[f]) for f in ("places", "offer")
             if q.get(f) and not q[f].isdigit()]  # as the CLI's options: whole numbers of 0 or more
    if wrong:
        return form(wrong, 400)
    places = int(q["places"]) if q.get("places") else None
    offer = int(q["offer"]) if q.get("offer") else None
    site = q.get("site") or None
    result = await srv.run_job(request, [s], work.duty_view, s.resolved, q["code"], site, places, offer,
                               key=(q["code"], site, places, offer), refused=form)
    return form([], 200, result)


@route
async def allocation(request: Request) -> Response:
    srv: Server = request.app.state.server
    entry, s = srv.scenario(request)

    def form(error: list[str], status_code: int, result: Any = None) -> HTMLResponse:
        return srv.page(request, "allocation.html.j2", status_code, entry=entry, scenario=s, result=result,
                        error=error)

    if request.method != "POST":
        return form([], 200)
    upload = (await checked_form(request, MAX_UPLOAD_BYTES + MAX_FORM_BYTES)).get("file")
    if not isinstance(upload, UploadFile):
        return form([W[srv.lang(request)]["csv_file"]], 400)
    data = await upload.read(MAX_UPLOAD_BYTES + 1)
    if len(data) > MAX_UPLOAD_BYTES:
        return srv.message(request, 413, "bad_request", [f"> {MAX_UPLOAD_BYTES // 1024} kB"])
    try:
        text = upload_text(data, upload.filename or "", upload.content_type or "")
    except ValueError as exc:
        return form([str(exc)], 400)
    result = await srv.run_job(request, [s], work.allocation_view, s.resolved, text,
                               key=(hashlib.sha256(data).hexdigest(),), wait=DOWNLOAD_WAIT_SECONDS, refused=form)
    return form([], 200 if result["checked"] else 422, result)  # a file that cannot be checked: its problems


@route
async def verdeelbesluit(request: Request) -> Response:
    """``/s/{sid}/verdeelbesluit``: the verdeelbesluit of the scenario; ``?download=csv`` its allocation file."""
    srv: Server = request.app.state.server
    entry, s = srv.scenario(request)
    result = await srv.run_job(request, [s], work.verdeelbesluit_view, s.resolved)
    if request.query_params.get("download") == "csv":
        return _file(result["csv"].encode("utf-8"), "csv", f"verdeelbesluit-{s.name}")
    return srv.page(request, "verdeelbesluit.html.j2", entry=entry, scenario=s, result=result)


@route
async def download(request: Request) -> Response:
    """``/s/{sid}/download/{kind}`` or ``/d/{did}/download/{kind}``: the xlsx, CSV or HTML report of the view."""
    srv: Server = request.app.state.server
    kind = request.path_params["kind"]
    if kind not in DOWNLOADS:
        return srv.message(request, 404, "not_found")
    if "sid" in request.path_params:
        _, s = srv.scenario(request)
    else:
        s = await asyncio.to_thread(srv.whatif, srv.draft(request))
    warnings = _warnings(s, srv.lang(request))
    data = await srv.run_job(request, [s], work.download, s.resolved, kind, warnings, key=(kind,),
                             wait=DOWNLOAD_WAIT_SECONDS)  # a download link should give the file
    return _file(data, kind, s.name)


async def _not_found(request: Request, exc: Exception) -> Response:
    """An address this server does not have: the page's own "not found", in the page's language."""
    srv: Server = request.app.state.server
    return srv.message(request, 404, "not_found")


def _lifespan(server: Server) -> Callable[[Starlette], AbstractAsyncContextManager[None]]:
    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        await asyncio.to_thread(server.pool.start)  # the forkserver and its workers, before the first question
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
        Route("/jobs/{jid}/status", job_status),
        Route("/compare", compare),
        Mount("/static", static, name="static"),
    ], lifespan=_lifespan(server), exception_handlers={404: _not_found})
    app.state.server = server
    app.add_middleware(GuardMiddleware, server=server)
    return app

