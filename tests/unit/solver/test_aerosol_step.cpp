// SPDX-License-Identifier: Apache-2.0
// The secondary aerosol step of a chemistry block (solver/aerosol_step.hpp): it conserves sulfur and nitrogen
// to round-off, condenses all the H2SO4, books every field's change, makes SOA with the high- or low-NOx
// SOAP2.2 yields according to the NO/HO2 branching, and its relative humidity inverts the met's humidity.
#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>
#include <vector>

#include "chemistry/aerosol.hpp"
#include "chemistry/mechanism_file.hpp"
#include "core/constants.hpp"
#include "solver/aerosol_step.hpp"

namespace airshed {
namespace {

/// Relative error of an atom or mass total moved between fields by a few conversions (mol m-3 <->
/// molecules cm-3 <-> kg m-3, each one rounding) and additions: some ulp.
constexpr double kConversions = 1e-14;

constexpr double kConv = 6.02214076e23 * 1e-6;  // molecules cm-3 per mol m-3
constexpr double kSulfate = 0.09606, kAmmonium = 0.018038, kNitrate = 0.062004;
constexpr int kCells = 4;

SpeciesList aerosol_state_species() {
  SpeciesList list;
  for (const AerosolSpecies& a : aerosol_species()) list.push_back({a.name, a.phase, a.molar_mass, "", ""});
  list.push_back({"POA", Phase::aerosol, 0.0, "", ""});
  return list;
}

/// Four cells in a row, one layer, and the block that views them.
struct Fixture {
  Grid grid{kCells, 1, 1000.0, 1000.0, 0.0, 0.0, VerticalLayers({0.0, 50.0}), Projection{}, 3};
  State state{grid, aerosol_state_species()};
  chem::KineticSystem system{chem::load_mechanism("cb05-core")};
  std::vector<std::size_t> offset;
  std::vector<double> volume, temperature{265.0, 280.0, 295.0, 305.0}, pressure, humidity, y, y_start;

  Fixture() {
    const double rh[kCells] = {0.3, 0.6, 0.85, 0.95};
    for (int c = 0; c < kCells; ++c) {
      offset.push_back(state.air().offset(c, 0, 0));
      volume.push_back(grid.cell_volume(0));
      pressure.push_back(88000.0);
      const double e = rh[c] * 611.2 * std::exp(17.67 * (temperature[c] - 273.15) / (temperature[c] - 29.65));
      humidity.push_back(constants::molar_mass_water / constants::molar_mass_dry_air * e / (pressure[c] - e));
    }
    y.assign(static_cast<std::size_t>(system.n_solved()) * kCells, 0.0);
    y_start = y;
  }
  int solved(const char* name) const { return system.solved_index(system.mechanism().find(name)); }
  double& gas(const char* name, int c) { return y[static_cast<std::size_t>(solved(name)) * kCells + c]; }
  double& start(const char* name, int c) {
    return y_start[static_cast<std::size_t>(solved(name)) * kCells + c];
  }
  double& field(const char* name, int c) { return state.field(state.find(name) + 1)(c, 0, 0); }
  AerosolStep::Block block() {
    return {kCells,          offset.data(),   volume.data(), temperature.data(),
            pressure.data(), humidity.data(), y.data(),      y_start.data()};
  }
};

double sulfur(Fixture& f, int c) {
  return (f.gas("SO2", c) + f.gas("SULF", c)) / kConv + f.field("PSO4", c) / kSulfate;
}
double ammonia(Fixture& f, int c) {
  return f.field("NH3", c) + f.field("PNH4", c) / kAmmonium;
}
double nitrate(Fixture& f, int c) {
  return f.gas("HNO3", c) / kConv + f.field("PNO3", c) / kNitrate;
}

TEST(AerosolStep, ConservesSulfurAndNitrogenAndCondensesAllSulfuricAcid) {
  Fixture f;
  const double ppb = 2.2e10;  // molecules cm-3 per ppb near 880 hPa
  const double mol = ppb / kConv;
  for (int c = 0; c < kCells; ++c) {
    f.gas("SO2", c) = f.start("SO2", c) = (2.0 + c) * ppb;
    f.gas("SULF", c) = 0.05 * ppb;
    f.gas("HNO3", c) = f.start("HNO3", c) = (1.0 + 2.0 * c) * ppb;
    f.field("NH3", c) = (c == 0 ? 0.5 : 10.0) * mol;  // cell 0: too little ammonia for the sulfate
    f.field("PSO4", c) = 2e-9;
    f.field("PNO3", c) = 1e-9;
    f.field("PNH4", c) = c == 0 ? 0.0 : 0.5e-9;
  }
  double s0[kCells], a0[kCells], n0[kCells], so4[kCells], sulf[kCells];
  std::vector<double> old(f.state.n_fields() * kCells);
  for (int c = 0; c < kCells; ++c) {
    s0[c] = sulfur(f, c);
    a0[c] = ammonia(f, c);
    n0[c] = nitrate(f, c);
    so4[c] = f.field("PSO4", c);
    sulf[c] = f.gas("SULF", c);
    for (std::size_t fld = 0; fld < f.state.n_fields(); ++fld)
      old[fld * kCells + c] = f.state.field(fld)(c, 0, 0);
  }
  AerosolStep step(f.state, f.system, {f.state.find("POA") + 1});
  AerosolStep::Workspace ws(step, kCells);
  std::vector<double> change(f.state.n_fields(), 0.0);
  step.apply(f.block(), 1800.0, f.state, ws, change.data());

  for (int c = 0; c < kCells; ++c) {
    EXPECT_NEAR(sulfur(f, c), s0[c], kConversions * s0[c]) << c;
    EXPECT_NEAR(ammonia(f, c), a0[c], kConversions * a0[c]) << c;
    EXPECT_NEAR(nitrate(f, c), n0[c], kConversions * n0[c]) << c;
    EXPECT_EQ(f.gas("SULF", c), 0.0);
    EXPECT_GE(f.field("PSO4", c) - so4[c], sulf[c] / kConv * kSulfate * (1 - kConversions)) << c;
    for (const char* name : {"NH3", "PNH4", "PNO3", "PSO4"}) EXPECT_GE(f.field(name, c), 0.0) << name << c;
    EXPECT_GE(f.gas("HNO3", c), 0.0);
  }
  // Aqueous oxidation needs RH > 0.5 and T > 270 K: none in the frozen cell 0, some in the others.
  EXPECT_DOUBLE_EQ(f.gas("SO2", 0), f.start("SO2", 0));
  for (int c = 1; c < kCells; ++c) EXPECT_LT(f.gas("SO2", c), f.start("SO2", c)) << c;
  // Cell 0: the sulfate binds all the ammonia, so no ammonium nitrate can form.
  EXPECT_EQ(f.field("NH3", 0), 0.0);
  EXPECT_EQ(f.field("PNO3", 0), 0.0);
  // The change booked for each aerosol field is its amount change; the solved species are left to the caller.
  for (std::size_t fld : step.fields()) {
    double expected = 0.0;
    for (int c = 0; c < kCells; ++c)
      expected += (f.state.field(fld)(c, 0, 0) - old[fld * kCells + c]) * f.volume[c];
    EXPECT_DOUBLE_EQ(change[fld], expected) << f.state.species()[fld - 1].name;
  }
}

TEST(AerosolStep, SoaUsesTheHighOrLowNoxYieldsAndConservesEachPair) {
  Fixture f;
  const double ppb = 2.2e10;
  // Toluene, xylene and isoprene each lost 1 ppb in every cell; cells 0, 1 have only NO (high-NOx yields),
  // cells 2, 3 only HO2 (low-NOx yields).
  for (int c = 0; c < kCells; ++c) {
    for (const char* p : {"TOL", "XYL", "ISOP"}) {
      f.start(p, c) = 3.0 * ppb;
      f.gas(p, c) = 2.0 * ppb;
    }
    f.start(c < 2 ? "NO" : "HO2", c) = f.gas(c < 2 ? "NO" : "HO2", c) = 0.1 * ppb;
    f.field("POA", c) = 2e-9;
  }
  AerosolStep step(f.state, f.system, {f.state.find("POA") + 1});
  AerosolStep::Workspace ws(step, kCells);
  std::vector<double> change(f.state.n_fields(), 0.0);
  step.apply(f.block(), 600.0, f.state, ws, change.data());

  const auto& pairs = chem::soap22_pairs();
  auto yields = [](const char* precursor) {
    for (const chem::SoaYields& y : chem::soap22_yields())
      if (std::string(y.precursor) == precursor) return y;
    throw std::logic_error("no yields");
  };
  const double reacted = 1.0 * ppb / kConv;  // mol m-3 of each precursor
  for (int c = 0; c < kCells; ++c) {
    const bool high = c < 2;
    double pair_mass[4] = {}, sopa = 0.0, sopb = 0.0;
    for (const char* p : {"toluene", "xylene", "isoprene"}) {
      const chem::SoaYields y = yields(p);
      const auto& set = high ? y.high_nox : y.low_nox;
      pair_mass[y.more_volatile_pair] += reacted * set[0] * pairs[y.more_volatile_pair].molar_mass;
      pair_mass[y.less_volatile_pair] += reacted * set[1] * pairs[y.less_volatile_pair].molar_mass;
      (y.more_volatile_pair < 2 ? sopa : sopb) += reacted * set[2] * 0.220;
    }
    for (int i = 0; i < 4; ++i) {
      const std::string n = std::to_string(i + 1);
      const double total =
          f.field(("CG" + n).c_str(), c) * pairs[i].molar_mass + f.field(("SOA" + n).c_str(), c);
      EXPECT_NEAR(total, pair_mass[i], kConversions * pair_mass[i]) << "pair " << n << " cell " << c;
      EXPECT_GT(f.field(("SOA" + n).c_str(), c), 0.0) << "2 ug m-3 of POA absorbs every pair";
    }
    EXPECT_NEAR(f.field("SOPA", c), sopa, kConversions * sopa) << c;
    EXPECT_NEAR(f.field("SOPB", c), sopb, kConversions * sopb) << c;
  }
}

TEST(AerosolStep, RelativeHumidityInvertsTheMetHumidity) {
  for (double t : {250.0, 273.15, 290.0, 310.0})
    for (double rh : {0.0, 0.2, 0.55, 0.99}) {
      const double p = 86500.0;
      const double e = rh * 611.2 * std::exp(17.67 * (t - 273.15) / (t - 29.65));
      const double r = constants::molar_mass_water / constants::molar_mass_dry_air * e / (p - e);
      EXPECT_NEAR(relative_humidity(t, p, r), rh, 1e-14) << t << " " << rh;
    }
  EXPECT_EQ(relative_humidity(280.0, 90000.0, 0.5), 1.0) << "supersaturation is limited to 1";
}

TEST(AerosolStep, HighNoxFractionWeighsTheTwoPeroxyPaths) {
  EXPECT_EQ(high_nox_fraction(1.0, 1.0, 1.0, 0.0), 1.0);
  EXPECT_EQ(high_nox_fraction(1.0, 0.0, 1.0, 1.0), 0.0);
  EXPECT_EQ(high_nox_fraction(1.0, 0.0, 1.0, 0.0), 1.0) << "no partner: the high-NOx default";
  EXPECT_DOUBLE_EQ(high_nox_fraction(2.0, 1.0, 1.0, 2.0), 0.5);
  // CAMx's aromatic constants at 298 K: RO2 + NO 9.0e-12, RO2 + HO2 1.9e-11 cm3 s-1.
  const PeroxyRates k = aromatic_peroxy_rates(298.0);
  EXPECT_NEAR(k.no, 9.04e-12, 0.01e-12);
  EXPECT_NEAR(k.ho2, 1.87e-11, 0.01e-11);
}

TEST(AerosolStep, RefusesAStateWithoutTheAerosolSpecies) {
  const Grid g(2, 1, 1000.0, 1000.0, 0.0, 0.0, VerticalLayers({0.0, 50.0}), Projection{}, 3);
  const State state(g, SpeciesList{{"SO2", Phase::gas, 0.064, "", ""}});
  const chem::KineticSystem system(chem::load_mechanism("cb05-core"));
  EXPECT_THROW(AerosolStep(state, system, {}), std::invalid_argument);
  EXPECT_TRUE(aerosol_missing_precursors(chem::load_mechanism("cb05-core")).empty());
  EXPECT_EQ(aerosol_missing_precursors(chem::load_mechanism("grs")).size(), 3u);
}

}  // namespace
}  // namespace airshed
