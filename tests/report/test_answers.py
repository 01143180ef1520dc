"""The check-duty sentences for every combination of met and short per task and period, in both languages."""

from __future__ import annotations

import itertools

import pytest

from planner.journeys.duty import DutyResult, Edit, OwnDuty, ProvinceCheck
from planner.report.answers import duty_sentences

# (capacity 2025, capacity 2026) against a task of 100, offer unlimited: met, short alike, short unalike, mixed.
CASES = {"met": (140, 120), "short": (60, 60), "short2": (60, 40), "mixed": (130, 70)}


def result(regular: str, amv: str, edits: tuple[Edit, ...]) -> DutyResult:
    own = tuple(OwnDuty(category=k, period=p, task=100, capacity=CASES[case][i], offer=None, transfer=0)
                for k, case in (("regular", regular), ("amv", amv)) for i, p in enumerate(("2025", "2026")))
    return DutyResult(
        scenario="s", language="nl", code="GM0001", name="Stad", province="Provincie", edits=edits,
        categories_checked=("regular",), own=own, base_status="optimal", changed_status="optimal",
        changed_digest="x", has_plan=True, base_has_plan=True,
        provinces=(ProvinceCheck(category="regular", period="2025", task=500, planned=520, most_possible=600,
                                 closes=True),), sites=(), others=(),
        spuk_base_total=None, spuk_total=None, spuk_municipalities=())


EXPECTED_NL = {
    "met": "haalt zijn {t} van 100 (+40 in 2025, +20 in 2026)",
    "short": "komt 40 tekort voor zijn {t} van 100",
    "short2": "komt tekort voor zijn {t} van 100 (40 in 2025, 60 in 2026)",
    "mixed": "haalt zijn {t} van 100 in 2025 (+30), maar niet in 2026 (30 tekort)",
}
EXPECTED_EN = {
    "met": "meets its {t} of 100 (+40 in 2025, +20 in 2026)",
    "short": "falls 40 short of its {t} of 100",
    "short2": "falls short of its {t} of 100 (40 in 2025, 60 in 2026)",
    "mixed": "meets its {t} of 100 in 2025 (+30), but not in 2026 (30 short)",
}


@pytest.mark.parametrize(("regular", "amv", "edited"), list(itertools.product(CASES, CASES, (False, True))))
def test_first_sentence_for_every_combination(regular: str, amv: str, edited: bool) -> None:
    edits = (Edit(change="resized", code="GM0001", category="regular", places=80, site="S-1", old_places=100),) \
        if edited else ()
    r = result(regular, amv, edits)
    nl, en = duty_sentences(r, "nl")[0], duty_sentences(r, "en")[0]
    reg_nl = EXPECTED_NL[regular].format(t="reguliere taak")
    amv_nl = EXPECTED_NL[amv].format(t="AMV-taak")
    reg_en = EXPECTED_EN[regular].format(t="regular task")
    amv_en = EXPECTED_EN[amv].format(t="AMV task")
    # The whole sentence: one subject, the two tasks' clauses joined by 'en'/'and' (a comma before it after a
    # 'maar niet in …' clause); it said '…; en haalt zijn AMV-taak … alleen in 2026 (+37) en komt 13 tekort'.
    comma = "," if regular == "mixed" else ""
    if edited:  # Dutch puts the verb before the subject after 'Met …'
        verb, rest = reg_nl.split(" ", 1)
        assert nl == f"Met S-1 op 80 plaatsen {verb} Stad {rest}{comma} en {amv_nl}."
        assert en == f"With S-1 at 80 places, Stad {reg_en}{comma} and {amv_en}."
    else:
        assert nl == f"Stad {reg_nl}{comma} en {amv_nl}."
        assert en == f"Stad {reg_en}{comma} and {amv_en}."
    for s in (nl, en):
        assert ";" not in s
        assert s.endswith(".")
        assert "  " not in s
        assert " ," not in s
        assert "None" not in s
    assert duty_sentences(r, "nl")[1] == "Provincie blijft sluitend."
    assert duty_sentences(r, "en")[1] == "Provincie still closes."
