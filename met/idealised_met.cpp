// SPDX-License-Identifier: Apache-2.0
// Idealised meteorology: a horizontally uniform atmosphere driven by the sun at each cell centre.
//
// Formulas (heights z above the ground, local mean solar time LST = UTC + lon/15 h):
//  * Shortwave down, clear sky (Campbell & Norman 1998, "An Introduction to Environmental Biophysics",
//    eqs. 11.11-11.13): SW = S0 cos(Z) [tau^m + 0.3 (1 - tau^m)], air mass m = (p_s / 101325) / max(cos Z,
//    0.05), S0 = 1361 W m-2 (Kopp & Lean 2011), tau = cloud_transmissivity; the first term is the direct
//    beam, the second the diffuse sky radiation; SW = 0 when cos Z <= 0.
//  * Sensible heat flux H = 0.25 SW - 20 W m-2: a quarter of the incoming shortwave is returned as sensible
//    heat by day, and the ground cools the air at 20 W m-2 at night (H < 0 for SW < 80 W m-2, i.e. near
//    sunrise and sunset too).
//  * Surface (2 m) temperature T_s = T_mean + A cos(2 pi (LST - 15 h) / 24 h), the maximum at 15 LST.
//  * Temperature profile T(z) = T_s - lapse_rate z + dT_inv min(z, 150 m) / 150 m, with a nocturnal inversion
//    of strength dT_inv = 3 K * clamp(-H / 20 W m-2, 0, 1): 3 K over the lowest 150 m at night, none while
//    the surface heats the air, growing and fading with the sign change of H around sunset and sunrise.
//  * Pressure, hydrostatic from p_s at the ground with the layer-mean temperature of the dry air
//    (trapezoid of the two end temperatures): p(z2) = p(z1) exp(-g (z2 - z1) / (Rd (T(z1) + T(z2)) / 2)),
//    from the ground to the first layer mid-point and then from mid-point to mid-point (Rd = 287, g = 9.81).
//  * Humidity: vapour pressure e = RH e_s(T) with e_s over water from Bolton (1980, Mon. Wea. Rev. 108, 1046,
//    eq. 10): e_s = 611.2 exp(17.67 (T - 273.15) / (T - 29.65)) Pa; mixing ratio r = eps e / (p - e),
//    eps = M_water / M_dry_air.
//  * Boundary-layer height: h_night while the sun is down; by day the convective layer grows by encroachment
//    (h - h_night proportional to the square root of the heat put in since sunrise, cf. Carson 1973, QJRMS
//    99, 450), reaching pbl_height_day_max when H turns negative in the late afternoon:
//      h = h_night + (h_max - h_night) sqrt(Q(t) / Q_day),  Q(t) = integral from sunrise to t of max(H, 0)
//      dt,
//    Q_day the same to sunset (trapezoid rule, 5-minute steps, at each cell's own sun). Between the evening
//    sign change of H and sunset the layer collapses with the fading sun, (h - h_night) scaled by SW / 80 W
//    m-2, so h is back at h_night at sunset.
//  * Friction velocity and wind speed from Monin-Obukhov similarity with the Businger-Dyer functions that
//    met/kz_profile uses (phi_m = 1 + 5 z/L stable, (1 - 15 z/L)^(-1/4) unstable), integrated (Paulson 1970):
//      U(z) = u*/kappa [ln(z/z0) - psi_m(z/L) + psi_m(z0/L)],  u* fixed by U(10 m) = wind_speed_10m,
//    L = -u*^3 T_s rho cp / (kappa g H), rho = p_s / (Rd T_s), solved by fixed-point iteration; in stable air
//    z/L is limited to 1 (the Businger-Dyer form is not supported by data beyond). With H = 0 this is the
//    neutral log law u* = kappa U10 / ln(10 / z0). Above the PBL top the speed stays at its PBL-top value;
//    below z0 it is 0.
//  * Direction: wind_from_direction at and below 10 m, turning clockwise (veering, direction increasing)
//    linearly with height by wind_veering degrees up to the PBL top, constant above;
//    u = -U sin(dir), v = -U cos(dir) (earth-relative, meteorological "from" convention).
//  * upward_air_velocity and kz are left empty: the model diagnoses w from continuity and computes Kz.
#include "met/idealised_met.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <stdexcept>
#include <string>

#include "core/constants.hpp"
#include "core/solar.hpp"

namespace airshed {

namespace {

using namespace constants;

constexpr double solar_constant = 1361.0;        // W m-2
constexpr double reference_pressure = 101325.0;  // Pa, air mass 1 at sea level
constexpr double diffuse_fraction = 0.3;         // Campbell & Norman (1998) eq. 11.13
constexpr double heat_fraction_of_sw = 0.25;     // H = 0.25 SW - 20
constexpr double night_cooling_flux = 20.0;      // W m-2
constexpr double inversion_strength = 3.0;       // K over the inversion depth
constexpr double inversion_depth = 150.0;        // m
constexpr double peak_temperature_hour = 15.0;   // local solar time
constexpr double reference_height = 10.0;        // m, height of wind_speed_10m and wind_from_direction
constexpr double heating_step = 300.0;           // s, trapezoid step for the PBL heating integral
constexpr double max_stable_z_over_l = 1.0;

double shortwave_down(double cos_zenith, const IdealisedMetParams& p) {
  if (!(cos_zenith > 0.0)) return 0.0;
  const double air_mass = (p.surface_pressure / reference_pressure) / std::max(cos_zenith, 0.05);
  const double beam = std::pow(p.cloud_transmissivity, air_mass);
  return solar_constant * cos_zenith * (beam + diffuse_fraction * (1.0 - beam));
}

double sensible_heat_flux(double shortwave) {
  return heat_fraction_of_sw * shortwave - night_cooling_flux;
}

/// Heat put into the air since sunrise (Q_before) and still to come before sunset (Q_after), J m-2, by the
/// trapezoid rule on a grid anchored at t. The integrand max(H, 0) is already zero for a while after sunrise
/// and before sunset, so stopping at the first step with the sun down loses nothing. At most 24 h each way.
void daytime_heating(LonLat where, UtcTime t, double heating_now, const IdealisedMetParams& p,
                     double& q_before, double& q_after) {
  const int max_steps = static_cast<int>(86400.0 / heating_step);
  q_before = q_after = 0.0;
  for (int direction : {-1, 1}) {
    double sum = 0.0, previous = heating_now;
    for (int k = 1; k <= max_steps; ++k) {
      const double cos_zenith = cos_solar_zenith(where, t, direction * k * heating_step);
      if (!(cos_zenith > 0.0)) break;
      const double current = std::max(sensible_heat_flux(shortwave_down(cos_zenith, p)), 0.0);
      sum += 0.5 * (previous + current) * heating_step;
      previous = current;
    }
    (direction < 0 ? q_before : q_after) = sum;
  }
}

double pbl_height(LonLat where, UtcTime t, double cos_zenith, double shortwave, double heat_flux,
                  const IdealisedMetParams& p) {
  if (!(cos_zenith > 0.0)) return p.pbl_height_night;
  double q_before = 0.0, q_after = 0.0;
  daytime_heating(where, t, std::max(heat_flux, 0.0), p, q_before, q_after);
  const double q_day = q_before + q_after;
  if (!(q_day > 0.0)) return p.pbl_height_night;
  double growth = std::sqrt(q_before / q_day);
  const bool afternoon = cos_solar_zenith(where, t, 60.0) < cos_zenith;
  // Evening collapse: scale by SW / 80 W m-2, which is 1 at the sign change of H and 0 at sunset.
  if (heat_flux < 0.0 && afternoon) growth *= shortwave * heat_fraction_of_sw / night_cooling_flux;
  return p.pbl_height_night + (p.pbl_height_day_max - p.pbl_height_night) * growth;
}

/// Integrated Businger-Dyer stability function for momentum psi_m(z/L) (Paulson 1970 for unstable air).
double psi_momentum(double z_over_l) {
  if (z_over_l >= 0.0) return -5.0 * std::min(z_over_l, max_stable_z_over_l);
  const double x = std::pow(1.0 - 15.0 * z_over_l, 0.25);
  return 2.0 * std::log(0.5 * (1.0 + x)) + std::log(0.5 * (1.0 + x * x)) - 2.0 * std::atan(x) + 0.5 * pi;
}

/// ln(z/z0) - psi_m(z/L) + psi_m(z0/L): U(z) = u*/kappa times this.
double profile(double z, double z0, double inverse_l) {
  return std::log(z / z0) - psi_momentum(z * inverse_l) + psi_momentum(z0 * inverse_l);
}

/// Friction velocity and 1/L for a 10 m wind speed, surface temperature, air density and heat flux.
void surface_layer(double u10, double z0, double temperature, double density, double heat_flux, double& ustar,
                   double& inverse_l) {
  inverse_l = 0.0;
  ustar = von_karman * u10 / profile(reference_height, z0, 0.0);
  if (heat_flux == 0.0 || u10 == 0.0) return;
  for (int it = 0; it < 100; ++it) {
    // 1/L = -kappa g H / (u*^3 T rho cp); u* kept away from 0 so that calm air stays finite.
    const double u = std::max(ustar, 1e-3);
    inverse_l = -von_karman * gravity * heat_flux / (u * u * u * temperature * density * cp_dry_air);
    const double next = von_karman * u10 / profile(reference_height, z0, inverse_l);
    const bool converged = std::abs(next - ustar) <= 1e-13 * ustar;
    ustar = next;
    if (converged) break;
  }
}

/// Bolton (1980) eq. 10: saturation vapour pressure over water [Pa] at temperature T [K].
double saturation_vapour_pressure(double t) {
  return 611.2 * std::exp(17.67 * (t - 273.15) / (t - 29.65));
}

void check(const IdealisedMetParams& p) {
  auto require = [](bool ok, const std::string& why) {
    if (!ok) throw std::invalid_argument("idealised met: " + why);
  };
  require(p.wind_speed_10m >= 0.0 && std::isfinite(p.wind_speed_10m), "wind_speed_10m must be >= 0 m s-1");
  require(std::isfinite(p.wind_from_direction) && std::isfinite(p.wind_veering),
          "wind directions must be finite");
  require(p.roughness_length > 0.0 && p.roughness_length < reference_height,
          "roughness_length must lie between 0 and 10 m");
  require(p.surface_temperature_mean > 150.0 && p.surface_temperature_mean < 350.0,
          "surface_temperature_mean must be an absolute temperature in K");
  require(p.surface_temperature_amplitude >= 0.0 && p.surface_temperature_amplitude < 50.0,
          "surface_temperature_amplitude must lie in [0, 50) K");
  require(std::isfinite(p.lapse_rate) && std::abs(p.lapse_rate) < 0.0342,
          "lapse_rate must be finite and < g/Rd");
  require(p.surface_pressure > 10000.0 && p.surface_pressure < 110000.0, "surface_pressure must be in Pa");
  require(p.relative_humidity >= 0.0 && p.relative_humidity <= 1.0, "relative_humidity must lie in [0, 1]");
  require(p.pbl_height_night > 0.0, "pbl_height_night must be positive");
  require(p.pbl_height_day_max >= p.pbl_height_night, "pbl_height_day_max must be >= pbl_height_night");
  require(p.cloud_transmissivity > 0.0 && p.cloud_transmissivity <= 1.0,
          "cloud_transmissivity must lie in (0, 1]");
}

}  // namespace

MetRecord idealised_met_record(const Grid& grid, UtcTime t, const IdealisedMetParams& params) {
  check(params);
  const int nx = grid.nx(), ny = grid.ny(), nz = grid.nz();
  const VerticalLayers& layers = grid.layers();
  const double eps = molar_mass_water / molar_mass_dry_air;
  const double z0 = params.roughness_length;
  const std::int64_t day = (t.seconds >= 0 ? t.seconds : t.seconds - 86399) / 86400;  // floor
  const double utc_hours = static_cast<double>(t.seconds - day * 86400) / 3600.0;

  MetRecord r;
  r.eastward_wind = Array3(nx, ny, nz);
  r.northward_wind = Array3(nx, ny, nz);
  r.air_temperature = Array3(nx, ny, nz);
  r.air_pressure = Array3(nx, ny, nz);
  r.humidity_mixing_ratio = Array3(nx, ny, nz);
  r.pbl_height = Array2(nx, ny);
  r.friction_velocity = Array2(nx, ny);
  r.shortwave_down = Array2(nx, ny);
  r.sensible_heat_flux = Array2(nx, ny);

  for (int j = 0; j < ny; ++j)
    for (int i = 0; i < nx; ++i) {
      const LonLat where = grid.lonlat_centre(i, j);
      const double cos_zenith = cos_solar_zenith(where, t);
      const double sw = shortwave_down(cos_zenith, params);
      const double heat = sensible_heat_flux(sw);
      const double h = pbl_height(where, t, cos_zenith, sw, heat, params);

      const double local_hours = utc_hours + where.lon / 15.0;
      const double t_surface = params.surface_temperature_mean +
                               params.surface_temperature_amplitude *
                                   std::cos(2.0 * pi * (local_hours - peak_temperature_hour) / 24.0);
      const double inversion = inversion_strength * std::clamp(-heat / night_cooling_flux, 0.0, 1.0);
      auto temperature = [&](double z) {
        return t_surface - params.lapse_rate * z + inversion * std::min(z, inversion_depth) / inversion_depth;
      };

      const double density = params.surface_pressure / (rd_dry_air * t_surface);
      double ustar = 0.0, inverse_l = 0.0;
      surface_layer(params.wind_speed_10m, z0, t_surface, density, heat, ustar, inverse_l);
      auto speed = [&](double z) {
        const double zz = std::min(z, h);
        return zz <= z0 ? 0.0 : ustar / von_karman * profile(zz, z0, inverse_l);
      };

      r.shortwave_down(i, j) = sw;
      r.sensible_heat_flux(i, j) = heat;
      r.pbl_height(i, j) = h;
      r.friction_velocity(i, j) = ustar;

      double z_below = 0.0, t_below = temperature(0.0), p_below = params.surface_pressure;
      for (int k = 0; k < nz; ++k) {
        const double z = layers.mid(k);
        const double tk = temperature(z);
        const double pk = p_below * std::exp(-gravity * (z - z_below) / (rd_dry_air * 0.5 * (t_below + tk)));
        z_below = z;
        t_below = tk;
        p_below = pk;

        const double e = params.relative_humidity * saturation_vapour_pressure(tk);
        const double u = speed(z);
        const double veer = h > reference_height
                                ? std::clamp((z - reference_height) / (h - reference_height), 0.0, 1.0)
                                : (z > reference_height ? 1.0 : 0.0);
        const double direction = (params.wind_from_direction + params.wind_veering * veer) * pi / 180.0;

        r.air_temperature(i, j, k) = tk;
        r.air_pressure(i, j, k) = pk;
        r.humidity_mixing_ratio(i, j, k) = eps * e / (pk - e);
        r.eastward_wind(i, j, k) = -u * std::sin(direction);
        r.northward_wind(i, j, k) = -u * std::cos(direction);
      }
    }
  return r;
}

}  // namespace airshed
