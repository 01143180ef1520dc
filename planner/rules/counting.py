"""What counts toward a task, and when: periods of the cycle, site availability, durability, emergency places."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from planner.scenario.schema import Availability, Category, Cycle, PeriodLength, Rules, SiteRow, SiteStatus, Spuk


@dataclass(frozen=True)
class Period:
    name: str
    """``2025``, ``2025-H1`` or ``2025-Q1``: letters, digits and '-' only (used in constraint names as '_')."""
    start: dt.date
    end: dt.date
    """Inclusive."""

    @property
    def year(self) -> int:
        return self.start.year

    @property
    def key(self) -> str:
        return self.name.replace("-", "_")


def periods(cycle: Cycle) -> tuple[Period, ...]:
    """Split the cycle into periods of the configured length (the last one ends with the cycle)."""
    months = {PeriodLength.YEAR: 12, PeriodLength.HALF_YEAR: 6, PeriodLength.QUARTER: 3}[cycle.period]
    out: list[Period] = []
    start = cycle.start
    while start <= cycle.end:
        month0 = start.month - 1 + months
        nxt = dt.date(start.year + month0 // 12, month0 % 12 + 1, 1)
        end = min(nxt - dt.timedelta(days=1), cycle.end)
        if cycle.period is PeriodLength.YEAR:
            name = f"{start.year}"
        elif cycle.period is PeriodLength.HALF_YEAR:
            name = f"{start.year}-H{(start.month - 1) // 6 + 1}"
        else:
            name = f"{start.year}-Q{(start.month - 1) // 3 + 1}"
        out.append(Period(name, start, end))
        start = nxt
    return tuple(out)


def site_start(site: SiteRow, cycle: Cycle) -> dt.date:
    """First day a site is available; a planned or candidate site without a date is taken as ready at cycle start."""
    if site.available_from is not None:
        return site.available_from
    return dt.date.min if site.status is SiteStatus.EXISTING else cycle.start


def site_end(site: SiteRow) -> dt.date:
    return site.available_until if site.available_until is not None else dt.date.max


def obligation_date(cycle: Cycle) -> dt.date:
    """The day the cycle's places must be available (``cycle.obligation_date``; default 1 July of the first year)."""
    return cycle.obligation_date if cycle.obligation_date is not None else dt.date(cycle.start.year, 7, 1)


def available_in(site: SiteRow, period: Period, cycle: Cycle, rule: Availability) -> bool:
    """Whether the site counts in the period under the availability rule. A site must be there from the period's
    start — or from the obligation date, when that lies inside the period (a site ready on 1-6-2025 counts for
    2025 when places are due on 1-7-2025) — to its end (``whole-period``), on that day (``start``), or on any day
    of the period (``any-day``)."""
    start, end = site_start(site, cycle), site_end(site)
    due = min(max(period.start, obligation_date(cycle)), period.end)
    if rule is Availability.WHOLE_PERIOD:
        return start <= due and end >= period.end
    if rule is Availability.START:
        return start <= due <= end
    return start <= period.end and end >= period.start


def durable_years(site: SiteRow, cycle: Cycle) -> float:
    """How many years the site runs, for durability: from its start date (``cycle.durability_from = history``) or
    from the report date (``reference-date``) to its contract end; open-ended is infinite. A site without a start
    date is counted from the report date (an existing one) or from the cycle start (a planned one, assumed ready):
    no start date is not 'running forever'."""
    if site.available_from is not None:
        start = site.available_from
    else:
        start = cycle.report_date if site.status is SiteStatus.EXISTING else cycle.start
    if cycle.durability_from == "reference-date":
        start = max(start, cycle.report_date)
    if site.available_until is None:
        return float("inf")
    return (site.available_until - start).days / 365.25


def is_durable(site: SiteRow, cycle: Cycle, rules: Rules) -> bool:
    """Durable (cycle-1 rule): never emergency reception; more than ``durable_min_places`` places (regular and
    special places: an AMV unit of 16–50 is durable by its dates alone); runs more than ``durable_min_years``
    (:func:`durable_years`); available within ``durable_available_within_months`` of the report date."""
    if is_emergency(site):
        return False
    m = cycle.report_date.month - 1 + rules.durable_available_within_months
    deadline = dt.date(cycle.report_date.year + m // 12, m % 12 + 1, min(cycle.report_date.day, 28))
    return (
        (site.category is Category.AMV or site.places > rules.durable_min_places)
        and durable_years(site, cycle) > rules.durable_min_years
        and site_start(site, cycle) <= deadline
    )


def is_spuk1_durable(site: SiteRow, cycle: Cycle, spuk: Spuk) -> bool:
    """SPUK 1 durability: never emergency reception; runs at least ``spuk1_min_years`` (:func:`durable_years`)."""
    return not is_emergency(site) and durable_years(site, cycle) >= spuk.spuk1_min_years


def is_emergency(site: SiteRow) -> bool:
    """Emergency reception (noodopvang): special places of subtype noodopvang."""
    return site.category is Category.SPECIAL and site.subtype is not None and site.subtype.value == "noodopvang"


def not_counting_reason(site: SiteRow, cycle: Cycle, rules: Rules) -> Literal["emergency", "not_durable"] | None:
    """Why a site's places do not count toward any task (emergency and durability rules); None when they count."""
    if is_emergency(site) and not rules.count_emergency:
        return "emergency"
    if rules.count_only_durable and site.category is not Category.UKRAINE and not is_durable(site, cycle, rules):
        return "not_durable"
    return None


def counts(site: SiteRow, cycle: Cycle, rules: Rules) -> bool:
    """Whether a site's places count toward a task at all (emergency and durability rules)."""
    return not_counting_reason(site, cycle, rules) is None


def assumed_ready(site: SiteRow) -> bool:
    """A planned or candidate site without a start date: taken as ready at the start of the cycle (reported)."""
    return site.status is not SiteStatus.EXISTING and site.available_from is None


def task_category(category: Category, rules: Rules) -> str | None:
    """The task a category counts toward: ``regular`` (regular, and special when the rule says so), ``amv`` or
    ``ukraine``; None when it counts toward no task."""
    if category is Category.REGULAR:
        return "regular"
    if category is Category.SPECIAL:
        return "regular" if rules.special_counts_toward_regular else None
    if category is Category.AMV:
        return "amv"
    return "ukraine"
