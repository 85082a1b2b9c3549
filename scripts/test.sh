#!/usr/bin/env bash
# Runs every check and test: formatting, lints, the UI's type check and
# component tests, the Rust tests (core, CLI) and the end-to-end tests in the
# real app window under Xvfb. Installs what it needs first (scripts/setup.sh).
# The last line sums every test run: "total: N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh

step() { printf '\n\033[1;34m== %s ==\033[0m\n' "$*"; }
mkdir -p target
log=target/test-output.log
: > "$log"

step "cargo fmt --check"
cargo fmt --all -- --check

step "UI type check (vue-tsc)"
(cd ui && npm run --silent typecheck)

step "UI component tests (vitest)"
(cd ui && npx vitest run) 2>&1 | tee -a "$log"

step "cargo clippy -D warnings"
cargo clippy --workspace --all-targets --quiet -- -D warnings

step "cargo test (core, CLI, end-to-end in the real window)"
set +e
# --no-fail-fast: one red test binary does not hide the others; the total
# line below counts every failure
cargo test --workspace --lib --bins --tests --no-fail-fast 2>&1 | tee -a "$log"
rc=${PIPESTATUS[0]}
set -e

sed 's/\x1b\[[0-9;]*m//g' "$log" | awk '
  /^test result:/ { for (i = 1; i <= NF; i++) { if ($(i+1) ~ /^passed/) p += $i; if ($(i+1) ~ /^failed/) f += $i } }
  /^ +Tests +[0-9]/ { for (i = 1; i <= NF; i++) { if ($(i+1) == "passed") p += $i; if ($(i+1) == "failed") f += $i } }
  END { printf "total: %d passed, %d failed\n", p, f }'
exit "$rc"
