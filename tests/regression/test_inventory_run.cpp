// SPDX-License-Identifier: Apache-2.0
// A run driven by an emission inventory read from files (stack, area, road, construction site): the mass the
// transport counts as emitted equals, species by species, the hourly rates of the emission model integrated
// over the run's UTC hours (the steps never straddle an hour, also when the run starts and ends mid-hour);
// the budget closes; a restarted run is bit-identical; a bad inventory row fails before anything is written.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/error.hpp"
#include "driver/case_schema.hpp"
#include "driver/emission_setup.hpp"
#include "driver/run.hpp"
#include "io/cf_met_reader.hpp"
#include "io/checkpoint.hpp"
#include "met/met_interpolator.hpp"
#include "tolerances.hpp"

using namespace airshed;
namespace fs = std::filesystem;

namespace {

fs::path work_dir(const std::string& name) {
  fs::path d = fs::path(AIRSHED_BINARY_DIR) / "test-output" / "regression_inventory" / name;
  fs::remove_all(d);
  fs::create_directories(d / "inv");
  return d;
}

void write(const fs::path& p, const std::string& text) {
  std::ofstream(p) << text;
}

/// A small inventory around Kangbashi: a stack with plume rise, a catering rectangle, a road, a construction
/// site; NOx into inert NO/NO2, PM into FINE/COARSE.
void write_inventory(const fs::path& dir, const std::string& stack_nox = "120") {
  write(dir / "points.csv",
        "id,name,category,lon[degrees_east],lat[degrees_north],stack_height[m],diameter[m],"
        "exit_velocity[m/s],exit_temperature[degC],NOx[kg/h],PM2.5[kg/h],PM10[kg/h],temporal_profile,"
        "speciation_profile\n"
        "chp,Plant,heat_plant,109.76,39.62,150,5,15,50," +
            stack_nox + ",5,8,plant,combustion\n");
  write(
      dir / "areas.csv",
      "id,name,category,kind,lon[degrees_east],lat[degrees_north],size_x[m],size_y[m],NOx[t/yr],PM2.5[t/yr],"
      "PM10[t/yr],active_fraction,control_efficiency,temporal_profile,speciation_profile\n"
      "food,Catering,catering,inventory,109.78,39.61,3000,2500,2,40,50,,,meals,combustion\n"
      "site,Site,dust,construction,109.79,39.60,400,300,,,,0.5,0.3,,soil\n");
  write(dir / "roads.csv",
        "id,name,category,geometry,aadt[veh/d],fleet,silt_loading[g/m2],dust_control_efficiency,"
        "temporal_profile,speciation_profile,dust_speciation_profile\n"
        "ave,Avenue,vehicle,\"LINESTRING(109.73 39.59, 109.78 39.61, 109.84 39.63)\",30000,city,0.06,0.2,"
        "meals,combustion,soil\n");
  write(dir / "fleets.csv", "fleet,vehicle_class,share\ncity,car,0.9\ncity,truck,0.1\n");
  write(dir / "vehicle_classes.csv",
        "id,fuel,mass[t],NOx[g/km],PM2.5[g/km],PM10[g/km]\n"
        "car,gasoline,1.4,0.04,0.002,0.002\ntruck,diesel,15,4,0.08,0.08\n");
  write(dir / "profiles.yaml",
        "profiles:\n"
        "  - id: plant\n    heating_season: {start: \"10-15\", end: \"04-15\", in: 1.0, out: 0.5}\n"
        "  - id: meals\n    hourly: [1, 1, 1, 1, 1, 1, 2, 3, 3, 2, 2, 4, 5, 4, 2, 2, 2, 3, 5, 5, 3, 2, 1, "
        "1]\n");
  write(dir / "speciation.yaml",
        "profiles:\n"
        "  - id: combustion\n    NOx: {NO: 0.9, NO2: 0.1}\n    PM2.5: {FINE: 1}\n    PMcoarse: {COARSE: 1}\n"
        "  - id: soil\n    PM2.5: {FINE: 1}\n    PMcoarse: {COARSE: 1}\n");
}

std::string case_yaml(double hours, const std::string& start = "2026-11-28T00:30:00Z") {
  return "case:\n  name: inv\n  start: " + start + "\n  hours: " + std::to_string(hours) +
         "\n  utc_offset: 8\n"
         "grid:\n  centre_lon: 109.78\n  centre_lat: 39.61\n  nx: 16\n  ny: 12\n  dx: 1000\n  dy: 1000\n"
         "  layers:\n    nz: 10\n    first: 25\n    top: 2000\n"
         "meteorology:\n  source: idealised\n  wind_speed_10m: 4\n  wind_from_direction: 300\n"
         "species:\n"
         "  - {name: NO, molar_mass: 0.030006}\n"
         "  - {name: NO2, molar_mass: 0.046006, initial: 2, boundary: 3}\n"
         "  - {name: FINE, phase: aerosol, initial: 5, boundary: 5}\n"
         "  - {name: COARSE, phase: aerosol, pm25: false}\n"
         "emissions:\n  points: [inv/points.csv]\n  areas: [inv/areas.csv]\n  roads: [inv/roads.csv]\n"
         "  fleets: inv/fleets.csv\n  vehicle_classes: inv/vehicle_classes.csv\n"
         "  temporal_profiles: inv/profiles.yaml\n  speciation: inv/speciation.yaml\n"
         "output:\n  interval: 3600\ncheckpoint:\n  interval: 0\n";
}

CaseDefinition make_case(const fs::path& dir, double hours) {
  const std::string file = (dir / "case.yaml").string();
  return build_case(Config::parse(case_yaml(hours), file, case_schema()), file, dir.string());
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

}  // namespace

TEST(InventoryRun, EmittedMassIsTheHourlyRatesOverTheRunsHours) {
  const fs::path dir = work_dir("budget");
  write_inventory(dir / "inv");
  const CaseDefinition c = make_case(dir, 3.5);  // 00:30 to 04:00 UTC: a half hour, then three whole hours
  const RunSummary s = run(c, dir / "out.nc");
  for (std::size_t f = 0; f < s.field_names.size(); ++f)
    EXPECT_LT(s.budget_closure[f], tolerances::budget_closure_short_run) << s.field_names[f];

  // Independently: the model's rates of each UTC hour (met at the hour's middle, clamped to the run) times
  // the part of the hour inside the run.
  const auto model = build_emission_model(c);
  ASSERT_TRUE(model);
  const CfMetReader met_source(s.met_file, c.grid);
  MetInterpolator met(met_source, c.grid, c.start, c.kz);
  std::vector<double> expected(c.species.size(), 0.0);
  const double offsets[] = {-1800.0, 1800.0, 5400.0, 9000.0};  // hour starts relative to the run start
  for (double h0 : offsets) {
    const double from = std::max(h0, 0.0), to = std::min(h0 + 3600.0, c.end_time());
    const double mid = std::clamp(h0 + 1800.0, 0.0, c.end_time());
    const UtcTime hour{c.start.seconds + static_cast<std::int64_t>(h0)};
    for (const CellEmission& e : model->hourly_rates(hour, met.at(mid).fields))
      expected[e.species] += e.rate * (to - from);
  }
  for (std::size_t sp = 0; sp < c.species.size(); ++sp) {
    SCOPED_TRACE(c.species[sp].species.name);
    ASSERT_GT(expected[sp], 0.0);
    EXPECT_NEAR(s.emitted[sp + 1] / expected[sp], 1.0, 1e-12);
  }
  // The stack's NOx goes in as NO/NO2 moles: 0.9 + 0.1 of 120 kg/h / 46.006 g/mol plus the other sources;
  // at least the stack's share must be there.
  EXPECT_GT(s.emitted[1] + s.emitted[2], 0.8 * 3.5 * 120.0 / 0.046006);
}

TEST(InventoryRun, RestartWithInventoryIsBitIdentical) {
  const fs::path dir = work_dir("restart");
  write_inventory(dir / "inv");
  run(make_case(dir, 4), dir / "full.nc");
  run(make_case(dir, 1.5), dir / "first.nc");  // ends on the 02:00 UTC emission-hour boundary
  run(make_case(dir, 4), dir / "second.nc", (dir / "first.checkpoint.h5").string());
  const CheckpointData full = read_checkpoint((dir / "full.checkpoint.h5").string());
  const CheckpointData restarted = read_checkpoint((dir / "second.checkpoint.h5").string());
  for (const auto& [name, field] : full.fields) {
    const Array3& other = restarted.fields.at(name);
    EXPECT_TRUE(field.size() == other.size() &&
                std::equal(field.data.begin(), field.data.end(), other.data.begin()))
        << name << " differs after restart";
  }
  for (const auto& [name, value] : full.reals)
    if (name.rfind("budget.emitted.", 0) == 0) EXPECT_EQ(value, restarted.reals.at(name)) << name;
}

TEST(InventoryRun, BadInventoryRowFailsBeforeAnythingIsWritten) {
  const fs::path dir = work_dir("bad");
  write_inventory(dir / "inv", "-3");
  try {
    run(make_case(dir, 2), dir / "out.nc");
    FAIL() << "no error";
  } catch (const InputError& e) {
    const std::string m = e.what();
    EXPECT_NE(m.find("points.csv:2"), std::string::npos) << m;
    EXPECT_NE(m.find("NOx[kg/h]"), std::string::npos) << m;
  }
  for (const auto& e : fs::directory_iterator(dir)) EXPECT_TRUE(e.path().filename() == "inv") << e.path();
}
