"""The default run stays near three and a half minutes on a 2-core machine: tests marked ``slow`` (real processes
killed or racing, a wheel built and installed, full corpus through processes, solver cross-checks on many random
programs) run with ``--slow``, with ``-m slow`` (or any ``-m`` expression that selects them), or when ``CI`` is
set — CI always runs the whole suite. A skipped slow test says so in the summary, so nothing is silently left out."""

from __future__ import annotations

import os

import pytest


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--slow", action="store_true", default=False, help="also run the tests marked slow")


def _run_slow(config: pytest.Config) -> bool:
    ci = os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}
    return bool(config.getoption("--slow") or config.getoption("markexpr") or ci)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if _run_slow(config):
        return
    skip = pytest.mark.skip(reason="slow: run with --slow or -m slow (CI runs it)")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)
