// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <utility>
#include <vector>

#include "core/grid.hpp"

namespace airshed {

/// Briggs plume rise for an elevated point source, as in ISC3 (User's Guide Vol. II, EPA-454/B-95-003b,
/// section 1.1.4; also summarised at https://www.weblakes.com/guides/iscst3/section6/6_1_4.html and
/// http://www.canarina.com/pagina_nueva_12.htm). Formulas, SI units, g = 9.80616 m/s2 as in ISC3:
///   stack-tip downwash (Briggs 1974): hs' = hs + 2 ds (vs/us - 1.5) if vs < 1.5 us, else hs' = hs
///   buoyancy flux Fb = g vs ds^2 (Ts - Ta) / (4 Ts)  [m4/s3], 0 when Ts <= Ta
///   momentum flux Fm = vs^2 ds^2 Ta / (4 Ts)          [m4/s2]
///   unstable/neutral (dtheta/dz <= 0):
///     crossover dTc = 0.0297 Ts vs^(1/3) / ds^(2/3) (Fb < 55) or 0.00575 Ts vs^(2/3) / ds^(1/3) (Fb >= 55)
///     buoyant (Ts - Ta >= dTc): xf = 49 Fb^(5/8) (Fb < 55) or 119 Fb^(2/5) (Fb >= 55),
///                               dh = 1.6 Fb^(1/3) xf^(2/3) / us
///     momentum:                 dh = 3 ds vs / us
///   stable (dtheta/dz > 0): s = g (dtheta/dz) / Ta, dTc = 0.019582 Ts vs sqrt(s)
///     buoyant:  xf = 2.0715 us / sqrt(s), dh = 2.6 [Fb / (us s)]^(1/3)
///     momentum: dh = min(1.5 [Fm / (us sqrt(s))]^(1/3), 3 ds vs / us)
///   gradual rise for x < xf: dh(x) = 1.6 Fb^(1/3) x^(2/3) / us (briggs_gradual_rise).
/// Wind speeds below 1 m/s are raised to 1 m/s, as ISC3 does.
///
/// Mixing-height treatment (documented choice):
///  - Unstable/neutral with the (downwashed) stack tip inside the mixed layer (hs' < zi): the rise is capped
///    at 0.62 (zi - hs) (Weil 1979, the "Hmax" limit of EmissV::plumeRise,
///    https://rdrr.io/cran/EmissV/man/plumeRise.html), so such a plume stays below zi.
///  - Otherwise (stable conditions, or stack tip at/above zi) no cap is applied. If the resulting effective
///    height is at or above zi the plume is flagged `penetrates_mixing_height` and is simply placed at
///    its effective height above zi, as CMAQ/SMOKE (laypoint/plmris) do: its mass goes to the layers
///    above the mixed layer, none is reflected into it.
///  - mixing_height <= 0 means "unknown": no cap and no penetration flag.
struct Stack {
  double height;            ///< physical stack height above ground [m]
  double diameter;          ///< inside diameter at the top [m]
  double exit_velocity;     ///< [m/s]
  double exit_temperature;  ///< [K]
};

struct StackMet {
  double wind_speed_at_stack;             ///< [m/s]
  double air_temperature;                 ///< ambient temperature at stack height [K]
  double potential_temperature_gradient;  ///< dtheta/dz [K/m]; <= 0 means unstable/neutral (ISC3 A-D)
  double mixing_height;                   ///< [m] above ground; <= 0 if unknown
};

struct PlumeRise {
  double effective_height;        ///< he = hs' + final_rise [m]
  double final_rise;              ///< dh after the Weil cap where it applies [m]
  double downwash_height;         ///< hs' after stack-tip downwash [m]
  double buoyancy_flux;           ///< Fb [m4/s3]
  double momentum_flux;           ///< Fm [m4/s2]
  double distance_to_final_rise;  ///< xf [m]; 0 for momentum-dominated plumes
  bool buoyant;                   ///< buoyancy-dominated (Ts - Ta >= dTc)
  bool capped;                    ///< the Weil cap reduced the rise
  bool penetrates_mixing_height;  ///< he >= zi (see above)
};

/// Throws std::invalid_argument for non-positive diameter, exit temperature or air temperature, negative
/// height or exit velocity, or a non-positive/non-finite wind speed.
PlumeRise briggs_plume_rise(const Stack& stack, const StackMet& met);

/// Briggs buoyancy flux Fb [m4/s3] (0 when Ts <= Ta).
double briggs_buoyancy_flux(const Stack& stack, double air_temperature);
/// Briggs momentum flux Fm [m4/s2].
double briggs_momentum_flux(const Stack& stack, double air_temperature);
/// Gradual (distance-dependent) buoyant rise 1.6 Fb^(1/3) x^(2/3) / u, not above `final_rise` [m].
double briggs_gradual_rise(double buoyancy_flux, double downwind_distance, double wind_speed,
                           double final_rise);

/// Vertical spread of a plume (SMOKE/CMAQ laypoint style): the plume occupies [he - depth/2, he + depth/2],
/// clipped to [0, model top]; each layer gets its overlap divided by the clipped depth. A plume depth of
/// 0 puts everything into the layer holding he. The usual choice is plume_depth = final rise
/// (top/bottom = he +- 0.5 dh, as in SMOKE laypoint).
/// Returns (layer index, fraction) for layers with a positive fraction, in increasing k; the fractions add
/// to exactly 1.0 when summed in order. Throws std::invalid_argument if he is at or above the model top
/// (the plume would leave the grid), he < 0 or plume_depth < 0.
std::vector<std::pair<int, double>> plume_layer_fractions(const VerticalLayers& layers,
                                                          double effective_height, double plume_depth);

}  // namespace airshed
