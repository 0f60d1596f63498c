"""The generated modules this package uses, imported in one place with a clear error when absent."""

from __future__ import annotations

try:
    from lotus_client._generated.google.rpc import error_details_pb2, status_pb2
    from lotus_client._generated.lotus.core.v1 import (
        analytics_common_pb2,
        analytics_service_pb2,
        analytics_service_pb2_grpc,
        common_pb2,
        ingestion_service_pb2,
        ingestion_service_pb2_grpc,
        reference_data_pb2,
        transaction_pb2,
    )
except ImportError as e:  # pragma: no cover - exercised only on a broken install
    raise ImportError(
        "lotus_client's generated protobuf modules are missing: run clients/python/generate.sh "
        "(needs protoc and grpc_python_plugin) or reinstall with `pip install clients/python`"
    ) from e

__all__ = [
    "analytics_common_pb2",
    "analytics_service_pb2",
    "analytics_service_pb2_grpc",
    "common_pb2",
    "error_details_pb2",
    "ingestion_service_pb2",
    "ingestion_service_pb2_grpc",
    "reference_data_pb2",
    "status_pb2",
    "transaction_pb2",
]
