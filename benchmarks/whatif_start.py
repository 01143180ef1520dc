"""Does the base's plan as a start make a national what-if's changed province cheaper to solve? (issue 13)

    python -m benchmarks.whatif_start 12        # the first 12 what-ifs of benchmarks.run.offer_whatifs

One process, ``--solver auto``, one worker, parts reused (``planner/model/reuse.py``), as a sweep's worker runs. The
base is planned twice: once cold (its proven parts stored under digests without a start) and once with its own plan
as the start (stored under digests with it: a part's digest includes its start), so that in both runs of a what-if
below the 11 provinces it does not change are reused and only the changed one is solved. Each what-if is then planned
without a start and with the base's plan as the start (alternating which goes first), and the table gives the CPU
seconds of each (``time.process_time``: the solve runs in this process), whether the base's plan satisfies every
bound and row of the what-if's program (``planner.model.solve.feasible_start``: if not, the start is dropped and the
first goal starts cold; later goals start from the previous goal's solution in both runs) and whether both give the
same plan (the places and Ukraine places, as ``benchmarks.run``'s digest).
"""

from __future__ import annotations

import dataclasses
import os
import sys
import time
from typing import Any

from benchmarks.run import NATIONAL, _plan_digest, offer_whatifs
from planner.report.numbers import nl_decimal
from planner.scenario.load import load_scenario


def measure(n: int) -> list[dict[str, Any]]:
    """Per what-if: the code whose offer changed, CPU without and with the start, the start feasible, same plan."""
    from planner.journeys.plan import SolveSettings, plan_scenario
    from planner.model.build import build_model
    from planner.model.solve import feasible_start

    base, _ = load_scenario(NATIONAL)
    assert base is not None

    def settings(s: Any) -> SolveSettings:
        return SolveSettings.from_scenario(s, solver="auto", workers=1, reuse=True)

    cold = plan_scenario(base, settings(base))
    start = cold.solution.values
    assert start is not None, cold.solution.message
    plan_scenario(base, settings(base), hint=start)
    rows = []
    for i, (row, places) in enumerate(offer_whatifs(base, n)):
        offers = list(base.offers)
        offers[row] = offers[row].model_copy(update={"places": places})
        scenario = dataclasses.replace(base, offers=tuple(offers))
        feasible = feasible_start(build_model(scenario).builder.program(), start) is not None
        out: dict[str, Any] = {"code": base.offers[row].code, "places": places, "feasible": feasible,
                               "load": os.getloadavg()[0]}
        for hint in ((None, start) if i % 2 == 0 else (start, None)):
            c = time.process_time()
            run = plan_scenario(scenario, settings(scenario), hint=hint)
            key = "with" if hint is not None else "without"
            out[f"cpu_{key}"] = time.process_time() - c
            out[f"digest_{key}"] = _plan_digest(run.solution)
            out[f"proven_{key}"] = all(g.status.value == "optimal" for g in run.solution.goals)
            out[f"reused_{key}"] = run.solution.reused_parts
        rows.append(out)
        print(out, file=sys.stderr, flush=True)
    return rows


def markdown(rows: list[dict[str, Any]]) -> str:
    lines = ["| what-if | start feasible | CPU s without | CPU s with | ratio | same plan | proven | reused | load |",
             "|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        lines.append(
            f"| {r['code']} offer → {r['places']} | {'yes' if r['feasible'] else 'no'} "
            f"| {nl_decimal(r['cpu_without'])} | {nl_decimal(r['cpu_with'])} "
            f"| {nl_decimal(r['cpu_with'] / r['cpu_without'])} "
            f"| {'yes' if r['digest_with'] == r['digest_without'] else 'NO'} "
            f"| {'yes' if r['proven_with'] and r['proven_without'] else 'NO'} "
            f"| {r['reused_without']} / {r['reused_with']} | {nl_decimal(r['load'], 1)} |")
    without, with_ = sum(r["cpu_without"] for r in rows), sum(r["cpu_with"] for r in rows)
    lines.append(f"| **all {len(rows)}** | {sum(r['feasible'] for r in rows)} | **{nl_decimal(without)}** "
                 f"| **{nl_decimal(with_)}** | **{nl_decimal(with_ / without)}** | | | | |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    print(markdown(measure(int(args[0]) if args else 12)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
