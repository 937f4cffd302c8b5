// SPDX-License-Identifier: Apache-2.0
// The cost of source apportionment by tagging on the default Kangbashi case (cb05-core, aerosol, dry
// deposition, the inventory): the same run without tags and with the case's 8 groups (heat_plant,
// fuel_stations, traffic, dust, catering, other, boundary, initial), timed in one program on one machine,
// and the ratio next to brute force, which needs the base run plus one run per group (9 runs for 8 groups).
// A whole-run benchmark (not Google Benchmark: one run is minutes); figures in bench/README.md.
//
//   build-*/bench/bench_tagging [hours=3] [nx=64]
#include <omp.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <sstream>
#include <string>

#include "data/embedded_cases.hpp"
#include "driver/case_schema.hpp"
#include "driver/run.hpp"

using namespace airshed;

namespace {

CaseDefinition kangbashi(double hours, int n, bool tags) {
  Config config = Config::parse(embedded_case("kangbashi"), "embedded:kangbashi", case_schema());
  config.set("case.hours=" + std::to_string(hours));
  config.set("grid.nx=" + std::to_string(n));
  config.set("grid.ny=" + std::to_string(n));
  config.set(std::string("apportionment.enabled=") + (tags ? "true" : "false"));
  config.set("checkpoint.interval=0");
  return build_case(config, "embedded:kangbashi", "", "embedded:kangbashi");
}

RunSummary timed(const CaseDefinition& c, const std::string& out) {
  static std::ostringstream quiet;  // progress lines are not wanted here
  RunOptions o;
  o.progress = &quiet;
  o.output = out;
  o.write_files = true;
  return run_case(c, o);
}

}  // namespace

int main(int argc, char** argv) {
  const double hours = argc > 1 ? std::atof(argv[1]) : 3.0;
  const int n = argc > 2 ? std::atoi(argv[2]) : 64;
  const std::filesystem::path dir = std::filesystem::temp_directory_path() / "airshed-bench-tagging";
  std::filesystem::create_directories(dir);
  std::printf("Kangbashi (embedded), %d x %d x 18 cells, %.1f h, %d thread(s)\n", n, n, hours,
              omp_get_max_threads());
  // Base and tagged alternate twice and the faster of each pair counts, so a burst of other load on the
  // machine does not fall on one side only.
  RunSummary base, tagged;
  for (int repeat = 0; repeat < 2; ++repeat) {
    const RunSummary b = timed(kangbashi(hours, n, false), (dir / "base.nc").string());
    const RunSummary t = timed(kangbashi(hours, n, true), (dir / "tagged.nc").string());
    if (repeat == 0 || b.wall_seconds < base.wall_seconds) base = b;
    if (repeat == 0 || t.wall_seconds < tagged.wall_seconds) tagged = t;
  }
  std::printf("%-10s %10s %12s %14s %10s\n", "run", "fields", "wall [s]", "split steps [s]", "chemistry");
  std::printf("%-10s %10zu %12.1f %14.1f %9.1f%%\n", "base", base.field_names.size(), base.wall_seconds,
              base.step_seconds, 100.0 * base.chemistry_seconds / base.step_seconds);
  std::printf("%-10s %10s %12.1f %14.1f %9.1f%%\n", "tagged", "+tags", tagged.wall_seconds,
              tagged.step_seconds, 100.0 * tagged.chemistry_seconds / tagged.step_seconds);
  std::printf("%s\n", tagged.apportionment.c_str());
  std::printf(
      "Cost of tagging: %.2fx the base run (wall), %.2fx (split steps); brute force for 8 groups: 9 runs "
      "= 9.00x\n",
      tagged.wall_seconds / base.wall_seconds, tagged.step_seconds / base.step_seconds);
  std::filesystem::remove_all(dir);
  return 0;
}
