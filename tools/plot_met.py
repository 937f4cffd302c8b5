#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""Panel of the meteorology at one grid cell over time, to look at what `airshed make-met` (or any CF met
file the model reads) holds: boundary-layer height, friction velocity, shortwave down and sensible heat flux,
wind speed and direction and the air temperature of the lowest layer (or --level k).

  plot_met.py kangbashi-met.nc --out met.png                 # the centre cell
  plot_met.py met.nc --lon 109.78 --lat 39.61 --utc-offset 8

Variables are found as the model's reader finds them (docs/inputs.md): by standard_name first, then by the
usual names (u/U/ua, pblh/PBLH/blh, ust/UST, swdown/SWDOWN/rsds, hfx/HFX/hfss, t/T/ta, ...). Values are
plotted in the file's own units; the wind direction is the meteorological "from" direction, computed from
earth-relative winds (grid-relative x_wind/y_wind are marked as such).
"""
import argparse
import os
import sys

import numpy as np

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import airshed_nc as nc  # noqa: E402

# (role, standard names, fallback names, long_name phrase, required)
ROLES = [
    ("u", ["eastward_wind", "x_wind"], ["u", "U", "ua", "uwnd", "x_wind"], None, True),
    ("v", ["northward_wind", "y_wind"], ["v", "V", "va", "vwnd", "y_wind"], None, True),
    ("t", ["air_temperature"], ["t", "ta", "temp", "T", "TA"], None, True),
    ("pblh", ["atmosphere_boundary_layer_thickness"], ["pblh", "PBLH", "blh", "PBL"], None, True),
    ("ust", [], ["ust", "ustar", "UST", "USTAR", "friction_velocity"], "friction velocity", True),
    ("swdown", ["surface_downwelling_shortwave_flux_in_air"], ["swdown", "SWDOWN", "rsds", "RGRND", "ssrd"], None, True),
    ("hfx", ["surface_upward_sensible_heat_flux"], ["hfx", "HFX", "hfss"], None, False),
]
DESCRIPTIONS = {"u": "eastward wind", "v": "northward wind", "t": "air temperature", "pblh": "boundary-layer height",
                "ust": "friction velocity", "swdown": "downwelling shortwave", "hfx": "sensible heat flux"}


def parse_args():
    p = argparse.ArgumentParser(description="Meteorology at one grid cell over time (PBL height, u*, radiation, "
                                            "wind and temperature of a layer).")
    p.add_argument("file", metavar="MET.nc", help="CF meteorology file, e.g. written by `airshed make-met`")
    p.add_argument("--lon", type=float, help="longitude of the point, degrees east (default: the centre cell)")
    p.add_argument("--lat", type=float, help="latitude of the point, degrees north")
    p.add_argument("--i", type=int, help="cell index west-east (instead of --lon/--lat)")
    p.add_argument("--j", type=int, help="cell index south-north (instead of --lon/--lat)")
    p.add_argument("--level", type=int, default=0,
                   help="level of the wind and temperature panels (default 0, the lowest layer)")
    p.add_argument("--out", help="PNG to write (default: <file stem>_met_i<i>_j<j>.png)")
    p.add_argument("--utc-offset", type=float, help="local time minus UTC in hours, for a local-time axis")
    p.add_argument("--dpi", type=int, default=110, help="resolution of the PNG (default 110)")
    a = p.parse_args()
    if (a.lon is None) != (a.lat is None) or (a.i is None) != (a.j is None) or (a.lon is not None and a.i is not None):
        p.error("give --lon and --lat, or --i and --j, or neither (the centre cell)")
    return a


def find(ds, role, standard_names, names, phrase, required, dims_ok):
    variables = list(ds.variables.values())
    for std in standard_names:
        for v in variables:
            if nc.attr(v, "standard_name") == std and dims_ok(v):
                return v, std in ("x_wind", "y_wind")
    for name in names:
        v = ds.variables.get(name)
        if v is not None and dims_ok(v):
            return v, name in ("x_wind", "y_wind")
    if phrase:
        for v in variables:
            if phrase in str(nc.attr(v, "long_name", "")).lower() and dims_ok(v):
                return v, False
    if required:
        looked = ", ".join(dict.fromkeys(standard_names + names)) + (f", long_name containing '{phrase}'" if phrase else "")
        raise nc.ToolError(f"{ds.filepath()}: no {DESCRIPTIONS[role]} variable (looked for {looked})")
    return None, False


def main():
    a = parse_args()
    plt = nc.pyplot()
    import matplotlib.dates as mdates

    ds = nc.open_dataset(a.file)
    xdim, ydim = nc.axis_names(ds)
    found = {}
    for role, std, names, phrase, required in ROLES:
        ndim = 4 if role in ("u", "v", "t") else 3
        found[role] = find(ds, role, std, names, phrase, required,
                           lambda v, n=ndim: v.ndim == n and v.dimensions[-2:] == (ydim, xdim))
    if a.lon is not None:
        i, j, _ = nc.nearest_cell(ds, a.lon, a.lat)
    elif a.i is not None:
        i, j = a.i, a.j
        nc.check_cell(ds, i, j)
    else:
        i, j = len(ds.dimensions[xdim]) // 2, len(ds.dimensions[ydim]) // 2
    ts = nc.times(ds)
    offset = nc.utc_offset(ds, a.utc_offset)

    def series(role, level=None):
        v = found[role][0]
        values = v[:, level, j, i] if level is not None else v[:, j, i]
        return np.ma.masked_invalid(np.ma.asarray(values, dtype=float)), str(nc.attr(v, "units", "?"))

    k = nc.check_level(found["u"][0], a.level)
    nc.check_level(found["t"][0], k)
    u, speed_units = series("u", k)
    v, _ = series("v", k)
    speed = np.ma.hypot(u, v)
    direction = np.ma.mod(np.degrees(np.ma.arctan2(-u, -v)), 360.0)
    grid_relative = found["u"][1]
    layer = "the lowest layer" if k == 0 else f"layer {k}"
    height = nc.level_height(ds, found["u"][0], k)

    fig, axes = plt.subplots(5, 1, figsize=(8.0, 11.0), dpi=a.dpi, sharex=True, layout="constrained")
    marker = "." if len(ts) <= 80 else None

    pblh, units = series("pblh")
    axes[0].plot(ts, pblh, marker=marker, color="tab:purple")
    axes[0].set_ylabel(f"PBL height [{units}]")
    axes[0].set_ylim(bottom=0)

    ust, units = series("ust")
    axes[1].plot(ts, ust, marker=marker, color="tab:brown")
    axes[1].set_ylabel(f"u* [{units}]")
    axes[1].set_ylim(bottom=0)

    sw, units = series("swdown")
    axes[2].plot(ts, sw, marker=marker, color="tab:orange", label="shortwave down")
    if found["hfx"][0] is not None:
        hfx, hunits = series("hfx")
        axes[2].plot(ts, hfx, marker=marker, color="tab:red",
                     label="sensible heat flux, upward" + (f" [{hunits}]" if hunits != units else ""))
        axes[2].axhline(0.0, color="0.5", linewidth=0.6)
    axes[2].set_ylabel(f"flux [{units}]")
    axes[2].legend(fontsize=8, loc="upper right")

    axes[3].plot(ts, speed, marker=marker, color="tab:blue")
    axes[3].set_ylabel(f"wind speed [{speed_units}]", color="tab:blue")
    axes[3].set_ylim(bottom=0)
    right = axes[3].twinx()
    right.plot(ts, direction, linestyle="none", marker="o", markersize=3, color="tab:green")
    right.set_ylim(0, 360)
    right.set_yticks([0, 90, 180, 270, 360])
    right.set_ylabel("direction from [deg]" + (" (grid)" if grid_relative else ""), color="tab:green")
    axes[3].set_title(f"wind of {layer} ({height})" + (", grid-relative" if grid_relative else ""),
                      fontsize=9)

    temperature, units = series("t", k)
    axes[4].plot(ts, temperature, marker=marker, color="tab:red")
    axes[4].set_ylabel(f"air temperature [{units}]")
    axes[4].set_title(f"air temperature of {layer} ({nc.level_height(ds, found['t'][0], k)})", fontsize=9)

    for ax in axes:
        ax.grid(True, alpha=0.3)
    axes[-1].set_xlabel("time (UTC)")
    locator = mdates.AutoDateLocator()
    axes[-1].xaxis.set_major_locator(locator)
    axes[-1].xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    axes[0].set_xlim(ts[0], ts[-1])
    if offset is not None:
        shift = offset / 24.0
        top = axes[0].secondary_xaxis("top", functions=(lambda x: x + shift, lambda x: x - shift))
        top.xaxis.set_major_locator(mdates.AutoDateLocator())
        top.xaxis.set_major_formatter(mdates.DateFormatter("%H:%M"))
        top.set_xlabel(f"local time ({nc.offset_text(offset)})", fontsize=9)

    lon, lat = nc.cell_lonlat(ds, i, j)
    place = f"cell i={i}, j={j}" + (f" ({lon:.3f} E, {lat:.3f} N)" if lon is not None else "")
    title = nc.attr(ds, "title") or os.path.basename(a.file)
    fig.suptitle(f"{title}\n{place}", fontsize=10)
    nc.save(fig, a.out or nc.default_png(a.file, "met", f"i{i}", f"j{j}", f"k{k}" if k else ""))


if __name__ == "__main__":
    nc.run(main)
