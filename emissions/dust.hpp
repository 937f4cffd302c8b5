// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "emissions/inventory.hpp"

namespace airshed::emis {

/// Fugitive dust: paved-road resuspension (AP-42 13.2.1), construction (AP-42 13.2.3) and wind-blown dust
/// from bare soil (Marticorena & Bergametti 1995 threshold and sandblasting efficiency, Fecan et al. 1999
/// moisture correction, Owen-type saltation flux as in FENGSHA / Draxler & Gillette 2001). Equations,
/// parameters and sources: docs/emissions-dust-vehicles.md and the reference note
/// china-aqi-warnings-emissions.md section 3.4.

/// Saltating-grain diameter [m] used for wind-blown dust: 75 um, near the minimum of the MB95 threshold
/// curve (the most easily moved grains; reference section 3.4).
inline constexpr double kSaltationDiameter = 75e-6;
/// Soil particle density [kg m-3]: quartz, 2650 (MB95; GOCART/FENGSHA RHOSOIL).
inline constexpr double kSoilParticleDensity = 2650.0;
/// White (1979) saltation constant C, as used by MB95.
inline constexpr double kSaltationConstant = 2.61;
/// PM10 and PM2.5 shares of the vertical dust flux (particles up to 20 um): Kok (2011, PNAS 108:1016)
/// brittle-fragmentation volume distribution dV/dlnD = (D/cv) [1 + erf(ln(D/Ds) / (sqrt(2) ln sigma))]
/// exp(-(D/lambda)^3) with Ds = 3.4 um, sigma = 3.0, lambda = 12 um (the parameters of FENGSHA/GOCART),
/// integrated over ln D from 0.1 um: share(< 10 um) / share(< 20 um) = 0.7297, share(< 2.5 um) / share(<
/// 20 um) = 0.0714 (PM2.5/PM10 = 0.098; test_dust.cpp repeats the integration).
inline constexpr double kWindBlownPm10Share = 0.7297;
inline constexpr double kWindBlownPm25Share = 0.0714;
/// Construction dust: AP-42 13.2.3 1.2 short tons TSP per acre per month, in kg m-2 month-1
/// (1.2 * 907.18474 kg / 4046.8564224 m2 = 0.26900; the reference's 2.69e-4 t m-2 month-1).
inline constexpr double kConstructionTspPerMonth = 1.2 * 907.18474 / 4046.8564224;
/// PM10/TSP and PM2.5/TSP of construction dust: 0.49 and 0.10, Beijing 2017 bare-land/construction
/// inventory (TSP 39.5, PM10 19.4, PM2.5 4.0 x 10^4 t; Zhang L. et al., Huanjing Kexue 40(1):135, 2019),
/// reference section 3.4: a measured north-China ratio for the same source type and a semi-arid climate
/// close to Ordos; its PM2.5/PM10 = 0.21 lies within the 0.1-0.24 fugitive-dust ratios the reference lists.
inline constexpr double kConstructionPm10Share = 0.49;
inline constexpr double kConstructionPm25Share = 0.10;

/// AP-42 13.2.1 (Jan 2011) eq. 1: E = k (sL)^0.91 W^1.02 [g/VKT] with k(PM2.5) = 0.15, k(PM10) = 0.62 g/VKT
/// (Table 13.2.1-1); returned in kg per vehicle-km for p = PM25 or PM10 (other pollutants: 0). W is taken
/// in metric tonnes as given (the reference note and the Chinese fugitive-dust guideline do so; AP-42's
/// "tons" are short tons, which would make E (1/0.90718)^1.02 = 1.104 times larger; see the doc).
/// Throws std::invalid_argument for negative or non-finite sL or W.
double paved_road_dust_factor(double silt_loading_g_m2, double mean_weight_t, Pollutant p);

/// AP-42 13.2.1 wet-day correction factor for a period: 1 - P/(4N) (P days with >= 0.254 mm of rain out of
/// N days). Throws std::invalid_argument unless N > 0 and 0 <= P <= N.
double paved_road_wet_correction(double wet_days, double days);

/// Road dust rate [kg/s] of a link: factor(link.silt_loading, W) * flow * length/1000 *
/// (1 - link.dust_control_efficiency), for PM25 and PM10 (the rest 0). Throws InputError(link.info.where,
/// ...) for a dust control efficiency outside 0..1, std::invalid_argument for a negative flow or length.
PollutantValues road_dust_rate(const RoadLink& link, double mean_weight_t, double vehicles_per_second,
                               double length);

/// Construction dust, AP-42 13.2.3: kConstructionTspPerMonth of active area, times the PM10 and PM2.5
/// shares above; the annual mean rate [kg/s] of a 365-day year (12 months of TSP per 365 * 86400 s) for the
/// polygon area, * active_fraction * (1 - control_efficiency). Returns PM25 and PM10. Throws
/// std::invalid_argument for a negative area or fractions outside 0..1.
PollutantValues construction_dust_rate(double area_m2, const DustParameters& dust);

/// Dry threshold friction velocity for saltation u*t0 [m/s] (Marticorena & Bergametti 1995, eqs. 3-6,
/// after Iversen & White 1982), SI units:
///   K = sqrt(rho_p g D / rho_a) * sqrt(1 + 6e-7 / (rho_p g D^2.5))
///   B = 1331 (100 D)^1.56 + 0.38   (D in m, so 100 D in cm)
///   u*t0 = 0.129 K / sqrt(1.928 B^0.092 - 1)                 for B <= 10
///   u*t0 = 0.120 K (1 - 0.0858 exp(-0.0617 (B - 10)))        for B > 10
/// g = constants::gravity. Throws std::invalid_argument for non-positive inputs.
double dry_threshold_friction_velocity(double diameter, double particle_density, double air_density);

/// Fecan et al. (1999) soil-moisture factor H >= 1 for the threshold: w' = 14 c^2 + 17 c [%] (c clay mass
/// fraction), H = 1 for w <= w', else sqrt(1 + 1.21 (w - w')^0.68) with w the gravimetric moisture in %
/// (100 * gravimetric_moisture [kg/kg]). Throws std::invalid_argument for w < 0 or c outside 0..1.
double fecan_moisture_factor(double gravimetric_moisture, double clay_fraction);

/// Threshold friction velocity for saltation u*t [m/s]: dry_threshold_friction_velocity * Fecan factor.
double threshold_friction_velocity(double diameter, double particle_density, double air_density,
                                   double soil_moisture, double clay_fraction);

/// MB95 sandblasting efficiency (vertical to horizontal flux ratio) [1/m]: MB95 eq. 47 gives
/// log10(F/G [cm-1]) = 0.134 (% clay) - 6, i.e. 10^(13.4 c - 6) cm-1 = 100 * 10^(13.4 c - 6) m-1. The fit
/// covers 0-20 % clay; c is capped at 0.2 (as FENGSHA and EMEP do).
double sandblasting_efficiency(double clay_fraction);

/// Wind-blown dust vertical flux [kg m-2 s-1] of PM10 and PM2.5 from friction velocity u* and air density:
/// horizontal saltation flux Q = C rho_a/g u* (u*^2 - u*t^2) for u* > u*t (Owen-type form of FENGSHA and
/// Draxler & Gillette 2001, C = kSaltationConstant of White 1979), u*t from threshold_friction_velocity at
/// kSaltationDiameter and kSoilParticleDensity with the soil's moisture and clay, or the surface's own
/// dry_threshold times the Fecan factor when one is given; vertical flux F =
/// sandblasting_efficiency(c) * Q; PM10 = kWindBlownPm10Share F, PM2.5 = kWindBlownPm25Share F; times
/// erodible_fraction and (1 - control_efficiency). 0 at or below the threshold. Throws
/// std::invalid_argument for a negative or non-finite u*, non-positive air density or parameters out of
/// range.
PollutantValues wind_blown_dust_flux(double friction_velocity, double air_density,
                                     const DustParameters& dust);

}  // namespace airshed::emis
