#!/usr/bin/env bash
# tools/plot_attribution.py on a small apportionment table written here: each request must write a PNG that is
# not trivial (over 10 kB and not one colour), and a bad request must give one error line and exit status 2.
# Usage: test_plot_attribution.sh WORKDIR. Exit 77 (skipped) when /usr/bin/python3 lacks matplotlib or numpy.
set -u
work="$1"
tools="$(cd "$(dirname "$0")/../../tools" && pwd)"
py=/usr/bin/python3
if ! [ -x "$py" ] || ! "$py" -c 'import matplotlib, numpy' 2> /dev/null; then
  echo "skipped: $py lacks matplotlib or numpy (Debian: python3-matplotlib python3-numpy)"
  exit 77
fi
rm -rf "$work" && mkdir -p "$work" && cd "$work" || exit 1
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
pass() { echo "ok: $*"; }

# Two days and the episode, three sites (one named with a comma), pm25 / pm25_so4 / o3; shares of four
# groups that sum to 100 %, one negative O3 share (titration) and one site with a zero host (empty shares).
"$py" - <<'PY'
import csv
groups = ["heat_plant", "vehicle", "dust", "boundary"]
sites = ["kangbashi_station", "dongsheng, west", "built-up area"]
quantities = {"pm25": "ug m-3", "pm25_so4": "ug m-3", "o3": "ppb"}
with open("table.csv", "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["period", "site", "quantity", "window", "window_start", "group", "value", "unit", "share_percent"])
    for period, start in (("2026-11-28", "2026-11-28T"), ("2026-11-29", "2026-11-29T"), ("episode", "2026-11-28T")):
        for s, site in enumerate(sites):
            for q, unit in quantities.items():
                for window, hour in (("all", "00"), ("peak", "1%d" % s)):
                    host = 0.0 if (site == "built-up area" and q == "pm25_so4") else 40.0 + 10 * s
                    shares = [35.0 - 5 * s, 30.0, 15.0 + 5 * s, 20.0]
                    if q == "o3":
                        shares = [-8.0, 20.0, 3.0, 85.0]
                    for g, share in zip(groups, shares):
                        value = host * share / 100.0
                        w.writerow([period, site, q, window, f"{start}{hour}:00:00+08:00", g, f"{value:.6g}", unit,
                                    f"{share:.3f}" if host else ""])
                    w.writerow([period, site, q, window, f"{start}{hour}:00:00+08:00", "total", f"{host:.6g}", unit,
                                f"{sum(shares):.3f}" if host else ""])
PY
[ -s table.csv ] || { fail "could not write table.csv"; exit 1; }

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
  if "$@" > "$name.log" 2>&1 && grep -qxF "$png" "$name.log"; then check_png "$name" "$png"
  else fail "$name: $(cat "$name.log")"; fi
}

run_tool default table_episode_peak.png "$py" "$tools/plot_attribution.py" table.csv
run_tool day_all day.png "$py" "$tools/plot_attribution.py" table.csv --period 2026-11-29 --window all \
  --quantity pm25 --quantity pm25_so4 --quantity o3 --out day.png

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
check_bad "unknown quantity" "no quantity 'nox'" "available: pm25, pm25_so4, o3" -- \
  "$py" "$tools/plot_attribution.py" table.csv --quantity nox --out bad.png
check_bad "unknown period" "no period '2026-12-01'" "available: 2026-11-28, 2026-11-29, episode" -- \
  "$py" "$tools/plot_attribution.py" table.csv --period 2026-12-01 --out bad.png
printf 'a,b\n1,2\n' > other.csv
check_bad "not a table" "not an apportionment table" "missing column period" -- \
  "$py" "$tools/plot_attribution.py" other.csv --out bad.png
check_bad "missing file" "no such file" -- "$py" "$tools/plot_attribution.py" nowhere.csv --out bad.png
echo "$failures failure(s)"
[ $failures -eq 0 ]
