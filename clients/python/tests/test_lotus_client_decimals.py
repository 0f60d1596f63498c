"""Wire decimal strings: the same grammar as the .NET client's DecimalString."""

from __future__ import annotations

from decimal import Decimal

import pytest

from lotus_client import format_decimal, parse_decimal


@pytest.mark.parametrize(("wire", "expected"), [("0", "0"), ("-0.5", "-0.5"), ("+7", "7"), ("1025000.1200000000", "1025000.1200000000")])
def test_plain_decimal_parses_and_keeps_its_scale(wire: str, expected: str) -> None:
    assert format_decimal(parse_decimal(wire)) == expected


@pytest.mark.parametrize("wire", ["", "NaN", "Infinity", "-Infinity", "1e5", "1E-2", "1,000.5", " 1", "1 ", "1.", ".5", "-", "1.2.3", "0x10", "١٢"])
def test_non_decimal_forms_are_rejected(wire: str) -> None:
    with pytest.raises(ValueError):
        parse_decimal(wire)


def test_format_never_uses_an_exponent() -> None:
    assert format_decimal(Decimal("1E-7")) == "0.0000001"
    assert format_decimal(Decimal("1.5E+3")) == "1500"


@pytest.mark.parametrize("value", [Decimal("NaN"), Decimal("Infinity")])
def test_format_refuses_non_finite(value: Decimal) -> None:
    with pytest.raises(ValueError):
        format_decimal(value)
