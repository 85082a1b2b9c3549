#!/usr/bin/env bash
# First paint and memory of the app beside an empty Tauri window, under Xvfb
# (scripts/startup_bench.py says how it measures). Builds the release app and
# the empty window (src-tauri/examples/empty_window.rs), writes the demo shop
# fresh, and opens a copy of the large benchmark shop (target/bench/large.db,
# made by `cargo bench -p moto4s-core --bench large_shop`, or generated here
# with `moto4s demo --size large` when it is missing — the same shop either
# way, `demo::large::create`: several minutes).
#   scripts/startup-bench.sh [--runs N] [--idle SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
cargo build --release --quiet -p moto4s --bin moto4s --example empty_window
dir=target/startup-bench
mkdir -p "$dir"
rm -rf "$dir"/demo* "$dir"/large* "$dir"/backups
target/release/moto4s demo --data "$dir/demo.db" >/dev/null
if [ ! -f target/bench/large.db ]; then
  echo "generating the large shop (target/bench/large.db)…"
  mkdir -p target/bench
  target/release/moto4s demo --size large --data target/bench/large.db >/dev/null
fi
cp target/bench/large.db "$dir/large.db"
exec python3 scripts/startup_bench.py \
  --empty target/release/examples/empty_window \
  --app target/release/moto4s \
  --shop "demo=$dir/demo.db" --shop "large=$dir/large.db" "$@"
