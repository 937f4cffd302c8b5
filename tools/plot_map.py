#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""Map of one variable of an airshed NetCDF file at one level and time, on the projected grid in km.

  plot_map.py kangbashi.nc --var co --time 2026-11-28T06:00Z --level 0 --lonlat --out co.png

Works on the model output and on meteorology files (any (time, [level,] y, x) variable, e.g. pblh or t).
"""
import argparse
import os
import sys

import numpy as np

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import airshed_nc as nc  # noqa: E402


def parse_args():
    p = argparse.ArgumentParser(description="Map of a variable at one level and time on the projected x/y grid (km).")
    p.add_argument("file", metavar="FILE.nc", help="airshed output (or meteorology) NetCDF file")
    p.add_argument("--var", required=True, help="variable to plot, e.g. co")
    p.add_argument("--time", help="record: ISO 8601 UTC time (2026-11-28T06:00Z) or index (0 first, -1 last; default -1)")
    p.add_argument("--level", type=int, help="level index from the ground (default 0, the lowest layer)")
    p.add_argument("--out", help="PNG to write (default: <file stem>_<var>_<time>_k<level>.png)")
    p.add_argument("--lonlat", action="store_true", help="overlay longitude/latitude lines from the file's lon/lat")
    p.add_argument("--vmin", type=float, help="lower end of the colour scale")
    p.add_argument("--vmax", type=float, help="upper end of the colour scale")
    p.add_argument("--cmap", default="viridis", help="matplotlib colour map (default viridis)")
    p.add_argument("--utc-offset", type=float, help="local time minus UTC in hours (default: from the file's comment)")
    p.add_argument("--dpi", type=int, default=110, help="resolution of the PNG (default 110)")
    return p.parse_args()


def lonlat_overlay(ax, lon, lat, xc, yc):
    from matplotlib.ticker import MaxNLocator
    for values, suffix in ((lon, "°E"), (lat, "°N")):
        levels = MaxNLocator(nbins=5, steps=[1, 2, 2.5, 5, 10]).tick_values(values.min(), values.max())
        levels = levels[(levels > values.min()) & (levels < values.max())]
        if len(levels) == 0:
            continue
        cs = ax.contour(xc, yc, values, levels=levels, colors="white", linewidths=0.7, linestyles="--", alpha=0.9)
        ax.clabel(cs, fmt=lambda v: f"{v:g}{suffix}", fontsize=7, colors="white")


def main():
    a = parse_args()
    plt = nc.pyplot()
    if a.cmap not in plt.colormaps():
        raise nc.ToolError(f"--cmap '{a.cmap}' is not a matplotlib colour map")
    ds = nc.open_dataset(a.file)
    var = nc.field(ds, a.var)
    k = nc.check_level(var, a.level)
    n = nc.time_index(ds, a.time)
    t = nc.times(ds)[n]
    data = var[n, k] if k is not None else var[n]
    data = np.ma.masked_invalid(np.ma.asarray(data, dtype=float))
    if data.count() == 0:
        raise nc.ToolError(f"{a.file}: variable '{a.var}' has no valid values at record {n}")

    xdim, ydim = nc.axis_names(ds)
    xe, xc = nc.edges_km(ds, xdim)
    ye, yc = nc.edges_km(ds, ydim)
    name, units = nc.label(var)
    offset = nc.utc_offset(ds, a.utc_offset)
    if k is None:
        where = "surface field"
    else:
        where = nc.level_height(ds, var, k)
        where += f" (level {k})" if where != f"level {k}" else ""

    width = 7.4
    height = max(4.0, min(9.0, width * (ye[-1] - ye[0]) / (xe[-1] - xe[0]) * 0.82 + 1.2))
    fig, ax = plt.subplots(figsize=(width, height), dpi=a.dpi, layout="constrained")
    mesh = ax.pcolormesh(xe, ye, data, cmap=a.cmap, vmin=a.vmin, vmax=a.vmax, shading="flat")
    bar = fig.colorbar(mesh, ax=ax, shrink=0.9, pad=0.02)
    bar.set_label(f"{a.var} [{units}]")
    if a.lonlat:
        lon, lat = nc.lonlat(ds)
        if lon is None:
            raise nc.ToolError(f"{a.file}: --lonlat needs 2-D lon/lat variables, and the file has none")
        lonlat_overlay(ax, lon, lat, xc, yc)

    if data.max() > data.min():
        j, i = np.unravel_index(np.ma.argmax(data), data.shape)
        ax.plot(xc[i], yc[j], marker="+", color="red", markersize=10, markeredgewidth=1.5)
        stats = f"min {data.min():.4g}, mean {data.mean():.4g}, max {data.max():.4g} {units} (+)"
    else:
        stats = f"uniform {data.max():.4g} {units}"
    ax.text(0.01, 0.01, stats,
            transform=ax.transAxes, fontsize=8, va="bottom", ha="left",
            bbox=dict(boxstyle="round,pad=0.25", facecolor="white", alpha=0.8, linewidth=0))
    ax.set_aspect("equal")
    ax.set_xlim(xe[0], xe[-1])
    ax.set_ylim(ye[0], ye[-1])
    projection = nc.projection_label(ds, var)
    ax.set_xlabel(f"x (km, {projection} projection)")
    ax.set_ylabel("y (km)")
    title = f"{nc.case_name(ds)}: {a.var}, {where}\n{nc.when_text(t, offset)}"
    ax.set_title(title, fontsize=10)
    if name != a.var:
        fig.suptitle(name, fontsize=8, color="0.3")

    out = a.out or nc.default_png(a.file, a.var, t.strftime("%Y%m%dT%H%M"), f"k{k}" if k is not None else "")
    nc.save(fig, out)


if __name__ == "__main__":
    nc.run(main)
