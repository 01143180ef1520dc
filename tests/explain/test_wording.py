"""explain's and the allocation check's sentences, read as a person reads them: each site that does not count is
named once (grouped by reason, like the sites a what-if closes) and numbers are written the way the output's
language writes them (``2.332`` in Dutch, ``2,332`` in English, as in every other English output). The expected
sentences are written by hand from the bundled Drenthe inputs (sites.csv)."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from planner.explain.explain import explain_scenario
from planner.explain.sentences import allocation_sentences
from planner.journeys.allocation import Violation
from planner.journeys.duty import duty_changes, duty_scenario
from planner.scenario.load import require_scenario

# Tynaarlo's noodopvang cut from 250 to 60 (tests/journeys/test_same_answers.py): the regular places that can count
# in 2026 are Aa en Hunze TGO 87 + Coevorden azc 430 + Emmen azc 675 + Hoogeveen azc 940 + Tynaarlo 60 + Westerveld
# azc 140 = 2.332, against the task of 2.462. Assen's azc (1.000) ends 1-4-2026 and Meppel's noodopvang (192)
# 31-3-2026; Westerveld's noodopvang (75) and TGO (25) ended 31-12-2024.
TYNAARLO_60 = {
    "nl": "Drenthe kan in 2026 zijn reguliere taak van 2.462 niet halen: er blijven maar 2.332 reguliere plaatsen "
    "beschikbaar nadat de contracten van Assen azc (1.000 plaatsen, op 1-4-2026) en Meppel noodopvang (192 plaatsen, "
    "op 31-3-2026) aflopen en de contracten van Westerveld noodopvang (75) en Westerveld TGO (25 plaatsen) al op "
    "31-12-2024 afliepen. Beperkend: Aa en Hunze TGO heeft 87 plaatsen; Coevorden azc heeft 430 plaatsen; Emmen azc "
    "heeft 675 plaatsen; Hoogeveen azc heeft 940 plaatsen; Tynaarlo noodopvang heeft 60 plaatsen; Westerveld azc "
    "heeft 140 plaatsen.",
    "en": "Drenthe cannot meet its regular task of 2,462 in 2026: only 2,332 regular places remain available after "
    "the contracts of Assen azc (1,000 places, on 1-4-2026) and Meppel noodopvang (192 places, on 31-3-2026) end and "
    "the contracts of Westerveld noodopvang (75) and Westerveld TGO (25 places) already ended on 31-12-2024. "
    "Limiting: Aa en Hunze TGO has 87 places; Coevorden azc has 430 places; Emmen azc has 675 places; Hoogeveen azc "
    "has 940 places; Tynaarlo noodopvang has 60 places; Westerveld azc has 140 places.",
}


@pytest.fixture(scope="module")
def tynaarlo_60() -> object:
    base, _ = require_scenario(None)
    return duty_scenario(base, duty_changes(base, "GM1730", "TYN-NO", 60, (), None)[0])


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_ended_contracts_are_named_once_and_numbers_in_the_language(tynaarlo_60: object, lang: str) -> None:
    (sentence,) = explain_scenario(tynaarlo_60, language=lang).sentences  # type: ignore[arg-type]
    assert sentence.text == TYNAARLO_60[lang]
    assert (sentence.need, sentence.available) == (2462, 2332)
    assert sentence.text.count("contract") == 2  # two clauses (ending, ended), each site once


def test_the_limiting_sites_add_up_to_the_places_that_remain() -> None:
    for text, sep in ((TYNAARLO_60["nl"], "."), (TYNAARLO_60["en"], ",")):
        limiting = re.findall(r"(?:heeft|has) ([\d.,]+) (?:plaatsen|places)", text)
        assert sum(int(n.replace(sep, "")) for n in limiting) == 2332


def _violation(places: int, limit: int, lost: list[tuple[str, str, int, str, dt.date | None]]) -> Violation:
    return {"code": "GM1701", "name": "Westerveld", "province": "Drenthe", "category": "regular", "period": "2026",
            "check": "site_capacity", "places": places, "limit": limit, "excess": places - limit, "restopgave": 0,
            "sites_lost": [{"site": s, "name": n, "places": p, "why": w, "date": d}  # type: ignore[typeddict-item]
                           for s, n, p, w, d in lost]}


def test_an_allocation_sentence_names_sites_once_per_reason() -> None:
    """Westerveld as in the verdeelbesluit (240 against the 140 of its azc), plus a late unit and an emergency site
    that does not count, so every kind of clause is in one sentence."""
    v = _violation(2240, 140, [
        ("WV-NO", "Westerveld noodopvang", 75, "ended", dt.date(2024, 12, 31)),
        ("WV-TGO", "Westerveld TGO", 25, "ended", dt.date(2024, 12, 31)),
        ("WV-NEW", "Westerveld nieuw", 1500, "starts", dt.date(2026, 9, 1)),
    ])
    (nl,) = allocation_sentences([v], "nl")
    assert nl == ("Westerveld (GM1701) kan in 2026 geen 2.240 reguliere plaatsen herbergen: de beschikbare locaties "
                  "hebben er 140 nadat de contracten van Westerveld noodopvang (75) en Westerveld TGO (25 plaatsen) al "
                  "op 31-12-2024 afliepen en Westerveld nieuw (1.500 plaatsen) pas vanaf 1-9-2026 beschikbaar is.")
    (en,) = allocation_sentences([v], "en")
    assert en == ("Westerveld (GM1701) cannot house 2,240 regular places in 2026: its available sites hold 140 after "
                  "the contracts of Westerveld noodopvang (75) and Westerveld TGO (25 places) already ended on "
                  "31-12-2024 and Westerveld nieuw (1,500 places) is only available from 1-9-2026.")


def test_sites_of_one_reason_with_different_dates_keep_their_own_dates() -> None:
    v = _violation(1192, 0, [("A", "Assen azc", 1000, "ends", dt.date(2026, 4, 1)),
                             ("M", "Meppel noodopvang", 192, "ends", dt.date(2026, 3, 31)),
                             ("E1", "Noodopvang 1", 50, "emergency", None),
                             ("E2", "Noodopvang 2", 1050, "emergency", None)])
    (nl,) = allocation_sentences([v], "nl")
    assert nl.endswith("nadat de contracten van Assen azc (1.000 plaatsen, op 1-4-2026) en Meppel noodopvang (192 "
                       "plaatsen, op 31-3-2026) aflopen en de noodopvanglocaties Noodopvang 1 (50) en Noodopvang 2 "
                       "(1.050 plaatsen) niet meetellen.")
    (en,) = allocation_sentences([v], "en")
    assert en.endswith("after the contracts of Assen azc (1,000 places, on 1-4-2026) and Meppel noodopvang (192 "
                       "places, on 31-3-2026) end and the emergency sites Noodopvang 1 (50) and Noodopvang 2 (1,050 "
                       "places) do not count.")
    assert not re.search(r"\d\.\d{3}", en)
    assert not re.search(r"\d,\d{3}", nl)
