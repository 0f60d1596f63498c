"""grpcio client cases against the grpcio and grpc-js servers (one test per case per server).

Run: /usr/bin/python3 -m pytest tests/interop/python   (after tests/interop/setup.sh)
"""

import pytest

import interop_common as common
from peer_processes import ServerProcess, run_client, run_client_command

SERVERS = ("grpcio", "grpc-js")

# grpc-js servers never compress responses (its server has no response compression), so against
# it the client's compressed-flag check must report the missing flag: this proves the check is
# real rather than skipping the pair.
CANNOT_EXPRESS = {
    ("grpc-js", "server_compressed_unary"): "flag not set",
    ("grpc-js", "server_compressed_streaming"): "want [True, False]",
}


@pytest.fixture(scope="module", params=SERVERS)
def server(request):
    process = ServerProcess(request.param)
    yield process
    process.stop()


@pytest.mark.parametrize("case", common.CASES)
def test_grpcio_client_case(server, case):
    exit_code, result, output = run_client("grpcio", server.target, case)
    assert result is not None, "grpcio client printed no result line:\n" + output[-3000:]
    assert result["peer"] == "grpcio" and result["case"] == case
    assert (exit_code == 0) == (result["passed"] is True), output[-3000:]
    expected_failure = CANNOT_EXPRESS.get((server.kind, case))
    if expected_failure:
        assert result["passed"] is False, "grpc-js server unexpectedly compressed: %r" % result
        assert expected_failure in result["detail"], result["detail"]
    else:
        assert result["passed"] is True, result["detail"]


def test_client_rejects_unknown_case(server):
    exit_code, result, output = run_client("grpcio", server.target, "no_such_case")
    assert exit_code == 2 and result is None, output


@pytest.mark.parametrize("mode", ("echo", "stream"))
def test_grpcio_bench_client_completes_bounded_run(server, mode):
    exit_code, result, output = run_client_command(
        ["bench_client.py", "--target", server.target, "--mode", mode, "--calls", "40",
         "--concurrency", "2", "--stream-count", "5", "--payload-size", "100"])
    assert result is not None, "bench client printed no result line:\n" + output[-3000:]
    assert exit_code == 0, output[-3000:]
    assert (result["calls"], result["errors"]) == (40, 0), result
    assert result["messages"] == (40 if mode == "echo" else 200), result
