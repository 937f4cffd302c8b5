#!/usr/bin/env bash
# Build (Release, OpenMP) and run the whole test suite through CTest.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DAIRSHED_ENABLE_BENCHMARK=OFF
cmake --build build -j"$(nproc)"
ctest --test-dir build --output-on-failure -j"$(nproc)"
