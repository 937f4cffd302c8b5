// SPDX-License-Identifier: Apache-2.0
// CfTagOutputWriter: 2 records x 3 tags x 2 variables on a small LCC grid read back with netcdf-cxx4.
#include <gtest/gtest.h>
#include <netcdf.h>

#include <filesystem>
#include <netcdf>

#include "core/error.hpp"
#include "io/cf_grid.hpp"
#include "io/cf_tag_output_writer.hpp"
#include "io_test_support.hpp"

namespace airshed {
namespace {

using netCDF::NcFile;

// Three model layers, of which the lowest two are written.
Grid tag_grid() {
  return Grid(5, 4, 9000.0, 9000.0, -20000.0, 10000.0, VerticalLayers({0.0, 40.0, 120.0, 300.0}),
              test::test_lcc());
}
constexpr int kLayers = 2;

const std::vector<std::string>& tag_names() {
  static const std::vector<std::string> names{"heat_plant", "vehicle", "boundary"};
  return names;
}

std::vector<OutputVariable> tag_variables() {
  return {{"o3_by_tag", "ppb", "", "O3 attributed to tag", "share of mole_fraction_of_ozone_in_air"},
          {"pm25_by_tag", "ug m-3", "", "PM2.5 attributed to tag", ""}};
}

OutputAttributes tag_attributes() {
  OutputAttributes a;
  a.title = "io tag output test";
  a.history = "2026-11-29T00:00:00Z airshed run case.yaml";
  a.source = "airshed 0.1.0 (test)";
  a.case_name = "unit";
  a.comment = "synthetic";
  return a;
}

double value(int v, std::size_t record, int g, int i, int j, int k) {
  return 100.0 * (v + 1) + 10.0 * g + 0.5 * i + 0.25 * j + 0.125 * k + static_cast<double>(record);
}

// All three layers are filled; the writer must keep the lowest two.
Array3 field(const Grid& g, int v, std::size_t record, int tag) {
  Array3 a(g.nx(), g.ny(), g.nz());
  for (int k = 0; k < g.nz(); ++k)
    for (int j = 0; j < g.ny(); ++j)
      for (int i = 0; i < g.nx(); ++i) a(i, j, k) = value(v, record, tag, i, j, k);
  return a;
}

const UtcTime kReference = parse_utc("2021-07-01T00:00:00Z");

std::string write_tags(const std::filesystem::path& dir) {
  const std::string path = (dir / "tags.nc").string();
  const Grid g = tag_grid();
  CfTagOutputWriter writer(path, g, kLayers, tag_names(), tag_variables(), tag_attributes(), kReference);
  for (std::size_t r = 0; r < 2; ++r) {
    std::vector<Array3> arrays;
    for (int v = 0; v < 2; ++v)
      for (int t = 0; t < 3; ++t) arrays.push_back(field(g, v, r, t));
    std::vector<std::vector<const Array3*>> fields(2);
    for (int v = 0; v < 2; ++v)
      for (int t = 0; t < 3; ++t) fields[v].push_back(&arrays[v * 3 + t]);
    writer.write_record(UtcTime{kReference.seconds + 3600 * static_cast<std::int64_t>(r + 1)}, fields);
  }
  EXPECT_EQ(writer.records(), 2u);
  EXPECT_FALSE(std::filesystem::exists(path));
  writer.commit();
  return path;
}

TEST(CfTagOutput, DimensionsAndTagCoordinates) {
  const std::string path = write_tags(test::scratch_dir());
  NcFile file(path, NcFile::read);
  EXPECT_TRUE(file.getDim("time").isUnlimited());
  EXPECT_EQ(file.getDim("time").getSize(), 2u);
  EXPECT_EQ(file.getDim("tag").getSize(), 3u);
  EXPECT_EQ(file.getDim("z").getSize(), 2u);
  EXPECT_EQ(file.getDim("y").getSize(), 4u);
  EXPECT_EQ(file.getDim("x").getSize(), 5u);
  std::string conventions;
  file.getAtt("Conventions").getValues(conventions);
  EXPECT_EQ(conventions, "CF-1.8");
  std::string title;
  file.getAtt("title").getValues(title);
  EXPECT_EQ(title, "io tag output test");

  const auto tag = file.getVar("tag");
  EXPECT_EQ(tag.getType().getId(), NC_INT);
  EXPECT_EQ(dimension_names(tag), std::vector<std::string>{"tag"});
  EXPECT_EQ(text_attribute(tag, "long_name"), "source group index");
  std::vector<int> index(3);
  tag.getVar(index.data());
  EXPECT_EQ(index, (std::vector<int>{0, 1, 2}));

  const auto label = file.getVar("tag_name");
  EXPECT_EQ(label.getType().getId(), NC_STRING);
  EXPECT_EQ(dimension_names(label), std::vector<std::string>{"tag"});
  EXPECT_EQ(text_attribute(label, "long_name"), "source group");
  std::vector<char*> names(3, nullptr);
  label.getVar(names.data());
  EXPECT_EQ(std::vector<std::string>(names.begin(), names.end()), tag_names());
  nc_free_string(names.size(), names.data());

  // z holds the written layers only, with their bounds.
  std::vector<double> z(2), z_bnds(4);
  file.getVar("z").getVar(z.data());
  file.getVar("z_bnds").getVar(z_bnds.data());
  EXPECT_EQ(z, (std::vector<double>{20.0, 80.0}));
  EXPECT_EQ(z_bnds, (std::vector<double>{0.0, 40.0, 40.0, 120.0}));
  EXPECT_FALSE(file.getVar("crs").isNull());
  EXPECT_FALSE(file.getVar("lon").isNull());
  EXPECT_FALSE(file.getVar("lat_bnds").isNull());
}

TEST(CfTagOutput, VariableAttributesStorageAndValues) {
  const std::string path = write_tags(test::scratch_dir());
  NcFile file(path, NcFile::read);
  const auto o3 = file.getVar("o3_by_tag"), pm = file.getVar("pm25_by_tag");
  for (const auto& var : {o3, pm}) {
    EXPECT_EQ(dimension_names(var), (std::vector<std::string>{"time", "tag", "z", "y", "x"}));
    EXPECT_EQ(var.getType().getId(), NC_FLOAT);
    EXPECT_EQ(text_attribute(var, "grid_mapping"), "crs");
    EXPECT_EQ(text_attribute(var, "coordinates"), "tag_name lon lat");
    EXPECT_EQ(number_attribute(var, "_FillValue"), std::vector<double>{static_cast<double>(NC_FILL_FLOAT)});
    EXPECT_FALSE(text_attribute(var, "standard_name").has_value());
    int shuffle = 0, deflate = 0, level = 0, storage = 0;
    nc_inq_var_deflate(file.getId(), var.getId(), &shuffle, &deflate, &level);
    EXPECT_EQ(shuffle, 1);
    EXPECT_EQ(deflate, 1);
    EXPECT_EQ(level, 2);
    std::size_t chunks[5] = {};
    nc_inq_var_chunking(file.getId(), var.getId(), &storage, chunks);
    EXPECT_EQ(storage, NC_CHUNKED);
    EXPECT_EQ(std::vector<std::size_t>(chunks, chunks + 5), (std::vector<std::size_t>{1, 1, 2, 4, 5}));
  }
  EXPECT_EQ(text_attribute(o3, "units"), "ppb");
  EXPECT_EQ(text_attribute(o3, "long_name"), "O3 attributed to tag");
  EXPECT_EQ(text_attribute(o3, "comment"), "share of mole_fraction_of_ozone_in_air");
  EXPECT_EQ(text_attribute(pm, "units"), "ug m-3");
  EXPECT_FALSE(text_attribute(pm, "comment").has_value());

  std::vector<float> data(static_cast<std::size_t>(2 * 3 * 2 * 4 * 5));
  for (int v = 0; v < 2; ++v) {
    (v == 0 ? o3 : pm).getVar(data.data());
    std::size_t n = 0;
    for (std::size_t r = 0; r < 2; ++r)
      for (int t = 0; t < 3; ++t)
        for (int k = 0; k < kLayers; ++k)
          for (int j = 0; j < 4; ++j)
            for (int i = 0; i < 5; ++i, ++n)
              ASSERT_EQ(data[n], static_cast<float>(value(v, r, t, i, j, k)))
                  << "v " << v << " r " << r << " tag " << t << " i " << i << " j " << j << " k " << k;
  }
  std::vector<double> hours(2);
  file.getVar("time").getVar(hours.data());
  EXPECT_EQ(hours, (std::vector<double>{1.0, 2.0}));
  EXPECT_EQ(text_attribute(file.getVar("time"), "units"), "hours since 2021-07-01 00:00:00");
}

TEST(CfTagOutput, UncommittedWriterLeavesNoFile) {
  const auto dir = test::scratch_dir();
  const std::string path = (dir / "tags.nc").string();
  {
    const Grid g = tag_grid();
    CfTagOutputWriter writer(path, g, 1, tag_names(), tag_variables(), tag_attributes(), kReference);
    const Array3 a = field(g, 0, 0, 0);
    writer.write_record(kReference, {{&a, &a, &a}, {&a, &a, &a}});
  }
  EXPECT_FALSE(std::filesystem::exists(path));
  EXPECT_TRUE(std::filesystem::is_empty(dir));
}

TEST(CfTagOutput, BadRequests) {
  const auto dir = test::scratch_dir();
  const std::string path = (dir / "tags.nc").string();
  const Grid g = tag_grid();
  // Layers beyond the grid, no tags, duplicate tags.
  EXPECT_THROW(CfTagOutputWriter(path, g, 4, tag_names(), tag_variables(), tag_attributes(), kReference),
               InternalError);
  EXPECT_THROW(CfTagOutputWriter(path, g, 0, tag_names(), tag_variables(), tag_attributes(), kReference),
               InternalError);
  EXPECT_THROW(CfTagOutputWriter(path, g, 1, {}, tag_variables(), tag_attributes(), kReference),
               InternalError);
  EXPECT_THROW(CfTagOutputWriter(path, g, 1, {"a", "a"}, tag_variables(), tag_attributes(), kReference),
               InternalError);
  // A data variable named like a coordinate.
  EXPECT_THROW(CfTagOutputWriter(path, g, 1, tag_names(), {{"tag_name", "1", "", "", ""}}, tag_attributes(),
                                 kReference),
               InputError);
  EXPECT_TRUE(std::filesystem::is_empty(dir));

  CfTagOutputWriter writer(path, g, kLayers, tag_names(), tag_variables(), tag_attributes(), kReference);
  const Array3 a = field(g, 0, 0, 0), thin(g.nx(), g.ny(), 1);
  EXPECT_THROW(writer.write_record(kReference, {{&a, &a, &a}}), InternalError);        // one variable of two
  EXPECT_THROW(writer.write_record(kReference, {{&a, &a}, {&a, &a}}), InternalError);  // two tags of three
  EXPECT_THROW(writer.write_record(kReference, {{&a, &a, &thin}, {&a, &a, &a}}), InternalError);  // 1 layer
  EXPECT_THROW(writer.write_record(kReference, {{&a, nullptr, &a}, {&a, &a, &a}}), InternalError);
  writer.write_record(kReference, {{&a, &a, &a}, {&a, &a, &a}});
  EXPECT_THROW(writer.write_record(kReference, {{&a, &a, &a}, {&a, &a, &a}}), InternalError);  // same time
}

}  // namespace
}  // namespace airshed
