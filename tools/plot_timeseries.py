#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""Time series of one or more variables of an airshed NetCDF file at one grid cell.

  plot_timeseries.py kangbashi.nc --var co --var city_tracer --lon 109.78 --lat 39.61 --out point.png
  plot_timeseries.py kangbashi.nc --var primary_pm25 --i 31 --j 32 --level 2

The cell is the one whose centre is nearest to --lon/--lat (great-circle distance on the file's lon/lat), or
--i (west-east) / --j (south-north) counted from 0 at the south-west corner. Variables with the same units
share a panel.
"""
import argparse
import datetime as dt
import os
import sys

import numpy as np

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import airshed_nc as nc  # noqa: E402


def parse_args():
    p = argparse.ArgumentParser(description="Time series of variables at the grid cell nearest a point.")
    p.add_argument("file", metavar="FILE.nc", help="airshed output (or meteorology) NetCDF file")
    p.add_argument("--var", action="append", required=True, help="variable to plot (repeat for more)")
    p.add_argument("--lon", type=float, help="longitude of the point, degrees east")
    p.add_argument("--lat", type=float, help="latitude of the point, degrees north")
    p.add_argument("--i", type=int, help="cell index west-east (instead of --lon/--lat)")
    p.add_argument("--j", type=int, help="cell index south-north (instead of --lon/--lat)")
    p.add_argument("--level", type=int, help="level index from the ground (default 0, the lowest layer)")
    p.add_argument("--out", help="PNG to write (default: <file stem>_ts_<vars>_i<i>_j<j>.png)")
    p.add_argument("--utc-offset", type=float, help="local time minus UTC in hours (default: from the file's comment)")
    p.add_argument("--dpi", type=int, default=110, help="resolution of the PNG (default 110)")
    a = p.parse_args()
    by_lonlat = a.lon is not None or a.lat is not None
    by_index = a.i is not None or a.j is not None
    if by_lonlat == by_index or (by_lonlat and (a.lon is None or a.lat is None)) or (
            by_index and (a.i is None or a.j is None)):
        p.error("give either --lon and --lat, or --i and --j")
    return a


def main():
    a = parse_args()
    plt = nc.pyplot()
    import matplotlib.dates as mdates

    ds = nc.open_dataset(a.file)
    variables = [nc.field(ds, name) for name in dict.fromkeys(a.var)]
    if a.lon is not None:
        i, j, distance = nc.nearest_cell(ds, a.lon, a.lat)
    else:
        i, j, distance = a.i, a.j, None
        nc.check_cell(ds, i, j)
    levels = [nc.check_level(v, a.level) for v in variables]
    ts = nc.times(ds)
    offset = nc.utc_offset(ds, a.utc_offset)

    groups = {}  # units -> [(variable, level)]
    for var, k in zip(variables, levels):
        groups.setdefault(nc.label(var)[1], []).append((var, k))
    fig, axes = plt.subplots(len(groups), 1, figsize=(8.0, 1.2 + 2.6 * len(groups)), dpi=a.dpi, sharex=True,
                             layout="constrained", squeeze=False)
    axes = axes[:, 0]
    for ax, (units, members) in zip(axes, groups.items()):
        for var, k in members:
            series = var[:, k, j, i] if k is not None else var[:, j, i]
            series = np.ma.masked_invalid(np.ma.asarray(series, dtype=float))
            name, _ = nc.label(var)
            where = nc.level_height(ds, var, k) if k is not None else "surface"
            name = name if len(name) <= 48 else var.name  # long names crowd the legend
            ax.plot(ts, series, marker="." if len(ts) <= 48 else None, label=f"{name}, {where}")
        ax.set_ylabel(f"[{units}]")
        ax.grid(True, alpha=0.3)
        ax.legend(fontsize=8, loc="best")
    axes[-1].set_xlabel("time (UTC)")
    locator = mdates.AutoDateLocator()
    axes[-1].xaxis.set_major_locator(locator)
    axes[-1].xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    if offset is not None:
        shift = offset / 24.0  # matplotlib dates are in days
        top = axes[0].secondary_xaxis("top", functions=(lambda x: x + shift, lambda x: x - shift))
        top.xaxis.set_major_locator(mdates.AutoDateLocator())
        top.xaxis.set_major_formatter(mdates.DateFormatter("%H:%M"))
        top.set_xlabel(f"local time ({nc.offset_text(offset)})", fontsize=9)
    axes[0].set_xlim(ts[0], ts[-1] if len(ts) > 1 else ts[0] + dt.timedelta(hours=1))

    lon, lat = nc.cell_lonlat(ds, i, j)
    place = f"cell i={i}, j={j}"
    if lon is not None:
        place += f" ({lon:.3f} E, {lat:.3f} N"
        place += f"; {distance:.2f} km from {a.lon:g} E, {a.lat:g} N)" if distance is not None else ")"
    fig.suptitle(f"{nc.case_name(ds)}: {place}", fontsize=10)

    out = a.out or nc.default_png(a.file, "ts", "-".join(v.name for v in variables), f"i{i}", f"j{j}")
    nc.save(fig, out)


if __name__ == "__main__":
    nc.run(main)
