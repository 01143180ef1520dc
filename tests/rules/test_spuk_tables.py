"""SPUK tables: every total is the sum of its column; the report's euros for Drenthe (places offered in 2025)."""

from __future__ import annotations

import re

from planner.planning import PlanningData
from planner.report.tables import spuk_table
from planner.rules.spuk import SpukResult, compute_spuk
from tests.planning.support import drenthe


def drenthe_spuk() -> SpukResult:
    s = drenthe()
    data = PlanningData.from_scenario(s)
    places = {sid: data.site_capacity(sid, "2025") for sid in data.sites}
    munis = {c: (m.name, m.task_total) for c, m in data.munis.items()}
    return compute_spuk(s.settings.spuk, s.settings.cycle, munis, places, data.sites)


def euros(cell: str) -> int:
    digits = re.sub(r"[^0-9-]", "", cell)
    return int(digits) if digits else 0


def test_the_report_euros() -> None:
    spuk = drenthe_spuk()
    # Assen (1.000 − 360) + Coevorden (430 − 188) + Hoogeveen (940 − 280) = 1.542 places × € 2.000; 341 AMV places
    # × € 2.000; the SPUK 3 pot of € 983.686 to the others: € 4.749.686.
    assert (spuk.spuk1, spuk.spuk2, spuk.spuk3) == (3_084_000, 682_000, 983_686)
    assert spuk.municipalities_total == 4_749_686


def test_every_total_in_the_terminal_table_is_the_sum_of_its_column() -> None:
    spuk = drenthe_spuk()
    table = spuk_table(spuk, "SPUK")
    checked = []
    for col in table.columns:
        cells = [str(c) for c in col._cells]
        *body, total = cells
        if "€" not in total:
            continue  # option columns and text: no total
        assert sum(euros(c) for c in body) == euros(total), col.header
        checked.append(str(col.header))
    assert checked == ["SPUK 1", "SPUK 2", "SPUK 3", "totaal"]
    # The SPUK 1 options (not in the table) add up to more than is paid: Emmen and Westerveld could take SPUK 1,
    # but SPUK 3 pays them more — a column of options under the paid total was the old error.
    assert sum(r.spuk1_possible for r in spuk.rows) > spuk.spuk1


def test_the_spuk3_percentage_comes_from_the_scenario() -> None:
    # Places offered in 2025 (Westerveld's 100 ended places out): 4.055 of a total task of 2.691 = 150,7 %.
    s = drenthe()
    data = PlanningData.from_scenario(s)
    places = {sid: data.site_capacity(sid, "2025") for sid in data.sites}
    assert sum(places.values()) == 4055
    munis = {c: (m.name, m.task_total) for c, m in data.munis.items()}
    reached = compute_spuk(s.settings.spuk.model_copy(update={"spuk3_percentage": 150}), s.settings.cycle, munis,
                           places, data.sites)
    assert (reached.spuk3_reached, reached.spuk3) == (True, 983_686)
    missed = compute_spuk(s.settings.spuk.model_copy(update={"spuk3_percentage": 151}), s.settings.cycle, munis,
                          places, data.sites)
    # No pot: every municipality with a SPUK 1 option takes it — the report's three plus Emmen (675 − 495 = 180
    # places) and Westerveld (140 − 119 = 21 places): € 3.084.000 + € 360.000 + € 42.000.
    assert (missed.spuk3_reached, missed.spuk3, missed.spuk1) == (False, 0, 3_486_000)
