// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>
#include <netcdf.h>

#include <cmath>
#include <filesystem>
#include <netcdf>

#include "core/error.hpp"
#include "io/cf_grid.hpp"
#include "io/cf_output_writer.hpp"
#include "io_test_support.hpp"
#include "tolerances.hpp"

namespace airshed {
namespace {

using netCDF::NcFile;

Grid output_grid() {
  return Grid(5, 4, 9000.0, 9000.0, -20000.0, 10000.0, VerticalLayers({0.0, 40.0, 120.0, 300.0}),
              test::test_lcc());
}

std::vector<OutputVariable> output_variables() {
  return {{"o3", "ppb", "mole_fraction_of_ozone_in_air", "ozone", ""},
          {"tracer", "ug m-3", "", "passive tracer", "released at the stack"}};
}

OutputAttributes output_attributes() {
  OutputAttributes a;
  a.title = "io output test";
  a.history = "2026-11-29T00:00:00Z airshed run case.yaml";
  a.source = "airshed 0.1.0 (test)";
  a.case_name = "unit";
  a.comment = "synthetic";
  return a;
}

double value(int v, std::size_t record, int i, int j, int k) {
  return 10.0 * (v + 1) + 0.5 * i + 0.25 * j + 0.125 * k + 1.0 / 3.0 + static_cast<double>(record);
}

Array3 field(const Grid& g, int v, std::size_t record) {
  Array3 a(g.nx(), g.ny(), g.nz());
  for (int k = 0; k < g.nz(); ++k)
    for (int j = 0; j < g.ny(); ++j)
      for (int i = 0; i < g.nx(); ++i) a(i, j, k) = value(v, record, i, j, k);
  return a;
}

const UtcTime kReference = parse_utc("2021-07-01T00:00:00Z");

std::string write_output(const std::filesystem::path& dir) {
  const std::string path = (dir / "out.nc").string();
  const Grid g = output_grid();
  CfOutputWriter writer(path, g, output_variables(), output_attributes(), kReference);
  for (std::size_t r = 0; r < 3; ++r) {
    const Array3 a = field(g, 0, r), b = field(g, 1, r);
    writer.write_record(UtcTime{kReference.seconds + 3600 * static_cast<std::int64_t>(r + 1)}, {&a, &b});
  }
  EXPECT_EQ(writer.records(), 3u);
  EXPECT_FALSE(std::filesystem::exists(path));  // nothing under the final name before commit
  writer.commit();
  return path;
}

std::string global_text(const NcFile& file, const std::string& name) {
  std::string text;
  file.getAtt(name).getValues(text);
  return text;
}

TEST(CfOutput, DimensionsAndGlobalAttributes) {
  const std::string path = write_output(test::scratch_dir());
  NcFile file(path, NcFile::read);
  EXPECT_TRUE(file.getDim("time").isUnlimited());
  EXPECT_EQ(file.getDim("time").getSize(), 3u);
  EXPECT_EQ(file.getDim("z").getSize(), 3u);
  EXPECT_EQ(file.getDim("y").getSize(), 4u);
  EXPECT_EQ(file.getDim("x").getSize(), 5u);
  EXPECT_EQ(file.getDim("bnds").getSize(), 2u);
  EXPECT_EQ(file.getDim("nv").getSize(), 4u);
  EXPECT_EQ(global_text(file, "Conventions"), "CF-1.8");
  EXPECT_EQ(global_text(file, "title"), "io output test");
  EXPECT_EQ(global_text(file, "institution"), "airshed");
  EXPECT_EQ(global_text(file, "source"), "airshed 0.1.0 (test)");
  EXPECT_EQ(global_text(file, "history"), "2026-11-29T00:00:00Z airshed run case.yaml");
  EXPECT_EQ(global_text(file, "references"), "https://cfconventions.org/ (CF-1.8)");
  EXPECT_EQ(global_text(file, "comment"), "synthetic");
  EXPECT_EQ(global_text(file, "case"), "unit");
  int format = 0;
  nc_inq_format(file.getId(), &format);
  EXPECT_EQ(format, NC_FORMAT_NETCDF4);
}

TEST(CfOutput, VariableAttributesStorageAndValues) {
  const std::string path = write_output(test::scratch_dir());
  NcFile file(path, NcFile::read);
  const auto o3 = file.getVar("o3"), tracer = file.getVar("tracer");
  EXPECT_EQ(dimension_names(o3), (std::vector<std::string>{"time", "z", "y", "x"}));
  EXPECT_EQ(o3.getType().getId(), NC_FLOAT);
  EXPECT_EQ(text_attribute(o3, "units"), "ppb");
  EXPECT_EQ(text_attribute(o3, "standard_name"), "mole_fraction_of_ozone_in_air");
  EXPECT_EQ(text_attribute(o3, "long_name"), "ozone");
  EXPECT_EQ(text_attribute(o3, "grid_mapping"), "crs");
  EXPECT_EQ(text_attribute(o3, "coordinates"), "lon lat");
  EXPECT_EQ(number_attribute(o3, "_FillValue"), std::vector<double>{static_cast<double>(NC_FILL_FLOAT)});
  EXPECT_FALSE(text_attribute(tracer, "standard_name").has_value());
  EXPECT_EQ(text_attribute(tracer, "comment"), "released at the stack");

  int shuffle = 0, deflate = 0, level = 0, storage = 0;
  nc_inq_var_deflate(file.getId(), o3.getId(), &shuffle, &deflate, &level);
  EXPECT_EQ(deflate, 1);
  EXPECT_EQ(level, 2);
  std::size_t chunks[4] = {};
  nc_inq_var_chunking(file.getId(), o3.getId(), &storage, chunks);
  EXPECT_EQ(storage, NC_CHUNKED);
  EXPECT_EQ(std::vector<std::size_t>(chunks, chunks + 4), (std::vector<std::size_t>{1, 3, 4, 5}));

  const Grid g = output_grid();
  std::vector<float> data(static_cast<std::size_t>(3 * 3 * 4 * 5));
  for (int v = 0; v < 2; ++v) {
    (v == 0 ? o3 : tracer).getVar(data.data());
    std::size_t n = 0;
    for (std::size_t r = 0; r < 3; ++r)
      for (int k = 0; k < g.nz(); ++k)
        for (int j = 0; j < g.ny(); ++j)
          for (int i = 0; i < g.nx(); ++i, ++n)
            EXPECT_EQ(data[n], static_cast<float>(value(v, r, i, j, k))) << v << " " << r << " " << i;
  }
  std::vector<double> hours(3);
  file.getVar("time").getVar(hours.data());
  EXPECT_EQ(hours, (std::vector<double>{1.0, 2.0, 3.0}));
  EXPECT_EQ(text_attribute(file.getVar("time"), "units"), "hours since 2021-07-01 00:00:00");
  EXPECT_EQ(text_attribute(file.getVar("time"), "calendar"), "standard");
}

TEST(CfOutput, CoordinatesMatchTheProjection) {
  const std::string path = write_output(test::scratch_dir());
  NcFile file(path, NcFile::read);
  const Grid g = output_grid();
  std::vector<double> lat(20), lon(20), lat_bnds(80), lon_bnds(80), x(5), z_bnds(6);
  file.getVar("lat").getVar(lat.data());
  file.getVar("lon").getVar(lon.data());
  file.getVar("lat_bnds").getVar(lat_bnds.data());
  file.getVar("lon_bnds").getVar(lon_bnds.data());
  file.getVar("x").getVar(x.data());
  file.getVar("z_bnds").getVar(z_bnds.data());
  const int ic = 2, jc = 2, centre = jc * g.nx() + ic;
  const LonLat expected = g.projection().inverse({g.x_centre(ic), g.y_centre(jc)});
  EXPECT_NEAR(lat[centre], expected.lat, tolerances::lonlat_degrees);
  EXPECT_NEAR(lon[centre], expected.lon, tolerances::lonlat_degrees);
  // Corners counter-clockwise from south-west (CF §7.1).
  const double cx[4] = {0, 1, 1, 0}, cy[4] = {0, 0, 1, 1};
  for (int c = 0; c < 4; ++c) {
    const LonLat corner =
        g.projection().inverse({g.x_west() + (ic + cx[c]) * g.dx(), g.y_south() + (jc + cy[c]) * g.dy()});
    EXPECT_NEAR(lat_bnds[4 * centre + c], corner.lat, tolerances::lonlat_degrees) << c;
    EXPECT_NEAR(lon_bnds[4 * centre + c], corner.lon, tolerances::lonlat_degrees) << c;
  }
  EXPECT_EQ(x[0], g.x_centre(0));
  EXPECT_EQ(z_bnds, (std::vector<double>{0.0, 40.0, 40.0, 120.0, 120.0, 300.0}));
  EXPECT_EQ(text_attribute(file.getVar("x"), "standard_name"), "projection_x_coordinate");
  EXPECT_EQ(text_attribute(file.getVar("z"), "positive"), "up");
  EXPECT_EQ(text_attribute(file.getVar("crs"), "grid_mapping_name"), "lambert_conformal_conic");
  EXPECT_EQ(text_attribute(file.getVar("crs"), "crs_wkt"), g.projection().to_wkt());
}

TEST(CfOutput, WriterDestroyedWithoutCommitLeavesNothing) {
  const auto dir = test::scratch_dir();
  const std::string path = (dir / "abandoned.nc").string();
  {
    const Grid g = output_grid();
    CfOutputWriter writer(path, g, output_variables(), output_attributes(), kReference);
    const Array3 a = field(g, 0, 0), b = field(g, 1, 0);
    writer.write_record(kReference, {&a, &b});
    EXPECT_FALSE(std::filesystem::is_empty(dir));  // the temporary exists while writing
  }
  EXPECT_TRUE(std::filesystem::is_empty(dir));
}

TEST(CfOutput, UnwritableDirectoryIsAnInputErrorNamingThePath) {
  const std::string path = (test::scratch_dir() / "missing-dir" / "out.nc").string();
  try {
    CfOutputWriter writer(path, output_grid(), output_variables(), output_attributes(), kReference);
    FAIL() << "no InputError";
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()).rfind(path + ": cannot create NetCDF file", 0), 0u) << e.what();
  }
}

TEST(CfOutput, WrongFieldCountIsABug) {
  const auto dir = test::scratch_dir();
  const Grid g = output_grid();
  CfOutputWriter writer((dir / "bug.nc").string(), g, output_variables(), output_attributes(), kReference);
  const Array3 a = field(g, 0, 0);
  EXPECT_THROW(writer.write_record(kReference, {&a}), InternalError);
}

}  // namespace
}  // namespace airshed
