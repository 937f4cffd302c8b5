#!/usr/bin/env bash
# tools/plot_tagging_vs_brute_force.py on a tagged-run table and a brute-force table written here: the PNG
# must be written and not trivial; a site in neither table is one error line and exit status 2.
# Usage: test_plot_tagging_vs_brute_force.sh WORKDIR. Exit 77 (skipped) without matplotlib or numpy.
set -u
work="$1"
tools="$(cd "$(dirname "$0")/../../tools" && pwd)"
py=/usr/bin/python3
if ! [ -x "$py" ] || ! "$py" -c 'import matplotlib, numpy' 2> /dev/null; then
  echo "skipped: $py lacks matplotlib or numpy (Debian: python3-matplotlib python3-numpy)"
  exit 77
fi
rm -rf "$work" && mkdir -p "$work" && cd "$work" || exit 1
cat > tagged.csv <<'CSV'
period,site,quantity,window,window_start,group,value,unit,share_percent
episode,built_up,O3,all,2026-11-28T09:00:00+08:00,plant,0.5,ppb,1.5
episode,built_up,O3,all,2026-11-28T09:00:00+08:00,traffic,0.7,ppb,2.1
episode,built_up,O3,all,2026-11-28T09:00:00+08:00,boundary,32,ppb,96.4
episode,built_up,O3,all,2026-11-28T09:00:00+08:00,total,33.2,ppb,100
episode,built_up,pm25,all,2026-11-28T09:00:00+08:00,plant,1.5,ug m-3,15
episode,built_up,pm25,all,2026-11-28T09:00:00+08:00,traffic,0.5,ug m-3,5
episode,built_up,pm25,all,2026-11-28T09:00:00+08:00,boundary,8,ug m-3,80
episode,built_up,pm25,all,2026-11-28T09:00:00+08:00,total,10,ug m-3,100
CSV
cat > bf.csv <<'CSV'
method,site,quantity,statistic,group,value,unit,standard_error
brute-force,built_up,O3,mean,plant,-0.2,ppb,
brute-force,built_up,O3,mean,traffic,-0.6,ppb,
brute-force,built_up,O3,mean,boundary,32.5,ppb,
brute-force,built_up,O3,mean,remainder,1.5,ppb,
brute-force,built_up,O3,mean,total,33.2,ppb,
brute-force,built_up,pm25,mean,plant,1.5,ug m-3,
brute-force,built_up,pm25,mean,traffic,0.5,ug m-3,
brute-force,built_up,pm25,mean,boundary,8,ug m-3,
brute-force,built_up,pm25,mean,remainder,0,ug m-3,
CSV
failures=0
"$py" "$tools/plot_tagging_vs_brute_force.py" tagged.csv bf.csv --site built_up --exclude boundary --output cmp.png > out.txt 2>&1
if [ $? -eq 0 ] && [ "$(stat -c %s cmp.png 2> /dev/null || echo 0)" -gt 10000 ]; then
  echo "ok: figure written ($(cat out.txt))"
else
  echo "FAIL: figure: $(cat out.txt)"; failures=$((failures + 1))
fi
"$py" "$tools/plot_tagging_vs_brute_force.py" tagged.csv bf.csv --site nowhere --output bad.png > /dev/null 2> err.txt
status=$?
if [ $status -eq 2 ] && [ "$(wc -l < err.txt)" -eq 1 ] && grep -q "nowhere" err.txt && [ ! -e bad.png ]; then
  echo "ok: unknown site: $(cat err.txt)"
else
  echo "FAIL: unknown site: status $status: $(cat err.txt)"; failures=$((failures + 1))
fi
[ $failures -eq 0 ]
