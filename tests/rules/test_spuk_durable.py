"""Aa en Hunze's 87-place TGO is durable for SPUK 1 but not under the cycle-1 counting rule, and the SPUK output
says which rule its "duurzaam" column follows (issue 11).

The sources, read by hand:
- The report's Bijlage 2 heads SPUK 1 "duurzame plaatsen (langer dan 5 jaar beschikbaar, bovenop de indicatieve
  verdeling)" and the domain notes §6 say "available ≥ 5 years": a length of time, no minimum size. The TGO runs from
  13-10-2022 with "geen einddatum", so its 87 places are durable for SPUK 1. The report lists Aa en Hunze under SPUK
  3 only, which it must either way: 87 places are below its own total task of 143 + 13 = 156, so SPUK 1 would pay
  2.000 × max(0, 87 − 156) = € 0. The report therefore does not contradict the column; the euros do not depend on it.
- "More than 100 places, more than 5 years, within 12 months" is the domain notes' §4 rule for which existing sites
  count toward the task (``rules.count_only_durable``): under it the TGO (87 ≤ 100) does not count.
"""

from __future__ import annotations

import dataclasses

import pytest

from planner.planning import PlanningData
from planner.report.tables import spuk_summary
from planner.rules.counting import is_durable, is_spuk1_durable
from tests.planning.support import drenthe, with_settings
from tests.rules.test_spuk_tables import drenthe_spuk


def test_the_tgo_is_durable_for_spuk1_but_not_for_counting() -> None:
    s = drenthe()
    tgo = next(site for site in s.sites if site.id == "AAH-TGO")
    assert (tgo.places, tgo.available_from.isoformat() if tgo.available_from else None, tgo.available_until) == (
        87, "2022-10-13", None)
    assert is_spuk1_durable(tgo, s.settings.cycle, s.settings.spuk)
    assert not is_durable(tgo, s.settings.cycle, s.settings.rules)
    row = next(r for r in drenthe_spuk().rows if r.code == "GM1680")
    assert (row.task_total, row.durable_places, row.spuk1_places, row.spuk1_possible, row.spuk1) == (156, 87, 0, 0, 0)
    # Under count_only_durable the TGO's places do not count toward Aa en Hunze's regular task at all.
    data = PlanningData.from_scenario(with_settings(s, "rules", count_only_durable=True))
    assert data.site_capacity("AAH-TGO", "2025") == 0
    assert data.site_periods[("AAH-TGO", "2025")].why_not == "not_durable"
    assert PlanningData.from_scenario(s).site_capacity("AAH-TGO", "2025") == 87


def test_a_larger_tgo_would_earn_spuk1_without_a_size_rule() -> None:
    """The size rule is not SPUK 1's: the same TGO with 200 places (offer 200) has 200 − 156 = 44 places above the
    task, € 88.000 as the SPUK 1 option."""
    from planner.rules.spuk import compute_spuk

    s = drenthe()
    sites = tuple(x.model_copy(update={"places": 200}) if x.id == "AAH-TGO" else x for x in s.sites)
    offers = tuple(o.model_copy(update={"places": 200}) if (o.code, o.category.value) == ("GM1680", "regular") else o
                   for o in s.offers)
    s = dataclasses.replace(s, sites=sites, offers=offers)
    data = PlanningData.from_scenario(s)
    places = {sid: data.site_capacity(sid, "2025") for sid in data.sites}
    munis = {c: (m.name, m.task_total) for c, m in data.munis.items()}
    row = next(r for r in compute_spuk(s.settings.spuk, s.settings.cycle, munis, places, data.sites).rows
               if r.code == "GM1680")
    assert (row.durable_places, row.spuk1_places, row.spuk1_possible) == (200, 44, 88_000)


@pytest.mark.parametrize(("lang", "years", "text"), [
    ("nl", 5.0, "duurzaam (SPUK 1): plaatsen van locaties die ten minste 5 jaar beschikbaar zijn, zonder noodopvang "
                "en zonder minimum aantal plaatsen"),
    ("en", 5.0, "durable (SPUK 1): places of sites available for at least 5 years, without emergency reception and "
                "without a minimum size"),
    ("nl", 2.5, "ten minste 2,5 jaar"),
    ("en", 2.5, "at least 2.5 years"),
])
def test_the_spuk_output_says_which_durability_its_column_counts(lang: str, years: float, text: str) -> None:
    spuk = dataclasses.replace(drenthe_spuk(), spuk1_min_years=years)
    assert any(text in line for line in spuk_summary(spuk, lang))
