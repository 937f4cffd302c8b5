#!/usr/bin/env bash
# The plotting tools of tools/ on a small real run: each must write a PNG that is not trivial (over 10 kB and
# not one colour), and a bad request must give one error line and exit status 2.
# Usage: test_tools.sh AIRSHED WORKDIR. Exit 77 (skipped) when /usr/bin/python3 lacks matplotlib or netCDF4.
set -u
airshed="$1"
work="$2"
tools="$(cd "$(dirname "$0")/../../tools" && pwd)"
py=/usr/bin/python3
if ! [ -x "$py" ] || ! "$py" -c 'import matplotlib, netCDF4, numpy' 2> /dev/null; then
  echo "skipped: $py lacks matplotlib, netCDF4 or numpy (Debian: python3-matplotlib python3-netcdf4)"
  exit 77
fi
rm -rf "$work" && mkdir -p "$work" && cd "$work" || exit 1
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
pass() { echo "ok: $*"; }

cat > tools_case.yaml <<'YAML'
case:
  name: tools_small
  start: 2026-11-28T00:00:00Z
  hours: 3
  utc_offset: 8
grid:
  centre_lon: 109.78
  centre_lat: 39.61
  nx: 20
  ny: 16
  dx: 1000
  dy: 1000
  layers: {nz: 8, first: 25, top: 1500}
meteorology:
  source: idealised
  file: tools_small-met.nc
species:
  - {name: co, molar_mass: 0.028, initial: 300, boundary: 300, long_name: carbon monoxide}
  - {name: pm, phase: aerosol, initial: 10, boundary: 10}
sources:
  points:
    - {name: stack, lon: 109.76, lat: 39.62, height: 150, species: [pm], rates: [5]}
  areas:
    - {name: town, lon: 109.78, lat: 39.61, size_x: 4000, size_y: 4000, species: [co], rates: [100]}
YAML

if "$airshed" run --case tools_case.yaml --output tools_small.nc --quiet > run.log 2>&1 && [ -f tools_small.nc ]; then
  pass "3-hour run"
else
  fail "3-hour run: $(cat run.log)"
  exit 1
fi

# A PNG is good when it exists, is over 10 kB and is not a single colour.
check_png() {  # name, png
  local name="$1" png="$2"
  if [ ! -f "$png" ]; then fail "$name: $png not written"; return; fi
  local size
  size=$(stat -c %s "$png")
  if [ "$size" -le 10240 ]; then fail "$name: $png is only $size bytes"; return; fi
  if "$py" - "$png" <<'PY'
import sys
import matplotlib
matplotlib.use("Agg")
import matplotlib.image as mpimg
import numpy as np
img = mpimg.imread(sys.argv[1])
colours = np.unique(img.reshape(-1, img.shape[-1]), axis=0)
print(f"{img.shape[1]} x {img.shape[0]} px, {len(colours)} colours")
sys.exit(0 if len(colours) > 16 else 1)
PY
  then pass "$name: $png ($size bytes)"; else fail "$name: $png is (nearly) a single colour"; fi
}

run_tool() {  # name, png, command...
  local name="$1" png="$2"; shift 2
  if "$@" > "$name.log" 2>&1; then check_png "$name" "$png"; else fail "$name: $(cat "$name.log")"; fi
}

run_tool plot_map map.png "$py" "$tools/plot_map.py" tools_small.nc --var co --time 2026-11-28T03:00Z --level 0 \
  --lonlat --out map.png
run_tool plot_map_index map_pm.png "$py" "$tools/plot_map.py" tools_small.nc --var pm --time -1 --level 3 --out map_pm.png
run_tool plot_timeseries ts.png "$py" "$tools/plot_timeseries.py" tools_small.nc --var co --var pm --lon 109.78 \
  --lat 39.61 --out ts.png
run_tool plot_timeseries_ij ts_ij.png "$py" "$tools/plot_timeseries.py" tools_small.nc --var pm --i 3 --j 4 --level 2 \
  --out ts_ij.png
run_tool plot_met met.png "$py" "$tools/plot_met.py" tools_small-met.nc --utc-offset 8 --out met.png
run_tool plot_map_met map_met.png "$py" "$tools/plot_map.py" tools_small-met.nc --var pblh --time 3 --out map_met.png

# Bad requests: one line naming the problem, exit status 2, no PNG.
check_bad() {  # name, expected words..., -- command...
  local name="$1"; shift
  local words=()
  while [ "$1" != "--" ]; do words+=("$1"); shift; done
  shift
  rm -f bad.png
  "$@" > out.txt 2> err.txt
  local status=$? ok=1
  [ $status -eq 2 ] || ok=0
  [ "$(wc -l < err.txt)" -eq 1 ] || ok=0
  for w in "${words[@]}"; do grep -qF -- "$w" err.txt || ok=0; done
  [ -e bad.png ] && ok=0
  if [ $ok -eq 1 ]; then pass "$name: $(cat err.txt)"; else fail "$name: status $status: $(cat err.txt)"; fi
}
check_bad "unknown variable" "no variable 'nox'" "available: co, pm" -- \
  "$py" "$tools/plot_map.py" tools_small.nc --var nox --out bad.png
check_bad "time not in the file" "no record at 2026-11-29T00:00Z" -- \
  "$py" "$tools/plot_map.py" tools_small.nc --var co --time 2026-11-29T00:00Z --out bad.png
check_bad "level out of range" "level 8 does not exist" -- \
  "$py" "$tools/plot_timeseries.py" tools_small.nc --var co --i 0 --j 0 --level 8 --out bad.png
check_bad "point outside the grid" "outside the grid" -- \
  "$py" "$tools/plot_timeseries.py" tools_small.nc --var co --lon 116.4 --lat 39.9 --out bad.png
check_bad "met tool on an output file" "no eastward wind variable" -- \
  "$py" "$tools/plot_met.py" tools_small.nc --out bad.png
check_bad "missing file" "no such file" -- "$py" "$tools/plot_map.py" nowhere.nc --var co --out bad.png

# The inventory recomputation: the embedded files pass its checks and it prints the documented total row.
if "$py" "$tools/inventory_totals.py" "$tools/../data/kangbashi/inventory" --check > totals.md 2> err.txt &&
   grep -q "check: ok" err.txt && grep -qF "| **total** | 998.6 | 405.4 | 743.1 | 96.9 | 37.1 | 99.2 | 231.5 |" totals.md &&
   grep -qF "| **total (enabled sources)** | **998.6** | **405.4** | **743.1** | **96.9** | **37.1** | **99.2** | **231.5** |" \
     "$tools/../docs/kangbashi-inventory.md"; then
  pass "inventory_totals.py reproduces the documented totals"
else
  fail "inventory_totals.py: $(tail -5 totals.md) $(cat err.txt)"
fi
echo "$failures failure(s)"
[ $failures -eq 0 ]
