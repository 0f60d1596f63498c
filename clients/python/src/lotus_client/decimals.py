"""Decimal strings of the wire (common.proto): invariant notation, never binary floating point.

Accepted: optional sign, at least one digit, optional '.' followed by at least one digit
("1025000.1200000000", "-0.5", "7"). Refused: NaN/Infinity, exponents ("1e5"), separators,
whitespace, ".5" and "1." -- the same grammar as the .NET client's DecimalString.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

_DECIMAL = re.compile(r"[+-]?[0-9]+(\.[0-9]+)?")


def parse_decimal(value: str) -> Decimal:
    """Parses a wire decimal; raises ValueError on anything else. Scale is kept."""
    if not isinstance(value, str) or _DECIMAL.fullmatch(value) is None:
        raise ValueError(f"{value!r} is not a decimal string (digits, optional sign and '.', no exponent)")
    return Decimal(value)


def parse_decimal_or(value: str, default: Decimal) -> Decimal:
    """Like parse_decimal, but an empty string (the proto3 default) gives `default`."""
    return default if value == "" else parse_decimal(value)


def format_decimal(value: Decimal | int) -> str:
    """Formats in invariant fixed notation (no exponent); refuses NaN and infinities."""
    d = Decimal(value)
    if not d.is_finite():
        raise ValueError(f"{value!r} is not a finite decimal")
    return format(d, "f")


def parse_date(value: str) -> date:
    """Business dates are "YYYY-MM-DD"."""
    return date.fromisoformat(value)


def format_date(value: date | str) -> str:
    return value if isinstance(value, str) else value.isoformat()
