"""A fake lotus-core for the client tests: a real grpcio server on 127.0.0.1 whose
AnalyticsInputService and IngestionService answer from canned pages and scripted failures."""

from __future__ import annotations

from collections import defaultdict, deque
from concurrent import futures
from dataclasses import dataclass
from typing import Any

import grpc
from google.protobuf import any_pb2

from lotus_client._pb import (
    analytics_common_pb2,
    analytics_service_pb2 as a,
    analytics_service_pb2_grpc,
    error_details_pb2,
    ingestion_service_pb2 as i,
    ingestion_service_pb2_grpc,
    status_pb2,
)


@dataclass
class Failure:
    code: grpc.StatusCode
    message: str = "scripted failure"
    reason: str | None = None
    metadata: dict[str, str] | None = None


def portfolio_pages(count: int = 3, rows: int = 2) -> list[a.PortfolioTimeseries]:
    pages = []
    for p in range(count):
        page = a.PortfolioTimeseries(portfolio_id="P1", portfolio_currency="USD")
        page.page.page_size = rows
        page.page.returned_row_count = rows
        page.page.next_page_token = "" if p == count - 1 else f"p{p + 1}"
        for r in range(rows):
            n = p * rows + r
            obs = page.observations.add(
                valuation_date=f"2026-01-{5 + n:02d}",
                beginning_market_value=f"{1000 + n}.10",
                ending_market_value=f"{1001 + n}.2500000000",
                valuation_status="final",
            )
            obs.cash_flows.add(amount="-0.50", timing="eod", cash_flow_type="fee", flow_scope="operational")
        pages.append(page)
    return pages


def position_pages() -> list[a.PositionTimeseries]:
    first = a.PositionTimeseries(portfolio_id="P1")
    first.page.next_page_token = "p1"
    first.rows.add(position_id="P1:S1", security_id="S1", valuation_date="2026-01-05", position_currency="EUR",
                   position_to_portfolio_fx_rate="1.10", beginning_market_value_position_currency="100",
                   ending_market_value_position_currency="101", beginning_market_value_portfolio_currency="110.0",
                   ending_market_value_portfolio_currency="111.1", quantity="10")
    second = a.PositionTimeseries(portfolio_id="P1")
    second.rows.add(position_id="P1:S2", security_id="S2", valuation_date="2026-01-05", position_currency="USD",
                    ending_market_value_portfolio_currency="50.5")
    return [first, second]


class FakeLotus(analytics_service_pb2_grpc.AnalyticsInputServiceServicer, ingestion_service_pb2_grpc.IngestionServiceServicer):
    def __init__(self) -> None:
        self.portfolio = portfolio_pages()
        self.positions = position_pages()
        self.requests: dict[str, list[Any]] = defaultdict(list)
        self.failures: dict[str, deque[Failure]] = defaultdict(deque)
        # Stream name -> page index before which the next stream breaks with UNAVAILABLE (once).
        self.break_stream_before: dict[str, int] = {}
        # Per call: (x-correlation-id sent, seconds left before the deadline or None).
        self.call_facts: list[tuple[str | None, float | None]] = []

    def fail(self, method: str, failure: Failure) -> None:
        self.failures[method].append(failure)

    def _enter(self, method: str, request: Any, context: grpc.ServicerContext) -> None:
        self.requests[method].append(request)
        self.call_facts.append((dict(context.invocation_metadata()).get("x-correlation-id"), context.time_remaining()))
        if self.failures[method]:
            _abort(context, self.failures[method].popleft())

    def _start(self, token: str) -> int:
        return int(token[1:]) if token else 0

    def GetPortfolioTimeseries(self, request, context):  # noqa: N802 - generated name
        self._enter("GetPortfolioTimeseries", request, context)
        return a.GetPortfolioTimeseriesResponse(portfolio_timeseries=self.portfolio[self._start(request.page.page_token)])

    def StreamPortfolioTimeseries(self, request, context):  # noqa: N802
        self._enter("StreamPortfolioTimeseries", request, context)
        for index in range(self._start(request.page.page_token), len(self.portfolio)):
            if self.break_stream_before.get("StreamPortfolioTimeseries") == index:
                del self.break_stream_before["StreamPortfolioTimeseries"]
                _abort(context, Failure(grpc.StatusCode.UNAVAILABLE, "stream broke"))
            yield a.StreamPortfolioTimeseriesResponse(portfolio_timeseries=self.portfolio[index])

    def GetPositionTimeseries(self, request, context):  # noqa: N802
        self._enter("GetPositionTimeseries", request, context)
        return a.GetPositionTimeseriesResponse(position_timeseries=self.positions[self._start(request.page.page_token)])

    def StreamPositionTimeseries(self, request, context):  # noqa: N802
        self._enter("StreamPositionTimeseries", request, context)
        for index in range(self._start(request.page.page_token), len(self.positions)):
            yield a.StreamPositionTimeseriesResponse(position_timeseries=self.positions[index])

    def GetAnalyticsReference(self, request, context):  # noqa: N802
        self._enter("GetAnalyticsReference", request, context)
        return a.GetAnalyticsReferenceResponse(reference=a.AnalyticsReference(portfolio_id=request.portfolio_id, portfolio_open_date="2026-01-05"))

    def IngestPortfolioBundle(self, request, context):  # noqa: N802
        self._enter("IngestPortfolioBundle", request, context)
        return i.IngestPortfolioBundleResponse(ack=i.IngestionAck(job_id="job_1", idempotency_key=request.idempotency_key, accepted_count=1))

    def GetIngestionJob(self, request, context):  # noqa: N802
        self._enter("GetIngestionJob", request, context)
        return i.GetIngestionJobResponse(job=i.IngestionJob(job_id=request.job_id, status="completed"))


def _abort(context: grpc.ServicerContext, failure: Failure) -> None:
    if failure.reason is not None:
        info = error_details_pb2.ErrorInfo(reason=failure.reason, domain="lotus.core", metadata=failure.metadata or {})
        detail = any_pb2.Any()
        detail.Pack(info)
        status = status_pb2.Status(code=failure.code.value[0], message=failure.message, details=[detail])
        context.set_trailing_metadata((("grpc-status-details-bin", status.SerializeToString()),))
    context.abort(failure.code, failure.message)


class FakeServer:
    """Starts FakeLotus on 127.0.0.1:<free port>."""

    def __init__(self, fake: FakeLotus | None = None) -> None:
        self.fake = fake or FakeLotus()
        self.server = grpc.server(futures.ThreadPoolExecutor(max_workers=4))
        analytics_service_pb2_grpc.add_AnalyticsInputServiceServicer_to_server(self.fake, self.server)
        ingestion_service_pb2_grpc.add_IngestionServiceServicer_to_server(self.fake, self.server)
        self.port = self.server.add_insecure_port("127.0.0.1:0")
        self.target = f"127.0.0.1:{self.port}"

    def __enter__(self) -> FakeServer:
        self.server.start()
        return self

    def __exit__(self, *_: object) -> None:
        self.server.stop(grace=None)


__all__ = ["FakeServer", "Failure", "analytics_common_pb2"]
