"""LotusCoreClient against a fake grpcio server: paging, streaming, Decimal fields, retries, errors."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal

import grpc
import pytest

from lotus_client import LotusCoreClient, LotusError, RetryPolicy
from lotus_client._pb import ingestion_service_pb2
from lotus_fake_server import Failure, FakeServer


class RecordingRetry:
    def __init__(self) -> None:
        self.waits: list[float] = []

    def policy(self, **kwargs: float) -> RetryPolicy:
        return RetryPolicy(sleep=self.waits.append, **kwargs)  # type: ignore[arg-type]


@pytest.fixture()
def server() -> Iterator[FakeServer]:
    with FakeServer() as s:
        yield s


@pytest.fixture()
def waits() -> RecordingRetry:
    return RecordingRetry()


@pytest.fixture()
def client(server: FakeServer, waits: RecordingRetry) -> Iterator[LotusCoreClient]:
    with LotusCoreClient(server.target, timeout=10, retry=waits.policy(), metadata=[("x-correlation-id", "c-1")]) as c:
        yield c


def test_pages_follow_every_token_and_yield_every_observation(server: FakeServer, client: LotusCoreClient) -> None:
    rows = list(client.portfolio_timeseries("P1", date(2026, 1, 5), date(2026, 1, 10), use_stream=False, page_size=2, reporting_currency="EUR"))

    assert [r.valuation_date for r in rows] == [date(2026, 1, d) for d in range(5, 11)]
    requests = server.fake.requests["GetPortfolioTimeseries"]
    assert [r.page.page_token for r in requests] == ["", "p1", "p2"]
    assert {(r.window.start_date, r.window.end_date, r.page.page_size, r.reporting_currency, r.frequency) for r in requests} == {("2026-01-05", "2026-01-10", 2, "EUR", "daily")}
    assert server.fake.requests["StreamPortfolioTimeseries"] == []


def test_stream_yields_the_same_rows_as_pages(server: FakeServer, client: LotusCoreClient) -> None:
    streamed = list(client.portfolio_timeseries("P1", "2026-01-05", "2026-01-10"))
    paged = list(client.portfolio_timeseries("P1", "2026-01-05", "2026-01-10", use_stream=False))

    assert len(streamed) == 6
    assert streamed == paged
    assert len(server.fake.requests["StreamPortfolioTimeseries"]) == 1


def test_money_fields_are_decimals_with_their_scale(client: LotusCoreClient) -> None:
    first = next(iter(client.portfolio_timeseries("P1", "2026-01-05", "2026-01-10")))

    assert isinstance(first.beginning_market_value, Decimal)
    assert first.beginning_market_value == Decimal("1000.10")
    assert str(first.ending_market_value) == "1001.2500000000"
    assert first.cash_flows[0].amount == Decimal("-0.50")
    assert first.cash_flows[0].cash_flow_type == "fee"


def test_stream_broken_by_unavailable_resumes_from_the_last_page_token(server: FakeServer, client: LotusCoreClient, waits: RecordingRetry) -> None:
    server.fake.break_stream_before["StreamPortfolioTimeseries"] = 1

    rows = list(client.portfolio_timeseries("P1", "2026-01-05", "2026-01-10"))

    assert [r.valuation_date.day for r in rows] == [5, 6, 7, 8, 9, 10]
    assert [r.page.page_token for r in server.fake.requests["StreamPortfolioTimeseries"]] == ["", "p1"]
    assert waits.waits == [0.2]


def test_stream_broken_by_invalid_argument_is_not_retried(server: FakeServer, client: LotusCoreClient) -> None:
    server.fake.fail("StreamPortfolioTimeseries", Failure(grpc.StatusCode.INVALID_ARGUMENT, "bad window", "INVALID_REQUEST"))

    with pytest.raises(LotusError) as raised:
        list(client.portfolio_timeseries("P1", "2026-01-10", "2026-01-05"))

    assert raised.value.error_class == "INVALID_REQUEST"
    assert len(server.fake.requests["StreamPortfolioTimeseries"]) == 1


def test_read_unavailable_then_ok_is_retried(server: FakeServer, client: LotusCoreClient, waits: RecordingRetry) -> None:
    server.fake.fail("GetAnalyticsReference", Failure(grpc.StatusCode.UNAVAILABLE))

    reference = client.analytics_reference("P1")

    assert reference.portfolio_open_date == "2026-01-05"
    assert len(server.fake.requests["GetAnalyticsReference"]) == 2
    assert waits.waits == [0.2]


def test_read_always_unavailable_stops_after_max_attempts(server: FakeServer, waits: RecordingRetry) -> None:
    for _ in range(5):
        server.fake.fail("GetAnalyticsReference", Failure(grpc.StatusCode.UNAVAILABLE))
    with LotusCoreClient(server.target, retry=waits.policy(max_attempts=4, initial_backoff=0.1, max_backoff=0.3)) as c:
        with pytest.raises(LotusError) as raised:
            c.analytics_reference("P1")

    assert raised.value.is_transient
    assert raised.value.error_class == "SOURCE_UNAVAILABLE"
    assert len(server.fake.requests["GetAnalyticsReference"]) == 4
    assert waits.waits == pytest.approx([0.1, 0.2, 0.3])


@pytest.mark.parametrize("code", [grpc.StatusCode.INVALID_ARGUMENT, grpc.StatusCode.INTERNAL, grpc.StatusCode.RESOURCE_EXHAUSTED])
def test_read_other_status_is_not_retried(server: FakeServer, client: LotusCoreClient, code: grpc.StatusCode) -> None:
    server.fake.fail("GetAnalyticsReference", Failure(code))

    with pytest.raises(LotusError) as raised:
        client.analytics_reference("P1")

    assert raised.value.status_code == code
    assert len(server.fake.requests["GetAnalyticsReference"]) == 1


def test_write_without_idempotency_key_is_not_retried(server: FakeServer, client: LotusCoreClient) -> None:
    server.fake.fail("IngestPortfolioBundle", Failure(grpc.StatusCode.UNAVAILABLE))

    with pytest.raises(LotusError):
        client.ingest_portfolio_bundle(ingestion_service_pb2.IngestPortfolioBundleRequest())

    assert len(server.fake.requests["IngestPortfolioBundle"]) == 1


def test_write_with_idempotency_key_is_retried(server: FakeServer, client: LotusCoreClient) -> None:
    server.fake.fail("IngestPortfolioBundle", Failure(grpc.StatusCode.UNAVAILABLE))

    ack = client.ingest_portfolio_bundle(ingestion_service_pb2.IngestPortfolioBundleRequest(idempotency_key="k-1"))

    assert ack.idempotency_key == "k-1"
    assert [r.idempotency_key for r in server.fake.requests["IngestPortfolioBundle"]] == ["k-1", "k-1"]


def test_error_info_reason_becomes_the_error_class(server: FakeServer, client: LotusCoreClient) -> None:
    server.fake.fail("GetPortfolioTimeseries", Failure(grpc.StatusCode.FAILED_PRECONDITION, "Missing FX rate", "INSUFFICIENT_DATA", {"pair": "EUR/USD"}))

    with pytest.raises(LotusError) as raised:
        list(client.portfolio_timeseries("P1", "2026-01-05", "2026-01-10", use_stream=False))

    e = raised.value
    assert (e.status_code, e.error_class, e.error_class_from_server, e.message) == (grpc.StatusCode.FAILED_PRECONDITION, "INSUFFICIENT_DATA", True, "Missing FX rate")
    assert e.domain == "lotus.core"
    assert e.metadata == {"pair": "EUR/USD"}


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        (grpc.StatusCode.NOT_FOUND, "RESOURCE_NOT_FOUND"),
        (grpc.StatusCode.UNIMPLEMENTED, "UNSUPPORTED_CONFIGURATION"),
        (grpc.StatusCode.INTERNAL, "CONTRACT_VIOLATION_UPSTREAM"),
        (grpc.StatusCode.PERMISSION_DENIED, None),
    ],
)
def test_without_error_info_the_class_comes_from_the_code(server: FakeServer, client: LotusCoreClient, code: grpc.StatusCode, expected: str | None) -> None:
    server.fake.fail("GetAnalyticsReference", Failure(code))

    with pytest.raises(LotusError) as raised:
        client.analytics_reference("P1")

    assert raised.value.error_class == expected
    assert not raised.value.error_class_from_server


@pytest.mark.parametrize("use_stream", [True, False])
def test_position_rows_follow_pages_with_decimals(server: FakeServer, client: LotusCoreClient, use_stream: bool) -> None:
    rows = list(client.position_timeseries("P1", "2026-01-05", "2026-01-05", use_stream=use_stream, dimensions=["asset_class"], include_cash_flows=True, security_ids=["S1", "S2"]))

    assert [r.position_id for r in rows] == ["P1:S1", "P1:S2"]
    assert rows[0].position_to_portfolio_fx_rate == Decimal("1.10")
    assert rows[1].position_to_portfolio_fx_rate == Decimal(1)  # empty rate reads as 1
    assert sum(r.ending_market_value_portfolio_currency for r in rows) == Decimal("161.6")
    method = "StreamPositionTimeseries" if use_stream else "GetPositionTimeseries"
    first = server.fake.requests[method][0]
    assert list(first.dimensions) == ["asset_class"]
    assert first.HasField("include_cash_flows") and first.include_cash_flows
    assert list(first.filters.security_ids) == ["S1", "S2"]


def test_repeated_page_token_is_a_contract_violation(server: FakeServer, client: LotusCoreClient) -> None:
    looping = server.fake.portfolio[1]
    looping.page.next_page_token = "p1"

    with pytest.raises(LotusError) as raised:
        list(client.portfolio_timeseries("P1", "2026-01-05", "2026-01-10", use_stream=False))

    assert raised.value.error_class == "CONTRACT_VIOLATION_UPSTREAM"


def test_every_call_carries_metadata_and_a_deadline(server: FakeServer, waits: RecordingRetry) -> None:
    with LotusCoreClient(server.target, timeout=5, metadata=[("x-correlation-id", "c-9")], retry=waits.policy()) as c:
        c.analytics_reference("P1")
        list(c.portfolio_timeseries("P1", "2026-01-05", "2026-01-10"))
        list(c.portfolio_timeseries("P1", "2026-01-05", "2026-01-10", use_stream=False))

    assert len(server.fake.call_facts) == 5
    assert {correlation for correlation, _ in server.fake.call_facts} == {"c-9"}
    assert all(left is not None and 0 < left <= 5.5 for _, left in server.fake.call_facts), server.fake.call_facts
