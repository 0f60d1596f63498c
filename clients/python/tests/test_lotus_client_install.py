"""`pip install clients/python` as a consumer would: into a fresh venv, offline (Debian's grpcio,
protobuf, setuptools and wheel seen through --system-site-packages), then used from outside the repo."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

PACKAGE_ROOT = Path(__file__).resolve().parent.parent


def test_pip_install_gives_a_working_package_with_fresh_generated_modules(tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    created = subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", str(venv)], capture_output=True, text=True)
    if created.returncode != 0:
        pytest.skip("python3-venv is not installed: " + created.stderr.strip())
    python = venv / "bin" / "python"
    tools = subprocess.run([str(python), "-c", "import setuptools, wheel"], capture_output=True, text=True)
    if tools.returncode != 0:
        pytest.skip("offline build needs python3-pip, python3-setuptools and python3-wheel: " + tools.stderr.strip().splitlines()[-1])

    install = subprocess.run(
        [str(python), "-m", "pip", "install", "-q", "--no-build-isolation", "--no-index", str(PACKAGE_ROOT)],
        capture_output=True, text=True, cwd=tmp_path,
    )
    assert install.returncode == 0, install.stdout + install.stderr

    script = textwrap.dedent(
        """
        import pathlib, sys
        import lotus_client
        from lotus_client import LotusCoreClient, parse_decimal
        from lotus_client._generated.lotus.core.v1 import analytics_service_pb2_grpc
        root = pathlib.Path(lotus_client.__file__).parent
        assert str(root).startswith(sys.prefix), root
        assert (root / "py.typed").is_file()
        assert (root / "_generated/lotus/core/v1/analytics_service_pb2.pyi").is_file()
        assert parse_decimal("1.10") == parse_decimal("1.1")
        LotusCoreClient("127.0.0.1:1").close()
        print((root / "_generated/PROTOS_SHA256").read_text().strip())
        """
    )
    used = subprocess.run([str(python), "-c", script], capture_output=True, text=True, cwd=tmp_path)
    assert used.returncode == 0, used.stderr

    repo_digest = (PACKAGE_ROOT / "src/lotus_client/_generated/PROTOS_SHA256").read_text().strip()
    assert used.stdout.strip() == repo_digest, "the installed modules were generated from other protos"
