#!/usr/bin/python3
"""grpcio interop client: runs ONE interop case against a TestService server.

Usage: /usr/bin/python3 interop_client.py --target 127.0.0.1:PORT --case NAME
       /usr/bin/python3 interop_client.py --list-cases
Prints one JSON line {"peer":"grpcio","case":...,"passed":...,"detail":...} and exits 0 only
if the case passed (1: failed, 2: usage error).
"""

import argparse
import json
import os
import queue
import sys
import threading
import time

import grpc

import interop_common as common

common.ensure_stubs()
from lotus.interop.v1 import interop_pb2 as pb  # noqa: E402

BoolValue = pb.BoolValue

CALL_TIMEOUT_S = float(os.environ.get("LOTUS_INTEROP_CALL_TIMEOUT_S", "30"))
SPECIAL_MESSAGE = "\t\ntest with whitespace\r\nand Unicode BMP \u263a and non-BMP \U0001F608\t\n"
ECHO_INITIAL_VALUE = "test_initial_metadata_value"
ECHO_TRAILING_VALUE = b"\xab\xab\xab"


class CaseFailure(Exception):
    pass


def expect(condition, message):
    if not condition:
        raise CaseFailure(message)


def zeros(size):
    return pb.Payload(body=bytes(size))


class Peer:
    """Raw-bytes stubs: responses arrive undecompressed so compression flags are observable."""

    def __init__(self, channel):
        self.channel = channel
        ser = lambda message: message.SerializeToString()  # noqa: E731
        path = "/" + common.TEST_SERVICE + "/"
        self.empty_call = channel.unary_unary(path + "EmptyCall", request_serializer=ser)
        self.unary_call = channel.unary_unary(path + "UnaryCall", request_serializer=ser)
        self.streaming_output = channel.unary_stream(
            path + "StreamingOutputCall", request_serializer=ser)
        self.streaming_input = channel.stream_unary(
            path + "StreamingInputCall", request_serializer=ser)
        self.full_duplex = channel.stream_stream(path + "FullDuplexCall", request_serializer=ser)
        self.unimplemented_call = channel.unary_unary(
            path + "UnimplementedCall", request_serializer=ser)
        self.unimplemented_service = channel.unary_unary(
            "/" + common.UNIMPLEMENTED_SERVICE + "/UnimplementedCall", request_serializer=ser)


def parse(message_type, raw):
    body, compressed = common.unwrap(raw)
    return message_type.FromString(body), compressed


class RequestQueue:
    """A request iterator the case feeds one message at a time; close() half-closes."""

    _END = object()

    def __init__(self):
        self._queue = queue.Queue()

    def send(self, message):
        self._queue.put(message)

    def close(self):
        self._queue.put(self._END)

    def __iter__(self):
        return self

    def __next__(self):
        item = self._queue.get()
        if item is self._END:
            raise StopIteration
        return item


def expect_code(error, code, what):
    expect(isinstance(error, grpc.RpcError), "%s: expected %s, got %r" % (what, code.name, error))
    expect(error.code() == code, "%s: expected %s, got %s %r" % (
        what, code.name, error.code().name, error.details()))


def call_error(function):
    try:
        function()
    except grpc.RpcError as error:
        return error
    return None


def case_empty_unary(peer):
    raw = peer.empty_call(pb.Empty(), timeout=CALL_TIMEOUT_S)
    expect(raw == b"", "expected a zero-byte response, got %d bytes" % len(raw))
    return "empty response"


def large_unary_request(**fields):
    return pb.SimpleRequest(response_size=314159, payload=zeros(271828), **fields)


def check_large_response(raw, what):
    response, compressed = parse(pb.SimpleResponse, raw)
    expect(len(response.payload.body) == 314159,
           "%s: response payload is %d bytes, want 314159" % (what, len(response.payload.body)))
    expect(response.payload.body == bytes(314159), "%s: response payload is not zeros" % what)
    return compressed


def case_large_unary(peer):
    check_large_response(peer.unary_call(large_unary_request(), timeout=CALL_TIMEOUT_S), "call")
    return "314159-byte response"


def case_client_streaming(peer):
    sizes = (27182, 8, 1828, 45904)
    requests = [pb.StreamingInputCallRequest(payload=zeros(s)) for s in sizes]
    raw = peer.streaming_input(iter(requests), timeout=CALL_TIMEOUT_S)
    response, _ = parse(pb.StreamingInputCallResponse, raw)
    expect(response.aggregated_payload_size == 74922,
           "aggregated_payload_size %d, want 74922" % response.aggregated_payload_size)
    return "aggregated 74922"


def check_stream_sizes(raws, sizes):
    got = [len(parse(pb.StreamingOutputCallResponse, raw)[0].payload.body) for raw in raws]
    expect(got == list(sizes), "response sizes %s, want %s" % (got, list(sizes)))


def case_server_streaming(peer):
    sizes = (31415, 9, 2653, 58979)
    request = pb.StreamingOutputCallRequest(
        response_parameters=[pb.ResponseParameters(size=s) for s in sizes])
    check_stream_sizes(list(peer.streaming_output(request, timeout=CALL_TIMEOUT_S)), sizes)
    return "sizes 31415, 9, 2653, 58979"


def case_ping_pong(peer):
    pairs = ((31415, 27182), (9, 8), (2653, 1828), (58979, 45904))
    requests = RequestQueue()
    call = peer.full_duplex(requests, timeout=CALL_TIMEOUT_S)
    try:
        for response_size, request_size in pairs:
            requests.send(pb.StreamingOutputCallRequest(
                response_parameters=[pb.ResponseParameters(size=response_size)],
                payload=zeros(request_size)))
            raw = next(call)
            got = len(parse(pb.StreamingOutputCallResponse, raw)[0].payload.body)
            expect(got == response_size, "response of %d bytes, want %d" % (got, response_size))
        requests.close()
        rest = list(call)
        expect(not rest, "%d extra responses after half-close" % len(rest))
    finally:
        requests.close()
    expect(call.code() == grpc.StatusCode.OK, "status %s" % call.code())
    return "4 round trips"


def case_empty_stream(peer):
    responses = list(peer.full_duplex(iter(()), timeout=CALL_TIMEOUT_S))
    expect(not responses, "%d responses, want 0" % len(responses))
    return "zero messages both ways"


def case_timeout_on_sleeping_server(peer):
    requests = RequestQueue()
    requests.send(pb.StreamingOutputCallRequest(payload=zeros(27182)))
    call = peer.full_duplex(requests, timeout=0.001)
    try:
        error = call_error(lambda: list(call))
    finally:
        requests.close()
    expect_code(error, grpc.StatusCode.DEADLINE_EXCEEDED, "call")
    return "DEADLINE_EXCEEDED"


def case_cancel_after_begin(peer):
    requests = RequestQueue()
    future = peer.streaming_input.future(requests, timeout=CALL_TIMEOUT_S)
    try:
        future.cancel()
        expect(future.cancelled(), "call not cancelled")
        expect(future.code() == grpc.StatusCode.CANCELLED, "status %s" % future.code())
    finally:
        requests.close()
    return "CANCELLED"


def case_cancel_after_first_response(peer):
    requests = RequestQueue()
    call = peer.full_duplex(requests, timeout=CALL_TIMEOUT_S)
    try:
        requests.send(pb.StreamingOutputCallRequest(
            response_parameters=[pb.ResponseParameters(size=31415)], payload=zeros(27182)))
        first = next(call)
        got = len(parse(pb.StreamingOutputCallResponse, first)[0].payload.body)
        expect(got == 31415, "first response of %d bytes, want 31415" % got)
        call.cancel()
        error = call_error(lambda: list(call))
    finally:
        requests.close()
    expect_code(error, grpc.StatusCode.CANCELLED, "call")
    return "CANCELLED"


def check_echoed_metadata(call, what):
    initial = [v for k, v in call.initial_metadata() if k == common.ECHO_INITIAL_KEY]
    trailing = [v for k, v in call.trailing_metadata() if k == common.ECHO_TRAILING_KEY]
    expect(initial == [ECHO_INITIAL_VALUE], "%s: initial metadata echo %r" % (what, initial))
    expect(trailing == [ECHO_TRAILING_VALUE], "%s: trailing metadata echo %r" % (what, trailing))


def case_custom_metadata(peer):
    metadata = ((common.ECHO_INITIAL_KEY, ECHO_INITIAL_VALUE),
                (common.ECHO_TRAILING_KEY, ECHO_TRAILING_VALUE))
    raw, call = peer.unary_call.with_call(
        large_unary_request(), metadata=metadata, timeout=CALL_TIMEOUT_S)
    check_large_response(raw, "unary")
    check_echoed_metadata(call, "unary")

    request = pb.StreamingOutputCallRequest(
        response_parameters=[pb.ResponseParameters(size=314159)], payload=zeros(271828))
    stream = peer.full_duplex(iter([request]), metadata=metadata, timeout=CALL_TIMEOUT_S)
    check_stream_sizes(list(stream), (314159,))
    check_echoed_metadata(stream, "full duplex")
    return "echoed in headers and trailers (unary, full duplex)"


def check_echo_status(peer, code, message):
    status = pb.EchoStatus(code=code, message=message)
    error = call_error(lambda: peer.unary_call(
        pb.SimpleRequest(response_status=status), timeout=CALL_TIMEOUT_S))
    expect_code(error, common.status_code_from_int(code), "unary")
    expect(error.details() == message, "unary: message %r, want %r" % (error.details(), message))
    stream = peer.full_duplex(
        iter([pb.StreamingOutputCallRequest(response_status=status)]), timeout=CALL_TIMEOUT_S)
    error = call_error(lambda: list(stream))
    expect_code(error, common.status_code_from_int(code), "full duplex")
    expect(error.details() == message,
           "full duplex: message %r, want %r" % (error.details(), message))


def case_status_code_and_message(peer):
    check_echo_status(peer, 2, "test status message")
    return "UNKNOWN with message (unary, full duplex)"


def case_special_status_message(peer):
    check_echo_status(peer, 2, SPECIAL_MESSAGE)
    return "UNKNOWN with whitespace/Unicode message (unary, full duplex)"


def case_unimplemented_method(peer):
    error = call_error(lambda: peer.unimplemented_call(pb.Empty(), timeout=CALL_TIMEOUT_S))
    expect_code(error, grpc.StatusCode.UNIMPLEMENTED, "call")
    return "UNIMPLEMENTED"


def case_unimplemented_service(peer):
    error = call_error(lambda: peer.unimplemented_service(pb.Empty(), timeout=CALL_TIMEOUT_S))
    expect_code(error, grpc.StatusCode.UNIMPLEMENTED, "call")
    return "UNIMPLEMENTED"


def case_client_compressed_unary(peer):
    probe = call_error(lambda: peer.unary_call(
        large_unary_request(expect_compressed=BoolValue(value=True)), timeout=CALL_TIMEOUT_S))
    expect_code(probe, grpc.StatusCode.INVALID_ARGUMENT, "uncompressed probe")
    raw = peer.unary_call(large_unary_request(expect_compressed=BoolValue(value=True)),
                          compression=grpc.Compression.Gzip, timeout=CALL_TIMEOUT_S)
    check_large_response(raw, "compressed call")
    raw = peer.unary_call(large_unary_request(expect_compressed=BoolValue(value=False)),
                          timeout=CALL_TIMEOUT_S)
    check_large_response(raw, "uncompressed call")
    return "probe INVALID_ARGUMENT; gzip and identity calls OK"


def case_server_compressed_unary(peer):
    raw = peer.unary_call(large_unary_request(response_compressed=BoolValue(value=True)),
                          timeout=CALL_TIMEOUT_S)
    expect(check_large_response(raw, "compressed"), "response_compressed=true: flag not set")
    raw = peer.unary_call(large_unary_request(response_compressed=BoolValue(value=False)),
                          timeout=CALL_TIMEOUT_S)
    expect(not check_large_response(raw, "uncompressed"), "response_compressed=false: flag set")
    return "compressed flag follows response_compressed"


def case_client_compressed_streaming(peer):
    probe = [pb.StreamingInputCallRequest(payload=zeros(27182),
                                          expect_compressed=BoolValue(value=True))]
    error = call_error(lambda: peer.streaming_input(iter(probe), timeout=CALL_TIMEOUT_S))
    expect_code(error, grpc.StatusCode.INVALID_ARGUMENT, "uncompressed probe")
    # grpcio compresses every message of a call: it cannot send the second message
    # uncompressed, so expect_compressed=false (which servers do not check) stands in.
    requests = [
        pb.StreamingInputCallRequest(payload=zeros(27182), expect_compressed=BoolValue(value=True)),
        pb.StreamingInputCallRequest(payload=zeros(45904), expect_compressed=BoolValue(value=False)),
    ]
    raw = peer.streaming_input(iter(requests), compression=grpc.Compression.Gzip,
                               timeout=CALL_TIMEOUT_S)
    response, _ = parse(pb.StreamingInputCallResponse, raw)
    expect(response.aggregated_payload_size == 73086,
           "aggregated_payload_size %d, want 73086" % response.aggregated_payload_size)
    return "probe INVALID_ARGUMENT; gzip stream aggregated 73086 (second message also gzip)"


def case_server_compressed_streaming(peer):
    request = pb.StreamingOutputCallRequest(response_parameters=[
        pb.ResponseParameters(size=31415, compressed=BoolValue(value=True)),
        pb.ResponseParameters(size=92653, compressed=BoolValue(value=False)),
    ])
    raws = list(peer.streaming_output(request, timeout=CALL_TIMEOUT_S))
    check_stream_sizes(raws, (31415, 92653))
    flags = [common.unwrap(raw)[1] for raw in raws]
    expect(flags == [True, False], "compressed flags %s, want [True, False]" % flags)
    return "sizes 31415, 92653; flags compressed, uncompressed"


def case_max_message_size(peer):
    request = pb.SimpleRequest(response_size=1, payload=zeros(common.MAX_RECEIVE_BYTES))
    error = call_error(lambda: peer.unary_call(request, timeout=CALL_TIMEOUT_S))
    expect_code(error, grpc.StatusCode.RESOURCE_EXHAUSTED, "over-limit request")
    # The connection must stay usable after the rejection.
    raw = peer.empty_call(pb.Empty(), timeout=CALL_TIMEOUT_S)
    expect(raw == b"", "follow-up EmptyCall returned %d bytes" % len(raw))
    return "RESOURCE_EXHAUSTED for a %d-byte request" % request.ByteSize()


def run_case(target, name):
    channel = grpc.insecure_channel(target, options=common.RAW_MESSAGE_OPTIONS + [
        ("grpc.max_receive_message_length", common.MAX_RECEIVE_BYTES),
        ("grpc.max_send_message_length", -1),
    ])
    try:
        grpc.channel_ready_future(channel).result(timeout=CALL_TIMEOUT_S)
        return globals()["case_" + name](Peer(channel))
    finally:
        channel.close()


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--target", help="host:port of the server, e.g. 127.0.0.1:50051")
    parser.add_argument("--case", help="case name (see --list-cases)")
    parser.add_argument("--list-cases", action="store_true")
    args = parser.parse_args(argv)
    if args.list_cases:
        print("\n".join(common.CASES))
        return 0
    if not args.target or args.case not in common.CASES:
        parser.print_usage(sys.stderr)
        print("unknown or missing --case/--target; cases: " + ", ".join(common.CASES),
              file=sys.stderr)
        return 2

    started = time.monotonic()
    result = {"peer": "grpcio", "case": args.case, "target": args.target}
    try:
        result.update(passed=True, detail=run_case(args.target, args.case))
    except CaseFailure as failure:
        result.update(passed=False, detail=str(failure))
    except grpc.RpcError as error:
        result.update(passed=False, detail="unexpected RPC error %s: %s" % (
            error.code().name, error.details()))
    except Exception as error:  # any other failure still yields a result line
        result.update(passed=False, detail="%s: %s" % (type(error).__name__, error))
    result["elapsed_ms"] = int((time.monotonic() - started) * 1000)
    print(json.dumps(result, ensure_ascii=True), flush=True)
    return 0 if result["passed"] else 1


if __name__ == "__main__":
    sys.exit(main())
