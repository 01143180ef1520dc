"""The HTML reports' summary sentences (planner/report/summary.py): one word table, whole sentences per language,
numbers as each language writes them. Inputs are small hand-made results; the expected sentences are written out."""

from __future__ import annotations

import string
from pathlib import Path

import pytest

from planner.report.summary import SUMMARY, compare_summary, plan_summary


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_both_languages_have_every_sentence_with_the_same_values() -> None:
    assert set(SUMMARY["nl"]) == set(SUMMARY["en"])
    for key in SUMMARY["nl"]:
        assert _fields(SUMMARY["nl"][key]) == _fields(SUMMARY["en"][key]), key


def test_the_html_module_builds_no_sentence_of_its_own() -> None:
    """The summaries and the HTML-only phrases live in the word tables, not inline in html.py."""
    source = (Path(__file__).parents[2] / "planner" / "report" / "html.py").read_text(encoding="utf-8")
    for phrase in ("Er is geen plan", "There is no plan", "sluitend", "does not close", "Nederland",
                   "the Netherlands", "gemeenten samen", 'if lang == "nl" else'):
        assert phrase not in source, phrase


PLAN = {
    "plan": True, "status": "optimal", "solver": "highs", "solver_version": "1.2.3", "seconds": 1.5, "gap": 0.0,
    "province": [{"period": "2025", "province": "Drenthe", "closes_regular": True, "closes_amv": False,
                  "planned_regular": 3714, "task_regular": 2462, "planned_amv": 200, "task_amv": 229,
                  "municipalities_short": 5, "small_scale_share": 0.14}],
    "spuk": {"municipalities_total": 4_749_686, "spuk1": 3_084_000, "spuk2": 682_000, "spuk3": 983_686,
             "province_amount": 408_653, "spuk1_instead_of_spuk3": ["Assen", "Coevorden"]},
}


def test_plan_summary_in_dutch() -> None:
    assert plan_summary(PLAN, "nl") == [
        "Het plan is bewezen optimaal (solver highs 1.2.3, gap 0,00%, 1,50 s).",
        "2025: de provincie Drenthe is niet sluitend: 3.714 / 2.462 reguliere plaatsen (plan / opgave) en 200 / 229 "
        "AMV-plaatsen. 5 gemeenten halen hun eigen taak niet; 14% van de plaatsen is kleinschalig.",
        "SPUK: gemeenten samen € 4.749.686 (SPUK 1 € 3.084.000, SPUK 2 € 682.000, SPUK 3 € 983.686); provincie "
        "€ 408.653. SPUK 1 in plaats van SPUK 3: Assen, Coevorden.",
    ]


def test_plan_summary_in_english() -> None:
    out = plan_summary(PLAN, "en")
    assert out[0] == "The plan is proven optimal (solver highs 1.2.3, gap 0.00%, 1.50 s)."
    assert out[1].startswith("2025: the province of Drenthe does not close: 3,714 / 2,462 regular places")
    assert out[2].endswith("province €408,653. SPUK 1 instead of SPUK 3: Assen, Coevorden.")


@pytest.mark.parametrize(("lang", "expected"), [
    ("nl", "Er is geen plan: geen oplossing. Met 'planner explain' ziet u waarom."),
    ("en", "There is no plan: geen oplossing. Run 'planner explain' to see why."),
])
def test_no_plan_says_why_and_nothing_else(lang: str, expected: str) -> None:
    # the message comes from the result (the run's own text) and is shown as it is
    assert plan_summary({"plan": False, "status": "infeasible", "message": "geen oplossing"}, lang) == [expected]


def _place(scenario: str, code: str, period: str, shortfall: int) -> dict[str, object]:
    return {"scenario": scenario, "code": code, "period": period, "category": "regular", "task": 50,
            "shortfall": shortfall}


COMPARE = {
    "base": "Basis",
    "scenarios": [{"scenario": "Basis", "plan": True, "status": "optimal", "periods": ["2025"]},
                  {"scenario": "Ruim", "plan": True, "status": "optimal", "periods": ["2025"]},
                  {"scenario": "Dicht", "plan": False, "status": "infeasible", "periods": ["2025"]}],
    # shortfall together: Basis 30 + 12 = 42, Ruim 0 + 12 = 12
    "places": [_place("Basis", "GM0106", "2025", 30), _place("Basis", "GM0109", "2025", 12),
               _place("Ruim", "GM0106", "2025", 0), _place("Ruim", "GM0109", "2025", 12)],
    "province": [{"scenario": "Ruim", "period": "2025", "closes": True},
                 {"scenario": "Ruim", "period": "2025", "closes": True}],
    "spuk": [{"scenario": "Ruim", "plan": True, "municipalities_total": 1_100_000,
              "delta": {"municipalities_total": -100_000}}],
}


def test_compare_summary_per_what_if() -> None:
    assert compare_summary(COMPARE, "nl") == [
        "Basis: Basis. Elk wat-als-scenario is apart doorgerekend en hieronder vergeleken met de basis.",
        "Ruim (bewezen optimaal): 2025 sluitend, tekort van gemeenten samen 12 (basis 42). SPUK gemeenten samen "
        "€ 1.100.000 (verschil −€ 100.000).",
        "Dicht: onmogelijk (infeasible): geen plan.",  # the status word says there is no plan
    ]
    en = compare_summary(COMPARE, "en")
    assert en[1] == ("Ruim (proven optimal): 2025 closes, municipalities' shortfall together 12 (base 42). SPUK "
                     "municipalities together €1,100,000 (difference −€100,000).")
