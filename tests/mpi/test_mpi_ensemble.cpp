// SPDX-License-Identifier: Apache-2.0
// Ensembles over rank groups (issue 8), on 2 and 4 ranks: four members of a small inert case (scaled
// releases, boundary inflow and initial state) run over rank groups, each member decomposed over its group's
// ranks, give every rank the same metrics, bit for bit, as the members run in one process; for one rank per
// member, for every member decomposed over all ranks, and (4 ranks) for two groups of two. Also how the
// members are placed, and the errors for rank groups and layouts that do not fit the ranks.
#include <gtest/gtest.h>

#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "driver/case_schema.hpp"
#include "driver/met_setup.hpp"
#include "mpi/mpi_test_support.hpp"
#include "parallel/communicator.hpp"
#include "regression/small_case.hpp"
#include "scenarios/ensemble.hpp"
#include "scenarios/shared_met.hpp"

using namespace airshed;
using namespace airshed::scenarios;
namespace fs = std::filesystem;

namespace {

using test::world;

fs::path work_dir(const std::string& name) {
  return test::mpi_work_dir("mpi_ensemble", name);
}

/// tests/regression/small_case.hpp (20 x 16 x 10 cells, idealised met, a stack and a town area, CO, a stack
/// tracer and an aerosol with inflow and initial values) for `hours`.
CaseDefinition small_case(const fs::path& dir, double hours) {
  const std::string file = (dir / "small.yaml").string();
  CaseDefinition c =
      build_case(Config::parse(test::small_case_yaml(hours), file, case_schema()), file, dir.string());
  c.output_file = (dir / "small.nc").string();
  return c;
}

/// Every species at a receptor cell, over a block of cells and over the domain.
MetricsPlan plan_of(const CaseDefinition& c) {
  MetricsPlan plan;
  plan.quantities = default_quantities(c);
  MetricsPlan::Site receptor;
  receptor.name = "downwind";
  receptor.kind = "receptor";
  receptor.i = 12;
  receptor.j = 6;
  MetricsPlan::Site area;
  area.name = "block";
  area.kind = "area";
  area.weight = Array2(c.grid.nx(), c.grid.ny());
  for (int j = 4; j < 11; ++j)
    for (int i = 8; i < 17; ++i) area.weight(i, j) = 1.0;
  MetricsPlan::Site domain;
  domain.name = "domain";
  domain.kind = "domain";
  domain.weight = Array2(c.grid.nx(), c.grid.ny(), 1.0);
  plan.sites = {receptor, area, domain};
  return plan;
}

std::vector<EnsembleMember> members_of() {
  std::vector<EnsembleMember> m(4);
  m[0].label = "base";
  m[1].label = "no stack";
  m[1].modify_case = [](CaseDefinition& mc) {
    for (double& r : mc.points[0].rate) r = 0.0;
  };
  m[2].label = "half inflow, double initial";
  m[2].boundary_factor = 0.5;
  m[2].initial_factor = 2.0;
  m[3].label = "town x0.3";
  m[3].modify_case = [](CaseDefinition& mc) {
    for (double& f : mc.areas[0].flux) f *= 0.3;
  };
  return m;
}

bool same_bits(const double* a, const double* b, std::size_t n) {
  return n == 0 || std::memcmp(a, b, n * sizeof(double)) == 0;
}

/// Bitwise equality of every series value and mean field, reporting the first difference.
void expect_same(const std::vector<MemberMetrics>& serial, const std::vector<MemberMetrics>& grouped,
                 const std::string& what) {
  ASSERT_EQ(serial.size(), grouped.size()) << what;
  for (std::size_t m = 0; m < serial.size(); ++m) {
    const MemberMetrics &a = serial[m], &b = grouped[m];
    const std::string where =
        what + ", rank " + std::to_string(world().rank()) + ", member " + std::to_string(m);
    ASSERT_GT(a.times.size(), 1u) << where;
    EXPECT_EQ(a.times, b.times) << where;
    ASSERT_EQ(a.series.size(), b.series.size()) << where;
    for (std::size_t q = 0; q < a.series.size(); ++q) {
      ASSERT_EQ(a.series[q].size(), b.series[q].size()) << where;
      for (std::size_t s = 0; s < a.series[q].size(); ++s) {
        ASSERT_EQ(a.series[q][s].size(), b.series[q][s].size()) << where;
        for (std::size_t t = 0; t < a.series[q][s].size(); ++t)
          EXPECT_TRUE(same_bits(&a.series[q][s][t], &b.series[q][s][t], 1))
              << where << ", quantity " << q << ", site " << s << ", record " << t << ": serial "
              << a.series[q][s][t] << ", rank groups " << b.series[q][s][t];
      }
    }
    ASSERT_EQ(a.mean_field.size(), b.mean_field.size()) << where;
    for (std::size_t q = 0; q < a.mean_field.size(); ++q) {
      ASSERT_EQ(a.mean_field[q].n0, b.mean_field[q].n0) << where;
      ASSERT_EQ(a.mean_field[q].n1, b.mean_field[q].n1) << where;
      ASSERT_EQ(a.mean_field[q].data.size(), b.mean_field[q].data.size()) << where;
      for (std::size_t n = 0; n < a.mean_field[q].data.size(); ++n)
        if (!same_bits(&a.mean_field[q].data[n], &b.mean_field[q].data[n], 1)) {
          ADD_FAILURE() << where << ", mean field " << q << ", value " << n << ": serial "
                        << a.mean_field[q].data[n] << ", rank groups " << b.mean_field[q].data[n];
          break;
        }
    }
    EXPECT_GE(b.wall_seconds, 0.0) << where;
  }
}

EnsembleOptions over_ranks(int groups, const std::string& layout = "auto") {
  EnsembleOptions o;
  o.ranks = &world();
  o.rank_groups = groups;
  o.decomposition = layout;
  o.threads = 1;
  return o;
}

}  // namespace

TEST(MpiEnsemble, RankGroupsGiveTheSerialMetricsOnEveryRank) {
  const fs::path dir = work_dir("groups");
  const CaseDefinition c = small_case(dir, 2.0);
  const MetricsPlan plan = plan_of(c);
  const std::vector<EnsembleMember> members = members_of();
  // Rank 0 writes the idealised met; every rank reads it.
  const std::vector<std::string> files =
      ensemble_met_files(c, (dir / "small-met.nc").string(), "test", &world());
  const CaseMeteorology meteorology(files, c.met_format, c.grid);

  // The reference: every rank runs the four members in its own process (no ranks), one after another.
  std::vector<MemberMetrics> serial;
  {
    const SharedMetSource met(meteorology.source(), 0);
    EnsembleOptions o;
    o.members_in_parallel = 1;
    o.threads = 1;
    serial = run_ensemble(c, members, &met, nullptr, plan, o);
  }

  const int n = world().size();
  std::vector<std::pair<int, std::string>> settings = {
      {n, "auto"}, {1, "auto"}, {1, "1x" + std::to_string(n)}};
  if (n == 4) settings.push_back({2, "2x1"});
  for (const auto& [groups, layout] : settings) {
    const std::string what = std::to_string(groups) + " rank group(s), layout " + layout;
    const EnsembleOptions o = over_ranks(groups, layout);
    const EnsembleThreads placement = ensemble_threads(members.size(), o);
    EXPECT_EQ(placement.rank_groups, groups) << what;
    EXPECT_EQ(placement.ranks_per_group, n / groups) << what;
    // One met source per rank, kept until each of this rank's members has read every record.
    const SharedMetSource met(meteorology.source(), placement.members_here);
    const std::vector<MemberMetrics> grouped = run_ensemble(c, members, &met, nullptr, plan, o);
    expect_same(serial, grouped, what);
    EXPECT_EQ(met.file_reads(), met.records_served()) << what << ": the met read once on this rank";
  }
}

TEST(MpiEnsemble, PlacementAndErrors) {
  const int n = world().size();
  // By default as many groups as ranks, but no more than members, dividing the ranks.
  EnsembleThreads t = ensemble_threads(4, over_ranks(0));
  EXPECT_EQ(t.rank_groups, n);
  EXPECT_EQ(t.ranks_per_group, 1);
  EXPECT_EQ(t.group, world().rank());
  EXPECT_EQ(t.members_in_parallel, n);
  EXPECT_EQ(t.members_here, 4u / static_cast<std::size_t>(n));
  t = ensemble_threads(3, over_ranks(0));
  EXPECT_EQ(t.rank_groups, 2);  // 3 members: 2 groups (3 does not divide 2 or 4 ranks)
  EXPECT_EQ(t.members_here, world().rank() < n / 2 ? 2u : 1u);
  t = ensemble_threads(1, over_ranks(0));
  EXPECT_EQ(t.rank_groups, 1);
  EXPECT_EQ(t.ranks_per_group, n);
  EXPECT_EQ(t.members_here, 1u);
  // More groups than members: the last ones have nothing to run.
  t = ensemble_threads(1, over_ranks(n));
  EXPECT_EQ(t.members_here, world().rank() == 0 ? 1u : 0u);
  // Groups that do not divide the ranks, and layouts that do not fit a group.
  EXPECT_THROW(ensemble_threads(4, over_ranks(3)), InputError);
  EXPECT_THROW(ensemble_threads(4, over_ranks(n + 1)), InputError);
  EXPECT_THROW(ensemble_threads(4, over_ranks(n, "2x1")), InputError);
  EXPECT_THROW(ensemble_threads(4, over_ranks(1, "3x3")), InputError);
  EXPECT_THROW(ensemble_threads(4, over_ranks(1, "two")), InputError);
  EXPECT_NO_THROW(ensemble_threads(4, over_ranks(1, std::to_string(n) + "x1")));
  // One process: the members on threads, as without MPI.
  EnsembleOptions serial;
  serial.threads = 4;
  t = ensemble_threads(4, serial);
  EXPECT_EQ(t.rank_groups, 1);
  EXPECT_EQ(t.members_in_parallel, 4);
  EXPECT_EQ(t.members_here, 4u);
  EXPECT_EQ(describe_placement(t), "4 at a time x 1 thread(s)");
}
