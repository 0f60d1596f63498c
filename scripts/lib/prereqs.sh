# shellcheck shell=bash
# Installs what the project needs when it is missing: Debian packages (as root, or with
# passwordless sudo), npm packages from the lockfile. Otherwise says exactly what to install.

LOTUS_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
export LOTUS_ROOT
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

say() { printf '%s\n' "$*" >&2; }
die() { say "error: $*"; exit 1; }

# Debian's PostgreSQL server binaries (any major version).
pg_bindir() {
  local d
  for d in /usr/lib/postgresql/*/bin; do
    [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ] && { printf '%s\n' "$d"; return 0; }
  done
  return 1
}

# Stops the private cluster in a data directory (only one that our own launcher set up there).
pg_stop() {
  local data=$1 bin
  [ -f "$data/postmaster.pid" ] || return 0
  bin=$(pg_bindir) || return 0
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$bin/pg_ctl" stop -D "$data" -m fast -s >/dev/null 2>&1
  else
    "$bin/pg_ctl" stop -D "$data" -m fast -s >/dev/null 2>&1
  fi
}

# check_pkg PACKAGE COMMAND...: PACKAGE is missing when COMMAND fails.
missing_pkgs=()
check_pkg() {
  local pkg=$1; shift
  "$@" >/dev/null 2>&1 || missing_pkgs+=("$pkg")
}

apt_install() {
  [ $# -gt 0 ] || return 0
  local run=()
  if [ "$(id -u)" -eq 0 ]; then
    run=()
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    run=(sudo -n)
  else
    die "missing: $*. Run: sudo apt-get install -y $*"
  fi
  say "installing: $*"
  "${run[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null \
    || die "apt-get update failed; run: apt-get update && apt-get install -y $*"
  "${run[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null \
    || die "apt-get install failed; run: apt-get install -y $*"
}

require_dotnet() {
  command -v dotnet >/dev/null 2>&1 || die "the .NET SDK 10 is missing: install it (https://dot.net) and put dotnet on PATH"
}

# What the run command needs.
ensure_run_prereqs() {
  require_dotnet
  missing_pkgs=()
  check_pkg postgresql pg_bindir
  apt_install "${missing_pkgs[@]}"
}

# What the test command needs: PostgreSQL, the Python peers and their code generators, Node.
ensure_test_prereqs() {
  require_dotnet
  missing_pkgs=()
  check_pkg postgresql pg_bindir
  check_pkg python3-grpcio /usr/bin/python3 -c 'import grpc'
  check_pkg python3-protobuf /usr/bin/python3 -c 'import google.protobuf'
  check_pkg python3-pytest /usr/bin/python3 -m pytest --version
  check_pkg protobuf-compiler command -v protoc
  check_pkg protobuf-compiler-grpc command -v grpc_python_plugin
  check_pkg python3-venv /usr/bin/python3 -c 'import ensurepip'
  check_pkg python3-setuptools /usr/bin/python3 -c 'import setuptools'
  check_pkg python3-wheel /usr/bin/python3 -c 'import wheel'
  check_pkg nodejs command -v node
  check_pkg npm command -v npm
  apt_install "${missing_pkgs[@]}"
}
