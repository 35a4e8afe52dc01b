#!/usr/bin/env bash
# Fetches Dear ImGui's sources from Debian's source package into third_party/ (ignored by git).
# A private apt configuration reads trixie's source index without touching the machine's apt sources.
set -euo pipefail
cd "$(dirname "$0")/.."

readonly VERSION=1.90.1
readonly PACKAGE_VERSION="${VERSION}+ds-1"
readonly ORIG_SHA256=ecce377df0f90b292f15dcbd83d438bddc162b2388c881132bde18c787572a1c
readonly DEST="third_party/imgui-${VERSION}"

[ -f "$DEST/imgui.cpp" ] && [ -f "$DEST/backends/imgui_impl_glfw.cpp" ] && exit 0

work="$PWD/third_party/.apt"
mkdir -p "$work/lists/partial" "$work/cache/archives/partial" "$work/download"
echo "deb-src http://deb.debian.org/debian trixie main" > "$work/sources.list"
apt_opts=(-o "Dir::Etc::SourceList=$work/sources.list" -o "Dir::Etc::SourceParts=$work/no-parts"
          -o "Dir::State::Lists=$work/lists" -o "Dir::Cache=$work/cache" -o "APT::Sandbox::User=root")

echo "setup: fetching Dear ImGui ${PACKAGE_VERSION} from Debian's source package"
apt-get "${apt_opts[@]}" -q update >/dev/null
(cd "$work/download" && apt-get "${apt_opts[@]}" -q source --download-only "imgui=${PACKAGE_VERSION}" >/dev/null)

tarball="$work/download/imgui_${VERSION}+ds.orig.tar.xz"
echo "${ORIG_SHA256}  ${tarball}" | sha256sum --check --quiet
rm -rf "$DEST.partial" && mkdir -p "$DEST.partial"
tar -xJf "$tarball" -C "$DEST.partial" --strip-components=1
rm -rf "$DEST" && mv "$DEST.partial" "$DEST"
rm -rf "$work/lists" "$work/cache"
echo "setup: Dear ImGui sources are in $DEST"
