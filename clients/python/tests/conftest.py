"""Regenerates lotus_client/_generated from protos/ (generate.sh) once per test session and puts
src/ and this folder on sys.path, so the tests run with Debian's /usr/bin/python3 without an install."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
PACKAGE_ROOT = HERE.parent


def _generate() -> None:
    result = subprocess.run(["bash", str(PACKAGE_ROOT / "generate.sh")], capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(
            "clients/python/generate.sh failed (needs protoc and grpc_python_plugin: "
            "apt-get install -y protobuf-compiler protobuf-compiler-grpc):\n" + result.stderr
        )


_generate()
for path in (str(PACKAGE_ROOT / "src"), str(HERE)):
    if path not in sys.path:
        sys.path.insert(0, path)
