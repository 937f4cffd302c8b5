# SPDX-License-Identifier: Apache-2.0
"""Shared helpers of the plotting tools in this folder (not a tool itself).

Opening an airshed NetCDF file (output or meteorology) with one-line errors, finding variables, decoding CF
time, the UTC offset of the output's `comment`, the nearest cell to a longitude/latitude, and the matplotlib
set-up (Agg backend, no display needed). Only numpy, netCDF4 and matplotlib (Debian's python3 packages).
"""
import datetime as _dt
import math
import os
import re
import sys

import numpy as np

try:
    import netCDF4
except ImportError:  # pragma: no cover - reported as a one-line error by fail()
    netCDF4 = None


class ToolError(Exception):
    """A user error: printed as one line '<tool>: error: <message>', exit status 2."""


def tool_name():
    return os.path.basename(sys.argv[0]) or "tool"


def run(main):
    """Call main(); a ToolError (or a missing module) becomes one line on stderr and exit status 2."""
    try:
        if netCDF4 is None:
            raise ToolError("the Python module netCDF4 is missing (Debian: apt-get install python3-netcdf4)")
        main()
    except ToolError as e:
        print(f"{tool_name()}: error: {e}", file=sys.stderr)
        sys.exit(2)


def pyplot():
    """matplotlib.pyplot on the Agg backend (files only, no display)."""
    try:
        import matplotlib
    except ImportError as e:
        raise ToolError("the Python module matplotlib is missing (Debian: apt-get install python3-matplotlib)") from e
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    return plt


def open_dataset(path):
    if not os.path.exists(path):
        raise ToolError(f"{path}: no such file")
    try:
        ds = netCDF4.Dataset(path)
    except OSError as e:
        raise ToolError(f"{path}: cannot open as NetCDF ({e.strerror or e})") from e
    ds.set_auto_mask(True)
    return ds


def attr(obj, name, default=None):
    return obj.getncattr(name) if name in obj.ncattrs() else default


# ------------------------------------------------------------------------------------------------------------
# Grid


def axis_names(ds):
    """Names of the projected x and y dimensions: by standard_name, else 'x' and 'y'."""
    found = {}
    for name, var in ds.variables.items():
        std = attr(var, "standard_name", "")
        if var.ndim == 1 and var.dimensions == (name,) and std in ("projection_x_coordinate", "projection_y_coordinate"):
            found.setdefault(std[11], name)
    x, y = found.get("x", "x"), found.get("y", "y")
    if x not in ds.dimensions or y not in ds.dimensions:
        raise ToolError(f"{ds.filepath()}: no projected x/y coordinates (projection_x_coordinate, projection_y_coordinate)")
    return x, y


def metres_per_unit(var):
    units = str(attr(var, "units", "m")).strip()
    scale = {"m": 1.0, "meter": 1.0, "meters": 1.0, "metre": 1.0, "metres": 1.0, "km": 1000.0}.get(units)
    if scale is None:
        raise ToolError(f"variable '{var.name}': units '{units}' are not m or km")
    return scale


def edges_km(ds, axis):
    """Cell edges of a projected axis in km, from its bounds when present, else from the centres."""
    var = ds.variables[axis]
    scale = metres_per_unit(var)
    centres = np.asarray(var[:], dtype=float) * scale
    bounds = attr(var, "bounds")
    if bounds in ds.variables and ds.variables[bounds].shape == (len(centres), 2):
        b = np.asarray(ds.variables[bounds][:], dtype=float) * scale
        edges = np.append(b[:, 0], b[-1, 1])
    else:
        step = centres[1] - centres[0] if len(centres) > 1 else 1000.0
        edges = np.append(centres - 0.5 * step, centres[-1] + 0.5 * step)
    return edges / 1000.0, centres / 1000.0


def projection_label(ds, var):
    """'Lambert conformal conic' from the variable's grid_mapping (or the 'crs' variable)."""
    name = str(attr(var, "grid_mapping", "crs")).split(":")[0].strip()
    crs = ds.variables.get(name)
    kind = attr(crs, "grid_mapping_name", "") if crs is not None else ""
    return kind.replace("_", " ").capitalize() if kind else "projected"


def lonlat(ds):
    """2-D (lon, lat) of the cell centres, or (None, None) when the file has none."""
    lon = next((v for v in ds.variables.values() if attr(v, "standard_name") == "longitude" and v.ndim == 2), None)
    lat = next((v for v in ds.variables.values() if attr(v, "standard_name") == "latitude" and v.ndim == 2), None)
    if lon is None or lat is None:
        lon, lat = ds.variables.get("lon"), ds.variables.get("lat")
    if lon is None or lat is None or lon.ndim != 2:
        return None, None
    return np.asarray(lon[:], dtype=float), np.asarray(lat[:], dtype=float)


def nearest_cell(ds, lon0, lat0):
    """(i, j, distance in km) of the cell whose centre is nearest to (lon0, lat0); an error outside the grid."""
    lon, lat = lonlat(ds)
    if lon is None:
        raise ToolError(f"{ds.filepath()}: no 2-D lon/lat variables to find the point in; use --i/--j")
    p0, p = math.radians(lat0), np.radians(lat)
    dl = np.radians(lon - lon0)
    a = np.sin(0.5 * (p - p0)) ** 2 + math.cos(p0) * np.cos(p) * np.sin(0.5 * dl) ** 2
    dist = 2.0 * 6371.0 * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0)))
    j, i = np.unravel_index(np.argmin(dist), dist.shape)
    x, y = axis_names(ds)
    ex, _ = edges_km(ds, x)
    ey, _ = edges_km(ds, y)
    diagonal = math.hypot(ex[1] - ex[0], ey[1] - ey[0])
    if dist[j, i] > 0.75 * diagonal:
        raise ToolError(f"{ds.filepath()}: point ({lon0:g} E, {lat0:g} N) is outside the grid "
                        f"(nearest cell centre {dist[j, i]:.1f} km away; the grid spans "
                        f"{lon.min():.3f}..{lon.max():.3f} E, {lat.min():.3f}..{lat.max():.3f} N)")
    return int(i), int(j), float(dist[j, i])


def check_cell(ds, i, j):
    x, y = axis_names(ds)
    nx, ny = len(ds.dimensions[x]), len(ds.dimensions[y])
    if not (0 <= i < nx and 0 <= j < ny):
        raise ToolError(f"{ds.filepath()}: cell (i={i}, j={j}) is outside the grid (i 0..{nx - 1}, j 0..{ny - 1})")


def cell_lonlat(ds, i, j):
    lon, lat = lonlat(ds)
    return (float(lon[j, i]), float(lat[j, i])) if lon is not None else (None, None)


# ------------------------------------------------------------------------------------------------------------
# Variables


def field_variables(ds):
    """Names of the fields on the horizontal grid with a time dimension: (time, [level,] y, x)."""
    x, y = axis_names(ds)
    out = []
    for name, var in ds.variables.items():
        d = var.dimensions
        if len(d) in (3, 4) and d[-2:] == (y, x) and (d[0] == "time" or ds.dimensions[d[0]].isunlimited()):
            out.append(name)
    return out


def field(ds, name):
    """The variable `name`; an error listing the available fields when there is none."""
    names = field_variables(ds)
    if name not in names:
        raise ToolError(f"{ds.filepath()}: no variable '{name}' (available: {', '.join(names) or 'none'})")
    return ds.variables[name]


def label(var):
    long_name = attr(var, "long_name")
    units = attr(var, "units", "1")
    text = var.name if not long_name or long_name == var.name else f"{var.name}: {long_name}"
    return text, units


def level_height(ds, var, k):
    """'z = 10 m' for level k of a (time, level, y, x) variable, from the level dimension's coordinate."""
    dim = var.dimensions[1]
    coord = ds.variables.get(dim)
    if coord is None and dim == "zi":
        coord = ds.variables.get("z_interface")
    if coord is None or coord.ndim != 1:
        return f"level {k}"
    return f"{coord.name} = {float(coord[k]):.4g} {attr(coord, 'units', '')}".strip()


def check_level(var, k):
    if var.ndim == 3:
        if k not in (0, None):
            raise ToolError(f"variable '{var.name}' has no levels (dimensions {', '.join(var.dimensions)}); drop --level")
        return None
    n = var.shape[1]
    k = 0 if k is None else k
    if not (-n <= k < n):
        raise ToolError(f"variable '{var.name}': level {k} does not exist (levels 0..{n - 1})")
    return k % n


# ------------------------------------------------------------------------------------------------------------
# Time


def times(ds):
    """Record times as timezone-naive UTC datetimes (CF units, standard calendar)."""
    var = ds.variables.get("time")
    if var is None:
        raise ToolError(f"{ds.filepath()}: no time coordinate 'time'")
    try:
        values = netCDF4.num2date(var[:], attr(var, "units"), attr(var, "calendar", "standard"),
                                  only_use_cftime_datetimes=False, only_use_python_datetimes=True)
    except Exception as e:  # cftime raises ValueError/TypeError with a clear text
        raise ToolError(f"{ds.filepath()}: variable 'time': cannot decode ({e})") from e
    return [_dt.datetime(t.year, t.month, t.day, t.hour, t.minute, t.second) for t in np.atleast_1d(values)]


def iso(t):
    return t.strftime("%Y-%m-%dT%H:%MZ")


def records_text(ts):
    if len(ts) == 1:
        return f"one record at {iso(ts[0])}"
    step = (ts[1] - ts[0]).total_seconds() / 3600.0
    return f"{len(ts)} records, {iso(ts[0])} to {iso(ts[-1])}, every {step:g} h"


def time_index(ds, text):
    """Record index from an integer (negative counts from the end) or an ISO 8601 UTC time."""
    ts = times(ds)
    if text is None:
        return len(ts) - 1
    if re.fullmatch(r"[+-]?\d+", text.strip()):
        n = int(text)
        if not -len(ts) <= n < len(ts):
            raise ToolError(f"{ds.filepath()}: record {n} does not exist ({records_text(ts)})")
        return n % len(ts)
    s = text.strip().replace(" ", "T")
    if s.endswith(("Z", "z")):
        s = s[:-1]
    if s.endswith("UTC"):
        s = s[:-3]
    try:
        want = _dt.datetime.fromisoformat(s)
    except ValueError as e:
        raise ToolError(f"--time '{text}' is neither a record index nor an ISO 8601 UTC time "
                        f"(e.g. 2026-11-28T06:00Z)") from e
    if want.tzinfo is not None:
        want = want.astimezone(_dt.timezone.utc).replace(tzinfo=None)
    for n, t in enumerate(ts):
        if t == want:
            return n
    raise ToolError(f"{ds.filepath()}: no record at {iso(want)} ({records_text(ts)})")


def utc_offset(ds, override=None):
    """Hours of local time minus UTC: --utc-offset, else 'local time is UTC+8' in the global comment."""
    if override is not None:
        return override
    m = re.search(r"local time is UTC\s*([+-]\d+(?:\.\d+)?)", str(attr(ds, "comment", "")))
    return float(m.group(1)) if m else None


def offset_text(hours):
    sign = "+" if hours >= 0 else "-"
    h, m = divmod(round(abs(hours) * 60), 60)
    return f"UTC{sign}{h}" + (f":{m:02d}" if m else "")


def when_text(t, offset):
    text = t.strftime("%Y-%m-%d %H:%M UTC")
    if offset is not None:
        local = t + _dt.timedelta(hours=offset)
        text += local.strftime(f" ({'%Y-%m-%d ' if local.date() != t.date() else ''}%H:%M {offset_text(offset)})")
    return text


def case_name(ds):
    return attr(ds, "case") or attr(ds, "title") or os.path.basename(ds.filepath())


def default_png(path, *parts):
    stem = os.path.splitext(os.path.basename(path))[0]
    return "_".join([stem] + [p for p in parts if p]) + ".png"


def save(fig, out):
    try:
        fig.savefig(out)
    except OSError as e:
        raise ToolError(f"{out}: cannot write ({e.strerror or e})") from e
    print(out)
