#!/usr/bin/env bash
# Builds the release .deb for the shop PC (Debian 12 and its kin) with the
# Tauri CLI: the stripped binary (/usr/bin/moto4s), the menu entry
# 摩托车4S店服务经理台 with the app's icon, and the packages it needs
# (WebKitGTK 4.1, fonts-wqy-microhei for the Chinese text). Prints the .deb's
# path. The Tauri CLI rewrites src-tauri/Cargo.toml's `tauri` features while
# it builds; the committed file is put back, so the tree is left as it was.
#   scripts/package.sh
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh >&2
keep=$(mktemp)
cp src-tauri/Cargo.toml "$keep"
trap 'cp "$keep" src-tauri/Cargo.toml; rm -f "$keep"' EXIT
ui/node_modules/.bin/tauri build --bundles deb --ci >&2
ls -t target/release/bundle/deb/*.deb | head -1
