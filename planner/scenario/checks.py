"""Cross-table checks: small named ``check_*`` functions that each add every problem they find.

Row-level problems (types, ranges, missing values) are found while reading; these checks need the whole scenario.
Errors make the scenario unusable; warnings are inconsistencies a user should see (the Drenthe report has several)
but that do not stop planning.

The checks run on whatever rows survived reading, so they must cope with partial data: a reference to a row that
was left out for its own errors is not reported again (:meth:`Scenario.is_rejected`), and :func:`run_checks` turns
a check that fails unexpectedly into a reported problem instead of an exception.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable

from planner.rules.counting import available_in, periods, site_end, site_start
from planner.scenario.load import Scenario, row_key
from planner.scenario.problems import Msg, Problems, Value
from planner.scenario.schema import Category

Check = Callable[[Scenario, Problems], None]
_OFFER_TOTAL = re.compile(r"^offer_(regular|amv|ukraine)_\d{4}$")
MAX_CYCLE_YEARS = 10
PROVINCE_SPELLING_RATIO = 0.8
"""Similarity (difflib, on names without case, accents, spaces and '-') from which a less-used province name is taken
for a misspelling of another; the closest pair of real provinces (Zuid- and Noord-Holland) is 0.72."""
MAX_PROVINCES_COMPARED = 1000
DUTCH_PROVINCES = ("Drenthe", "Flevoland", "Fryslân", "Gelderland", "Groningen", "Limburg", "Noord-Brabant",
                   "Noord-Holland", "Overijssel", "Utrecht", "Zeeland", "Zuid-Holland")
"""The twelve provinces, as CBS spells them (Friesland is also accepted for Fryslân): a table that holds some of
them and not all is not the whole country."""
"""A cycle is two years by law; a longer one is almost certainly a typo in a date (and would make thousands of
periods)."""


def _date(d: dt.date) -> str:
    """A date as the users write it: 1-4-2026."""
    return f"{d.day}-{d.month}-{d.year}"


def _toml(s: Scenario, key: str) -> tuple[str, int | None]:
    file, line = s.origin("toml", key)
    return file or (s.files[0] if s.files else "scenario.toml"), line


def _cycle_ok(s: Scenario) -> bool:
    cycle = s.settings.cycle
    return cycle.end.year - cycle.start.year < MAX_CYCLE_YEARS and cycle.end.year < dt.MAXYEAR


def check_cycle(s: Scenario, p: Problems) -> None:
    """A cycle short enough to split into periods, and a report date near it."""
    cycle = s.settings.cycle
    if not _cycle_ok(s):
        file, line = _toml(s, "cycle.end")
        p.error(file, line, "cycle.end",
                Msg.of("cycle_too_long", start=_date(cycle.start), end=_date(cycle.end), years=MAX_CYCLE_YEARS),
                code="cycle")
    if abs(cycle.report_date.year - cycle.start.year) > MAX_CYCLE_YEARS:
        file, line = _toml(s, "cycle.report_date")
        p.error(file, line, "cycle.report_date",
                Msg.of("report_date_far", date=_date(cycle.report_date), years=MAX_CYCLE_YEARS,
                       start=_date(cycle.start)), code="cycle")


def check_municipalities(s: Scenario, p: Problems) -> None:
    """At least one municipality; every CBS code once (reported at each repeated row); names used twice (warning)."""
    if not s.municipalities and not s.rejected.get("municipalities"):
        file = s.table_files.get("municipalities", s.settings.tables.municipalities)
        p.error(file, None, "", Msg.of("municipalities_empty"), code="empty")
    counts = Counter(m.code for m in s.municipalities)
    for code, n in sorted(counts.items()):
        if n > 1:
            (_, first), *repeats = s.origins("municipalities", code)
            for file, line in repeats:
                p.error(file, line, "code", Msg.of("code_repeated", code=code, n=n, first=str(first)),
                        code="duplicate")
    names = Counter(m.name.casefold() for m in s.municipalities)
    for m in s.municipalities:
        if names[m.name.casefold()] > 1 and counts[m.code] == 1:
            file, line = s.origin("municipalities", m.code)
            p.warning(file, line, "name", Msg.of("name_repeated", name=m.name))


def check_references(s: Scenario, p: Problems) -> None:
    """Every offer, site and transfer names a known municipality; transfers stay within a province."""
    province = {m.code: m.province for m in s.municipalities}
    if not province:
        return  # check_municipalities says why; every reference would be unknown

    def unknown(code: str) -> bool:
        return code not in province and not s.is_rejected("municipalities", code)

    for o in s.offers:
        if unknown(o.code):
            file, line = s.origin("offers", row_key("offers", o))
            p.error(file, line, "code", Msg.of("unknown_code", code=o.code), code="unknown-code")
    for site in s.sites:
        if unknown(site.code):
            file, line = s.origin("sites", site.id)
            p.error(file, line, "code", Msg.of("site_unknown_code", site=site.id, code=site.code),
                    code="unknown-code")
    for t in s.transfers:
        file, line = s.origin("transfers", row_key("transfers", t))
        for fld, code in (("from_code", t.from_code), ("to_code", t.to_code)):
            if unknown(code):
                p.error(file, line, fld, Msg.of("unknown_code", code=code), code="unknown-code")
        if t.from_code in province and t.to_code in province and province[t.from_code] != province[t.to_code]:
            p.error(file, line, "to_code",
                    Msg.of("transfer_other_province", source=t.from_code, source_province=province[t.from_code],
                           to=t.to_code, to_province=province[t.to_code]), code="transfer")
        if t.from_code == t.to_code:
            p.error(file, line, "to_code", Msg.of("transfer_to_itself"), code="transfer")
    for table, fields in (("offers", ("code",)), ("sites", ("code",)), ("transfers", ("from_code", "to_code"))):
        for file, line, cells in s.partial_rows.get(table, ()):  # left out for its own errors: the rest of it
            for fld in fields:
                named = cells.get(fld)
                if named is not None and unknown(named):
                    p.error(file, line, fld, Msg.of("unknown_code", code=named), code="unknown-code")


def check_sites(s: Scenario, p: Problems) -> None:
    """Unique site ids (reported at each repeated row); dates that make sense for the cycle (warnings)."""
    counts = Counter(site.id for site in s.sites)
    for sid, n in sorted(counts.items()):
        if n > 1:
            (_, first), *repeats = s.origins("sites", sid)
            for file, line in repeats:
                p.error(file, line, "id", Msg.of("site_id_repeated", site=sid, n=n, first=str(first)),
                        code="duplicate")
    cycle = s.settings.cycle
    for site in s.sites:
        file, line = s.origin("sites", site.id)
        end = site_end(site)
        if end < cycle.start:
            p.warning(file, line, "available_until",
                      Msg.of("site_ended", site=site.id, places=site.places, end=_date(end)),
                      code="ends-before-cycle")
        elif end < cycle.end:
            p.warning(file, line, "available_until",
                      Msg.of("site_ends_in_cycle", site=site.id, places=site.places, end=_date(end)),
                      code="ends-in-cycle")
        if site_start(site, cycle) > cycle.end:
            p.warning(file, line, "available_from", Msg.of("site_opens_late", site=site.id), code="late")


def check_offers(s: Scenario, p: Problems) -> None:
    """One offer per municipality, category and year, inside the cycle; offers the sites cannot fill (warning)."""
    years = set(range(s.settings.cycle.start.year, s.settings.cycle.end.year + 1))
    seen = Counter(row_key("offers", o) for o in s.offers)
    for key, n in sorted(seen.items()):
        if n > 1:
            code, cat, year = key.split("/")
            (_, first), *repeats = s.origins("offers", key)
            for file, line in repeats:
                p.error(file, line, "year", Msg.of("offers_repeated", n=n, code=code, category=cat, year=str(year),
                                                   first=str(first)), code="duplicate")
    for o in s.offers:
        if o.year not in years:
            file, line = s.origin("offers", row_key("offers", o))
            p.warning(file, line, "year", Msg.of("offer_outside_cycle", code=o.code, year=str(o.year)),
                      code="outside-cycle")
    # Offers the municipality's own sites cannot fill in a period; meaningless when sites were left out.
    if not s.sites or s.rejected.get("sites") or not _cycle_ok(s):
        return
    cycle, rules = s.settings.cycle, s.settings.rules
    names = {m.code: m.name for m in s.municipalities}
    cap: dict[tuple[str, str, str], int] = defaultdict(int)
    pers = periods(cycle)
    for site in s.sites:
        cat = "regular" if site.category in (Category.REGULAR, Category.SPECIAL) else site.category.value
        for per in pers:
            if available_in(site, per, cycle, rules.availability):
                cap[(site.code, cat, per.name)] += site.places
    for o in s.offers:
        if o.category.value == "ukraine" or o.places == 0:
            continue
        for per in pers:
            if per.year != o.year:
                continue
            have = cap[(o.code, o.category.value, per.name)]
            if have < o.places:
                file, line = s.origin("offers", row_key("offers", o))
                p.warning(file, line, "places",
                          Msg.of("offer_unfilled", name=names.get(o.code, o.code), code=o.code, places=o.places,
                                 category=o.category.value, year=str(o.year), have=have, period=per.name),
                          code="offer-unfilled")


def check_magnitudes(s: Scenario, p: Problems) -> None:
    """Numbers no municipality can have: more places than the national need, more inhabitants than the country.
    Catches typos such as 10^12 or a number pasted into the wrong column."""
    cycle = s.settings.cycle
    need = {"regular": cycle.national_need, "amv": cycle.national_need, "ukraine": cycle.ukraine_national_target}
    for o in s.offers:
        limit = need[o.category.value]
        if o.places > limit:
            file, line = s.origin("offers", row_key("offers", o))
            p.error(file, line, "places", Msg.of("offer_too_large", places=o.places, category=o.category.value,
                                                  need=limit), code="implausible")
    for t in s.transfers:
        if t.places > need[t.category.value]:
            file, line = s.origin("transfers", row_key("transfers", t))
            p.error(file, line, "places", Msg.of("transfer_too_large", places=t.places, need=need[t.category.value]),
                    code="implausible")
    for m in s.municipalities:
        file, line = s.origin("municipalities", m.code)
        if cycle.national_population is not None and m.population > cycle.national_population:
            p.error(file, line, "population", Msg.of("population_too_large", name=m.name, population=m.population,
                                                      national=cycle.national_population), code="implausible")
        for fld in ("task_regular", "task_amv", "realised_regular", "realised_amv"):
            value = getattr(m, fld)
            if value is not None and value > cycle.national_need:
                p.error(file, line, fld, Msg.of("task_too_large", name=m.name, field=fld, value=value,
                                                need=cycle.national_need), code="implausible")
        for fld in ("ukraine_target", "ukraine_realised", "ukraine_ambition"):
            value = getattr(m, fld)
            if value is not None and value > cycle.ukraine_national_target:
                p.error(file, line, fld, Msg.of("ukraine_too_large", name=m.name, field=fld, value=value,
                                                national=cycle.ukraine_national_target), code="implausible")


def check_stated_totals(s: Scenario, p: Problems) -> None:
    """Totals printed in a source document against the sum of their parts (a mismatch is a warning). Sums over a
    table with rows left out for errors are not compared: they would differ for that reason alone."""
    sums: dict[str, int | None] = {}
    whole = {t: not s.rejected.get(t) for t in ("municipalities", "offers", "sites")}
    for key in ("population", "task_regular", "task_amv", "ukraine_target", "ukraine_realised", "ukraine_ambition",
                "realised_regular", "realised_amv"):
        sums[key] = sum(int(getattr(m, key) or 0) for m in s.municipalities)
    sums["task_total"] = int(sums["task_regular"] or 0) + int(sums["task_amv"] or 0)
    offer_sums: dict[str, int] = defaultdict(int)
    for o in s.offers:
        offer_sums[f"offer_{o.category.value}_{o.year}"] += o.places
    sums.update(offer_sums)
    sums["site_places"] = sum(site.places for site in s.sites)
    for cat in Category:
        sums[f"site_places_{cat.value}"] = sum(site.places for site in s.sites if site.category is cat)
    table_of = {key: "offers" if key.startswith("offer_") else "sites" if key.startswith("site_") else
                "municipalities" for key in sums}
    for i, st in enumerate(s.settings.stated_totals):
        file, line = _toml(s, f"stated_totals[{i}]")
        if st.what not in sums and not _OFFER_TOTAL.match(st.what):
            close = difflib.get_close_matches(st.what, list(sums), n=1)
            known = ", ".join(sorted(sums))
            p.error(file, line, f"stated_totals[{i}].what",
                    Msg.of("unknown_total_close", what=st.what, close=close[0], known=known) if close
                    else Msg.of("unknown_total", what=st.what, known=known), code="unknown-total")
            continue
        if not whole[table_of.get(st.what, "offers")]:
            continue
        got = int(sums.get(st.what) or 0)
        if got != st.value:
            src = f" ({st.source})" if st.source else ""
            p.warning(file, line, f"stated_totals[{i}]",
                      Msg.of("total_mismatch", what=st.what, value=st.value, source=src, got=got,
                             difference=f"{st.value - got:+d}"), code="total-mismatch")


def name_key(text: str) -> str:
    """What stays of a name when case, accents, spaces, '-' and '_' are ignored: two names with one key are one name
    to a reader, and the program's names (``planner.model.program.safe``) would make some of them the same."""
    plain = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    return re.sub(r"[\s_-]+", "", plain).casefold()


def check_names(s: Scenario, p: Problems) -> None:
    """Site ids that differ only in case, spaces, '-' or '_' (they would collide in the program: 'duplicate variable
    name' at plan time), and province names spelled in more than one way: one municipality with 'drenthe' is not
    in Drenthe and would silently drop out of its province. A province name used less often and close in spelling to
    another (``Drenhte`` next to ``Drenthe``) is an error too; numbered names (``Drenthe-1``, ``Drenthe-2``) are not."""
    ids: dict[str, list[str]] = defaultdict(list)
    for site in s.sites:
        if site.id not in ids[name_key(site.id)]:
            ids[name_key(site.id)].append(site.id)
    for spellings in ids.values():
        for sid in spellings[1:]:
            file, line = s.origin("sites", sid)
            p.error(file, line, "id", Msg.of("site_id_collision", site=sid, other=spellings[0]),
                    code="name-collision")
    used = Counter(m.province for m in s.municipalities)
    by_key: dict[str, list[str]] = defaultdict(list)
    for prov in sorted(used, key=lambda x: (-used[x], x)):
        by_key[name_key(prov)].append(prov)
    main = {key: names[0] for key, names in by_key.items()}
    wrong: dict[str, tuple[str, bool]] = {}  # the spelling meant, and whether it is only written differently
    for names in by_key.values():
        for prov in names[1:]:
            wrong[prov] = (names[0], True)
    if len(main) <= MAX_PROVINCES_COMPARED:  # pairwise: bounded, so a hostile table stays fast
        for key, prov in main.items():
            digits = re.sub(r"\D", "", key)
            for close in difflib.get_close_matches(key, list(main), n=3, cutoff=PROVINCE_SPELLING_RATIO):
                other = main[close]
                if used[other] > used[prov] and re.sub(r"\D", "", close) == digits:
                    wrong.setdefault(prov, (other, False))
    for m in s.municipalities:
        if m.province in wrong:
            right, written = wrong[m.province]
            file, line = s.origin("municipalities", m.code)
            values: dict[str, Value] = {"name": m.name, "province": m.province, "right": right, "n": used[right]}
            p.error(file, line, "province", Msg.of("province_written_differently", **values) if written
                    else Msg.of("province_misspelt", **values), code="province-spelling")


def _computed(s: Scenario) -> tuple[bool, bool]:
    """Whether some task, and some Ukraine target, is computed by the key rather than given."""
    official = s.settings.rules.use_official_tasks
    tasks = any(not official or m.task_regular is None for m in s.municipalities)
    ukraine = any(m.ukraine_target is None for m in s.municipalities)
    return tasks, ukraine


def _partial_country(provinces: list[str]) -> Msg | None:
    """None when the table may be the whole country; else what it holds: one province (any name), or some of the
    twelve Dutch provinces and not all (which ones are missing). A table with names that are not Dutch provinces
    (a synthetic test case) is judged by the one-province rule only."""
    if len(provinces) == 1:
        return Msg.of("table_one_province", province=provinces[0])
    known = {name_key(n): n for n in DUTCH_PROVINCES}
    known[name_key("Friesland")] = "Fryslân"
    held = [known.get(name_key(n)) for n in provinces]
    if None in held or len(set(held)) == len(DUTCH_PROVINCES):
        return None
    missing = [n for n in DUTCH_PROVINCES if n not in held]
    return Msg.of("table_some_provinces", n=len(set(held)), of=len(DUTCH_PROVINCES), provinces=", ".join(provinces),
                  missing=", ".join(missing))


def check_national_figures(s: Scenario, p: Problems) -> None:
    """The key's denominators. A table of some provinces is not the whole country: without the national population
    and weight sum its municipalities would share the whole national need (Zeeland alone got 95,999 places; two to
    eleven provinces likewise). Given figures must be at least the table's own sums, or the tasks would add up to
    more than the national need."""
    if not s.municipalities or s.rejected.get("municipalities"):
        return
    cycle = s.settings.cycle
    provinces = sorted({m.province for m in s.municipalities})
    tasks, ukraine = _computed(s)
    partial = _partial_country(provinces)
    if partial and tasks and cycle.national_weight_sum is None:
        file, line = _toml(s, "cycle.national_weight_sum")
        p.error(file, line, "cycle.national_weight_sum",
                Msg.of("no_weight_sum_one", table=partial, need=cycle.national_need, example="18524590.5249")
                if len(provinces) == 1 else
                Msg.of("no_weight_sum_some", table=partial, need=cycle.national_need, example="18524590.5249"),
                code="national-figures")
    if partial and (tasks or ukraine) and cycle.national_population is None:
        file, line = _toml(s, "cycle.national_population")
        p.error(file, line, "cycle.national_population",
                Msg.of("no_population_ukraine", table=partial, example="17811291") if ukraine
                else Msg.of("no_population_weights", table=partial, example="17811291"), code="national-figures")
    if cycle.national_population is not None and any(m.population > cycle.national_population
                                                     for m in s.municipalities):
        return  # check_magnitudes names the municipality; its sums would only repeat it
    population = sum(m.population for m in s.municipalities)
    if cycle.national_population is not None and population > cycle.national_population:
        file, line = _toml(s, "cycle.national_population")
        p.error(file, line, "cycle.national_population",
                Msg.of("population_below_table", given=cycle.national_population, population=population),
                code="national-figures")
    if cycle.national_weight_sum is not None and s.settings.rules.use_ses_woa:
        weights = sum(m.population * (1 + (m.ses_woa or 0.0)) for m in s.municipalities)
        if weights > cycle.national_weight_sum * (1 + 1e-9):
            file, line = _toml(s, "cycle.national_weight_sum")
            p.error(file, line, "cycle.national_weight_sum",
                    Msg.of("weight_sum_below_table", given=cycle.national_weight_sum, weights=round(weights, 1)),
                    code="national-figures")


def check_transfers(s: Scenario, p: Problems) -> None:
    """A transfer gives away places the sender has above its own task: more than its offer (or, without one, its
    sites' places) minus its task is a warning — the sender would fall short itself."""
    if not s.transfers or s.rejected.get("municipalities") or not _cycle_ok(s):
        return
    from planner.rules.quota import compute_quota

    quota = compute_quota(s).by_code()
    years = range(s.settings.cycle.start.year, s.settings.cycle.end.year + 1)
    offers = {(o.code, o.category.value, o.year): o.places for o in s.offers}
    places: dict[tuple[str, str], int] = defaultdict(int)
    for site in s.sites:
        cat = "regular" if site.category in (Category.REGULAR, Category.SPECIAL) else site.category.value
        places[(site.code, cat)] += site.places
    given: dict[tuple[str, str, int], int] = defaultdict(int)
    first: dict[tuple[str, str, int], tuple[str, int | None]] = {}
    for t in s.transfers:
        for year in ([t.year] if t.year is not None else years):
            key = (t.from_code, t.category.value, year)
            given[key] += t.places
            first.setdefault(key, s.origin("transfers", row_key("transfers", t)))
    for (code, cat, year), n in sorted(given.items()):
        q = quota.get(code)
        if q is None:
            continue
        task = {"regular": q.task_regular, "amv": q.task_amv, "ukraine": q.ukraine_target}[cat]
        have = offers.get((code, cat, year), places[(code, cat)])
        if n > have - task:
            file, line = first[(code, cat, year)]
            p.warning(file, line, "places",
                      Msg.of("transfer_above_surplus", name=q.name, code=code, n=n, category=cat, year=str(year),
                             surplus=max(0, have - task), have=have, task=task), code="transfer-surplus")


def check_spuk(s: Scenario, p: Problems) -> None:
    """A place category paid by both SPUK 1 and SPUK 2 is paid twice (a warning: the law pays each place once)."""
    spuk = s.settings.spuk
    both = [c.value for c in spuk.spuk1_categories if c in spuk.spuk2_categories]
    if both:
        file, line = _toml(s, "spuk.spuk2_categories")
        p.warning(file, line, "spuk.spuk2_categories",
                  Msg.of("spuk_paid_twice", categories=", ".join(both)), code="spuk-twice")


def check_scope(s: Scenario, p: Problems) -> None:
    """Every province in ``scope`` and in ``provincial_tasks`` has municipalities in the table (once)."""
    if s.rejected.get("municipalities") or not s.municipalities:
        return
    provinces = sorted({m.province for m in s.municipalities})
    seen: set[str] = set()
    for i, task in enumerate(s.settings.provincial_tasks):
        file, line = _toml(s, f"provincial_tasks[{i}]")
        if task.province in seen:
            p.error(file, line, f"provincial_tasks[{i}].province", Msg.of("province_task_repeated",
                                                                              province=task.province),
                    code="duplicate")
        seen.add(task.province)
        if task.province not in provinces:
            p.error(file, line, f"provincial_tasks[{i}].province", _unknown_province(task.province, provinces),
                    code="unknown-province")
    file, line = _toml(s, "scope")
    for prov in s.settings.scope:
        if prov not in provinces:
            p.error(file, line, "scope", _unknown_province(prov, provinces), code="unknown-province")


def _unknown_province(name: str, provinces: list[str]) -> Msg:
    close = difflib.get_close_matches(name, provinces, n=1)
    known = ", ".join(provinces)
    return (Msg.of("province_unknown_close", province=name, close=close[0], known=known) if close
            else Msg.of("province_unknown", province=name, known=known))


def check_tasks(s: Scenario, p: Problems) -> None:
    """Official AMV tasks against the AMV rule; missing SES scores where the key is computed; Ukraine ambitions
    below what is already realised."""
    from planner.rules.quota import amv_split

    cycle, rules = s.settings.cycle, s.settings.rules
    for m in s.municipalities:
        file, line = s.origin("municipalities", m.code)
        if m.task_regular is not None and m.task_amv is not None:
            rule = amv_split(m.task_regular + m.task_amv, cycle.national_need, cycle.national_amv_need)
            if rule != m.task_amv:
                p.warning(file, line, "task_amv",
                          Msg.of("amv_rule", name=m.name, amv=m.task_amv, total=m.task_regular + m.task_amv,
                                 amv_need=cycle.national_amv_need, need=cycle.national_need, rule=rule),
                          code="amv-rule")
        elif rules.use_ses_woa and m.ses_woa is None:
            p.warning(file, line, "ses_woa", Msg.of("no_ses", name=m.name), code="no-ses")
        if (m.ukraine_ambition is not None and m.ukraine_realised is not None
                and m.ukraine_ambition < m.ukraine_realised):
            p.warning(file, line, "ukraine_ambition",
                      Msg.of("ambition_below_realised", name=m.name, ambition=m.ukraine_ambition,
                             realised=m.ukraine_realised), code="ambition-below-realised")


CHECKS: tuple[Check, ...] = (
    check_cycle,
    check_municipalities,
    check_references,
    check_sites,
    check_offers,
    check_magnitudes,
    check_tasks,
    check_stated_totals,
    check_names,
    check_national_figures,
    check_transfers,
    check_spuk,
    check_scope,
)


def run_checks(s: Scenario, p: Problems) -> None:
    """Run every check; one that fails unexpectedly is reported as an internal error, never raised (validation must
    always end in a list of problems)."""
    for check in CHECKS:
        try:
            check(s, p)
        except Exception as exc:
            p.error(s.files[0] if s.files else "", None, "",
                    Msg.of("internal_check", check=check.__name__, error=f"{type(exc).__name__}: {exc}"),
                    code="internal")
