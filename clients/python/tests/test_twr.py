"""The TWR oracle on hand-worked numbers (consumer doc §3.1, §3.2, §3.6)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest

from twr import Day, contributions, daily_return, day_of, flow_role, linked_return

T1, T2 = date(2026, 1, 5), date(2026, 1, 6)


def test_bod_flow_is_invested_capital() -> None:
    # (110 - 5 - 100) / |100 + 5| = 5 / 105
    assert daily_return(Day(T1, D(100), D(110), bod_flow=D(5))) == D(5) / D(105)


def test_eod_flow_is_not_invested_capital() -> None:
    # (1500 - 0 - 1000 - 500) / 1000 = 0
    assert daily_return(Day(T1, D(1000), D(1500), eod_flow=D(500))) == 0


def test_net_adds_the_negative_fee_gross_ignores_it() -> None:
    day = Day(T1, D(1000), D(1010), fee=D(-2))
    assert daily_return(day, "GROSS") == D("0.01")
    assert daily_return(day, "NET") == D("0.008")


def test_zero_capital_gives_zero() -> None:
    assert daily_return(Day(T1, D(0), D(0))) == 0
    assert daily_return(Day(T1, D(-5), D(3), bod_flow=D(5))) == 0


def test_linking_compounds() -> None:
    assert linked_return([D("0.1"), D("-0.05")]) == D("0.045")


def test_flow_roles_follow_the_consumer_taxonomy() -> None:
    day = day_of(T1, D(100), D(100), [
        (D(10), "bod", "external_flow"),
        (D(3), "eod", "internal_trade_flow"),
        (D(7), "bod", ""),
        (D(-1), "eod", "fee"),
        (D(50), "eod", "income"),       # part of the return, never a flow
        (D(99), "intraday", "deposit"),  # neither bod nor eod: dropped
    ], fx=D(2))
    assert (day.bod_flow, day.eod_flow, day.fee) == (D(34), D(6), D(-2))
    assert flow_role(" Management_Fee ") == "fee"
    assert flow_role("dividend") == "unsupported"


def test_carino_contributions_on_hand_worked_numbers() -> None:
    # Day 1: A 60 -> 66 (+10 %), B 40 -> 40; portfolio 100 -> 106, R1 = 0.06.
    # Day 2: A 66 -> 59.4 (-10 %), B 40 -> 44 (+10 %); portfolio 106 -> 103.4, R2 = -2.6/106.
    # R = 1.06 * 103.4/106 - 1 = 0.034. k1 = ln(1.06)/0.06, k2 = ln(1+R2)/R2, K = ln(1.034)/0.034.
    # s_A = 0.06*k1/K + (-6.6/106)*k2/K, s_B = (4/106)*k2/K (worked to 28 digits).
    portfolio = [Day(T1, D(100), D(106)), Day(T2, D(106), D("103.4"))]
    positions = {
        "A": [Day(T1, D(60), D(66)), Day(T2, D(66), D("59.4"))],
        "B": [Day(T1, D(40), D(40)), Day(T2, D(40), D(44))],
    }
    result = contributions(portfolio, positions)
    assert result["A"] == pytest.approx(D("-0.00485224575777349706112716652"), abs=D("1e-24"))
    assert result["B"] == pytest.approx(D("0.03885224575777349706112716658"), abs=D("1e-24"))
    assert abs(sum(result.values()) - D("0.034")) < D("1e-24")


def test_contributions_without_smoothing_need_it() -> None:
    # The raw sum of w*r (0.06 + (-6.6 + 4)/106) differs from the linked 0.034: smoothing matters.
    raw = D("0.06") + (D("-6.6") + D(4)) / D(106)
    assert abs(raw - D("0.034")) > D("0.0001")
