"""The editor's edits are what-if file items: the TOML the page saves reads back through the scenario loader as the
same scenario the page planned (same digest) — for every kind of edit, and for a what-if of a what-if."""

from __future__ import annotations

from pathlib import Path

import pytest

from planner import api
from planner.report.words_web import WEB as W
from planner.scenario.load import default_scenario
from planner.web.edits import Draft, EditError, edit_lines, parse_edit, rule_choices, with_edit, without_edit

FORMS: dict[str, dict[str, str]] = {
    "close": {"site": "BO-AMV", "reason": "niet gebouwd"},
    "resize": {"site": "ASN-AZC", "places": "600"},
    "redate": {"site": "ASN-AZC", "available_until": "2026-12-31"},
    "add_site": {"id": "NIEUW-1", "code": "GM0106", "name": "Kandidaat Assen", "category": "amv", "places": "40",
                 "available_from": "2025-07-01"},
    "offer": {"code": "GM0106", "category": "amv", "places": "40", "year": "2026"},
    "rule": {"rule": "count_emergency", "value": "false"},
    "need": {"national_need": "102.000", "by_key": "1"},
    "transfer": {"from_code": "GM0114", "to_code": "GM1681", "category": "regular", "places": "50"},
}


def _saved_digest(tmp_path: Path, draft: Draft, extends: str) -> str:
    path = tmp_path / "what-if.toml"
    path.write_text(draft.toml_text(extends, "Drenthe"), encoding="utf-8")
    return api.load(path).digest()


@pytest.mark.parametrize("kind", list(FORMS))
def test_every_edit_saves_as_the_scenario_the_page_plans(tmp_path: Path, kind: str) -> None:
    base = api.load("drenthe-2025-2026")
    draft = with_edit(Draft(name=f"Wat als {kind}", description="uit de test"), parse_edit(kind, FORMS[kind]))
    page = base.with_changes(draft.changes(), settings=draft.settings() or None, name=draft.name,
                             description=draft.description)
    assert page.digest() != base.digest()  # the edit changes something
    assert _saved_digest(tmp_path, draft, "bundled:drenthe-2025-2026") == page.digest()


def test_a_whatif_of_a_whatif(tmp_path: Path) -> None:
    base = api.load(default_scenario() / "what-if" / "assen-verlengd.toml")
    draft = with_edit(Draft(name="Verlengd en groter"), parse_edit("resize", {"site": "ASN-AZC", "places": "1200"}))
    page = base.with_changes(draft.changes(), name=draft.name)
    assert page.resolved.sites == tuple(
        s if s.id != "ASN-AZC" else s.model_copy(update={"places": 1200}) for s in base.resolved.sites)
    saved = _saved_digest(tmp_path, draft, "bundled:drenthe-2025-2026/what-if/assen-verlengd.toml")
    assert saved == page.digest()


def test_the_change_list_and_the_file_say_the_same() -> None:
    draft = Draft(name="Twee wijzigingen")
    draft = with_edit(draft, parse_edit("close", FORMS["close"]))
    draft = with_edit(draft, parse_edit("need", FORMS["need"]))
    assert edit_lines(draft.edits) == [
        ("changes.sites", "id = BO-AMV, close = True, reason = niet gebouwd"),
        ("settings", "cycle.national_need = 102000, rules.use_official_tasks = False"),
    ]
    text = draft.toml_text("bundled:drenthe-2025-2026", "Drenthe")
    assert "[cycle]\nnational_need = 102000" in text
    assert "[[changes.sites]]" in text
    assert without_edit(draft, 0).edits == draft.edits[1:]


@pytest.mark.parametrize(("kind", "form", "message"), [
    ("resize", {"site": "ASN-AZC", "places": "veel"}, "places: 'veel' is not a whole number"),
    ("resize", {"site": "ASN-AZC"}, "places: required"),
    ("redate", {"site": "ASN-AZC", "available_until": "1-4-2026"}, "not a date (YYYY-MM-DD)"),
    ("redate", {"site": "ASN-AZC"}, "give a new start, a new end or no end"),
    ("add_site", {"id": "A B", "code": "GM0106", "category": "amv", "places": "4"}, "id:"),
    ("add_site", {"id": "X", "code": "106", "category": "amv", "places": "4"}, "code:"),
    ("rule", {"rule": "rounding_of_everything", "value": "true"}, "is not a counting rule"),
    ("rule", {"rule": "count_emergency", "value": "misschien"}, "is not a value of count_emergency"),
    ("transfer", {"from_code": "GM0114", "to_code": "GM1681", "category": "regular", "places": "0"}, "places:"),
    ("bulldoze", {}, "is not an edit"),
])
def test_a_bad_form_names_its_field(kind: str, form: dict[str, str], message: str) -> None:
    with pytest.raises(EditError, match=message.replace("(", r"\(").replace(")", r"\)")):
        parse_edit(kind, form)


def test_counting_rules_come_from_the_schema() -> None:
    rules = rule_choices()
    assert rules["count_emergency"] == ("true", "false")
    assert rules["availability"] == ("whole-period", "any-day", "start")
    assert rules["counting"] == ("separate", "total")
    assert "durable_min_places" not in rules  # a number, not a choice


def test_both_languages_have_every_word() -> None:
    assert set(W["nl"]) == set(W["en"])
    assert all(W["nl"][k] and W["en"][k] for k in W["nl"])
