#!/usr/bin/python3
"""grpcio BenchmarkService load client: bounded Echo or StreamMessages runs, one JSON line.

Usage: /usr/bin/python3 bench_client.py --target 127.0.0.1:PORT [--mode echo|stream]
           [--calls N] [--concurrency C] [--payload-size B] [--stream-count M] [--max-seconds S]
Prints {"peer":"grpcio","mode":...,"calls":...,"errors":...,"messages":...,"seconds":...,
"calls_per_s":...,"messages_per_s":...,"p50_us":...,"p99_us":...}; exits 0 if no call failed.
Numbers are for printing ratios (e.g. our server vs the grpcio server), never for asserting.
"""

import argparse
import json
import sys
import threading
import time
from concurrent import futures

import grpc

import interop_common as common

common.ensure_stubs()
from lotus.interop.v1 import interop_pb2 as pb  # noqa: E402


def percentile(sorted_values, fraction):
    if not sorted_values:
        return 0
    index = min(len(sorted_values) - 1, int(round(fraction * (len(sorted_values) - 1))))
    return sorted_values[index]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--target", required=True)
    parser.add_argument("--mode", choices=("echo", "stream"), default="echo")
    parser.add_argument("--calls", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--payload-size", type=int, default=100)
    parser.add_argument("--stream-count", type=int, default=100)
    parser.add_argument("--max-seconds", type=float, default=60)
    args = parser.parse_args(argv)

    channel = grpc.insecure_channel(args.target)
    grpc.channel_ready_future(channel).result(timeout=30)
    ser = lambda message: message.SerializeToString()  # noqa: E731
    path = "/" + common.BENCHMARK_SERVICE + "/"
    echo = channel.unary_unary(path + "Echo", request_serializer=ser,
                               response_deserializer=pb.BenchmarkMessage.FromString)
    stream = channel.unary_stream(path + "StreamMessages", request_serializer=ser,
                                  response_deserializer=pb.BenchmarkMessage.FromString)
    payload = bytes(args.payload_size)
    deadline = time.monotonic() + args.max_seconds
    lock = threading.Lock()
    latencies_us, counts = [], {"calls": 0, "errors": 0, "messages": 0}

    def one_call(sequence):
        started = time.perf_counter()
        try:
            if args.mode == "echo":
                reply = echo(pb.BenchmarkMessage(sequence=sequence, payload=payload), timeout=30)
                received = 1 if reply.sequence == sequence and len(reply.payload) == len(payload) else 0
                ok = received == 1
            else:
                replies = list(stream(pb.StreamRequest(count=args.stream_count,
                                                       payload_size=args.payload_size), timeout=30))
                received = len(replies)
                ok = received == args.stream_count
        except grpc.RpcError:
            received, ok = 0, False
        elapsed_us = int((time.perf_counter() - started) * 1_000_000)
        with lock:
            counts["calls"] += 1
            counts["messages"] += received
            counts["errors"] += 0 if ok else 1
            latencies_us.append(elapsed_us)

    def worker(worker_index):
        for sequence in range(worker_index, args.calls, args.concurrency):
            if time.monotonic() > deadline:
                return
            one_call(sequence)

    started = time.perf_counter()
    with futures.ThreadPoolExecutor(max_workers=args.concurrency) as pool:
        list(pool.map(worker, range(args.concurrency)))
    seconds = time.perf_counter() - started
    channel.close()

    latencies_us.sort()
    result = {
        "peer": "grpcio", "mode": args.mode, "target": args.target,
        "concurrency": args.concurrency, "payload_size": args.payload_size,
        "calls": counts["calls"], "errors": counts["errors"], "messages": counts["messages"],
        "seconds": round(seconds, 3),
        "calls_per_s": round(counts["calls"] / seconds, 1) if seconds > 0 else 0,
        "messages_per_s": round(counts["messages"] / seconds, 1) if seconds > 0 else 0,
        "p50_us": percentile(latencies_us, 0.50), "p99_us": percentile(latencies_us, 0.99),
    }
    print(json.dumps(result), flush=True)
    return 0 if counts["errors"] == 0 and counts["calls"] > 0 else 1


if __name__ == "__main__":
    sys.exit(main())
