#!/usr/bin/python3
"""grpcio interop client: runs ONE interop case against a TestService server.

Usage: /usr/bin/python3 interop_client.py --target 127.0.0.1:PORT --case NAME
       /usr/bin/python3 interop_client.py --list-cases
Prints one JSON line {"peer":"grpcio","case":...,"passed":...,"detail":...} and exits 0 only
if the case passed (1: failed, 2: usage error).
"""

import argparse
import json
import sys
import time

import grpc

import client_cases
import client_cases_compression
from client_support import CALL_TIMEOUT_S, CaseFailure, Peer, common

CASE_FUNCTIONS = {}
for module in (client_cases, client_cases_compression):
    CASE_FUNCTIONS.update(
        (name[len("case_"):], function) for name, function in vars(module).items()
        if name.startswith("case_"))
assert sorted(CASE_FUNCTIONS) == sorted(common.CASES), "case list out of sync"


def run_case(target, name):
    channel = grpc.insecure_channel(target, options=common.RAW_MESSAGE_OPTIONS + [
        ("grpc.max_receive_message_length", common.MAX_RECEIVE_BYTES),
        ("grpc.max_send_message_length", -1),
    ])
    try:
        grpc.channel_ready_future(channel).result(timeout=CALL_TIMEOUT_S)
        return CASE_FUNCTIONS[name](Peer(channel))
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
