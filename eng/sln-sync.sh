#!/usr/bin/env bash
# Adds every project of the repository to NumeraiPipeline.sln (used after merging branches that added projects).
set -euo pipefail
cd "$(dirname "$0")/.."
git ls-files -co --exclude-standard '*.csproj' | grep -vE '^(artifacts|bin|obj)/' | while read -r p; do
  grep -q "$(basename "$p")" NumeraiPipeline.sln || dotnet sln NumeraiPipeline.sln add "$p" >/dev/null
done
