"""Typed rows of the timeseries: money as decimal.Decimal, dates as datetime.date."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from types import MappingProxyType

from lotus_client._pb import analytics_common_pb2, analytics_service_pb2
from lotus_client.decimals import parse_date, parse_decimal_or

_ZERO = Decimal(0)
_ONE = Decimal(1)


@dataclass(frozen=True, slots=True)
class CashFlow:
    """Sign: positive = money into the portfolio (position)."""

    amount: Decimal
    timing: str
    cash_flow_type: str
    flow_scope: str
    source_classification: str
    source_transaction_id: str

    @staticmethod
    def from_pb(flow: analytics_common_pb2.CashFlowObservation) -> CashFlow:
        return CashFlow(
            amount=parse_decimal_or(flow.amount, _ZERO),
            timing=flow.timing,
            cash_flow_type=flow.cash_flow_type,
            flow_scope=flow.flow_scope,
            source_classification=flow.source_classification,
            source_transaction_id=flow.source_transaction_id,
        )


@dataclass(frozen=True, slots=True)
class PortfolioObservation:
    """One day of the portfolio timeseries, in the reporting currency."""

    valuation_date: date
    beginning_market_value: Decimal
    ending_market_value: Decimal
    valuation_status: str
    cash_flows: tuple[CashFlow, ...]
    cash_flow_currency: str
    price_staleness_days: int

    @staticmethod
    def from_pb(o: analytics_service_pb2.PortfolioObservation) -> PortfolioObservation:
        return PortfolioObservation(
            valuation_date=parse_date(o.valuation_date),
            beginning_market_value=parse_decimal_or(o.beginning_market_value, _ZERO),
            ending_market_value=parse_decimal_or(o.ending_market_value, _ZERO),
            valuation_status=o.valuation_status,
            cash_flows=tuple(CashFlow.from_pb(f) for f in o.cash_flows),
            cash_flow_currency=o.cash_flow_currency,
            price_staleness_days=o.price_staleness_days,
        )


@dataclass(frozen=True, slots=True)
class PositionRow:
    """One position on one date. Cash flows are in position currency; an empty FX rate reads as 1
    (lotus-performance counts a missing rate as 1)."""

    position_id: str
    security_id: str
    valuation_date: date
    position_currency: str
    cash_flow_currency: str
    dimensions: Mapping[str, str]
    position_to_portfolio_fx_rate: Decimal
    portfolio_to_reporting_fx_rate: Decimal
    beginning_market_value_position_currency: Decimal
    ending_market_value_position_currency: Decimal
    beginning_market_value_portfolio_currency: Decimal
    ending_market_value_portfolio_currency: Decimal
    beginning_market_value_reporting_currency: Decimal
    ending_market_value_reporting_currency: Decimal
    valuation_status: str
    quantity: Decimal
    cash_flows: tuple[CashFlow, ...]

    @staticmethod
    def from_pb(r: analytics_service_pb2.PositionTimeseriesRow) -> PositionRow:
        return PositionRow(
            position_id=r.position_id,
            security_id=r.security_id,
            valuation_date=parse_date(r.valuation_date),
            position_currency=r.position_currency,
            cash_flow_currency=r.cash_flow_currency,
            dimensions=MappingProxyType(dict(r.dimensions)),
            position_to_portfolio_fx_rate=parse_decimal_or(r.position_to_portfolio_fx_rate, _ONE),
            portfolio_to_reporting_fx_rate=parse_decimal_or(r.portfolio_to_reporting_fx_rate, _ONE),
            beginning_market_value_position_currency=parse_decimal_or(r.beginning_market_value_position_currency, _ZERO),
            ending_market_value_position_currency=parse_decimal_or(r.ending_market_value_position_currency, _ZERO),
            beginning_market_value_portfolio_currency=parse_decimal_or(r.beginning_market_value_portfolio_currency, _ZERO),
            ending_market_value_portfolio_currency=parse_decimal_or(r.ending_market_value_portfolio_currency, _ZERO),
            beginning_market_value_reporting_currency=parse_decimal_or(r.beginning_market_value_reporting_currency, _ZERO),
            ending_market_value_reporting_currency=parse_decimal_or(r.ending_market_value_reporting_currency, _ZERO),
            valuation_status=r.valuation_status,
            quantity=parse_decimal_or(r.quantity, _ZERO),
            cash_flows=tuple(CashFlow.from_pb(f) for f in r.cash_flows),
        )
