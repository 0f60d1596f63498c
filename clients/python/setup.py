"""Regenerates lotus_client/_generated from the repository's protos/ before setuptools collects the
package, so `pip install clients/python` always ships modules that match the protos it was built from.
Outside the repository (no ../../protos) an already generated tree is used as is."""

import subprocess
from pathlib import Path

from setuptools import setup

HERE = Path(__file__).resolve().parent
if (HERE.parent.parent / "protos" / "lotus").is_dir():
    subprocess.run(["bash", str(HERE / "generate.sh")], check=True)
elif not (HERE / "src" / "lotus_client" / "_generated" / "__init__.py").is_file():
    raise SystemExit("lotus_client/_generated is missing and protos/ is not reachable: run generate.sh in the repository")

setup()
