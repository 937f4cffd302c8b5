// SPDX-License-Identifier: Apache-2.0
// Cost of the hourly emission update of the embedded Kangbashi inventory (3 stacks, 19 areas, 14 roads on the
// 64 x 64 x 18 grid): EmissionModel::hourly_rates with plume rise, vehicle corrections and wind-blown dust,
// once per simulated hour, against the split step it feeds (seconds per hour of simulation; bench/README.md).
#include <benchmark/benchmark.h>

#include "data/embedded_cases.hpp"
#include "driver/case_schema.hpp"
#include "driver/emission_setup.hpp"
#include "met/idealised_met.hpp"

namespace {

using namespace airshed;

const CaseDefinition& kangbashi() {
  static const CaseDefinition c =
      build_case(Config::parse(embedded_case("kangbashi"), "embedded:kangbashi", case_schema()),
                 "embedded:kangbashi", "", "embedded:kangbashi");
  return c;
}

void BM_KangbashiHourlyRates(benchmark::State& state) {
  const CaseDefinition& c = kangbashi();
  const auto model = build_emission_model(c);
  // A uniform winter met record on the model grid: the cost does not depend on the values.
  MetFields met;
  const int nx = c.grid.nx(), ny = c.grid.ny(), nz = c.grid.nz();
  met.u = Array3(nx + 1, ny, nz, 4.0);
  met.v = Array3(nx, ny + 1, nz, -2.0);
  met.temperature = Array3(nx, ny, nz, 268.0);
  met.pressure = Array3(nx, ny, nz, 86000.0);
  met.humidity = Array3(nx, ny, nz, 0.001);
  met.pbl_height = Array2(nx, ny, 600.0);
  met.friction_velocity = Array2(nx, ny, 0.3);
  met.shortwave_down = Array2(nx, ny, 200.0);
  std::int64_t hour = c.start.seconds;
  std::size_t cells = 0;
  for (auto _ : state) {
    const EmissionRates r = model->hourly_rates(UtcTime{hour}, met);
    cells = r.size();
    benchmark::DoNotOptimize(r.data());
    hour += 3600;
  }
  state.counters["cell_rates"] = static_cast<double>(cells);
  state.counters["emitters"] = static_cast<double>(model->emitters().size());
}
BENCHMARK(BM_KangbashiHourlyRates)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
