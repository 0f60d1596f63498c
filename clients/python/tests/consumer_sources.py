"""Where the consumer contract test reads lotus-core from: gRPC (LotusCoreClient) or REST (JSON
transcoding, response_body-unwrapped bodies, paging by page.next_page_token)."""

from __future__ import annotations

import json
import urllib.request
from datetime import date
from typing import Any, Protocol

from google.protobuf import json_format

from lotus_client import LotusCoreClient, PortfolioObservation, PositionRow
from lotus_client._pb import analytics_service_pb2, ingestion_service_pb2


class Source(Protocol):
    name: str

    def ingest(self, request: ingestion_service_pb2.IngestPortfolioBundleRequest) -> str: ...
    def job_status(self, job_id: str) -> str: ...
    def observations(self, portfolio_id: str, start: date, end: date, *, use_stream: bool = True) -> list[PortfolioObservation]: ...
    def position_rows(self, portfolio_id: str, start: date, end: date) -> list[PositionRow]: ...


class GrpcSource:
    name = "grpc"

    def __init__(self, target: str) -> None:
        self.client = LotusCoreClient(target, timeout=60)

    def ingest(self, request: ingestion_service_pb2.IngestPortfolioBundleRequest) -> str:
        return self.client.ingest_portfolio_bundle(request).job_id

    def job_status(self, job_id: str) -> str:
        return self.client.ingestion_job(job_id).status

    def observations(self, portfolio_id: str, start: date, end: date, *, use_stream: bool = True) -> list[PortfolioObservation]:
        return list(self.client.portfolio_timeseries(portfolio_id, start, end, use_stream=use_stream, page_size=2))

    def position_rows(self, portfolio_id: str, start: date, end: date) -> list[PositionRow]:
        return list(self.client.position_timeseries(portfolio_id, start, end, page_size=3))


class RestSource:
    name = "rest"

    def __init__(self, base_url: str) -> None:
        self.base = base_url.rstrip("/")

    def _send(self, method: str, path: str, body: dict[str, Any] | None = None) -> str:
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.base + path, data=data, method=method, headers={"Content-Type": "application/json", "Accept": "application/json"})
        with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310 - test-only, address from the environment
            return response.read().decode()

    def ingest(self, request: ingestion_service_pb2.IngestPortfolioBundleRequest) -> str:
        body = json_format.MessageToDict(request)
        ack = json_format.Parse(self._send("POST", "/ingest/portfolio-bundle", body), ingestion_service_pb2.IngestionAck(), ignore_unknown_fields=True)
        return ack.job_id

    def job_status(self, job_id: str) -> str:
        return json_format.Parse(self._send("GET", f"/ingestion/jobs/{job_id}"), ingestion_service_pb2.IngestionJob(), ignore_unknown_fields=True).status

    def _pages(self, path: str, body: dict[str, Any], page_type: type) -> list[Any]:
        pages, token = [], ""
        while True:
            body["page"] = {"page_size": 2, "page_token": token}
            page = json_format.Parse(self._send("POST", path, body), page_type(), ignore_unknown_fields=True)
            pages.append(page)
            token = page.page.next_page_token
            if not token:
                return pages

    def observations(self, portfolio_id: str, start: date, end: date, *, use_stream: bool = True) -> list[PortfolioObservation]:
        body = {"window": {"start_date": start.isoformat(), "end_date": end.isoformat()}, "frequency": "daily"}
        pages = self._pages(f"/integration/portfolios/{portfolio_id}/analytics/portfolio-timeseries", body, analytics_service_pb2.PortfolioTimeseries)
        return [PortfolioObservation.from_pb(o) for p in pages for o in p.observations]

    def position_rows(self, portfolio_id: str, start: date, end: date) -> list[PositionRow]:
        body = {"window": {"start_date": start.isoformat(), "end_date": end.isoformat()}, "frequency": "daily"}
        pages = self._pages(f"/integration/portfolios/{portfolio_id}/analytics/position-timeseries", body, analytics_service_pb2.PositionTimeseries)
        return [PositionRow.from_pb(r) for p in pages for r in p.rows]
