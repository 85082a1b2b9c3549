#!/usr/bin/env bash
# Installs a .deb built by scripts/package.sh on this machine (as root), and
# checks it as a shop would meet it:
#   1. with PREVIOUS (an earlier .deb): that version installed makes a demo
#      shop; the new .deb installed over it opens the same shop on its
#      dashboard, its schema brought up to date, with a copy taken first when
#      the schema changed (moto4s-before-upgrade-…) and `moto4s check` clean;
#   2. the installed app started on a new data folder shows the first-start
#      page;
#   3. the menu entry carries the Chinese name and the icon is installed;
#   4. removing the package removes the program and leaves the data.
# The app says which screen painted first (MOTO4S_PAINT_PROBE), under Xvfb.
#   scripts/package-test.sh NEW.deb [PREVIOUS.deb]
set -euo pipefail
new=$(realpath "$1")
previous=${2:+$(realpath "$2")}
work=$(mktemp -d)
display=:96
Xvfb $display -screen 0 1366x900x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null; rm -rf "$work"' EXIT
sleep 1
say() { printf '\033[1;34m[package-test]\033[0m %s\n' "$*"; }
fail() { printf '\033[1;31m[package-test] FAILED:\033[0m %s\n' "$*"; exit 1; }

# the first screen the installed app paints on DATA ("dashboard", "firstStart", …)
first_screen() {
  DISPLAY=$display MOTO4S_PAINT_PROBE=1 timeout 60 /usr/bin/moto4s --data "$1" 2>/dev/null \
    | awk '/^painted /{ print $2; exit }' || true
}

shop="$work/shop/moto4s.db"
if [ -n "$previous" ]; then
  say "installing the previous version: $(basename "$previous")"
  dpkg -i "$previous" >/dev/null
  mkdir -p "$(dirname "$shop")"
  /usr/bin/moto4s demo --data "$shop" >/dev/null
  old_version=$(/usr/bin/moto4s check --data "$shop" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["schemaVersion"])')
  say "its demo shop is at schema version $old_version"
fi

say "installing $(basename "$new")"
dpkg -i "$new" >/dev/null
[ -x /usr/bin/moto4s ] || fail "/usr/bin/moto4s is not installed"
if file /usr/bin/moto4s | grep -q "not stripped"; then fail "the binary is not stripped"; fi

if [ -n "$previous" ]; then
  screen=$(first_screen "$shop")
  [ "$screen" = dashboard ] || fail "the upgraded shop opened on '$screen', not its dashboard"
  new_version=$(/usr/bin/moto4s check --data "$shop" --json | python3 -c 'import json,sys; r=json.load(sys.stdin); print(r["schemaVersion"])')
  if [ "$new_version" != "$old_version" ]; then
    ls "$(dirname "$shop")/backups/" | grep -q "^moto4s-before-upgrade-v$old_version-" \
      || fail "no before-upgrade copy of the version-$old_version file"
  fi
  /usr/bin/moto4s check --data "$shop" >/dev/null || fail "moto4s check reports problems after the upgrade"
  say "upgrade: schema $old_version → $new_version, the shop opens on its dashboard"
fi

screen=$(first_screen "$work/new/moto4s.db")
[ "$screen" = firstStart ] || fail "a new data folder opened on '$screen', not the first-start page"
say "a new data folder opens on the first-start page"

desktop=$(dpkg -L moto4s | grep '\.desktop$' | head -1)
grep -q '^Name=摩托车4S店服务经理台$' "$desktop" || fail "the menu entry's name is not the Chinese one ($desktop)"
icon=$(sed -n 's/^Icon=//p' "$desktop")
dpkg -L moto4s | grep -q "/icons/.*/$icon\.png$" || fail "the icon $icon is not installed"
say "menu entry: $(grep '^Name=' "$desktop"), icon $icon"

dpkg -r moto4s >/dev/null
[ ! -e /usr/bin/moto4s ] || fail "/usr/bin/moto4s is still there after removal"
[ -z "$previous" ] || [ -f "$shop" ] || fail "removing the package removed the shop's data"
say "removed; the shop's data stays"
say "all checks passed"
