"""``planner validate``: check a whole scenario and print every problem at once."""

from __future__ import annotations

import sys

from planner.cli.common import AllowOutsideOpt, Format, FormatOpt, ScenarioArg, WideOpt, console, finish, print_problems
from planner.outcome import Outcome
from planner.report.numbers import nl_int


def command(
    scenario: ScenarioArg = None,
    fmt: FormatOpt = Format.table,
    allow_outside: AllowOutsideOpt = False,
    _wide: WideOpt = False,
) -> None:
    """Check a scenario: every problem at once, each with file, row and field. Exit 0 when it has no errors."""
    from planner.io import to_csv
    from planner.report.output import to_json
    from planner.scenario.load import load_scenario

    loaded, problems = load_scenario(scenario, allow_outside=allow_outside)
    rows = [p.as_dict() for p in problems]
    ok = loaded is not None and not problems.has_errors()
    if fmt is Format.json:
        sys.stdout.write(to_json({
            "scenario": str(scenario or "bundled:drenthe-2025-2026"),
            "valid": ok,
            "errors": len(problems.errors),
            "warnings": len(problems.warnings),
            "digest": loaded.digest() if ok and loaded else None,
            "problems": rows,
        }))
    elif fmt is Format.csv:
        sys.stdout.write(to_csv(rows, ["severity", "file", "row", "field", "code", "message"]))
    else:
        from planner.report.terminal import esc

        con = console()
        name = esc(loaded.name if loaded else str(scenario))
        print_problems(problems, out=con)
        if ok:
            assert loaded is not None
            con.print(f"[green]✓[/] {name}: valid ({nl_int(len(problems.warnings))} warning(s)); "
                      f"{nl_int(len(loaded.municipalities))} municipalities, {nl_int(len(loaded.sites))} sites, "
                      f"{nl_int(len(loaded.offers))} offers; digest {loaded.digest()[:12]}")
        else:
            con.print(f"[red]✗[/] {name}: {nl_int(len(problems.errors))} error(s), "
                      f"{nl_int(len(problems.warnings))} warning(s)")
    finish(Outcome.DONE if ok else Outcome.BAD_INPUT)

