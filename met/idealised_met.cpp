// SPDX-License-Identifier: Apache-2.0
// Idealised meteorology: a horizontally uniform atmosphere driven by the sun at each cell centre.
//
// Formulas (heights z above the ground, local mean solar time LST = UTC + lon/15 h, the diurnal phase
// c(t) = cos(2 pi (LST - 15 h) / 24 h), tau = hours since the last 15 LST, in [0, 24)):
//  * Shortwave down, clear sky (Campbell & Norman 1998, "An Introduction to Environmental Biophysics",
//    eqs. 11.11-11.13): SW = S0 cos(Z) [tau_a^m + 0.3 (1 - tau_a^m)], air mass m = (p_s / 101325) /
//    max(cos Z, 0.05), S0 = 1361 W m-2 (Kopp & Lean 2011), tau_a = cloud_transmissivity; the first term is
//    the direct beam, the second the diffuse sky radiation; SW = 0 when cos Z <= 0.
//  * Sensible heat flux H = 0.25 SW - 20 W m-2: a quarter of the incoming shortwave is returned as sensible
//    heat by day, and the ground cools the air at 20 W m-2 at night (H < 0 for SW < 80 W m-2, i.e. near
//    sunrise and sunset too).
//  * Boundary-layer height: h_night while the sun is down; by day the convective layer grows by encroachment
//    (h - h_night proportional to the square root of the heat put in since sunrise, cf. Carson 1973, QJRMS
//    99, 450), reaching pbl_height_day_max when H turns negative in the late afternoon:
//      h = h_night + (h_max - h_night) sqrt(Q(t) / Q_day),  Q(t) = integral from sunrise to t of max(H, 0)
//      dt,
//    Q_day the same to sunset (trapezoid rule, 5-minute steps, at each cell's own sun). Between the evening
//    sign change of H and sunset the layer collapses with the fading sun, (h - h_night) scaled by SW / 80 W
//    m-2, so h is back at h_night at sunset.
//  * Temperature, written with the potential temperature theta = T + Gd z (Gd = g / cp, dry adiabatic; a
//    layer of uniform theta is well mixed). Surface air: theta_s = T_s = T_mean + A c(t), the maximum
//    theta_max = T_mean + A at 15 LST. Free atmosphere, with the lapse rate Gamma (standard atmosphere
//    0.0065 K m-1) and a small diurnal cycle of half-range a(z) = free_atmosphere_amplitude exp(-z / 1 km),
//    warmest at 15 LST:
//      theta_fa(z, t) = theta_0 + gamma z - a(z) (1 - c(t)),  gamma = Gd - Gamma,
//      theta_0 = theta_max - gamma h_max  (fixed),
//    i.e. the dry adiabat of the afternoon maximum surface temperature meets the free atmosphere at
//    pbl_height_day_max, the parcel method of Holzworth (1964, Mon. Wea. Rev. 92, 235) read backwards.
//    Residual layer: the afternoon mixed layer keeps theta_max at 15 LST and cools linearly until it has
//    merged into the free atmosphere 18 h later, theta_r = theta_max - gamma h_max tau / 18 h; the air
//    above the surface layer is theta_up(z, t) = max(theta_fa, theta_r). Surface inversion: where the surface
//    air is colder than that, deficit D = min(theta_s - theta_up(0, t), 0), it is spread over a layer of
//    depth d = h_night (1 - exp(-tau / 2 h)) that grows from 15 LST, with the shape (1 - z/d)^2 (strongest
//    gradient at the ground, none at its top; cf. Stull 1988, "An Introduction to Boundary Layer
//    Meteorology", ch. 12). By day the surface air is mixed upwards (the parcel method again):
//      theta(z, t) = max( theta_up(z, t) + D (1 - z/d)^2 [z < d], theta_s(t) ),  T = theta - Gd z.
//    Every term is continuous in t (d restarts at 15 LST, where D = 0), so no level jumps at sunrise or
//    sunset: theta is uniform from the ground to where theta_fa = theta_s in the afternoon, the night layer
//    below h_night is stable with theta_s at the ground, and above the day's mixed layer only a(z) remains.
//    The mixed layer is not tied to h: in the morning the inversion weakens in place until theta_s exceeds
//    theta_up(0), and the mixed layer then grows from the ground, shallower than h until early afternoon.
//  * Pressure, hydrostatic from p_s at the ground with the layer-mean temperature of the dry air
//    (trapezoid of the two end temperatures): p(z2) = p(z1) exp(-g (z2 - z1) / (Rd (T(z1) + T(z2)) / 2)),
//    from the ground to the first layer mid-point and then from mid-point to mid-point (Rd = 287, g = 9.81).
//  * Humidity: vapour pressure e = RH e_s(T) with e_s over water from Bolton (1980, Mon. Wea. Rev. 108, 1046,
//    eq. 10): e_s = 611.2 exp(17.67 (T - 273.15) / (T - 29.65)) Pa; mixing ratio r = eps e / (p - e),
//    eps = M_water / M_dry_air.
//  * Wind speed. Above the boundary layer a constant geostrophic-like speed G, fixed by the neutral log law
//    through the afternoon boundary layer: G = U10 ln(h_max / z0) / ln(10 m / z0), so that U(10 m) =
//    wind_speed_10m in neutral air under a boundary layer of depth h_max. Below the depth h_u of the wind
//    profile, Monin-Obukhov similarity with the Businger-Dyer functions that met/kz_profile uses (phi_m =
//    1 + 5 z/L stable, (1 - 15 z/L)^(-1/4) unstable), integrated (Paulson 1970):
//      U(z) = u*/kappa [ln(z/z0) - psi_m(z/L) + psi_m(z0/L)],  u* fixed by U(h_u) = G,
//    L = -u*^3 T_s rho cp / (kappa g H'), rho = p_s / (Rd T_s), by fixed-point iteration; in stable air
//    beyond z/L = 1, where the Businger-Dyer form is not supported by data, phi_m stays at its value 6 there
//    (Webb 1970, QJRMS 96, 67): psi_m = -5 (1 + ln(z/L)), so the shear of a very stable layer stays strong.
//    U is continuous at h_u and G above; below z0 it is 0. The 10 m wind therefore varies with stability as
//    real winds do: above wind_speed_10m in the convective afternoon (momentum mixed down), below it at
//    night (3.2 against 3.5 m s-1 for the defaults; with weak winds the shallow night layer, carrying the
//    same G, can give up to ln(h_max/z0) / ln(h_night/z0) times wind_speed_10m).
//    The boundary layer's wind adjusts to the surface forcing over about an hour, not at once: H' is the
//    sensible heat flux averaged over the past with the weight exp(-s / 1 h) (s the time before t; trapezoid,
//    5-minute steps, 5 h back). In stable air (H' < 0) the profile is interpolated linearly in H' between
//    the neutral one (H' = 0) and the stable one of the night (H' = -20 W m-2); the similarity profile
//    itself would take most of its change with the first few W m-2 of cooling (h_u/L passes 1 within
//    minutes of the sign change of H'), making the evening and morning transitions abrupt. u* is interpolated
//    alike. Depth h_u: the boundary-layer height, except that after H turns negative in the evening the wind
//    profile does not collapse with the convective layer (the residual layer keeps its momentum for hours;
//    Blackadar 1957, BAMS 38, 283): h_u = max(h, h_night + (h_max - h_night) r(s)), s the time since H
//    last turned negative, r = (exp(-s / 2 h) - exp(-5)) / (1 - exp(-5)) for s < 10 h and 0 beyond.
//  * Direction: wind_from_direction at and below 10 m, turning clockwise (veering, direction increasing)
//    by wind_veering degrees up to h_u, constant above, in proportion to the approach of the speed to G
//    (the turning of the wind is that of its ageostrophic part, which shrinks with the speed deficit; cf.
//    the Ekman spiral):
//      dir(z) = wind_from_direction + wind_veering (U(z) - U(10 m)) / (G - U(10 m)),
//    so the direction follows the speed profile, smooth in time; u = -U sin(dir), v = -U cos(dir)
//    (earth-relative, meteorological "from" convention).
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
constexpr double peak_temperature_hour = 15.0;   // local solar time
constexpr double reference_height = 10.0;        // m, height of wind_speed_10m and wind_from_direction
constexpr double heating_step = 300.0;           // s, trapezoid step for the heat-flux integrals
constexpr double log_linear_limit = 1.0;         // z/L beyond which phi_m stays at 6 (Webb 1970)
constexpr double dry_adiabatic_lapse_rate = gravity / cp_dry_air;  // K m-1
constexpr double free_atmosphere_amplitude_scale = 1000.0;         // m, e-folding height of a(z)
constexpr double residual_layer_hours = 18.0;     // h after 15 LST at which the residual layer has merged
constexpr double inversion_growth_hours = 2.0;    // h, e-folding time of the inversion depth
constexpr double heat_flux_memory = 3600.0;       // s, e-folding time of the flux the wind profile sees
constexpr double wind_depth_relaxation = 7200.0;  // s, e-folding time of h_u after the evening transition
constexpr double wind_depth_memory = 36000.0;     // s, after which h_u has relaxed to h

double shortwave_down(double cos_zenith, const IdealisedMetParams& p) {
  if (!(cos_zenith > 0.0)) return 0.0;
  const double air_mass = (p.surface_pressure / reference_pressure) / std::max(cos_zenith, 0.05);
  const double beam = std::pow(p.cloud_transmissivity, air_mass);
  return solar_constant * cos_zenith * (beam + diffuse_fraction * (1.0 - beam));
}

double sensible_heat_flux(double shortwave) {
  return heat_fraction_of_sw * shortwave - night_cooling_flux;
}

double heat_flux_at(LonLat where, UtcTime t, double seconds_after, const IdealisedMetParams& p) {
  return sensible_heat_flux(shortwave_down(cos_solar_zenith(where, t, seconds_after), p));
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

/// What the wind profile needs from the recent past: the heat flux averaged with the weight exp(-s / 1 h)
/// over the 5 h before t, and the time since H last turned from positive to negative (negative when that
/// was more than wind_depth_memory ago). One backward sweep on a 5-minute grid anchored at t; the sign
/// change is placed by linear interpolation between two steps, so both vary continuously with t.
struct HeatHistory {
  double lagged_flux = 0.0;           // W m-2
  double since_heating_ended = -1.0;  // s
};

HeatHistory heat_history(LonLat where, UtcTime t, double heat_now, const IdealisedMetParams& p) {
  const int lag_steps = static_cast<int>(std::lround(5.0 * heat_flux_memory / heating_step));
  const int search_steps = static_cast<int>(std::lround(wind_depth_memory / heating_step));
  HeatHistory r;
  double weighted = 0.5 * heat_now, weights = 0.5, later = heat_now;
  for (int k = 1; k <= std::max(lag_steps, search_steps); ++k) {
    const double heat = heat_flux_at(where, t, -k * heating_step, p);
    if (k <= lag_steps) {
      const double w = std::exp(-k * heating_step / heat_flux_memory) * (k == lag_steps ? 0.5 : 1.0);
      weighted += w * heat;
      weights += w;
    }
    if (r.since_heating_ended < 0.0 && k <= search_steps && heat > 0.0 && later <= 0.0)
      r.since_heating_ended = (k - heat / (heat - later)) * heating_step;
    later = heat;
    if (k >= lag_steps && r.since_heating_ended >= 0.0) break;
  }
  r.lagged_flux = weighted / weights;
  return r;
}

/// Depth of the wind profile: h, or after the evening transition the relaxing remainder of h_max.
double wind_profile_depth(double h, double since_heating_ended, const IdealisedMetParams& p) {
  if (!(since_heating_ended >= 0.0) || since_heating_ended >= wind_depth_memory) return h;
  const double floor = std::exp(-wind_depth_memory / wind_depth_relaxation);
  const double remaining = (std::exp(-since_heating_ended / wind_depth_relaxation) - floor) / (1.0 - floor);
  return std::max(h, p.pbl_height_night + (p.pbl_height_day_max - p.pbl_height_night) * remaining);
}

/// Integrated Businger-Dyer stability function for momentum psi_m(z/L) (Paulson 1970 for unstable air;
/// beyond z/L = 1 phi_m stays at 6, Webb 1970).
double psi_momentum(double z_over_l) {
  if (z_over_l > log_linear_limit) return -5.0 * (1.0 + std::log(z_over_l));
  if (z_over_l >= 0.0) return -5.0 * z_over_l;
  const double x = std::pow(1.0 - 15.0 * z_over_l, 0.25);
  return 2.0 * std::log(0.5 * (1.0 + x)) + std::log(0.5 * (1.0 + x * x)) - 2.0 * std::atan(x) + 0.5 * pi;
}

/// ln(z/z0) - psi_m(z/L) + psi_m(z0/L): U(z) = u*/kappa times this.
double profile(double z, double z0, double inverse_l) {
  return std::log(z / z0) - psi_momentum(z * inverse_l) + psi_momentum(z0 * inverse_l);
}

/// A similarity wind profile: U(z) = u*/kappa profile(min(z, depth), z0, 1/L).
struct SimilarityProfile {
  double ustar = 0.0, inverse_l = 0.0, depth = 0.0, z0 = 0.0;
  double speed(double z) const {
    return z <= z0 ? 0.0 : ustar / von_karman * profile(std::min(z, depth), z0, inverse_l);
  }
};

/// The profile that reaches `top_speed` at `depth` for a heat flux, surface temperature and air density.
SimilarityProfile similarity_profile(double top_speed, double depth, double z0, double temperature,
                                     double density, double heat_flux) {
  SimilarityProfile s;
  s.depth = depth;
  s.z0 = z0;
  s.ustar = von_karman * top_speed / profile(depth, z0, 0.0);
  if (heat_flux == 0.0 || top_speed == 0.0) return s;
  for (int it = 0; it < 200; ++it) {
    // 1/L = -kappa g H / (u*^3 T rho cp); u* kept away from 0 so that calm air stays finite.
    const double u = std::max(s.ustar, 1e-3);
    s.inverse_l = -von_karman * gravity * heat_flux / (u * u * u * temperature * density * cp_dry_air);
    const double next = von_karman * top_speed / profile(depth, z0, s.inverse_l);
    if (std::abs(next - s.ustar) <= 1e-13 * s.ustar) {
      s.ustar = next;
      break;
    }
    s.ustar = 0.5 * (s.ustar + next);  // damped: the stable iteration can overshoot where z/L reaches 1
  }
  return s;
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
  require(p.lapse_rate >= 0.0 && p.lapse_rate < dry_adiabatic_lapse_rate,
          "lapse_rate must lie in [0, g/cp): the free atmosphere must be statically stable");
  require(p.free_atmosphere_amplitude >= 0.0 && p.free_atmosphere_amplitude < 50.0,
          "free_atmosphere_amplitude must lie in [0, 50) K");
  require(p.surface_pressure > 10000.0 && p.surface_pressure < 110000.0, "surface_pressure must be in Pa");
  require(p.relative_humidity >= 0.0 && p.relative_humidity <= 1.0, "relative_humidity must lie in [0, 1]");
  require(p.pbl_height_night >= reference_height, "pbl_height_night must be at least 10 m");
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

  // Time-independent parts of the temperature and wind structure.
  const double gamma = dry_adiabatic_lapse_rate - params.lapse_rate;  // d theta / dz of the free atmosphere
  const double theta_max = params.surface_temperature_mean + params.surface_temperature_amplitude;
  const double theta_0 = theta_max - gamma * params.pbl_height_day_max;
  const double geostrophic =
      params.wind_speed_10m * std::log(params.pbl_height_day_max / z0) / std::log(reference_height / z0);

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

      // Temperature: potential temperature theta = T + Gd z of the free atmosphere, the residual layer, the
      // surface inversion and the mixed layer (see the header comment).
      const double local_hours = utc_hours + where.lon / 15.0;
      const double cycle = std::cos(2.0 * pi * (local_hours - peak_temperature_hour) / 24.0);
      const double since_peak = std::fmod(local_hours - peak_temperature_hour + 48.0, 24.0);  // tau, h
      const double theta_surface =
          params.surface_temperature_mean + params.surface_temperature_amplitude * cycle;
      const double theta_residual =
          theta_max - gamma * params.pbl_height_day_max * since_peak / residual_layer_hours;
      auto theta_above = [&](double z) {
        const double free =
            theta_0 + gamma * z -
            params.free_atmosphere_amplitude * std::exp(-z / free_atmosphere_amplitude_scale) * (1.0 - cycle);
        return std::max(free, theta_residual);
      };
      const double deficit = std::min(theta_surface - theta_above(0.0), 0.0);
      const double inversion_depth =
          params.pbl_height_night * (1.0 - std::exp(-since_peak / inversion_growth_hours));
      auto temperature = [&](double z) {
        const double x = inversion_depth > 0.0 ? z / inversion_depth : 1.0;
        const double inversion = x < 1.0 ? deficit * (1.0 - x) * (1.0 - x) : 0.0;
        return std::max(theta_above(z) + inversion, theta_surface) - dry_adiabatic_lapse_rate * z;
      };

      // Wind: similarity profile up to h_u with the lagged heat flux, G above.
      const HeatHistory history = heat_history(where, t, heat, params);
      const double depth = wind_profile_depth(h, history.since_heating_ended, params);
      const double density = params.surface_pressure / (rd_dry_air * theta_surface);
      const double lagged = history.lagged_flux;
      // Unstable or neutral: the profile of H'; stable: between the neutral and the night's stable profile.
      const SimilarityProfile base =
          similarity_profile(geostrophic, depth, z0, theta_surface, density, std::max(lagged, 0.0));
      const SimilarityProfile stable =
          lagged < 0.0
              ? similarity_profile(geostrophic, depth, z0, theta_surface, density, -night_cooling_flux)
              : base;
      const double stable_weight = std::clamp(-lagged / night_cooling_flux, 0.0, 1.0);
      auto speed = [&](double z) {
        return (1.0 - stable_weight) * base.speed(z) + stable_weight * stable.speed(z);
      };

      r.shortwave_down(i, j) = sw;
      r.sensible_heat_flux(i, j) = heat;
      r.pbl_height(i, j) = h;
      r.friction_velocity(i, j) = (1.0 - stable_weight) * base.ustar + stable_weight * stable.ustar;

      const double speed_10m = speed(reference_height), turning = geostrophic - speed_10m;
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
        const double veer = z <= reference_height ? 0.0
                            : turning > 0.0       ? std::clamp((u - speed_10m) / turning, 0.0, 1.0)
                                                  : 1.0;
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
