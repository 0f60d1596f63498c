"""Helpers for the grpcio client cases: raw-bytes stubs, request queues, assertions."""

import os
import queue

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


def large_unary_request(**fields):
    return pb.SimpleRequest(response_size=314159, payload=zeros(271828), **fields)


def check_large_response(raw, what):
    response, compressed = parse(pb.SimpleResponse, raw)
    expect(len(response.payload.body) == 314159,
           "%s: response payload is %d bytes, want 314159" % (what, len(response.payload.body)))
    expect(response.payload.body == bytes(314159), "%s: response payload is not zeros" % what)
    return compressed


def check_stream_sizes(raws, sizes):
    got = [len(parse(pb.StreamingOutputCallResponse, raw)[0].payload.body) for raw in raws]
    expect(got == list(sizes), "response sizes %s, want %s" % (got, list(sizes)))
