#!/usr/bin/env bash
# Build airshed and run the embedded default case (Kangbashi, 72 h); writes kangbashi.nc here.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
"$root/scripts/install-deps.sh"
cmake -S "$root" -B "$root/build" -DCMAKE_BUILD_TYPE=Release
cmake --build "$root/build" -j"$(nproc)" --target airshed
"$root/build/app/airshed" run "$@"
