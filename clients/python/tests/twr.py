"""lotus-performance's TWR math (consumer doc §2, §3.1, §3.2, §3.6), as a test oracle.

Notation for one day: B = beginning market value, E = ending market value, F_b / F_e = sums of BOD /
EOD flows, Fee = sum of fee flows (<= 0). Flow roles follow the newer consumer's taxonomy (§2): fee
types go to Fee, external / internal / untyped flows to F_b or F_e by timing, income and anything
unknown are ignored; a flow whose timing is neither "bod" nor "eod" is dropped.
  r_t = (E - F_b - B - F_e [+ Fee when NET]) / |B + F_b|      (0 when the denominator is 0)
  linked = prod(1 + r_t) - 1   (long-only: no sign flips or resets, so the two-leg linking of §3.2
                                reduces to this)
  contribution (BOD weights, Carino as in the newer engine/contribution_smoothing.py):
  w_i,t = (B_i + F_b,i) / (B_p + F_b,p), c_i,t = w_i,t * r_i,t,
  k_t = ln(1+R_t)/R_t (1 if R_t = 0), K = ln(1+R)/R (1 if R = 0), s_i,t = c_i,t * k_t / K.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Literal

Basis = Literal["NET", "GROSS"]
ZERO = Decimal(0)
ONE = Decimal(1)

_FEE = {"fee", "advisory_fee", "custody_fee", "management_fee", "platform_fee"}
_EXTERNAL = {"external_flow", "transfer", "capital_call", "contribution", "deposit", "redemption",
             "subscription", "transfer_in", "transfer_out", "withdrawal"}
_INTERNAL = {"internal_trade_flow"}


def flow_role(cash_flow_type: str) -> str:
    t = cash_flow_type.strip().lower()
    if not t:
        return "missing"
    if t in _FEE:
        return "fee"
    if t in _EXTERNAL:
        return "external"
    if t in _INTERNAL:
        return "internal"
    return "unsupported"


@dataclass(frozen=True)
class Day:
    valuation_date: date
    begin: Decimal
    end: Decimal
    bod_flow: Decimal = ZERO
    eod_flow: Decimal = ZERO
    fee: Decimal = ZERO


def day_of(valuation_date: date, begin: Decimal, end: Decimal, flows: Iterable[tuple[Decimal, str, str]], fx: Decimal = ONE) -> Day:
    """A day from values and (amount, timing, cash_flow_type) flows; flows are multiplied by `fx`
    (position flows come in position currency, consumer doc §1.4)."""
    bod = eod = fee = ZERO
    for amount, timing, cash_flow_type in flows:
        timing = timing.strip().lower()
        if timing not in ("bod", "eod"):
            continue
        role = flow_role(cash_flow_type)
        value = amount * fx
        if role == "fee":
            fee += value
        elif role in ("external", "internal", "missing"):
            if timing == "bod":
                bod += value
            else:
                eod += value
    return Day(valuation_date, begin, end, bod, eod, fee)


def daily_return(day: Day, basis: Basis = "NET") -> Decimal:
    numerator = day.end - day.bod_flow - day.begin - day.eod_flow + (day.fee if basis == "NET" else ZERO)
    denominator = abs(day.begin + day.bod_flow)
    return ZERO if denominator == 0 else numerator / denominator


def linked_return(returns: Iterable[Decimal]) -> Decimal:
    growth = ONE
    for r in returns:
        growth *= ONE + r
    return growth - ONE


def _carino(r: Decimal) -> Decimal:
    return ONE if r == 0 else (ONE + r).ln() / r


def contributions(portfolio: Sequence[Day], positions: Mapping[str, Sequence[Day]], basis: Basis = "NET") -> dict[str, Decimal]:
    """Carino-smoothed contribution of each position over the days of `portfolio`."""
    portfolio_returns = [daily_return(d, basis) for d in portfolio]
    k_total = _carino(linked_return(portfolio_returns))
    by_date = {key: {d.valuation_date: d for d in days} for key, days in positions.items()}
    result = {key: ZERO for key in positions}
    for p_day, r_p in zip(portfolio, portfolio_returns):
        capital = p_day.begin + p_day.bod_flow
        if capital == 0:
            continue
        k_t = _carino(r_p)
        for key, days in by_date.items():
            day = days.get(p_day.valuation_date)
            if day is None:
                continue
            weight = (day.begin + day.bod_flow) / capital
            result[key] += weight * daily_return(day, basis) * k_t / k_total
    return result
