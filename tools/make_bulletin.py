#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""The daily forecast bulletin as one self-contained HTML page, from `airshed forecast`'s JSON summary.

  make_bulletin.py fc-bulletin.json [--out-dir DIR]

Reads <stem>-bulletin.json and the files it names (the model output and the daily AQI NetCDF, paths relative to
the JSON's folder) and writes, next to the JSON or in --out-dir:

  <stem>-bulletin.html   the page: warning, daily table, figures (embedded as data URIs), sources, options, notes
  <stem>-map-pm25.png    surface PM2.5 at the site's peak hour (or the domain's, see the caption)
  <stem>-map-o3.png      surface O3 at the site's O3 peak hour (or the domain's)
  <stem>-map-aqi.png     daily AQI of the day with the highest AQI, in the official AQI colour classes
  <stem>-series.png      hourly PM2.5, O3 and 24-h AQI at the site on a local-time axis
  <stem>-sources.png     top source groups' PM2.5 and O3 shares (not written when the JSON has none)

The page needs no network, no JavaScript and no font: CSS is inline, figures are base64 PNGs.
"""
import argparse
import base64
import datetime as dt
import html
import io
import json
import math
import os
import re
import sys

import numpy as np

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import airshed_nc as nc  # noqa: E402

# China AQI classes (HJ 633): upper bound, colour, English and Chinese names.
AQI_CLASSES = [
    (50, "#00E400", "Excellent", "优"),
    (100, "#FFFF00", "Good", "良"),
    (150, "#FF7E00", "Lightly polluted", "轻度污染"),
    (200, "#FF0000", "Moderately polluted", "中度污染"),
    (300, "#99004C", "Heavily polluted", "重度污染"),
    (None, "#7E0023", "Severely polluted", "严重污染"),
]
# Heavy-pollution warning levels (docs/warnings.md): box colour, text colour, Chinese name.
WARNING_STYLE = {
    "none": ("#E8F5E9", "#1B5E20", "无预警"),
    "blue": ("#1E64C8", "#FFFFFF", "蓝色预警"),
    "yellow": ("#FFD400", "#222222", "黄色预警"),
    "orange": ("#FF7E00", "#222222", "橙色预警"),
    "red": ("#D50000", "#FFFFFF", "红色预警"),
}
WARNING_RANK = {"none": 0, "blue": 1, "yellow": 2, "orange": 3, "red": 4}


def parse_args():
    p = argparse.ArgumentParser(description="Self-contained HTML forecast bulletin (and its PNG figures) from "
                                            "airshed forecast's <stem>-bulletin.json.")
    p.add_argument("bulletin", metavar="BULLETIN.json", help="the JSON summary written by airshed forecast")
    p.add_argument("--out-dir", help="folder for the HTML and PNGs (default: the JSON's folder)")
    p.add_argument("--dpi", type=int, default=100, help="resolution of the PNGs (default 100)")
    return p.parse_args()


# ------------------------------------------------------------------------------------------------------------
# The JSON


class Bulletin:
    """The JSON with checked types; `where` names the file in errors."""

    def __init__(self, path):
        self.path = path
        if not os.path.exists(path):
            raise nc.ToolError(f"{path}: no such file")
        try:
            with open(path, encoding="utf-8") as f:
                self.d = json.load(f)
        except UnicodeDecodeError as e:
            raise nc.ToolError(f"{path}: not UTF-8 text ({e.reason})") from e
        except json.JSONDecodeError as e:
            raise nc.ToolError(f"{path}: not valid JSON (line {e.lineno}, column {e.colno}: {e.msg})") from e
        except OSError as e:
            raise nc.ToolError(f"{path}: cannot read ({e.strerror or e})") from e
        if not isinstance(self.d, dict):
            raise nc.ToolError(f"{path}: not a bulletin (the top level is not an object)")
        self.folder = os.path.dirname(os.path.abspath(path))
        d = self.d
        self.title = self.text(d, "title", "title", default="Air-quality forecast")
        self.case = self.text(d, "case", "case", default="")
        self.issued = self.time(self.need(d, "issued", "issued"), "issued")
        self.start = self.time(self.need(d, "start", "start"), "start")
        self.hours = self.number(d, "hours", "hours")
        self.offset = self.number(d, "utc_offset", "utc_offset", default=0.0)
        self.standard = self.text(d, "standard", "standard", default="")
        self.rules = self.text(d, "warning_rules", "warning_rules", default="")
        self.site = self.text(d, "site", "site", default="")
        units = d.get("units") if isinstance(d.get("units"), dict) else {}
        pretty = {"ug m-3": "µg/m³", "ug/m3": "µg/m³", "ug m**-3": "µg/m³", "mg m-3": "mg/m³", "mg/m3": "mg/m³"}
        self.pm25_units = pretty.get(str(units.get("pm25", "ug m-3")), str(units.get("pm25")))
        self.o3_units = pretty.get(str(units.get("o3", "ppb")), str(units.get("o3")))

        files = self.need(d, "files", "files", dict)
        self.output = self.file(files, "output")
        self.aqi = self.file(files, "aqi")

        self.days = []
        for n, day in enumerate(self.need(d, "days", "days", list)):
            w = f"days[{n}]"
            if not isinstance(day, dict):
                raise nc.ToolError(f"{path}: {w} is not an object")
            primary = day.get("primary") or []
            if isinstance(primary, str):
                primary = [primary]
            if not isinstance(primary, list):
                raise nc.ToolError(f"{path}: {w}.primary is not a list")
            self.days.append(dict(
                date=self.text(day, "date", f"{w}.date", required=True),
                aqi=self.number(day, "aqi", f"{w}.aqi", default=None),
                level=self.number(day, "level", f"{w}.level", default=None),
                category=self.text(day, "category", f"{w}.category", default=""),
                category_zh=self.text(day, "category_zh", f"{w}.category_zh", default=""),
                colour=self.text(day, "colour", f"{w}.colour", default=""),
                primary=[str(p) for p in primary],
                pm25=self.number(day, "pm25_24h", f"{w}.pm25_24h", default=None),
                mda8=self.number(day, "o3_mda8", f"{w}.o3_mda8", default=None),
                o3max=self.number(day, "o3_max_1h", f"{w}.o3_max_1h", default=None),
                complete=bool(day.get("complete", True))))

        hourly = self.need(d, "hourly", "hourly", dict)
        times = self.need(hourly, "time", "hourly.time", list)
        self.hour_times = [self.time(t, f"hourly.time[{n}]") for n, t in enumerate(times)]
        if not self.hour_times:
            raise nc.ToolError(f"{path}: hourly.time is empty")
        self.hourly = {}
        for key in ("pm25", "o3", "aqi_24h"):
            values = hourly.get(key)
            if values is None:
                values = [None] * len(times)
            if not isinstance(values, list) or len(values) != len(times):
                raise nc.ToolError(f"{path}: hourly.{key} must be a list as long as hourly.time ({len(times)})")
            self.hourly[key] = np.array([self.value(v, f"hourly.{key}[{n}]") for n, v in enumerate(values)],
                                        dtype=float)

        warning = self.need(d, "warning", "warning", dict)
        self.warning = self.level(warning.get("level", "none"), "warning.level")
        self.warning_why = self.text(warning, "why", "warning.why", default="")
        self.episodes = []
        for n, e in enumerate(warning.get("episodes") or []):
            w = f"warning.episodes[{n}]"
            if not isinstance(e, dict):
                raise nc.ToolError(f"{path}: {w} is not an object")
            self.episodes.append(dict(
                level=self.level(e.get("level", "none"), f"{w}.level"),
                start=self.time(e["start"], f"{w}.start") if e.get("start") else None,
                end=self.time(e["end"], f"{w}.end") if e.get("end") else None,
                pollutant=self.text(e, "pollutant", f"{w}.pollutant", default=""),
                ozone=bool(e.get("ozone_driven")), dust=bool(e.get("dust_driven")),
                why=self.text(e, "why", f"{w}.why", default="")))

        self.sources = []
        for n, s in enumerate(d.get("top_sources") or []):
            w = f"top_sources[{n}]"
            if not isinstance(s, dict):
                raise nc.ToolError(f"{path}: {w} is not an object")
            self.sources.append(dict(
                group=self.text(s, "group", f"{w}.group", required=True),
                **{k: self.number(s, k, f"{w}.{k}", default=None)
                   for k in ("pm25", "pm25_share_percent", "o3", "o3_share_percent")}))

        self.options = []
        for n, o in enumerate(d.get("options") or []):
            w = f"options[{n}]"
            if not isinstance(o, dict):
                raise nc.ToolError(f"{path}: {w} is not an object")
            lists = {}
            for k in ("daily_aqi", "daily_aqi_change"):
                v = o.get(k) or []
                if not isinstance(v, list):
                    raise nc.ToolError(f"{path}: {w}.{k} is not a list")
                lists[k] = [self.value(x, f"{w}.{k}[{m}]") for m, x in enumerate(v)]
            self.options.append(dict(
                name=self.text(o, "name", f"{w}.name", required=True),
                kind=self.text(o, "kind", f"{w}.kind", default=""),
                level=self.text(o, "level", f"{w}.level", default=""),
                pm25=self.number(o, "peak_pm25_change", f"{w}.peak_pm25_change", default=None),
                o3=self.number(o, "peak_o3_change", f"{w}.peak_o3_change", default=None),
                warning=self.level(o.get("warning_level") or "none", f"{w}.warning_level"), **lists))
        smallest = d.get("smallest_package_below_warning")
        self.smallest = None if smallest is None else str(smallest)
        notes = d.get("notes") or []
        self.notes = [str(x) for x in (notes if isinstance(notes, list) else [notes])]

    # --- checked access
    def need(self, obj, key, where, kind=None):
        if key not in obj or obj[key] is None:
            raise nc.ToolError(f"{self.path}: missing '{where}'")
        if kind is not None and not isinstance(obj[key], kind):
            raise nc.ToolError(f"{self.path}: '{where}' is not {'an object' if kind is dict else 'a list'}")
        return obj[key]

    def text(self, obj, key, where, default=None, required=False):
        v = obj.get(key)
        if v is None:
            if required:
                raise nc.ToolError(f"{self.path}: missing '{where}'")
            return default
        if not isinstance(v, (str, int, float)):
            raise nc.ToolError(f"{self.path}: '{where}' is not text")
        return str(v)

    def value(self, v, where):
        if v is None:
            return math.nan
        if isinstance(v, bool) or not isinstance(v, (int, float)):
            raise nc.ToolError(f"{self.path}: '{where}' is not a number or null ({json.dumps(v)[:40]})")
        return float(v)

    def number(self, obj, key, where, default=math.nan):
        if obj.get(key) is None:
            if default is math.nan:
                raise nc.ToolError(f"{self.path}: missing '{where}'")
            return default
        return self.value(obj[key], where)

    def time(self, text, where):
        if not isinstance(text, str):
            raise nc.ToolError(f"{self.path}: '{where}' is not an ISO 8601 time")
        s = text.strip()
        s = s[:-1] + "+00:00" if s.endswith(("Z", "z")) else s
        try:
            t = dt.datetime.fromisoformat(s)
        except ValueError as e:
            raise nc.ToolError(f"{self.path}: '{where}' = '{text}' is not an ISO 8601 time") from e
        if t.tzinfo is not None:
            t = t.astimezone(dt.timezone.utc).replace(tzinfo=None)
        return t

    def level(self, text, where):
        s = str(text).strip().lower()
        if s not in WARNING_RANK:
            raise nc.ToolError(f"{self.path}: '{where}' = '{text}' is not a warning level "
                               f"({', '.join(WARNING_RANK)})")
        return s

    def file(self, files, key):
        name = files.get(key)
        if not isinstance(name, str) or not name:
            raise nc.ToolError(f"{self.path}: missing 'files.{key}'")
        path = name if os.path.isabs(name) else os.path.join(self.folder, name)
        if not os.path.exists(path):
            raise nc.ToolError(f"{path}: no such file (files.{key} of {self.path})")
        return path

    def local(self, t):
        return t + dt.timedelta(hours=self.offset)


# ------------------------------------------------------------------------------------------------------------
# Figures


def save_png(fig, out, figures):
    """Write the PNG and keep its bytes for the page."""
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    data = buf.getvalue()
    try:
        with open(out, "wb") as f:
            f.write(data)
    except OSError as e:
        raise nc.ToolError(f"{out}: cannot write ({e.strerror or e})") from e
    figures[os.path.basename(out)] = data
    return out


def grid_edges(ds, like=None):
    """(x edges km, y edges km, x centres, y centres, label) of a file's grid; another file's when it has none."""
    for d in (ds, like):
        if d is None:
            continue
        try:
            xdim, ydim = nc.axis_names(d)
            if xdim not in d.variables or ydim not in d.variables:
                continue
            xe, xc = nc.edges_km(d, xdim)
            ye, yc = nc.edges_km(d, ydim)
            return xe, ye, xc, yc, True
        except nc.ToolError:
            continue
    return None


def map_axes(ax, xe, ye, projected, ds, var):
    ax.set_aspect("equal")
    ax.set_xlim(xe[0], xe[-1])
    ax.set_ylim(ye[0], ye[-1])
    if projected:
        kind = nc.projection_label(ds, var)
        ax.set_xlabel(f"x (km, {kind} projection)" if kind != "projected" else "x (km, projected)")
        ax.set_ylabel("y (km)")
    else:
        ax.set_xlabel("cell index west-east")
        ax.set_ylabel("cell index south-north")


def peak_record(b, ds, var, name, key):
    """Record of the site's peak hour (hourly.<key>) when the output has it, else of the domain's surface peak."""
    ts = nc.times(ds)
    series = b.hourly[key]
    if np.isfinite(series).any():
        t = b.hour_times[int(np.nanargmax(series))]
        if t in ts:
            return ts.index(t), t, f"the hour of the highest {name} at site {b.site or 'of the forecast'}"
    maxima = []
    for n in range(len(ts)):
        field = np.ma.masked_invalid(np.ma.asarray(var[n, 0] if var.ndim == 4 else var[n], dtype=float))
        maxima.append(field.max() if field.count() else -np.inf)
    n = int(np.argmax(maxima))
    if not np.isfinite(maxima[n]):
        raise nc.ToolError(f"{ds.filepath()}: variable '{var.name}' has no valid values")
    return n, ts[n], f"the hour of the highest {name} anywhere in the domain's lowest layer"


def species_map(b, ds, name, label, key, units, cmap, out, figures, dpi):
    plt = nc.pyplot()
    if name not in ds.variables:
        raise nc.ToolError(f"{ds.filepath()}: no variable '{name}' (files.output must be the model output with "
                           f"pm25 and O3)")
    var = ds.variables[name]
    if var.ndim not in (3, 4):
        raise nc.ToolError(f"{ds.filepath()}: variable '{name}' is not (time, [z,] y, x)")
    n, t, why = peak_record(b, ds, var, label, key)
    data = np.ma.masked_invalid(np.ma.asarray(var[n, 0] if var.ndim == 4 else var[n], dtype=float))
    if data.count() == 0:
        raise nc.ToolError(f"{ds.filepath()}: variable '{name}' has no valid values at record {n}")
    grid = grid_edges(ds)
    if grid is None:
        raise nc.ToolError(f"{ds.filepath()}: no projected x/y coordinates")
    xe, ye, xc, yc, projected = grid
    fig, ax = plt.subplots(figsize=(6.4, 5.2), dpi=dpi, layout="constrained")
    mesh = ax.pcolormesh(xe, ye, data, cmap=cmap, shading="flat")
    bar = fig.colorbar(mesh, ax=ax, shrink=0.9, pad=0.02)
    bar.set_label(f"{label} [{units}]")
    j, i = np.unravel_index(np.ma.argmax(data), data.shape)
    ax.plot(xc[i], yc[j], marker="+", color="red", markersize=12, markeredgewidth=2)
    ax.text(0.01, 0.01, f"min {data.min():.4g}, mean {data.mean():.4g}, max {data.max():.4g} {units} (+)",
            transform=ax.transAxes, fontsize=8, va="bottom", ha="left",
            bbox=dict(boxstyle="round,pad=0.25", facecolor="white", alpha=0.8, linewidth=0))
    map_axes(ax, xe, ye, projected, ds, var)
    where = nc.level_height(ds, var, 0) if var.ndim == 4 else "surface"
    ax.set_title(f"{b.case or nc.case_name(ds)}: {label}, lowest layer ({where})\n"
                 f"{nc.when_text(t, b.offset)}", fontsize=10)
    path = save_png(fig, out, figures)
    plt.close(fig)
    caption = (f"Surface {label} ({where}) at {nc.when_text(t, b.offset)}, {why}; + marks the highest cell.")
    return path, caption


def aqi_class(value):
    for n, (top, colour, en, zh) in enumerate(AQI_CLASSES):
        if top is None or value <= top:
            return n
    return len(AQI_CLASSES) - 1


def check_aqi(ds):
    """The daily AQI variable: aqi(time, y, x), or aqi(time, z, y, x) with one level (the model writer's form)."""
    var = ds.variables.get("aqi")
    if var is None:
        raise nc.ToolError(f"{ds.filepath()}: no variable 'aqi' (files.aqi must hold aqi(time, y, x))")
    if not (var.ndim == 3 or (var.ndim == 4 and var.shape[1] == 1)):
        raise nc.ToolError(f"{ds.filepath()}: variable 'aqi' is not (time, y, x) "
                           f"(dimensions {', '.join(var.dimensions)}, shape {var.shape})")
    return var


def aqi_map(b, ds, like, out, figures, dpi):
    plt = nc.pyplot()
    from matplotlib.colors import BoundaryNorm, ListedColormap
    var = ds.variables.get("aqi")
    if var is None:
        raise nc.ToolError(f"{ds.filepath()}: no variable 'aqi' (files.aqi must hold aqi(time, y, x))")
    check_aqi(ds)
    ts = nc.times(ds)
    values = np.ma.masked_invalid(np.ma.asarray(var[:, 0] if var.ndim == 4 else var[:], dtype=float))
    if values.count() == 0:
        raise nc.ToolError(f"{ds.filepath()}: variable 'aqi' has no valid values")
    maxima = [values[n].max() if values[n].count() else -np.inf for n in range(values.shape[0])]
    n = int(np.argmax(maxima))
    data = values[n]
    grid = grid_edges(ds, like)
    if grid is not None and (len(grid[0]) - 1, len(grid[1]) - 1) != (data.shape[1], data.shape[0]):
        grid = grid_edges(ds)
    if grid is None:
        ny, nx = data.shape
        grid = (np.arange(nx + 1) - 0.5, np.arange(ny + 1) - 0.5, np.arange(nx), np.arange(ny), False)
    xe, ye, xc, yc, projected = grid
    top = max(500.0, float(data.max()) + 1.0)
    bounds = [0.0, 50.5, 100.5, 150.5, 200.5, 300.5, top]
    cmap = ListedColormap([c[1] for c in AQI_CLASSES], name="china_aqi")
    norm = BoundaryNorm(bounds, cmap.N)
    fig, ax = plt.subplots(figsize=(6.4, 5.2), dpi=dpi, layout="constrained")
    mesh = ax.pcolormesh(xe, ye, data, cmap=cmap, norm=norm, shading="flat")
    bar = fig.colorbar(mesh, ax=ax, shrink=0.9, pad=0.02, spacing="uniform")
    centres = [0.5 * (lo + hi) for lo, hi in zip(bounds[:-1], bounds[1:])]
    ranges = ["0–50", "51–100", "101–150", "151–200", "201–300", ">300"]
    bar.set_ticks(centres)
    bar.set_ticklabels([f"{c[2]}\n{r}" for c, r in zip(AQI_CLASSES, ranges)], fontsize=7)
    bar.ax.minorticks_off()
    bar.set_label("daily AQI")
    j, i = np.unravel_index(np.ma.argmax(data), data.shape)
    ax.plot(xc[i], yc[j], marker="+", color="black", markersize=12, markeredgewidth=2)
    ax.text(0.01, 0.01, f"min {data.min():.0f}, max {data.max():.0f} (+)", transform=ax.transAxes, fontsize=8,
            va="bottom", ha="left", bbox=dict(boxstyle="round,pad=0.25", facecolor="white", alpha=0.8, linewidth=0))
    map_axes(ax, xe, ye, projected, ds, var)
    day = b.local(ts[n]).date().isoformat()
    standard = nc.attr(ds, "standard") or nc.attr(var, "standard") or b.standard
    ax.set_title(f"{b.case or nc.case_name(ds)}: daily AQI, {day} (local day)"
                 + (f"\n{standard}" if standard else ""), fontsize=10)
    path = save_png(fig, out, figures)
    plt.close(fig)
    caption = (f"Daily AQI of each cell on {day} (local), the forecast day with the highest AQI in the domain "
               f"(max {data.max():.0f}), in the official AQI colour classes.")
    return path, caption


def series_figure(b, out, figures, dpi):
    plt = nc.pyplot()
    import matplotlib.dates as mdates
    local = [b.local(t) for t in b.hour_times]
    fig, axes = plt.subplots(3, 1, figsize=(8.0, 7.4), dpi=dpi, sharex=True, layout="constrained")
    marker = "." if len(local) <= 48 else None
    axes[0].plot(local, b.hourly["pm25"], color="#6A1B9A", marker=marker, label="PM2.5 (hourly)")
    axes[0].set_ylabel(f"PM2.5 [{b.pm25_units}]")
    axes[1].plot(local, b.hourly["o3"], color="#00838F", marker=marker, label="O3 (hourly)")
    axes[1].set_ylabel(f"O3 [{b.o3_units}]")
    aqi = b.hourly["aqi_24h"]
    top = max(200.0, float(np.nanmax(aqi)) * 1.1 if np.isfinite(aqi).any() else 0.0)
    lows = [0, 50, 100, 150, 200, 300]
    for (upper, colour, en, zh), low in zip(AQI_CLASSES, lows):
        high = upper if upper is not None else max(top, 500)
        if low < top:
            axes[2].axhspan(low, min(high, top), color=colour, alpha=0.35, linewidth=0)
            axes[2].text(1.005, 0.5 * (low + min(high, top)) / top, en, transform=axes[2].transAxes, fontsize=7,
                         va="center", ha="left", color="0.25")
    axes[2].plot(local, aqi, color="black", marker=marker, label="24-h AQI")
    axes[2].set_ylim(0, top)
    axes[2].set_ylabel("24-h AQI")
    if not np.isfinite(aqi).any():
        axes[2].text(0.5, 0.5, "no 24-h AQI in the forecast yet", transform=axes[2].transAxes, ha="center")
    midnights = sorted({dt.datetime.combine(t.date(), dt.time()) for t in local})[1:]
    for ax in axes:
        for m in midnights:
            ax.axvline(m, color="0.5", linewidth=0.8, linestyle=":")
        ax.grid(True, alpha=0.3)
        ax.legend(fontsize=8, loc="upper left")
    locator = mdates.AutoDateLocator()
    axes[-1].xaxis.set_major_locator(locator)
    axes[-1].xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    axes[-1].set_xlabel(f"local time ({nc.offset_text(b.offset)})")
    axes[0].set_xlim(local[0], local[-1] if len(local) > 1 else local[0] + dt.timedelta(hours=1))
    fig.suptitle(f"{b.case}: forecast at site {b.site}" if b.site else f"{b.case}: forecast", fontsize=10)
    path = save_png(fig, out, figures)
    plt.close(fig)
    caption = (f"Hourly PM2.5 and O3 and the 24-h AQI at site {b.site or '(the forecast site)'}, local time "
               f"({nc.offset_text(b.offset)}); dotted lines are local midnights, bands the AQI classes.")
    return path, caption


def sources_figure(b, out, figures, dpi):
    plt = nc.pyplot()
    groups = [s["group"] for s in b.sources]
    fig, axes = plt.subplots(1, 2, figsize=(8.0, 1.6 + 0.42 * len(groups)), dpi=dpi, sharey=True,
                             layout="constrained")
    y = np.arange(len(groups))
    for ax, key, name, colour in ((axes[0], "pm25_share_percent", "PM2.5", "#6A1B9A"),
                                  (axes[1], "o3_share_percent", "O3", "#00838F")):
        values = np.array([np.nan if s[key] is None else s[key] for s in b.sources], dtype=float)
        ax.barh(y, np.nan_to_num(values), color=colour)
        for yy, v in zip(y, values):
            ax.text(0 if not np.isfinite(v) else v, yy, " n/a" if not np.isfinite(v) else f" {v:.1f} %",
                    va="center", ha="left" if not np.isfinite(v) or v >= 0 else "right", fontsize=8)
        ax.axvline(0, color="0.3", linewidth=0.8)
        ax.set_xlabel(f"share of {name} at the site [%]")
        ax.grid(True, axis="x", alpha=0.3)
        lo, hi = min(0.0, np.nanmin(values) if np.isfinite(values).any() else 0.0), \
            max(1.0, np.nanmax(values) if np.isfinite(values).any() else 1.0)
        ax.set_xlim(lo - 0.15 * (hi - lo) if lo < 0 else 0, hi + 0.25 * (hi - lo))
        ax.set_title(name, fontsize=10)
    axes[0].set_yticks(y)
    axes[0].set_yticklabels(groups)
    axes[0].invert_yaxis()
    fig.suptitle(f"{b.case}: largest source groups at site {b.site}", fontsize=10)
    path = save_png(fig, out, figures)
    plt.close(fig)
    caption = "Share of the forecast PM2.5 and O3 at the site from each of the largest source groups."
    return path, caption


# ------------------------------------------------------------------------------------------------------------
# The page

CSS = """
*{box-sizing:border-box}
body{margin:0;background:#f4f5f7;color:#1d1d1f;line-height:1.45;
 font-family:"Noto Sans CJK SC","Noto Sans SC","Source Han Sans SC","PingFang SC","Microsoft YaHei",
 "WenQuanYi Micro Hei","Helvetica Neue",Arial,sans-serif}
main{max-width:960px;margin:0 auto;padding:12px 14px 40px;background:#fff}
h1{font-size:1.5em;margin:.3em 0}
h2{font-size:1.15em;margin:1.4em 0 .5em;border-bottom:1px solid #ddd;padding-bottom:.2em}
.meta{color:#555;font-size:.9em;margin:.2em 0}
.warning{border-radius:8px;padding:12px 16px;margin:14px 0;border:1px solid rgba(0,0,0,.15)}
.warning .level{font-size:1.25em;font-weight:bold}
.warning ul{margin:.4em 0 0;padding-left:1.2em}
.scroll{overflow-x:auto;-webkit-overflow-scrolling:touch}
table{border-collapse:collapse;width:100%;font-size:.92em;margin:.3em 0}
th,td{border:1px solid #ddd;padding:5px 7px;text-align:left;vertical-align:top}
th{background:#f0f1f3}
td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
tr.incomplete td{color:#777;font-style:italic}
.swatch{display:inline-block;width:.95em;height:.95em;border-radius:2px;margin-right:.4em;
 vertical-align:-.1em;border:1px solid rgba(0,0,0,.3)}
.pill{display:inline-block;padding:0 .5em;border-radius:.8em;font-size:.85em;border:1px solid rgba(0,0,0,.2)}
figure{margin:14px 0}
figure img{max-width:100%;height:auto;display:block;margin:0 auto;border:1px solid #eee}
figcaption{font-size:.85em;color:#555;margin-top:.3em}
.figs{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%,420px),1fr));gap:8px}
.note{font-size:.85em;color:#555}
.up{color:#b71c1c}.down{color:#1b5e20}
footer{margin-top:2em;font-size:.8em;color:#777}
"""


def esc(x):
    return html.escape(str(x), quote=True)


def colour_ok(c, fallback="#cccccc"):
    return c if isinstance(c, str) and re.fullmatch(r"#[0-9A-Fa-f]{6}", c) else fallback


def fmt(v, digits=1, signed=False, unit=""):
    if v is None or (isinstance(v, float) and not math.isfinite(v)):
        return "–"
    text = f"{v:+.{digits}f}" if signed else f"{v:.{digits}f}"
    text = text.replace("-", "−")
    return f"{text} {unit}".strip()


def pill(level):
    bg, fg, zh = WARNING_STYLE[level]
    return f'<span class="pill" style="background:{bg};color:{fg}">{esc(level)} {esc(zh)}</span>'


def when_html(b, t):
    local = b.local(t)
    return (f"{esc(t.strftime('%Y-%m-%d %H:%M'))} UTC "
            f"({esc(local.strftime('%Y-%m-%d %H:%M'))} {esc(nc.offset_text(b.offset))})")


def figure_html(figures, path, caption):
    name = os.path.basename(path)
    data = base64.b64encode(figures[name]).decode("ascii")
    return (f'<figure><img src="data:image/png;base64,{data}" alt="{esc(caption)}">'
            f'<figcaption>{esc(caption)} <span class="note">({esc(name)})</span></figcaption></figure>')


def smallest_text(b):
    if b.smallest is not None:
        return (f"The smallest package that keeps the forecast below a warning: <strong>{esc(b.smallest)}</strong>.")
    if b.warning == "none":
        return "No warning is forecast, so no package is needed."
    if not any(o["kind"] == "package" for o in b.options):
        return f"A {esc(b.warning)} warning is forecast; no package was run."
    return (f"A {esc(b.warning)} warning is forecast and none of the packages run brings the forecast below "
            f"a warning.")


def page(b, figs):
    style_bg, style_fg, style_zh = WARNING_STYLE[b.warning]
    out = ['<!DOCTYPE html>', '<html lang="en">', '<head>', '<meta charset="utf-8">',
           '<meta name="viewport" content="width=device-width, initial-scale=1">',
           f'<title>{esc(b.title)} – {esc(b.issued.strftime("%Y-%m-%d"))}</title>',
           f'<style>{CSS}</style>', '</head>', '<body>', '<main>', f'<h1>{esc(b.title)}</h1>']
    meta = [f"Issued {when_html(b, b.issued)}",
            f"forecast from {when_html(b, b.start)} for {fmt(b.hours, 0)} h"]
    out.append(f'<p class="meta">{"; ".join(meta)}.</p>')
    facts = [("case", b.case), ("site", b.site), ("AQI standard", b.standard), ("warning rules", b.rules)]
    out.append('<p class="meta">' + " · ".join(f"{esc(k)}: {esc(v)}" for k, v in facts if v) + '</p>')

    # Warning box
    title = "No heavy-pollution warning" if b.warning == "none" else f"{b.warning.capitalize()} warning"
    out.append(f'<section class="warning warning-{esc(b.warning)}" style="background:{style_bg};color:{style_fg}">')
    out.append(f'<div class="level">{esc(title)} · {esc(style_zh)}</div>')
    if b.warning_why:
        out.append(f'<div>{esc(b.warning_why)}</div>')
    if b.episodes:
        out.append('<ul>')
        for e in b.episodes:
            span = " – ".join(when_html(b, t) for t in (e["start"], e["end"]) if t is not None)
            flags = [f for f, on in (("ozone-driven", e["ozone"]), ("dust-driven", e["dust"])) if on]
            bits = [f"<strong>{esc(e['level'])}</strong>", span, esc(e["pollutant"]), esc(", ".join(flags))]
            line = ", ".join(x for x in bits if x)
            out.append(f'<li>{line}{": " + esc(e["why"]) if e["why"] else ""}</li>')
        out.append('</ul>')
    out.append('</section>')

    # Daily table
    out.append('<h2>Daily forecast · 逐日预报</h2>')
    out.append('<div class="scroll"><table class="daily"><thead><tr><th>date (local)</th><th>AQI</th>'
               '<th>category · 类别</th><th>primary pollutant</th>'
               f'<th>PM2.5 24-h [{esc(b.pm25_units)}]</th><th>O3 MDA8 [{esc(b.o3_units)}]</th>'
               f'<th>O3 max 1-h [{esc(b.o3_units)}]</th></tr></thead><tbody>')
    incomplete = False
    for day in b.days:
        cls = "" if day["complete"] else ' class="incomplete"'
        mark = "" if day["complete"] else " *"
        incomplete |= not day["complete"]
        colour = colour_ok(day["colour"]) if day["aqi"] is not None else "#ffffff"
        aqi = "–" if day["aqi"] is None else f"{day['aqi']:.0f}"
        category = " · ".join(x for x in (day["category"], day["category_zh"]) if x) or "–"
        out.append(f'<tr{cls} data-date="{esc(day["date"])}"><td>{esc(day["date"])}{mark}</td>'
                   f'<td class="num"><span class="swatch" style="background:{colour}"></span>{esc(aqi)}</td>'
                   f'<td>{esc(category)}</td><td>{esc(", ".join(day["primary"]) or "–")}</td>'
                   f'<td class="num">{fmt(day["pm25"])}</td><td class="num">{fmt(day["mda8"])}</td>'
                   f'<td class="num">{fmt(day["o3max"])}</td></tr>')
    out.append('</tbody></table></div>')
    if incomplete:
        out.append('<p class="note">* incomplete local day: the forecast covers only part of it, so its daily '
                   'values are partial or missing (–).</p>')

    # Figures
    out.append('<h2>Maps and time series · 图</h2>')
    out.append('<div class="figs">')
    for key in ("map-aqi", "map-pm25", "map-o3"):
        out.append(figure_html(b.figures, *figs[key]))
    out.append('</div>')
    out.append(figure_html(b.figures, *figs["series"]))

    # Sources
    out.append('<h2>Largest source groups · 主要来源</h2>')
    if b.sources:
        out.append(figure_html(b.figures, *figs["sources"]))
        out.append('<div class="scroll"><table class="sources"><thead><tr><th>group</th>'
                   f'<th>PM2.5 [{esc(b.pm25_units)}]</th><th>PM2.5 share</th><th>O3 [{esc(b.o3_units)}]</th>'
                   '<th>O3 share</th></tr></thead><tbody>')
        for s in b.sources:
            out.append(f'<tr><td>{esc(s["group"])}</td><td class="num">{fmt(s["pm25"], 2)}</td>'
                       f'<td class="num">{fmt(s["pm25_share_percent"], 1, unit="%")}</td>'
                       f'<td class="num">{fmt(s["o3"], 2)}</td>'
                       f'<td class="num">{fmt(s["o3_share_percent"], 1, unit="%")}</td></tr>')
        out.append('</tbody></table></div>')
    else:
        out.append('<p>No source apportionment is available for this forecast.</p>')

    # Options
    out.append('<h2>Control options · 管控方案</h2>')
    if b.options:
        n = max(len(o["daily_aqi"]) for o in b.options)
        dates = [d["date"] for d in b.days] if len(b.days) == n else [f"day {k + 1}" for k in range(n)]
        out.append('<div class="scroll"><table class="options"><thead><tr><th>option</th><th>kind</th>'
                   f'<th>peak PM2.5 change [{esc(b.pm25_units)}]</th><th>peak O3 change [{esc(b.o3_units)}]</th>'
                   + "".join(f'<th>AQI {esc(d)}</th>' for d in dates) + '<th>warning level</th></tr></thead><tbody>')
        for o in b.options:
            kind = " ".join(x for x in (o["kind"], o["level"]) if x)
            cells = []
            for k in range(n):
                v = o["daily_aqi"][k] if k < len(o["daily_aqi"]) else math.nan
                c = o["daily_aqi_change"][k] if k < len(o["daily_aqi_change"]) else math.nan
                change = ""
                if math.isfinite(c):
                    change = f' <span class="{"up" if c > 0 else "down"}">({fmt(c, 0, True)})</span>'
                cells.append(f'<td class="num">{fmt(v, 0)}{change}</td>')
            out.append(f'<tr><td>{esc(o["name"])}</td><td>{esc(kind)}</td>'
                       f'<td class="num">{fmt(o["pm25"], 1, True)}</td><td class="num">{fmt(o["o3"], 2, True)}</td>'
                       + "".join(cells) + f'<td>{pill(o["warning"])}</td></tr>')
        out.append('</tbody></table></div>')
        out.append('<p class="note">Changes are relative to the forecast without measures; AQI change in '
                   'brackets.</p>')
    else:
        out.append('<p>No control options were evaluated for this forecast.</p>')
    out.append(f'<p class="smallest">{smallest_text(b)}</p>')

    if b.notes:
        out.append('<h2>Notes · 说明</h2><ul class="notes">')
        out.extend(f'<li>{esc(x)}</li>' for x in b.notes)
        out.append('</ul>')
    out.append(f'<footer>Generated by airshed tools/make_bulletin.py from {esc(os.path.basename(b.path))}, '
               f'{esc(os.path.basename(b.output))} and {esc(os.path.basename(b.aqi))}.</footer>')
    out += ['</main>', '</body>', '</html>', '']
    return "\n".join(out)


def main():
    a = parse_args()
    b = Bulletin(a.bulletin)
    out_dir = a.out_dir or b.folder
    if not os.path.isdir(out_dir):
        raise nc.ToolError(f"--out-dir {out_dir}: no such folder")
    name = os.path.basename(a.bulletin)
    stem = name[:-len("-bulletin.json")] if name.endswith("-bulletin.json") else os.path.splitext(name)[0]
    target = lambda suffix: os.path.join(out_dir, f"{stem}-{suffix}")  # noqa: E731

    b.figures = {}
    figs = {}
    output = nc.open_dataset(b.output)
    aqi = nc.open_dataset(b.aqi)
    # Every input is checked before the first file is written: bad input leaves nothing behind.
    for name in ("pm25", "O3"):
        if name not in output.variables or output.variables[name].ndim not in (3, 4):
            raise nc.ToolError(f"{b.output}: no variable '{name}' (time, [z,] y, x) (files.output must be the model "
                               f"output with pm25 and O3)")
    nc.times(output)
    check_aqi(aqi)
    nc.times(aqi)
    figs["map-pm25"] = species_map(b, output, "pm25", "PM2.5", "pm25", b.pm25_units, "magma_r",
                                   target("map-pm25.png"), b.figures, a.dpi)
    figs["map-o3"] = species_map(b, output, "O3", "O3", "o3", b.o3_units, "viridis",
                                 target("map-o3.png"), b.figures, a.dpi)
    figs["map-aqi"] = aqi_map(b, aqi, output, target("map-aqi.png"), b.figures, a.dpi)
    figs["series"] = series_figure(b, target("series.png"), b.figures, a.dpi)
    if b.sources:
        figs["sources"] = sources_figure(b, target("sources.png"), b.figures, a.dpi)
    elif os.path.isfile(target("sources.png")):
        os.remove(target("sources.png"))  # an earlier bulletin's, which this page does not show
    written = [figs[k][0] for k in figs]
    text = page(b, figs)
    out = target("bulletin.html")
    tmp = out + f".partial-{os.getpid()}"
    try:
        with open(tmp, "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(tmp, out)
    except OSError as e:
        raise nc.ToolError(f"{out}: cannot write ({e.strerror or e})") from e
    for path in written + [out]:
        print(path)


if __name__ == "__main__":
    nc.run(main)
