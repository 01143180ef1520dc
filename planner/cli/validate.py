"""``planner validate``: check a whole scenario and print every problem at once."""

from __future__ import annotations

import sys

from planner.cli.common import (
    AllowOutsideOpt,
    Format,
    FormatOpt,
    LangOpt,
    ScenarioArg,
    WideOpt,
    command_language,
    console,
    finish,
    print_problems,
)
from planner.outcome import Outcome


def command(
    scenario: ScenarioArg = None,
    fmt: FormatOpt = Format.table,
    lang: LangOpt = None,
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
        from planner.report.words import number, term

        con = console()
        words = command_language(loaded)
        name = esc(loaded.name if loaded else str(scenario))
        print_problems(problems, out=con, lang=words)
        if ok:
            assert loaded is not None
            con.print("[green]✓[/] " + term(words, "valid_line", name=name, w=number(words, len(problems.warnings)),
                                            m=number(words, len(loaded.municipalities)),
                                            s=number(words, len(loaded.sites)), o=number(words, len(loaded.offers)),
                                            d=loaded.digest()[:12]))
        else:
            con.print("[red]✗[/] " + term(words, "invalid_line", name=name, e=number(words, len(problems.errors)),
                                          w=number(words, len(problems.warnings))))
    finish(Outcome.DONE if ok else Outcome.BAD_INPUT)

