#!/usr/bin/env bash
# Starts Lotus Core gRPC on its embedded defaults: a private PostgreSQL under .lotus/ (127.0.0.1),
# migrations, demo data, the gRPC and REST endpoints. Ctrl-C stops the server and PostgreSQL.
# Options are passed to the server, e.g. --grpc-port 50051 --rest-port 8080 --pg-port 55432,
# or --database "Host=...;Username=...;Password=...;Database=..." to use an external PostgreSQL.
set -euo pipefail
source "$(dirname "$0")/lib/prereqs.sh"
cd "$LOTUS_ROOT"

external=false
for arg in "$@"; do [ "$arg" = "--database" ] && external=true; done
if $external; then require_dotnet; else ensure_run_prereqs; fi

say "building the server (Release)"
dotnet build src/Lotus.Host/Lotus.Host.csproj -c Release -nologo -clp:ErrorsOnly -v:quiet >&2

exec dotnet "$LOTUS_ROOT/src/Lotus.Host/bin/Release/net10.0/lotus-server.dll" serve --embedded-data "$LOTUS_ROOT/.lotus" "$@"
