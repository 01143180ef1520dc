"""The message catalogue of input problems: both languages, the same values, every key used, and the Drenthe
warnings written out by hand in each language."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from planner.report.messages import MESSAGES
from planner.scenario.load import load_scenario

SOURCE = Path(__file__).parents[2] / "planner"


def fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_both_languages_have_every_key_with_the_same_values() -> None:
    assert set(MESSAGES["nl"]) == set(MESSAGES["en"])
    for key, text in MESSAGES["en"].items():
        assert fields(MESSAGES["nl"][key]) == fields(text), key


def test_every_key_is_used_and_every_used_key_exists() -> None:
    """A key is used where a ``Msg.of("key", …)`` or an error's ``….of("key", …)`` (``DutyError.of``) names it, or
    as the message of a pydantic error type."""
    from planner.report.messages_read import PYDANTIC_KEYS

    named = r'(?:Msg|Error)\.of\(\s*"(\w+)"'
    used = {m for path in SOURCE.rglob("*.py") for m in re.findall(named, path.read_text("utf-8"))}
    assert used | set(PYDANTIC_KEYS.values()) == set(MESSAGES["en"])


@pytest.mark.parametrize(("lang", "expected"), [
    ("nl", "locatie ASN-AZC (1.000 plaatsen) stopt binnen de cyclus, op 1-4-2026: ze dekt er maar een deel van"),
    ("en", "site ASN-AZC (1000 places) ends inside the cycle on 1-4-2026: it covers only part of it"),
])
def test_a_drenthe_warning_in_each_language(lang: str, expected: str) -> None:
    _, problems = load_scenario()
    texts = [p.text(lang) for p in problems.warnings if p.code == "ends-in-cycle"]
    assert expected in texts


def test_an_offer_the_sites_cannot_fill_in_dutch() -> None:
    """Noordenveld offers 43 AMV places in 2026 (offers.csv) while its one AMV site ends on 1-3-2026."""
    _, problems = load_scenario()
    texts = [p.text("nl") for p in problems.warnings if p.code == "offer-unfilled"]
    assert ("Noordenveld (GM1699) biedt in 2026 43 plaatsen AMV aan, maar de eigen locaties geven in periode 2026 "
            "maar 0") in texts


def test_the_english_message_is_the_json_message() -> None:
    _, problems = load_scenario()
    assert all(p.message == p.text("en") for p in problems)
    assert all(p.as_dict()["message"] == p.message for p in problems)


def test_short_headers_exist_in_both_languages() -> None:
    from planner.report.words import term
    from planner.report.words_tables import SHORT_WORDS, TABLE_WORDS

    assert set(SHORT_WORDS["nl"]) == set(SHORT_WORDS["en"])
    for lang in ("nl", "en"):
        for key, short in SHORT_WORDS[lang].items():
            assert len(short) < len(term(lang, key)) or short == term(lang, key), (lang, key)
    assert set(TABLE_WORDS["nl"]) == set(TABLE_WORDS["en"])


def test_command_words_exist_in_both_languages_with_the_same_values() -> None:
    from planner.report.words_cli import CLI_SHORT, CLI_WORDS

    assert set(CLI_WORDS["nl"]) == set(CLI_WORDS["en"])
    for key, text in CLI_WORDS["en"].items():
        assert fields(CLI_WORDS["nl"][key]) == fields(text), key
    assert set(CLI_SHORT["nl"]) == set(CLI_SHORT["en"]) <= set(CLI_WORDS["en"])


@pytest.mark.parametrize(("kind", "ctx", "nl", "en"), [
    ("greater_than_equal", {"ge": 0}, "places moet groter dan of gelijk aan 0 zijn: -5",
     "places must be greater than or equal to 0: got -5"),
    ("less_than_equal", {"le": 1000000}, "places moet kleiner dan of gelijk aan 1.000.000 zijn: -5",
     "places must be less than or equal to 1000000: got -5"),
    ("literal_error", {"expected": "'bankers', 'half_up' or 'largest_remainder'"},
     "places moet een van deze zijn: 'bankers', 'half_up', 'largest_remainder': -5",
     "places must be one of: 'bankers', 'half_up', 'largest_remainder': got -5"),
    ("int_parsing", {}, "places moet een geheel getal zijn: -5", "places must be a whole number: got -5"),
    ("missing", {}, "places: verplichte waarde ontbreekt", "places: a required value is missing"),
    ("url_scheme", {}, "places heeft een ongeldige waarde (url_scheme): -5",
     "places has a value that is not valid (url_scheme): got -5"),
])
def test_a_pydantic_error_is_said_by_its_type(kind: str, ctx: dict[str, object], nl: str, en: str) -> None:
    """By type, with the field's own name, never pydantic's sentence; an unknown type says so with its name."""
    from planner.report.messages import render
    from planner.scenario.problems import pydantic_msg

    msg = pydantic_msg({"type": kind, "loc": ("places",), "msg": "Input should be …", "input": -5, "ctx": ctx},
                       "places")
    assert (render("nl", msg), render("en", msg)) == (nl, en)
