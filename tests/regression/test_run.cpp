// SPDX-License-Identifier: Apache-2.0
// End-to-end invariants of a run (DESIGN.md "Invariance tests are first-class"): the budget closes, a run
// restarted from a checkpoint equals an uninterrupted one bit for bit, and the thread count does not
// change a single bit.
#include <gtest/gtest.h>
#include <netcdf.h>
#include <omp.h>

#include <cstring>
#include <filesystem>
#include <sstream>

#include "driver/case_schema.hpp"
#include "driver/run.hpp"
#include "io/checkpoint.hpp"
#include "small_case.hpp"
#include "tolerances.hpp"

using namespace airshed;
namespace fs = std::filesystem;

namespace {

fs::path work_dir(const std::string& name) {
  fs::path d = fs::path(AIRSHED_BINARY_DIR) / "test-output" / "regression_run" / name;
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}

CaseDefinition small_case(double hours) {
  return build_case(Config::parse(test::small_case_yaml(hours), "small.yaml", case_schema()), "small.yaml",
                    "");
}

RunSummary run(const CaseDefinition& c, const fs::path& out, const std::string& restart = "") {
  RunOptions o;
  o.output = out.string();
  o.restart = restart;
  o.history = "test";
  std::ostringstream sink;
  o.progress = &sink;
  return run_case(c, o);
}

/// All values of variable `name` in record `rec` as floats.
std::vector<float> record(const fs::path& file, const std::string& name, std::size_t rec) {
  int nc, var, ndims, dims[NC_MAX_VAR_DIMS];
  EXPECT_EQ(nc_open(file.c_str(), NC_NOWRITE, &nc), NC_NOERR) << file;
  EXPECT_EQ(nc_inq_varid(nc, name.c_str(), &var), NC_NOERR) << name;
  nc_inq_varndims(nc, var, &ndims);
  nc_inq_vardimid(nc, var, dims);
  std::size_t start[4] = {rec, 0, 0, 0}, count[4] = {1, 0, 0, 0};
  std::size_t n = 1;
  for (int d = 1; d < ndims; ++d) {
    nc_inq_dimlen(nc, dims[d], &count[d]);
    n *= count[d];
  }
  std::vector<float> v(n);
  EXPECT_EQ(nc_get_vara_float(nc, var, start, count, v.data()), NC_NOERR);
  nc_close(nc);
  return v;
}

std::size_t records(const fs::path& file) {
  int nc, dim;
  std::size_t n = 0;
  nc_open(file.c_str(), NC_NOWRITE, &nc);
  nc_inq_dimid(nc, "time", &dim);
  nc_inq_dimlen(nc, dim, &n);
  nc_close(nc);
  return n;
}

bool bitwise_equal(const Array3& a, const Array3& b) {
  return a.size() == b.size() && std::memcmp(a.data.data(), b.data.data(), a.size() * sizeof(double)) == 0;
}

}  // namespace

TEST(Run, BudgetClosesAndOutputIsComplete) {
  const fs::path dir = work_dir("budget");
  const RunSummary s = run(small_case(6), dir / "out.nc");
  EXPECT_EQ(records(dir / "out.nc"), 7u) << "initial state plus 6 hourly records";
  EXPECT_TRUE(fs::exists(dir / "out.checkpoint.h5"));
  EXPECT_TRUE(fs::exists(dir / "out-met.nc"));
  for (std::size_t f = 0; f < s.field_names.size(); ++f)
    EXPECT_LT(s.budget_closure[f], tolerances::budget_closure) << s.field_names[f];
  // The stack emits only stack_tracer and pm; stack_tracer has no initial or boundary value, so everything
  // in the domain came from the stack: emitted - outflow = in the domain.
  EXPECT_GT(s.emitted[2], 0.0);
  EXPECT_GT(s.domain_now[2], 0.0);
  EXPECT_LE(s.domain_now[2], s.emitted[2] * (1 + 1e-12));
  // The carried air density stays near the met density (continuity-consistent w; splitting error only).
  EXPECT_LT(s.max_air_density_drift, 0.01);
  // No file is left behind under a temporary name.
  for (const auto& e : fs::directory_iterator(dir))
    EXPECT_EQ(e.path().filename().string().find(".partial"), std::string::npos) << e.path();
}

TEST(Run, RestartIsBitIdenticalToAnUninterruptedRun) {
  const fs::path dir = work_dir("restart");
  // Issue 2's acceptance test: a 24 h run equals a 12 h run plus a restarted 12 h run, bit for bit.
  run(small_case(24), dir / "full.nc");
  run(small_case(12), dir / "first.nc");
  run(small_case(24), dir / "second.nc", (dir / "first.checkpoint.h5").string());
  const CheckpointData full = read_checkpoint((dir / "full.checkpoint.h5").string());
  const CheckpointData restarted = read_checkpoint((dir / "second.checkpoint.h5").string());
  ASSERT_EQ(full.fields.size(), restarted.fields.size());
  for (const auto& [name, field] : full.fields)
    EXPECT_TRUE(bitwise_equal(field, restarted.fields.at(name))) << name << " differs after restart";
  EXPECT_EQ(full.reals.at("time"), restarted.reals.at("time"));
  EXPECT_EQ(full.integers.at("step"), restarted.integers.at("step"));
  // The restarted file holds hours 13 to 24; they equal records 13 to 24 of the full run.
  ASSERT_EQ(records(dir / "second.nc"), 12u);
  for (const std::string var : {"co", "stack_tracer", "pm"})
    for (std::size_t h = 13; h <= 24; ++h)
      EXPECT_EQ(record(dir / "full.nc", var, h), record(dir / "second.nc", var, h - 13))
          << var << " hour " << h;
}

TEST(Run, ThreadCountDoesNotChangeABit) {
  const fs::path dir = work_dir("threads");
  const int saved = omp_get_max_threads();
  omp_set_num_threads(1);
  run(small_case(2), dir / "one.nc");
  omp_set_num_threads(2);
  run(small_case(2), dir / "two.nc");
  omp_set_num_threads(saved);
  const CheckpointData a = read_checkpoint((dir / "one.checkpoint.h5").string());
  const CheckpointData b = read_checkpoint((dir / "two.checkpoint.h5").string());
  for (const auto& [name, field] : a.fields) EXPECT_TRUE(bitwise_equal(field, b.fields.at(name))) << name;
}
