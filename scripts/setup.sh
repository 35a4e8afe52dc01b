#!/usr/bin/env bash
# Installs what TokenScope needs to build and test, and nothing twice:
# Debian packages, the pinned npm packages of the browser tests, and Dear ImGui's sources.
# Idempotent: a second run finds everything in place and downloads nothing.
set -euo pipefail
cd "$(dirname "$0")/.."

readonly DEBIAN_PACKAGES=(
  cmake ninja-build g++ make python3 xz-utils ca-certificates
  nlohmann-json3-dev googletest libgtest-dev libbenchmark-dev
  emscripten libclang-rt-14-dev
  nodejs npm chromium fonts-dejavu-core brotli fonttools curl
  python3-pytest python3-pytest-xdist ccache
)

missing_packages() {
  local pkg
  for pkg in "${DEBIAN_PACKAGES[@]}"; do
    if [ "$pkg" = npm ] && command -v npm >/dev/null 2>&1; then continue; fi      # npm may come with nodejs (NodeSource)
    if [ "$pkg" = nodejs ] && command -v node >/dev/null 2>&1; then continue; fi
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || printf '%s ' "$pkg"
  done
}

install_debian_packages() {
  local missing
  missing=$(missing_packages)
  [ -z "$missing" ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    echo "TokenScope needs these Debian packages: $missing" >&2
    echo "Install them, then run this again:" >&2
    echo "  sudo apt-get update && sudo apt-get install -y --no-install-recommends $missing" >&2
    exit 1
  fi
  echo "setup: installing Debian packages: $missing"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  # shellcheck disable=SC2086
  apt-get install -y -q --no-install-recommends $missing
}

check_node_version() {
  local major
  major=$(node -p 'process.versions.node.split(".")[0]')
  if [ "$major" -lt 18 ]; then
    echo "TokenScope's browser tests need Node.js 18 or later; this machine has $(node --version)." >&2
    exit 1
  fi
}

install_npm_packages() {
  local dir=tests/browser stamp=tests/browser/node_modules/.tokenscope-lock
  if [ -f "$stamp" ] && cmp -s "$dir/package-lock.json" "$stamp"; then return 0; fi
  echo "setup: installing the browser tests' npm packages (pinned by package-lock.json)"
  (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
  cp "$dir/package-lock.json" "$stamp"
}

install_debian_packages
check_node_version
scripts/fetch-imgui.sh
install_npm_packages
