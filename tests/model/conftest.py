"""Report the mix of statuses the property-test strategy produced (issue 10: mostly feasible scenarios)."""

from __future__ import annotations

from typing import Any


def pytest_terminal_summary(terminalreporter: Any) -> None:
    from tests.model.test_properties import MIX

    if MIX:
        total = sum(MIX.values())
        parts = ", ".join(f"{n} {status}" for status, n in sorted(MIX.items()))
        terminalreporter.write_line(f"property-test scenarios (HiGHS, {total} draws): {parts}")
