"""Drafts survive a restart: each is written whole to the server's work folder and read back by a new server on the
same scenarios (its edits, dates and settings as they were); a file it cannot use is named, never guessed at."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from planner.scenario.load import bundled_dir
from planner.web.catalogue import Catalogue
from planner.web.drafts import Drafts, DraftState
from planner.web.edits import Draft, parse_edit, with_edit


def _catalogue() -> Catalogue:
    c = Catalogue()
    c.add(bundled_dir() / "drenthe-2025-2026")
    return c


def test_a_draft_read_back_by_a_new_server_is_the_same_draft(tmp_path: Path) -> None:
    draft = Draft(name="Assen – wat-als", description="twee wijzigingen")
    draft = with_edit(draft, parse_edit("redate", {"site": "ASN-AZC", "available_until": "2026-12-31",
                                                   "reason": "verlengd"}))
    draft = with_edit(draft, parse_edit("need", {"national_need": "102.000", "by_key": "1"}))
    state = DraftState("AbC_12-xyz90", "drenthe-2025-2026", draft, rev=2)
    Drafts(tmp_path, _catalogue()).keep(state)
    assert [p.name for p in tmp_path.iterdir()] == ["AbC_12-xyz90.toml"]

    again = Drafts(tmp_path, _catalogue())  # a new server: nothing in memory
    assert again.restore() == []
    back = again.get("AbC_12-xyz90")
    assert back == state
    assert back is not None
    assert back.draft.edits[0].item["available_until"] == dt.date(2026, 12, 31)
    assert back.draft.settings() == {"cycle.national_need": 102000, "rules.use_official_tasks": False}
    assert back.draft.toml_text("bundled:drenthe-2025-2026", "Drenthe") == draft.toml_text(
        "bundled:drenthe-2025-2026", "Drenthe")


def test_drafts_it_cannot_use_are_named_and_left_alone(tmp_path: Path) -> None:
    Drafts(tmp_path, _catalogue()).keep(DraftState("eerste-draft", "drenthe-2025-2026", Draft(name="x")))
    (tmp_path / "kapot-bestand.toml").write_text("id = [", encoding="utf-8")
    other = Catalogue()
    other.add(bundled_dir() / "nederland-2025-2026")  # a server on other scenarios
    left = Drafts(tmp_path, other).restore()
    assert len(left) == 2
    assert left[0].startswith("eerste-draft.toml: its base scenario is not offered")
    assert left[1].startswith("kapot-bestand.toml: ")
    assert (tmp_path / "eerste-draft.toml").exists()  # left on disk for a server that offers its base


def test_only_draft_ids_name_files(tmp_path: Path) -> None:
    import pytest

    with pytest.raises(ValueError, match="not a draft id"):
        Drafts(tmp_path, _catalogue()).keep(DraftState("../../etc/x", "drenthe-2025-2026", Draft(name="x")))
    assert list(tmp_path.iterdir()) == []
