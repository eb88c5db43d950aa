#!/usr/bin/env bash
# Smoke tests of built packages: each one unpacked into a fresh folder runs `--version`
# (the arm64 one under qemu-aarch64), and the desktop entry and AppStream metadata validate.
#   packaging/smoke-test.sh [DIR-WITH-DEBS]   (default target/packages)
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-target/packages}
version=$(cargo metadata --no-deps --format-version 1 \
  | python3 -c 'import json,sys; print(next(p["version"] for p in json.load(sys.stdin)["packages"] if p["name"]=="tereze"))')
fail=0
check() { # description, command...
  local what=$1; shift
  if "$@"; then echo "ok: $what"; else echo "FAILED: $what"; fail=1; fi
}
runs_version() { # deb, binary path inside, expected output, runner...
  local deb=$1 bin=$2 want=$3; shift 3
  local tmp; tmp=$(mktemp -d)
  dpkg-deb -x "$deb" "$tmp"
  local got; got=$("$@" "$tmp/$bin" --version 2>&1) || { echo "$got"; rm -rf "$tmp"; return 1; }
  rm -rf "$tmp"
  [[ "$got" == *"$want"* ]] || { echo "expected '$want', got '$got'"; return 1; }
}

amd64=$(ls "$dir"/tereze_*_amd64.deb)
arm64=$(ls "$dir"/tereze_*_arm64.deb)
check "amd64 workstation runs --version" runs_version "$amd64" usr/bin/tereze "$version" env
check "arm64 workstation runs --version under qemu" \
  runs_version "$arm64" usr/bin/tereze "$version" env QEMU_LD_PREFIX=/usr/aarch64-linux-gnu qemu-aarch64-static
is_aarch64() { # deb
  local tmp; tmp=$(mktemp -d)
  dpkg-deb -x "$1" "$tmp"
  local kind; kind=$(file -b "$tmp/usr/bin/tereze")
  rm -rf "$tmp"
  [[ "$kind" == *"ARM aarch64"* ]] || { echo "$kind"; return 1; }
}
check "arm64 binary is an AArch64 executable" is_aarch64 "$arm64"
for deb in "$dir"/*.deb; do
  check "$(basename "$deb") declares its run-time libraries" \
    bash -c "dpkg-deb -f '$deb' Depends | grep -q libc6"
done
if ls "$dir"/tereze-server_*_amd64.deb >/dev/null 2>&1; then
  server=$(ls "$dir"/tereze-server_*_amd64.deb)
  check "amd64 server runs --version" runs_version "$server" usr/bin/tereze-server "$version" env
fi
check "desktop entry validates" desktop-file-validate packaging/linux/kz.tereze.Workstation.desktop
check "AppStream metadata validates" appstreamcli validate --no-net packaging/linux/kz.tereze.Workstation.metainfo.xml
exit $fail
