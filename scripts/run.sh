#!/usr/bin/env bash
# Builds and starts the app. With no shop data on this PC yet it opens the
# demo shop (示例店铺). Extra arguments go to the app, e.g. --data FILE.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
cargo build -p moto4s --quiet
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "没有图形桌面（DISPLAY 未设置），无法打开窗口。请在桌面环境中运行。" >&2
  exit 1
fi
exec target/debug/moto4s --demo-if-empty "$@"
