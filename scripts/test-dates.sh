#!/usr/bin/env bash
# Runs every Rust test (core, CLI, end-to-end in the real window) with the
# machine's clock faked by libfaketime (Debian's `faketime`) to the dates on
# which a date-dependent suite breaks: the first of a month in the morning,
# the last of a month late in the evening, a leap day and the last minute of
# a year. Every process of the run — the tests, the app, WebKit,
# tauri-driver — sees the faked clock; it starts at the given moment and
# runs on from there ('@'), so the late ones cross midnight during the run.
#
#   scripts/test-dates.sh                          the four dates below
#   scripts/test-dates.sh '2027-01-31 23:50:00'    one date of your own
#
# Not part of CI (CI runs on the real date); run it after changing anything
# that reads "today". The last line sums every date's tests.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
if ! command -v faketime >/dev/null; then
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends faketime >/dev/null
fi

dates=("$@")
if [ ${#dates[@]} -eq 0 ]; then
  dates=('2027-03-01 08:30:00' '2027-01-31 23:50:00' '2028-02-29 12:00:00' '2026-12-31 23:59:00')
fi

# built once on the real clock, so that no build step sees a faked time
cargo test --workspace --lib --bins --tests --no-run --quiet

mkdir -p target
summary=target/test-dates.log
: > "$summary"
tp=0 tf=0
for d in "${dates[@]}"; do
  printf '\n\033[1;34m== cargo test with the clock at %s ==\033[0m\n' "$d"
  log="target/test-dates-${d//[ :]/_}.log"
  set +e
  faketime -f "@$d" cargo test --workspace --lib --bins --tests --no-fail-fast 2>&1 | tee "$log"
  set -e
  read -r p f < <(sed 's/\x1b\[[0-9;]*m//g' "$log" | awk '
    /^test result:/ { for (i = 1; i <= NF; i++) { if ($(i+1) ~ /^passed/) p += $i; if ($(i+1) ~ /^failed/) f += $i } }
    END { printf "%d %d\n", p, f }')
  echo "$d: $p passed, $f failed" | tee -a "$summary"
  tp=$((tp + p)) tf=$((tf + f))
done
echo
cat "$summary"
echo "total: $tp passed, $tf failed"
[ "$tf" -eq 0 ]
