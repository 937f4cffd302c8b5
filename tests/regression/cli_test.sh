#!/usr/bin/env bash
# The command line as a user meets it: --version/--help, a small run whose output the field's tools read
# cleanly (ncdump, cdo, xarray), and bad inputs that must give exactly one error line naming the file and the
# variable (or row), exit status 2 and no output file. Usage: cli_test.sh AIRSHED WORKDIR
set -u
airshed="$1"
work="$2"
py=/usr/bin/python3
rm -rf "$work" && mkdir -p "$work" && cd "$work" || exit 1
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
pass() { echo "ok: $*"; }

"$airshed" --version | grep -Eq '^airshed [0-9]+\.[0-9]+\.[0-9]+ \(' && pass "--version" || fail "--version output"
"$airshed" run --help > help.txt && grep -q -- "--restart" help.txt && pass "run --help" || fail "run --help"
"$airshed" make-met --help > /dev/null && pass "make-met --help" || fail "make-met --help"
"$airshed" frobnicate 2> err.txt; [ $? -eq 2 ] && pass "unknown command exits 2" || fail "unknown command status"

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
  layers: {nz: 8, first: 25, top: 1500}
meteorology:
  source: idealised
  file: small-met.nc
species:
  - {name: o3like, molar_mass: 0.048, initial: 40, boundary: 40, standard_name: mole_fraction_of_ozone_in_air}
  - {name: pm, phase: aerosol, initial: 10, boundary: 10}
sources:
  points:
    - {name: stack, lon: 109.78, lat: 39.61, height: 200, species: [pm], rates: [2]}
YAML

"$airshed" run --case small.yaml --output ok.nc --quiet > run.log 2>&1
if [ $? -eq 0 ] && [ -f ok.nc ] && [ -f small-met.nc ]; then pass "small run"; else fail "small run: $(cat run.log)"; fi

# The output as the field's tools see it.
if command -v ncdump > /dev/null; then
  ncdump -h ok.nc > ncdump.txt 2>&1 && grep -q 'Conventions = "CF-1.8"' ncdump.txt && pass "ncdump -h" || fail "ncdump: $(head -5 ncdump.txt)"
fi
if command -v cdo > /dev/null; then
  cdo -s sinfon ok.nc > cdo.txt 2>&1
  if [ $? -eq 0 ] && ! grep -qi 'warning\|error' cdo.txt; then pass "cdo sinfon"; else fail "cdo sinfon: $(cat cdo.txt)"; fi
fi
if $py -c 'import xarray' 2> /dev/null; then
  $py - ok.nc > xr.txt 2>&1 <<'PY'
import sys, warnings
warnings.simplefilter("error")
import xarray as xr
ds = xr.open_dataset(sys.argv[1])
o3 = ds["o3like"]
assert o3.dims == ("time", "z", "y", "x"), o3.dims
assert o3.attrs["units"] == "ppb" and o3.attrs["grid_mapping"] == "crs", o3.attrs
assert ds["pm"].attrs["units"] == "ug m-3"
assert ds.sizes["time"] == 3, ds.sizes
assert str(ds["time"].values[1])[:19] == "2026-11-28T01:00:00", ds["time"].values
assert abs(float(o3.isel(time=-1).mean()) - 40.0) < 0.5, float(o3.isel(time=-1).mean())
print("xarray ok")
PY
  [ $? -eq 0 ] && pass "xarray reads the output" || fail "xarray: $(cat xr.txt)"
fi

# Bad meteorology: each variant must give one line naming the file and the variable, exit 2, no output.
if ! $py -c 'import netCDF4' 2> /dev/null; then
  echo "python3-netCDF4 missing: skipping the bad-input checks"
  [ $failures -eq 0 ] && exit 77 || exit 1
fi
$py - small-met.nc <<'PY'
import shutil, sys, numpy as np, netCDF4
src = sys.argv[1]
def variant(name, edit):
    shutil.copy(src, name)
    with netCDF4.Dataset(name, "a") as ds:
        edit(ds)
def by_std(ds, std):
    return next(v for v in ds.variables.values() if getattr(v, "standard_name", "") == std)
def missing(ds):
    v = by_std(ds, "northward_wind"); v.delncattr("standard_name"); ds.renameVariable(v.name, "meridional_thing")
def unit(ds):
    by_std(ds, "air_temperature").units = "furlongs"
def nan(ds):
    v = by_std(ds, "air_temperature"); v.set_auto_maskandscale(False); a = v[1]
    a[0, a.shape[1] // 2, a.shape[2] // 2] = np.nan; v[1] = a  # inside the model window
def nonmono(ds):
    x = ds.variables["x"]; a = x[:]; a[0], a[1] = a[1], a[0]; x[:] = a
variant("bad_missing.nc", missing)
variant("bad_unit.nc", unit)
variant("bad_nan.nc", nan)
variant("bad_nonmono.nc", nonmono)
PY
check_bad() {  # file, words expected in the message
  local file="$1"; shift
  rm -f bad.nc .bad.nc.partial-*
  "$airshed" run --case small.yaml --met "$file" --output bad.nc --quiet > out.txt 2> err.txt
  local status=$?
  local lines
  lines=$(wc -l < err.txt)
  local ok=1
  [ $status -eq 2 ] || ok=0
  [ "$lines" -eq 1 ] || ok=0
  grep -q "$file" err.txt || ok=0
  for w in "$@"; do grep -qi -- "$w" err.txt || ok=0; done
  ls bad.nc .bad.nc.partial-* > /dev/null 2>&1 && ok=0
  if [ $ok -eq 1 ]; then pass "$file: $(cat err.txt)"; else fail "$file: status $status, $lines line(s): $(cat err.txt)"; fi
}
check_bad bad_missing.nc northward_wind
check_bad bad_unit.nc "variable 't'" furlongs temperature
check_bad bad_nan.nc "variable 't'" nan
check_bad bad_nonmono.nc "'x'"

# Meteorology that ends before the run does: refused before any work, one line, no output.
"$airshed" make-met --case small.yaml --hours 1 --output short-met.nc > /dev/null 2>&1
rm -f bad.nc
"$airshed" run --case small.yaml --hours 3 --met short-met.nc --output bad.nc --quiet > /dev/null 2> err.txt
status=$?
if [ $status -eq 2 ] && [ "$(wc -l < err.txt)" -eq 1 ] && grep -q "short-met.nc: meteorology covers" err.txt && [ ! -e bad.nc ]; then
  pass "short meteorology: $(cat err.txt)"
else
  fail "short meteorology: status $status: $(cat err.txt)"
fi

# A malformed case file: one line with file and line number, exit 2.
sed 's/  dx: 1000/  dx: 1000\n  dxx: 3/' small.yaml > small_bad.yaml
"$airshed" run --case small_bad.yaml --output bad.nc --quiet 2> err.txt
status=$?
if [ $status -eq 2 ] && [ "$(wc -l < err.txt)" -eq 1 ] && grep -q "small_bad.yaml:11" err.txt && [ ! -e bad.nc ]; then
  pass "bad case file: $(cat err.txt)"
else
  fail "bad case file: status $status: $(cat err.txt)"
fi

# `airshed emissions`: the embedded inventory's totals, a gridded CF file (3 h), and a case without one refused.
"$airshed" emissions --case kangbashi --hours 3 --hour 2026-11-28T02:00 --output emis.nc > emis.txt 2> err.txt
status=$?
if [ $status -eq 0 ] && grep -Eq '^total +998\.6 +405\.4 +743\.1 +96\.9 +37\.1 +99\.2 +231\.5$' emis.txt &&
   grep -q "local 10:00" emis.txt && [ -s emis.nc ]; then
  pass "emissions: totals and gridded file"
else
  fail "emissions: status $status: $(cat emis.txt err.txt)"
fi
if command -v ncdump > /dev/null; then
  ncdump -h emis.nc | grep -q "emission_NO(time, z, y, x)" && ncdump -h emis.nc | grep -q \
    "tendency_of_atmosphere_mass_content_of_nitrogen_monoxide_due_to_emission" &&
    pass "emissions file: CF variables" || fail "emissions file: $(ncdump -h emis.nc | head -40)"
fi
"$airshed" emissions --case kangbashi-tracer --hours 1 > /dev/null 2> err.txt
status=$?
if [ $status -eq 2 ] && [ "$(wc -l < err.txt)" -eq 1 ] && grep -q "no emission inventory" err.txt; then
  pass "emissions without an inventory: $(cat err.txt)"
else
  fail "emissions without an inventory: status $status: $(cat err.txt)"
fi

# Source apportionment: a tagged run of the small case writes the contribution file, whose groups sum to the
# main output; a tagged case with a receptor outside the grid is refused before any output; `apportion`
# with a bad method is one line and exit 2.
cat >> small.yaml <<'YAML'
apportionment:
  enabled: true
  groups:
    - {name: stack, sources: [stack]}
YAML
"$airshed" run --case small.yaml --output tagged.nc --quiet > run.log 2>&1
if [ $? -eq 0 ] && [ -s tagged-tags.nc ] && grep -q "Source apportionment: 4 groups (stack, other, boundary, initial)" run.log; then
  pass "tagged run"
else
  fail "tagged run: $(cat run.log)"
fi
if command -v ncdump > /dev/null; then
  ncdump -h tagged-tags.nc | grep -q "float pm(time, tag, z, y, x)" && ncdump -v tag_name tagged-tags.nc |
    grep -q '"stack", "other", "boundary", "initial"' && pass "tag file: tag dimension and names" ||
    fail "tag file: $(ncdump -h tagged-tags.nc | head -40)"
fi
if $py -c 'import netCDF4' 2> /dev/null; then
  $py - > sum.txt 2>&1 <<'PY'
import netCDF4, numpy as np
host = netCDF4.Dataset("tagged.nc")["pm"][:, 0]
tags = netCDF4.Dataset("tagged-tags.nc")["pm"][:, :, 0].sum(axis=1)
assert np.allclose(tags, host, rtol=1e-5, atol=1e-6), np.abs(tags - host).max()
print("sum ok")
PY
  [ $? -eq 0 ] && pass "tags sum to the host" || fail "tags sum: $(cat sum.txt)"
fi
printf 'name,lon[degrees_east],lat[degrees_north]\nfar,120.0,39.61\n' > far.csv
sed 's/    - {name: stack, sources: \[stack\]}/    - {name: stack, sources: [stack]}\n  receptors: far.csv/' small.yaml > far.yaml
rm -f bad.nc
"$airshed" run --case far.yaml --output bad.nc --quiet > /dev/null 2> err.txt
status=$?
if [ $status -eq 2 ] && [ "$(wc -l < err.txt)" -eq 1 ] && grep -q "far.csv:2" err.txt && [ ! -e bad.nc ]; then
  pass "receptor outside the grid: $(cat err.txt)"
else
  fail "receptor outside the grid: status $status: $(cat err.txt)"
fi
"$airshed" apportion --case small.yaml --method lottery > /dev/null 2> err.txt
status=$?
if [ $status -eq 2 ] && [ "$(wc -l < err.txt)" -eq 1 ]; then
  pass "apportion with a bad method: $(cat err.txt)"
else
  fail "apportion with a bad method: status $status: $(cat err.txt)"
fi

# Scenario packages of the embedded case: the check passes for the yellow package over 6 h; a bad scenario
# file is one line and exit 2.
"$airshed" scenarios check --scenarios yellow --hours 6 > check.txt 2> err.txt
status=$?
if [ $status -eq 0 ] && grep -q "mandate for yellow: each of SO2, NOx, PM (PM10), VOC >= 10 %: met" check.txt; then
  pass "scenarios check"
else
  fail "scenarios check: status $status: $(cat check.txt err.txt)"
fi
printf 'scenario: {name: bad}\nmeasures:\n  - {type: scale, factor: -1}\n' > bad_scenario.yaml
"$airshed" scenarios check --scenarios bad_scenario.yaml --hours 1 > /dev/null 2> err.txt
status=$?
if [ $status -eq 2 ] && [ "$(wc -l < err.txt)" -eq 1 ] && grep -q "bad_scenario.yaml:3" err.txt; then
  pass "bad scenario file: $(cat err.txt)"
else
  fail "bad scenario file: status $status: $(cat err.txt)"
fi

echo "$failures failure(s)"
[ $failures -eq 0 ]
