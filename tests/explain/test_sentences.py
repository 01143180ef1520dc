"""Sentences for the hand-computed Drenthe conflicts; the places that remain are solved for, not guessed."""

from __future__ import annotations

from pathlib import Path

from planner.explain.conflict import find_conflicts
from planner.explain.rows import feasibility_program
from planner.explain.sentences import Sentence, allocation_sentences, conflict_sentences, reachable_places
from planner.model.build import build_model
from planner.scenario.load import load_scenario

DATA = Path(__file__).parents[1] / "data" / "infeasible"


def test_closed_units_in_dutch_and_english() -> None:
    scenario, _ = load_scenario(DATA / "drenthe-amv-closed")
    assert scenario is not None
    model = build_model(scenario)
    fp = feasibility_program(model)
    assert reachable_places(model, fp, "Drenthe", "amv", "2025") == 191
    assert reachable_places(model, fp, "Drenthe", "amv", "2026") == 148
    c2026 = find_conflicts(model).conflicts[1]
    (nl,) = conflict_sentences(model, fp, c2026, "nl")
    assert (nl.need, nl.available) == (229, 148)
    # The closed units are no row of the program; the planning data names them (issue 11).
    assert nl.text.startswith(
        "Drenthe kan in 2026 zijn AMV-taak van 229 niet halen: er blijven maar 148 AMV-plaatsen beschikbaar nadat "
        "het contract van Noordenveld AMV (43 plaatsen) op 1-3-2026 afloopt en in deze variant Borger-Odoorn AMV-unit "
        "(50), De Wolden AMV-unit (50) en Midden-Drenthe AMV-unit (50 plaatsen) sluiten."
    )  # each closed site named once, the places word once (issue 11)
    assert "Coevorden AMV heeft 20 plaatsen" in nl.text
    (en,) = conflict_sentences(model, fp, c2026, "en")
    assert en.text.startswith(
        "Drenthe cannot meet its AMV task of 229 in 2026: only 148 AMV places remain available after the contract "
        "of Noordenveld AMV (43 places) ends on 1-3-2026 and Borger-Odoorn AMV-unit (50), De Wolden AMV-unit (50) and "
        "Midden-Drenthe AMV-unit (50 places) are closed in this variant."
    )
    (nl25,) = conflict_sentences(model, fp, find_conflicts(model).conflicts[0], "nl")
    assert nl25.text.startswith(
        "Drenthe kan in 2025 zijn AMV-taak van 229 niet halen: er blijven maar 191 AMV-plaatsen beschikbaar nadat "
        "in deze variant Borger-Odoorn AMV-unit (50), De Wolden AMV-unit (50) en Midden-Drenthe AMV-unit (50 plaatsen) "
        "sluiten."
    )


def _only_sentence(case: str) -> Sentence:
    """The one sentence of a test scenario whose only conflict is a single province and period."""
    scenario, _ = load_scenario(DATA / case)
    assert scenario is not None
    model = build_model(scenario)
    fp = feasibility_program(model)
    (conflict,) = find_conflicts(model).conflicts
    (sentence,) = conflict_sentences(model, fp, conflict)
    return sentence


def test_offers_are_named_with_municipality_and_year() -> None:
    s = _only_sentence("drenthe-amv-offers-2026")
    assert "er blijven maar 218 AMV-plaatsen beschikbaar" in s.text
    assert "Emmen biedt in 2026 ten hoogste 10 AMV-plaatsen aan" in s.text
    assert "Westerveld biedt in 2026 ten hoogste 10 AMV-plaatsen aan" in s.text


def test_thousands_in_allocation_sentences_are_written_as_the_language_writes_them() -> None:
    import datetime as dt

    v = {"check": "site_capacity", "code": "GM0106", "name": "Assen", "province": "Drenthe", "category": "regular",
         "period": "2026", "places": 1000, "limit": 0,
         "sites_lost": [{"site": "ASN-AZC", "name": "Assen azc", "places": 1000, "why": "ends",
                         "date": dt.date(2026, 4, 1)}]}
    assert allocation_sentences([v]) == [
        "Assen (GM0106) kan in 2026 geen 1.000 reguliere plaatsen herbergen: de beschikbare locaties hebben er 0 "
        "nadat het contract van Assen azc (1.000 plaatsen) op 1-4-2026 afloopt."
    ]
    assert allocation_sentences([{**v, "check": "offer_limit", "limit": 900}], "en") == [
        "Assen (GM0106) gets 1,000 regular places in 2026, more than its offer of 900."
    ]


def test_minimum_size_is_named() -> None:
    s = _only_sentence("drenthe-amv-minimum-size")
    assert s.available == 198
    assert "Midden-Drenthe AMV-unit kan alleen open met minstens 50 plaatsen" in s.text
    assert "Borger-Odoorn biedt in 2026 ten hoogste 30 AMV-plaatsen aan" in s.text


def _sentences(folder: Path, language: str) -> list[str]:
    scenario, problems = load_scenario(folder)
    assert scenario is not None, problems
    model = build_model(scenario)
    fp = feasibility_program(model)
    return [s.text for c in find_conflicts(model).conflicts for s in conflict_sentences(model, fp, c, language)]


def test_a_site_the_base_has_and_the_what_if_lacks_is_named(tmp_path: Path) -> None:
    """A what-if with its own sites table without Borger-Odoorn's and De Wolden's AMV units (no [changes]). By hand,
    AMV 2025: Coevorden 20 + Emmen 50 + Midden-Drenthe 50 + Noordenveld 43 + Tynaarlo 28 + Westerveld 50 = 241 ≥ 229;
    2026: Noordenveld's contract ends 1-3-2026, 241 − 43 = 198 < 229. Before, the two units went unmentioned."""
    base = (DATA.parents[2] / "scenarios" / "drenthe-2025-2026" / "sites.csv").read_text(encoding="utf-8")
    kept = [line for line in base.splitlines() if not line.startswith(("BO-AMV,", "DW-AMV,"))]
    (tmp_path / "sites.csv").write_text("\n".join(kept) + "\n", encoding="utf-8")
    (tmp_path / "scenario.toml").write_text('[scenario]\nname = "eigen locaties"\nextends = '
                                            '"bundled:drenthe-2025-2026"\n\n[tables]\nsites = "sites.csv"\n',
                                            encoding="utf-8")
    (nl,) = _sentences(tmp_path, "nl")
    assert nl.startswith(
        "Drenthe kan in 2026 zijn AMV-taak van 229 niet halen: er blijven maar 198 AMV-plaatsen beschikbaar nadat "
        "het contract van Noordenveld AMV (43 plaatsen) op 1-3-2026 afloopt en in deze variant Borger-Odoorn AMV-unit "
        "(50) en De Wolden AMV-unit (50 plaatsen) ontbreken.")
    (en,) = _sentences(tmp_path, "en")
    assert "Borger-Odoorn AMV-unit (50) and De Wolden AMV-unit (50 places) are missing from this variant." in en


def test_a_unit_ready_after_the_obligation_date_and_a_contract_ended_before_the_cycle_are_named(
        tmp_path: Path) -> None:
    """De Wolden's and Midden-Drenthe's units closed, Borger-Odoorn's ready only on 1-9-2025 (after the obligation
    date 1-7-2025), Tynaarlo's AMV contract ended 31-12-2024. By hand, AMV 2025: Coevorden 20 + Emmen 50 +
    Noordenveld 43 + Westerveld 50 = 163 < 229; 2026: Borger-Odoorn 50 + 20 + 50 + 50 = 170 (Noordenveld ends
    1-3-2026) < 229."""
    (tmp_path / "scenario.toml").write_text(
        '[scenario]\nname = "laat"\nextends = "bundled:drenthe-2025-2026"\n\n[changes]\nsites = [{ id = "DW-AMV", '
        'close = true }, { id = "MD-AMV", close = true }, { id = "BO-AMV", available_from = 2025-09-01 }, '
        '{ id = "TYN-AMV", available_until = 2024-12-31 }]\n', encoding="utf-8")
    nl25, nl26 = _sentences(tmp_path, "nl")
    assert nl25.startswith(
        "Drenthe kan in 2025 zijn AMV-taak van 229 niet halen: er blijven maar 163 AMV-plaatsen beschikbaar nadat "
        "Borger-Odoorn AMV-unit (50 plaatsen) pas vanaf 1-9-2025 beschikbaar is, het contract van Tynaarlo AMV (28 "
        "plaatsen) al op 31-12-2024 afliep en in deze variant De Wolden AMV-unit (50) en Midden-Drenthe AMV-unit (50 "
        "plaatsen) sluiten.")
    assert "er blijven maar 170 AMV-plaatsen" in nl26
    assert "Tynaarlo AMV (28 plaatsen) al op 31-12-2024 afliep" in nl26
    en25, _ = _sentences(tmp_path, "en")
    assert "Borger-Odoorn AMV-unit (50 places) is only available from 1-9-2025, the contract of Tynaarlo AMV (28 " \
           "places) already ended on 31-12-2024" in en25


def test_one_closed_site_is_named_in_the_singular(tmp_path: Path) -> None:
    """De Wolden's AMV unit closed and Tynaarlo's AMV contract ended 31-12-2024. By hand, AMV 2026: Borger-Odoorn 50
    + Coevorden 20 + Emmen 50 + Midden-Drenthe 50 + Westerveld 50 = 220 < 229 (Noordenveld ends 1-3-2026); 2025 has
    Noordenveld's 43 as well: 263 ≥ 229."""
    (tmp_path / "scenario.toml").write_text(
        '[scenario]\nname = "een dicht"\nextends = "bundled:drenthe-2025-2026"\n\n[changes]\nsites = [{ id = "DW-AMV", '
        'close = true }, { id = "TYN-AMV", available_until = 2024-12-31 }]\n', encoding="utf-8")
    (nl,) = _sentences(tmp_path, "nl")
    assert "er blijven maar 220 AMV-plaatsen beschikbaar nadat" in nl
    assert nl.split(". Beperkend")[0].endswith(" en in deze variant De Wolden AMV-unit (50 plaatsen) sluit")
    (en,) = _sentences(tmp_path, "en")
    assert en.split(". Limiting")[0].endswith(" and De Wolden AMV-unit (50 places) is closed in this variant")
