// SPDX-License-Identifier: Apache-2.0
// Map projections after Snyder, J. P. (1987), "Map Projections: A Working Manual", USGS Professional Paper
// 1395. Equation numbers "(15-9)" refer to that book. On a sphere (inverse_flattening == 0) the ellipsoidal
// formulas of the conformal conic, polar stereographic and Mercator projections reduce exactly to the
// spherical ones when e = 0 (e.g. t of (15-9) becomes tan(pi/4 - phi/2), Snyder's spherical (15-1) written
// with 1/tan(pi/4 + phi/2)), so those share one code path; the transverse Mercator has a closed spherical
// form (8-1..8-8) that is used instead of the ellipsoidal series.
//
// Conventions on the scale factor (CF lets a grid mapping give either a standard parallel or a scale factor):
//  * transverse Mercator: scale_factor is k0 on the central meridian;
//  * polar stereographic: true scale at standard_parallel_1; when that is the pole itself (+-90) the scale at
//    the pole is scale_factor (CF scale_factor_at_projection_origin), otherwise scale_factor must be 1;
//  * Mercator: true scale at standard_parallel_1; scale_factor (CF scale_factor_at_projection_origin) is
//    allowed only with standard_parallel_1 == 0, as k0 on the equator;
//  * Lambert conformal conic: scale_factor is not a parameter and must be 1.
#include "core/projection.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <stdexcept>
#include <string>

#include "core/constants.hpp"

namespace airshed {

namespace {

using constants::pi;
constexpr double deg = pi / 180.0;

/// Figure of the Earth: semi-major axis a, eccentricity e and e^2 = 2f - f^2.
struct Figure {
  double a = 0.0;
  double e = 0.0;
  double e2 = 0.0;
};

Figure figure_of(const Projection& p) {
  Figure f;
  f.a = p.semi_major_axis;
  if (p.inverse_flattening != 0.0) {
    const double fl = 1.0 / p.inverse_flattening;
    f.e2 = fl * (2.0 - fl);
    f.e = std::sqrt(f.e2);
  }
  return f;
}

/// Longitude difference lon - lon0 reduced to [-pi, pi), radians.
double delta_lon(double lon_deg, double lon0_deg) {
  double d = std::fmod((lon_deg - lon0_deg) * deg + pi, 2.0 * pi);
  if (d < 0.0) d += 2.0 * pi;
  return d - pi;
}

/// Longitude in degrees reduced to [-180, 180).
double wrap_lon_deg(double lon) {
  double d = std::fmod(lon + 180.0, 360.0);
  if (d < 0.0) d += 360.0;
  return d - 180.0;
}

/// Snyder (14-15): m = cos(phi) / sqrt(1 - e^2 sin^2(phi)).
double msfn(double phi, const Figure& f) {
  const double s = std::sin(phi);
  return std::cos(phi) / std::sqrt(1.0 - f.e2 * s * s);
}

/// Snyder (15-9) (also used by (7-10) and ch. 21): t = tan(pi/4 - phi/2) / [(1 - e sin phi)/(1 + e sin
/// phi)]^(e/2).
double tsfn(double phi, const Figure& f) {
  const double es = f.e * std::sin(phi);
  return std::tan(0.25 * pi - 0.5 * phi) / std::pow((1.0 - es) / (1.0 + es), 0.5 * f.e);
}

/// Inverse of tsfn by the fixed-point iteration of Snyder (7-9):
/// phi = pi/2 - 2 atan(t [(1 - e sin phi)/(1 + e sin phi)]^(e/2)), starting from phi = pi/2 - 2 atan(t).
double phi_from_t(double t, const Figure& f) {
  double phi = 0.5 * pi - 2.0 * std::atan(t);
  if (f.e == 0.0) return phi;
  for (int it = 0; it < 100; ++it) {
    const double es = f.e * std::sin(phi);
    const double next = 0.5 * pi - 2.0 * std::atan(t * std::pow((1.0 - es) / (1.0 + es), 0.5 * f.e));
    const double change = std::abs(next - phi);
    phi = next;
    if (change < 1e-15) break;
  }
  return phi;
}

// ---------------------------------------------------------------------------------------------------------
// Lambert conformal conic, Snyder ch. 15.

struct LccConstants {
  double n = 0.0;   // cone constant (15-8), or sin(phi1) for a tangent cone (15-8 in the limit phi2 -> phi1)
  double aF = 0.0;  // a F, F from (15-10)
  double rho0 = 0.0;  // (15-7) at the origin latitude
};

LccConstants lcc_constants(const Projection& p, const Figure& f) {
  const double phi1 = p.standard_parallel_1 * deg, phi2 = p.standard_parallel_2 * deg;
  const double m1 = msfn(phi1, f), t1 = tsfn(phi1, f);
  LccConstants c;
  if (std::abs(phi1 - phi2) < 1e-12) {
    c.n = std::sin(phi1);
  } else {
    const double m2 = msfn(phi2, f), t2 = tsfn(phi2, f);
    c.n = (std::log(m1) - std::log(m2)) / (std::log(t1) - std::log(t2));  // (15-8)
  }
  c.aF = f.a * m1 / (c.n * std::pow(t1, c.n));                                    // (15-10)
  c.rho0 = c.aF * std::pow(tsfn(p.latitude_of_projection_origin * deg, f), c.n);  // (15-7)
  return c;
}

ProjectedXY lcc_forward(const Projection& p, LonLat q) {
  const Figure f = figure_of(p);
  const LccConstants c = lcc_constants(p, f);
  const double rho = c.aF * std::pow(tsfn(q.lat * deg, f), c.n);                 // (15-7)
  const double theta = c.n * delta_lon(q.lon, p.longitude_of_central_meridian);  // (14-4)
  return {rho * std::sin(theta), c.rho0 - rho * std::cos(theta)};                // (14-1), (14-2)
}

LonLat lcc_inverse(const Projection& p, ProjectedXY q) {
  const Figure f = figure_of(p);
  const LccConstants c = lcc_constants(p, f);
  const double x = q.x, dy = c.rho0 - q.y;
  // (14-10), (14-11): with n < 0, rho and the arguments of atan take the sign of n.
  const double sign = c.n < 0.0 ? -1.0 : 1.0;
  const double rho = sign * std::hypot(x, dy);
  const double theta = std::atan2(sign * x, sign * dy);
  const double t = std::pow(rho / c.aF, 1.0 / c.n);  // (15-11)
  const double phi = rho == 0.0 ? sign * 0.5 * pi : phi_from_t(t, f);
  return {wrap_lon_deg(p.longitude_of_central_meridian + theta / c.n / deg), phi / deg};  // (14-9)
}

double lcc_scale(const Projection& p, LonLat q) {
  const Figure f = figure_of(p);
  const LccConstants c = lcc_constants(p, f);
  const double phi = q.lat * deg;
  const double rho = c.aF * std::pow(tsfn(phi, f), c.n);
  return rho * c.n / (f.a * msfn(phi, f));  // (15-4): k = rho n / (a m)
}

// ---------------------------------------------------------------------------------------------------------
// Transverse Mercator, Snyder ch. 8.

/// Meridian distance M from the equator, Snyder (3-21).
double meridian_distance(double phi, const Figure& f) {
  const double e2 = f.e2, e4 = e2 * e2, e6 = e4 * e2;
  return f.a * ((1.0 - e2 / 4.0 - 3.0 * e4 / 64.0 - 5.0 * e6 / 256.0) * phi -
                (3.0 * e2 / 8.0 + 3.0 * e4 / 32.0 + 45.0 * e6 / 1024.0) * std::sin(2.0 * phi) +
                (15.0 * e4 / 256.0 + 45.0 * e6 / 1024.0) * std::sin(4.0 * phi) -
                (35.0 * e6 / 3072.0) * std::sin(6.0 * phi));
}

/// Ellipsoidal forward series (8-9), (8-10) without false easting/northing; lam = lon - lon0 in radians.
ProjectedXY tm_series_forward(const Projection& p, const Figure& f, double phi, double lam) {
  const double k0 = p.scale_factor;
  const double ep2 = f.e2 / (1.0 - f.e2);  // (8-12)
  const double s = std::sin(phi), c = std::cos(phi), tn = std::tan(phi);
  const double N = f.a / std::sqrt(1.0 - f.e2 * s * s);  // (4-20)
  const double T = tn * tn;                              // (8-13)
  const double C = ep2 * c * c;                          // (8-14)
  const double A = lam * c;                              // (8-15)
  const double M = meridian_distance(phi, f),
               M0 = meridian_distance(p.latitude_of_projection_origin * deg, f);
  const double A2 = A * A, A3 = A2 * A, A4 = A2 * A2, A5 = A4 * A, A6 = A4 * A2;
  const double x =
      k0 * N * (A + (1.0 - T + C) * A3 / 6.0 + (5.0 - 18.0 * T + T * T + 72.0 * C - 58.0 * ep2) * A5 / 120.0);
  const double y = k0 * (M - M0 +
                         N * tn *
                             (A2 / 2.0 + (5.0 - T + 9.0 * C + 4.0 * C * C) * A4 / 24.0 +
                              (61.0 - 58.0 * T + T * T + 600.0 * C - 330.0 * ep2) * A6 / 720.0));
  return {x, y};
}

/// Scale factor of the ellipsoidal series, Snyder (8-11).
double tm_series_scale(const Projection& p, const Figure& f, double phi, double lam) {
  const double ep2 = f.e2 / (1.0 - f.e2);
  const double c = std::cos(phi), tn = std::tan(phi);
  const double T = tn * tn, C = ep2 * c * c, A = lam * c;
  const double A2 = A * A, A4 = A2 * A2, A6 = A4 * A2;
  return p.scale_factor *
         (1.0 + (1.0 + C) * A2 / 2.0 + (5.0 - 4.0 * T + 42.0 * C + 13.0 * C * C - 28.0 * ep2) * A4 / 24.0 +
          (61.0 - 148.0 * T + 16.0 * T * T) * A6 / 720.0);
}

/// Meridian convergence gamma of the ellipsoidal transverse Mercator (the angle from true north to grid
/// north, positive east of the central meridian in the northern hemisphere), the series to l^5 used with
/// Snyder's (8-9)/(8-10) (e.g. US Army TM 5-241-8 / DMA TM 8358.2 eq. for "convergence"): gamma = l s + l^3 s
/// c^2 (1 + 3 eta^2 + 2 eta^4) / 3 + l^5 s c^4 (2 - tan^2 phi) / 15, eta^2 = e'^2 c^2.
double tm_series_convergence(const Figure& f, double phi, double lam) {
  const double ep2 = f.e2 / (1.0 - f.e2);
  const double s = std::sin(phi), c = std::cos(phi), tn = std::tan(phi);
  const double eta2 = ep2 * c * c;
  const double l2 = lam * lam;
  return lam * s *
         (1.0 + l2 * c * c * (1.0 + 3.0 * eta2 + 2.0 * eta2 * eta2) / 3.0 +
          l2 * l2 * c * c * c * c * (2.0 - tn * tn) / 15.0);
}

ProjectedXY tm_forward(const Projection& p, LonLat q) {
  const Figure f = figure_of(p);
  const double phi = q.lat * deg, lam = delta_lon(q.lon, p.longitude_of_central_meridian);
  const double k0 = p.scale_factor, phi0 = p.latitude_of_projection_origin * deg;
  if (f.e == 0.0) {
    const double B = std::cos(phi) * std::sin(lam);                                                 // (8-5)
    const double x = 0.5 * f.a * k0 * std::log((1.0 + B) / (1.0 - B));                              // (8-1)
    const double y = f.a * k0 * (std::atan2(std::sin(phi), std::cos(phi) * std::cos(lam)) - phi0);  // (8-3)
    return {x, y};
  }
  return tm_series_forward(p, f, phi, lam);
}

LonLat tm_inverse(const Projection& p, ProjectedXY q) {
  const Figure f = figure_of(p);
  const double k0 = p.scale_factor, phi0 = p.latitude_of_projection_origin * deg;
  const double lon0 = p.longitude_of_central_meridian;
  if (f.e == 0.0) {
    const double D = q.y / (f.a * k0) + phi0;                                 // (8-8)
    const double phi = std::asin(std::sin(D) / std::cosh(q.x / (f.a * k0)));  // (8-6)
    const double lam = std::atan2(std::sinh(q.x / (f.a * k0)), std::cos(D));  // (8-7)
    return {wrap_lon_deg(lon0 + lam / deg), phi / deg};
  }
  // Footpoint latitude and series (8-17), (8-18) with (3-24), (3-26), (7-19), (8-20)..(8-25).
  const double e2 = f.e2, e4 = e2 * e2, e6 = e4 * e2;
  const double ep2 = e2 / (1.0 - e2);
  const double M = meridian_distance(phi0, f) + q.y / k0;                               // (8-20)
  const double mu = M / (f.a * (1.0 - e2 / 4.0 - 3.0 * e4 / 64.0 - 5.0 * e6 / 256.0));  // (7-19)
  const double r = std::sqrt(1.0 - e2);
  const double e1 = (1.0 - r) / (1.0 + r);  // (3-24)
  const double e1_2 = e1 * e1, e1_3 = e1_2 * e1, e1_4 = e1_2 * e1_2;
  const double phi1 = mu + (3.0 * e1 / 2.0 - 27.0 * e1_3 / 32.0) * std::sin(2.0 * mu) +
                      (21.0 * e1_2 / 16.0 - 55.0 * e1_4 / 32.0) * std::sin(4.0 * mu) +
                      (151.0 * e1_3 / 96.0) * std::sin(6.0 * mu) +
                      (1097.0 * e1_4 / 512.0) * std::sin(8.0 * mu);  // (3-26)
  const double s1 = std::sin(phi1), c1 = std::cos(phi1), tn1 = std::tan(phi1);
  const double C1 = ep2 * c1 * c1;                                         // (8-21)
  const double T1 = tn1 * tn1;                                             // (8-22)
  const double N1 = f.a / std::sqrt(1.0 - e2 * s1 * s1);                   // (8-23)
  const double R1 = f.a * (1.0 - e2) / std::pow(1.0 - e2 * s1 * s1, 1.5);  // (8-24)
  const double D = q.x / (N1 * k0);                                        // (8-25)
  const double D2 = D * D, D3 = D2 * D, D4 = D2 * D2, D5 = D4 * D, D6 = D4 * D2;
  double phi = phi1 - (N1 * tn1 / R1) *
                          (D2 / 2.0 - (5.0 + 3.0 * T1 + 10.0 * C1 - 4.0 * C1 * C1 - 9.0 * ep2) * D4 / 24.0 +
                           (61.0 + 90.0 * T1 + 298.0 * C1 + 45.0 * T1 * T1 - 252.0 * ep2 - 3.0 * C1 * C1) *
                               D6 / 720.0);  // (8-17)
  double lam = (D - (1.0 + 2.0 * T1 + C1) * D3 / 6.0 +
                (5.0 - 2.0 * C1 + 28.0 * T1 - 3.0 * C1 * C1 + 8.0 * ep2 + 24.0 * T1 * T1) * D5 / 120.0) /
               c1;  // (8-18)
  // The forward and inverse series are truncated independently, so they are inverse to each other only to
  // ~1e-9 of a degree a few degrees from the central meridian. A few Newton steps on the forward series make
  // inverse(forward(p)) == p to rounding: the projection is conformal, so its Jacobian is k times the
  // rotation by the convergence applied to the (east, north) ground distances (N cos(phi) dlam, rho_m dphi).
  for (int it = 0; it < 4; ++it) {
    const double c = std::cos(phi);
    if (!(c > 1e-9)) break;
    const ProjectedXY g = tm_series_forward(p, f, phi, lam);
    const double rx = q.x - g.x, ry = q.y - g.y;
    const double k = tm_series_scale(p, f, phi, lam), gamma = tm_series_convergence(f, phi, lam);
    const double s = std::sin(phi), w = 1.0 - e2 * s * s;
    const double N = f.a / std::sqrt(w), rho_m = f.a * (1.0 - e2) / (w * std::sqrt(w));
    const double east = std::cos(gamma) * rx + std::sin(gamma) * ry;
    const double north = -std::sin(gamma) * rx + std::cos(gamma) * ry;
    const double dlam = east / (k * N * c), dphi = north / (k * rho_m);
    lam += dlam;
    phi += dphi;
    if (std::abs(dlam) + std::abs(dphi) < 1e-15) break;
  }
  return {wrap_lon_deg(lon0 + lam / deg), phi / deg};
}

double tm_scale(const Projection& p, LonLat q) {
  const Figure f = figure_of(p);
  const double phi = q.lat * deg, lam = delta_lon(q.lon, p.longitude_of_central_meridian);
  if (f.e == 0.0) {
    const double B = std::cos(phi) * std::sin(lam);
    return p.scale_factor / std::sqrt(1.0 - B * B);  // (8-4)
  }
  return tm_series_scale(p, f, phi, lam);  // (8-11)
}

double tm_convergence(const Projection& p, LonLat q) {
  const Figure f = figure_of(p);
  const double phi = q.lat * deg, lam = delta_lon(q.lon, p.longitude_of_central_meridian);
  // Sphere: tan(gamma) = tan(lam) sin(phi), the convergence of the closed form (8-1)/(8-3).
  if (f.e == 0.0) return std::atan2(std::sin(phi) * std::sin(lam), std::cos(lam));
  return tm_series_convergence(f, phi, lam);
}

// ---------------------------------------------------------------------------------------------------------
// Polar stereographic, Snyder ch. 21. The south polar aspect uses the north polar formulas with the signs of
// phi, phi_c, lambda, lambda0, x and y reversed (Snyder p. 161).

struct PolarSetup {
  double hemisphere = 1.0;  // +1 north pole, -1 south pole
  Figure f;
  double rho_per_t = 0.0;  // rho = rho_per_t * t
  bool true_scale_at_pole = false;
};

PolarSetup polar_setup(const Projection& p) {
  PolarSetup s;
  s.hemisphere = p.latitude_of_projection_origin < 0.0 ? -1.0 : 1.0;
  s.f = figure_of(p);
  const double phic = s.hemisphere * p.standard_parallel_1 * deg;
  const double e = s.f.e;
  if (std::abs(std::abs(p.standard_parallel_1) - 90.0) < 1e-12) {
    s.true_scale_at_pole = true;
    // (21-33): rho = 2 a k0 t / sqrt((1 + e)^(1 + e) (1 - e)^(1 - e)).
    s.rho_per_t =
        2.0 * s.f.a * p.scale_factor / std::sqrt(std::pow(1.0 + e, 1.0 + e) * std::pow(1.0 - e, 1.0 - e));
  } else {
    // (21-34): rho = a m_c t / t_c.
    s.rho_per_t = s.f.a * msfn(phic, s.f) / tsfn(phic, s.f);
  }
  return s;
}

ProjectedXY polar_forward(const Projection& p, LonLat q) {
  const PolarSetup s = polar_setup(p);
  const double h = s.hemisphere;
  const double rho = s.rho_per_t * tsfn(h * q.lat * deg, s.f);
  const double lam = delta_lon(q.lon, p.longitude_of_central_meridian);
  // North: (21-30) x = rho sin(lam), (21-31) y = -rho cos(lam); south: x = rho sin(lam), y = rho cos(lam).
  return {rho * std::sin(lam), -h * rho * std::cos(lam)};
}

LonLat polar_inverse(const Projection& p, ProjectedXY q) {
  const PolarSetup s = polar_setup(p);
  const double h = s.hemisphere;
  const double rho = std::hypot(q.x, q.y);                    // (20-18)
  const double phi = h * phi_from_t(rho / s.rho_per_t, s.f);  // (21-39), (21-40) then (7-9)
  const double lam = std::atan2(q.x, -h * q.y);               // (20-16) north; south with signs reversed
  return {wrap_lon_deg(p.longitude_of_central_meridian + lam / deg), phi / deg};
}

double polar_scale(const Projection& p, LonLat q) {
  const PolarSetup s = polar_setup(p);
  const double phi = s.hemisphere * q.lat * deg;
  const double m = msfn(phi, s.f);
  if (m < 1e-12) {
    // At the pole: k0 itself, or (21-35) k_p = m_c sqrt((1 + e)^(1 + e) (1 - e)^(1 - e)) / (2 t_c).
    const double e = s.f.e;
    return s.rho_per_t * std::sqrt(std::pow(1.0 + e, 1.0 + e) * std::pow(1.0 - e, 1.0 - e)) / (2.0 * s.f.a);
  }
  return s.rho_per_t * tsfn(phi, s.f) / (s.f.a * m);  // (21-32): k = rho / (a m)
}

// ---------------------------------------------------------------------------------------------------------
// Mercator, Snyder ch. 7, true scale at standard_parallel_1: k0 = m(phi1) (Snyder p. 44 / (7-8)).

double mercator_k0(const Projection& p, const Figure& f) {
  return p.scale_factor * msfn(p.standard_parallel_1 * deg, f);
}

ProjectedXY mercator_forward(const Projection& p, LonLat q) {
  const Figure f = figure_of(p);
  const double ak0 = f.a * mercator_k0(p, f);
  const double x = ak0 * delta_lon(q.lon, p.longitude_of_central_meridian);  // (7-6)
  const double y = -ak0 * std::log(tsfn(q.lat * deg, f));                    // (7-7) = -a k0 ln t
  return {x, y};
}

LonLat mercator_inverse(const Projection& p, ProjectedXY q) {
  const Figure f = figure_of(p);
  const double ak0 = f.a * mercator_k0(p, f);
  const double t = std::exp(-q.y / ak0);                                                // (7-10)
  const double phi = phi_from_t(t, f);                                                  // (7-9)
  return {wrap_lon_deg(p.longitude_of_central_meridian + q.x / ak0 / deg), phi / deg};  // (7-12)
}

double mercator_scale(const Projection& p, LonLat q) {
  const Figure f = figure_of(p);
  return mercator_k0(p, f) / msfn(q.lat * deg, f);  // (7-8): k = k0 sqrt(1 - e^2 sin^2 phi) / cos phi
}

// ---------------------------------------------------------------------------------------------------------
// WKT helpers.

/// Shortest decimal that reads back as v, in fixed notation ("500000", not "5e+05") as WKT readers expect.
std::string num(double v) {
  std::array<char, 400> buf{};
  const auto r = std::to_chars(buf.data(), buf.data() + buf.size(), v, std::chars_format::fixed);
  return std::string(buf.data(), r.ptr);
}

std::string parameter(const char* name, double v) {
  return ",PARAMETER[\"" + std::string(name) + "\"," + num(v) + "]";
}

bool same(double a, double b) {
  return std::abs(a - b) <= 1e-9 * std::abs(b);
}

std::string geogcs(const Projection& p) {
  const std::string tail = ",PRIMEM[\"Greenwich\",0],UNIT[\"degree\",0.0174532925199433]]";
  if (p.inverse_flattening == 0.0)
    return "GEOGCS[\"unknown\",DATUM[\"unknown\",SPHEROID[\"Sphere\"," + num(p.semi_major_axis) + ",0]]" +
           tail;
  if (same(p.semi_major_axis, 6378137.0) && same(p.inverse_flattening, 298.257223563))
    return "GEOGCS[\"WGS 84\",DATUM[\"WGS_1984\",SPHEROID[\"WGS 84\",6378137,298.257223563]]" + tail;
  return "GEOGCS[\"unknown\",DATUM[\"unknown\",SPHEROID[\"unnamed\"," + num(p.semi_major_axis) + "," +
         num(p.inverse_flattening) + "]]" + tail;
}

void require(bool ok, const std::string& why) {
  if (!ok) throw std::invalid_argument(why);
}

}  // namespace

std::string Projection::cf_grid_mapping_name() const {
  switch (kind) {
    case Kind::lambert_conformal_conic:
      return "lambert_conformal_conic";
    case Kind::transverse_mercator:
      return "transverse_mercator";
    case Kind::polar_stereographic:
      return "polar_stereographic";
    case Kind::mercator:
      return "mercator";
  }
  throw std::invalid_argument("unknown projection kind");
}

void Projection::validate() const {
  const std::string name = cf_grid_mapping_name();
  const double values[] = {standard_parallel_1,
                           standard_parallel_2,
                           longitude_of_central_meridian,
                           latitude_of_projection_origin,
                           false_easting,
                           false_northing,
                           scale_factor,
                           semi_major_axis,
                           inverse_flattening};
  for (double v : values) require(std::isfinite(v), name + ": projection parameters must be finite numbers");
  require(semi_major_axis > 0.0,
          name + ": semi_major_axis must be positive (got " + num(semi_major_axis) + ")");
  require(inverse_flattening == 0.0 || inverse_flattening > 1.0,
          name + ": inverse_flattening must be 0 (sphere) or > 1 (got " + num(inverse_flattening) + ")");
  require(scale_factor > 0.0, name + ": scale_factor must be positive (got " + num(scale_factor) + ")");
  require(std::abs(longitude_of_central_meridian) <= 360.0,
          name + ": longitude of the central meridian must lie in [-360, 360] degrees");
  switch (kind) {
    case Kind::lambert_conformal_conic:
      require(std::abs(standard_parallel_1) < 90.0 && std::abs(standard_parallel_2) < 90.0,
              name + ": standard parallels must lie strictly between -90 and 90 degrees");
      require(standard_parallel_1 * standard_parallel_2 >= 0.0,
              name + ": standard parallels " + num(standard_parallel_1) + " and " + num(standard_parallel_2) +
                  " lie on opposite sides of the equator");
      require(standard_parallel_1 != 0.0 || standard_parallel_2 != 0.0,
              name + ": a standard parallel at the equator makes the cone a cylinder (use mercator)");
      require(std::abs(latitude_of_projection_origin) < 90.0,
              name + ": latitude_of_projection_origin must lie strictly between -90 and 90 degrees");
      require(scale_factor == 1.0,
              name + ": scale_factor is not a parameter of this projection and must be 1");
      break;
    case Kind::transverse_mercator:
      require(std::abs(latitude_of_projection_origin) < 90.0,
              name + ": latitude_of_projection_origin must lie strictly between -90 and 90 degrees");
      break;
    case Kind::polar_stereographic:
      require(std::abs(latitude_of_projection_origin) == 90.0,
              name + ": latitude_of_projection_origin must be 90 or -90 (got " +
                  num(latitude_of_projection_origin) + ")");
      require(
          standard_parallel_1 * latitude_of_projection_origin > 0.0 && std::abs(standard_parallel_1) <= 90.0,
          name + ": the latitude of true scale (standard_parallel_1 = " + num(standard_parallel_1) +
              ") must lie in the hemisphere of the pole");
      require(std::abs(standard_parallel_1) == 90.0 || scale_factor == 1.0,
              name + ": give either a latitude of true scale or a scale factor at the pole, not both");
      break;
    case Kind::mercator:
      require(std::abs(standard_parallel_1) < 90.0,
              name + ": the latitude of true scale must lie strictly between -90 and 90 degrees");
      require(latitude_of_projection_origin == 0.0,
              name + ": latitude_of_projection_origin must be 0 (the equator)");
      require(standard_parallel_1 == 0.0 || scale_factor == 1.0,
              name + ": give either a latitude of true scale or a scale factor at the equator, not both");
      break;
  }
}

ProjectedXY Projection::forward(LonLat p) const {
  ProjectedXY xy;
  switch (kind) {
    case Kind::lambert_conformal_conic:
      xy = lcc_forward(*this, p);
      break;
    case Kind::transverse_mercator:
      xy = tm_forward(*this, p);
      break;
    case Kind::polar_stereographic:
      xy = polar_forward(*this, p);
      break;
    case Kind::mercator:
      xy = mercator_forward(*this, p);
      break;
  }
  return {xy.x + false_easting, xy.y + false_northing};
}

LonLat Projection::inverse(ProjectedXY p) const {
  const ProjectedXY q{p.x - false_easting, p.y - false_northing};
  switch (kind) {
    case Kind::lambert_conformal_conic:
      return lcc_inverse(*this, q);
    case Kind::transverse_mercator:
      return tm_inverse(*this, q);
    case Kind::polar_stereographic:
      return polar_inverse(*this, q);
    case Kind::mercator:
      return mercator_inverse(*this, q);
  }
  throw std::invalid_argument("unknown projection kind");
}

// The rotation a is the angle, counter-clockwise, from the grid's x axis to local east (equivalently from the
// grid's y axis to true north): east and north are then (cos a, sin a) and (-sin a, cos a) in grid axes,
// which gives the formulas of the header.
//  * LCC: along a parallel x = rho sin(theta), y = rho0 - rho cos(theta) (14-1, 14-2) move in the direction
//    (cos theta, sin theta), so a = theta = n (lon - lon0) (14-4); this holds for n < 0 too, where rho < 0.
//  * Polar stereographic, north: east is the direction of d(x, y)/d(lam) = rho (cos lam, sin lam), a = lam;
//    south: (x, y) = rho (sin lam, cos lam) gives east = (cos lam, -sin lam), a = -lam.
//  * Transverse Mercator: the meridian convergence gamma.
//  * Mercator: parallels are the x axis, a = 0.
double Projection::grid_rotation(LonLat p) const {
  switch (kind) {
    case Kind::lambert_conformal_conic: {
      const LccConstants c = lcc_constants(*this, figure_of(*this));
      return c.n * delta_lon(p.lon, longitude_of_central_meridian);
    }
    case Kind::transverse_mercator:
      return tm_convergence(*this, p);
    case Kind::polar_stereographic: {
      const double h = latitude_of_projection_origin < 0.0 ? -1.0 : 1.0;
      return h * delta_lon(p.lon, longitude_of_central_meridian);
    }
    case Kind::mercator:
      return 0.0;
  }
  throw std::invalid_argument("unknown projection kind");
}

double Projection::map_scale_factor(LonLat p) const {
  switch (kind) {
    case Kind::lambert_conformal_conic:
      return lcc_scale(*this, p);
    case Kind::transverse_mercator:
      return tm_scale(*this, p);
    case Kind::polar_stereographic:
      return polar_scale(*this, p);
    case Kind::mercator:
      return mercator_scale(*this, p);
  }
  throw std::invalid_argument("unknown projection kind");
}

std::string Projection::to_wkt() const {
  std::string projection, params;
  switch (kind) {
    case Kind::lambert_conformal_conic:
      projection = "Lambert_Conformal_Conic_2SP";
      params = parameter("standard_parallel_1", standard_parallel_1) +
               parameter("standard_parallel_2", standard_parallel_2) +
               parameter("latitude_of_origin", latitude_of_projection_origin) +
               parameter("central_meridian", longitude_of_central_meridian);
      break;
    case Kind::transverse_mercator:
      projection = "Transverse_Mercator";
      params = parameter("latitude_of_origin", latitude_of_projection_origin) +
               parameter("central_meridian", longitude_of_central_meridian) +
               parameter("scale_factor", scale_factor);
      break;
    case Kind::polar_stereographic:
      // GDAL's Polar_Stereographic: latitude_of_origin is the latitude of true scale (+-90 with a scale
      // factor).
      projection = "Polar_Stereographic";
      params = parameter("latitude_of_origin", standard_parallel_1) +
               parameter("central_meridian", longitude_of_central_meridian) +
               parameter("scale_factor", scale_factor);
      break;
    case Kind::mercator:
      if (standard_parallel_1 == 0.0) {
        projection = "Mercator_1SP";
        params = parameter("central_meridian", longitude_of_central_meridian) +
                 parameter("scale_factor", scale_factor);
      } else {
        projection = "Mercator_2SP";
        params = parameter("standard_parallel_1", standard_parallel_1) +
                 parameter("central_meridian", longitude_of_central_meridian);
      }
      break;
  }
  params += parameter("false_easting", false_easting) + parameter("false_northing", false_northing);
  return "PROJCS[\"unnamed\"," + geogcs(*this) + ",PROJECTION[\"" + projection + "\"]" + params +
         ",UNIT[\"metre\",1,AUTHORITY[\"EPSG\",\"9001\"]]]";
}

}  // namespace airshed
