// SPDX-License-Identifier: Apache-2.0
// Attribution ensembles end to end on a tiny inert case (8 x 8 x 4 cells, 3 h, one tracer from two stacks
// and a town area split by a polygon group, boundary inflow and an initial value: six groups). Transport is
// made linear (no advection, whose monotone limiters are not, only diffusion), so brute force, Shapley and
// single-source runs must agree to round-off; with PPM advection the shares still sum to the total.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/error.hpp"
#include "driver/case_schema.hpp"
#include "driver/make_met.hpp"
#include "driver/met_setup.hpp"
#include "scenarios/attribution.hpp"
#include "scenarios/ensemble.hpp"
#include "scenarios/shared_met.hpp"

using namespace airshed;
using namespace airshed::scenarios;
namespace fs = std::filesystem;

namespace {

/// Agreement of attributions of a linear response computed along different paths (differences of runs,
/// Shapley's weighted sums of 2^5 differences): each value is a sum of a few thousand rounded operations
/// on O(1) numbers, so differences of 1e-13 relative are round-off; 1e-9 relative still excludes any real
/// discrepancy (a group's share is 1e-2 or more of the total here).
constexpr double kLinearRelative = 1e-9;
/// Efficiency of the Shapley shares: a sum of 6 shares against one difference, 1e-12 relative.
constexpr double kEfficiencyRelative = 1e-12;

fs::path work_dir(const std::string& name) {
  fs::path d = fs::path(AIRSHED_BINARY_DIR) / "test-output" / "scenarios_ensemble" / name;
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}

std::string tiny_case(bool linear) {
  std::string yaml =
      "case:\n  name: tiny\n  start: 2026-11-28T06:00:00Z\n  hours: 3\n  utc_offset: 8\n"
      "grid:\n  centre_lon: 109.78\n  centre_lat: 39.61\n  nx: 8\n  ny: 8\n  dx: 1000\n  dy: 1000\n"
      "  layers:\n    nz: 4\n    first: 25\n    top: 1000\n"
      "meteorology:\n  source: idealised\n  wind_speed_10m: 3\n  wind_from_direction: 250\n"
      "species:\n  - name: tracer\n    molar_mass: 0.046\n    initial: 1\n    boundary: 2\n"
      "sources:\n  points:\n"
      "    - {name: stack_a, lon: 109.755, lat: 39.605, height: 30, species: [tracer], rates: [10]}\n"
      "    - {name: stack_b, lon: 109.79, lat: 39.625, height: 10, species: [tracer], rates: [4]}\n"
      "  areas:\n"
      "    - {name: town, lon: 109.78, lat: 39.61, size_x: 3000, size_y: 3000, depth: 0, species: [tracer], "
      "rates: [6]}\n"
      "apportionment:\n"
      "  groups:\n"
      "    - {name: a, sources: [stack_a]}\n"
      "    - {name: b, sources: [stack_b]}\n"
      "    - {name: west_town, sources: [town], regions: [west]}\n"
      "  regions:\n"
      "    - {name: west, polygon: [109.70, 39.55, 109.78, 39.55, 109.78, 39.67, 109.70, 39.67]}\n"
      "  area: west\n"
      "  receptors: receptors.csv\n"
      "  peak_window: 2\n"
      "output:\n  interval: 3600\ncheckpoint:\n  interval: 0\n";
  if (linear) yaml += "transport:\n  advection: none\n  vertical_advection: false\n";
  return yaml;
}

CaseDefinition load(const fs::path& dir, bool linear) {
  std::ofstream(dir / "receptors.csv") << "name,lon[degrees_east],lat[degrees_north]\n"
                                          "near_a,109.757,39.606\nfar,109.80,39.63\n";
  const std::string file = (dir / "tiny.yaml").string();
  CaseDefinition c = build_case(Config::parse(tiny_case(linear), file, case_schema()), file, dir.string());
  c.output_file = (dir / "tiny.nc").string();
  return c;
}

ApportionRequest request(Method m, int parallel, double fraction = 1.0) {
  ApportionRequest r;
  r.method = m;
  r.fraction = fraction;
  r.ensemble.members_in_parallel = parallel;
  r.ensemble.threads = 2;
  return r;
}

std::size_t player(const ApportionResult& r, const std::string& name) {
  for (std::size_t p = 0; p < r.players.size(); ++p)
    if (r.players[p].name == name) return p;
  ADD_FAILURE() << "no player " << name;
  return 0;
}

double scale(const std::vector<double>& v) {
  double s = 0.0;
  for (double x : v) s = std::max(s, std::abs(x));
  return s;
}

/// max over components |a - b| <= tolerance x the largest |reference| (relative to the episode's values).
void expect_close(const std::vector<double>& a, const std::vector<double>& b, double relative,
                  double reference, const std::string& what) {
  ASSERT_EQ(a.size(), b.size()) << what;
  double worst = 0.0;
  for (std::size_t m = 0; m < a.size(); ++m) worst = std::max(worst, std::abs(a[m] - b[m]));
  EXPECT_LE(worst, relative * reference) << what << ": worst difference " << worst << " of " << reference;
}

void expect_efficient(const ApportionResult& r) {
  const double ref = scale(r.all_on);
  for (std::size_t m = 0; m < r.total.size(); ++m) {
    double sum = 0.0;
    for (const auto& s : r.share) sum += s[m];
    EXPECT_NEAR(sum, r.total[m], kEfficiencyRelative * ref) << "component " << m;
  }
}

}  // namespace

TEST(Ensemble, LinearCaseBruteForceShapleyAndSingleSourceRunsAgree) {
  const fs::path dir = work_dir("linear");
  const CaseDefinition c = load(dir, true);

  const ApportionResult brute = run_apportion(c, request(Method::brute_force, 2));
  const ApportionResult shapley = run_apportion(c, request(Method::shapley, 2));
  // Players: the three groups, `other` (the east half of the town), boundary and initial. (Without advection
  // nothing flows in through the boundary, so its share is zero here; the PPM case below has inflow.)
  ASSERT_EQ(shapley.players.size(), 6u);
  for (const char* name : {"a", "b", "west_town", "other", "boundary", "initial"}) player(shapley, name);
  EXPECT_TRUE(shapley.exact);
  EXPECT_EQ(shapley.member_labels.size(), 64u);
  EXPECT_EQ(brute.member_labels.size(), 8u);  // all on, one per group, all off
  // Sites: two receptors, the area and the domain; statistics: mean, peak hour, 2-h peak window.
  ASSERT_EQ(shapley.plan.sites.size(), 4u);
  EXPECT_EQ(shapley.plan.sites[2].name, "west");
  EXPECT_EQ(shapley.statistics.size(), 3u);
  // The meteorology was read once for all 64 members.
  EXPECT_EQ(shapley.met_records_read, shapley.met_records_used);

  const double ref = scale(shapley.all_on);
  ASSERT_GT(ref, 0.0);
  expect_efficient(shapley);
  // All off is nothing at all: no emissions, no inflow, nothing initially.
  EXPECT_EQ(scale(shapley.all_off), 0.0);
  expect_close(brute.all_on, shapley.all_on, 0.0, 1.0, "all on, the same run twice");
  expect_close(brute.remainder, std::vector<double>(brute.remainder.size(), 0.0), kLinearRelative, ref,
               "brute-force remainder of a linear case");
  for (std::size_t p = 0; p < shapley.players.size(); ++p) {
    const std::string& name = shapley.players[p].name;
    // Linear: Shapley shares equal the brute-force impacts ...
    expect_close(shapley.share[p], brute.share[player(brute, name)], kLinearRelative, ref,
                 "share of " + name);
    // ... and what the group gives alone (the coalition of that group only).
    const std::vector<double>& alone = shapley.coalition_values.at(Coalition{1} << p);
    expect_close(brute.share[player(brute, name)], alone, kLinearRelative, ref, "alone " + name);
  }
  // Reduced by 20 % and scaled up, the impacts of a linear case are the same.
  const ApportionResult fifth = run_apportion(c, request(Method::brute_force, 1, 0.2));
  for (std::size_t p = 0; p < fifth.players.size(); ++p)
    expect_close(fifth.share[p], brute.share[p], kLinearRelative, ref,
                 "fraction 0.2, " + fifth.players[p].name);

  // Independent single-source runs (the case edited by hand, not through the groups): stack_a alone, and
  // the west half of the town alone (the polygon split of the area release).
  MetricsPlan plan = shapley.plan;
  const std::string met_file = (dir / "tiny-met.nc").string();
  const CaseMeteorology meteorology(met_files_of(c, met_file), c.met_format, c.grid);
  const SharedMetSource met(meteorology.source(), 0);
  EnsembleMember only_a;
  only_a.label = "stack_a alone";
  only_a.modify_case = [](CaseDefinition& mc) {
    mc.points.resize(1);
    mc.areas.clear();
  };
  only_a.boundary_factor = 0.0;
  only_a.initial_factor = 0.0;
  EnsembleMember west_town = only_a;
  west_town.modify_case = [&](CaseDefinition& mc) {
    mc.points.clear();
    mc.areas[0].x_max = c.grid.x_west() + 4 * c.grid.dx();  // the cell edge at the polygon's east side
  };
  const std::vector<MemberMetrics> alone =
      run_ensemble(c, {only_a, west_town}, &met, nullptr, plan, EnsembleOptions{2, 2, nullptr});
  // The episode-mean receptor value and map of the hand-made runs against the attribution.
  for (int which = 0; which < 2; ++which) {
    const std::size_t p = player(shapley, which == 0 ? "a" : "west_town");
    const MemberMetrics& m = alone[static_cast<std::size_t>(which)];
    for (std::size_t s = 0; s < plan.sites.size(); ++s) {
      double mean = 0.0;
      for (std::size_t t = 1; t < m.times.size(); ++t) mean += m.series[0][s][t];
      mean /= static_cast<double>(m.times.size() - 1);
      EXPECT_NEAR(shapley.share[p][shapley.component(0, s, 0)], mean, kLinearRelative * ref)
          << shapley.players[p].name << " at " << plan.sites[s].name;
    }
    for (int j = 0; j < c.grid.ny(); ++j)
      for (int i = 0; i < c.grid.nx(); ++i)
        EXPECT_NEAR(shapley.share[p][shapley.map_component(0, i, j)], m.mean_field[0](i, j),
                    kLinearRelative * ref);
  }

  // The table.
  std::ifstream csv(shapley.csv_file);
  ASSERT_TRUE(csv) << shapley.csv_file;
  EXPECT_EQ(fs::path(shapley.csv_file).filename(), "tiny-apportion-shapley.csv");
  std::string header;
  std::getline(csv, header);
  EXPECT_EQ(header, "method,site,quantity,statistic,group,value,unit,standard_error");
  std::size_t rows = 0;
  for (std::string line; std::getline(csv, line);) ++rows;
  EXPECT_EQ(rows, 4u * 3u * (6u + 3u));  // sites x statistics x (players + total, all_on, all_off)
  EXPECT_TRUE(fs::exists(brute.maps_file)) << brute.maps_file;
  EXPECT_EQ(fs::path(brute.maps_file).filename(), "tiny-apportion-brute-force-maps.nc");
  const std::string summary = format_apportion_summary(brute);
  EXPECT_NE(summary.find("remainder"), std::string::npos);
}

TEST(Ensemble, SampledShapleyOfNineGroupsOnALinearCase) {
  // Nine stacks, nine groups: above the exact limit, so orderings are sampled. For a linear response every
  // ordering gives each group the same marginal contribution, so the sample is exact: the shares equal the
  // brute-force impacts and their standard errors vanish (to round-off).
  const fs::path dir = work_dir("sampled");
  std::string yaml =
      "case:\n  name: nine\n  start: 2026-11-28T06:00:00Z\n  hours: 2\n"
      "grid:\n  centre_lon: 109.78\n  centre_lat: 39.61\n  nx: 8\n  ny: 8\n  dx: 1000\n  dy: 1000\n"
      "  layers:\n    nz: 4\n    first: 25\n    top: 1000\n"
      "meteorology:\n  source: idealised\n"
      "species:\n  - name: tracer\n    molar_mass: 0.046\n"
      "transport:\n  advection: none\n  vertical_advection: false\n"
      "output:\n  interval: 3600\ncheckpoint:\n  interval: 0\n";
  std::string points = "sources:\n  points:\n", groups = "apportionment:\n  groups:\n";
  for (int k = 0; k < 9; ++k) {
    const std::string id = std::to_string(k);
    points += "    - {name: s" + id + ", lon: " + std::to_string(109.752 + 0.007 * k) +
              ", lat: " + std::to_string(39.594 + 0.004 * k) + ", height: 20, species: [tracer], rates: [" +
              std::to_string(k + 1) + "]}\n";
    groups += "    - {name: g" + id + ", sources: [s" + id + "]}\n";
  }
  yaml += points + groups;
  const std::string file = (dir / "nine.yaml").string();
  CaseDefinition c = build_case(Config::parse(yaml, file, case_schema()), file, dir.string());
  c.output_file = (dir / "nine.nc").string();
  ApportionRequest sampled = request(Method::shapley, 2);
  sampled.samples = 8;
  const ApportionResult r = run_apportion(c, sampled);
  ASSERT_EQ(r.players.size(), 9u);
  EXPECT_FALSE(r.exact);
  EXPECT_EQ(r.permutations, 8u);
  EXPECT_LE(r.member_labels.size(), 8u * 8u + 2u);
  const ApportionResult b = run_apportion(c, request(Method::brute_force, 2));
  const double ref = scale(r.all_on);
  ASSERT_GT(ref, 0.0);
  expect_efficient(r);
  for (std::size_t p = 0; p < r.players.size(); ++p) {
    expect_close(r.share[p], b.share[p], kLinearRelative, ref, "sampled share of " + r.players[p].name);
    EXPECT_LE(scale(r.standard_error[p]), kLinearRelative * ref);
  }
  // The table carries the standard errors.
  std::ifstream csv(r.csv_file);
  std::string header, first;
  std::getline(csv, header);
  std::getline(csv, first);
  EXPECT_NE(first.back(), ',') << first;
}

TEST(Ensemble, ResultsDoNotDependOnMembersInParallel) {
  const fs::path dir = work_dir("parallel");
  const CaseDefinition c = load(dir, false);  // PPM: nonlinear, so the Shapley shares differ from impacts
  ApportionRequest one = request(Method::shapley, 1), two = request(Method::shapley, 2);
  one.groups = two.groups = {"a", "b", "boundary"};
  one.write_csv = two.write_csv = one.write_maps = two.write_maps = false;
  const ApportionResult r1 = run_apportion(c, one);
  const ApportionResult r2 = run_apportion(c, two);
  EXPECT_EQ(r1.threads.members_in_parallel, 1);
  EXPECT_EQ(r2.threads.members_in_parallel, 2);
  ASSERT_EQ(r1.member_values.size(), 8u);
  for (std::size_t m = 0; m < r1.member_values.size(); ++m) {
    ASSERT_EQ(r1.member_values[m].size(), r2.member_values[m].size());
    EXPECT_EQ(std::memcmp(r1.member_values[m].data(), r2.member_values[m].data(),
                          r1.member_values[m].size() * sizeof(double)),
              0)
        << r1.member_labels[m];
  }
  EXPECT_EQ(r1.share, r2.share);
  expect_efficient(r1);
  EXPECT_GT(scale(r1.share[player(r1, "boundary")]), 0.1);  // 2 ppb flow in
  // Monotone advection is not linear: brute force leaves a remainder (3 % near the stack on this coarse
  // grid).
  ApportionRequest brute = request(Method::brute_force, 2);
  brute.groups = one.groups;
  brute.write_csv = brute.write_maps = false;
  const ApportionResult b = run_apportion(c, brute);
  EXPECT_GT(scale(b.remainder), 0.0);
  EXPECT_LT(scale(b.remainder), 0.1 * scale(b.total));
  // Groups not listed (west_town, other, initial) stay on in every member: all off is not zero.
  EXPECT_GT(scale(r1.all_off), 0.0);
}

TEST(Ensemble, BadRequestsAreOneClearError) {
  const fs::path dir = work_dir("errors");
  const CaseDefinition c = load(dir, true);
  ApportionRequest r = request(Method::shapley, 1);
  r.groups = {"a", "nonsense"};
  try {
    run_apportion(c, r);
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("unknown group 'nonsense'"), std::string::npos) << e.what();
  }
  EXPECT_THROW(run_apportion(c, request(Method::brute_force, 1, 0.0)), InputError);
  EXPECT_THROW(method_from("monte-carlo", "--method"), InputError);
  EXPECT_EQ(method_from("brute-force", "--method"), Method::brute_force);
}
