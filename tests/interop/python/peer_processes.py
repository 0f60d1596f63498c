"""Starting interop servers and running one-case clients as subprocesses (used by test_peers.py).

Mirrors what a C# test does: spawn a server with `--port 0`, wait for `LISTENING <port>`,
run a client per case and read its one JSON result line.
"""

import json
import os
import queue
import shutil
import subprocess
import threading

HERE = os.path.dirname(os.path.abspath(__file__))
NODE_DIR = os.path.normpath(os.path.join(HERE, "..", "node"))
SYSTEM_PYTHON = os.environ.get("LOTUS_INTEROP_PYTHON", "/usr/bin/python3")
NODE = os.environ.get("LOTUS_INTEROP_NODE") or shutil.which("node") or "node"
START_TIMEOUT_S = 30
CASE_TIMEOUT_S = 90


def server_command(kind):
    if kind == "grpcio":
        return [SYSTEM_PYTHON, os.path.join(HERE, "interop_server.py"), "--port", "0",
                "--exit-on-stdin-eof"]
    if kind == "grpc-js":
        if not os.path.isdir(os.path.join(NODE_DIR, "node_modules", "@grpc", "grpc-js")):
            raise RuntimeError("grpc-js is not installed: run tests/interop/setup.sh "
                               "(npm ci in tests/interop/node)")
        return [NODE, os.path.join(NODE_DIR, "interop_server.mjs"), "--port", "0",
                "--exit-on-stdin-eof"]
    raise ValueError(kind)


def client_command(kind, target, case):
    if kind == "grpcio":
        return [SYSTEM_PYTHON, os.path.join(HERE, "interop_client.py"),
                "--target", target, "--case", case]
    if kind == "grpc-js":
        return [NODE, os.path.join(NODE_DIR, "interop_client.mjs"),
                "--target", target, "--case", case]
    raise ValueError(kind)


class ServerProcess:
    """A running peer server; `target` is 127.0.0.1:<port> from its LISTENING line."""

    def __init__(self, kind):
        self.kind = kind
        self.process = subprocess.Popen(
            server_command(kind), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=subprocess.PIPE, text=True)
        lines = queue.Queue()
        threading.Thread(target=self._pump, args=(self.process.stdout, lines), daemon=True).start()
        self.stderr_lines = []
        threading.Thread(target=self._pump, args=(self.process.stderr, self.stderr_lines),
                         daemon=True).start()
        try:
            while True:
                line = lines.get(timeout=START_TIMEOUT_S)
                if line is None:
                    raise RuntimeError("%s server exited before LISTENING: %s" % (
                        kind, "".join(self.stderr_lines)[-2000:]))
                if line.startswith("LISTENING "):
                    self.port = int(line.split()[1])
                    self.target = "127.0.0.1:%d" % self.port
                    break
        except queue.Empty:
            self.stop()
            raise RuntimeError("%s server printed no LISTENING line in %ds" % (kind, START_TIMEOUT_S))

    @staticmethod
    def _pump(stream, sink):
        for line in stream:
            if isinstance(sink, list):
                sink.append(line)
            else:
                sink.put(line)
        if not isinstance(sink, list):
            sink.put(None)

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)
        try:
            self.process.stdin.close()
        except OSError:
            pass


def run_client(kind, target, case):
    """Runs one case; returns (exit code, parsed result line or None, raw output)."""
    return _run_json_line(client_command(kind, target, case))


def run_client_command(arguments):
    """Runs another grpcio CLI of this folder, e.g. ["bench_client.py", "--target", ...]."""
    return _run_json_line([SYSTEM_PYTHON, os.path.join(HERE, arguments[0])] + list(arguments[1:]))


def _run_json_line(command):
    completed = subprocess.run(command, capture_output=True, text=True, timeout=CASE_TIMEOUT_S)
    result = None
    for line in reversed(completed.stdout.splitlines()):
        line = line.strip()
        if line.startswith("{"):
            try:
                result = json.loads(line)
            except ValueError:
                result = None
            break
    return completed.returncode, result, completed.stdout + completed.stderr
