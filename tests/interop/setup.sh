#!/usr/bin/env bash
# Installs what the interop peers need, when missing, and generates the grpcio stubs.
# Idempotent and silent when everything is present. Exit 0 = peers ready.
#
#   Python peers: Debian's /usr/bin/python3 with python3-grpcio, python3-protobuf, python3-pytest,
#                 plus protoc and grpc_python_plugin (protobuf-compiler, protobuf-compiler-grpc).
#                 Installed with apt-get when running as root; otherwise the command is printed.
#   Node peers:   `npm ci` in tests/interop/node (@grpc/grpc-js, @grpc/proto-loader,
#                 @grpc/reflection, @bufbuild/buf at the versions pinned in package-lock.json).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
python="${LOTUS_INTEROP_PYTHON:-/usr/bin/python3}"
apt_packages=(python3-grpcio python3-protobuf python3-pytest protobuf-compiler protobuf-compiler-grpc)

python_ready() {
  [[ -x "$python" ]] \
    && "$python" -c 'import grpc, google.protobuf, pytest' >/dev/null 2>&1 \
    && command -v protoc >/dev/null 2>&1 \
    && command -v grpc_python_plugin >/dev/null 2>&1
}

if ! python_ready; then
  if [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null 2>&1; then
    echo "interop setup: installing ${apt_packages[*]}" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    apt-get install -y -qq "${apt_packages[@]}" >/dev/null
  else
    echo "interop setup: missing Python peer dependencies; run as root:" >&2
    echo "  apt-get update && apt-get install -y ${apt_packages[*]}" >&2
    exit 1
  fi
  python_ready || { echo "interop setup: $python still cannot import grpc/protobuf/pytest" >&2; exit 1; }
fi

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "interop setup: node (>= 20) and npm are required for the grpc-js peers and buf curl" >&2
  exit 1
fi
node_major="$(node -p 'process.versions.node.split(".")[0]')"
if (( node_major < 20 )); then
  echo "interop setup: node >= 20 required (found $(node --version))" >&2
  exit 1
fi

node_dir="$here/node"
# Same freshness rule as scripts/lib/prereqs.sh (npm_ci): reinstall when the lock changed.
if [[ ! -f "$node_dir/node_modules/.package-lock.json" ]] \
  || ! cmp -s "$node_dir/package-lock.json" "$node_dir/node_modules/.lotus-lock"; then
  (cd "$node_dir" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  cp "$node_dir/package-lock.json" "$node_dir/node_modules/.lotus-lock"
fi
"$node_dir/node_modules/.bin/buf" --version >/dev/null

# Generate lotus/interop/v1/interop_pb2*.py into tests/interop/python/build (gitignored).
(cd "$here/python" && "$python" -c 'import interop_common; interop_common.ensure_stubs()')
