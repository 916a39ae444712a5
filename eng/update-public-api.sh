#!/usr/bin/env bash
# Adds every public symbol the PublicApiAnalyzers report as untracked (RS0016) to PublicAPI.Unshipped.txt
# of Pipeline.Sdk, so a contract change shows in review as a diff of that file.
set -euo pipefail
cd "$(dirname "$0")/../src/Pipeline.Sdk"
dotnet build -p:TreatWarningsAsErrors=false 2>&1 | grep -oE "RS0016: Symbol '[^']*'" | sed -E "s/RS0016: Symbol '(.*)'/\1/" | sort -u >> PublicAPI.Unshipped.txt || true
{ head -n1 PublicAPI.Unshipped.txt; tail -n +2 PublicAPI.Unshipped.txt | sort -u; } > PublicAPI.tmp && mv PublicAPI.tmp PublicAPI.Unshipped.txt
dotnet build 2>&1 | grep -E "RS00|error" | sort -u || true
