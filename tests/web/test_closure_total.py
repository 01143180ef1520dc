"""The page's closure table follows the counting reading. Drenthe under ``rules.counting = "total"`` with Emmen's azc
and offer at 575 (tests/journeys/test_total_reading.py works it out by hand): in 2026 the regular places are
2.422 < 2.462, but all places that count are 2.422 + 298 AMV = 2.720 ≥ 2.691 (2.462 + 229), so the province
closes; the page must say so on the total task, not ✘ on the regular one. (Under the separate reading that what-if
has no plan at all: 40 regular places short.)"""

from __future__ import annotations

import re

import jinja2
import pytest

from planner.journeys.duty import duty_changes, duty_scenario
from planner.journeys.plan import SolveSettings, plan_scenario
from planner.report.numbers import nl_int
from planner.report.words_web import WEB
from tests.planning.support import drenthe, with_settings

MACRO = '{% from "macros.html.j2" import closure with context %}{{ closure(rows) }}'


def _closure(counting: str, emmen: int | None) -> str:
    scenario = with_settings(drenthe(), "rules", counting=counting)
    if emmen is not None:
        scenario = duty_scenario(scenario, duty_changes(scenario, "GM0114", "EMM-AZC", emmen, (), emmen)[0])
    run = plan_scenario(scenario, SolveSettings(solver="highs"))
    assert run.plan is not None
    env = jinja2.Environment(loader=jinja2.PackageLoader("planner.web", "templates"), autoescape=True,
                             undefined=jinja2.StrictUndefined)
    return env.from_string(MACRO).render(rows=run.plan.province, w=WEB["nl"], num=nl_int, pct=lambda v: f"{v:.3f}")


def _row_2026(html: str) -> str:
    start = html.index('data-period="2026"')
    return html[start:html.index("</tr>", start)]


@pytest.mark.slow
def test_under_total_the_province_closes_on_its_total_task() -> None:
    row = _row_2026(_closure("total", 575))
    assert 'data-key="closes_total"' in row
    assert "✔ ja sluitend op de totale taak (totaal 2.720 / 2.691)" in " ".join(re.sub("<[^>]+>", " ", row).split())
    assert "✘" not in row  # AMV 298 ≥ 229 closes too


@pytest.mark.slow
def test_under_separate_the_regular_task_decides() -> None:
    """The bundled case (separate reading): 2026 regular 2.522 ≥ 2.462 (the README's plan), the regular column."""
    row = _row_2026(_closure("separate", None))
    assert 'data-key="closes_total"' not in row
    assert "2.462" in row
    assert "2.522" in row
    assert '<td data-key="closes_regular"><span class="verdict ok">✔ ja</span></td>' in row
