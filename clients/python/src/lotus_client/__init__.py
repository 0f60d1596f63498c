"""Typed Python client of lotus-core (gRPC): timeseries rows with decimal.Decimal money fields."""

from lotus_client.client import LotusCoreClient
from lotus_client.decimals import format_decimal, parse_decimal
from lotus_client.errors import LotusError
from lotus_client.retry import NO_RETRY, RetryPolicy
from lotus_client.rows import CashFlow, PortfolioObservation, PositionRow

__all__ = [
    "NO_RETRY",
    "CashFlow",
    "LotusCoreClient",
    "LotusError",
    "PortfolioObservation",
    "PositionRow",
    "RetryPolicy",
    "format_decimal",
    "parse_decimal",
]
__version__ = "0.1.0"
