#!/usr/bin/env bash
# Runs every test suite (buf lint, NUnit, Python, Node) against one throwaway PostgreSQL and prints
# "N passed, N failed" over all of them as the last line. Installs what it needs when missing.
set -uo pipefail
source "$(dirname "$0")/lib/prereqs.sh"
cd "$LOTUS_ROOT"

ensure_test_prereqs
bash "$LOTUS_ROOT/tests/interop/setup.sh" || die "interop peer set-up failed (tests/interop/setup.sh)"

results=$(mktemp -d /tmp/lotus-test-results.XXXXXX)
pgdata=$(mktemp -d /tmp/lotus-test-pg.XXXXXX)
chmod 755 "$pgdata" # the server runs as the postgres user when we are root
passed=0
failed=0
server_dll="$LOTUS_ROOT/src/Lotus.Host/bin/Debug/net10.0/lotus-server.dll"

cleanup() {
  pg_stop "$pgdata/data"
  rm -rf "$pgdata"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# tally NAME PASSED FAILED: adds one suite's counts to the totals.
tally() {
  say "== $1: $2 passed, $3 failed"
  passed=$((passed + $2))
  failed=$((failed + $3))
}

# 1. Contracts lint.
if "$LOTUS_ROOT/tests/interop/node/node_modules/.bin/buf" lint; then tally "buf lint" 1 0; else tally "buf lint" 0 1; fi

# 2. Build once; every suite below runs without building.
say "== building"
if ! dotnet build Lotus.Grpc.sln -c Debug -nologo -clp:ErrorsOnly; then
  say "build failed"
  echo "$passed passed, $((failed + 1)) failed"
  exit 1
fi

# 3. One PostgreSQL server for the whole run, started by the product's own embedded launcher.
pg_line=$(dotnet "$server_dll" postgres start --data "$pgdata/data" --port 0 --throwaway | grep '^LOTUS_PG=') \
  || die "could not start the test PostgreSQL (see above)"
export LOTUS_TEST_PG=${pg_line#LOTUS_PG=}
say "== test PostgreSQL: ${LOTUS_TEST_PG%%;Password=*}"

# 4. NUnit: every test project of the solution.
timeout 2400 dotnet test Lotus.Grpc.sln --no-build -c Debug --logger trx --results-directory "$results/nunit" -nologo
counts=$(/usr/bin/python3 "$LOTUS_ROOT/scripts/lib/count_results.py" trx "$results/nunit")
tally "NUnit" ${counts}

# 5. Python suites (Debian's interpreter: it has grpcio).
py_dirs=()
for d in tests/interop/python clients/python/tests; do [ -d "$d" ] && py_dirs+=("$d"); done
if [ ${#py_dirs[@]} -gt 0 ]; then
  timeout 1200 /usr/bin/python3 -m pytest -q -p no:cacheprovider --junitxml="$results/pytest.xml" "${py_dirs[@]}"
  counts=$(/usr/bin/python3 "$LOTUS_ROOT/scripts/lib/count_results.py" junit "$results/pytest.xml")
  tally "Python" ${counts}
fi

# 6. Node suites.
node_tests=$(find tests -path '*/node_modules' -prune -o -name '*.test.mjs' -print | sort)
if [ -n "$node_tests" ]; then
  # shellcheck disable=SC2086
  timeout 1200 node --test --test-reporter=tap $node_tests > "$results/node.tap"
  cat "$results/node.tap" | grep -E '^# (tests|pass|fail)' >&2
  counts=$(/usr/bin/python3 "$LOTUS_ROOT/scripts/lib/count_results.py" tap "$results/node.tap")
  tally "Node" ${counts}
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
