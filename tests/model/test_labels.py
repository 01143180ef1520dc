"""Every variable and row of the allocation program says what it is: family and keys as a typed label."""

from __future__ import annotations

import pytest

from planner.model.build import build_model
from planner.scenario.load import require_scenario

GLOBAL = {"max_relative_shortfall", "max_relative_new_surplus"}


@pytest.fixture(scope="module")
def model():
    scenario, _ = require_scenario()
    return build_model(scenario)


def test_every_variable_and_row_carries_its_province_except_the_fairness_maxima(model) -> None:
    b = model.builder
    for name, label in [*zip(b.var_names, b.var_labels, strict=True), *zip(b.row_names, b.row_labels, strict=True)]:
        # A label built from the name (the builder's fallback) would have the whole name as its family.
        assert label.family != name or name in GLOBAL, name
        if label.family in GLOBAL:
            assert label.province is None, name
        else:
            assert label.province == "Drenthe", name


def test_labels_carry_the_keys_of_the_name(model) -> None:
    b = model.builder
    lab = b.var_labels[model.x[("ASN-AZC", "2026")]]
    assert (lab.family, lab.municipality, lab.site, lab.category, lab.period) == (
        "places",
        "GM0106",
        "ASN-AZC",
        "regular",
        "2026",
    )
    rows = {n: lab for n, lab in zip(b.row_names, b.row_labels, strict=True)}
    off = rows["offer_limit_GM0106_regular_2025"]
    assert (off.family, off.municipality, off.site, off.category, off.period) == (
        "offer_limit",
        "GM0106",
        None,
        "regular",
        "2025",
    )
    tot = rows["province_total_Drenthe_amv_2026"]
    assert (tot.family, tot.municipality, tot.category, tot.period, tot.province) == (
        "province_total",
        None,
        "amv",
        "2026",
        "Drenthe",
    )
