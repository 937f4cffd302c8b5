#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""Annual totals (t/yr) of an airshed emission inventory at reference conditions, per source and per category.

  inventory_totals.py data/kangbashi/inventory            # Markdown tables on stdout
  inventory_totals.py data/kangbashi/inventory --check    # also check the CSV files and the bare-land GeoJSON

Reads points.csv, areas.csv, roads.csv, fleets.csv and vehicle_classes.csv of the folder (format:
docs/emission-inputs.md) and recomputes the table of docs/kangbashi-inventory.md:
  - stacks and inventory areas: rate x operating hours (mg/Nm3 x flue-gas flow; t/yr as given);
  - road exhaust: AADT x 365 x length x sum(share x EF) at reference conditions (no temperature corrections);
  - paved-road dust, AP-42 13.2.1: E = k sL^0.91 W^1.02 g/VKT, k = 0.15 (PM2.5), 0.62 (PM10), W the traffic-weighted
    mean mass, times (1 - dust_control_efficiency); no wet-day correction;
  - construction, AP-42 13.2.3: 2.69e-4 t TSP per m2 per month x 12 x area x active_fraction x (1 - control),
    PM10 = 0.49 TSP, PM2.5 = 0.10 TSP;
  - wind-blown dust depends on the hourly meteorology: listed, not totalled. Disabled sources are listed apart.
Road lengths are great-circle (haversine, R = 6,370,000 m) between the lon/lat vertices, not lengths in the model
projection (they differ by well under 1 % on the Kangbashi grid).
--check does not read the YAML files (standard library only): profile ids are not checked here.
"""
import argparse
import csv
import json
import math
import os
import re
import sys

POLLUTANTS = ["NOx", "SO2", "CO", "VOC", "NH3", "PM2.5", "PM10"]
R_EARTH = 6370000.0
HOURS_PER_YEAR = 8760.0
# Lambert conformal conic of data/kangbashi/case.yaml (sphere), for --check.
LCC = dict(lat1=39.61, lat2=39.61, lon0=109.78, lat0=39.61, radius=R_EARTH)

# rate unit -> (factor to t per unit time, time basis) ; basis "h": x operating_hours, "d": x operating_days, "yr": as is
RATE_UNITS = {
    "kg/h": (1e-3, "h"), "kg/s": (3.6, "h"), "g/s": (3.6e-3, "h"),
    "t/d": (1.0, "d"), "kg/d": (1e-3, "d"),
    "t/yr": (1.0, "yr"), "kg/yr": (1e-3, "yr"),
}


class ToolError(Exception):
    pass


def read_csv(path):
    """Rows of a CSV file as dicts, with '#' comment lines and blank lines skipped; each row has '_line'."""
    if not os.path.exists(path):
        raise ToolError(f"{path}: no such file")
    with open(path, newline="", encoding="utf-8") as f:
        numbered = [(n, line) for n, line in enumerate(f, start=1) if line.strip() and not line.startswith("#")]
    if not numbered:
        raise ToolError(f"{path}: no header")
    reader = csv.reader([line for _, line in numbered])
    header = [h.strip() for h in next(reader)]
    rows = []
    for (n, _), cells in zip(numbered[1:], reader):
        if len(cells) != len(header):
            raise ToolError(f"{os.path.basename(path)}:{n}: {len(cells)} cells, header has {len(header)}")
        row = {h: c.strip() for h, c in zip(header, cells)}
        row["_line"] = n
        rows.append(row)
    return header, rows


def split_header(cell):
    m = re.fullmatch(r"([^\[\]]+?)(?:\[([^\[\]]+)\])?", cell)
    if not m:
        raise ToolError(f"bad header cell '{cell}'")
    return m.group(1), m.group(2)


def columns(header):
    """name -> (header cell, unit) for every header cell."""
    out = {}
    for cell in header:
        name, unit = split_header(cell)
        out[name] = (cell, unit)
    return out


def number(row, cell, where, default=None):
    text = row.get(cell, "") if cell else ""
    if text == "":
        if default is None:
            raise ToolError(f"{where}:{row['_line']}: column '{cell}': empty")
        return default
    try:
        v = float(text)
    except ValueError:
        raise ToolError(f"{where}:{row['_line']}: column '{cell}': not a number '{text}'") from None
    if not math.isfinite(v):
        raise ToolError(f"{where}:{row['_line']}: column '{cell}': not finite '{text}'")
    return v


def enabled(row):
    return row.get("enabled", "true").strip().lower() != "false"


def annual_rates(row, cols, where):
    """t/yr per pollutant of a stack or inventory-area row (empty cell: not emitted)."""
    hours = number(row, cols["operating_hours"][0], where) if "operating_hours" in cols else HOURS_PER_YEAR
    days = number(row, cols["operating_days"][0], where) if "operating_days" in cols else 365.0
    out = {}
    for p in POLLUTANTS:
        if p not in cols or row[cols[p][0]] == "":
            continue
        cell, unit = cols[p]
        v = number(row, cell, where)
        if unit == "mg/Nm3":
            if "flue_gas_flow" not in cols:
                raise ToolError(f"{where}:{row['_line']}: column '{cell}': mg/Nm3 needs flue_gas_flow")
            fcell, funit = cols["flue_gas_flow"]
            flow = number(row, fcell, where) * (3600.0 if funit == "Nm3/s" else 1.0)  # Nm3/h
            out[p] = v * flow * hours * 1e-9
        elif unit in RATE_UNITS:
            factor, basis = RATE_UNITS[unit]
            out[p] = v * factor * (hours if basis == "h" else days if basis == "d" else 1.0)
        else:
            raise ToolError(f"{where}:{row['_line']}: column '{cell}': unit '{unit}' not known here")
    return out


def haversine(lon1, lat1, lon2, lat2):
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * R_EARTH * math.asin(math.sqrt(a))


def linestring(text, where):
    m = re.fullmatch(r"\s*LINESTRING\s*\((.*)\)\s*", text, re.IGNORECASE)
    if not m:
        raise ToolError(f"{where}: geometry is not a WKT LINESTRING: '{text}'")
    pts = [tuple(float(v) for v in pair.split()) for pair in m.group(1).split(",")]
    if len(pts) < 2 or any(len(p) != 2 for p in pts):
        raise ToolError(f"{where}: LINESTRING needs at least two 'lon lat' vertices")
    return pts


def load(folder):
    inv = {}
    inv["points"] = read_csv(os.path.join(folder, "points.csv"))
    inv["areas"] = read_csv(os.path.join(folder, "areas.csv"))
    inv["roads"] = read_csv(os.path.join(folder, "roads.csv"))
    inv["fleets"] = read_csv(os.path.join(folder, "fleets.csv"))
    inv["classes"] = read_csv(os.path.join(folder, "vehicle_classes.csv"))
    geo = os.path.join(folder, "bare_land.geojson")
    inv["geojson"] = json.load(open(geo, encoding="utf-8")) if os.path.exists(geo) else None
    return inv


def fleet_table(inv):
    chdr, crows = inv["classes"]
    ccols = columns(chdr)
    classes = {}
    for r in crows:
        ef = {p: number(r, ccols[p][0], "vehicle_classes.csv", 0.0) for p in POLLUTANTS if p in ccols}
        classes[r["id"]] = {"mass": number(r, ccols["mass"][0], "vehicle_classes.csv"), "ef": ef, "fuel": r["fuel"]}
    fleets = {}
    for r in inv["fleets"][1]:
        fleets.setdefault(r["fleet"], {})[r["vehicle_class"]] = number(r, "share", "fleets.csv")
    return classes, fleets


def totals(inv):
    """Rows (id, name, category, kind, enabled, {pollutant: t/yr} or None, arithmetic)."""
    out = []
    hdr, rows = inv["points"]
    cols = columns(hdr)
    for r in rows:
        out.append((r["id"], r["name"], r["category"], "stack", enabled(r), annual_rates(r, cols, "points.csv"), ""))

    hdr, rows = inv["areas"]
    cols = columns(hdr)
    for r in rows:
        kind = r.get("kind", "") or "inventory"
        if kind == "inventory":
            out.append((r["id"], r["name"], r["category"], "area", enabled(r), annual_rates(r, cols, "areas.csv"), ""))
        elif kind == "construction":
            area = number(r, cols["size_x"][0], "areas.csv") * number(r, cols["size_y"][0], "areas.csv")
            af = number(r, "active_fraction", "areas.csv", 1.0)
            ce = number(r, "control_efficiency", "areas.csv", 0.0)
            tsp = 2.69e-4 * 12 * area * af * (1 - ce)
            note = f"2.69e-4 x 12 x {area:.0f} m2 x {af:g} x (1 - {ce:g}) = {tsp:.2f} t TSP"
            out.append((r["id"], r["name"], r["category"], "construction", enabled(r),
                        {"PM10": 0.49 * tsp, "PM2.5": 0.10 * tsp}, note))
        elif kind == "wind_blown":
            out.append((r["id"], r["name"], r["category"], "wind_blown", enabled(r), None, "met-dependent"))
        else:
            raise ToolError(f"areas.csv:{r['_line']}: kind '{kind}'")

    if inv["geojson"]:
        for feat in inv["geojson"]["features"]:
            pr = feat["properties"]
            kind = pr.get("kind", "inventory")
            en = pr.get("enabled", True) not in (False, "false")
            if kind == "wind_blown":
                out.append((pr["id"], pr.get("name", ""), pr["category"], "wind_blown", en, None, "met-dependent"))
            else:  # polygons of the other kinds are not totalled here (no polygon area in this script)
                out.append((pr["id"], pr.get("name", ""), pr["category"], kind + " (polygon)", en, None, "not totalled"))

    classes, fleets = fleet_table(inv)
    hdr, rows = inv["roads"]
    cols = columns(hdr)
    for r in rows:
        where = f"roads.csv:{r['_line']}"
        pts = linestring(r["geometry"], where)
        length_km = sum(haversine(*pts[i], *pts[i + 1]) for i in range(len(pts) - 1)) / 1000.0
        aadt = number(r, cols["aadt"][0], "roads.csv")
        fleet = fleets[r["fleet"]]
        vkt = aadt * 365.0 * length_km  # vehicle-km per year
        exhaust = {p: vkt * sum(s * classes[c]["ef"].get(p, 0.0) for c, s in fleet.items()) * 1e-6 for p in POLLUTANTS}
        exhaust = {p: v for p, v in exhaust.items() if p in columns(inv["classes"][0])}
        w = sum(s * classes[c]["mass"] for c, s in fleet.items())
        sl = number(r, cols["silt_loading"][0], "roads.csv")
        ce = number(r, "dust_control_efficiency", "roads.csv", 0.0)
        e25 = 0.15 * sl ** 0.91 * w ** 1.02 * (1 - ce)
        e10 = 0.62 * sl ** 0.91 * w ** 1.02 * (1 - ce)
        cat = r.get("category", "") or "vehicle"
        out.append((r["id"], r["name"], cat, "road exhaust", enabled(r), exhaust,
                    f"{aadt:.0f} veh/d x 365 x {length_km:.3f} km = {vkt / 1e6:.2f}e6 veh-km"))
        out.append((r["id"] + ":dust", r["name"] + " (road dust)", "dust", "road dust", enabled(r),
                    {"PM2.5": e25 * vkt * 1e-6, "PM10": e10 * vkt * 1e-6},
                    f"W {w:.2f} t, sL {sl:g}, control {ce:g}: E = {e25:.4f} / {e10:.4f} g/VKT"))
    return out


def group_label(category, kind):
    if kind in ("road dust", "construction", "wind_blown"):
        return f"{category}: {kind}"
    return category


def fmt(v):
    if v is None:
        return ""
    return f"{v:.3f}" if v < 10 else f"{v:.1f}"


def table(out, title, rows):
    out.append(f"### {title}\n")
    out.append("| " + " | ".join(["source"] + [f"{p} t/yr" for p in POLLUTANTS]) + " |")
    out.append("|---" + "|---:" * len(POLLUTANTS) + "|")
    for label, values in rows:
        if values is None:
            out.append(f"| {label} | " + " | ".join(["met-dependent"] + [""] * (len(POLLUTANTS) - 1)) + " |")
        else:
            out.append(f"| {label} | " + " | ".join(fmt(values.get(p)) for p in POLLUTANTS) + " |")
    out.append("")


def report(rows):
    out = []
    per_source = []
    for sid, name, cat, kind, en, vals, note in rows:
        if not en:
            continue
        label = f"{sid} ({kind})" + (f": {note}" if note and vals is not None else "")
        per_source.append((label, vals))
    table(out, "Per source (enabled)", per_source)

    groups = {}
    order = []
    for sid, name, cat, kind, en, vals, note in rows:
        if not en:
            continue
        g = group_label(cat, kind)
        if g not in groups:
            groups[g] = None if vals is None else {}
            order.append(g)
        if vals is not None:
            for p, v in vals.items():
                groups[g][p] = groups[g].get(p, 0.0) + v
    total = {}
    for g in order:
        if groups[g]:
            for p, v in groups[g].items():
                total[p] = total.get(p, 0.0) + v
    table(out, "Per category (enabled sources; wind-blown dust not totalled)",
          [(g, groups[g]) for g in order] + [("**total**", total)])

    disabled = [(f"{sid} ({kind}, enabled=false)", vals) for sid, name, cat, kind, en, vals, note in rows if not en]
    if disabled:
        table(out, "Disabled sources (what-if; not in the totals)", disabled)
    return "\n".join(out)


# ---------------------------------------------------------------- checks
def lcc_xy(lon, lat, p=LCC):
    r = math.radians
    f1, f2, f0 = r(p["lat1"]), r(p["lat2"]), r(p["lat0"])
    if abs(f1 - f2) < 1e-12:  # tangent cone (Snyder eq. 15-3 limit)
        n = math.sin(f1)
    else:
        n = math.log(math.cos(f1) / math.cos(f2)) / math.log(math.tan(math.pi / 4 + f2 / 2) / math.tan(math.pi / 4 + f1 / 2))
    F = math.cos(f1) * math.tan(math.pi / 4 + f1 / 2) ** n / n
    rho = lambda f: p["radius"] * F / math.tan(math.pi / 4 + f / 2) ** n  # noqa: E731
    th = n * r(lon - p["lon0"])
    return rho(r(lat)) * math.sin(th), rho(f0) - rho(r(lat)) * math.cos(th)


ALLOWED = {
    "points": {"id", "name", "category", "region", "x", "y", "lon", "lat", "stack_height", "diameter", "exit_velocity",
               "flue_gas_flow", "exit_temperature", "operating_hours", "operating_days", "temporal_profile",
               "speciation_profile", "enabled", *POLLUTANTS},
    "areas": {"id", "name", "category", "region", "enabled", "temporal_profile", "speciation_profile", "kind", "lon",
              "lat", "x", "y", "size_x", "size_y", "release_bottom", "release_top", "control_efficiency",
              "active_fraction", "erodible_fraction", "soil_moisture", "clay_fraction", "dry_threshold", "roughness_length", "operating_hours",
              "operating_days", *POLLUTANTS},
    "roads": {"id", "name", "category", "region", "enabled", "temporal_profile", "geometry", "aadt", "fleet",
              "silt_loading", "dust_control_efficiency", "speciation_profile", "dust_speciation_profile"},
    "fleets": {"fleet", "vehicle_class", "share"},
    "classes": {"id", "fuel", "mass", *POLLUTANTS},
}


def check(inv, centre_lon, centre_lat, half):
    problems = []
    x0, y0 = lcc_xy(centre_lon, centre_lat)

    def inside(lon, lat, where):
        x, y = lcc_xy(lon, lat)
        if abs(x - x0) >= half or abs(y - y0) >= half:
            problems.append(f"{where}: ({lon}, {lat}) is {(x - x0) / 1e3:.1f}, {(y - y0) / 1e3:.1f} km from the centre")

    ids = set()
    for key, fname in (("points", "points.csv"), ("areas", "areas.csv"), ("roads", "roads.csv"),
                       ("fleets", "fleets.csv"), ("classes", "vehicle_classes.csv")):
        hdr, rows = inv[key]
        for cell in hdr:
            name, unit = split_header(cell)
            if not (name in ALLOWED[key] or name.startswith("note") or name.startswith("source")):
                problems.append(f"{fname}: unknown column '{cell}'")
        if key in ("points", "areas", "roads"):
            cols = columns(hdr)
            for r in rows:
                if r["id"] in ids:
                    problems.append(f"{fname}:{r['_line']}: duplicate id '{r['id']}'")
                ids.add(r["id"])
                if "PM2.5" in cols and "PM10" in cols and r[cols["PM2.5"][0]] and r[cols["PM10"][0]]:
                    if float(r[cols["PM10"][0]]) < float(r[cols["PM2.5"][0]]):
                        problems.append(f"{fname}:{r['_line']}: PM10 < PM2.5")
                if key == "roads":
                    for lon, lat in linestring(r["geometry"], f"{fname}:{r['_line']}"):
                        inside(lon, lat, f"{fname}:{r['_line']}")
                else:
                    inside(float(r[cols["lon"][0]]), float(r[cols["lat"][0]]), f"{fname}:{r['_line']}")
    classes, fleets = fleet_table(inv)
    for f, shares in fleets.items():
        if abs(sum(shares.values()) - 1) > 1e-6:
            problems.append(f"fleets.csv: fleet '{f}' shares sum to {sum(shares.values())}")
        for c in shares:
            if c not in classes:
                problems.append(f"fleets.csv: fleet '{f}': unknown vehicle class '{c}'")
    for r in inv["roads"][1]:
        if r["fleet"] not in fleets:
            problems.append(f"roads.csv:{r['_line']}: unknown fleet '{r['fleet']}'")
    if inv["geojson"]:
        for feat in inv["geojson"]["features"]:
            pr = feat["properties"]
            if pr["id"] in ids:
                problems.append(f"bare_land.geojson: duplicate id '{pr['id']}'")
            ids.add(pr["id"])
            for key in pr:
                name, unit = split_header(key)
                if not (name in ALLOWED["areas"] or name.startswith("note") or name.startswith("source")):
                    problems.append(f"bare_land.geojson: feature '{pr['id']}': unknown property '{key}'")
            geom = feat["geometry"]
            polys = [geom["coordinates"]] if geom["type"] == "Polygon" else geom["coordinates"]
            for poly in polys:
                if len(poly) != 1:
                    problems.append(f"bare_land.geojson: feature '{pr['id']}': holes are not allowed")
                for lon, lat in poly[0]:
                    inside(lon, lat, f"bare_land.geojson: feature '{pr['id']}'")
    return problems


def main():
    p = argparse.ArgumentParser(description="Annual totals (t/yr) of an inventory folder at reference conditions.")
    default = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "kangbashi", "inventory")
    p.add_argument("folder", nargs="?", default=os.path.normpath(default),
                   help="folder with points.csv, areas.csv, roads.csv, fleets.csv, vehicle_classes.csv "
                        "(default: data/kangbashi/inventory)")
    p.add_argument("--check", action="store_true",
                   help="check columns, ids, fleet shares and that every source lies inside the grid")
    p.add_argument("--centre", nargs=2, type=float, default=[109.78, 39.61], metavar=("LON", "LAT"),
                   help="grid centre for --check (default 109.78 39.61)")
    p.add_argument("--half-width", type=float, default=32000.0,
                   help="half the grid width in m for --check (default 32000; Lambert grid of the Kangbashi cases)")
    a = p.parse_args()
    inv = load(a.folder)
    print(report(totals(inv)))
    if a.check:
        problems = check(inv, a.centre[0], a.centre[1], a.half_width)
        for pr in problems:
            print(f"check: {pr}", file=sys.stderr)
        if problems:
            return 1
        print("check: ok", file=sys.stderr)
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except (ToolError, KeyError, ValueError, OSError) as e:
        print(f"inventory_totals.py: error: {e}", file=sys.stderr)
        sys.exit(2)
