"""Shared pieces of the grpcio interop peers: stub generation, case names, wire helpers.

Runs under Debian's /usr/bin/python3 (grpcio 1.51, protobuf 4.21). The _pb2 modules are
generated at run time into build/ (gitignored) from tests/protos, never committed.
"""

import os
import shutil
import subprocess
import sys
import tempfile
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
PROTO_ROOT = os.path.normpath(os.path.join(HERE, "..", "..", "protos"))
PROTO_FILE = os.path.join("lotus", "interop", "v1", "interop.proto")
BUILD_DIR = os.environ.get("LOTUS_INTEROP_PY_BUILD") or os.path.join(HERE, "build")

TEST_SERVICE = "lotus.interop.v1.TestService"
UNIMPLEMENTED_SERVICE = "lotus.interop.v1.UnimplementedService"
BENCHMARK_SERVICE = "lotus.interop.v1.BenchmarkService"

# Case names are part of the CLI contract with the C# tests: keep in sync with node/lib/cases.mjs.
CASES = (
    "empty_unary",
    "large_unary",
    "client_streaming",
    "server_streaming",
    "ping_pong",
    "empty_stream",
    "timeout_on_sleeping_server",
    "cancel_after_begin",
    "cancel_after_first_response",
    "custom_metadata",
    "status_code_and_message",
    "special_status_message",
    "unimplemented_method",
    "unimplemented_service",
    "client_compressed_unary",
    "server_compressed_unary",
    "client_compressed_streaming",
    "server_compressed_streaming",
    "max_message_size",
)

ECHO_INITIAL_KEY = "x-grpc-test-echo-initial"
ECHO_TRAILING_KEY = "x-grpc-test-echo-trailing-bin"
MAX_RECEIVE_BYTES = 4 * 1024 * 1024

# Both peers turn off C-core's per-message decompression (channel arg below) so that the
# application sees the bytes as they came off the wire and can tell whether a message was
# compressed (expect_compressed / response_compressed checks). Compressed bodies are recognised
# by their magic: gzip 1f 8b, zlib 78 xx. Neither can start one of our protobuf messages:
# 0x1f would be field 3 with wire type 7 (invalid), 0x78 is field 15 (unused in this proto).
RAW_MESSAGE_OPTIONS = [("grpc.per_message_decompression", 0)]


def ensure_stubs():
    """Generate interop_pb2 / interop_pb2_grpc into BUILD_DIR if missing or stale; import path set."""
    proto_path = os.path.join(PROTO_ROOT, PROTO_FILE)
    target = os.path.join(BUILD_DIR, "lotus", "interop", "v1", "interop_pb2.py")
    if not os.path.exists(target) or os.path.getmtime(target) < os.path.getmtime(proto_path):
        protoc = shutil.which("protoc")
        plugin = shutil.which("grpc_python_plugin")
        if not protoc or not plugin:
            raise RuntimeError(
                "protoc and grpc_python_plugin are required: "
                "apt-get install -y protobuf-compiler protobuf-compiler-grpc")
        os.makedirs(os.path.dirname(BUILD_DIR) or ".", exist_ok=True)
        # Generate into a private directory and swap it in, so concurrent peers never import
        # a half-written module.
        staging = tempfile.mkdtemp(prefix=".gen-", dir=os.path.dirname(BUILD_DIR))
        subprocess.run(
            [protoc, "-I", PROTO_ROOT, "--python_out", staging, "--grpc_python_out", staging,
             "--plugin=protoc-gen-grpc_python=" + plugin, proto_path],
            check=True)
        old = BUILD_DIR + ".old-%d" % os.getpid()
        try:
            if os.path.exists(BUILD_DIR):
                os.replace(BUILD_DIR, old)
            os.replace(staging, BUILD_DIR)
        except OSError:
            # Another peer swapped its own fresh copy in first: use that one.
            if not os.path.exists(target):
                raise
        finally:
            shutil.rmtree(staging, ignore_errors=True)
            shutil.rmtree(old, ignore_errors=True)
    if BUILD_DIR not in sys.path:
        sys.path.insert(0, BUILD_DIR)


class MessageTooLarge(Exception):
    """A compressed message inflated past the receive limit."""


def unwrap(raw, limit=None):
    """Returns (message bytes, compressed?) for a message received with decompression off.

    With `limit`, inflation stops past that many bytes and MessageTooLarge is raised, which is
    the check C-core would have made after its own decompression.
    """
    if len(raw) >= 2 and raw[0] == 0x1F and raw[1] == 0x8B:
        wbits = 16 + zlib.MAX_WBITS
    elif len(raw) >= 2 and raw[0] == 0x78 and (raw[0] * 256 + raw[1]) % 31 == 0:
        wbits = zlib.MAX_WBITS
    else:
        return raw, False
    inflater = zlib.decompressobj(wbits)
    body = inflater.decompress(raw, (limit + 1) if limit else 0)
    if limit and len(body) > limit:
        raise MessageTooLarge("message inflates past %d bytes" % limit)
    return body + inflater.flush(), True


def status_code_from_int(value):
    import grpc

    for code in grpc.StatusCode:
        if code.value[0] == value:
            return code
    return grpc.StatusCode.UNKNOWN
