// SPDX-License-Identifier: Apache-2.0
#include "emissions/plume_rise.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace airshed {
namespace {

// ISC3 uses g = 9.80616 m/s2 (ISC3 Vol. II section 1.1.4.2); so do the ISC3 re-implementations in public
// code.
constexpr double kGravity = 9.80616;
// ISC3 raises wind speeds below 1 m/s to 1 m/s before plume rise.
constexpr double kMinWind = 1.0;

void require(bool ok, const std::string& what) {
  if (!ok) throw std::invalid_argument("briggs_plume_rise: " + what);
}

// Unstable/neutral momentum rise, ISC3 Vol. II section 1.1.4.5 (Briggs 1969 eq. 5.2): 3 ds vs / us.
double neutral_momentum_rise(const Stack& s, double u) {
  return 3.0 * s.diameter * s.exit_velocity / u;
}

}  // namespace

double briggs_buoyancy_flux(const Stack& s, double ta) {
  // ISC3 Vol. II section 1.1.4.2: Fb = g vs ds^2 (Ts - Ta) / (4 Ts); Ts <= Ta gives no buoyancy.
  const double dt = s.exit_temperature - ta;
  if (dt <= 0.0) return 0.0;
  return kGravity * s.exit_velocity * s.diameter * s.diameter * dt / (4.0 * s.exit_temperature);
}

double briggs_momentum_flux(const Stack& s, double ta) {
  // ISC3 Vol. II section 1.1.4.2: Fm = vs^2 ds^2 Ta / (4 Ts).
  return s.exit_velocity * s.exit_velocity * s.diameter * s.diameter * ta / (4.0 * s.exit_temperature);
}

double briggs_gradual_rise(double fb, double x, double u, double final_rise) {
  // ISC3 Vol. II section 1.1.4.10: dh(x) = 1.60 Fb^(1/3) x^(2/3) / us for x < xf.
  if (x <= 0.0 || fb <= 0.0) return 0.0;
  const double us = std::max(u, kMinWind);
  return std::min(final_rise, 1.60 * std::cbrt(fb) * std::pow(x, 2.0 / 3.0) / us);
}

PlumeRise briggs_plume_rise(const Stack& s, const StackMet& met) {
  require(std::isfinite(s.height) && s.height >= 0.0, "stack height must be >= 0");
  require(std::isfinite(s.diameter) && s.diameter > 0.0, "stack diameter must be > 0");
  require(std::isfinite(s.exit_velocity) && s.exit_velocity >= 0.0, "exit velocity must be >= 0");
  require(std::isfinite(s.exit_temperature) && s.exit_temperature > 0.0, "exit temperature must be > 0 K");
  require(std::isfinite(met.air_temperature) && met.air_temperature > 0.0, "air temperature must be > 0 K");
  require(std::isfinite(met.wind_speed_at_stack) && met.wind_speed_at_stack > 0.0, "wind speed must be > 0");
  require(std::isfinite(met.potential_temperature_gradient), "potential temperature gradient must be finite");

  const double us = std::max(met.wind_speed_at_stack, kMinWind);
  const double ts = s.exit_temperature;
  const double ta = met.air_temperature;
  const double vs = s.exit_velocity;
  const double ds = s.diameter;
  const double dt = ts - ta;

  PlumeRise r{};
  // Stack-tip downwash, ISC3 Vol. II section 1.1.4.1 (Briggs 1974): hs' = hs + 2 ds (vs/us - 1.5), vs < 1.5
  // us.
  r.downwash_height = vs < 1.5 * us ? std::max(0.0, s.height + 2.0 * ds * (vs / us - 1.5)) : s.height;
  r.buoyancy_flux = briggs_buoyancy_flux(s, ta);
  r.momentum_flux = briggs_momentum_flux(s, ta);
  const double fb = r.buoyancy_flux;

  double rise = 0.0;
  const bool stable = met.potential_temperature_gradient > 0.0;
  if (!stable) {
    // ISC3 Vol. II section 1.1.4.3: crossover temperature difference.
    const double dtc = fb < 55.0 ? 0.0297 * ts * std::cbrt(vs) / std::pow(ds, 2.0 / 3.0)
                                 : 0.00575 * ts * std::pow(vs, 2.0 / 3.0) / std::cbrt(ds);
    r.buoyant = fb > 0.0 && dt >= dtc;
    if (r.buoyant) {
      // ISC3 Vol. II section 1.1.4.4: xf = 49 Fb^(5/8) or 119 Fb^(2/5); dh = 1.6 Fb^(1/3) xf^(2/3) / us
      // (i.e. 21.425 Fb^(3/4)/us or 38.71 Fb^(3/5)/us).
      r.distance_to_final_rise = fb < 55.0 ? 49.0 * std::pow(fb, 5.0 / 8.0) : 119.0 * std::pow(fb, 0.4);
      rise = 1.6 * std::cbrt(fb) * std::pow(r.distance_to_final_rise, 2.0 / 3.0) / us;
    } else {
      rise = neutral_momentum_rise(s, us);  // ISC3 Vol. II section 1.1.4.5
    }
  } else {
    // ISC3 Vol. II section 1.1.4.6: stability parameter s = g (dtheta/dz) / Ta.
    const double sp = kGravity * met.potential_temperature_gradient / ta;
    // ISC3 Vol. II section 1.1.4.7: dTc = 0.019582 Ts vs sqrt(s).
    const double dtc = 0.019582 * ts * vs * std::sqrt(sp);
    r.buoyant = fb > 0.0 && dt >= dtc;
    if (r.buoyant) {
      // ISC3 Vol. II section 1.1.4.8 (Briggs 1975 eqs. 48, 59): xf = 2.0715 us / sqrt(s), dh = 2.6 [Fb/(us
      // s)]^(1/3).
      r.distance_to_final_rise = 2.0715 * us / std::sqrt(sp);
      rise = 2.6 * std::cbrt(fb / (us * sp));
    } else {
      // ISC3 Vol. II section 1.1.4.9 (Briggs 1969 eq. 4.28): 1.5 [Fm/(us sqrt(s))]^(1/3), not above the
      // unstable/neutral momentum rise.
      rise = std::min(1.5 * std::cbrt(r.momentum_flux / (us * std::sqrt(sp))), neutral_momentum_rise(s, us));
    }
  }

  const double zi = met.mixing_height;
  if (zi > 0.0 && !stable && r.downwash_height < zi) {
    // Weil (1979) limit for a plume rising inside the convective mixed layer: dh <= 0.62 (zi - hs)
    // (EmissV::plumeRise "Hmax", https://rdrr.io/cran/EmissV/man/plumeRise.html).
    const double cap = std::max(0.0, 0.62 * (zi - s.height));
    if (rise > cap) {
      rise = cap;
      r.capped = true;
    }
  }
  r.final_rise = rise;
  r.effective_height = r.downwash_height + rise;
  r.penetrates_mixing_height = zi > 0.0 && r.effective_height >= zi;
  return r;
}

std::vector<std::pair<int, double>> plume_layer_fractions(const VerticalLayers& layers, double he,
                                                          double depth) {
  if (!(std::isfinite(he) && he >= 0.0))
    throw std::invalid_argument("plume_layer_fractions: effective height < 0");
  if (!(std::isfinite(depth) && depth >= 0.0))
    throw std::invalid_argument("plume_layer_fractions: plume depth < 0");
  const int nz = layers.nz();
  if (nz < 1) throw std::invalid_argument("plume_layer_fractions: no layers");
  const double top = layers.top();
  if (he >= top) {
    throw std::invalid_argument("plume_layer_fractions: effective height " + std::to_string(he) +
                                " m is at or above the model top " + std::to_string(top) + " m");
  }
  std::vector<std::pair<int, double>> out;
  const double bot = std::max(0.0, he - 0.5 * depth);
  const double ptop = std::min(top, he + 0.5 * depth);
  if (ptop - bot <= 0.0) {
    // Zero-depth plume: everything in the layer that holds he (upper layer on an interface).
    int k = 0;
    while (k + 1 < nz && layers.interface(k + 1) <= he) ++k;
    out.emplace_back(k, 1.0);
    return out;
  }
  const double span = ptop - bot;
  for (int k = 0; k < nz; ++k) {
    const double lo = std::max(bot, layers.interface(k));
    const double hi = std::min(ptop, layers.interface(k + 1));
    if (hi > lo) out.emplace_back(k, (hi - lo) / span);
  }
  // Make the in-order sum exactly 1: the last fraction takes the remainder, then is nudged by ulps if the
  // rounding of the final addition still misses 1.
  double head = 0.0;
  for (std::size_t i = 0; i + 1 < out.size(); ++i) head += out[i].second;
  double last = 1.0 - head;
  for (int guard = 0; guard < 64 && head + last != 1.0; ++guard) {
    last = std::nextafter(last, head + last < 1.0 ? 2.0 : -1.0);
  }
  out.back().second = last;
  return out;
}

}  // namespace airshed
