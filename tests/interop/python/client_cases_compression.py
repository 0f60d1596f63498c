"""grpcio client cases about compression and message size limits."""

import grpc

from client_support import (
    CALL_TIMEOUT_S, BoolValue, call_error, check_large_response, check_stream_sizes, common,
    expect, expect_code, large_unary_request, parse, pb, zeros)


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
