"""The consumer contract checks, shared by the live test (test_consumer_contract.py) and by the
oracle test that runs them against a fake server serving the hand-worked reference data."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

import consumer_scenario as scenario
from consumer_sources import Source
from twr import Basis, Day, contributions, daily_return, day_of, linked_return

TOLERANCE = Decimal("1e-10")


def _portfolio_days(source: Source, portfolio_id: str) -> list[Day]:
    return [
        day_of(o.valuation_date, o.beginning_market_value, o.ending_market_value, [(f.amount, f.timing, f.cash_flow_type) for f in o.cash_flows])
        for o in source.observations(portfolio_id, scenario.START, scenario.END)
    ]


def check_portfolio_values(source: Source, portfolio_id: str) -> None:
    days = _portfolio_days(source, portfolio_id)
    assert [(d.begin, d.end) for d in days] == scenario.EXPECTED_VALUES
    assert [d.bod_flow for d in days] == [Decimal(100000), Decimal(22000), 0, 0, 0]
    assert [d.fee for d in days] == [0, 0, Decimal(-100), 0, 0]


def check_twr(source: Source, portfolio_id: str, basis: Basis) -> None:
    returns = [daily_return(d, basis) for d in _portfolio_days(source, portfolio_id)]
    for got, expected in zip(returns, scenario.EXPECTED_DAILY[basis], strict=True):
        assert abs(got - expected) < TOLERANCE
    assert abs(linked_return(returns) - scenario.EXPECTED_LINKED[basis]) < TOLERANCE


def check_stream_equals_pages(source: Source, portfolio_id: str) -> None:
    assert source.observations(portfolio_id, scenario.START, scenario.END, use_stream=True) == source.observations(portfolio_id, scenario.START, scenario.END, use_stream=False)


def check_contributions(source: Source, portfolio_id: str, basis: Basis) -> None:
    positions: dict[str, list[Day]] = defaultdict(list)
    for row in source.position_rows(portfolio_id, scenario.START, scenario.END):
        flows = [(f.amount, f.timing, f.cash_flow_type) for f in row.cash_flows]
        positions[row.position_id].append(day_of(row.valuation_date, row.beginning_market_value_portfolio_currency,
                                                 row.ending_market_value_portfolio_currency, flows, fx=row.position_to_portfolio_fx_rate))
    assert {key.split(":", 1)[1] for key in positions} >= {"US_EQ", "EU_EQ", "CASH_USD"}
    portfolio = _portfolio_days(source, portfolio_id)
    total = sum(contributions(portfolio, positions, basis).values())
    assert abs(total - linked_return(daily_return(d, basis) for d in portfolio)) < Decimal("1e-8")
