#!/usr/bin/env bash
# A rank that fails stops the whole MPI run with one message naming the rank and the cause, a non-zero exit
# status and no output file, instead of a hang: (1) a NaN in one rank's window (a damaged checkpoint whose
# bad cell lies in rank 1's block: the ranks agree on it and stop in order, leaving no partial file), (2) a
# bad input every rank reads (reported once, by rank 0).
# Usage: failing_rank.sh AIRSHED WORKDIR MPIRUN...
set -u
airshed="$1"
work="$2"
shift 2
mpirun=("$@")
rm -rf "$work" && mkdir -p "$work" && cd "$work" || exit 1
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
pass() { echo "ok: $*"; }

cat > small.yaml <<'YAML'
case:
  name: small
  start: 2026-11-28T00:00:00Z
  hours: 2
grid:
  centre_lon: 109.78
  centre_lat: 39.61
  nx: 12
  ny: 10
  dx: 1000
  dy: 1000
  layers:
    nz: 6
    first: 25
    top: 2000
meteorology:
  source: idealised
  wind_speed_10m: 4
  wind_from_direction: 300
species:
  - name: co
    molar_mass: 0.028
    initial: 200
    boundary: 250
output:
  interval: 3600
checkpoint:
  interval: 0
YAML

# (1) One hour serially, then a NaN put into the checkpoint in the east half (rank 1's block of 2 x 1).
OMP_NUM_THREADS=1 "$airshed" run -c small.yaml --hours 1 -q -o first.nc > first.log 2>&1 || fail "first hour"
/usr/bin/python3 - <<'PY' || fail "damaging the checkpoint"
import h5py, numpy as np, shutil
shutil.copy("first.checkpoint.h5", "bad.h5")
with h5py.File("bad.h5", "r+") as f:
    d = f["fields/species/co"]
    a = d[...]
    a[0, 5, 10] = np.nan  # (k, j, i): cell (10, 5, 0)
    d[...] = a
PY
start=$(date +%s)
OMP_NUM_THREADS=1 timeout 120 "${mpirun[@]}" -np 2 "$airshed" run -c small.yaml -q --decomposition 2x1 \
  --restart bad.h5 -o bad.nc > nan.out 2> nan.err
status=$?
elapsed=$(( $(date +%s) - start ))
[ $status -ne 0 ] && [ $status -ne 124 ] && pass "NaN in one window: exit status $status" ||
  fail "NaN in one window: exit status $status (124: it hung)"
n=$(grep -c '^airshed: ' nan.err)
[ "$n" -eq 1 ] && pass "one message" || fail "$n airshed messages: $(cat nan.err)"
grep -q '^airshed: error: rank 1 of 2: .*co = nan in cell (10,5,0)' nan.err && pass "message names rank 1 and the cell" ||
  fail "message: $(grep '^airshed' nan.err)"
[ ! -e bad.nc ] && pass "no output file" || fail "bad.nc was written"
leftovers=$(ls -A | grep -c partial)
[ "$leftovers" -eq 0 ] && pass "no partial files left" || fail "partial files left: $(ls -A | grep partial)"
[ "$elapsed" -lt 60 ] && pass "stopped in ${elapsed} s" || fail "took ${elapsed} s"

# (2) A bad key every rank reads: one message, from rank 0, exit status 2.
OMP_NUM_THREADS=1 timeout 120 "${mpirun[@]}" -np 2 "$airshed" run -c small.yaml -q --set grid.nx=-3 \
  -o never.nc > input.out 2> input.err
status=$?
[ $status -eq 2 ] && pass "bad input: exit status 2" || fail "bad input: exit status $status"
n=$(grep -c '^airshed: ' input.err)
[ "$n" -eq 1 ] && grep -q '^airshed: rank 0 of 2: error: .*grid.nx' input.err && pass "bad input: one message from rank 0" ||
  fail "bad input messages: $(grep '^airshed' input.err)"
[ ! -e never.nc ] && pass "no output file" || fail "never.nc was written"

[ $failures -eq 0 ] && echo "all passed" || echo "$failures failed"
[ $failures -eq 0 ]
