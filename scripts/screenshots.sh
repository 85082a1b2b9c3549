#!/usr/bin/env bash
# Writes a PNG of each main screen of the real window (demo shop, under Xvfb)
# to docs/screenshots/.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
cargo test -p moto4s --test screenshots -- --ignored --nocapture
