"""Dutch number formatting, used only at the edge (reports, terminal tables, never in computations)."""

from __future__ import annotations


def nl_int(value: int | float | None) -> str:
    """``1234`` → ``1.234``; ``-5`` → ``-5``; None → empty."""
    if value is None:
        return ""
    n = round(value)
    text = f"{abs(n):,}".replace(",", ".")
    return f"-{text}" if n < 0 else text


def nl_euro(value: int | float | None) -> str:
    """``4749686`` → ``€ 4.749.686``."""
    return "" if value is None else f"€ {nl_int(value)}"


def nl_decimal(value: float | None, digits: int = 2) -> str:
    """``0.1234`` → ``0,12``."""
    if value is None:
        return ""
    text = f"{value:,.{digits}f}"
    return text.replace(",", "_").replace(".", ",").replace("_", ".")


def nl_percent(value: float | None, digits: int = 1) -> str:
    """``0.125`` → ``12,5%``."""
    return "" if value is None else f"{nl_decimal(100 * value, digits)}%"


def nl_date(value: object) -> str:
    """A date as users write it: ``1-4-2026``."""
    import datetime as dt

    if isinstance(value, dt.date):
        return f"{value.day}-{value.month}-{value.year}"
    return "" if value is None else str(value)
