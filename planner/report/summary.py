"""The HTML reports' summaries in plain words, one language per report (nl or en), from the word table below
(which also holds the few other phrases only the HTML report uses; the shared words are in ``words.py``).

:func:`plan_summary` says whether there is a plan and how good it is, per period whether the province closes and how
many municipalities fall short, and the SPUK amounts; :func:`compare_summary` says per what-if whether it closes and
how the municipalities' shortfall and SPUK differ from the base. The sentences are whole templates per language
(never glued from words of two languages); numbers are written as the language writes them (``1.234`` /
``1,234``, ``€ 4.749.686`` / ``€4,749,686``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from planner.report.numbers import nl_decimal, nl_percent
from planner.report.words import euro, number, status

SUMMARY: dict[str, dict[str, str]] = {
    "nl": {
        "no_plan": "Er is geen plan: {reason}. Met 'planner explain' ziet u waarom.",
        "plan": "Het plan is {status} (solver {solver}, gap {gap}, {seconds} s).",
        "province": "{period}: de provincie {province} is {closes}: {regular} reguliere plaatsen (plan / opgave) en "
        "{amv} AMV-plaatsen. {short} gemeenten halen hun eigen taak niet; {small} van de plaatsen is "
        "kleinschalig.",
        "province_total": "{period}: de provincie {province} is {closes}: {regular} plaatsen in totaal (plan / "
        "opgave), waarvan {amv} AMV-plaatsen. {short} gemeenten halen hun eigen taak niet; {small} van de plaatsen "
        "is kleinschalig.",
        "closes": "sluitend",
        "not_closes": "niet sluitend",
        "spuk": "SPUK: gemeenten samen {total} (SPUK 1 {spuk1}, SPUK 2 {spuk2}, SPUK 3 {spuk3}); provincie "
        "{province}. SPUK 1 in plaats van SPUK 3: {takers}.",
        "nobody": "geen",
        "base": "Basis: {base}. Elk wat-als-scenario is apart doorgerekend en hieronder vergeleken met de basis.",
        "whatif_no_plan": "{scenario}: {status}.",
        "whatif_period": "{period} {closes}, tekort van gemeenten samen {short} (basis {base_short})",
        "whatif": "{scenario} ({status}): {periods}.",
        "whatif_spuk": " SPUK gemeenten samen {total} (verschil {delta}).",
        "chart_subset": " Alleen de {n} gemeenten met de grootste taak; alle gemeenten staan in de tabellen.",
        "province_word": "provincie",
        "country": "Nederland",
    },
    "en": {
        "no_plan": "There is no plan: {reason}. Run 'planner explain' to see why.",
        "plan": "The plan is {status} (solver {solver}, gap {gap}, {seconds} s).",
        "province": "{period}: the province of {province} {closes}: {regular} regular places (plan / task) and "
        "{amv} AMV places. {short} municipalities fall short of their own task; {small} of the places are "
        "small-scale.",
        "province_total": "{period}: the province of {province} {closes}: {regular} places in all (plan / task), of "
        "which {amv} AMV places. {short} municipalities fall short of their own task; {small} of the places are "
        "small-scale.",
        "closes": "closes",
        "not_closes": "does not close",
        "spuk": "SPUK: municipalities together {total} (SPUK 1 {spuk1}, SPUK 2 {spuk2}, SPUK 3 {spuk3}); province "
        "{province}. SPUK 1 instead of SPUK 3: {takers}.",
        "nobody": "none",
        "base": "Base: {base}. Each what-if was planned on its own and is compared with the base below.",
        "whatif_no_plan": "{scenario}: {status}.",
        "whatif_period": "{period} {closes}, municipalities' shortfall together {short} (base {base_short})",
        "whatif": "{scenario} ({status}): {periods}.",
        "whatif_spuk": " SPUK municipalities together {total} (difference {delta}).",
        "chart_subset": " Only the {n} municipalities with the largest task; the tables show all.",
        "province_word": "province",
        "country": "the Netherlands",
    },
}


def say(lang: str, key: str, /, **values: object) -> str:
    """One sentence of :data:`SUMMARY` in ``lang`` with its values filled in."""
    return SUMMARY[lang][key].format(**values)


def money(lang: str, value: float | None) -> str:
    """Euros as every output writes them (:func:`planner.report.words.euro`): ``€ 4.749.686`` (nl),
    ``€4,749,686`` (en); ``–`` for none."""
    return euro(lang, value)


def signed_money(lang: str, value: float | None) -> str:
    """``+€ 100.000`` / ``−€ 100.000`` / ``±€ 0``; ``–`` for none."""
    if value is None:
        return "–"
    return ("+" if value > 0 else "−" if value < 0 else "±") + money(lang, abs(value))


def percent(lang: str, fraction: float, digits: int) -> str:
    """``0,14`` → ``14%`` / ``14,00%`` (nl) or ``14%`` / ``14.00%`` (en)."""
    return nl_percent(fraction, digits) if lang == "nl" else f"{100 * fraction:.{digits}f}%"


def plan_summary(result: Mapping[str, Any], lang: str) -> list[str]:
    """The plan report's summary: status, whether the province closes per period, who falls short, SPUK."""
    from planner.model.plan import province_closes

    if not result.get("plan"):
        reason = result.get("message") or status(lang, str(result.get("status")))
        return [say(lang, "no_plan", reason=reason)]
    secs = result.get("seconds")
    seconds = ((nl_decimal(secs, 2) if lang == "nl" else f"{secs:.2f}") if isinstance(secs, int | float) else "?")
    gap = result.get("gap")
    out = [say(lang, "plan", status=status(lang, str(result["status"])),
               solver=f"{result.get('solver')} {result.get('solver_version')}",
               gap="–" if gap is None else percent(lang, gap, 2), seconds=seconds)]
    for p in result.get("province", []):
        closes = province_closes(p)
        total = "task_total" in p  # rules.counting = total: all places against the total task, AMV a sub-check
        out.append(say(
            lang, "province_total" if total else "province", period=p["period"], province=p["province"],
            closes=say(lang, "closes" if closes else "not_closes"),
            regular=(f"{number(lang, p['planned_total'])} / {number(lang, p['task_total'])}" if total
                     else f"{number(lang, p['planned_regular'])} / {number(lang, p['task_regular'])}"),
            amv=f"{number(lang, p['planned_amv'])} / {number(lang, p['task_amv'])}",
            short=p["municipalities_short"], small=percent(lang, p["small_scale_share"] or 0, 0)))
    spuk = result.get("spuk")
    if spuk:
        out.append(say(
            lang, "spuk", total=money(lang, spuk["municipalities_total"]), spuk1=money(lang, spuk["spuk1"]),
            spuk2=money(lang, spuk["spuk2"]), spuk3=money(lang, spuk["spuk3"]),
            province=money(lang, spuk["province_amount"]),
            takers=", ".join(spuk["spuk1_instead_of_spuk3"]) or say(lang, "nobody")))
    return out


def compare_summary(data: Mapping[str, Any], lang: str) -> list[str]:
    """The comparison report's summary, per what-if: status, closure per period and the municipalities' shortfall
    against the base, and the SPUK difference."""
    base = data["base"]
    out = [say(lang, "base", base=base)]
    from planner.journeys.compare import own_shortfalls

    shortfall: dict[tuple[str, str], int] = {}
    for (scenario, _, period), (_, short) in own_shortfalls(data["places"]).items():  # rules.counting decides
        shortfall[(scenario, period)] = shortfall.get((scenario, period), 0) + short
    spuk = {s["scenario"]: s for s in data["spuk"]}
    for s in data["scenarios"][1:]:
        name = s["scenario"]
        if not s["plan"]:
            out.append(say(lang, "whatif_no_plan", scenario=name, status=status(lang, s["status"])))
            continue
        periods = []
        for p in s["periods"]:
            closes = all(r["closes"] for r in data["province"] if r["scenario"] == name and r["period"] == p)
            periods.append(say(lang, "whatif_period", period=p, closes=say(lang, "closes" if closes else "not_closes"),
                               short=number(lang, shortfall.get((name, p), 0)),
                               base_short=number(lang, shortfall.get((base, p)))))
        text = say(lang, "whatif", scenario=name, status=status(lang, s["status"]), periods="; ".join(periods))
        sp = spuk.get(name)
        if sp and sp.get("plan") and sp.get("delta"):
            text += say(lang, "whatif_spuk", total=money(lang, sp["municipalities_total"]),
                        delta=signed_money(lang, sp["delta"]["municipalities_total"]))
        out.append(text)
    return out
