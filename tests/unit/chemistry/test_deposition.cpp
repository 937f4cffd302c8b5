// SPDX-License-Identifier: Apache-2.0
// Dry deposition (aerodynamic, quasi-laminar and Wesely surface resistances; Zhang et al. 2001 particles)
// and below-cloud scavenging: exact limits, the ranges the literature reports, monotonicity, names.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

#include "chemistry/deposition.hpp"

namespace airshed::chem {
namespace {

constexpr double kappa = 0.4;
constexpr double inf = std::numeric_limits<double>::infinity();

/// A block of identical cells except for u*.
struct Surface {
  std::vector<double> ustar, obukhov, z0, zref, t, p, sw;
  std::vector<LandUse> lu;
  SurfaceBlock block(Season season) const {
    SurfaceBlock b;
    b.width = static_cast<int>(ustar.size());
    b.friction_velocity = ustar.data();
    b.obukhov_length = obukhov.data();
    b.roughness_length = z0.data();
    b.reference_height = zref.data();
    b.temperature = t.data();
    b.pressure = p.data();
    b.shortwave_down = sw.data();
    b.land_use = lu.data();
    b.season = season;
    return b;
  }
};

Surface surface(LandUse lu, double z0, const std::vector<double>& ustar, double obukhov = inf,
                double t = 293.0, double sw = 400.0) {
  Surface s;
  s.ustar = ustar;
  const std::size_t n = ustar.size();
  s.obukhov.assign(n, obukhov);
  s.z0.assign(n, z0);
  s.zref.assign(n, 10.0);  // first layer 0-20 m
  s.t.assign(n, t);
  s.p.assign(n, 86500.0);  // Ordos plateau
  s.sw.assign(n, sw);
  s.lu.assign(n, lu);
  return s;
}

/// 1 / (Ra + Rb) of a gas: the upper bound of v_d.
double aerodynamic_limit(const WeselyGas& gas, const Surface& s, int c) {
  const double ra = aerodynamic_resistance(s.zref[c], s.z0[c], s.ustar[c], s.obukhov[c]);
  const double mu = air_dynamic_viscosity(s.t[c]);
  const double nu = mu / (s.p[c] / (287.0 * s.t[c]));
  const double d = water_vapour_diffusivity(s.t[c], s.p[c]) / gas.diffusivity_ratio;
  return 1.0 / (ra + quasi_laminar_resistance(s.ustar[c], nu / d));
}

TEST(Resistances, NeutralLogLawIsExact) {
  EXPECT_EQ(aerodynamic_resistance(10.0, 0.1, 0.3, inf), std::log(100.0) / (kappa * 0.3));
  EXPECT_EQ(aerodynamic_resistance(10.0, 0.1, 0.3, -inf), std::log(100.0) / (kappa * 0.3));
  EXPECT_NEAR(aerodynamic_resistance(25.0, 1.0, 0.5, 1e300), std::log(25.0) / (kappa * 0.5), 1e-13);
  // Stable air resists more, unstable less; psi_h written out (Businger-Dyer, Paulson 1970).
  const double neutral = aerodynamic_resistance(10.0, 0.1, 0.3, inf);
  EXPECT_GT(aerodynamic_resistance(10.0, 0.1, 0.3, 50.0), neutral);
  EXPECT_LT(aerodynamic_resistance(10.0, 0.1, 0.3, -50.0), neutral);
  const double l = -30.0;
  auto psi = [](double zl) { return 2.0 * std::log(0.5 * (1.0 + std::sqrt(1.0 - 15.0 * zl))); };
  EXPECT_NEAR(aerodynamic_resistance(10.0, 0.1, 0.3, l),
              (std::log(100.0) - psi(10.0 / l) + psi(0.1 / l)) / (kappa * 0.3), 1e-12);
  EXPECT_NEAR(aerodynamic_resistance(10.0, 0.1, 0.3, 40.0),
              (std::log(100.0) + 5.0 * 10.0 / 40.0 - 5.0 * 0.1 / 40.0) / (kappa * 0.3), 1e-12);
  EXPECT_EQ(psi_heat(0.0), 0.0);
  EXPECT_EQ(psi_heat(3.0), -5.0);  // z/L limited to 1
}

TEST(Resistances, MolecularProperties) {
  // Sutherland (US Standard Atmosphere 1976): 1.7894e-5 kg m-1 s-1 at 288.15 K.
  EXPECT_NEAR(air_dynamic_viscosity(288.15), 1.7894e-5, 1e-9);
  // Massman (1998): D_H2O = 0.2178 cm2 s-1 at 273.15 K and 1 atm.
  EXPECT_NEAR(water_vapour_diffusivity(273.15, 101325.0), 2.178e-5, 1e-18);
  EXPECT_NEAR(quasi_laminar_resistance(0.4, 0.72), 2.0 / (kappa * 0.4), 1e-12);
}

TEST(DryDeposition, Hno3ReachesTheAerodynamicLimitOverVegetation) {
  const WeselyGas& hno3 = wesely_gas("HNO3");
  for (LandUse lu : {LandUse::range, LandUse::deciduous_forest, LandUse::agricultural}) {
    const Surface s = surface(lu, 0.1, {0.15, 0.3, 0.6});
    std::vector<double> vd(3);
    gas_deposition_velocity(hno3, s.block(Season::midsummer), vd.data());
    for (int c = 0; c < 3; ++c) {
      const double limit = aerodynamic_limit(hno3, s, c);
      EXPECT_LE(vd[c], limit);
      EXPECT_GT(vd[c], 0.95 * limit) << land_use_name(lu) << " u* " << s.ustar[c];  // Rc = 1 s m-1 floor
    }
  }
  // Over a city Wesely's in-canopy r_ac = 100 s m-1 (buildings) still limits it.
  const Surface city = surface(LandUse::urban, 0.8, {0.4});
  double v = 0.0;
  gas_deposition_velocity(hno3, city.block(Season::midsummer), &v);
  EXPECT_NEAR(1.0 / v, 1.0 / aerodynamic_limit(hno3, city, 0) + 100.0, 1.0);
}

TEST(DryDeposition, OzoneOverUrbanAndWater) {
  const WeselyGas& o3 = wesely_gas("O3");
  const std::vector<double> ustars = {0.15, 0.3, 0.5, 0.8};
  for (Season season : {Season::midsummer, Season::late_autumn, Season::winter}) {
    const Surface city = surface(LandUse::urban, 0.8, ustars);
    std::vector<double> vd(ustars.size());
    gas_deposition_velocity(o3, city.block(season), vd.data());
    for (double v : vd) {
      EXPECT_GT(v, 0.001) << season_name(season);  // 0.1 cm s-1
      EXPECT_LT(v, 0.005) << season_name(season);  // 0.5 cm s-1
    }
    const Surface lake = surface(LandUse::water, 1e-4, ustars);
    gas_deposition_velocity(o3, lake.block(season), vd.data());
    for (double v : vd) EXPECT_LT(v, 0.0006);  // Rc = 2000 s m-1: below 0.06 cm s-1
  }
  // Urban O3: Rc = r_ac + r_gs = 100 + 300 s m-1 in midsummer (no stomata, no cuticles).
  EXPECT_NEAR(wesely_surface_resistance(o3, LandUse::urban, Season::midsummer, 400.0, 293.0), 400.0, 1e-9);
}

TEST(DryDeposition, MonotoneInFrictionVelocityAndBelowTheLimit) {
  const std::vector<double> ustars = {0.05, 0.1, 0.2, 0.3, 0.45, 0.7, 1.0};
  for (const char* name : {"SO2", "O3", "NO2", "HNO3", "H2O2", "PAN", "HCHO", "HONO"}) {
    const WeselyGas& gas = wesely_gas(name);
    for (int l = 0; l < n_land_use; ++l) {
      const LandUse lu = static_cast<LandUse>(l);
      for (double obukhov : {inf, 80.0, -40.0}) {
        const Surface s = surface(lu, lu == LandUse::water ? 1e-4 : 0.2, ustars, obukhov, 288.0, 300.0);
        std::vector<double> vd(ustars.size());
        gas_deposition_velocity(gas, s.block(Season::autumn), vd.data());
        for (std::size_t c = 0; c < ustars.size(); ++c) {
          EXPECT_GT(vd[c], 0.0);
          EXPECT_LE(vd[c], aerodynamic_limit(gas, s, static_cast<int>(c)));
          if (c > 0) {
            EXPECT_GT(vd[c], vd[c - 1]) << name << " " << land_use_name(lu);
          }
        }
      }
    }
  }
}

TEST(DryDeposition, SolubleGasesDepositToWater) {
  const Surface lake = surface(LandUse::water, 1e-4, {0.2});
  double so2 = 0.0, no2 = 0.0;
  gas_deposition_velocity(wesely_gas("SO2"), lake.block(Season::midsummer), &so2);
  gas_deposition_velocity(wesely_gas("NO2"), lake.block(Season::midsummer), &no2);
  EXPECT_GT(so2, 0.95 * aerodynamic_limit(wesely_gas("SO2"), lake, 0));
  EXPECT_LT(no2, 0.0002);  // barely soluble: Rc of the order of 10^4 s m-1
}

TEST(DryDeposition, ColdSurfacesAndClosedStomata) {
  const WeselyGas& so2 = wesely_gas("SO2");
  // Stomata closed at night and below 0 C; the cold term raises Rc further below 0 C.
  const double day = wesely_surface_resistance(so2, LandUse::range, Season::midsummer, 500.0, 293.0);
  const double night = wesely_surface_resistance(so2, LandUse::range, Season::midsummer, 0.0, 293.0);
  const double frozen = wesely_surface_resistance(so2, LandUse::range, Season::winter, 300.0, 263.0);
  EXPECT_LT(day, night);
  EXPECT_GT(frozen, wesely_surface_resistance(so2, LandUse::range, Season::winter, 300.0, 274.0));
}

TEST(ParticleDeposition, Pm25AndCoarseRanges) {
  const std::vector<double> ustars = {0.1, 0.2, 0.35, 0.5, 0.8};
  const ParticleClass fine{0.5e-6, 1500.0}, coarse{5.0e-6, 2000.0};
  for (LandUse lu :
       {LandUse::urban, LandUse::range, LandUse::barren, LandUse::coniferous_forest, LandUse::water}) {
    const Surface s = surface(lu, lu == LandUse::water ? 1e-4 : 0.3, ustars, inf, 283.0);
    std::vector<double> vf(ustars.size()), vc(ustars.size());
    particle_deposition_velocity(fine, s.block(Season::late_autumn), vf.data());
    particle_deposition_velocity(coarse, s.block(Season::late_autumn), vc.data());
    for (std::size_t c = 0; c < ustars.size(); ++c) {
      // Accumulation-mode particles: of the order of 0.01-0.3 cm s-1 (Zhang et al. 2001, Fig. 2).
      EXPECT_GT(vf[c], 1e-5) << land_use_name(lu);
      EXPECT_LT(vf[c], 3e-3) << land_use_name(lu);
      // Coarse deposits faster, except at high u* over smooth surfaces where Zhang's rebound factor
      // R1 = exp(-sqrt(St)) cuts the impaction term.
      if (ustars[c] <= 0.5) {
        EXPECT_GT(vc[c], vf[c]) << land_use_name(lu);
      }
      EXPECT_GE(vf[c], settling_velocity(fine, 283.0, 86500.0));
      if (c > 0) {
        EXPECT_GT(vf[c], vf[c - 1]);
      }
    }
  }
}

TEST(ParticleDeposition, StokesSettling) {
  // v_g = rho d^2 g Cc / (18 mu), written out for 10 um (Cc - 1 < 2 %) and 1 um.
  const double t = 293.15, p = 101325.0;
  const double mu = air_dynamic_viscosity(t);
  const ParticleClass big{10e-6, 1000.0};
  const double stokes = 1000.0 * 1e-10 * 9.81 / (18.0 * mu);
  EXPECT_GT(settling_velocity(big, t, p), stokes);
  EXPECT_LT(settling_velocity(big, t, p), 1.02 * stokes);
  // 1 um unit density: ~3.5e-5 m s-1 (Stokes 3.0e-5 times Cc ~ 1.16).
  EXPECT_NEAR(settling_velocity({1e-6, 1000.0}, t, p), 3.5e-5, 0.15e-5);
}

TEST(WetScavenging, ZeroWithoutRainAndPowerLawWithRain) {
  for (const char* name : {"HNO3", "H2O2", "NH3", "SO2", "fine_particle"}) {
    const ScavengingCoefficients& sc = scavenging_coefficients(name);
    const double precipitation[] = {0.0, -1.0, std::nan(""), 1.0, 4.0, 20.0};
    double lambda[6];
    scavenging_rates(sc, 6, precipitation, lambda);
    EXPECT_EQ(lambda[0], 0.0);
    EXPECT_EQ(lambda[1], 0.0);
    EXPECT_EQ(lambda[2], 0.0);
    EXPECT_EQ(lambda[3], sc.a);
    EXPECT_NEAR(lambda[4], sc.a * std::pow(4.0, sc.b), 1e-18);
    EXPECT_GT(lambda[5], lambda[4]);
  }
  // Coefficients of the sources (FLEXPART SPECIES files; CALPUFF defaults).
  EXPECT_EQ(scavenging_coefficients("HNO3").a, 5.0e-5);
  EXPECT_EQ(scavenging_coefficients("HNO3").b, 0.62);
  EXPECT_EQ(scavenging_coefficients("H2O2").a, 1.0e-4);
  EXPECT_EQ(scavenging_coefficients("SO2").a, 3.0e-5);
  EXPECT_EQ(scavenging_coefficients("fine_particle").a, 1.0e-4);
}

TEST(Names, UnknownNamesThrowAndRoundTrip) {
  for (int l = 0; l < n_land_use; ++l)
    EXPECT_EQ(land_use_from_name(land_use_name(static_cast<LandUse>(l))), static_cast<LandUse>(l));
  for (int s = 0; s < n_seasons; ++s)
    EXPECT_EQ(season_from_name(season_name(static_cast<Season>(s))), static_cast<Season>(s));
  EXPECT_THROW(land_use_from_name("steppe"), std::invalid_argument);
  EXPECT_THROW(season_from_name("spring"), std::invalid_argument);
  EXPECT_THROW(wesely_gas("NH3"), std::invalid_argument);
  EXPECT_THROW(scavenging_coefficients("PM10"), std::invalid_argument);
  try {
    wesely_gas("CO");
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("HNO3"), std::string::npos);
  }
}

}  // namespace
}  // namespace airshed::chem
