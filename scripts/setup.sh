#!/usr/bin/env bash
# Installs what the app and its tests need on Debian 12, idempotently:
# system packages (apt), the UI's npm packages from the committed lockfile,
# tauri-driver at a pinned version, and the built UI (ui/dist).
# Quick when everything is already there. Run as root (or with sudo).
set -euo pipefail
cd "$(dirname "$0")/.."

TAURI_DRIVER_VERSION=2.1.0
APT_PACKAGES=(
  # Tauri 2 on Linux: WebKitGTK 4.1 and friends
  libwebkit2gtk-4.1-dev libsoup-3.0-dev librsvg2-dev libayatana-appindicator3-dev
  libxdo-dev libssl-dev pkg-config build-essential file
  # Chinese text in the window
  fonts-wqy-microhei
  # end-to-end tests and screenshots: a virtual display and WebKit's WebDriver
  xvfb xauth webkit2gtk-driver
  # answering the system's file dialogs (save a PDF, pick a backup) in end-to-end tests
  xdotool
  # looking at output: screenshots, PDF pages
  imagemagick poppler-utils
)

say() { printf '\033[1;34m[setup]\033[0m %s\n' "$*"; }

missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO=sudo
  say "installing system packages: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Node.js 20.19+ builds the UI (Vite 7). Debian 12's own nodejs (18) is too old,
# so we rely on the machine's Node.js and say so plainly if it is missing.
if ! command -v node >/dev/null || ! node -e 'const [a,b]=process.versions.node.split(".").map(Number);process.exit(a>20||(a==20&&b>=19)?0:1)'; then
  echo "需要 Node.js 20.19 或更新版本来构建界面（当前：$(node --version 2>/dev/null || echo 未安装)）。" >&2
  exit 1
fi

if ! cargo install --list | grep -q "^tauri-driver v${TAURI_DRIVER_VERSION}:"; then
  say "installing tauri-driver ${TAURI_DRIVER_VERSION}"
  cargo install tauri-driver --version "${TAURI_DRIVER_VERSION}" --locked --quiet
fi

# npm packages: exactly the lockfile, reinstalled only when it changed
if ! cmp -s ui/package-lock.json ui/node_modules/.moto4s-lock 2>/dev/null; then
  say "installing the UI's npm packages (npm ci)"
  (cd ui && npm ci --no-audit --no-fund --loglevel=error)
  cp ui/package-lock.json ui/node_modules/.moto4s-lock
fi

# the UI must be built before cargo compiles the shell, which embeds ui/dist
if [ ! -f ui/dist/index.html ] || [ -n "$(find ui/src ui/public ui/index.html ui/vite.config.ts ui/package-lock.json -newer ui/dist/index.html -print -quit)" ]; then
  say "building the UI"
  (cd ui && npm run --silent build >/dev/null)
fi
