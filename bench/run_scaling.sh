#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The MPI scaling series of bench/README.md ("MPI scaling"): strong scaling of the default Kangbashi case on 1
# and 2 ranks x 1 and 2 OpenMP threads, weak scaling at 64 x 64 columns per rank on 1, 2 and 4 ranks (4 ranks
# oversubscribe a 2-core machine; the table says so), and the serial parts every rank repeats, on 64^2, 128^2
# and 256^2 grids. Prints Markdown tables; waits (up to WAIT_MAX seconds) until no ctest runs and the
# CPUs are idle (at most BUSY_MAX % busy over 3 s) before each run, so the figures are not someone else's build.
#
#   bench/run_scaling.sh [BUILD_DIR=build-bench2] [HOURS=1] [REPEAT=2] | tee scaling.md
#
# Environment: MPIRUN (default mpirun), BUSY_MAX (default 10), WAIT_MAX (default 1800).
set -u
here="$(cd "$(dirname "$0")/.." && pwd)"
build="${1:-$here/build-bench2}"
hours="${2:-1}"
repeat="${3:-2}"
bench="$build/bench/bench_scaling"
busy_max="${BUSY_MAX:-10}"
wait_max="${WAIT_MAX:-1800}"
[ -x "$bench" ] || {
  echo "no $bench: cmake --build $build --target bench_scaling (needs MPI)" >&2
  exit 1
}

# --bind-to none: Open MPI binds each rank to one core when it starts 2 ranks or fewer, which would put all
# OpenMP threads of a rank on that core. --oversubscribe: more ranks than cores (the 4-rank weak run).
mpirun=(${MPIRUN:-mpirun} --bind-to none --oversubscribe)
[ "$(id -u)" = 0 ] && mpirun+=(--allow-run-as-root)

# Share of the CPUs busy over 3 s (nothing of ours runs while this samples).
busy_percent() {
  local a b
  read -r -a a < <(head -1 /proc/stat)
  sleep 3
  read -r -a b < <(head -1 /proc/stat)
  local idle=$(((b[4] + b[5]) - (a[4] + a[5]))) total=0 i
  for i in 1 2 3 4 5 6 7 8; do total=$((total + b[i] - a[i])); done
  echo $((total > 0 ? 100 - 100 * idle / total : 0))
}

wait_idle() {
  local waited=0 busy
  while :; do
    busy=$(busy_percent)
    if ! pgrep -x ctest > /dev/null && [ "$busy" -le "$busy_max" ]; then
      return 0
    fi
    if [ "$waited" -ge "$wait_max" ]; then
      echo "# (machine still ${busy} % busy after ${waited} s; running anyway)"
      return 0
    fi
    sleep 20
    waited=$((waited + 23))
  done
}

echo "# bench_scaling, $(date -u +%Y-%m-%dT%H:%MZ), commit $(git -C "$here" rev-parse --short HEAD 2> /dev/null)$(
  git -C "$here" diff --quiet 2> /dev/null || echo ' (with uncommitted changes)')"
echo "# $(nproc) cores ($(lscpu 2> /dev/null | sed -n 's/^Model name: *//p')), $(${MPIRUN:-mpirun} --version | head -1)"
echo "# ${hours} simulated hour(s) per run, best of ${repeat}; launcher: ${mpirun[*]} -np R"
echo

echo "## Strong scaling: kangbashi 64 x 64 x 18"
header=--header
for ranks in 1 2; do
  for threads in 1 2; do
    wait_idle
    OMP_NUM_THREADS=$threads "${mpirun[@]}" -np $ranks "$bench" --mode strong --threads $threads \
      --hours "$hours" --repeat "$repeat" $header
    header=
  done
done
# The other layout of 2 ranks (x split, blocks of 32 x 64 columns): how much of the 2-rank figure is the
# load of the two halves (the city and the plant are not split evenly by either cut).
wait_idle
OMP_NUM_THREADS=1 "${mpirun[@]}" -np 2 "$bench" --mode strong --threads 1 --decomposition 2x1 --hours "$hours" \
  --repeat "$repeat"
echo

echo "## Weak scaling: kangbashi, 64 x 64 columns per rank, 1 thread per rank"
header=--header
for ranks in 1 2 4; do
  wait_idle
  OMP_NUM_THREADS=1 "${mpirun[@]}" -np $ranks "$bench" --mode weak --threads 1 --hours "$hours" \
    --repeat "$repeat" $header
  header=
done
echo

echo "## Serial parts (each rank does them for the whole domain), 1 thread"
for n in 64 128 256; do
  wait_idle
  OMP_NUM_THREADS=1 "$bench" --mode serial --n $n --hours 2 --threads 1
done
