"""The consumer contract scenario: one USD portfolio over five business days with a deposit, a buy,
an in-specie transfer of a EUR position, a fee, a dividend and a sell. FX EUR->USD is held at 1.10 so
that BOD continuity does not depend on FX timing (lotus-core semantics §6.3).

Worked by hand (USD; prices are closes; cash CASH_USD):
  2026-01-05  DEPOSIT 100000 (bod, external); BUY 100 US_EQ @ 500 (internal, cash -50000).
              E = cash 50000 + 100*510 = 101000.  B = 0, F_b = 100000.  r = 1000/100000 = 0.01
  2026-01-06  TRANSFER_IN 100 EU_EQ at 200 EUR = 20000 EUR = 22000 USD (bod, transfer).
              E = 50000 + 100*505 + 100*202*1.10 = 122720.  B = 101000.  r = -280/123000
  2026-01-07  FEE 100 (eod, fee).  E = 49900 + 100*515 + 100*205*1.10 = 123950.  B = 122720.
              GROSS r = 1230/122720;  NET r = (1230 - 100)/122720 = 1130/122720
              (EMV is already after the fee, so NET counts it twice: the consumer's "fee hazard",
              consumer doc §2.4, pinned here on purpose.)
  2026-01-08  DIVIDEND 2/share on US_EQ = 200 (income: part of the return, no portfolio flow).
              E = 50100 + 100*512 + 22550 = 123850.  B = 123950.  r = -100/123950
  2026-01-09  SELL 50 US_EQ @ 520 (internal, cash +26000).  E = 76100 + 50*520 + 100*210*1.10 = 125200.
              B = 123850.  r = 1350/123850
  Linked GROSS = 1.01 * 125200/123000 - 1 (the product telescopes);
  linked NET   = 1.01 * 123850 * 125200 / (123000 * 123950) - 1.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

from lotus_client._pb import ingestion_service_pb2, reference_data_pb2, transaction_pb2

DATES = [date(2026, 1, d) for d in range(5, 10)]
START, END = DATES[0], DATES[-1]

EXPECTED_DAILY = {
    "GROSS": [D("0.01"), D(-280) / D(123000), D(1230) / D(122720), D(-100) / D(123950), D(1350) / D(123850)],
    "NET": [D("0.01"), D(-280) / D(123000), D(1130) / D(122720), D(-100) / D(123950), D(1350) / D(123850)],
}
EXPECTED_LINKED = {
    "GROSS": D("1.01") * D(125200) / D(123000) - 1,
    "NET": D("1.01") * D(123850) * D(125200) / (D(123000) * D(123950)) - 1,
}
EXPECTED_VALUES = [  # (B, E) per day
    (D(0), D(101000)), (D(101000), D(122720)), (D(122720), D(123950)), (D(123950), D(123850)), (D(123850), D(125200)),
]

US_PRICES = {5: "510", 6: "505", 7: "515", 8: "512", 9: "520"}
EU_PRICES = {6: "202", 7: "205", 8: "205", 9: "210"}


def bundle(portfolio_id: str) -> ingestion_service_pb2.IngestPortfolioBundleRequest:
    def txn(suffix: str, day: int, kind: str, security: str, quantity: str, price: str, gross: str, currency: str, **extra: str) -> transaction_pb2.Transaction:
        d = f"2026-01-{day:02d}"
        return transaction_pb2.Transaction(
            transaction_id=f"{portfolio_id}-{suffix}", portfolio_id=portfolio_id, instrument_id=security, security_id=security,
            transaction_date=d, settlement_date=d, transaction_type=kind, quantity=quantity, price=price,
            gross_transaction_amount=gross, trade_currency=currency, currency=currency, trade_fee="0", **extra,
        )

    cash_leg = {"settlement_cash_instrument_id": "CASH_USD", "settlement_cash_account_id": "CASH_USD"}
    request = ingestion_service_pb2.IngestPortfolioBundleRequest(
        idempotency_key=f"consumer-contract-{portfolio_id}",
        source_system="consumer-contract-test",
        business_dates=[reference_data_pb2.BusinessDate(business_date=d.isoformat()) for d in DATES],
        portfolios=[reference_data_pb2.Portfolio(portfolio_id=portfolio_id, base_currency="USD", open_date=START.isoformat(), status="ACTIVE")],
        instruments=[
            reference_data_pb2.Instrument(security_id="CASH_USD", name="US dollar cash", currency="USD", product_type="CASH", asset_class="Cash"),
            reference_data_pb2.Instrument(security_id="US_EQ", name="US equity", currency="USD", product_type="EQUITY", asset_class="Equity", sector="Technology", country_of_risk="US"),
            reference_data_pb2.Instrument(security_id="EU_EQ", name="EUR equity", currency="EUR", product_type="EQUITY", asset_class="Equity", sector="Industrials", country_of_risk="DE"),
        ],
        transactions=[
            txn("DEP", 5, "DEPOSIT", "CASH_USD", "100000", "1", "100000", "USD"),
            txn("BUY", 5, "BUY", "US_EQ", "100", "500", "50000", "USD", **cash_leg),
            txn("TIN", 6, "TRANSFER_IN", "EU_EQ", "100", "200", "20000", "EUR"),
            txn("FEE", 7, "FEE", "CASH_USD", "100", "1", "100", "USD"),
            txn("DIV", 8, "DIVIDEND", "US_EQ", "0", "0", "200", "USD", **cash_leg),
            txn("SELL", 9, "SELL", "US_EQ", "50", "520", "26000", "USD", **cash_leg),
        ],
        market_prices=[reference_data_pb2.MarketPrice(security_id="US_EQ", price_date=f"2026-01-{d:02d}", price=p, currency="USD") for d, p in US_PRICES.items()]
        + [reference_data_pb2.MarketPrice(security_id="EU_EQ", price_date=f"2026-01-{d:02d}", price=p, currency="EUR") for d, p in EU_PRICES.items()],
        fx_rates=[reference_data_pb2.FxRate(from_currency="EUR", to_currency="USD", rate_date=d.isoformat(), rate="1.10") for d in DATES],
    )
    return request


def _flow(pb_list, amount: str, timing: str, kind: str, scope: str) -> None:  # type: ignore[no-untyped-def]
    pb_list.add(amount=amount, timing=timing, cash_flow_type=kind, flow_scope=scope)


def reference_portfolio_page(portfolio_id: str):  # type: ignore[no-untyped-def]
    """The portfolio timeseries a correct lotus-core returns for the scenario (one page), as worked
    out above: used to prove the contract checks themselves against a fake server."""
    from lotus_client._pb import analytics_service_pb2

    page = analytics_service_pb2.PortfolioTimeseries(portfolio_id=portfolio_id, portfolio_currency="USD", reporting_currency="USD", portfolio_open_date=START.isoformat())
    for d, (b, e) in zip(DATES, EXPECTED_VALUES):
        o = page.observations.add(valuation_date=d.isoformat(), beginning_market_value=str(b), ending_market_value=str(e), valuation_status="final")
        if d.day == 5:
            _flow(o.cash_flows, "100000", "bod", "external_flow", "external")
        if d.day == 6:
            _flow(o.cash_flows, "22000", "bod", "transfer", "external")
        if d.day == 7:
            _flow(o.cash_flows, "-100", "eod", "fee", "operational")
    return page


def reference_position_page(portfolio_id: str):  # type: ignore[no-untyped-def]
    """Position rows consistent with reference_portfolio_page (position view of flows: a buy is
    money into the bought position, its cash leg money out of cash; income is not a flow)."""
    from lotus_client._pb import analytics_service_pb2

    page = analytics_service_pb2.PositionTimeseries(portfolio_id=portfolio_id, portfolio_currency="USD")
    rows = {
        "US_EQ": ("USD", "1", [(5, "0", "51000", [("50000", "bod", "internal_trade_flow", "internal")]), (6, "51000", "50500", []),
                               (7, "50500", "51500", []), (8, "51500", "51200", [("-200", "eod", "income", "operational")]),
                               (9, "51200", "26000", [("-26000", "eod", "internal_trade_flow", "internal")])]),
        "CASH_USD": ("USD", "1", [(5, "0", "50000", [("100000", "bod", "external_flow", "external"), ("-50000", "bod", "internal_trade_flow", "internal")]),
                                  (6, "50000", "50000", []), (7, "50000", "49900", [("-100", "eod", "fee", "operational")]),
                                  (8, "49900", "50100", [("200", "eod", "income", "operational")]),
                                  (9, "50100", "76100", [("26000", "eod", "internal_trade_flow", "internal")])]),
        "EU_EQ": ("EUR", "1.10", [(6, "0", "22220", [("20000", "bod", "transfer", "external")]), (7, "22220", "22550", []),
                                  (8, "22550", "22550", []), (9, "22550", "23100", [])]),
    }
    for day in range(5, 10):
        for security, (currency, fx, days) in rows.items():
            for d, b, e, flows in days:
                if d != day:
                    continue
                row = page.rows.add(position_id=f"{portfolio_id}:{security}", security_id=security, valuation_date=f"2026-01-{d:02d}",
                                    position_currency=currency, cash_flow_currency=currency, position_to_portfolio_fx_rate=fx,
                                    beginning_market_value_portfolio_currency=b, ending_market_value_portfolio_currency=e)
                for amount, timing, kind, scope in flows:
                    _flow(row.cash_flows, amount, timing, kind, scope)
    return page
