#!/usr/bin/env bash
# Writes a PNG of each main screen of the real window (demo shop, under Xvfb)
# to docs/screenshots/.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
cargo test -p moto4s --test screenshots -- --ignored --nocapture
# the monthly summary PDF as the app writes it, first page as a PNG, on the
# same day as the screenshots (tests/screenshots.rs, SHOT_DAY)
export MOTO4S_TODAY=2026-11-27
tmp=$(mktemp -d)
target/debug/moto4s demo --data "$tmp/shop.db" >/dev/null
target/debug/moto4s report --data "$tmp/shop.db" --month 2026-11 --pdf "$tmp/summary.pdf" >/dev/null
pdftoppm -png -r 110 -singlefile "$tmp/summary.pdf" docs/screenshots/40-summary-pdf
rm -rf "$tmp"
echo "docs/screenshots/40-summary-pdf.png written"
