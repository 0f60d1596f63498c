"""LotusCoreClient: typed reads of lotus-core over gRPC (grpcio), with retries and LotusError."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date
from typing import Any, TypeVar

import grpc

from lotus_client._pb import (
    analytics_common_pb2,
    analytics_service_pb2,
    analytics_service_pb2_grpc,
    common_pb2,
    ingestion_service_pb2,
    ingestion_service_pb2_grpc,
)
from lotus_client.decimals import format_date
from lotus_client.errors import LotusError, contract_violation, from_rpc_error
from lotus_client.retry import RetryPolicy
from lotus_client.rows import PortfolioObservation, PositionRow

_Page = TypeVar("_Page")
_Response = TypeVar("_Response")


class LotusCoreClient:
    """Client of lotus-core's AnalyticsInputService (and IngestionService).

    `timeout` (seconds) is the deadline of each call when none is given per call: for a stream it
    bounds the whole stream, for the timeseries readers each page or stream call. `metadata` is sent
    with every call (e.g. [("x-correlation-id", "...")]). Raw stubs: `.analytics`, `.ingestion`.
    """

    def __init__(
        self,
        target: str | None = None,
        *,
        channel: grpc.Channel | None = None,
        timeout: float | None = 30.0,
        retry: RetryPolicy | None = None,
        metadata: Sequence[tuple[str, str]] = (),
    ) -> None:
        if channel is None:
            if target is None:
                raise ValueError("give a target ('host:port') or a channel")
            channel = grpc.insecure_channel(target)
            self._owned: grpc.Channel | None = channel
        else:
            self._owned = None
        self._timeout = timeout
        self._retry = retry or RetryPolicy()
        self._metadata = tuple(metadata)
        self.analytics = analytics_service_pb2_grpc.AnalyticsInputServiceStub(channel)
        self.ingestion = ingestion_service_pb2_grpc.IngestionServiceStub(channel)

    def close(self) -> None:
        if self._owned is not None:
            self._owned.close()

    def __enter__(self) -> LotusCoreClient:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    # ---- timeseries ------------------------------------------------------------------------------

    def portfolio_timeseries(
        self,
        portfolio_id: str,
        start: date | str,
        end: date | str,
        *,
        as_of: date | str | None = None,
        reporting_currency: str | None = None,
        use_stream: bool = True,
        page_size: int = 0,
        frequency: str = "daily",
        consumer_system: str | None = None,
        tenant_id: str | None = None,
        missing_observation_policy: str | None = None,
        timeout: float | None = None,
    ) -> Iterator[PortfolioObservation]:
        """Every observation of [start, end] (inclusive), by stream (default) or by pages."""
        for page in self.portfolio_timeseries_pages(
            portfolio_id, start, end, as_of=as_of, reporting_currency=reporting_currency, use_stream=use_stream,
            page_size=page_size, frequency=frequency, consumer_system=consumer_system, tenant_id=tenant_id,
            missing_observation_policy=missing_observation_policy, timeout=timeout,
        ):
            for observation in page.observations:
                yield PortfolioObservation.from_pb(observation)

    def portfolio_timeseries_pages(
        self,
        portfolio_id: str,
        start: date | str,
        end: date | str,
        *,
        as_of: date | str | None = None,
        reporting_currency: str | None = None,
        use_stream: bool = True,
        page_size: int = 0,
        frequency: str = "daily",
        consumer_system: str | None = None,
        tenant_id: str | None = None,
        missing_observation_policy: str | None = None,
        timeout: float | None = None,
    ) -> Iterator[analytics_service_pb2.PortfolioTimeseries]:
        """Every page (with its lineage, diagnostics and paging facts) of the portfolio timeseries."""
        fields = _window_fields(portfolio_id, start, end, as_of, reporting_currency, frequency, consumer_system, tenant_id, missing_observation_policy)
        if use_stream:
            return self._stream_pages(self.analytics.StreamPortfolioTimeseries, analytics_service_pb2.StreamPortfolioTimeseriesRequest, fields, page_size, "portfolio_timeseries", timeout)
        return self._unary_pages(self.analytics.GetPortfolioTimeseries, analytics_service_pb2.GetPortfolioTimeseriesRequest, fields, page_size, "portfolio_timeseries", timeout)

    def position_timeseries(
        self,
        portfolio_id: str,
        start: date | str,
        end: date | str,
        *,
        as_of: date | str | None = None,
        reporting_currency: str | None = None,
        use_stream: bool = True,
        page_size: int = 0,
        frequency: str = "daily",
        dimensions: Iterable[str] = (),
        include_cash_flows: bool | None = None,
        security_ids: Iterable[str] = (),
        consumer_system: str | None = None,
        tenant_id: str | None = None,
        missing_observation_policy: str | None = None,
        timeout: float | None = None,
    ) -> Iterator[PositionRow]:
        """Every position row of [start, end] (inclusive), by stream (default) or by pages."""
        fields = _window_fields(portfolio_id, start, end, as_of, reporting_currency, frequency, consumer_system, tenant_id, missing_observation_policy)
        fields["dimensions"] = list(dimensions)
        if include_cash_flows is not None:
            fields["include_cash_flows"] = include_cash_flows
        ids = list(security_ids)
        if ids:
            fields["filters"] = analytics_common_pb2.PositionFilters(security_ids=ids)
        if use_stream:
            pages = self._stream_pages(self.analytics.StreamPositionTimeseries, analytics_service_pb2.StreamPositionTimeseriesRequest, fields, page_size, "position_timeseries", timeout)
        else:
            pages = self._unary_pages(self.analytics.GetPositionTimeseries, analytics_service_pb2.GetPositionTimeseriesRequest, fields, page_size, "position_timeseries", timeout)
        for page in pages:
            for row in page.rows:
                yield PositionRow.from_pb(row)

    # ---- other calls -----------------------------------------------------------------------------

    def analytics_reference(self, portfolio_id: str, *, as_of: date | str | None = None, timeout: float | None = None) -> analytics_service_pb2.AnalyticsReference:
        request = analytics_service_pb2.GetAnalyticsReferenceRequest(portfolio_id=portfolio_id, as_of_date=format_date(as_of) if as_of else "")
        return self._unary(self.analytics.GetAnalyticsReference, request, idempotent=True, timeout=timeout).reference

    def ingest_portfolio_bundle(self, request: ingestion_service_pb2.IngestPortfolioBundleRequest, *, timeout: float | None = None) -> ingestion_service_pb2.IngestionAck:
        """Retried on UNAVAILABLE only when the request carries an idempotency_key."""
        return self._unary(self.ingestion.IngestPortfolioBundle, request, idempotent=bool(request.idempotency_key), timeout=timeout).ack

    def ingestion_job(self, job_id: str, *, timeout: float | None = None) -> ingestion_service_pb2.IngestionJob:
        request = ingestion_service_pb2.GetIngestionJobRequest(job_id=job_id)
        return self._unary(self.ingestion.GetIngestionJob, request, idempotent=True, timeout=timeout).job

    # ---- plumbing --------------------------------------------------------------------------------

    def _unary(self, rpc: Callable[..., _Response], request: Any, *, idempotent: bool, timeout: float | None) -> _Response:
        budget = timeout if timeout is not None else self._timeout
        deadline = None if budget is None else time.monotonic() + budget
        attempt = 1
        while True:
            remaining = None if deadline is None else max(deadline - time.monotonic(), 0.0)
            try:
                return rpc(request, timeout=remaining, metadata=self._metadata)
            except grpc.RpcError as e:
                if idempotent and self._can_retry(e, attempt, deadline):
                    self._retry.sleep(self._retry.backoff_after(attempt))
                    attempt += 1
                    continue
                raise from_rpc_error(e) from e

    def _unary_pages(self, rpc: Callable[..., Any], request_type: type, fields: dict[str, Any], page_size: int, page_field: str, timeout: float | None) -> Iterator[Any]:
        seen: set[str] = set()
        token = ""
        while True:
            request = request_type(page=common_pb2.PageRequest(page_size=page_size, page_token=token), **fields)
            page = _page_of(self._unary(rpc, request, idempotent=True, timeout=timeout), page_field)
            yield page
            token = page.page.next_page_token
            if not token:
                return
            if token in seen:  # lotus-performance aborts on a repeated cursor (consumer doc §1.3)
                raise contract_violation(f"the server repeated page token {token!r}")
            seen.add(token)

    def _stream_pages(self, rpc: Callable[..., Any], request_type: type, fields: dict[str, Any], page_size: int, page_field: str, timeout: float | None) -> Iterator[Any]:
        """One stream; after UNAVAILABLE it resumes from the last received page's next_page_token
        (a stream yields exactly the rows that following every page yields)."""
        token = ""
        attempt = 1
        budget = timeout if timeout is not None else self._timeout
        while True:
            request = request_type(page=common_pb2.PageRequest(page_size=page_size, page_token=token), **fields)
            call = rpc(request, timeout=budget, metadata=self._metadata)
            try:
                for response in call:
                    page = _page_of(response, page_field)
                    yield page
                    token = page.page.next_page_token
                    attempt = 1
                    if not token:
                        return
                return
            except grpc.RpcError as e:
                if self._can_retry(e, attempt, None):
                    self._retry.sleep(self._retry.backoff_after(attempt))
                    attempt += 1
                    continue
                raise from_rpc_error(e) from e
            finally:
                call.cancel()

    def _can_retry(self, error: grpc.RpcError, attempt: int, deadline: float | None) -> bool:
        code = error.code() if hasattr(error, "code") else None  # type: ignore[attr-defined]
        if code != grpc.StatusCode.UNAVAILABLE or attempt >= self._retry.max_attempts:
            return False
        return deadline is None or time.monotonic() + self._retry.backoff_after(attempt) < deadline


def _window_fields(
    portfolio_id: str,
    start: date | str,
    end: date | str,
    as_of: date | str | None,
    reporting_currency: str | None,
    frequency: str,
    consumer_system: str | None,
    tenant_id: str | None,
    missing_observation_policy: str | None,
) -> dict[str, Any]:
    if not portfolio_id:
        raise ValueError("portfolio_id is required")
    return {
        "portfolio_id": portfolio_id,
        "as_of_date": format_date(as_of) if as_of else "",
        "window": common_pb2.DateWindow(start_date=format_date(start), end_date=format_date(end)),
        "reporting_currency": reporting_currency or "",
        "frequency": frequency,
        "consumer_system": consumer_system or "",
        "tenant_id": tenant_id or "",
        "missing_observation_policy": missing_observation_policy or "",
    }


def _page_of(response: Any, field: str) -> Any:
    if not response.HasField(field):
        raise contract_violation(f"a response without its page ({field} unset)")
    return getattr(response, field)


__all__ = ["LotusCoreClient", "LotusError"]
