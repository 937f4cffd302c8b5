// SPDX-License-Identifier: Apache-2.0
// The MPI domain decomposition against the single-process run (issue 8 verification), on 2 and 4 ranks:
// every field of the gathered state, source-apportionment tags included, is bit-identical to the serial run
// at every output time, for the automatic layout, for rows split alone and for columns split too; a
// checkpoint written by a decomposed run restarts on another rank count (and in a serial run) to the same
// bits as an uninterrupted run; the output file of a decomposed run equals the serial one variable by
// variable.
#include <gtest/gtest.h>

#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include "data/embedded_cases.hpp"
#include "driver/case_schema.hpp"
#include "driver/make_met.hpp"
#include "driver/met_setup.hpp"
#include "driver/run.hpp"
#include "mpi/mpi_test_support.hpp"
#include "netcdf_read.hpp"
#include "parallel/communicator.hpp"

using namespace airshed;
namespace fs = std::filesystem;

namespace {

using test::world;

fs::path work_dir(const std::string& name) {
  return test::mpi_work_dir("mpi_decomposed_run", name);
}

/// The embedded Kangbashi case (chemistry, aerosols, the inventory, deposition, Smagorinsky diffusion) on a
/// small grid, with or without its source-apportionment groups (8 groups x every family).
CaseDefinition kangbashi(double hours, bool tagging, const fs::path& dir) {
  Config config = Config::parse(embedded_case("kangbashi"), "embedded:kangbashi", case_schema());
  for (const std::string& o :
       {std::string("case.hours=") + std::to_string(hours), std::string("grid.nx=22"),
        std::string("grid.ny=21"), std::string("grid.dx=3000"), std::string("grid.dy=3000"),
        std::string("grid.layers.nz=8"), std::string("apportionment.enabled=") + (tagging ? "true" : "false"),
        std::string("output.file=") + (dir / "out.nc").string(), std::string("checkpoint.interval=0")})
    config.set(o);
  return build_case(config, "embedded:kangbashi", dir.string(), "embedded:kangbashi");
}

/// Every field (air, species, tags) of the whole state at every output time, as rank 0 sees it.
using Records = std::vector<std::vector<double>>;

RunOptions capture(Records& out, const fs::path& dir, const std::string& name) {
  RunOptions o;
  o.output = (dir / (name + ".nc")).string();
  o.on_record = [&out](const State& s, UtcTime) {
    std::vector<double> all;
    for (std::size_t f = 0; f < s.n_fields(); ++f) {
      const Array3 a = s.field(f).interior();
      all.insert(all.end(), a.data.begin(), a.data.end());
    }
    out.push_back(std::move(all));
  };
  return o;
}

/// Bitwise equality (memcmp), reporting the first differing value.
void expect_same_bits(const Records& a, const Records& b, const std::string& what) {
  ASSERT_EQ(a.size(), b.size()) << what;
  for (std::size_t r = 0; r < a.size(); ++r) {
    ASSERT_EQ(a[r].size(), b[r].size()) << what;
    if (std::memcmp(a[r].data(), b[r].data(), a[r].size() * sizeof(double)) == 0) continue;
    for (std::size_t n = 0; n < a[r].size(); ++n)
      if (std::memcmp(&a[r][n], &b[r][n], sizeof(double)) != 0) {
        ADD_FAILURE() << what << ": record " << r << ", value " << n << ": serial " << a[r][n]
                      << ", decomposed " << b[r][n];
        return;
      }
  }
}

}  // namespace

TEST(DecomposedRun, TaggedRunIsBitIdenticalToSerialForEveryLayout) {
  const fs::path dir = work_dir("tagged");
  const CaseDefinition c = kangbashi(2.0, true, dir);
  Records serial;
  double serial_gap = 0.0;
  if (world().root()) {
    serial_gap = run_case(c, capture(serial, dir, "serial")).tag_closure_gap;
    ASSERT_EQ(serial.size(), 3u) << "records at 0, 1 and 2 h";
  }
  const int n = world().size();
  // Rows split alone, and columns split too (at multiples of the chemistry's 16-cell runs: 22 columns
  // make two blocks, 16 and 6 wide).
  for (const std::string& layout :
       {std::string("auto"), "1x" + std::to_string(n), std::string("2x") + std::to_string(n / 2)}) {
    Records decomposed;
    RunOptions o = capture(decomposed, dir, "decomposed-" + layout);
    o.ranks = &world();
    o.decomposition = layout;
    const RunSummary s = run_case(c, o);
    if (!world().root()) continue;
    EXPECT_EQ(s.ranks, n);
    EXPECT_FALSE(s.apportionment.empty());
    // The tag closure diagnostic is a ratio of domain sums, added over the ranks in another order.
    EXPECT_GT(serial_gap, 0.0);
    EXPECT_NEAR(s.tag_closure_gap, serial_gap, 1e-12 + 1e-9 * serial_gap);
    expect_same_bits(serial, decomposed, "layout " + layout);
    // The file rank 0 wrote holds the same numbers as the serial run's.
    for (const char* v : {"O3", "NO2", "pm25", "PSO4"})
      EXPECT_EQ(test::read_nc_floats((dir / "serial.nc").string(), v),
                test::read_nc_floats((dir / ("decomposed-" + layout + ".nc")).string(), v))
          << v << ", layout " << layout;
  }
}

TEST(DecomposedRun, UntaggedRunIsBitIdenticalToSerial) {
  const fs::path dir = work_dir("untagged");
  const CaseDefinition c = kangbashi(1.0, false, dir);
  Records serial, decomposed;
  if (world().root()) run_case(c, capture(serial, dir, "serial"));
  RunOptions o = capture(decomposed, dir, "decomposed");
  o.ranks = &world();
  run_case(c, o);
  if (!world().root()) return;
  ASSERT_EQ(serial.size(), 2u);
  EXPECT_GT(serial.back().size(), 0u);
  expect_same_bits(serial, decomposed, "untagged");
}

TEST(DecomposedRun, CheckpointRestartsOnOtherRankCounts) {
  const fs::path dir = work_dir("restart");
  // Uninterrupted: 2 h on every rank.
  Records whole_run;
  {
    RunOptions o = capture(whole_run, dir, "whole");
    o.ranks = &world();
    run_case(kangbashi(2.0, true, dir), o);
  }
  // First hour on every rank; its final checkpoint is the restart point.
  Records first;
  RunOptions o = capture(first, dir, "first");
  o.ranks = &world();
  run_case(kangbashi(1.0, true, dir), o);
  const std::string checkpoint = (dir / "first.checkpoint.h5").string();
  // Second hour on half the ranks (one rank of two: a serial run), and on this rank alone.
  const bool in_half = world().rank() < std::max(1, world().size() / 2);
  const parallel::Communicator half = world().split(in_half ? 0 : 1);
  Records on_half, alone;
  if (in_half) {
    RunOptions r = capture(on_half, dir, "half");
    r.ranks = &half;
    r.restart = checkpoint;
    run_case(kangbashi(2.0, true, dir), r);
  }
  if (world().root()) {
    RunOptions r = capture(alone, dir, "alone");
    r.restart = checkpoint;
    run_case(kangbashi(2.0, true, dir), r);
    ASSERT_FALSE(whole_run.empty());
    ASSERT_FALSE(on_half.empty());
    expect_same_bits({whole_run.back()}, {on_half.back()},
                     "restart on " + std::to_string(half.size()) + " rank(s)");
    expect_same_bits({whole_run.back()}, {alone.back()}, "restart in a serial run");
  }
  world().barrier();
}

namespace {

/// A MetSource that counts the records it reads.
class CountingMet final : public MetSource {
 public:
  explicit CountingMet(const MetSource& inner) : inner_(inner) {}
  const std::vector<UtcTime>& times() const override { return inner_.times(); }
  MetFields read(std::size_t index) const override {
    ++reads;
    return inner_.read(index);
  }
  std::string description() const override { return inner_.description(); }
  mutable int reads = 0;

 private:
  const MetSource& inner_;
};

}  // namespace

TEST(DecomposedRun, MetRecordsAreReadOnceAndBroadcast) {
  const fs::path dir = work_dir("met_once");
  const CaseDefinition c = kangbashi(2.0, false, dir);
  const std::string file = (dir / "met.nc").string();
  if (world().root()) make_idealised_met(c, file, "test");
  world().barrier();
  const CaseMeteorology meteorology(met_files_of(c, file), c.met_format, c.grid);
  CountingMet counting(meteorology.source());
  RunOptions o;
  o.met = &counting;
  o.ranks = &world();
  o.write_files = false;
  run_case(c, o);
  // Every rank's count, seen by all: rank 0 read the records the run needed (at least the 3 hourly records
  // of 2 h, each at most once), the others none.
  std::vector<double> reads(static_cast<std::size_t>(world().size()), 0.0);
  reads[static_cast<std::size_t>(world().rank())] = counting.reads;
  world().sum_in_rank_order(reads);
  EXPECT_GE(reads[0], 3.0);
  EXPECT_LE(reads[0], static_cast<double>(counting.times().size()));
  for (std::size_t r = 1; r < reads.size(); ++r) EXPECT_EQ(reads[r], 0.0) << "rank " << r;
}
