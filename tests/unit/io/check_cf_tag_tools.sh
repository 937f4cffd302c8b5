#!/bin/sh
# Opens a contribution file written by io_cf_tag_tools_sample with ncdump and xarray (cf-conventions notes
# 3.1, 3.6): the tag_name labels, and a group selected by name in xarray. CDO reads no 5-D variables, so it
# is checked only after NCO has taken one tag out (the route docs/apportionment-outputs.md gives), when NCO
# is installed. A missing ncdump or xarray is skipped; if none failed and one was missing the script exits 77 (CTest: skipped).
# Usage: check_cf_tag_tools.sh <io_cf_tag_tools_sample> <work directory>
set -u
sample=$1
dir=$2
mkdir -p "$dir"
out="$dir/cf_tag_tools_sample.nc"
rm -f "$out" "$dir/one_tag.nc"
"$sample" "$out" || { echo "FAIL: $sample could not write $out"; exit 1; }

failures=0
skipped=0

# run NAME COMMAND...: the command must exit 0 and print nothing that looks like an error or a warning.
run() {
  name=$1
  shift
  text=$("$@" 2>&1)
  status=$?
  if [ "$status" -ne 0 ] || printf '%s\n' "$text" | grep -Eqi 'warn|error|abort|fatal'; then
    echo "FAIL $name (exit $status):"
    printf '%s\n' "$text"
    failures=$((failures + 1))
  else
    echo "ok   $name"
  fi
}

have() {
  if command -v "$1" >/dev/null 2>&1; then return 0; fi
  echo "skip $1: not installed"
  skipped=$((skipped + 1))
  return 1
}

if have ncdump; then
  run "ncdump -h" ncdump -h "$out"
  if ncdump -v tag_name "$out" | grep -q 'tag_name = "heat_plant", "vehicle", "boundary"'; then
    echo "ok   ncdump tag_name labels"
  else
    echo "FAIL ncdump tag_name labels:"
    ncdump -v tag_name "$out" | tail -3
    failures=$((failures + 1))
  fi
fi

# Optional (not counted as skipped: NCO is not among the project's dependencies). The route of the docs:
# ncks takes tag 1 out without the string label (ncwa 5.1 crashes averaging a string variable), ncwa drops
# the dimension, ncatted repairs `coordinates` (ncwa cuts "tag" out of "tag_name"); CDO then reads it.
one="$dir/one_tag.nc"
if command -v ncks >/dev/null 2>&1 && command -v ncwa >/dev/null 2>&1 && command -v ncatted >/dev/null 2>&1 &&
   command -v cdo >/dev/null 2>&1; then
  run "ncks + ncwa + ncatted (one tag)" sh -c "ncks -O -C -x -v tag_name -d tag,1 '$out' '$one' &&
    ncwa -O -a tag '$one' '$one' && ncatted -O -a coordinates,,m,c,'lon lat' '$one'"
  run "cdo -s sinfon (one tag)" cdo -s sinfon "$one"
  values=$(cdo -s outputtab,value -selvar,o3_by_tag -seltimestep,2 "$one" 2>&1 | grep -v '#' | sort -u | tr -d ' ')
  if [ "$values" = "11" ]; then
    echo "ok   cdo reads tag 'vehicle' (o3_by_tag = 11 at the second hour)"
  else
    echo "FAIL cdo values of the one-tag file: $values"
    failures=$((failures + 1))
  fi
else
  echo "note ncks/ncwa/ncatted/cdo not all installed: the NCO + CDO route is not checked"
fi

python=/usr/bin/python3
if [ -x "$python" ] && "$python" -c 'import xarray, netCDF4' >/dev/null 2>&1; then
  run "xarray.open_dataset + sel(tag=name)" "$python" -W always -c '
import sys
import xarray
ds = xarray.open_dataset(sys.argv[1])
ds.load()
v = ds["o3_by_tag"]
assert v.dims == ("time", "tag", "z", "y", "x"), v.dims
assert "tag_name" in v.coords and "lat" in v.coords and "lon" in v.coords, list(v.coords)
assert list(ds["tag_name"].values) == ["heat_plant", "vehicle", "boundary"], ds["tag_name"].values
one = ds.set_index(tag="tag_name").sel(tag="vehicle")
assert float(one["o3_by_tag"][1, 0, 0, 0]) == 11.0, float(one["o3_by_tag"][1, 0, 0, 0])
assert float(one["pm25_by_tag"][0, 1, 0, 0]) == 110.0
print(dict(ds.sizes))
' "$out"
else
  echo "skip xarray: $python with xarray and netCDF4 not available"
  skipped=$((skipped + 1))
fi

if [ "$failures" -gt 0 ]; then exit 1; fi
if [ "$skipped" -gt 0 ]; then exit 77; fi
exit 0
