#!/usr/bin/env bash
# Install airshed's build, test and post-processing dependencies from Debian 12 packages (idempotent).
# Needs root (or sudo). Skips apt entirely when everything is already installed.
set -euo pipefail
packages=(
  cmake g++ make pkg-config git
  libnetcdf-dev libnetcdf-c++4-dev libhdf5-dev libeigen3-dev libboost-program-options-dev libyaml-cpp-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  openmpi-bin libopenmpi-dev
  netcdf-bin cdo python3-netcdf4 python3-numpy python3-xarray python3-scipy python3-matplotlib python3-h5py
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  echo "Installing: ${missing[*]}"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
# Headless Chromium renders the forecast bulletin in the test suite (tools:bulletin_render). It is optional:
# where it cannot be installed, that one test is skipped.
if ! dpkg-query -W -f='${Status}' chromium 2>/dev/null | grep -q "install ok installed"; then
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  ( $SUDO apt-get update -q && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends chromium ) ||
    echo "chromium could not be installed: the bulletin render test will be skipped"
fi
