"""Cross-table checks: small named ``check_*`` functions that each add every problem they find.

Row-level problems (types, ranges, missing values) are found while reading; these checks need the whole scenario.
Errors make the scenario unusable; warnings are inconsistencies a user should see (the Drenthe report has several)
but that do not stop planning.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable

from planner.rules.counting import available_in, periods, site_end, site_start
from planner.scenario.load import Scenario
from planner.scenario.problems import Problems
from planner.scenario.schema import Category

Check = Callable[[Scenario, Problems], None]


def _where(s: Scenario, table: str, key: str) -> tuple[str, int | None]:
    return s.origin(table, key)


def check_municipalities(s: Scenario, p: Problems) -> None:
    """Duplicate CBS codes; a scenario without municipalities."""
    if not s.municipalities:
        file = s.settings.tables.municipalities
        p.error(file, None, "", "the municipalities table has no valid rows", code="empty")
    counts = Counter(m.code for m in s.municipalities)
    for code, n in sorted(counts.items()):
        if n > 1:
            file, line = _where(s, "municipalities", code)
            p.error(file, line, "code", f"CBS code {code} appears {n} times", code="duplicate")
    names = Counter(m.name.casefold() for m in s.municipalities)
    for m in s.municipalities:
        if names[m.name.casefold()] > 1:
            file, line = _where(s, "municipalities", m.code)
            p.warning(file, line, "name", f"name '{m.name}' is used by more than one code; codes are what count")


def check_references(s: Scenario, p: Problems) -> None:
    """Every offer, site and transfer names a known municipality; transfers stay within a province."""
    province = {m.code: m.province for m in s.municipalities}
    for o in s.offers:
        if o.code not in province:
            file, line = _where(s, "offers", o.code)
            p.error(file, line, "code", f"unknown municipality code {o.code}", code="unknown-code")
    for site in s.sites:
        if site.code not in province:
            file, line = _where(s, "sites", site.id)
            p.error(file, line, "code", f"site {site.id} lies in an unknown municipality {site.code}",
                    code="unknown-code")
    for t in s.transfers:
        file, line = _where(s, "transfers", t.from_code)
        for fld, code in (("from_code", t.from_code), ("to_code", t.to_code)):
            if code not in province:
                p.error(file or "changes.transfers", line, fld, f"unknown municipality code {code}",
                        code="unknown-code")
        if t.from_code in province and t.to_code in province and province[t.from_code] != province[t.to_code]:
            p.error(file or "changes.transfers", line, "to_code",
                    f"transfer from {t.from_code} ({province[t.from_code]}) to {t.to_code} "
                    f"({province[t.to_code]}): transfers are only allowed within one province", code="transfer")
        if t.from_code == t.to_code:
            p.error(file or "changes.transfers", line, "to_code", "a transfer needs two different municipalities",
                    code="transfer")


def check_sites(s: Scenario, p: Problems) -> None:
    """Unique site ids; dates that make sense for the cycle."""
    counts = Counter(site.id for site in s.sites)
    for sid, n in sorted(counts.items()):
        if n > 1:
            file, line = _where(s, "sites", sid)
            p.error(file, line, "id", f"site id {sid} appears {n} times", code="duplicate")
    cycle = s.settings.cycle
    for site in s.sites:
        file, line = _where(s, "sites", site.id)
        end = site_end(site)
        if end < cycle.start:
            p.warning(file, line, "available_until",
                      f"site {site.id} ({site.places} places) is no longer available in the cycle: its contract "
                      f"ended {end:%d-%m-%Y}", code="ends-before-cycle")
        elif end < cycle.end:
            p.warning(file, line, "available_until",
                      f"site {site.id} ({site.places} places) ends inside the cycle on {end:%d-%m-%Y}: it covers "
                      "only part of it", code="ends-in-cycle")
        if site_start(site, cycle) > cycle.end:
            p.warning(file, line, "available_from", f"site {site.id} only opens after the cycle", code="late")


def check_offers(s: Scenario, p: Problems) -> None:
    """One offer per municipality, category and year, inside the cycle; offers the sites cannot fill (warning)."""
    years = set(range(s.settings.cycle.start.year, s.settings.cycle.end.year + 1))
    seen = Counter((o.code, o.category.value, o.year) for o in s.offers)
    for (code, cat, year), n in sorted(seen.items()):
        if n > 1:
            file, line = _where(s, "offers", code)
            p.error(file, line, "year", f"{n} offers for {code} {cat} {year}; give one", code="duplicate")
    for o in s.offers:
        if o.year not in years:
            file, line = _where(s, "offers", o.code)
            p.warning(file, line, "year", f"offer for {o.code} in {o.year} is outside the cycle and is ignored",
                      code="outside-cycle")
    # Offers the municipality's own sites cannot fill in a period.
    cycle, rules = s.settings.cycle, s.settings.rules
    names = {m.code: m.name for m in s.municipalities}
    cap: dict[tuple[str, str, str], int] = defaultdict(int)
    pers = periods(cycle)
    for site in s.sites:
        cat = {"regular": "regular", "special": "regular", "amv": "amv", "ukraine": "ukraine"}[site.category.value]
        for per in pers:
            if available_in(site, per, cycle, rules.availability):
                cap[(site.code, cat, per.name)] += site.places
    if not s.sites:
        return
    for o in s.offers:
        if o.category.value == "ukraine" or o.places == 0:
            continue
        for per in pers:
            if per.year != o.year:
                continue
            have = cap[(o.code, o.category.value, per.name)]
            if have < o.places:
                file, line = _where(s, "offers", o.code)
                p.warning(file, line, "places",
                          f"{names.get(o.code, o.code)} ({o.code}) offers {o.places} {o.category.value} places in "
                          f"{o.year}, but its sites give only {have} in period {per.name}", code="offer-unfilled")


def check_stated_totals(s: Scenario, p: Problems) -> None:
    """Totals printed in a source document against the sum of their parts."""
    file = s.files[0] if s.files else "scenario.toml"
    sums: dict[str, int] = {}
    for key in ("population", "task_regular", "task_amv", "ukraine_target", "ukraine_realised", "ukraine_ambition",
                "realised_regular", "realised_amv"):
        sums[key] = sum(int(getattr(m, key) or 0) for m in s.municipalities)
    sums["task_total"] = sums["task_regular"] + sums["task_amv"]
    for o in s.offers:
        key = f"offer_{o.category.value}_{o.year}"
        sums[key] = sums.get(key, 0) + o.places
    sums["site_places"] = sum(site.places for site in s.sites)
    for cat in Category:
        sums[f"site_places_{cat.value}"] = sum(site.places for site in s.sites if site.category is cat)
    for i, st in enumerate(s.settings.stated_totals):
        if st.what not in sums:
            p.error(file, None, f"stated_totals[{i}].what",
                    f"unknown total '{st.what}'; known: {', '.join(sorted(sums))}", code="unknown-total")
            continue
        got = sums[st.what]
        if got != st.value:
            src = f" ({st.source})" if st.source else ""
            p.warning(file, None, f"stated_totals[{i}]",
                      f"the stated total of {st.what} is {st.value}{src}, but its parts sum to {got} "
                      f"(difference {st.value - got:+d})", code="total-mismatch")


def check_scope(s: Scenario, p: Problems) -> None:
    provinces = {m.province for m in s.municipalities}
    file = s.files[0] if s.files else "scenario.toml"
    for prov in s.settings.scope:
        if prov not in provinces:
            p.error(file, None, "scope", f"province '{prov}' has no municipalities in the table; known: "
                    f"{', '.join(sorted(provinces))}", code="unknown-province")


def check_tasks(s: Scenario, p: Problems) -> None:
    """Official AMV tasks against the AMV rule; missing SES scores where the key is computed."""
    from planner.rules.quota import amv_split

    cycle, rules = s.settings.cycle, s.settings.rules
    for m in s.municipalities:
        file, line = _where(s, "municipalities", m.code)
        if m.task_regular is not None and m.task_amv is not None:
            rule = amv_split(m.task_regular + m.task_amv, cycle.national_need, cycle.national_amv_need)
            if rule != m.task_amv:
                p.warning(file, line, "task_amv",
                          f"{m.name}: official AMV task {m.task_amv} differs from the AMV rule "
                          f"round({m.task_regular + m.task_amv} · {cycle.national_amv_need} / {cycle.national_need}) "
                          f"= {rule}", code="amv-rule")
        elif rules.use_ses_woa and m.ses_woa is None:
            p.warning(file, line, "ses_woa", f"{m.name}: no SES-WOA score, its task is computed with S = 0",
                      code="no-ses")
        if m.ukraine_ambition is not None and m.ukraine_realised is not None and m.ukraine_ambition < m.ukraine_realised:
            p.warning(file, line, "ukraine_ambition",
                      f"{m.name}: Ukraine ambition {m.ukraine_ambition} is below the {m.ukraine_realised} places "
                      "already realised", code="ambition-below-realised")


CHECKS: tuple[Check, ...] = (
    check_municipalities,
    check_references,
    check_sites,
    check_offers,
    check_tasks,
    check_stated_totals,
    check_scope,
)


def run_checks(s: Scenario, p: Problems) -> None:
    for check in CHECKS:
        check(s, p)
