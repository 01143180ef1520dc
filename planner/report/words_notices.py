"""Words of the notices: what the planning data decided that users must be told (nl/en).

A notice (:class:`planner.planning.Notice`, in the JSON as ``{"code", "subject", "name", …values}``) is rendered
here into one plain sentence per kind, for the terminal (``plan``, ``compare``) and the HTML report alike: units
taken as ready because they have no start date, no Ukraine data so the Ukraine part is left out, a Ukraine ambition
below what is realised. Kept beside :mod:`planner.report.words` like :mod:`planner.report.words_tables`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from planner.report.words import join, number

NOTICE_WORDS: dict[str, dict[str, str]] = {
    "nl": {
        "notices_title": "Meldingen",
        "no_ukraine_data": "Het scenario heeft geen gegevens over Oekraïne-opvang: het Oekraïne-deel is weggelaten "
        "(niet gepland op een berekend doel).",
        "assumed_ready": "Zonder startdatum aangenomen als klaar bij het begin van de cyclus: {items}.",
        "assumed_ready_item": "{name} ({subject}, {places} plaatsen)",
        "ukraine_ambition_below_realised": "Oekraïne-ambitie lager dan wat er al is, het plan blijft binnen de "
        "ambitie: {items}.",
        "ukraine_ambition_below_realised_item": "{name} ({subject}): ambitie {ukraine_ambition}, gerealiseerd "
        "{ukraine_realised}",
        "unknown": "Melding {code}: {subject}.",
    },
    "en": {
        "notices_title": "Notices",
        "no_ukraine_data": "The scenario has no Ukraine reception data: the Ukraine part is left out (not planned at "
        "a computed target).",
        "assumed_ready": "Without a start date taken as ready at the start of the cycle: {items}.",
        "assumed_ready_item": "{name} ({subject}, {places} places)",
        "ukraine_ambition_below_realised": "Ukraine ambition below what is already there, the plan stays within the "
        "ambition: {items}.",
        "ukraine_ambition_below_realised_item": "{name} ({subject}): ambition {ukraine_ambition}, realised "
        "{ukraine_realised}",
        "unknown": "Notice {code}: {subject}.",
    },
}


def notice_title(lang: str) -> str:
    return NOTICE_WORDS[lang]["notices_title"]


def notice_lines(notices: Iterable[Mapping[str, Any]], lang: str) -> list[str]:
    """One sentence per kind of notice, in the order the kinds first appear; notices of one kind about several
    sites or municipalities are listed in one sentence. ``notices``: the JSON form (``Notice.as_dict``)."""
    w = NOTICE_WORDS[lang]
    groups: dict[str, list[Mapping[str, Any]]] = {}
    for n in notices:
        groups.setdefault(str(n["code"]), []).append(n)
    out: list[str] = []
    for code, items in groups.items():
        if code not in w:
            out += [w["unknown"].format(code=code, subject=n.get("subject") or "–") for n in items]
        elif f"{code}_item" not in w:
            out.append(w[code])
        else:
            parts = [w[f"{code}_item"].format(**{k: number(lang, v) if isinstance(v, int) else v
                                                 for k, v in n.items()} | {"name": n.get("name") or n.get("subject")})
                     for n in items]
            out.append(w[code].format(items=join(lang, parts)))
    return out
