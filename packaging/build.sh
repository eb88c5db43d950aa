#!/usr/bin/env bash
# Builds the Debian packages from a clean checkout on an x86-64 Debian machine:
#   tereze (workstation) for amd64 and arm64, and tereze-server for amd64.
# Installs what it needs if missing (cross toolchain, qemu, cargo-deb, the Rust aarch64 target),
# runs the smoke tests and prints where the packages are.
#   packaging/build.sh            all packages and the smoke tests
#   packaging/build.sh --no-smoke only the packages
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
out=$root/target/packages
profile=packaging
arm=aarch64-unknown-linux-gnu

need_apt=(gcc-aarch64-linux-gnu libc6-dev-arm64-cross qemu-user-static desktop-file-utils appstream dpkg-dev file)
scripts/setup-debian
missing=()
for p in "${need_apt[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "Installing: ${missing[*]}"
  sudo=(); [[ $(id -u) -eq 0 ]] || sudo=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -qq
  "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
if ! rustup target list --installed | grep -qx "$arm"; then
  rustup target add "$arm"
fi
if ! cargo deb --version >/dev/null 2>&1; then
  cargo install cargo-deb --locked --version '^3'
fi

export CARGO_TARGET_AARCH64_UNKNOWN_LINUX_GNU_LINKER=aarch64-linux-gnu-gcc
export CC_aarch64_unknown_linux_gnu=aarch64-linux-gnu-gcc
export AR_aarch64_unknown_linux_gnu=aarch64-linux-gnu-ar

rm -rf "$out"
mkdir -p "$out"
# The profile strips the binaries at link time, so cargo-deb need not (its strip is the host's).
echo "==> tereze, amd64"
cargo deb --locked -p tereze --profile "$profile" --no-strip --output "$out"
echo "==> tereze, arm64"
cargo deb --locked -p tereze --profile "$profile" --no-strip --target "$arm" --output "$out"
if [[ -d crates/server ]]; then
  echo "==> tereze-server, amd64"
  cargo deb --locked -p tereze-server --profile "$profile" --no-strip --output "$out"
fi

if [[ "${1:-}" != "--no-smoke" ]]; then
  packaging/smoke-test.sh "$out"
fi

echo
echo "Packages in $out:"
ls -l "$out"/*.deb | awk '{printf "  %s  %7.1f MB\n", $NF, $5/1048576}'
