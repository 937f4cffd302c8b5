// SPDX-License-Identifier: Apache-2.0
// The forecast workflow end to end on a small Kangbashi day (issue 7 verification): the bulletin JSON,
// Markdown, AQI file and (with the system Python) the HTML are written; the JSON's hourly series and daily
// PM2.5 agree with the NetCDF output over the built-up area; the 24-h AQI of the last window equals the day's
// AQI; the rolling AQI by hand for a constant series.
#include <gtest/gtest.h>
#include <netcdf.h>
#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "data/embedded_cases.hpp"
#include "driver/case_schema.hpp"
#include "scenarios/forecast.hpp"
#include "tagging/tag_groups.hpp"

using namespace airshed;
using namespace airshed::scenarios;
namespace fs = std::filesystem;

TEST(Forecast, RollingAqiOfAConstantSeries) {
  StationHours h;
  h.first_hour = days_from_civil(2025, 1, 10) * 24;  // local
  h.hours = 30;
  for (auto& v : h.values) v.assign(30, std::numeric_limits<double>::quiet_NaN());
  h.values[static_cast<std::size_t>(Pollutant::pm25)].assign(30, 100.0);
  const std::vector<AqiHour> r = rolling_daily_aqi(h, 8.0);
  ASSERT_EQ(r.size(), 7u);  // windows ending at hours 24 .. 30
  for (const AqiHour& a : r) {
    EXPECT_DOUBLE_EQ(a.aqi_24h, 132.0);  // 100 ug m-3: 100 + 25/40 x 50 = 131.25 -> 132 (HJ 633-2012)
    ASSERT_EQ(a.primary.size(), 1u);
    EXPECT_EQ(a.primary[0], "PM2.5_24h");
  }
  // The first window ends at local midnight of 2025-01-11 = 16:00 UTC on the 10th.
  EXPECT_EQ(r[0].time.seconds, days_from_civil(2025, 1, 10) * 86400 + 16 * 3600);
}

TEST(Forecast, BulletinIsWrittenAndAgreesWithTheOutput) {
  const fs::path dir = fs::path(AIRSHED_BINARY_DIR) / "test-output" / "scenarios_forecast";
  fs::remove_all(dir);
  fs::create_directories(dir);
  Config config = Config::parse(embedded_case("kangbashi"), "embedded:kangbashi", case_schema());
  for (const char* o : {"case.start=2026-11-27T16:00:00Z", "case.hours=24", "grid.nx=20", "grid.ny=20",
                        "grid.dx=2000", "grid.dy=2000", "grid.layers.nz=6", "checkpoint.interval=0"})
    config.set(o);
  const CaseDefinition c = build_case(config, "embedded:kangbashi", dir.string(), "embedded:kangbashi");
  ForecastRequest req;
  req.output = (dir / "fc.nc").string();
  req.options.push_back(parse_scenario("orange.yaml", embedded_file("kangbashi/scenarios/orange.yaml")));
  req.tools_dir = std::string(AIRSHED_SOURCE_DIR) + "/tools";
  const ForecastResult r = run_forecast(c, req);
  EXPECT_EQ(r.site, "built_up");
  for (const std::string& f : {r.json_file, r.markdown_file, r.aqi_file, r.output_file})
    EXPECT_TRUE(fs::exists(f)) << f;
  if (!r.html_file.empty()) EXPECT_GT(fs::file_size(r.html_file), 10000u);

  const YAML::Node j = YAML::LoadFile(r.json_file);
  EXPECT_EQ(j["site"].as<std::string>(), "built_up");
  EXPECT_EQ(j["warning"]["level"].as<std::string>(), to_string(r.warning.highest));
  const YAML::Node pm = j["hourly"]["pm25"];
  ASSERT_EQ(pm.size(), 24u);

  // The area mean of the surface pm25 in the NetCDF output, hour by hour.
  int nc = 0, var = 0;
  ASSERT_EQ(nc_open(r.output_file.c_str(), NC_NOWRITE, &nc), NC_NOERR);
  ASSERT_EQ(nc_inq_varid(nc, "pm25", &var), NC_NOERR);
  const Array2 mask = TagGroups(c.grid, {}, c.apportionment.regions, {}, "test").region_mask("built_up");
  const std::size_t nx = 20, ny = 20;
  for (std::size_t t = 1; t <= 24; ++t) {
    std::vector<float> field(nx * ny);
    const std::size_t start[4] = {t, 0, 0, 0}, count[4] = {1, 1, ny, nx};
    ASSERT_EQ(nc_get_vara_float(nc, var, start, count, field.data()), NC_NOERR);
    double sum = 0.0, n = 0.0;
    for (std::size_t jy = 0; jy < ny; ++jy)
      for (std::size_t ix = 0; ix < nx; ++ix)
        if (mask(static_cast<int>(ix), static_cast<int>(jy)) > 0.5) {
          sum += field[jy * nx + ix];
          n += 1.0;
        }
    EXPECT_NEAR(pm[t - 1].as<double>(), sum / n, 2e-3) << "hour " << t;  // JSON 3 decimals, file float
  }
  nc_close(nc);
  // One complete local day; its 24-h AQI is the last rolling window's.
  ASSERT_EQ(j["days"].size(), 1u);
  EXPECT_TRUE(j["days"][0]["complete"].as<bool>());
  EXPECT_EQ(j["days"][0]["aqi"].as<double>(), j["hourly"]["aqi_24h"][23].as<double>());
  double mean = 0.0;
  for (std::size_t t = 0; t < 24; ++t) mean += pm[t].as<double>() / 24.0;
  EXPECT_NEAR(j["days"][0]["pm25_24h"].as<double>(), mean, 2e-3);
  ASSERT_EQ(j["options"].size(), 1u);
  EXPECT_EQ(j["options"][0]["name"].as<std::string>(), "orange");
  EXPECT_GT(j["top_sources"].size(), 0u);
}
