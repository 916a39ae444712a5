#!/usr/bin/env bash
# Wall time of a 6-instance LightGBM matrix (num_threads 1, one stage at a time per task) run as 1, 2 and 3 local
# tasks (`run --shard I/N`, processes started at once) on one folder store, then the gather (a run without --shard).
# Prints the machine load next to the figures: on a shared machine they say what that machine did, nothing more.
#
#   bench/Shard.Bench/shard-bench.sh                 # ROWS=40000 FEATURES=100 ERAS=40 TREES=200 TASKS="1 2 3"
#   ROWS=100000 FEATURES=300 TASKS="1 3" bench/Shard.Bench/shard-bench.sh
#
# Uses the built CLI and plugins (dotnet build first; CONFIGURATION=Release for a Release build).
set -euo pipefail
rows=${ROWS:-40000} features=${FEATURES:-100} eras=${ERAS:-40} trees=${TREES:-200} tasks_list=${TASKS:-"1 2 3"}
root=$(cd "$(dirname "$0")/../.." && pwd)
cli=(dotnet exec "$root/src/Orchestrator/bin/${CONFIGURATION:-Debug}/net10.0/numerai-pipeline.dll")
plugins=(--plugins "$root/artifacts/plugins")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"${cli[@]}" synth --out "$work/data" --rows "$rows" --features "$features" --eras "$eras" --seed 7 >/dev/null 2>&1
data="$work/data/v5.2"
cat >"$work/shard-bench.yaml" <<YAML
name: shard-bench
stages:
  train:
    uses: lightgbm.train
    matrix: { seed: [1, 2, 3, 4, 5, 6] }
    with: { data: "$data/train.parquet", num_threads: 1, seed: "\${matrix.seed}", params: { n_estimators: $trees, num_leaves: 31, learning_rate: 0.05 } }
  predict:
    uses: lightgbm.predict
    matrix: { seed: [1, 2, 3, 4, 5, 6] }
    with: { model: "\${stages.train.outputs.model}", data: "$data/validation.parquet", num_threads: 1 }
  ensemble:
    uses: ensemble
    with: { predictions: "\${stages.predict.outputs.predictions}", data: "$data/validation.parquet" }
YAML

now() { date +%s.%N; }
mean_train() { python3 -c '
import json, sys
d = [s["duration_seconds"] for f in sys.argv[1:] for s in json.load(open(f))["stages"] if s["id"].startswith("train[") and s["outcome"] == "succeeded"]
print(f"{sum(d) / len(d):.1f} ({len(d)} trained)")' "$@"; }

echo "6-instance matrix: $rows rows x $features features, $eras eras, $trees trees, num_threads 1; $(nproc) cores"
echo "load before: $(uptime)"
printf '%-6s %-14s %-12s %-12s %s\n' tasks "tasks wall s" "gather s" "total s" "mean train s per model"
for n in $tasks_list; do
  store="$work/store-$n"
  start=$(now)
  pids=()
  for i in $(seq 1 "$n"); do
    "${cli[@]}" run "$work/shard-bench.yaml" "${plugins[@]}" --workspace "$work/ws-$n-$i" --store "$store" --shard "$i/$n" \
      --max-parallel 1 --shard-poll 00:00:00.500 --json >"$work/task-$n-$i.json" 2>"$work/task-$n-$i.log" &
    pids+=($!)
  done
  for p in "${pids[@]}"; do wait "$p"; done
  tasks_done=$(now)
  "${cli[@]}" run "$work/shard-bench.yaml" "${plugins[@]}" --workspace "$work/gather-$n" --store "$store" --max-parallel 1 --json >"$work/gather-$n.json" 2>"$work/gather-$n.log"
  gathered=$(now)
  printf '%-6s %-14.1f %-12.1f %-12.1f %s\n' "$n" "$(echo "$tasks_done - $start" | bc)" "$(echo "$gathered - $tasks_done" | bc)" "$(echo "$gathered - $start" | bc)" "$(mean_train "$work"/task-"$n"-*.json)"
done
echo "load after: $(uptime)"
