#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""High-precision box references for tests/verification/chemistry/test_box_reference.cpp.

Reads a shipped mechanism file (chemistry/mechanisms/<name>.yaml), builds its ODE system from the rules of
docs/mechanisms.md with its own code (nothing here calls or links the C++ engine), and integrates one
well-mixed box for 6 h with SciPy's Radau IIA (order 5), rtol 1e-10, an absolute tolerance of 1e-3 molecules
cm-3 (4e-23 mole fraction) and the analytic Jacobian of the mass-action system. Writes
reference/<name>_6h.csv with the conditions, the photolysis rates and every solved species in ppb at 1, 3
and 6 h.

Rules implemented from docs/mechanisms.md:
  section 1.5  equations: whole reactant counts, real product yields (a '-' negates the next one), `hv` ignored,
               net yields (a species on both sides counts once, with products minus reactants);
               rate r = k * product over reactants of [X]^count, fixed reactants included.
  section 2    constant; Arrhenius sums A (T/300)^B exp(C/T) [M]^m; Troe (CMAQ/JPL)
               k = [k0 M / (1 + k0 M / kinf)] F^G, G = 1 / (1 + (log10(k0 M / kinf) / n)^2);
               photolysis s exp(c/T) j(NAME).
  section 3    fixed species: [M] = p / (k_B T) 1e-6, k_B = 1.380649e-23 J K-1; [H2O] = [M] r / (1 + r),
               r = qv Md / Mw (Md = 0.0289644, Mw = 0.01801528 kg mol-1); a mixing ratio x gives x [M].
Conditions: T = 298.15 K, p = 101325 Pa, relative humidity 50 % converted to qv with the Bolton (1980)
saturation pressure e_s = 611.2 exp(17.67 (T - 273.15) / (T - 29.65)) Pa and qv = (Mw/Md) e / (p - e)
(the box model's documented conversion, driver/box.hpp).
Photolysis: fixed, the MCM v3.3.1 clear-sky parameterisation j = l (cos chi)^m exp(-n sec chi) (Saunders et
al. 2003, ACP 3, 161, eq. 2) at a solar zenith angle of 30 degrees, with l, m, n from the MCM photolysis page
(http://chmlin9.leeds.ac.uk/MCMv3.3.1/parameters/photolysis_param.htt) as tabulated in the team notes
/work/shared/reference/chemistry-numerics.md section 2.4.

The script integrates each case twice, at rtol 1e-10 and 1e-11, and prints the largest relative difference
of the tested species between the two as an estimate of the reference's own error.

Run (Debian's python3 with numpy, scipy and PyYAML):
  /usr/bin/python3 tests/verification/chemistry/reference/box_reference.py
Options: --mechanism grs|cb05-core (default both), --check (compare with the committed CSV, write nothing).
"""
import argparse
import math
import os
import re
import sys

import numpy as np
import scipy
import yaml
from scipy.integrate import solve_ivp

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", "..", ".."))

TEMPERATURE = 298.15  # K
PRESSURE = 101325.0  # Pa
RELATIVE_HUMIDITY = 0.5
ZENITH_DEG = 30.0
HOURS = (1.0, 3.0, 6.0)
RTOL, RTOL_CHECK, ATOL = 1e-10, 1e-11, 1e-3  # ATOL in molecules cm-3

BOLTZMANN = 1.380649e-23  # J K-1 (docs/mechanisms.md section 3)
MD, MW = 0.0289644, 0.01801528  # kg mol-1

# MCM v3.3.1 j = l cos^m exp(-n / cos): (l, m, n) for the names of docs/mechanisms.md section 2.1
# (chemistry-numerics.md section 2.4).
MCM = {
    "O3_O1D": (6.073e-5, 1.743, 0.474),  # J1
    "O3_O3P": (4.775e-4, 0.298, 0.080),  # J2
    "H2O2": (1.041e-5, 0.723, 0.279),  # J3
    "NO2": (1.165e-2, 0.244, 0.267),  # J4
    "NO3_NO": (2.485e-2, 0.168, 0.108),  # J5
    "NO3_NO2": (1.747e-1, 0.155, 0.125),  # J6
    "HONO": (2.644e-3, 0.261, 0.288),  # J7
    "HNO3": (9.312e-7, 1.230, 0.307),  # J8
    "HCHO_radical": (4.642e-5, 0.762, 0.353),  # J11
    "HCHO_molecular": (6.853e-5, 0.477, 0.323),  # J12
    "CH3CHO": (7.344e-6, 1.202, 0.417),  # J13
    "CH3OOH": (7.649e-6, 0.682, 0.279),  # J41
}

# Urban morning mixes [ppb]; unlisted species start at zero.
INITIAL = {
    "grs": {"NO": 30.0, "NO2": 20.0, "O3": 30.0, "ROC": 200.0},
    "cb05-core": {"NO": 30.0, "NO2": 20.0, "O3": 30.0, "CO": 300.0, "FORM": 5.0, "ALD2": 3.0, "PAR": 100.0,
                  "OLE": 3.0, "ETH": 5.0, "TOL": 5.0, "XYL": 3.0, "ISOP": 1.0, "SO2": 5.0},
}
# Species the C++ test asserts (HNO3's counterpart in GRS is SGN, its stable gaseous nitrogen product).
TESTED = {"grs": ("O3", "NO2", "SGN"), "cb05-core": ("O3", "NO2", "HNO3")}


class Loader(yaml.SafeLoader):
    """SafeLoader that reads only true/false as booleans: YAML 1.1 would turn the species name NO into
    False (docs/mechanisms.md section 5)."""


Loader.yaml_implicit_resolvers = {
    key: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
Loader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|false)$"),
                             list("tf"))


def mcm_j(name, zenith_deg):
    l, m, n = MCM[name]
    c = math.cos(math.radians(zenith_deg))
    return l * c**m * math.exp(-n / c)


def qv_from_rh(rh, t, p):
    e = rh * 611.2 * math.exp(17.67 * (t - 273.15) / (t - 29.65))
    return MW / MD * e / (p - e)


def num(x):
    # PyYAML reads 1e-5 (no dot) as text; every number of the format goes through float().
    return float(x)


def arrhenius_term(term, t, m):
    a, b, c = num(term["A"]), num(term.get("B", 0.0)), num(term.get("C", 0.0))
    return a * (t / 300.0)**b * math.exp(c / t) * m**int(term.get("M", 0))


def rate_constant(rate, t, m, j):
    """docs/mechanisms.md section 2, for one reaction; fixed reactants are multiplied in later."""
    if not isinstance(rate, dict):
        return num(rate)
    if "photolysis" in rate:
        p = rate["photolysis"]
        if isinstance(p, dict):
            name, scale, c = p["name"], num(p.get("scale", 1.0)), num(p.get("C", 0.0))
        else:
            name, scale, c = p, num(rate.get("scale", 1.0)), num(rate.get("C", 0.0))
        return scale * math.exp(c / t) * j[name]
    (law, spec), = rate.items()
    if law == "constant":
        return num(spec)
    if law == "arrhenius":
        terms = spec if isinstance(spec, list) else [spec]
        return sum(arrhenius_term(x, t, m) for x in terms)
    if law == "troe":
        k0 = arrhenius_term(spec["k0"], t, 1.0) * m
        kinf = arrhenius_term(spec["kinf"], t, 1.0)
        f, n = num(spec.get("F", 0.6)), num(spec.get("n", 1.0))
        g = 1.0 / (1.0 + (math.log10(k0 / kinf) / n)**2)
        return k0 / (1.0 + k0 / kinf) * f**g
    raise ValueError(f"unknown rate law {rate}")


def parse_side(text, reactants):
    """Terms of one side of an equation: list of (name, coefficient)."""
    tokens = text.replace("*", " ").replace("+", " + ").replace("-", " - ").split()
    terms, sign, coef = [], 1.0, None
    for tok in tokens:
        if tok == "+":
            continue
        if tok == "-":
            if reactants:
                raise ValueError(f"'-' among reactants: {text}")
            sign = -sign
            continue
        try:
            coef = float(tok)
            continue
        except ValueError:
            pass
        if tok != "hv":
            terms.append((tok, sign * (1.0 if coef is None else coef)))
        sign, coef = 1.0, None
    return terms


class Box:
    def __init__(self, mech, t, p, qv, j):
        self.m_air = p / (BOLTZMANN * t) * 1e-6
        fixed = {}
        self.solved = []
        for s in mech["species"]:
            name, kind = s["name"], s.get("fixed")
            if kind is None:
                self.solved.append(name)
            elif kind == "air":
                fixed[name] = self.m_air
            elif kind == "water":
                r = qv * MD / MW
                fixed[name] = self.m_air * r / (1.0 + r)
            else:
                fixed[name] = num(kind["mixing_ratio"]) * self.m_air
        index = {n: i for i, n in enumerate(self.solved)}
        self.fixed = fixed
        self.reactions = []  # (k_eff, [solved reactant indices, one per count], {solved index: net yield})
        for r in mech["reactions"]:
            lhs, rhs = r["equation"].split("->")
            k = rate_constant(r["rate"], t, self.m_air, j)
            reactants, net = [], {}
            for name, count in parse_side(lhs, True):
                if name in fixed:
                    k *= fixed[name]**count
                else:
                    reactants += [index[name]] * int(round(count))
                    net[index[name]] = net.get(index[name], 0.0) - count
            for name, y in parse_side(rhs, False):
                if name in fixed:
                    continue  # a pass-through third body (section 3)
                net[index[name]] = net.get(index[name], 0.0) + y
            net = {i: v for i, v in net.items() if v != 0.0}
            self.reactions.append((k, reactants, net))

    def f(self, _t, y):
        dy = np.zeros_like(y)
        for k, reactants, net in self.reactions:
            rate = k
            for i in reactants:
                rate *= y[i]
            for i, v in net.items():
                dy[i] += v * rate
        return dy

    def jac(self, _t, y):
        n = len(y)
        jm = np.zeros((n, n))
        for k, reactants, net in self.reactions:
            for pos, i in enumerate(reactants):
                d = k
                for q, other in enumerate(reactants):
                    if q != pos:
                        d *= y[other]
                for s, v in net.items():
                    jm[s, i] += v * d
        return jm


def integrate(box, y0, rtol):
    times = [h * 3600.0 for h in HOURS]
    sol = solve_ivp(box.f, (0.0, times[-1]), y0, method="Radau", jac=box.jac, rtol=rtol, atol=ATOL,
                    t_eval=times, first_step=1e-6)
    if not sol.success:
        raise RuntimeError(sol.message)
    return sol.y


def run(name, check):
    path = os.path.join(ROOT, "chemistry", "mechanisms", name + ".yaml")
    with open(path) as fh:
        mech = yaml.load(fh, Loader=Loader)
    j_used = []
    for r in mech["reactions"]:
        rate = r["rate"]
        if isinstance(rate, dict) and "photolysis" in rate:
            p = rate["photolysis"]
            nm = p["name"] if isinstance(p, dict) else p
            if nm not in j_used:
                j_used.append(nm)
    j = {nm: mcm_j(nm, ZENITH_DEG) for nm in j_used}
    qv = qv_from_rh(RELATIVE_HUMIDITY, TEMPERATURE, PRESSURE)
    box = Box(mech, TEMPERATURE, PRESSURE, qv, j)
    to_conc = box.m_air * 1e-9
    y0 = np.array([INITIAL[name].get(s, 0.0) * to_conc for s in box.solved])
    y = integrate(box, y0, RTOL) / to_conc
    y_check = integrate(box, y0, RTOL_CHECK) / to_conc
    tested = [box.solved.index(s) for s in TESTED[name]]
    self_err = np.max(np.abs(y[tested] - y_check[tested]) / np.abs(y_check[tested]))
    print(f"{name}: M = {box.m_air:.6e} cm-3, qv = {qv:.6e} kg/kg, H2O = {box.fixed.get('H2O', 0):.6e} cm-3")
    for s in TESTED[name]:
        i = box.solved.index(s)
        print(f"  {s:5s} ppb at {HOURS} h: " + ", ".join(f"{v:.9g}" for v in y[i]))
    print(f"  rtol {RTOL:g} vs {RTOL_CHECK:g}: max relative difference of {TESTED[name]} = {self_err:.1e}")

    lines = [
        f"# {name} box reference: tests/verification/chemistry/reference/box_reference.py "
        f"(scipy {scipy.__version__} Radau, rtol {RTOL:g}, atol {ATOL:g} molecules cm-3, analytic Jacobian)",
        f"# mechanism chemistry/mechanisms/{name}.yaml; fixed photolysis: MCM v3.3.1 clear sky at zenith "
        f"{ZENITH_DEG:g} deg; RH {RELATIVE_HUMIDITY:g} (Bolton 1980)",
        f"# self-check: largest relative change of {'/'.join(TESTED[name])} at rtol {RTOL_CHECK:g}: "
        f"{self_err:.1e}",
        "kind,name,initial,1h,3h,6h",
        f"condition,temperature_K,{TEMPERATURE!r},,,",
        f"condition,pressure_Pa,{PRESSURE!r},,,",
        f"condition,relative_humidity,{RELATIVE_HUMIDITY!r},,,",
        f"condition,qv_kg_per_kg,{qv:.17g},,,",
        f"condition,air_cm3,{box.m_air:.17g},,,",
    ]
    lines += [f"j,{nm},{j[nm]:.17g},,," for nm in j_used]
    for i, s in enumerate(box.solved):
        lines.append(f"species,{s},{INITIAL[name].get(s, 0.0)!r}," + ",".join(f"{v:.17g}" for v in y[i]))
    out = os.path.join(HERE, f"{name}_6h.csv")
    text = "\n".join(lines) + "\n"
    if check:
        with open(out) as fh:
            old = fh.read()
        print(f"  {out}: {'unchanged' if old == text else 'DIFFERS'}")
        return old == text
    with open(out, "w") as fh:
        fh.write(text)
    print(f"  wrote {out}")
    return True


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mechanism", choices=sorted(INITIAL), action="append")
    ap.add_argument("--check", action="store_true")
    args = ap.parse_args()
    ok = all([run(n, args.check) for n in (args.mechanism or ["grs", "cb05-core"])])
    sys.exit(0 if ok else 1)
