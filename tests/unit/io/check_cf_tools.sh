#!/bin/sh
# Opens a CF output written by io_cf_tools_sample with ncdump, CDO and xarray (cf-conventions notes 3.6) and
# fails on any error or warning text. A missing tool is skipped; if none failed and one was missing the
# script exits 77, which CTest reports as skipped (SKIP_RETURN_CODE).
# Usage: check_cf_tools.sh <io_cf_tools_sample> <work directory>
set -u
sample=$1
dir=$2
mkdir -p "$dir"
out="$dir/cf_tools_sample.nc"
rm -f "$out"
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

if have ncdump; then run "ncdump -h" ncdump -h "$out"; fi
if have cdo; then run "cdo -s sinfon" cdo -s sinfon "$out"; fi

python=/usr/bin/python3
if [ -x "$python" ] && "$python" -c 'import xarray, netCDF4' >/dev/null 2>&1; then
  run "xarray.open_dataset" "$python" -W always -c '
import sys
import xarray
ds = xarray.open_dataset(sys.argv[1])
ds.load()
assert ds["time"].dtype.kind == "M", "time was not decoded"
assert ds["o3"].dims == ("time", "z", "y", "x"), ds["o3"].dims
assert "lat" in ds["o3"].coords and "lon" in ds["o3"].coords, "lat/lon are not coordinates of o3"
assert ds["o3"].attrs["grid_mapping"] == "crs"
print(dict(ds.sizes))
' "$out"
else
  echo "skip xarray: $python with xarray and netCDF4 not available"
  skipped=$((skipped + 1))
fi

if [ "$failures" -gt 0 ]; then exit 1; fi
if [ "$skipped" -gt 0 ]; then exit 77; fi
exit 0
