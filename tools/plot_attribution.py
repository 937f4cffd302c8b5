#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""Each source group's share per site, as stacked horizontal bars, from an apportionment table CSV.

  plot_attribution.py kangbashi-apportionment.csv                      # episode, peak window, pm25 and o3
  plot_attribution.py table.csv --period 2026-11-29 --window all --quantity pm25 --quantity pm25_so4

The table is the one airshed writes (docs/apportionment-outputs.md): columns period, site, quantity, window,
window_start, group, value, unit, share_percent. One panel per quantity, one bar per site (in the order of
the file), one segment per group (the same colour in every panel); the label gives the site's mean over the
window (the `total` row). Negative shares are drawn left of zero; an empty share (host mean 0) counts as 0.
Standard library, numpy and matplotlib only.
"""
import argparse
import csv
import os
import sys

import numpy as np

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import airshed_nc as nc  # noqa: E402

COLUMNS = ("period", "site", "quantity", "window", "window_start", "group", "value", "unit", "share_percent")
DEFAULT_QUANTITIES = ("pm25", "o3")


def parse_args():
    p = argparse.ArgumentParser(description="Stacked bars of each source group's share per site.")
    p.add_argument("file", metavar="TABLE.csv", help="apportionment table written by airshed")
    p.add_argument("--quantity", action="append",
                   help="quantity to plot, one panel each (repeat for more; default: pm25 and o3, those present)")
    p.add_argument("--period", default="episode", help="local date YYYY-MM-DD or 'episode' (default)")
    p.add_argument("--window", default="peak", choices=("peak", "all"),
                   help="'peak' (the peak-hours window, default) or 'all' (every hour of the period)")
    p.add_argument("--out", help="PNG to write (default: <file stem>_<period>_<window>.png)")
    p.add_argument("--dpi", type=int, default=110, help="resolution of the PNG (default 110)")
    return p.parse_args()


def number(text, where):
    if text is None or text.strip() == "":
        return None
    try:
        return float(text)
    except ValueError:
        raise nc.ToolError(f"{where}: '{text}' is not a number") from None


def read_table(path):
    if not os.path.exists(path):
        raise nc.ToolError(f"{path}: no such file")
    try:
        with open(path, newline="", encoding="utf-8") as f:
            reader = csv.DictReader(f)
            missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
            if missing:
                raise nc.ToolError(f"{path}: not an apportionment table (missing column {', '.join(missing)})")
            rows = []
            for row in reader:
                where = f"{path}:{reader.line_num}"
                row["value"] = number(row["value"], where)
                row["share_percent"] = number(row["share_percent"], where)
                rows.append(row)
    except OSError as e:
        raise nc.ToolError(f"{path}: cannot read ({e.strerror or e})") from e
    except (csv.Error, UnicodeDecodeError) as e:
        raise nc.ToolError(f"{path}: not a CSV table ({e})") from e
    return rows


def available(values):
    return ", ".join(dict.fromkeys(values)) or "none"


def select(rows, a):
    """{quantity: rows of the period and window}, quantities in the order asked."""
    periods = [r["period"] for r in rows]
    if a.period not in periods:
        raise nc.ToolError(f"{a.file}: no period '{a.period}' (available: {available(periods)})")
    chosen = [r for r in rows if r["period"] == a.period and r["window"] == a.window]
    quantities = [r["quantity"] for r in chosen]
    if a.quantity:
        wanted = list(dict.fromkeys(a.quantity))
        for q in wanted:
            if q not in quantities:
                raise nc.ToolError(f"{a.file}: no quantity '{q}' for period {a.period}, window {a.window} "
                                   f"(available: {available(quantities)})")
    else:
        # airshed names O3 as the mechanism does ("O3"); match the defaults regardless of case.
        present = list(dict.fromkeys(quantities))
        wanted = [p for q in DEFAULT_QUANTITIES for p in present if p.lower() == q]
        if not wanted:
            raise nc.ToolError(f"{a.file}: none of {', '.join(DEFAULT_QUANTITIES)} for period {a.period}, window "
                               f"{a.window}; choose with --quantity (available: {available(quantities)})")
    return {q: [r for r in chosen if r["quantity"] == q] for q in wanted}


def colours(groups):
    import matplotlib

    cmap = matplotlib.colormaps["tab20" if len(groups) > 10 else "tab10"]
    return {g: cmap(k % cmap.N) for k, g in enumerate(groups)}


def draw(ax, quantity, rows, palette):
    sites = list(dict.fromkeys(r["site"] for r in rows))
    groups = [g for g in palette if any(r["group"] == g for r in rows)]
    share = {(r["site"], r["group"]): r["share_percent"] or 0.0 for r in rows if r["group"] != "total"}
    total = {r["site"]: r for r in rows if r["group"] == "total"}
    y = np.arange(len(sites))
    right = np.zeros(len(sites))
    left = np.zeros(len(sites))
    for g in groups:
        s = np.array([share.get((site, g), 0.0) for site in sites])
        start = np.where(s >= 0, right, left + s)
        ax.barh(y, np.abs(s), left=start, color=palette[g], edgecolor="white", linewidth=0.5, height=0.7)
        right += np.where(s >= 0, s, 0.0)
        left += np.where(s < 0, s, 0.0)
    labels = []
    for site in sites:
        t = total.get(site)
        text = site
        if t is not None and t["value"] is not None:
            text += f"\n{t['value']:.3g} {t['unit']}"
            if t["share_percent"] is not None and abs(t["share_percent"] - 100.0) > 1.0:
                text += f", groups sum to {t['share_percent']:.0f} %"
        labels.append(text)
    ax.set_yticks(y, labels, fontsize=8)
    ax.invert_yaxis()  # the first site on top, as in the file
    ax.axvline(0.0, color="black", linewidth=0.6)
    ax.axvline(100.0, color="grey", linewidth=0.6, linestyle="--")
    ax.set_xlim(min(0.0, left.min() * 1.05), max(100.0, right.max() * 1.02))
    ax.set_xlabel("share of the site's mean [%]")
    unit = rows[0]["unit"] if rows else ""
    ax.set_title(f"{quantity} [{unit}]", fontsize=10)
    ax.grid(True, axis="x", alpha=0.3)


def main():
    a = parse_args()
    rows = read_table(a.file)
    panels = select(rows, a)
    plt = nc.pyplot()
    groups = list(dict.fromkeys(r["group"] for q in panels.values() for r in q if r["group"] != "total"))
    palette = colours(groups)
    n_sites = max(len({r["site"] for r in q}) for q in panels.values())
    fig, axes = plt.subplots(1, len(panels), figsize=(4.8 * len(panels) + 1.2, 1.6 + 0.55 * n_sites), dpi=a.dpi,
                             layout="constrained", squeeze=False, sharey=False)
    for ax, (quantity, q_rows) in zip(axes[0], panels.items()):
        draw(ax, quantity, q_rows, palette)
    handles = [plt.Rectangle((0, 0), 1, 1, color=palette[g]) for g in groups]
    # Beside the last panel (matplotlib 3.6 of Debian 12 has no "outside" figure legends).
    axes[0, -1].legend(handles, groups, loc="upper left", bbox_to_anchor=(1.02, 1.0), fontsize=8, frameon=False,
                       title="group", title_fontsize=8)
    starts = sorted({r["window_start"] for q in panels.values() for r in q})
    if a.window == "peak":
        when = "peak window" + (f" from {starts[0]}" if len(starts) == 1 else "s (per site and quantity)")
    else:
        when = "all hours"
    fig.suptitle(f"Source group shares, {a.period}, {when}", fontsize=10)
    out = a.out or nc.default_png(a.file, a.period, a.window)
    nc.save(fig, out)


def run():
    """As airshed_nc.run, without needing netCDF4 (this tool reads CSV only)."""
    try:
        main()
    except nc.ToolError as e:
        print(f"{nc.tool_name()}: error: {e}", file=sys.stderr)
        sys.exit(2)


if __name__ == "__main__":
    run()
