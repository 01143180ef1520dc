"""``planner check-duty`` through the CLI: sentence first, exit 0 when the own duty is met, 1 when not, 2 on bad
input — whatever the province does."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from planner.cli.app import app

runner = CliRunner()


def test_met_exits_0_and_starts_with_the_sentence() -> None:
    res = runner.invoke(app, ["check-duty", "--municipality", "GM1681", "--site", "BO-AMV", "--places", "40"])
    assert res.exit_code == 0, res.output
    assert res.output.startswith("Met BO-AMV op 40 plaatsen haalt Borger-Odoorn zijn AMV-taak van 12 (+28)")


def test_short_exits_1_with_json() -> None:
    res = runner.invoke(app, ["check-duty", "-m", "Borger-Odoorn", "--site", "BO-AMV", "--places", "10",
                              "--format", "json"])
    assert res.exit_code == 1, res.output
    data = json.loads(res.stdout)
    assert data["duty_met"] is False
    assert data["province_closes"] is True
    assert [d["shortfall"] for d in data["duty"] if d["category"] == "amv"] == [2, 2]


def test_met_while_the_province_cannot_close_exits_0() -> None:
    res = runner.invoke(app, ["check-duty", "-m", "Hoogeveen", "--site", "HGV-AZC", "--places", "700", "-f", "json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert data["duty_met"] is True
    assert data["province_closes"] is False
    assert data["province_short_by"] == 180


def test_other_municipalitys_site_exits_2() -> None:
    res = runner.invoke(app, ["check-duty", "-m", "GM1730", "--site", "BO-AMV", "--places", "60"])
    assert res.exit_code == 2
    assert "BO-AMV ligt in GM1681" in res.output


def test_unknown_municipality_exits_2() -> None:
    res = runner.invoke(app, ["check-duty", "-m", "Borger"])
    assert res.exit_code == 2
    assert "Borger-Odoorn" in res.output
    assert "Traceback" not in res.output


def test_add_site_with_offer() -> None:
    res = runner.invoke(app, ["check-duty", "-m", "GM0106", "--add-site",
                              "id=ASN-AMV,category=amv,places=31,from=2025-01-01", "--offer", "31", "-f", "json"])
    assert res.exit_code == 0, res.output
    assert [e["change"] for e in json.loads(res.stdout)["edits"]] == ["added", "offer"]


def test_english_table_has_no_dutch_words() -> None:
    res = runner.invoke(app, ["check-duty", "-m", "GM1681", "--site", "BO-AMV", "--places", "40", "--lang", "en"])
    assert res.exit_code == 0, res.output
    assert res.output.startswith("With BO-AMV at 40 places, Borger-Odoorn meets its AMV task of 12 (+28)")
    for dutch in ("taak", "aanbod", "gehaald", "sluitend", "plaatsen", "gemeente", "regulier", "oordeel"):
        assert dutch not in res.output, dutch
