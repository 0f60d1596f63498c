"""The consumer contract checks run against a fake lotus-core that serves the hand-worked reference
timeseries of the scenario: proves the checks pass on correct data and fail on wrong data, before
a real server exists."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

import consumer_checks as checks
import consumer_scenario as scenario
from consumer_sources import GrpcSource
from lotus_fake_server import FakeServer

PORTFOLIO = "CT-ORACLE"


@pytest.fixture()
def served() -> Iterator[tuple[FakeServer, GrpcSource]]:
    with FakeServer() as server:
        server.fake.portfolio = [scenario.reference_portfolio_page(PORTFOLIO)]
        server.fake.positions = [scenario.reference_position_page(PORTFOLIO)]
        yield server, GrpcSource(server.target)


def test_scenario_bundle_is_what_gets_ingested(served: tuple[FakeServer, GrpcSource]) -> None:
    server, source = served
    job = source.ingest(scenario.bundle(PORTFOLIO))
    sent = server.fake.requests["IngestPortfolioBundle"][0]
    assert source.job_status(job) == "completed"
    assert [t.transaction_type for t in sent.transactions] == ["DEPOSIT", "BUY", "TRANSFER_IN", "FEE", "DIVIDEND", "SELL"]
    assert {p.currency for p in sent.market_prices} == {"USD", "EUR"}
    assert sent.idempotency_key


@pytest.mark.parametrize("basis", ["NET", "GROSS"])
def test_checks_pass_on_the_reference_data(served: tuple[FakeServer, GrpcSource], basis: checks.Basis) -> None:
    _, source = served
    checks.check_portfolio_values(source, PORTFOLIO)
    checks.check_twr(source, PORTFOLIO, basis)
    checks.check_stream_equals_pages(source, PORTFOLIO)
    checks.check_contributions(source, PORTFOLIO, basis)


def test_twr_check_fails_when_the_fee_is_not_reported(served: tuple[FakeServer, GrpcSource]) -> None:
    server, source = served
    del server.fake.portfolio[0].observations[2].cash_flows[:]
    with pytest.raises(AssertionError):
        checks.check_twr(source, PORTFOLIO, "NET")


def test_twr_check_fails_when_a_value_is_off_by_a_cent(served: tuple[FakeServer, GrpcSource]) -> None:
    server, source = served
    server.fake.portfolio[0].observations[4].ending_market_value = "125200.01"
    with pytest.raises(AssertionError):
        checks.check_twr(source, PORTFOLIO, "GROSS")


def test_contribution_check_fails_when_a_position_day_is_missing(served: tuple[FakeServer, GrpcSource]) -> None:
    server, source = served
    rows = [r for r in server.fake.positions[0].rows if (r.security_id, r.valuation_date) != ("EU_EQ", "2026-01-09")]
    del server.fake.positions[0].rows[:]
    server.fake.positions[0].rows.extend(rows)
    with pytest.raises(AssertionError):
        checks.check_contributions(source, PORTFOLIO, "NET")
