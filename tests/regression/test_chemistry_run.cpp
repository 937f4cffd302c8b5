// SPDX-License-Identifier: Apache-2.0
// Chemistry coupled into the 3-D split step: the budget still closes field by field, the chemistry conserves
// the nitrogen family exactly (so transport + chemistry keep the family consistent), and threads do not
// change a bit.
#include <gtest/gtest.h>
#include <omp.h>

#include <cstring>
#include <filesystem>
#include <sstream>

#include "driver/case_schema.hpp"
#include "driver/run.hpp"
#include "io/checkpoint.hpp"
#include "tolerances.hpp"

using namespace airshed;
namespace fs = std::filesystem;

namespace {

// 10 x 8 cells, 6 layers, cb05-core with an urban mix inflowing and a NO stack; starts at 04 UTC (noon local)
// so the photochemistry is active.
std::string chemistry_case(double hours) {
  return std::string("case:\n  name: chem\n  start: 2026-06-21T04:00:00Z\n  hours: ") +
         std::to_string(hours) +
         "\ngrid:\n  centre_lon: 109.78\n  centre_lat: 39.61\n  nx: 10\n  ny: 8\n  dx: 2000\n  dy: 2000\n"
         "  layers:\n    nz: 6\n    first: 40\n    top: 1500\n"
         "meteorology:\n  source: idealised\n  surface_temperature_mean: 295\n  pbl_height_day_max: 1500\n"
         "chemistry:\n  mechanism: cb05-core\n"
         "species:\n"
         "  - {name: NO, initial: 5, boundary: 5}\n  - {name: NO2, initial: 15, boundary: 15}\n"
         "  - {name: O3, initial: 40, boundary: 40}\n  - {name: CO, initial: 250, boundary: 250}\n"
         "  - {name: PAR, initial: 30, boundary: 30}\n  - {name: OLE, initial: 2, boundary: 2}\n"
         "  - {name: TOL, initial: 3, boundary: 3}\n  - {name: FORM, initial: 3, boundary: 3}\n"
         "  - {name: SO2, initial: 5, boundary: 5}\n"
         "sources:\n  points:\n    - {name: stack, lon: 109.78, lat: 39.61, height: 100, species: [NO], "
         "rates: [20]}\n"
         "checkpoint:\n  interval: 0\n";
}

RunSummary run(double hours, const fs::path& out) {
  const CaseDefinition c =
      build_case(Config::parse(chemistry_case(hours), "chem.yaml", case_schema()), "chem.yaml", "");
  RunOptions o;
  o.output = out.string();
  std::ostringstream sink;
  o.progress = &sink;
  return run_case(c, o);
}

fs::path work_dir(const std::string& name) {
  fs::path d = fs::path(AIRSHED_BINARY_DIR) / "test-output" / "regression_chemistry" / name;
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}

std::size_t field_index(const RunSummary& s, const std::string& name) {
  for (std::size_t f = 0; f < s.field_names.size(); ++f)
    if (s.field_names[f] == name) return f;
  ADD_FAILURE() << "no field " << name;
  return 0;
}

}  // namespace

TEST(ChemistryRun, BudgetClosesAndNitrogenIsConserved) {
  const fs::path dir = work_dir("budget");
  const RunSummary s = run(1.0, dir / "chem.nc");
  for (std::size_t f = 0; f < s.field_names.size(); ++f)
    EXPECT_LT(s.budget_closure[f], tolerances::budget_closure) << s.field_names[f];
  // cb05-core balances N in every reaction (the parser checks it), and the Rosenbrock solver conserves linear
  // invariants, so the chemical change of the N family sums to zero up to round-off (and the clipping of
  // tiny negatives at the end of each solve, which the solver bounds by its absolute tolerance).
  const std::pair<const char*, double> nitrogen[] = {{"NO", 1},   {"NO2", 1},  {"NO3", 1},
                                                     {"N2O5", 2}, {"HNO3", 1}, {"HONO", 1},
                                                     {"PNA", 1},  {"PAN", 1},  {"NTR", 1}};
  double net = 0.0, turnover = 0.0, total = 0.0;
  for (const auto& [name, atoms] : nitrogen) {
    const std::size_t f = field_index(s, name);
    net += atoms * s.chemical[f];
    turnover += atoms * std::abs(s.chemical[f]);
    total += atoms * s.domain_now[f];
  }
  std::cout << "N family: net chemical change " << net << " mol, turnover " << turnover << " mol, in domain "
            << total << " mol\n";
  EXPECT_GT(turnover, 1e-3 * total) << "the chemistry must be active for this test to mean anything";
  EXPECT_LT(std::abs(net), tolerances::family_conservation * turnover);
  // Photochemistry at noon: ozone is produced somewhere and NO titrated near the stack.
  EXPECT_GT(s.max_value[field_index(s, "O3") - 1], 40.0);
}

TEST(ChemistryRun, ThreadCountDoesNotChangeABit) {
  const fs::path dir = work_dir("threads");
  const int saved = omp_get_max_threads();
  omp_set_num_threads(1);
  run(0.5, dir / "one.nc");
  omp_set_num_threads(2);
  run(0.5, dir / "two.nc");
  omp_set_num_threads(saved);
  const CheckpointData a = read_checkpoint((dir / "one.checkpoint.h5").string());
  const CheckpointData b = read_checkpoint((dir / "two.checkpoint.h5").string());
  for (const auto& [name, field] : a.fields) {
    const Array3& other = b.fields.at(name);
    EXPECT_EQ(std::memcmp(field.data.data(), other.data.data(), field.size() * sizeof(double)), 0) << name;
  }
}
