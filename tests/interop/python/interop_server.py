#!/usr/bin/python3
"""grpcio interop server: lotus.interop.v1.TestService and BenchmarkService on 127.0.0.1.

Usage: /usr/bin/python3 interop_server.py [--port N] [--host 127.0.0.1] [--max-lifetime-s S]
Prints `LISTENING <port>` on stdout once it accepts calls (port 0 picks a free port).
TestService/UnimplementedCall and UnimplementedService are deliberately not bound.
Stops on SIGTERM/SIGINT, when stdin reaches EOF with --exit-on-stdin-eof, or after
--max-lifetime-s seconds (default 900) so a forgotten server never lingers.
"""

import argparse
import os
import signal
import sys
import threading
import time
from concurrent import futures

import grpc

import interop_common as common

common.ensure_stubs()
from lotus.interop.v1 import interop_pb2 as pb  # noqa: E402


def _zeros(size):
    return pb.Payload(body=bytes(size))


def _echo_metadata(context):
    """Echo Metadata feature: initial key back in headers, trailing -bin key in trailers."""
    initial = []
    for key, value in context.invocation_metadata():
        if key == common.ECHO_INITIAL_KEY:
            initial.append((key, value))
        elif key == common.ECHO_TRAILING_KEY:
            context.set_trailing_metadata([(key, value)])
    if initial:
        context.send_initial_metadata(initial)


def _check_expect_compressed(flag, compressed, context):
    """CompressedRequest feature; returns False after failing the call."""
    if flag.value and not compressed:
        context.abort(grpc.StatusCode.INVALID_ARGUMENT, "expected a compressed request message")
        return False
    return True


def _parse(message_type, raw, context=None):
    try:
        body, compressed = common.unwrap(raw, common.MAX_RECEIVE_BYTES)
    except common.MessageTooLarge as error:
        if context is None:
            raise
        context.abort(grpc.StatusCode.RESOURCE_EXHAUSTED, str(error))
    return message_type.FromString(body), compressed


def empty_call(raw, context):
    _echo_metadata(context)
    _parse(pb.Empty, raw, context)
    return pb.Empty()


def unary_call(raw, context):
    _echo_metadata(context)
    request, compressed = _parse(pb.SimpleRequest, raw, context)
    if request.HasField("expect_compressed"):
        _check_expect_compressed(request.expect_compressed, compressed, context)
    if request.HasField("response_status") and request.response_status.code != 0:
        context.abort(common.status_code_from_int(request.response_status.code),
                      request.response_status.message)
    if request.HasField("response_compressed") and request.response_compressed.value:
        context.set_compression(grpc.Compression.Gzip)
    return pb.SimpleResponse(payload=_zeros(request.response_size))


def _responses(request, context, compression_set):
    for params in request.response_parameters:
        if params.interval_us > 0:
            time.sleep(params.interval_us / 1_000_000)
        wants = params.HasField("compressed") and params.compressed.value
        if wants and not compression_set[0]:
            context.set_compression(grpc.Compression.Gzip)
            compression_set[0] = True
        elif compression_set[0] and not wants:
            context.disable_next_message_compression()
        yield pb.StreamingOutputCallResponse(payload=_zeros(params.size))


def _end_with_status(request, context):
    if request.HasField("response_status") and request.response_status.code != 0:
        context.set_code(common.status_code_from_int(request.response_status.code))
        context.set_details(request.response_status.message)
        return True
    return False


def streaming_output_call(raw, context):
    _echo_metadata(context)
    request, _ = _parse(pb.StreamingOutputCallRequest, raw, context)
    compression_set = [False]
    yield from _responses(request, context, compression_set)
    _end_with_status(request, context)


def streaming_input_call(raw_iterator, context):
    _echo_metadata(context)
    total = 0
    for raw in raw_iterator:
        request, compressed = _parse(pb.StreamingInputCallRequest, raw, context)
        if request.HasField("expect_compressed"):
            if not _check_expect_compressed(request.expect_compressed, compressed, context):
                return None
        total += len(request.payload.body)
    return pb.StreamingInputCallResponse(aggregated_payload_size=total)


def full_duplex_call(raw_iterator, context):
    _echo_metadata(context)
    compression_set = [False]
    for raw in raw_iterator:
        request, _ = _parse(pb.StreamingOutputCallRequest, raw, context)
        yield from _responses(request, context, compression_set)
        if _end_with_status(request, context):
            return


def echo(raw, context):
    request, _ = _parse(pb.BenchmarkMessage, raw, context)
    return request


def stream_messages(raw, context):
    request, _ = _parse(pb.StreamRequest, raw, context)
    body = bytes(request.payload_size)
    for sequence in range(request.count):
        yield pb.BenchmarkMessage(sequence=sequence, payload=body)


def _handlers():
    # Request deserializers are None: handlers receive raw bytes (see RAW_MESSAGE_OPTIONS).
    ser = lambda message: message.SerializeToString()  # noqa: E731
    test = grpc.method_handlers_generic_handler(common.TEST_SERVICE, {
        "EmptyCall": grpc.unary_unary_rpc_method_handler(empty_call, response_serializer=ser),
        "UnaryCall": grpc.unary_unary_rpc_method_handler(unary_call, response_serializer=ser),
        "StreamingOutputCall": grpc.unary_stream_rpc_method_handler(
            streaming_output_call, response_serializer=ser),
        "StreamingInputCall": grpc.stream_unary_rpc_method_handler(
            streaming_input_call, response_serializer=ser),
        "FullDuplexCall": grpc.stream_stream_rpc_method_handler(
            full_duplex_call, response_serializer=ser),
        # UnimplementedCall: intentionally absent.
    })
    bench = grpc.method_handlers_generic_handler(common.BENCHMARK_SERVICE, {
        "Echo": grpc.unary_unary_rpc_method_handler(echo, response_serializer=ser),
        "StreamMessages": grpc.unary_stream_rpc_method_handler(
            stream_messages, response_serializer=ser),
    })
    return [test, bench]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--max-lifetime-s", type=float,
                        default=float(os.environ.get("LOTUS_INTEROP_SERVER_MAX_LIFETIME_S", "900")))
    parser.add_argument("--exit-on-stdin-eof", action="store_true")
    args = parser.parse_args(argv)

    options = common.RAW_MESSAGE_OPTIONS + [
        ("grpc.max_receive_message_length", common.MAX_RECEIVE_BYTES),
    ]
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=64), handlers=_handlers(),
                         options=options)
    port = server.add_insecure_port("%s:%d" % (args.host, args.port))
    if port == 0:
        print("FAILED to bind %s:%d" % (args.host, args.port), file=sys.stderr, flush=True)
        return 1
    server.start()
    print("LISTENING %d" % port, flush=True)

    done = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: done.set())
    if args.exit_on_stdin_eof:
        def watch_stdin():
            while sys.stdin.buffer.read(4096):
                pass
            done.set()
        threading.Thread(target=watch_stdin, daemon=True).start()
    done.wait(args.max_lifetime_s if args.max_lifetime_s > 0 else None)
    server.stop(grace=1).wait(5)
    return 0


if __name__ == "__main__":
    sys.exit(main())
