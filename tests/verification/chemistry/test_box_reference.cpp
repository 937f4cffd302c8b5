// SPDX-License-Identifier: Apache-2.0
// Each shipped mechanism as a box against an independent high-precision integration.
//
// reference/<name>_6h.csv comes from reference/box_reference.py, which reads chemistry/mechanisms/<name>.yaml
// with PyYAML and builds the ODE system itself from the rules of docs/mechanisms.md (equations, rate laws,
// fixed species), then integrates 6 h with SciPy's Radau IIA at rtol 1e-10 (its own error, estimated against
// rtol 1e-11, is ~1e-11 relative and written in the CSV). Nothing in it calls the C++ engine. Conditions:
// T = 298.15 K, p = 101325 Pa, relative humidity 50 % (Bolton 1980, as driver/box.hpp documents), fixed
// photolysis = MCM v3.3.1 clear sky at a solar zenith angle of 30 degrees for every j the mechanism uses, an
// urban morning mix (cb05-core: NO, NO2, O3, CO, FORM, ALD2, PAR, OLE, ETH, TOL, XYL, ISOP, SO2; grs: NO,
// NO2, O3, ROC). Regenerate with
//   /usr/bin/python3 tests/verification/chemistry/reference/box_reference.py
// (reference/README.md). This test takes everything but the mechanism from the CSV: conditions, j values and
// initial mixing ratios, runs the same box through run_box (Ros3, rtol 1e-6) and compares O3, NO2 and the
// nitric acid of the mechanism (HNO3 in cb05-core; SGN, GRS's stable gaseous nitrogen product, in grs) at 1,
// 3 and 6 h. It also checks that the two programs agree on the inputs they compute independently: the air
// density, the humidity conversion and the MCM j values.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <numbers>
#include <sstream>
#include <string>
#include <vector>

#include "chemistry/mechanism_file.hpp"
#include "chemistry/photolysis.hpp"
#include "chemistry/rate_constants.hpp"
#include "driver/box.hpp"
#include "tolerances.hpp"
#include "verification/chemistry/chemistry_verification.hpp"

namespace airshed {
namespace {

/// The reference CSV: "kind,name,initial,1h,3h,6h" rows of kind condition, j and species; '#' lines are
/// comments.
struct Reference {
  std::map<std::string, double> condition, j;
  std::vector<std::string> species;
  std::map<std::string, double> initial;
  std::map<std::string, std::vector<double>> ppb;  ///< at 1, 3, 6 h
};

std::vector<std::string> split(const std::string& line) {
  std::vector<std::string> out;
  std::stringstream ss(line);
  std::string cell;
  while (std::getline(ss, cell, ',')) out.push_back(cell);
  while (out.size() < 6) out.emplace_back();
  return out;
}

Reference read_reference(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path);
  Reference r;
  std::string line;
  bool header = false;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    if (!header) {
      if (line != "kind,name,initial,1h,3h,6h")
        throw std::runtime_error(path + ": unexpected header " + line);
      header = true;
      continue;
    }
    const std::vector<std::string> c = split(line);
    if (c[0] == "condition") {
      r.condition[c[1]] = std::stod(c[2]);
    } else if (c[0] == "j") {
      r.j[c[1]] = std::stod(c[2]);
    } else if (c[0] == "species") {
      r.species.push_back(c[1]);
      r.initial[c[1]] = std::stod(c[2]);
      r.ppb[c[1]] = {std::stod(c[3]), std::stod(c[4]), std::stod(c[5])};
    } else {
      throw std::runtime_error(path + ": unknown row kind " + c[0]);
    }
  }
  return r;
}

struct Case {
  const char* mechanism;
  const char* nitric_acid;  ///< the mechanism's HNO3 (or its stand-in)
};

class BoxReference : public testing::TestWithParam<Case> {};

TEST_P(BoxReference, MatchesTheIndependentRadauIntegration) {
  const Case& c = GetParam();
  const Reference ref =
      read_reference(test::chemistry_verification_file(std::string("reference/") + c.mechanism + "_6h.csv"));

  BoxSetup b;
  b.mechanism = chem::load_mechanism(c.mechanism);
  b.hours = 6.0;
  b.output_interval = 3600.0;
  b.temperature = ref.condition.at("temperature_K");
  b.pressure = ref.condition.at("pressure_Pa");
  b.relative_humidity = ref.condition.at("relative_humidity");
  for (const auto& [name, rate] : ref.j) b.fixed_j.emplace_back(name, rate);
  for (const auto& [name, ppb] : ref.initial)
    if (ppb > 0.0) b.initial_ppb.emplace_back(name, ppb);
  b.solver.rtol = 1e-6;
  b.solver.atol = 1.0;  // molecules cm-3 (4e-11 ppb): below every species the comparison depends on

  // The inputs both programs compute from the same documented formulas.
  const double m = chem::air_number_density(b.pressure, b.temperature);
  const double qv = mixing_ratio_from_rh(b.relative_humidity, b.temperature, b.pressure);
  EXPECT_NEAR(m, ref.condition.at("air_cm3"), tolerances::state_relative * m);
  EXPECT_NEAR(qv, ref.condition.at("qv_kg_per_kg"), tolerances::state_relative * qv);
  const double cos30 = std::cos(30.0 * std::numbers::pi / 180.0);
  const auto& table = chem::mcm_photolysis_table();
  ASSERT_EQ(ref.j.size(), b.mechanism.photolysis_names.size());
  for (const auto& [name, rate] : ref.j) {
    const auto it = std::find_if(table.begin(), table.end(), [&](const auto& p) { return name == p.name; });
    ASSERT_NE(it, table.end()) << name;
    EXPECT_NEAR(chem::mcm_clear_sky_j(*it, cos30), rate, tolerances::state_relative * rate) << "j " << name;
  }

  const BoxResult r = run_box(b);
  ASSERT_EQ(r.times.size(), 7u);
  ASSERT_EQ(r.species, ref.species);
  const std::size_t rows[] = {1, 3, 6};  // 1, 3 and 6 h
  const double tol = tolerances::box_reference_relative;
  double worst_tested = 0.0, worst_all = 0.0;
  std::string worst_species;
  for (int h = 0; h < 3; ++h)
    for (const std::string& s : ref.species) {
      const double want = ref.ppb.at(s)[h], got = r.at(rows[h], s);
      // Every species above 1e-6 ppb, for the record (radicals such as O1D sit near 1e-12 ppb).
      if (want > 1e-6) {
        const double rel = std::abs(got - want) / want;
        if (rel > worst_all) worst_all = rel, worst_species = s;
      }
    }
  for (const char* s : {"O3", "NO2", c.nitric_acid})
    for (int h = 0; h < 3; ++h) {
      const double want = ref.ppb.at(s)[h], got = r.at(rows[h], s);
      const double rel = std::abs(got - want) / want;
      worst_tested = std::max(worst_tested, rel);
      std::printf("%s %-4s at %d h: box %.9g ppb, reference %.9g ppb, relative error %.2e\n", c.mechanism, s,
                  static_cast<int>(r.times[rows[h]] / 3600.0), got, want, rel);
      EXPECT_NEAR(got, want, tol * want) << s << " at row " << rows[h];
    }
  std::printf(
      "%s box (Ros3 rtol %g, atol %g cm-3, %d steps, %d rejected): max relative error O3/NO2/%s %.2e "
      "(tolerance %.0e); over all species above 1e-6 ppb %.2e (%s)\n",
      c.mechanism, b.solver.rtol, b.solver.atol, r.solver_steps, r.rejected, c.nitric_acid, worst_tested, tol,
      worst_all, worst_species.c_str());
}

INSTANTIATE_TEST_SUITE_P(Mechanisms, BoxReference,
                         testing::Values(Case{"grs", "SGN"}, Case{"cb05-core", "HNO3"}),
                         [](const testing::TestParamInfo<Case>& i) {
                           std::string n = i.param.mechanism;
                           std::replace(n.begin(), n.end(), '-', '_');
                           return n;
                         });

}  // namespace
}  // namespace airshed
