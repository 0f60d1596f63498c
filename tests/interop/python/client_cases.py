"""grpcio client cases without compression (see ../README.md for the case table)."""

import grpc

from client_support import (
    CALL_TIMEOUT_S, ECHO_INITIAL_VALUE, ECHO_TRAILING_VALUE, SPECIAL_MESSAGE, RequestQueue,
    call_error, check_large_response, check_stream_sizes, common, expect, expect_code,
    large_unary_request, parse, pb, zeros)


def case_empty_unary(peer):
    raw = peer.empty_call(pb.Empty(), timeout=CALL_TIMEOUT_S)
    expect(raw == b"", "expected a zero-byte response, got %d bytes" % len(raw))
    return "empty response"


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
