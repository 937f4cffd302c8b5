#!/usr/bin/env bash
# tools/make_bulletin.py on a small synthetic forecast written here (a CF output NetCDF with pm25 and O3, a daily
# AQI NetCDF and two bulletin JSONs: one with a yellow episode, sources and options; one with no warning, no
# episodes, no sources and null values). Checks the HTML (daily rows, warning level, no external resources),
# the PNGs (over 5 kB, not one colour), and that bad input gives one error line and exit status 2.
#
# Usage: test_make_bulletin.sh WORKDIR          (CTest tools:make_bulletin; no browser)
#        test_make_bulletin.sh WORKDIR --render (CTest tools:bulletin_render: the same, then the page is rendered
#                                                in headless /usr/bin/chromium and the screenshot checked)
# Exit 77 (skipped) when /usr/bin/python3 lacks matplotlib, netCDF4 or numpy, or, with --render, when chromium is
# not installed (Debian package chromium).
set -u
work="$1"
render="${2:-}"
tools="$(cd "$(dirname "$0")/../../tools" && pwd)"
py=/usr/bin/python3
chromium="${CHROMIUM:-/usr/bin/chromium}"  # CHROMIUM=... to try another build
if ! [ -x "$py" ] || ! "$py" -c 'import matplotlib, netCDF4, numpy' 2> /dev/null; then
  echo "skipped: $py lacks matplotlib, netCDF4 or numpy (Debian: python3-matplotlib python3-netcdf4 python3-numpy)"
  exit 77
fi
if [ "$render" = "--render" ] && ! [ -x "$chromium" ]; then
  echo "skipped: chromium not installed (Debian: apt-get install chromium)"
  exit 77
fi
rm -rf "$work" && mkdir -p "$work" && cd "$work" || exit 1
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
pass() { echo "ok: $*"; }

# --- the synthetic case: fc.nc (time 4, z 2, y 6, x 7), fc-aqi.nc (3 local days), x-bulletin.json, y-bulletin.json
"$py" - <<'PY'
import json
import netCDF4
import numpy as np

nt, nz, ny, nx = 4, 2, 6, 7
with netCDF4.Dataset("fc.nc", "w") as ds:
    ds.Conventions = "CF-1.8"
    ds.case = "kangbashi_test"
    ds.comment = "local time is UTC+8"
    ds.createDimension("time", None)
    for name, n in (("z", nz), ("y", ny), ("x", nx), ("bnds", 2)):
        ds.createDimension(name, n)
    t = ds.createVariable("time", "f8", ("time",))
    t.units = "hours since 2026-11-28T00:00:00Z"
    t.calendar = "standard"
    t[:] = np.arange(nt)
    z = ds.createVariable("z", "f4", ("z",))
    z.units = "m"
    z.standard_name = "height"
    z[:] = [10.0, 40.0]
    for name, n, std in (("x", nx, "projection_x_coordinate"), ("y", ny, "projection_y_coordinate")):
        v = ds.createVariable(name, "f8", (name,))
        v.units = "m"
        v.standard_name = std
        v.bounds = f"{name}_bnds"
        v[:] = (np.arange(n) - (n - 1) / 2) * 1000.0
        bv = ds.createVariable(f"{name}_bnds", "f8", (name, "bnds"))
        bv[:] = np.stack([v[:] - 500.0, v[:] + 500.0], axis=1)
    crs = ds.createVariable("crs", "i4")
    crs.grid_mapping_name = "lambert_conformal_conic"
    xx, yy = np.meshgrid(np.arange(nx), np.arange(ny))
    lon = ds.createVariable("lon", "f8", ("y", "x"))
    lon.standard_name = "longitude"
    lon.units = "degrees_east"
    lon[:] = 109.75 + 0.0117 * xx
    lat = ds.createVariable("lat", "f8", ("y", "x"))
    lat.standard_name = "latitude"
    lat.units = "degrees_north"
    lat[:] = 39.58 + 0.009 * yy
    pm = ds.createVariable("pm25", "f4", ("time", "z", "y", "x"), fill_value=np.float32(-9999.0))
    pm.units = "ug m-3"
    pm.grid_mapping = "crs"
    o3 = ds.createVariable("O3", "f4", ("time", "z", "y", "x"), fill_value=np.float32(-9999.0))
    o3.units = "ppb"
    o3.grid_mapping = "crs"
    for n in range(nt):
        bump = np.exp(-((xx - 2 - n) ** 2 + (yy - 3) ** 2) / 4.0)
        pm[n, 0] = 20 + 80 * (n + 1) * bump
        pm[n, 1] = 10 + 30 * bump
        o3[n, 0] = 40 - 25 * bump + 3 * n + 0.5 * yy
        o3[n, 1] = 42 - 5 * bump

with netCDF4.Dataset("fc-aqi.nc", "w") as ds:
    ds.Conventions = "CF-1.8"
    ds.standard = "HJ 633-2026"
    ds.createDimension("time", None)
    ds.createDimension("y", ny)
    ds.createDimension("x", nx)
    t = ds.createVariable("time", "f8", ("time",))
    t.units = "hours since 2026-11-28T00:00:00Z"
    t[:] = [4.0, 28.0, 52.0]  # local noon (UTC+8) of 2026-11-28, -29, -30
    for name, n, std in (("x", nx, "projection_x_coordinate"), ("y", ny, "projection_y_coordinate")):
        v = ds.createVariable(name, "f8", (name,))
        v.units = "m"
        v.standard_name = std
        v[:] = (np.arange(n) - (n - 1) / 2) * 1000.0
    a = ds.createVariable("aqi", "f4", ("time", "y", "x"), fill_value=np.float32(-9999.0))
    a.long_name = "daily air quality index"
    a.standard = "HJ 633-2026"
    # a spread over every AQI class, highest on the second day
    ramp = np.round(np.linspace(20, 340, nx * ny)).reshape(ny, nx)
    a[0] = ramp * 0.6
    a[1] = ramp
    a[2] = ramp * 0.8
    a[1, 0, 0] = np.ma.masked

# the form airshed forecast writes: aqi(time, z, y, x) with one level, here without x/y (the output's grid is used)
with netCDF4.Dataset("fc-aqi.nc") as src, netCDF4.Dataset("fc-aqi-z.nc", "w") as ds:
    ds.createDimension("time", None)
    ds.createDimension("z", 1)
    ds.createDimension("y", ny)
    ds.createDimension("x", nx)
    t = ds.createVariable("time", "f8", ("time",))
    t.units = src["time"].units
    t[:] = src["time"][:]
    a = ds.createVariable("aqi", "f4", ("time", "z", "y", "x"), fill_value=np.float32(-9999.0))
    a[:, 0] = src["aqi"][:] * 0.5

hours = [f"2026-11-28T{h:02d}:00:00Z" for h in range(1, 4)]
base = {
    "title": "Kangbashi air-quality forecast",
    "case": "kangbashi_test", "issued": "2026-11-28T00:00:00Z", "start": "2026-11-28T00:00:00Z", "hours": 3,
    "utc_offset": 8, "standard": "HJ 633-2026", "warning_rules": "2024", "site": "built_up",
    "files": {"output": "fc.nc", "aqi": "fc-aqi.nc", "tags_table": "fc-apportionment.csv",
              "scenarios_table": "fc-scenarios.csv"},
    "days": [
        {"date": "2026-11-28", "aqi": 232, "level": 5, "category": "Heavily polluted", "category_zh": "重度污染",
         "colour": "#99004C", "primary": ["PM2.5_24h"], "pm25_24h": 182.4, "o3_mda8": 30.2, "o3_max_1h": 44.0,
         "complete": True},
        {"date": "2026-11-29", "aqi": 171, "level": 4, "category": "Moderately polluted", "category_zh": "中度污染",
         "colour": "#FF0000", "primary": ["PM2.5_24h", "PM10_24h"], "pm25_24h": 130.0, "o3_mda8": 35.0,
         "o3_max_1h": 41.5, "complete": True},
        {"date": "2026-11-30", "aqi": None, "level": None, "category": None, "category_zh": None, "colour": None,
         "primary": [], "pm25_24h": None, "o3_mda8": None, "o3_max_1h": 39.0, "complete": False}],
    "hourly": {"time": hours, "pm25": [60.5, None, 140.2], "o3": [35.2, 38.0, None],
               "aqi_24h": [None, 150, 232]},
    "warning": {"level": "yellow",
                "why": "2024 yellow: daily AQI > 200 <for> 1 day & more",
                "episodes": [{"level": "yellow", "start": "2026-11-28T00:00:00Z", "end": "2026-11-29T00:00:00Z",
                              "pollutant": "PM2.5", "ozone_driven": False, "dust_driven": False,
                              "why": "daily AQI > 200 on 2026-11-28"}]},
    "top_sources": [
        {"group": "heat_plant", "pm25": 21.2, "pm25_share_percent": 32.3, "o3": -0.4, "o3_share_percent": -1.2},
        {"group": "traffic", "pm25": 12.0, "pm25_share_percent": 18.0, "o3": 3.1, "o3_share_percent": 8.2},
        {"group": "boundary", "pm25": 30.5, "pm25_share_percent": 45.0, "o3": 30.0, "o3_share_percent": 88.0}],
    "options": [
        {"name": "yellow", "kind": "package", "level": "yellow", "peak_pm25_change": -23.1, "peak_o3_change": 0.2,
         "daily_aqi": [195, 150, None], "daily_aqi_change": [-37, -21, None], "warning_level": "none"},
        {"name": "fuel_station_shift", "kind": "measure", "level": None, "peak_pm25_change": 0.0,
         "peak_o3_change": -0.001, "daily_aqi": [232, 171, None], "daily_aqi_change": [0, 0, None],
         "warning_level": "yellow"}],
    "smallest_package_below_warning": "yellow",
    "notes": ["Synthetic test case <not a forecast>.", "O3 in ppb; PM2.5 in µg/m³."]}
with open("x-bulletin.json", "w", encoding="utf-8") as f:
    json.dump(base, f, ensure_ascii=False, indent=1)

calm = json.loads(json.dumps(base))
calm["warning"] = {"level": "none", "why": "no day above 150", "episodes": []}
calm["top_sources"] = []
calm["options"] = []
calm["smallest_package_below_warning"] = None
calm["hourly"]["aqi_24h"] = [None, None, None]
calm["hourly"]["pm25"] = [None, None, None]   # no site series: the maps fall back to the domain's peak
calm["days"][0]["aqi"] = None
calm["days"][0]["complete"] = False
calm["notes"] = []
calm["files"]["aqi"] = "fc-aqi-z.nc"
calm["units"] = {"pm25": "ug m-3", "o3": "ppb"}
with open("y-bulletin.json", "w", encoding="utf-8") as f:
    json.dump(calm, f, ensure_ascii=False)
PY
[ -s x-bulletin.json ] && [ -s y-bulletin.json ] && [ -s fc.nc ] && [ -s fc-aqi.nc ] \
  || { fail "could not write the synthetic case"; exit 1; }

# A PNG is good when it exists, is over 5 kB and is not a single colour.
check_png() {  # name, png
  local name="$1" png="$2"
  if [ ! -f "$png" ]; then fail "$name: $png not written"; return; fi
  local size
  size=$(stat -c %s "$png")
  if [ "$size" -le 5120 ]; then fail "$name: $png is only $size bytes"; return; fi
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

# The page: HTML5, the daily rows, the warning level, escaped text, no external resources.
check_html() {  # name, html, warning level, must-have strings...
  local name="$1" page="$2" level="$3"; shift 3
  if [ ! -s "$page" ]; then fail "$name: $page not written"; return; fi
  local ok=1 why=""
  head -1 "$page" | grep -qx '<!DOCTYPE html>' || { ok=0; why+=" no doctype;"; }
  grep -qF '<meta charset="utf-8">' "$page" || { ok=0; why+=" no charset;"; }
  grep -qF "class=\"warning warning-$level\"" "$page" || { ok=0; why+=" no $level warning box;"; }
  for date in 2026-11-28 2026-11-29 2026-11-30; do
    grep -qF "<tr data-date=\"$date\"" "$page" || grep -qF "<tr class=\"incomplete\" data-date=\"$date\"" "$page" \
      || { ok=0; why+=" no row $date;"; }
  done
  for s in "$@"; do grep -qF -- "$s" "$page" || { ok=0; why+=" lacks '$s';"; }; done
  if grep -qiE '(src|href)="(https?:)?//' "$page"; then ok=0; why+=" external URL;"; fi
  if grep -qiE '<script|<link |@import|url\(' "$page"; then ok=0; why+=" script/link/import;"; fi
  if grep -oiE '(src|href)="[^"]*' "$page" | grep -viE '^(src|href)="(data:image/png;base64,|#)' | grep -q .; then
    ok=0; why+=" a src/href that is not embedded;"
  fi
  [ "$(grep -c 'src="data:image/png;base64,' "$page")" -ge 4 ] || { ok=0; why+=" fewer than 4 embedded PNGs;"; }
  if [ $ok -eq 1 ]; then pass "$name: $page ($(stat -c %s "$page") bytes)"; else fail "$name:$why"; fi
}

run_tool() {  # name, expected files..., -- command...
  local name="$1"; shift
  local files=()
  while [ "$1" != "--" ]; do files+=("$1"); shift; done
  shift
  if "$@" > "$name.log" 2>&1; then
    local f ok=1
    for f in "${files[@]}"; do grep -qxF "$f" "$name.log" || { ok=0; fail "$name: did not print $f"; }; done
    [ $ok -eq 1 ] && pass "$name: wrote ${#files[@]} files"
  else
    fail "$name: $(cat "$name.log")"
  fi
}

x=("$work/x-map-pm25.png" "$work/x-map-o3.png" "$work/x-map-aqi.png" "$work/x-series.png" "$work/x-sources.png")
run_tool warning "${x[@]}" "$work/x-bulletin.html" -- "$py" "$tools/make_bulletin.py" x-bulletin.json
for png in "${x[@]}"; do check_png warning "$png"; done
check_html warning x-bulletin.html yellow "Yellow warning" "重度污染" "中度污染" "2026-11-28 08:00" \
  "daily AQI &gt; 200 &lt;for&gt; 1 day &amp; more" "Synthetic test case &lt;not a forecast&gt;." \
  "fuel_station_shift" "heat_plant" "The smallest package that keeps the forecast below a warning: <strong>yellow"
grep -q "<not a forecast>" x-bulletin.html && fail "warning: unescaped note text"

mkdir -p out
y=("out/y-map-pm25.png" "out/y-map-o3.png" "out/y-map-aqi.png" "out/y-series.png")
run_tool calm "${y[@]}" "out/y-bulletin.html" -- "$py" "$tools/make_bulletin.py" y-bulletin.json --out-dir out
for png in "${y[@]}"; do check_png calm "$png"; done
check_html calm out/y-bulletin.html none "No heavy-pollution warning" \
  "No warning is forecast, so no package is needed" "No source apportionment" "No control options" \
  "anywhere in the domain"
[ -e out/y-sources.png ] && fail "calm: a sources PNG without sources"

# Bad input: one line 'make_bulletin.py: error: ...' naming the problem, exit status 2, no page.
check_bad() {  # name, expected words..., -- command...
  local name="$1"; shift
  local words=()
  while [ "$1" != "--" ]; do words+=("$1"); shift; done
  shift
  rm -f bad-*.html bad-*.png
  "$@" > out.txt 2> err.txt
  local status=$? ok=1
  [ $status -eq 2 ] || ok=0
  [ "$(wc -l < err.txt)" -eq 1 ] || ok=0
  grep -q '^make_bulletin.py: error: ' err.txt || ok=0
  for w in "${words[@]}"; do grep -qF -- "$w" err.txt || ok=0; done
  compgen -G "bad-*.html" > /dev/null && ok=0   # nothing written
  compgen -G "bad-*.png" > /dev/null && ok=0
  if [ $ok -eq 1 ]; then pass "$name: $(cat err.txt)"; else fail "$name: status $status: $(cat err.txt)"; fi
}
printf '{"title": "x", "days": [\n' > bad-bulletin.json
check_bad "not JSON" "not valid JSON" "line 2" -- "$py" "$tools/make_bulletin.py" bad-bulletin.json
bad() {  # a Python statement that spoils d, the x-bulletin.json; writes bad-bulletin.json
  "$py" -c "import json; d = json.load(open('x-bulletin.json')); $1; json.dump(d, open('bad-bulletin.json', 'w'))"
}
mb=("$py" "$tools/make_bulletin.py" bad-bulletin.json)
bad 'd["files"]["output"] = "nowhere.nc"'
check_bad "missing output" "nowhere.nc: no such file" "files.output" -- "${mb[@]}"
bad 'd["files"]["output"] = "fc-aqi.nc"'
check_bad "output without pm25" "no variable 'pm25'" -- "${mb[@]}"
bad 'd["files"]["aqi"] = "fc.nc"'
check_bad "aqi file without aqi" "no variable 'aqi'" -- "${mb[@]}"
bad 'd["warning"]["level"] = "purple"'
check_bad "bad level" "'warning.level' = 'purple' is not a warning level" -- "${mb[@]}"
bad 'd["hourly"]["o3"] = [1]'
check_bad "short series" "hourly.o3 must be a list as long as hourly.time" -- "${mb[@]}"
bad 'd["days"][1]["aqi"] = "high"'
check_bad "text for a number" "'days[1].aqi' is not a number or null" -- "${mb[@]}"
bad 'del d["issued"]'
check_bad "no issue time" "missing 'issued'" -- "${mb[@]}"
bad 'd["hourly"] = {"time": []}'
check_bad "no hours" "hourly.time is empty" -- "${mb[@]}"
check_bad "missing JSON" "no such file" -- "$py" "$tools/make_bulletin.py" nowhere-bulletin.json

# --- the render check: headless Chromium must draw the page without console errors or failed loads.
if [ "$render" = "--render" ] && [ $failures -eq 0 ]; then
  for page in x-bulletin.html out/y-bulletin.html; do
    shot="${page%.html}-shot.png"
    rm -f "$shot"
    # --no-sandbox: CI runs as root; a private profile so no other Chromium state is touched.
    timeout 120 "$chromium" --headless --no-sandbox --disable-gpu --no-first-run --hide-scrollbars \
      --user-data-dir="$work/chromium-profile" --enable-logging=stderr --v=0 \
      --screenshot="$work/$shot" --window-size=1000,2000 "file://$work/$page" > "$shot.log" 2>&1
    status=$?
    if [ ! -f "$shot" ]; then fail "render $page: no screenshot (status $status): $(tail -5 "$shot.log")"; continue; fi
    if grep -E 'Uncaught|Failed to load resource|net::ERR_|CONSOLE' "$shot.log" > "$shot.errors"; then
      fail "render $page: the page logged errors: $(head -3 "$shot.errors")"
    fi
    if "$py" - "$shot" <<'PY'
import os
import sys
import matplotlib
matplotlib.use("Agg")
import matplotlib.image as mpimg
import numpy as np
img = mpimg.imread(sys.argv[1])[..., :3]
colours = np.unique((img * 255).astype(np.uint8).reshape(-1, 3), axis=0)
rows = np.where((img.std(axis=(1, 2)) > 0.01))[0]   # rows that are not one flat colour
drawn = (rows[-1] - rows[0] + 1) / img.shape[0] if len(rows) else 0.0
print(f"{img.shape[1]} x {img.shape[0]} px, {os.path.getsize(sys.argv[1])} bytes, {len(colours)} colours, "
      f"content over {100 * drawn:.0f} % of the height")
sys.exit(0 if os.path.getsize(sys.argv[1]) > 20480 and len(colours) > 64 and drawn > 0.5 else 1)
PY
    then pass "render $page: $shot"; else fail "render $page: $shot is (nearly) blank"; fi
  done
fi
echo "$failures failure(s)"
[ $failures -eq 0 ]
