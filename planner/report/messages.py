"""The message catalogue of input problems (nl/en): what validation says, in the language of the output.

A check names its message by key with values (:class:`planner.scenario.problems.Msg`); :func:`render` fills in the
template of the output's language. Whole numbers are written as the language writes them in running text (``1.000``
in Dutch; English keeps the plain digits the messages always had), a value named ``category`` is a category word
(``regulier``/``regular``), and every other value (names, codes, dates, file names) is shown as given. Every key
exists in both languages with the same values (a test says so).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from planner.report.numbers import nl_int
from planner.report.words import category

if TYPE_CHECKING:
    from planner.scenario.problems import Msg, Value

MESSAGES: dict[str, dict[str, str]] = {
    "nl": {},
    "en": {},
}


def _value(lang: str, name: str, value: Value) -> str:
    if name == "category" and isinstance(value, str):
        return category(lang, value)
    if isinstance(value, bool) or not isinstance(value, int):
        return str(value)
    return nl_int(value) if lang == "nl" else str(value)


def render(lang: str, msg: Msg) -> str:
    """``msg`` in ``lang`` (an unknown language falls back to English)."""
    table = MESSAGES.get(lang, MESSAGES["en"])
    return table[msg.key].format(**{k: _value(lang, k, v) for k, v in msg.values})
