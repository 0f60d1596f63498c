"""Serves the fake lotus-core (grpcio) with the consumer scenario's reference data until stdin closes,
for the .NET client's wire test against a third-party gRPC server (tests/Lotus.Client.Tests/Interop).
Prints "LOTUS_FAKE_PORT=<port>" once listening. Portfolio "MISSING-FX" fails its portfolio timeseries
with FAILED_PRECONDITION and ErrorInfo INSUFFICIENT_DATA. Run clients/python/generate.sh first."""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent / "src")]

import grpc  # noqa: E402

import consumer_scenario as scenario  # noqa: E402
from lotus_fake_server import Failure, FakeLotus, FakeServer, _abort  # noqa: E402


class ScenarioLotus(FakeLotus):
    def GetPortfolioTimeseries(self, request, context):  # noqa: N802
        if request.portfolio_id == "MISSING-FX":
            _abort(context, Failure(grpc.StatusCode.FAILED_PRECONDITION, "Missing FX rate for EUR/USD on 2026-01-07", "INSUFFICIENT_DATA", {"pair": "EUR/USD"}))
        return super().GetPortfolioTimeseries(request, context)


def main() -> None:
    fake = ScenarioLotus()
    fake.portfolio = [scenario.reference_portfolio_page("CT-WIRE")]
    fake.positions = [scenario.reference_position_page("CT-WIRE")]
    with FakeServer(fake) as server:
        print(f"LOTUS_FAKE_PORT={server.port}", flush=True)
        sys.stdin.read()


if __name__ == "__main__":
    main()
