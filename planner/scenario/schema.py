"""The single declaration of every scenario field.

A scenario is a TOML file (``scenario.toml``) with the sections below plus CSV tables keyed by CBS code. Each model
is frozen and forbids unknown fields, so a typo in a key is an error, not a silently ignored setting. The JSON Schema
(``planner schema``), the field table in ``docs/scenario-fields.md`` and the Excel template are all generated from
these models; change a field here and nowhere else.

Every number that the law, the ministry or a province could change is a field with a documented default. Where the
default is an assumption rather than a sourced rule, its description says so (confidence L in
``docs/spreidingswet.md``).
"""

from __future__ import annotations

import datetime as dt
import re
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from planner.scenario.problems import Msg, MsgError

CBS_CODE = re.compile(r"^GM\d{4}$")
NAME_SAFE = re.compile(r"^[A-Za-z0-9_-]+$")

# Ranges of the settings: far beyond any real value, tight enough that dates, solver options and the program's
# coefficients stay valid (a 10^12 SPUK rate or a tiny key denominator makes a solver report a false "infeasible").
MAX_NATIONAL_PLACES = 1_000_000
"""Places in any national figure (need, Ukraine target, an offer): ten times cycle 1's 96,000."""
MAX_SITE_PLACES = 100_000
MAX_POPULATION = 100_000_000
"""Inhabitants: more than five times the Netherlands."""
MAX_YEARS = 100
MAX_SPUK_RATE = 1_000_000
"""Euros per place (cycle 1: 2,000)."""
MAX_EUROS = 10_000_000_000
"""A SPUK pot or amount in euros (Drenthe's SPUK 3 pot: 983,686)."""
MAX_PERIODS = 40
MAX_TIME_LIMIT = 7 * 24 * 3600.0
"""A week, in seconds."""
MAX_THREADS = 256


class Strict(BaseModel):
    """Base for every scenario model: immutable, unknown fields forbidden."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


# ---------------------------------------------------------------------------------------------------------------
# Enumerations (the words users see are Dutch; identifiers stay English, see docs/glossary.md)


def category_code(value: object) -> str | None:
    """The category code a name stands for, as the output of either language prints it, in any case: ``regulier``
    → ``regular``, ``AMV`` → ``amv``, ``bijzonder`` → ``special``, ``Oekraïne`` (or ``Oekraine``) → ``ukraine``,
    ``totaal`` → ``total`` (the word table's names, :data:`planner.report.words.CATEGORY_WORDS`), so a user can type
    back what the tool printed; ``None`` for any other text."""
    if not isinstance(value, str):
        return None
    from planner.report.words import CATEGORY_WORDS

    names = {word.casefold().replace("ï", "i"): code for words in CATEGORY_WORDS.values()
             for code, word in words.items()}
    return names.get(value.strip().casefold().replace("ï", "i"))


class CategoryNamed(StrEnum):
    """A category enumeration that also accepts the category's printed names (:func:`category_code`)."""

    @classmethod
    def _missing_(cls, value: object) -> CategoryNamed | None:
        code = category_code(value)
        return cls._value2member_map_.get(code) if code is not None else None  # type: ignore[return-value]


class Category(CategoryNamed):
    """What kind of place a site offers.

    ``regular`` (regulier), ``amv`` (alleenstaande minderjarige vreemdelingen, unaccompanied minors), ``special``
    (bijzonder: HTL, gezinslocatie, TGO, noodopvang) and ``ukraine`` (opvang Oekraïense ontheemden, outside the law).
    """

    REGULAR = "regular"
    AMV = "amv"
    SPECIAL = "special"
    UKRAINE = "ukraine"


class SpecialSubtype(StrEnum):
    HTL = "HTL"
    GEZINSLOCATIE = "gezinslocatie"
    TGO = "TGO"
    NOODOPVANG = "noodopvang"


class SiteStatus(StrEnum):
    """``existing`` sites are committed; ``planned`` (nog te realiseren) and ``candidate`` sites are opened by the
    model when that serves the goals."""

    EXISTING = "existing"
    PLANNED = "planned"
    CANDIDATE = "candidate"


class OfferCategory(CategoryNamed):
    """Offers are stated per task category: the regular offer covers regular and special places (as the report's
    "asielopvangopgave regulier (inclusief bijzondere opvangvormen)"), the AMV offer AMV places."""

    REGULAR = "regular"
    AMV = "amv"
    UKRAINE = "ukraine"


class Rounding(StrEnum):
    """How quotas become whole places.

    ``half-up``: every municipality rounded on its own, halves up (the official behaviour; the total may differ from
    N). ``largest-remainder`` (Hamilton): floors, then the largest remainders get one more; sums to N, but can show
    the Alabama paradox. ``sainte-lague``: highest averages with divisors 1, 3, 5, …; sums to N and is
    population-monotone, but a municipality can end more than one place from its exact quota.
    """

    HALF_UP = "half-up"
    LARGEST_REMAINDER = "largest-remainder"
    SAINTE_LAGUE = "sainte-lague"


class PeriodLength(StrEnum):
    YEAR = "year"
    HALF_YEAR = "half-year"
    QUARTER = "quarter"


class Availability(StrEnum):
    """When a site counts in a period: ``whole-period`` (available on every day of the period, the default: a
    contract ending 1-4-2026 does not count for 2026), ``any-day`` (available on at least one day), ``start`` (available
    on the first day of the period)."""

    WHOLE_PERIOD = "whole-period"
    ANY_DAY = "any-day"
    START = "start"


class Spuk3Key(StrEnum):
    """How the SPUK 3 pot is shared among the municipalities that take it (the official key is unknown, L):
    ``places`` pro rata to their places in the reference period (reproduces the Drenthe report's choice), ``task`` pro
    rata to their total task, ``equal`` equal shares."""

    PLACES = "places"
    TASK = "task"
    EQUAL = "equal"


# ---------------------------------------------------------------------------------------------------------------
# TOML sections


class ScenarioMeta(Strict):
    name: str = Field(description="Human name of the scenario, shown on every output.")
    description: str = Field("", description="What the scenario is and where its numbers come from.")
    extends: str | None = Field(
        None,
        description="Path (relative to this file) of a scenario this one extends: its settings and tables are "
        "inherited and this file's sections override them key by key.",
    )
    language: Literal["nl", "en"] = Field("nl", description="Language of reports and sentences.")


class Cycle(Strict):
    start: dt.date = Field(dt.date(2025, 1, 1), description="First day of the cycle.")
    end: dt.date = Field(dt.date(2026, 12, 31), description="Last day of the cycle (inclusive).")
    period: PeriodLength = Field(PeriodLength.YEAR, description="Length of the planning periods.")
    national_need: int = Field(
        96_000, ge=0, le=MAX_NATIONAL_PLACES,
        description="National need N (capaciteitsraming), places. Cycle 1: 96,000."
    )
    national_amv_need: int = Field(
        8_140, ge=0, le=MAX_NATIONAL_PLACES, description="National AMV need, places. Cycle 1: 8,140."
    )
    ukraine_national_target: int = Field(
        203_000,
        ge=0,
        le=MAX_NATIONAL_PLACES,
        description="National Ukraine reception figure shared pro rata population (L: Drenthe's 5,722 is its "
        "population share of about 203,000).",
    )
    national_population: int | None = Field(
        None,
        ge=1,
        le=MAX_POPULATION,
        description="Σ population of all municipalities on the reference date; empty: the table is the whole country. "
        "Needed to compute tasks or implied weights for a province-only scenario (1-1-2023: 17,811,291).",
    )
    national_weight_sum: float | None = Field(
        None,
        ge=1,
        le=2 * MAX_POPULATION,
        description="Σ P·(1+S) over all municipalities; empty: computed from the table (which must then be the "
        "whole country). At least the table's own Σ P·(1+S) and at most 2 × national_population (S ≤ 1).",
    )
    report_date: dt.date = Field(
        dt.date(2024, 11, 1), description="Date of the provincial report (reference for durability and SPUK)."
    )
    obligation_date: dt.date | None = Field(
        None,
        description="Day by which the cycle's places must be available: a site ready by then counts for the period "
        "that contains it (a site ready on 1-6-2025 counts for 2025). Empty: 1 July of the first cycle year (domain "
        "notes: places available by 1 July Y+1).",
    )
    durability_from: Literal["history", "reference-date"] = Field(
        "history",
        description="How long a site runs, for durability (SPUK 1, rules.count_only_durable): 'history' from its "
        "start date (reproduces the report's SPUK 1: Assen 2017–2026), 'reference-date' forward from the report "
        "date. A site without a start date is counted from the report date in both readings (never 'running "
        "forever').",
    )

    @model_validator(mode="after")
    def _ordered(self) -> Cycle:
        if self.end < self.start:
            raise MsgError(Msg.of("cycle_end_before_start", end=str(self.end), start=str(self.start)))
        if self.national_amv_need > self.national_need:
            raise MsgError(Msg.of("amv_need_above_need"))
        if (self.national_weight_sum is not None and self.national_population is not None
                and self.national_weight_sum > 2 * self.national_population):
            raise MsgError(Msg.of("weight_sum_above_twice", sum=self.national_weight_sum,
                                  population=self.national_population))
        return self


class Rules(Strict):
    rounding: Rounding = Field(Rounding.HALF_UP, description="Rounding of the indicative key (see Rounding).")
    use_official_tasks: bool = Field(
        True, description="Use tasks given in the municipalities table as they are; compute the rest by the key."
    )
    use_ses_woa: bool = Field(
        True, description="Weight population by (1 + SES-WOA); a missing score counts as 0 and is flagged."
    )
    amv_rounding: Literal["half-up"] = Field("half-up", description="AMV_m = round(T_m · AMV need / N), halves up.")
    count_emergency: bool = Field(
        True, description="Emergency places (noodopvang) count toward the task (unknown in law: a parameter)."
    )
    special_counts_toward_regular: bool = Field(
        True, description="Special places (HTL, gezinslocatie, TGO, noodopvang) count toward the regular task."
    )
    availability: Availability = Field(Availability.WHOLE_PERIOD, description="When a site counts in a period.")
    durable_min_places: int = Field(
        100, ge=0, le=MAX_SITE_PLACES, description="A durable site has more than this many places."
    )
    durable_min_years: float = Field(
        5.0, ge=0, le=MAX_YEARS, description="A durable site runs more than this many years."
    )
    durable_available_within_months: int = Field(
        12, ge=0, le=12 * MAX_YEARS,
        description="A durable site is available within this many months of the report date."
    )
    count_only_durable: bool = Field(
        False,
        description="Only durable sites count toward the task (the cycle-1 rule for existing sites; the places "
        "condition applies to regular and special places, not to AMV units).",
    )
    counting: Literal["separate", "total"] = Field(
        "separate",
        description="What counts toward which task: 'separate' (regular and special places against the regular "
        "task, AMV places against the AMV task: the report's puzzle) or 'total' (all places against the total task, "
        "with the AMV task as a sub-check; a municipality's shortfall is then against its total task).",
    )
    small_scale_max_places: int = Field(
        150, ge=1, le=MAX_SITE_PLACES, description="A site with at most this many places is small-scale."
    )
    rural_stedelijkheid: tuple[int, ...] = Field(
        (4, 5), description="CBS stedelijkheid classes counted as rural (1 very urban … 5 not urban)."
    )
    default_min_places: int = Field(
        50, ge=0, le=MAX_SITE_PLACES,
        description="Minimum size of a candidate site that states none (COA general minimum, about 50)."
    )
    existing_committed: bool = Field(
        True, description="Existing sites keep all their places (up to the municipality's offer) while available."
    )
    ukraine_exchange: bool = Field(
        False,
        description="Tasks as a whole: Ukraine places above a municipality's target may stand in for its own asylum "
        "task in the fairness goal (the provincial asylum totals stay hard).",
    )
    ukraine_exchange_rate: float = Field(
        1.0, ge=0, le=10, description="Asylum places one Ukraine place above target stands in for (exchange on)."
    )
    restopgave_cap_at_shortfall: bool = Field(
        True,
        description="In a verdeelbesluit, a municipality's share of the restopgave is capped at its own shortfall "
        "(unknown in law: a parameter).",
    )
    national_netting: bool = Field(
        True, description="In a verdeelbesluit on national data, provincial surpluses are netted nationally."
    )

    @field_validator("rural_stedelijkheid")
    @classmethod
    def _classes(cls, v: tuple[int, ...]) -> tuple[int, ...]:
        bad = [c for c in v if c not in (1, 2, 3, 4, 5)]
        if bad:
            raise MsgError(Msg.of("stedelijkheid_classes", bad=str(bad)))
        return v


class Spuk(Strict):
    in_model: bool = Field(True, description="Maximise the SPUK euros as the third goal of the plan.")
    spuk1_rate: int = Field(
        2_000, ge=0, le=MAX_SPUK_RATE, description="SPUK 1: euros per durable place above the own total task (M)."
    )
    spuk1_min_years: float = Field(
        5.0, ge=0, le=MAX_YEARS, description="SPUK 1: a durable site is available at least this long."
    )
    spuk1_categories: tuple[Category, ...] = Field(
        (Category.REGULAR, Category.SPECIAL),
        description="Place categories counted for SPUK 1 (AMV places are paid by SPUK 2; reproduces the report).",
    )
    spuk2_rate: int = Field(
        2_000, ge=0, le=MAX_SPUK_RATE, description="SPUK 2: euros per special place (L: €2,000 × 341 AMV places)."
    )
    spuk2_categories: tuple[Category, ...] = Field(
        (Category.AMV,), description="Place categories paid by SPUK 2 (the report pays AMV places only)."
    )
    spuk3_pot: int = Field(
        0, ge=0, le=MAX_EUROS, description="SPUK 3: euros shared among the province's municipalities (input, L)."
    )
    spuk3_key: Spuk3Key = Field(Spuk3Key.PLACES, description="SPUK 3: how the pot is shared (L).")
    spuk3_percentage: int = Field(
        75,
        ge=0,
        le=100,
        description="SPUK 3, the '75 %' scheme: the pot is paid when the places of the scenario's municipalities "
        "(the province) reach at least this percentage of their total task (L: the scheme's name; Drenthe's 4.155 "
        "places are 154 % of 2.691).",
    )
    province_amount: int = Field(
        0, ge=0, le=MAX_EUROS, description="SPUK amount for the province itself, euros (input)."
    )
    reference_period: int = Field(
        0, ge=0, le=MAX_PERIODS,
        description="Index of the period whose places count for SPUK (0 = first: the places offered)."
    )


class Goals(Strict):
    """The plan's goals in priority order; each later goal only breaks ties of the earlier ones."""

    order: tuple[Literal["fairness", "ukraine", "small_units", "spuk", "fewer_sites"], ...] = Field(
        ("fairness", "ukraine", "small_units", "spuk", "fewer_sites"),
        description="Lexicographic order of the goals.",
    )


class SolverSettings(Strict):
    name: Literal["highs", "scip", "cbc", "cpsat", "auto"] = Field(
        "highs", description="MIP backend; auto: a backend per goal (SCIP on the goals with opening decisions).")
    time_limit: float | None = Field(
        600.0, gt=0, le=MAX_TIME_LIMIT,
        description="Seconds for the whole solve (all goals, a deadline); none for no limit.",
    )
    gap: float = Field(0.0, ge=0, le=1, description="Relative MIP gap at which a solve may stop (0 = prove optimal).")
    threads: int = Field(1, ge=1, le=MAX_THREADS, description="Solver threads (1 keeps results reproducible).")
    seed: int = Field(0, ge=0, le=2**31 - 1, description="Random seed passed to the solver.")


class Tables(Strict):
    municipalities: str = Field("municipalities.csv", description="Municipalities table, relative path.")
    offers: str | None = Field(None, description="Offers (stated limits) table, relative path.")
    sites: str | None = Field(None, description="Sites table, relative path.")
    transfers: str | None = Field(None, description="Transfers between municipalities, relative path.")


class StatedTotal(Strict):
    """A total printed in a source document, checked against the sum of its parts (a mismatch is a warning)."""

    what: str = Field(
        description="Which sum: population, task_regular, task_amv, task_total, ukraine_target, ukraine_realised, "
        "ukraine_ambition, realised_regular, realised_amv, offer_<category>_<year>, site_places, "
        "site_places_<category>."
    )
    value: int = Field(description="The total as printed.")
    source: str = Field("", description="Where the total is printed.")


class ProvincialTask(Strict):
    """An official provincial task as published; ``planner quota`` shows the scenario's total for the province
    against it. Data, not a rule: the tasks themselves still come from the municipalities table and the key."""

    province: str = Field(min_length=1, description="Province name, as in the municipalities table.")
    task_total: int = Field(ge=0, le=MAX_NATIONAL_PLACES, description="Official total task (regular + AMV), places.")
    source: str = Field(min_length=1, description="Where the task is published.")


# What-if changes -----------------------------------------------------------------------------------------------


class SiteChange(Strict):
    """Change one site: close it, resize it, or move its dates (end a contract early or extend it)."""

    id: str = Field(description="Site id as in the sites table.")
    close: bool = Field(False, description="The site is closed for the whole cycle.")
    places: int | None = Field(None, ge=0, le=MAX_SITE_PLACES, description="New number of places.")
    min_places: int | None = Field(None, ge=0, le=MAX_SITE_PLACES, description="New minimum size.")
    available_from: dt.date | None = Field(None, description="New first day of availability.")
    available_until: dt.date | None = Field(None, description="New last day of availability.")
    open_ended: bool = Field(False, description="Remove the end date (contract extended without end).")
    status: SiteStatus | None = Field(None, description="New status.")
    reason: str = Field("", description="Why, in the users' words.")


class OfferChange(Strict):
    code: str = Field(description="CBS code of the municipality.")
    category: OfferCategory
    year: int | None = Field(None, ge=2000, le=2100, description="Year; none for every year of the cycle.")
    places: int | None = Field(
        None, ge=0, le=MAX_NATIONAL_PLACES, description="New offer; none removes the stated limit."
    )
    reason: str = ""


class Changes(Strict):
    """A what-if's edits to the inherited tables, applied in this order: sites, add_sites, offers, transfers."""

    sites: tuple[SiteChange, ...] = ()
    add_sites: tuple[SiteRow, ...] = ()
    offers: tuple[OfferChange, ...] = ()
    transfers: tuple[TransferRow, ...] = ()


# ---------------------------------------------------------------------------------------------------------------
# Table rows

Code = Annotated[str, Field(pattern=CBS_CODE.pattern, description="CBS municipality code, e.g. GM0106 (text).")]


class MunicipalityRow(Strict):
    code: Code
    name: str = Field(min_length=1, description="Municipality name (CBS spelling).")
    province: str = Field(min_length=1, description="Province name (CBS spelling).")
    population: int = Field(ge=0, description="Inhabitants on population_date (checked against national_population).")
    population_date: dt.date = Field(description="Reference date of the population (cycle 1: 2023-01-01).")
    ses_woa: float | None = Field(None, ge=-1.0, le=1.0, description="CBS SES-WOA score; empty when unknown.")
    stedelijkheid: int | None = Field(None, ge=1, le=5, description="CBS stedelijkheid class, 1..5.")
    task_regular: int | None = Field(None, ge=0, description="Official regular task (places); empty to compute.")
    task_amv: int | None = Field(None, ge=0, description="Official AMV task (places); empty to compute.")
    ukraine_target: int | None = Field(None, ge=0, description="Ukraine target (effort obligation); empty to compute.")
    ukraine_realised: int | None = Field(None, ge=0, description="Ukraine places realised (report date).")
    ukraine_ambition: int | None = Field(None, ge=0, description="Ukraine ambition: the stated upper limit.")
    realised_regular: int | None = Field(None, ge=0, description="Regular places realised (as reported).")
    realised_amv: int | None = Field(None, ge=0, description="AMV places realised (as reported).")
    remarks: str = Field("", description="Free text.")

    @model_validator(mode="after")
    def _both_tasks(self) -> MunicipalityRow:
        if (self.task_regular is None) != (self.task_amv is None):
            raise MsgError(Msg.of("tasks_half_given"))
        return self


class OfferRow(Strict):
    """A municipality's offer (aanbod): the most places it states it will provide in a category and year. The model
    never exceeds it."""

    code: Code
    category: OfferCategory
    year: int = Field(ge=2000, le=2100)
    places: int = Field(ge=0, description="Offered places; this is the stated upper limit (checked against the "
                        "national need).")
    remarks: str = ""


class SiteRow(Strict):
    """One reception unit of one category at a location; a location with regular and AMV places is two rows."""

    id: str = Field(pattern=NAME_SAFE.pattern, max_length=60, description="Unique id: letters, digits, '_' or '-'.")
    code: Code
    name: str = Field("", description="Location name.")
    category: Category
    subtype: SpecialSubtype | None = Field(None, description="For special places: HTL, gezinslocatie, TGO, noodopvang.")
    places: int = Field(ge=0, le=MAX_SITE_PLACES, description="Places (capacity).")
    min_places: int | None = Field(
        None, ge=0, le=MAX_SITE_PLACES, description="Minimum size when opened (candidates); empty: default."
    )
    available_from: dt.date | None = Field(None, description="First day available; empty: before the cycle.")
    available_until: dt.date | None = Field(None, description="Last day available (contract end); empty: open-ended.")
    status: SiteStatus = SiteStatus.EXISTING
    remarks: str = ""

    @model_validator(mode="after")
    def _consistent(self) -> SiteRow:
        if self.available_from and self.available_until and self.available_until < self.available_from:
            raise MsgError(Msg.of("until_before_from", until=str(self.available_until),
                                  start=str(self.available_from)))
        if self.subtype is not None and self.category is not Category.SPECIAL:
            raise MsgError(Msg.of("subtype_not_special", subtype=self.subtype.value, category=self.category.value))
        if self.min_places is not None and self.min_places > self.places:
            raise MsgError(Msg.of("min_above_places", min=self.min_places, places=self.places))
        return self


class TransferRow(Strict):
    """An explicit transfer (uitruil): places in ``from_code`` count toward the task of ``to_code``."""

    from_code: Code
    to_code: Code
    category: OfferCategory
    places: int = Field(gt=0, description="Places transferred (checked against the national need).")
    year: int | None = Field(None, ge=2000, le=2100, description="Year; empty for every year.")
    remarks: str = ""


Changes.model_rebuild()


class ScenarioFile(Strict):
    """The TOML file as written (before ``extends`` is resolved)."""

    scenario: ScenarioMeta
    cycle: Cycle = Cycle()
    rules: Rules = Rules()
    spuk: Spuk = Spuk()
    goals: Goals = Goals()
    solver: SolverSettings = SolverSettings()
    tables: Tables = Tables()
    scope: tuple[str, ...] = Field((), description="Provinces to plan; empty: every province in the table.")
    stated_totals: tuple[StatedTotal, ...] = ()
    provincial_tasks: tuple[ProvincialTask, ...] = ()
    changes: Changes = Changes()


TABLE_MODELS: dict[str, type[Strict]] = {
    "municipalities": MunicipalityRow,
    "offers": OfferRow,
    "sites": SiteRow,
    "transfers": TransferRow,
}
