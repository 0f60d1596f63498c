"""One exception type for every failed call, carrying the RFC 063 error class."""

from __future__ import annotations

from collections.abc import Mapping

import grpc

from lotus_client._pb import error_details_pb2, status_pb2

_DETAILS_KEY = "grpc-status-details-bin"

# analytics_common.proto's table, read backwards: used when the server sent no ErrorInfo.
_CLASS_BY_CODE: Mapping[grpc.StatusCode, str] = {
    grpc.StatusCode.INVALID_ARGUMENT: "INVALID_REQUEST",
    grpc.StatusCode.NOT_FOUND: "RESOURCE_NOT_FOUND",
    grpc.StatusCode.FAILED_PRECONDITION: "INSUFFICIENT_DATA",
    grpc.StatusCode.UNIMPLEMENTED: "UNSUPPORTED_CONFIGURATION",
    grpc.StatusCode.UNAVAILABLE: "SOURCE_UNAVAILABLE",
    grpc.StatusCode.INTERNAL: "CONTRACT_VIOLATION_UPSTREAM",
}


class LotusError(Exception):
    """A failed call. `error_class` is the ErrorInfo reason when the server sent one (then
    `error_class_from_server` is True), else the class the status code maps to, else None."""

    def __init__(
        self,
        status_code: grpc.StatusCode,
        message: str,
        error_class: str | None,
        *,
        error_class_from_server: bool = False,
        domain: str | None = None,
        metadata: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(f"{status_code.name}: {message}" + (f" [{error_class}]" if error_class else ""))
        self.status_code = status_code
        self.message = message
        self.error_class = error_class
        self.error_class_from_server = error_class_from_server
        self.domain = domain
        self.metadata: Mapping[str, str] = dict(metadata or {})

    @property
    def is_transient(self) -> bool:
        """UNAVAILABLE: the only status this client retries (and only on idempotent calls)."""
        return self.status_code == grpc.StatusCode.UNAVAILABLE


def contract_violation(message: str) -> LotusError:
    return LotusError(grpc.StatusCode.INTERNAL, message, "CONTRACT_VIOLATION_UPSTREAM")


def from_rpc_error(error: grpc.RpcError) -> LotusError:
    """Maps a grpcio error (a grpc.Call) to LotusError."""
    code: grpc.StatusCode = error.code() if hasattr(error, "code") else grpc.StatusCode.UNKNOWN  # type: ignore[attr-defined]
    message: str = (error.details() if hasattr(error, "details") else None) or ""  # type: ignore[attr-defined]
    info = _error_info(error)
    if info is not None and info.reason:
        return LotusError(code, message, info.reason, error_class_from_server=True, domain=info.domain or None, metadata=dict(info.metadata))
    return LotusError(code, message, _CLASS_BY_CODE.get(code))


def _error_info(error: grpc.RpcError) -> error_details_pb2.ErrorInfo | None:
    trailers = error.trailing_metadata() if hasattr(error, "trailing_metadata") else None  # type: ignore[attr-defined]
    for key, value in trailers or ():
        if key != _DETAILS_KEY or not isinstance(value, bytes):
            continue
        status = status_pb2.Status()
        try:
            status.ParseFromString(value)
        except Exception:  # a malformed trailer is not the caller's error; fall back to the code
            return None
        for any_detail in status.details:
            info = error_details_pb2.ErrorInfo()
            if any_detail.Is(info.DESCRIPTOR):
                any_detail.Unpack(info)
                return info
    return None
