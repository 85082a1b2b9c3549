#!/usr/bin/env bash
# Runs every check and test: formatting, lints, the UI's type check and
# component tests, the Rust tests (core, CLI) and the end-to-end tests in the
# real app window under Xvfb. Installs what it needs first (scripts/setup.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh

step() { printf '\n\033[1;34m== %s ==\033[0m\n' "$*"; }

step "cargo fmt --check"
cargo fmt --all -- --check

step "UI type check (vue-tsc)"
(cd ui && npm run --silent typecheck)

step "UI component tests (vitest)"
(cd ui && npx vitest run)

step "cargo clippy -D warnings"
cargo clippy --workspace --all-targets --quiet -- -D warnings

step "cargo test (core, CLI, end-to-end in the real window)"
cargo test --workspace
