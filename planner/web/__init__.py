"""``planner serve``: the steering table's live what-if page.

A thin web layer over the Python API and the journeys: nothing here plans, counts or formats numbers on its own.

- :mod:`planner.web.catalogue` — the scenarios the server offers (the browser names an id, never a path);
- :mod:`planner.web.edits` — a what-if as a list of edits, turned into the ``[changes]`` of a what-if file, its
  TOML text and the changed scenario (through :meth:`planner.api.Scenario.with_changes`);
- :mod:`planner.web.work` — what a worker computes (plan, what-if against its base, explanation, downloads);
- :mod:`planner.web.drafts` — what-ifs being built, kept in the server's work folder so a restart loses none;
- :mod:`planner.web.jobs` — the worker pool: processes from a forkserver (:mod:`planner.web.preload` is what it
  loads once), cancellable, results cached by scenario digest;
- :mod:`planner.web.security` — token, CSRF and upload limits;
- :mod:`planner.web.answer` — every route's guard: a refusal of the input is its problems with a 4xx;
- :mod:`planner.web.app` — the Starlette routes and Jinja2 pages (``templates/``, assets in ``static/``); the
  page's words are in :mod:`planner.report.words_web`.

The web stack (Starlette, uvicorn, python-multipart) is imported only by ``planner serve``.
"""
