#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""Each source group's attribution by tagging next to its brute-force impact, for O3 and PM2.5 at one site.

  plot_tagging_vs_brute_force.py run-apportionment.csv bf-apportion-brute-force.csv --site built_up \
      --output tagging-vs-brute-force.png

The first file is the table of a tagged run (docs/apportionment-outputs.md: period, site, quantity, window,
window_start, group, value, unit, share_percent): its episode mean over all hours ("episode", "all") per group.
The second is the table of `airshed apportion --method brute-force` (docs/apportionment-ensembles.md:
method, site, quantity, statistic, group, value, unit, standard_error): its episode-mean impact per group
("mean"). Both are concentrations in the quantity's unit, so the bars compare directly; the brute-force
panel also shows the remainder (the part of the total change no single removal explains). Groups present in
only one table are drawn with the other bar missing. Standard library, numpy and matplotlib only.
"""
import argparse
import csv
import sys

import numpy as np


def fail(message):
    print(f"plot_tagging_vs_brute_force.py: {message}", file=sys.stderr)
    sys.exit(2)


def read(path, required):
    try:
        with open(path, newline="") as f:
            rows = list(csv.DictReader(f))
    except OSError as e:
        fail(f"{path}: {e.strerror}")
    if not rows or any(c not in rows[0] for c in required):
        fail(f"{path}: not a table with the columns {', '.join(required)}")
    return rows


def main():
    p = argparse.ArgumentParser(description="Tagging shares next to brute-force impacts.")
    p.add_argument("tagging", metavar="TAGGED.csv", help="table of a tagged run (<stem>-apportionment.csv)")
    p.add_argument("brute_force", metavar="BF.csv", help="table of airshed apportion --method brute-force")
    p.add_argument("--site", required=True, help="site (receptor name or the area's name)")
    p.add_argument("--quantity", action="append", help="quantities (default: O3 and pm25)")
    p.add_argument("--exclude", default="",
                   help="groups left out of the bars, comma separated (e.g. boundary,initial, which dwarf local "
                        "sources); their values go into the panel title")
    p.add_argument("--output", required=True, help="PNG to write")
    a = p.parse_args()
    quantities = a.quantity or ["O3", "pm25"]
    tagged = read(a.tagging, ("period", "site", "quantity", "window", "group", "value", "unit"))
    brute = read(a.brute_force, ("method", "site", "quantity", "statistic", "group", "value", "unit"))

    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, len(quantities), figsize=(5.2 * len(quantities), 4.2), squeeze=False)
    for ax, q in zip(axes[0], quantities):
        tag = {r["group"]: float(r["value"]) for r in tagged
               if r["period"] == "episode" and r["window"] == "all" and r["site"] == a.site
               and r["quantity"].lower() == q.lower()}
        bf = {r["group"]: float(r["value"]) for r in brute
              if r["statistic"] == "mean" and r["site"] == a.site and r["quantity"].lower() == q.lower()}
        if not tag or not bf:
            fail(f"no episode means of {q} at site '{a.site}' in both tables")
        units = [r["unit"] for r in tagged if r["quantity"].lower() == q.lower()]
        excluded = [g for g in a.exclude.split(",") if g]
        skip = {"total", "all_on", "all_off"} | set(excluded)
        groups = [g for g in tag if g not in skip]
        groups += [g for g in bf if g not in skip and g not in groups]
        x = np.arange(len(groups))
        t = [tag.get(g, np.nan) for g in groups]
        b = [bf.get(g, np.nan) for g in groups]
        ax.bar(x - 0.2, t, 0.4, label="tagging: share of the mean", color="#4477aa")
        ax.bar(x + 0.2, b, 0.4, label="brute force: mean minus mean without", color="#ee6677")
        ax.axhline(0.0, color="black", linewidth=0.6)
        ax.set_xticks(x)
        ax.set_xticklabels(groups, rotation=35, ha="right")
        ax.set_ylabel(f"{q} [{units[0] if units else ''}]")
        host = tag.get("total", np.nan)
        unit = units[0] if units else ""
        title = f"{q} at {a.site}: episode mean {host:.3g} {unit}"
        if excluded:
            title += "\nnot drawn: " + ", ".join(
                f"{g} {tag.get(g, np.nan):.3g} / {bf.get(g, np.nan):.3g}" for g in excluded)
        ax.set_title(title, fontsize=9)
        ax.grid(axis="y", alpha=0.3)
    axes[0][0].legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(a.output, dpi=110)
    print(f"wrote {a.output}")


if __name__ == "__main__":
    main()
