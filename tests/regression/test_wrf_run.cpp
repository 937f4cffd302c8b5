// SPDX-License-Identifier: Apache-2.0
// Runs on WRF output: synthetic wrfout files (WRF's own layout, tests/unit/io/wrf_test_writer.hpp) on a
// Lambert grid with other parameters and a coarser resolution than the model grid, put onto the model grid.
// A uniform mixing ratio stays uniform over 24 h of divergent, time-varying interpolated winds (the w the
// model diagnoses from continuity makes them mass-consistent); the budget closes; the Kangbashi case runs
// with its inventory and chemistry on a WRF file covering it; a model grid outside the WRF domain and a
// missing `Times` are one-line errors.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <sstream>

#include "core/error.hpp"
#include "data/embedded_cases.hpp"
#include "driver/case_schema.hpp"
#include "driver/run.hpp"
#include "io/checkpoint.hpp"
#include "tolerances.hpp"
#include "unit/io/wrf_test_writer.hpp"

using namespace airshed;
namespace fs = std::filesystem;

namespace {

fs::path work_dir(const std::string& name) {
  fs::path d = fs::path(AIRSHED_BINARY_DIR) / "test-output" / "regression_wrf" / name;
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}

/// A WRF domain of nx x ny cells of 3 km centred on Kangbashi in a Lambert projection unlike the model's
/// (true latitudes 30/60 N, central meridian 105 E), `hours` + 1 hourly records from 2026-11-28T00. Levels
/// follow the writer's heights (100 k + 20 k^2 m at w-levels); pressure falls with a 8 km scale height;
/// winds vary in space and time and diverge.
test::WrfTestFile kangbashi_wrf(int nx, int ny, int hours) {
  test::WrfTestFile s;
  s.map_proj = 1;
  s.truelat1 = 30.0;
  s.truelat2 = 60.0;
  s.stand_lon = 105.0;
  s.moad_cen_lat = 39.6;
  s.cen_lat = 39.61;
  s.cen_lon = 109.78;
  s.dx = s.dy = 3000.0;
  s.nx = nx;
  s.ny = ny;
  s.nz = 14;
  const Projection p = test::wrf_test_projection(s);
  const ProjectedXY c = p.forward({109.78, 39.61});
  s.x_west = c.x - 0.5 * nx * s.dx;
  s.y_south = c.y - 0.5 * ny * s.dy;
  s.times.clear();
  for (int h = 0; h <= hours; ++h) {
    char t[32];
    std::snprintf(t, sizeof t, "2026-11-28_%02d:00:00", h);
    if (h >= 24) std::snprintf(t, sizeof t, "2026-11-29_%02d:00:00", h - 24);
    s.times.push_back(t);
  }
  auto mass_height = [](int k) { return 100.0 * k + 20.0 * k * k + 50.0 + 20.0 * k + 10.0; };
  s.fields["PB"] = [=](int, int k, int, int) { return 86500.0 * std::exp(-mass_height(k) / 8000.0); };
  s.fields["P"] = [](int g, int, int j, int i) { return 30.0 * std::sin(0.3 * i + 0.2 * j + 0.25 * g); };
  s.fields["T"] = [](int g, int k, int, int) { return -25.0 + 0.8 * k + 2.0 * std::sin(0.26 * g); };
  s.fields["U"] = [](int g, int k, int j, int i) {
    return 3.0 + 0.15 * i - 0.05 * j + 0.3 * k + 1.5 * std::sin(0.2 * g + 0.4 * j);
  };
  s.fields["V"] = [](int g, int k, int j, int i) {
    return -2.0 + 0.1 * j + 0.08 * i + 0.1 * k + std::cos(0.15 * g + 0.3 * i);
  };
  s.fields["QVAPOR"] = [](int, int k, int, int) { return 0.002 * std::exp(-0.2 * k); };
  s.fields["PBLH"] = [](int g, int, int, int i) { return 400.0 + 300.0 * std::sin(0.26 * g) + 5.0 * i; };
  s.fields["SWDOWN"] = [](int g, int, int, int) { return std::max(0.0, 500.0 * std::sin(0.26 * (g - 1))); };
  s.fields["HGT"] = [](int, int, int j, int i) { return 1300.0 + 5.0 * i + 3.0 * j; };
  // Base geopotential of the w-levels over that terrain: 100 k m above it (PH adds 20 k^2 m).
  s.fields["PHB"] = [](int, int k, int j, int i) { return 9.81 * (1300.0 + 5.0 * i + 3.0 * j + 100.0 * k); };
  return s;
}

std::string small_case(double hours, const std::string& met) {
  return "case:\n  name: wrfsmall\n  start: 2026-11-28T00:00:00Z\n  hours: " + std::to_string(hours) +
         "\n  utc_offset: 8\n"
         "grid:\n  centre_lon: 109.78\n  centre_lat: 39.61\n  nx: 20\n  ny: 16\n  dx: 1000\n  dy: 1000\n"
         "  layers:\n    nz: 10\n    first: 25\n    top: 2000\n"
         "meteorology:\n  file: " +
         met +
         "\n"
         "species:\n"
         "  - {name: uniform, molar_mass: 0.03, initial: 50, boundary: 50}\n"
         "  - {name: stack_tracer, molar_mass: 0.046}\n"
         "sources:\n  points:\n    - name: stack\n      lon: 109.76\n      lat: 39.62\n      height: 200\n"
         "      species: [stack_tracer]\n      rates: [30]\n"
         "output:\n  interval: 3600\ncheckpoint:\n  interval: 0\n";
}

RunSummary run(const CaseDefinition& c, const fs::path& out) {
  RunOptions o;
  o.output = out.string();
  o.history = "test";
  std::ostringstream sink;
  o.progress = &sink;
  return run_case(c, o);
}

CaseDefinition parse(const std::string& yaml, const fs::path& dir) {
  const std::string file = (dir / "case.yaml").string();
  return build_case(Config::parse(yaml, file, case_schema()), file, dir.string());
}

}  // namespace

TEST(WrfRun, UniformMixingRatioStaysUniformOnInterpolatedWinds) {
  const fs::path dir = work_dir("uniform");
  // Two files of 12 and 13 records, given by a glob.
  test::WrfTestFile a = kangbashi_wrf(12, 10, 24), b = a;
  a.times.resize(12);
  b.times.erase(b.times.begin(), b.times.begin() + 12);
  b.record_offset = 12;
  test::write_wrf_test_file((dir / "wrfout_d01_a").string(), a);
  test::write_wrf_test_file((dir / "wrfout_d01_b").string(), b);
  const RunSummary s = run(parse(small_case(24, "wrfout_d01_*"), dir), dir / "out.nc");
  EXPECT_EQ(s.end_hours, 24.0);
  EXPECT_NE(s.met_file.find("2 WRF files"), std::string::npos) << s.met_file;
  for (std::size_t f = 0; f < s.field_names.size(); ++f)
    EXPECT_LT(s.budget_closure[f], tolerances::budget_closure) << s.field_names[f];
  // Uniform mixing ratio: every cell of the final state within 1e-9 of 50 ppb (the transport carries the
  // air itself, and w from continuity keeps the air consistent with the interpolated density).
  const CheckpointData end = read_checkpoint((dir / "out.checkpoint.h5").string());
  const Array3& air = end.fields.at("air");
  const Array3& uniform = end.fields.at("species/uniform");
  double worst = 0.0;
  for (std::size_t n = 0; n < air.data.size(); ++n)
    worst = std::max(worst, std::abs(uniform.data[n] / air.data[n] / 50e-9 - 1.0));
  EXPECT_LT(worst, 1e-9);
  // The carried air stays close to the interpolated met density: density-matching vertical advection keeps it
  // at the size of one half-step's flux difference (0.5 % measured; 1.6 % with the continuity w, growing).
  EXPECT_LT(s.max_air_density_drift, 0.01);
  EXPECT_GT(s.emitted[2], 0.0);
}

TEST(WrfRun, KangbashiCaseRunsOnAWrfFileCoveringIt) {
  const fs::path dir = work_dir("kangbashi");
  test::write_wrf_test_file((dir / "wrfout_d01_2026-11-28_00:00:00").string(), kangbashi_wrf(26, 26, 2));
  Config config = Config::parse(embedded_case("kangbashi"), "embedded:kangbashi", case_schema());
  config.set("case.hours=2");
  config.set("meteorology.source=file");
  config.set("meteorology.file=" + (dir / "wrfout_d01_*").string());
  const CaseDefinition c = build_case(config, "embedded:kangbashi", dir.string(), "embedded:kangbashi");
  const RunSummary s = run(c, dir / "k.nc");
  EXPECT_EQ(s.end_hours, 2.0);
  double worst = 0.0;
  for (double r : s.budget_closure) worst = std::max(worst, r);
  EXPECT_LT(worst, tolerances::budget_closure);
  EXPECT_GT(s.emitted.at(1 + 1), 0.0);  // NO from the inventory (species 1 is NO in the case file)
}

TEST(WrfRun, ModelGridOutsideTheWrfDomainIsOneLine) {
  const fs::path dir = work_dir("outside");
  // 6 x 6 cells of 3 km: the 20 km x 16 km model grid sticks out by 1 km west and east, and 0 south/north.
  test::write_wrf_test_file((dir / "wrf.nc").string(), kangbashi_wrf(6, 8, 2));
  try {
    run(parse(small_case(2, "wrf.nc"), dir), dir / "out.nc");
    FAIL() << "no error";
  } catch (const InputError& e) {
    const std::string m = e.what();
    EXPECT_NE(m.find("wrf.nc"), std::string::npos) << m;
    EXPECT_NE(m.find("beyond its west edge"), std::string::npos) << m;
    EXPECT_NE(m.find("beyond its east edge"), std::string::npos) << m;
    EXPECT_EQ(m.find('\n'), std::string::npos) << m;
  }
  EXPECT_FALSE(fs::exists(dir / "out.nc"));
}

TEST(WrfRun, MissingTimesIsOneLine) {
  const fs::path dir = work_dir("times");
  test::WrfTestFile s = kangbashi_wrf(12, 10, 2);
  s.omit.insert("Times");
  test::write_wrf_test_file((dir / "wrf.nc").string(), s);
  try {
    run(parse(small_case(2, "wrf.nc"), dir), dir / "out.nc");
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("Times"), std::string::npos) << e.what();
  }
}

TEST(WrfRun, RealWrfOutputOverTibet) {
  // The public-domain WRF V3.3.1 sample (../shared/data/README.md): 10 x 8 cells of 30 km, 27 levels,
  // 2005-09-21 00-09 UTC, Lambert 30/35 N. A 150 km x 120 km model grid of 5 km cells on a transverse
  // Mercator projection inside it, 9 h on the real winds.
  const fs::path wrf = fs::path(AIRSHED_SOURCE_DIR) / ".." / "shared" / "data" / "wrf_d01_allvars_cropped.nc";
  if (!fs::exists(wrf)) GTEST_SKIP() << "no " << wrf;
  const fs::path dir = work_dir("real");
  const std::string yaml =
      "case:\n  name: tibet\n  start: 2005-09-21T00:00:00Z\n  hours: 9\n"
      "grid:\n  projection: transverse_mercator\n  longitude_of_central_meridian: 87\n"
      "  latitude_of_projection_origin: 30\n  centre_lon: 87.0\n  centre_lat: 30.0\n"
      "  nx: 30\n  ny: 24\n  dx: 5000\n  dy: 5000\n  layers:\n    nz: 12\n    first: 40\n    top: 5000\n"
      "meteorology:\n  file: " +
      wrf.string() +
      "\n"
      "species:\n  - {name: uniform, initial: 40, boundary: 40}\n"
      "  - {name: tracer}\n"
      "sources:\n  points:\n    - {name: stack, lon: 87.0, lat: 30.0, height: 100, species: [tracer], rates: "
      "[50]}\n"
      "output:\n  interval: 3600\ncheckpoint:\n  interval: 0\n";
  const RunSummary s = run(parse(yaml, dir), dir / "out.nc");
  EXPECT_EQ(s.end_hours, 9.0);
  for (std::size_t f = 0; f < s.field_names.size(); ++f)
    EXPECT_LT(s.budget_closure[f], tolerances::budget_closure) << s.field_names[f];
  const CheckpointData end = read_checkpoint((dir / "out.checkpoint.h5").string());
  const Array3& air = end.fields.at("air");
  const Array3& uniform = end.fields.at("species/uniform");
  double worst = 0.0;
  for (std::size_t n = 0; n < air.data.size(); ++n)
    worst = std::max(worst, std::abs(uniform.data[n] / air.data[n] / 40e-9 - 1.0));
  EXPECT_LT(worst, 1e-9);
  // Density matching: 0.26 % at the end (5.0 % with the continuity w on these steep-terrain winds).
  EXPECT_LT(s.max_air_density_drift, 0.01);
  // Some of the stack's tracer has left through the open boundaries or is still inside: emitted >= in domain.
  EXPECT_GT(s.domain_now[2], 0.0);
  EXPECT_LE(s.domain_now[2], s.emitted[2] * (1 + 1e-12));
}
