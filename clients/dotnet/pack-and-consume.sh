#!/usr/bin/env bash
# Packs Lotus.Client to a local folder and builds + runs a tiny consumer (samples/ConsumerSmoke) from it,
# OUTSIDE the repository and offline: the only package sources are that folder and the machine's NuGet
# global packages folder (already holding Google.Protobuf from the repository's own restore); packages
# are extracted into a throwaway folder so a stale cached Lotus.Client can never be used.
# Usage: pack-and-consume.sh [--no-build]   (env CONFIGURATION, default Debug)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
configuration=${CONFIGURATION:-Debug}
no_build=()
[ "${1:-}" = "--no-build" ] && no_build=(--no-build)
global=${NUGET_PACKAGES:-$HOME/.nuget/packages}
work=$(mktemp -d /tmp/lotus-client-consume.XXXXXX)
trap 'rm -rf "$work"' EXIT

dotnet pack "$here/Lotus.Client/Lotus.Client.csproj" -c "$configuration" -o "$work/feed" "${no_build[@]}" -nologo -clp:ErrorsOnly
cp -r "$here/samples/ConsumerSmoke" "$work/consumer"
cat > "$work/consumer/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <config><add key="globalPackagesFolder" value="$work/packages" /></config>
  <packageSources>
    <clear />
    <add key="lotus-local" value="$work/feed" />
    <add key="machine-cache" value="$global" />
  </packageSources>
</configuration>
XML
# A consumer outside the repository: no Directory.Build.props/targets or central versions reach it.
export NUGET_PACKAGES="$work/packages"
cd "$work/consumer"
dotnet run -c Release -nologo
