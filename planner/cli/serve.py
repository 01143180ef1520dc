"""``planner serve``: the steering table's live what-if page (a local web application)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from planner.cli.common import AllowOutsideOpt, fail

ScenariosArg = Annotated[
    list[Path] | None,
    typer.Argument(help="Scenario folders or .toml files to offer (a folder brings its what-if/ files); "
                   "'bundled:NAME' names one shipped with the planner. Default: the bundled scenarios.",
                   show_default=False),
]


def command(
    scenarios: ScenariosArg = None,
    host: Annotated[str, typer.Option("--host", help="Address to listen on. Anything but 127.0.0.1 (this machine "
                                      "only) requires the access token printed at start.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port (0: any free port).", min=0, max=65535)] = 8765,
    token: Annotated[bool, typer.Option("--token", help="Require an access token on 127.0.0.1 too.")] = False,
    save_dir: Annotated[Path, typer.Option("--save-dir", help="Folder for what-ifs of the bundled scenarios saved "
                                           "from the page (a what-if of another scenario goes to its what-if/ "
                                           "folder).")] = Path("what-if"),
    workers: Annotated[int | None, typer.Option("--workers", help="Solves at once (default: one per CPU, at most "
                                                "4).", min=1, max=16, show_default=False)] = None,
    allow_outside: AllowOutsideOpt = False,
) -> None:
    """Start the live what-if page and print its address: the scenario view (tasks, plan, closure, map, SPUK,
    checks), a what-if editor that plans and saves what-ifs as TOML files the CLI reads, scenarios side by side,
    the duty check and the allocation check. Stop it with Ctrl-C."""
    import logging
    import socket

    import uvicorn

    from planner.scenario.load import BUNDLED_PREFIX, bundled_dir
    from planner.web.app import Config, create_app
    from planner.web.jobs import default_workers

    # named as every other command names them: 'bundled:drenthe-2025-2026' is the shipped folder
    given = [bundled_dir() / str(p).removeprefix(BUNDLED_PREFIX) if str(p).startswith(BUNDLED_PREFIX) else p
             for p in scenarios or []]
    for p in given:
        if not p.exists():
            fail(f"{p}: no such scenario folder or file")
    config = Config(scenarios=given, save_dir=save_dir.resolve(), host=host, token=token,
                    workers=workers or default_workers(), allow_outside=allow_outside)
    log = logging.getLogger("planner.serve")  # a failed job's reason, with its id (the page shows the id too)
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s planner serve %(levelname)s: %(message)s"))
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    app = create_app(config)
    server = app.state.server
    from planner.scenario.problems import ScenarioError

    for e in server.catalogue.entries():  # a scenario named here must load: say what is wrong before starting
        try:
            server.catalogue.load(e.id)
        except ScenarioError as exc:
            if e.base is None:
                raise
            # a what-if found in a folder's what-if/ does not stop the meeting: its page shows its problems
            typer.echo(f"{e.id}: {exc.message} (its page lists them)", err=True)
    for line in server.unrestored:  # drafts of an earlier run that this one cannot use (left on disk)
        typer.echo(f"draft not restored: {line}", err=True)
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        fail(f"cannot listen on {host}:{port}: {exc.strerror or exc}")
    sock.listen(128)  # before the address is printed: a browser opened at once is queued, not refused
    bound = sock.getsockname()[1]
    shown = f"[{host}]" if ":" in host else host
    address = f"http://{shown}:{bound}/"
    if server.guard.token is not None:
        address += f"?token={server.guard.token}"
    typer.echo(f"planner serve: {address}", err=False)
    typer.echo(f"scenarios: {', '.join(e.id for e in server.catalogue.entries())}; saving to {config.save_dir}")
    typer.echo("stop with Ctrl-C", err=False)
    uv = uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False, lifespan="on"))
    uv.run(sockets=[sock])
