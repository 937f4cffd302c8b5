// SPDX-License-Identifier: Apache-2.0
// WrfMetReader and the met file list helpers: synthetic wrfout files (wrf_test_writer.hpp) of each supported
// projection with hand-computed expectations, bad files that must fail with one line naming file and
// variable, and the real WRF V3.3.1 sample in shared/data.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "io/met_files.hpp"
#include "io/wrf_met_reader.hpp"
#include "io_test_support.hpp"
#include "wrf_test_writer.hpp"

namespace airshed {
namespace {

using test::WrfTestFile;

/// The running test's scratch directory, emptied on the first call of each test only (test::scratch_dir
/// empties it on every call).
std::filesystem::path test_dir() {
  static std::string current;
  static std::filesystem::path dir;
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  const std::string name = std::string(info->test_suite_name()) + "." + info->name();
  if (name != current) {
    current = name;
    dir = test::scratch_dir();
  }
  return dir;
}

std::string write(const WrfTestFile& spec, const std::string& name = "wrfout_d01.nc") {
  const std::string path = (test_dir() / name).string();
  test::write_wrf_test_file(path, spec);
  return path;
}

/// The one-line message of the InputError `action` throws; fails the test if it throws nothing.
template <class Action>
std::string message_of(Action action) {
  try {
    action();
  } catch (const InputError& e) {
    const std::string message = e.what();
    EXPECT_EQ(message.find('\n'), std::string::npos) << message;
    return message;
  }
  ADD_FAILURE() << "no InputError";
  return {};
}

void expect_contains(const std::string& message, const std::string& part) {
  EXPECT_NE(message.find(part), std::string::npos) << "'" << part << "' not in: " << message;
}

/// Every cell of the reader's grid lies on the XLAT/XLONG the writer put there (well within a metre).
void expect_placement(const WrfMetReader& reader, const WrfTestFile& spec) {
  const Grid& g = reader.grid();
  ASSERT_EQ(g.nx(), spec.nx);
  ASSERT_EQ(g.ny(), spec.ny);
  EXPECT_DOUBLE_EQ(g.dx(), spec.dx);
  EXPECT_DOUBLE_EQ(g.dy(), spec.dy);
  EXPECT_NEAR(g.x_west(), spec.x_west, 1.0);
  EXPECT_NEAR(g.y_south(), spec.y_south, 1.0);
  EXPECT_EQ(g.projection().semi_major_axis, 6370000.0);
  EXPECT_EQ(g.projection().inverse_flattening, 0.0);
}

// ---------------------------------------------------------------------------------------------------------
// Lambert conformal (MAP_PROJ 1)

TEST(WrfMetReader, LambertDerivationsWithHandValues) {
  WrfTestFile spec;
  spec.alpha_deg = 30.0;
  spec.fields["CLDFRA"] = [](int, int k, int, int i) {
    // column i = 0: adjacent layers 0.4, 0.5 (maximum overlap: 0.5); i = 1: 0.4 and 0.5 separated by a clear
    // layer (random: 1 - 0.6 * 0.5 = 0.7); other columns clear.
    static const double adjacent[] = {0.4, 0.5, 0.0}, separated[] = {0.4, 0.0, 0.5};
    return i == 0 ? adjacent[k] : i == 1 ? separated[k] : 0.0;
  };
  const std::string path = write(spec);
  const WrfMetReader reader({path});
  EXPECT_EQ(reader.grid().projection().kind, Projection::Kind::lambert_conformal_conic);
  EXPECT_EQ(reader.grid().projection().standard_parallel_1, 30.0);
  EXPECT_EQ(reader.grid().projection().standard_parallel_2, 60.0);
  EXPECT_EQ(reader.grid().projection().longitude_of_central_meridian, -98.0);
  EXPECT_EQ(reader.grid().projection().latitude_of_projection_origin, 40.0);
  expect_placement(reader, spec);
  ASSERT_EQ(reader.times().size(), 2u);
  EXPECT_EQ(format_utc(reader.times()[1]), "2021-07-01T01:00:00Z");
  EXPECT_EQ(reader.description(), path);
  // The vertical layers of the grid: mean w-level heights above ground, 100 k + 20 k^2.
  ASSERT_EQ(reader.grid().nz(), 3);
  EXPECT_NEAR(reader.grid().layers().interface(3), 480.0, 1e-3);

  const NativeMetRecord r = reader.read(0);
  const MetRecord& m = r.fields;
  // Cell (1, 0, 0): U faces 5 + 1 and 5 + 2 → 6.5; V faces -3 and -1 → -2 (grid-relative). With alpha = 30°
  // (wrf-python uvmet): u = 6.5 cos 30 - (-2) sin 30 = 6.629165, v = -2 cos 30 + 6.5 sin 30 = 1.517949.
  EXPECT_NEAR(m.eastward_wind(1, 0, 0), 6.629165, 1e-5);
  EXPECT_NEAR(m.northward_wind(1, 0, 0), 1.517949, 1e-5);
  // Cell (2, 1, 2): u_grid = 5 + 2.5 + 20 = 27.5, v_grid = -3 + 3 + 2 = 2.
  EXPECT_NEAR(m.eastward_wind(2, 1, 2), 27.5 * std::sqrt(0.75) - 2.0 * 0.5, 1e-4);
  EXPECT_NEAR(m.northward_wind(2, 1, 2), 2.0 * std::sqrt(0.75) + 27.5 * 0.5, 1e-4);
  // W = 0.01 k on w-levels → 0.005 and 0.025 at mass levels 0 and 2.
  EXPECT_NEAR(m.upward_air_velocity(3, 2, 0), 0.005, 1e-7);
  EXPECT_NEAR(m.upward_air_velocity(3, 2, 2), 0.025, 1e-7);
  // p = P + PB = 85000 Pa, theta = 305 K: T = 305 (0.85)^(287/1004.5) = 291.161413 K; level 1: p = 79900 Pa,
  // theta = 306 K → 286.997193 K.
  EXPECT_NEAR(m.air_pressure(0, 0, 0), 85000.0, 1e-6);
  EXPECT_NEAR(m.air_temperature(0, 0, 0), 291.161413, 1e-4);
  EXPECT_NEAR(m.air_temperature(3, 2, 1), 286.997193, 1e-4);
  EXPECT_NEAR(m.humidity_mixing_ratio(0, 0, 2), 0.006, 1e-8);
  // Heights: w-levels 0, 120, 280, 480 m above ground (HGT cancels) → mass levels 60, 200, 380 m.
  EXPECT_NEAR(r.height(0, 0, 0), 60.0, 1e-3);
  EXPECT_NEAR(r.height(3, 1, 1), 200.0, 1e-3);
  EXPECT_NEAR(r.height(2, 2, 2), 380.0, 1e-3);
  EXPECT_NEAR(m.pbl_height(3, 0), 803.0, 1e-4);
  EXPECT_NEAR(m.friction_velocity(0, 0), 0.3, 1e-7);
  EXPECT_NEAR(m.sensible_heat_flux(0, 2), 48.0, 1e-5);
  EXPECT_NEAR(m.shortwave_down(0, 0), 400.0, 1e-4);
  EXPECT_NEAR(r.roughness_length(1, 1), 0.1, 1e-7);
  EXPECT_NEAR(r.cloud_fraction(0, 0), 0.5, 1e-7);
  EXPECT_NEAR(r.cloud_fraction(1, 0), 0.7, 1e-7);
  EXPECT_NEAR(r.cloud_fraction(2, 0), 0.0, 1e-12);
  EXPECT_TRUE(m.kz.empty());
  // Accumulated 3 g + 0.5 i mm per hour: 3 mm h-1 = 8.3333e-4 kg m-2 s-1 (record 0 uses the first interval).
  ASSERT_FALSE(r.precipitation_rate.empty());
  EXPECT_NEAR(r.precipitation_rate(2, 1), 3.0 / 3600.0, 1e-9);
  EXPECT_NEAR(reader.read(1).fields.eastward_wind(1, 0, 0) - m.eastward_wind(1, 0, 0), std::sqrt(0.75), 1e-5);
}

TEST(WrfMetReader, InvariantsWithoutTimeAndOptionalFieldsAbsent) {
  WrfTestFile spec;
  spec.invariants_with_time = false;
  spec.times = {"2021-07-01_00:00:00"};
  spec.omit = {"W", "HFX", "ZNT", "CLDFRA", "RAINC", "RAINNC"};
  const WrfMetReader reader({write(spec)});
  expect_placement(reader, spec);
  const NativeMetRecord r = reader.read(0);
  EXPECT_TRUE(r.fields.upward_air_velocity.empty());
  EXPECT_TRUE(r.fields.sensible_heat_flux.empty());
  EXPECT_TRUE(r.roughness_length.empty());
  EXPECT_TRUE(r.cloud_fraction.empty());
  EXPECT_TRUE(r.precipitation_rate.empty());
  EXPECT_EQ(r.height.n2, 3);
}

// ---------------------------------------------------------------------------------------------------------
// Polar stereographic (MAP_PROJ 2) and Mercator (MAP_PROJ 3)

TEST(WrfMetReader, PolarStereographicPlacementAndRotationFromProjection) {
  WrfTestFile spec;
  spec.map_proj = 2;
  spec.truelat1 = 60.0;
  spec.stand_lon = -150.0;
  spec.dx = spec.dy = 10000.0;
  // Cell (1, 0)'s centre at (x, y) = (D, -D), D = 2000 km: 45° east of STAND_LON on the pole's grid.
  const double d = 2.0e6;
  spec.x_west = d - 1.5 * spec.dx;
  spec.y_south = -d - 0.5 * spec.dy;
  spec.omit = {"COSALPHA", "SINALPHA"};
  const WrfMetReader reader({write(spec)});
  EXPECT_EQ(reader.grid().projection().kind, Projection::Kind::polar_stereographic);
  EXPECT_EQ(reader.grid().projection().latitude_of_projection_origin, 90.0);
  expect_placement(reader, spec);
  // Hand values: lon = -150 + 45; rho = D sqrt 2 = R cos(lat) (1 + sin 60)/(1 + sin lat) → lat = 63.230619.
  const LonLat centre = reader.grid().lonlat_centre(1, 0);
  EXPECT_NEAR(centre.lon, -105.0, 1e-4);
  EXPECT_NEAR(centre.lat, 63.230619, 1e-4);
  // Without COSALPHA/SINALPHA the rotation comes from the projection: alpha = -45° there, so grid (6.5, -2)
  // becomes u = (6.5 - 2)/sqrt 2 = 3.181981, v = (-2 - 6.5)/sqrt 2 = -6.010408.
  const MetRecord m = reader.read(0).fields;
  EXPECT_NEAR(m.eastward_wind(1, 0, 0), 3.181981, 1e-5);
  EXPECT_NEAR(m.northward_wind(1, 0, 0), -6.010408, 1e-5);
}

TEST(WrfMetReader, SouthPolarStereographic) {
  WrfTestFile spec;
  spec.map_proj = 2;
  spec.truelat1 = -71.0;
  spec.stand_lon = 0.0;
  spec.x_west = 500000.0;
  spec.y_south = 800000.0;
  const WrfMetReader reader({write(spec)});
  EXPECT_EQ(reader.grid().projection().latitude_of_projection_origin, -90.0);
  expect_placement(reader, spec);
  EXPECT_LT(reader.grid().lonlat_centre(0, 0).lat, -60.0);
}

TEST(WrfMetReader, MercatorPlacementAndNoRotation) {
  WrfTestFile spec;
  spec.map_proj = 3;
  spec.truelat1 = 20.0;
  spec.cen_lon = 100.0;
  spec.x_west = 0.0;
  spec.y_south = 2.0e6;
  const WrfMetReader reader({write(spec)});
  EXPECT_EQ(reader.grid().projection().kind, Projection::Kind::mercator);
  expect_placement(reader, spec);
  // Cell (0, 0)'s centre x = 6000 m: lon = 100 + 6000 / (R cos 20°) in degrees = 100.057431.
  EXPECT_NEAR(reader.grid().lonlat_centre(0, 0).lon, 100.057431, 1e-5);
  // Mercator grid axes are east and north: winds pass unrotated.
  const MetRecord m = reader.read(0).fields;
  EXPECT_NEAR(m.eastward_wind(1, 0, 0), 6.5, 1e-5);
  EXPECT_NEAR(m.northward_wind(1, 0, 0), -2.0, 1e-5);
}

// ---------------------------------------------------------------------------------------------------------
// Series of files, precipitation

WrfTestFile series_part(std::vector<std::string> times, int record_offset) {
  WrfTestFile spec;
  spec.times = std::move(times);
  spec.record_offset = record_offset;
  // Accumulated g^2 mm in total: the rate over the interval ending at g is (2 g - 1) mm h-1.
  spec.fields["RAINC"] = [](int g, int, int, int) { return 0.25 * g * g; };
  spec.fields["RAINNC"] = [](int g, int, int, int) { return 0.75 * g * g; };
  return spec;
}

TEST(WrfMetReader, TwoFileSeriesTimesAndPrecipitationAcrossTheBoundary) {
  const std::string a =
      write(series_part({"2021-07-01_00:00:00", "2021-07-01_01:00:00", "2021-07-01_02:00:00"}, 0), "a.nc");
  const std::string b = write(series_part({"2021-07-01_03:00:00", "2021-07-01_04:00:00"}, 3), "b.nc");
  const WrfMetReader reader({b, a});  // given out of order: the series is ordered by time
  ASSERT_EQ(reader.times().size(), 5u);
  for (std::size_t n = 0; n < 5; ++n)
    EXPECT_EQ(reader.times()[n].seconds, parse_utc("2021-07-01T00:00:00Z").seconds + 3600 * std::int64_t(n));
  EXPECT_EQ(reader.description(), a + ", " + b);
  const double hour = 3600.0;
  EXPECT_NEAR(reader.read(0).precipitation_rate(0, 0), 1.0 / hour, 1e-10);  // first interval
  EXPECT_NEAR(reader.read(1).precipitation_rate(0, 0), 1.0 / hour, 1e-10);
  EXPECT_NEAR(reader.read(2).precipitation_rate(3, 2), 3.0 / hour, 1e-10);
  EXPECT_NEAR(reader.read(3).precipitation_rate(1, 1), 5.0 / hour, 1e-10);  // 9 mm in b.nc - 4 mm in a.nc
  EXPECT_NEAR(reader.read(4).precipitation_rate(0, 0), 7.0 / hour, 1e-10);
  // Record 4 comes from b.nc: its U carries g = 4.
  EXPECT_NEAR(reader.read(4).fields.eastward_wind(0, 0, 0) - reader.read(0).fields.eastward_wind(0, 0, 0),
              4.0 * std::cos(-reader.grid().projection().grid_rotation(reader.grid().lonlat_centre(0, 0))),
              1e-3);
}

TEST(WrfMetReader, BucketCountersKeepTheAccumulationGoing) {
  WrfTestFile spec;
  spec.bucket_mm = 100.0;
  // RAINC 90 mm, then 5 mm after one bucket of 100 mm was emptied: 15 mm fell in the hour.
  spec.fields["RAINC"] = [](int g, int, int, int) { return g == 0 ? 90.0 : 5.0; };
  spec.fields["I_RAINC"] = [](int g, int, int, int) { return g == 0 ? 0.0 : 1.0; };
  spec.fields["RAINNC"] = [](int, int, int, int) { return 0.0; };
  const WrfMetReader reader({write(spec)});
  EXPECT_NEAR(reader.read(1).precipitation_rate(0, 0), 15.0 / 3600.0, 1e-10);
}

TEST(WrfMetReader, DecreasingAccumulationIsAnErrorNamingTheRecord) {
  WrfTestFile spec;
  spec.fields["RAINC"] = [](int g, int, int, int i) { return g == 1 && i == 2 ? 1.0 : 10.0; };
  const std::string path = write(spec);
  const WrfMetReader reader({path});
  const std::string message = message_of([&] { reader.read(1); });
  expect_contains(message, path + ": variables 'RAINC' + 'RAINNC'");
  expect_contains(message, "record 1 (time 2021-07-01T01:00:00Z), cell (2,0)");
}

// ---------------------------------------------------------------------------------------------------------
// Bad files

TEST(WrfMetReaderErrors, MissingTimes) {
  WrfTestFile spec;
  spec.omit = {"Times"};
  const std::string path = write(spec);
  EXPECT_EQ(message_of([&] { WrfMetReader reader({path}); }),
            path + ": no 'Times' variable (WRF output always has one)");
}

TEST(WrfMetReaderErrors, MissingVariable) {
  WrfTestFile spec;
  spec.omit = {"PHB"};
  const std::string path = write(spec);
  EXPECT_EQ(message_of([&] { WrfMetReader reader({path}); }),
            path + ": variable 'PHB' is missing (the WRF reader needs it)");
}

TEST(WrfMetReaderErrors, OptionalVariableMissingInALaterFile) {
  WrfTestFile first;
  WrfTestFile second;
  second.times = {"2021-07-01_02:00:00"};
  second.omit = {"CLDFRA"};
  const std::string a = write(first, "a.nc"), b = write(second, "b.nc");
  EXPECT_EQ(message_of([&] {
              WrfMetReader reader({a, b});
            }),
            b + ": variable 'CLDFRA' is missing but '" + a + "', the first file of the series, has it");
}

TEST(WrfMetReaderErrors, LatLonProjectionIsUnsupported) {
  WrfTestFile spec;
  spec.global_overrides["MAP_PROJ"] = 6;
  const std::string path = write(spec);
  const std::string message = message_of([&] { WrfMetReader reader({path}); });
  expect_contains(message, path + ": unsupported projection MAP_PROJ=6 (lat-lon)");
}

TEST(WrfMetReaderErrors, FilesOfDifferentDomains) {
  WrfTestFile first;
  WrfTestFile second;
  second.times = {"2021-07-01_02:00:00"};
  second.dx = second.dy = 15000.0;
  const std::string a = write(first, "a.nc"), b = write(second, "b.nc");
  const std::string message = message_of([&] { WrfMetReader reader({a, b}); });
  EXPECT_EQ(message, b + ": its domain differs from that of '" + a +
                         "': DX 15000 vs 12000 (files of one series must share the domain)");
}

TEST(WrfMetReaderErrors, FilesOfShiftedDomains) {
  WrfTestFile first;
  WrfTestFile second;
  second.times = {"2021-07-01_02:00:00"};
  second.x_west += 2 * second.dx;
  const std::string a = write(first, "a.nc"), b = write(second, "b.nc");
  const std::string message = message_of([&] { WrfMetReader reader({a, b}); });
  expect_contains(message, b + ": its domain differs from that of '" + a + "': XL");
}

TEST(WrfMetReaderErrors, OverlappingTimes) {
  WrfTestFile first;  // 00 and 01 UTC
  WrfTestFile second;
  second.times = {"2021-07-01_01:00:00", "2021-07-01_02:00:00"};
  const std::string a = write(first, "a.nc"), b = write(second, "b.nc");
  const std::string message = message_of([&] { WrfMetReader reader({a, b}); });
  expect_contains(
      message,
      b + ": its records (2021-07-01T01:00:00Z to 2021-07-01T02:00:00Z) overlap those of '" + a + "'");
}

TEST(WrfMetReaderErrors, MalformedTime) {
  WrfTestFile spec;
  spec.times = {"2021-07-01 00:00"};
  const std::string path = write(spec);
  EXPECT_EQ(
      message_of([&] { WrfMetReader reader({path}); }),
      path +
          ": variable 'Times': record 0 holds '2021-07-01 00:00', not a WRF date-time YYYY-MM-DD_hh:mm:ss");
}

TEST(WrfMetReaderErrors, TimesNotIncreasingInAFile) {
  WrfTestFile spec;
  spec.times = {"2021-07-01_01:00:00", "2021-07-01_00:00:00"};
  const std::string path = write(spec);
  expect_contains(message_of([&] { WrfMetReader reader({path}); }),
                  path + ": variable 'Times': record 1 (2021-07-01T00:00:00Z) is not after record 0");
}

TEST(WrfMetReaderErrors, LonLatInconsistentWithTheProjectionAttributes) {
  WrfTestFile spec;
  spec.global_overrides["TRUELAT2"] = 45.0;  // XLAT/XLONG were computed with TRUELAT2 = 60
  const std::string path = write(spec);
  const std::string message = message_of([&] { WrfMetReader reader({path}); });
  expect_contains(message, path + ": XLAT/XLONG at record 0 (2021-07-01T00:00:00Z) of cell (");
  expect_contains(message, "MAP_PROJ, TRUELAT1/2, STAND_LON, DX or DY do not describe this grid");
}

TEST(WrfMetReaderErrors, NonFiniteValueNamesVariableRecordAndCell) {
  WrfTestFile spec;
  spec.fields["T"] = [](int g, int k, int j, int i) {
    return g == 1 && k == 2 && j == 1 && i == 3 ? std::numeric_limits<double>::quiet_NaN() : 5.0;
  };
  spec.fields["U"] = [](int g, int k, int j, int i) {
    return g == 0 && k == 1 && j == 2 && i == 4 ? std::numeric_limits<double>::infinity() : 1.0;
  };
  const std::string path = write(spec);
  const WrfMetReader reader({path});
  EXPECT_EQ(message_of([&] { reader.read(1); }),
            path + ": variable 'T': NaN at record 1 (time 2021-07-01T01:00:00Z), cell (3,1,2)");
  EXPECT_EQ(message_of([&] { reader.read(0); }),
            path + ": variable 'U': infinite value at record 0 (time 2021-07-01T00:00:00Z), cell (4,2,1)");
}

TEST(WrfMetReaderErrors, AbsoluteTemperatureInTIsCaught) {
  WrfTestFile spec;
  spec.fields["T"] = [](int, int, int, int) { return 290.0; };  // theta would be 590 K
  const std::string path = write(spec);
  const WrfMetReader reader({path});
  expect_contains(message_of([&] { reader.read(0); }), path + ": variable 'T': temperature ");
}

TEST(WrfMetReaderErrors, NotNetcdf) {
  const std::string path = (test_dir() / "plain.txt").string();
  std::ofstream(path) << "not a NetCDF file\n";
  expect_contains(message_of([&] { WrfMetReader reader({path}); }), path + ": cannot open as NetCDF");
  expect_contains(message_of([&] { is_wrf_file(path); }), path + ": cannot open as NetCDF");
}

// ---------------------------------------------------------------------------------------------------------
// File lists

TEST(MetFiles, GlobExpansionSortedByName) {
  const auto dir = test_dir();
  for (const char* name : {"wrfout_d01_2021-07-01_03:00:00", "wrfout_d01_2021-07-01_00:00:00",
                           "wrfout_d02_2021-07-01_00:00:00", "notes.txt", ".wrfout_d01_hidden"})
    std::ofstream(dir / name) << "x";
  std::filesystem::create_directory(dir / "wrfout_d01_directory");
  const std::string d = dir.string() + "/";
  EXPECT_EQ(
      expand_met_files(d + "wrfout_d01_*"),
      (std::vector<std::string>{d + "wrfout_d01_2021-07-01_00:00:00", d + "wrfout_d01_2021-07-01_03:00:00"}));
  EXPECT_EQ(expand_met_files(d + "wrfout_d0[12]_2021-07-01_00:??:00").size(), 2u);
  EXPECT_EQ(expand_met_files(d + "*").size(), 4u);  // not the hidden file, not the directory
  EXPECT_EQ(expand_met_files(d + "notes.txt"), std::vector<std::string>{d + "notes.txt"});
  EXPECT_EQ(expand_met_files("missing.nc"), std::vector<std::string>{"missing.nc"});
  EXPECT_EQ(message_of([&] { expand_met_files(d + "wrfout_d03_*"); }), d + "wrfout_d03_*: no file matches");
  expect_contains(message_of([&] { expand_met_files(d + "*/wrfout"); }), "only supported in the file name");
}

TEST(MetFiles, IsWrfFile) {
  WrfTestFile spec;
  const std::string wrf = write(spec, "wrf.nc");
  EXPECT_TRUE(is_wrf_file(wrf));
  const std::string cf = (test_dir() / "cf.nc").string();
  {
    netCDF::NcFile file(cf, netCDF::NcFile::replace);
    file.putAtt("Conventions", "CF-1.8");
    file.putAtt("title", "airshed met");
  }
  EXPECT_FALSE(is_wrf_file(cf));
  expect_contains(message_of([&] { is_wrf_file("/nonexistent/wrfout"); }),
                  "/nonexistent/wrfout: cannot open");
}

// ---------------------------------------------------------------------------------------------------------
// The real sample (WRF V3.3.1, Lambert conformal, cropped to 10 x 8 cells; shared/data/README.md)

TEST(WrfMetReaderRealFile, CroppedSample) {
  const std::string path = AIRSHED_SOURCE_DIR "/../shared/data/wrf_d01_allvars_cropped.nc";
  if (!std::filesystem::exists(path)) GTEST_SKIP() << "sample file not present: " << path;
  ASSERT_TRUE(is_wrf_file(path));
  const WrfMetReader reader(expand_met_files(path));  // the placement check runs here
  const Grid& g = reader.grid();
  EXPECT_EQ(g.nx(), 10);
  EXPECT_EQ(g.ny(), 8);
  EXPECT_EQ(g.nz(), 27);
  EXPECT_EQ(g.dx(), 30000.0);
  ASSERT_EQ(reader.times().size(), 4u);
  EXPECT_EQ(format_utc(reader.times().front()), "2005-09-21T00:00:00Z");
  EXPECT_EQ(format_utc(reader.times().back()), "2005-09-21T09:00:00Z");
  // The window is cells 95..104 x 96..103 of a 200 x 200 domain centred on CEN_LAT/CEN_LON = 30N 87E, so the
  // full domain's centre is the corner between this window's cells (4, 3) and (5, 4).
  const ProjectedXY centre = g.projection().forward({87.0, 30.0});
  EXPECT_NEAR(centre.x, g.x_west() + 5 * g.dx(), 30.0);
  EXPECT_NEAR(centre.y, g.y_south() + 4 * g.dy(), 30.0);
  // The file's SINALPHA agrees with the projection's rotation taken the other way (the fallback's sign).
  {
    netCDF::NcFile file(path, netCDF::NcFile::read);
    std::vector<float> sinalpha(80);
    file.getVar("SINALPHA").getVar(sinalpha.data());
    for (int j = 0; j < 8; ++j)
      for (int i = 0; i < 10; ++i)
        EXPECT_NEAR(sinalpha[i + 10 * j], -std::sin(g.projection().grid_rotation(g.lonlat_centre(i, j))),
                    1e-4);
  }
  for (std::size_t n = 0; n < reader.times().size(); ++n) {
    const NativeMetRecord r = reader.read(n);
    EXPECT_TRUE(r.roughness_length.empty());  // the sample has no ZNT
    for (int j = 0; j < 8; ++j)
      for (int i = 0; i < 10; ++i) {
        EXPECT_GT(r.height(i, j, 0), 5.0);
        EXPECT_LT(r.height(i, j, 0), 100.0);
        for (int k = 0; k < 27; ++k) {
          EXPECT_GT(r.fields.air_temperature(i, j, k), 180.0);
          EXPECT_LT(r.fields.air_temperature(i, j, k), 320.0);
          EXPECT_LT(std::hypot(r.fields.eastward_wind(i, j, k), r.fields.northward_wind(i, j, k)), 100.0);
          if (k > 0) {
            EXPECT_GT(r.height(i, j, k), r.height(i, j, k - 1));
            EXPECT_LT(r.fields.air_pressure(i, j, k), r.fields.air_pressure(i, j, k - 1));
          }
        }
        EXPECT_GT(r.height(i, j, 26), 12000.0);
        EXPECT_GE(r.precipitation_rate(i, j), 0.0);
        EXPECT_GE(r.cloud_fraction(i, j), 0.0);
        EXPECT_LE(r.cloud_fraction(i, j), 1.0);
        EXPECT_GE(r.fields.pbl_height(i, j), 0.0);
      }
  }
}

}  // namespace
}  // namespace airshed
