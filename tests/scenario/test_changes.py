"""What-ifs: ``extends`` plus ``[changes]`` change the resolved scenario exactly as written, and the digest knows."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest

from planner.scenario.load import Scenario, load_scenario
from planner.scenario.problems import Problems
from tests.scenario.support import DRENTHE, REPO, copy_drenthe, whatif


def load_ok(path: Path) -> Scenario:
    scenario, problems = load_scenario(path)
    assert scenario is not None, [p.as_dict() for p in problems]
    assert not problems.has_errors(), [p.as_dict() for p in problems.errors]
    return scenario


def site(s: Scenario, sid: str) -> dict[str, object]:
    return next(x for x in s.sites if x.id == sid).model_dump()


def offers(s: Scenario, code: str, category: str) -> dict[int, int]:
    return {o.year: o.places for o in s.offers if o.code == code and o.category.value == category}


def test_close_a_site(tmp_path: Path, drenthe: tuple[Scenario, Problems]) -> None:
    s = load_ok(whatif(tmp_path, '[[changes.sites]]\nid = "BO-AMV"\nclose = true'))
    base, _ = drenthe
    assert [x.id for x in s.sites] == [x.id for x in base.sites if x.id != "BO-AMV"]


def test_resize_a_site(tmp_path: Path, drenthe: tuple[Scenario, Problems]) -> None:
    s = load_ok(whatif(tmp_path, '[[changes.sites]]\nid = "ASN-AZC"\nplaces = 800\nmin_places = 400'))
    base, _ = drenthe
    assert site(s, "ASN-AZC") == {**site(base, "ASN-AZC"), "places": 800, "min_places": 400}
    assert sum(x.places for x in s.sites) == sum(x.places for x in base.sites) - 200


def test_end_a_contract_early(tmp_path: Path) -> None:
    s, problems = load_scenario(whatif(tmp_path, '[[changes.sites]]\nid = "ASN-AZC"\navailable_until = 2025-06-30'))
    assert s is not None
    assert site(s, "ASN-AZC")["available_until"] == dt.date(2025, 6, 30)
    ends = [p.message for p in problems.warnings if p.code == "ends-in-cycle" and "ASN-AZC" in p.message]
    assert ends == ["site ASN-AZC (1000 places) ends inside the cycle on 30-6-2025: it covers only part of it"]
    # Now Assen's 2025 offer cannot be filled either.
    unfilled = {p.message.split(" in ")[1][:4] for p in problems.warnings
                if p.code == "offer-unfilled" and p.message.startswith("Assen")}
    assert unfilled == {"2025", "2026"}


def test_extend_a_contract_without_end(tmp_path: Path) -> None:
    body = '[[changes.sites]]\nid = "WV-NO"\nopen_ended = true\n\n[[changes.sites]]\nid = "WV-TGO"\nopen_ended = true'
    s, problems = load_scenario(whatif(tmp_path, body))
    assert s is not None
    assert not problems.has_errors()
    assert site(s, "WV-NO")["available_until"] is None
    assert site(s, "WV-TGO")["available_until"] is None
    assert not [p for p in problems.warnings if p.code == "ends-before-cycle"]
    # With 140 + 75 + 25 = 240 places, Westerveld's regular offer of 240 can be filled.
    assert not [p for p in problems.warnings if p.code == "offer-unfilled" and "Westerveld" in p.message]


def test_extend_a_contract_to_a_date(tmp_path: Path) -> None:
    s = load_ok(whatif(tmp_path, '[[changes.sites]]\nid = "NV-AMV"\navailable_until = 2030-03-01'))
    assert site(s, "NV-AMV")["available_until"] == dt.date(2030, 3, 1)


def test_add_a_site(tmp_path: Path) -> None:
    body = ('[[changes.add_sites]]\nid = "DW-AZC"\ncode = "GM1690"\nname = "De Wolden azc"\ncategory = "regular"\n'
            'places = 120\nmin_places = 60\nstatus = "candidate"\navailable_from = 2025-07-01')
    s = load_ok(whatif(tmp_path, body))
    assert s.sites[-1].id == "DW-AZC"
    assert site(s, "DW-AZC") == {
        "id": "DW-AZC", "code": "GM1690", "name": "De Wolden azc", "category": "regular", "subtype": None,
        "places": 120, "min_places": 60, "available_from": dt.date(2025, 7, 1), "available_until": None,
        "status": "candidate", "remarks": "",
    }
    assert s.origin("sites", "DW-AZC") == ("whatif.toml", 6)


def test_change_an_offer_for_one_year_or_all(tmp_path: Path) -> None:
    body = ('[[changes.offers]]\ncode = "GM1681"\ncategory = "regular"\nyear = 2026\nplaces = 100\n\n'
            '[[changes.offers]]\ncode = "GM1690"\ncategory = "amv"\nplaces = 30\n\n'
            '[[changes.offers]]\ncode = "GM0119"\ncategory = "regular"')
    s = load_ok(whatif(tmp_path, body))
    assert offers(s, "GM1681", "regular") == {2025: 0, 2026: 100}
    assert offers(s, "GM1690", "amv") == {2025: 30, 2026: 30}
    assert offers(s, "GM0119", "regular") == {}  # no places: the stated limit is removed
    assert len(s.offers) == 46


def test_add_a_transfer(tmp_path: Path) -> None:
    body = '[[changes.transfers]]\nfrom_code = "GM0114"\nto_code = "GM1681"\ncategory = "regular"\nplaces = 60'
    s = load_ok(whatif(tmp_path, body))
    [t] = s.transfers
    assert (t.from_code, t.to_code, t.category.value, t.places, t.year) == ("GM0114", "GM1681", "regular", 60, None)


def test_a_transfer_across_provinces_is_an_error_in_the_what_if(tmp_path: Path) -> None:
    folder = copy_drenthe(tmp_path / "two-provinces")
    with (folder / "municipalities.csv").open("a") as fh:
        fh.write("GM0014,Groningen,Groningen,238147,2023-01-01,-0.2156,1,,,,,,,,\n")
    body = '[[changes.transfers]]\nfrom_code = "GM0106"\nto_code = "GM0014"\ncategory = "regular"\nplaces = 60'
    _, problems = load_scenario(whatif(folder, body, extends="scenario.toml"))
    assert [(p.file, p.row, p.field, p.code) for p in problems.errors] == [("whatif.toml", 6, "to_code", "transfer")]


def test_changes_of_a_chain_apply_parent_first(tmp_path: Path) -> None:
    whatif(tmp_path, '[[changes.sites]]\nid = "ASN-AZC"\nplaces = 800', file="parent.toml")
    child = whatif(tmp_path, '[[changes.sites]]\nid = "ASN-AZC"\nplaces = 700', file="child.toml",
                   extends="parent.toml")
    s = load_ok(child)
    assert site(s, "ASN-AZC")["places"] == 700
    assert s.files == ("child.toml", "parent.toml", "bundled:drenthe-2025-2026/scenario.toml")


def test_settings_override_key_by_key(tmp_path: Path, drenthe: tuple[Scenario, Problems]) -> None:
    s = load_ok(whatif(tmp_path, '[cycle]\nnational_need = 102000\n\n[rules]\nuse_official_tasks = false'))
    base, _ = drenthe
    assert s.settings.cycle.national_need == 102_000
    assert s.settings.cycle.national_amv_need == base.settings.cycle.national_amv_need == 8140
    assert s.settings.cycle.national_weight_sum == base.settings.cycle.national_weight_sum
    assert s.settings.rules.use_official_tasks is False
    assert s.settings.rules.rounding.value == "half-up"
    assert s.name == "what-if"
    assert s.municipalities == base.municipalities


# ---------------------------------------------------------------------------------------------------------------
# The digest


def test_digest_is_stable_across_loads_and_processes(drenthe: tuple[Scenario, Problems]) -> None:
    base, _ = drenthe
    again, _ = load_scenario(DRENTHE)
    assert again is not None
    assert again.digest() == base.digest()
    code = "from planner.scenario.load import load_scenario; print(load_scenario()[0].digest())"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO.parent,
                         env={"PYTHONHASHSEED": "12345", "PATH": ""})
    assert out.stdout.strip() == base.digest()


def test_digest_ignores_where_the_files_are(tmp_path: Path, drenthe: tuple[Scenario, Problems]) -> None:
    base, _ = drenthe
    assert load_ok(copy_drenthe(tmp_path / "elsewhere")).digest() == base.digest()


@pytest.mark.parametrize(("file", "old", "new"), [
    ("municipalities.csv", "GM1680,Aa en Hunze,Drenthe,25724", "GM1680,Aa en Hunze,Drenthe,25725"),
    ("offers.csv", "GM1680,regular,2025,87,", "GM1680,regular,2025,88,"),
    ("sites.csv", "2026-04-01", "2026-04-02"),
    ("scenario.toml", "spuk1_rate = 2000", "spuk1_rate = 1000"),
])
def test_digest_changes_when_a_number_changes(
    tmp_path: Path, drenthe: tuple[Scenario, Problems], file: str, old: str, new: str
) -> None:
    folder = copy_drenthe(tmp_path / "changed")
    text = (folder / file).read_text(encoding="utf-8")
    assert text.count(old) == 1
    (folder / file).write_text(text.replace(old, new), encoding="utf-8")
    base, _ = drenthe
    assert load_ok(folder).digest() != base.digest()


def test_a_what_if_changes_the_digest(tmp_path: Path, drenthe: tuple[Scenario, Problems]) -> None:
    base, _ = drenthe
    same = load_ok(whatif(tmp_path, "", name=base.name, file="same.toml"))
    assert same.digest() == base.digest()  # extends alone changes nothing that decides a result
    resized = load_ok(whatif(tmp_path, '[[changes.sites]]\nid = "ASN-AZC"\nplaces = 999', name=base.name))
    assert resized.digest() != base.digest()
