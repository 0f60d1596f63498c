"""Consumer-driven contract test (lotus-performance): ingest the scenario of consumer_scenario.py,
pull its timeseries over gRPC and over REST, and check the consumer's TWR against the hand-worked
values. Needs a running lotus-core: LOTUS_TEST_GRPC=host:port and/or LOTUS_TEST_REST=http://host:port;
each transport is skipped, with that message, when its variable is absent."""

from __future__ import annotations

import os
import time
import uuid
from collections.abc import Iterator

import pytest

import consumer_scenario as scenario
from consumer_sources import GrpcSource, RestSource, Source
import consumer_checks as checks

WAIT_SECONDS = 180


@pytest.fixture(scope="module", params=["grpc", "rest"])
def loaded(request: pytest.FixtureRequest) -> Iterator[tuple[Source, str]]:
    variable = {"grpc": "LOTUS_TEST_GRPC", "rest": "LOTUS_TEST_REST"}[request.param]
    address = os.environ.get(variable)
    if not address:
        pytest.skip(f"{variable} is not set: the consumer contract test over {request.param} needs a running lotus-core "
                    f"({'host:port' if request.param == 'grpc' else 'http://host:port'})")
    source: Source = GrpcSource(address) if request.param == "grpc" else RestSource(address)
    portfolio_id = f"CT-{uuid.uuid4().hex[:10].upper()}"
    job_id = source.ingest(scenario.bundle(portfolio_id))
    _wait(lambda: source.job_status(job_id) == "completed", f"ingestion job {job_id} did not complete")
    _wait(lambda: [o.valuation_date for o in source.observations(portfolio_id, scenario.START, scenario.END)] == scenario.DATES,
          f"portfolio {portfolio_id} did not get one observation per business day")
    yield source, portfolio_id


def _wait(condition, message: str) -> None:  # type: ignore[no-untyped-def]
    give_up = time.monotonic() + WAIT_SECONDS
    while not condition():
        if time.monotonic() > give_up:
            pytest.fail(message + f" within {WAIT_SECONDS}s")
        time.sleep(0.5)


def test_portfolio_values_are_the_hand_worked_ones(loaded: tuple[Source, str]) -> None:
    checks.check_portfolio_values(*loaded)


@pytest.mark.parametrize("basis", ["NET", "GROSS"])
def test_daily_and_linked_twr_match_the_hand_worked_values(loaded: tuple[Source, str], basis: checks.Basis) -> None:
    checks.check_twr(*loaded, basis)


def test_stream_and_pages_give_the_same_observations(loaded: tuple[Source, str]) -> None:
    checks.check_stream_equals_pages(*loaded)


@pytest.mark.parametrize("basis", ["NET", "GROSS"])
def test_position_contributions_sum_to_the_portfolio_return(loaded: tuple[Source, str], basis: checks.Basis) -> None:
    checks.check_contributions(*loaded, basis)
