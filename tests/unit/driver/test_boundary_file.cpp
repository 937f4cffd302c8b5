// SPDX-License-Identifier: Apache-2.0
// Boundary profiles from a NetCDF file: interpolation to the layers, unit conversion, and clear errors.
#include <gtest/gtest.h>
#include <netcdf.h>

#include <filesystem>

#include "core/error.hpp"
#include "driver/case_definition.hpp"
#include "driver/case_schema.hpp"

using namespace airshed;
namespace fs = std::filesystem;

namespace {

/// A profile file with z = 0, 1000, 2000 m; o3 in `o3_units`, pm in ug m-3.
std::string write_profiles(const std::string& name, const std::string& o3_units, double o3_at_1000) {
  const fs::path dir = fs::path(AIRSHED_BINARY_DIR) / "test-output" / "boundary_file";
  fs::create_directories(dir);
  const std::string path = (dir / name).string();
  int nc, zd, zv, o3, pm;
  nc_create(path.c_str(), NC_CLOBBER | NC_NETCDF4, &nc);
  nc_def_dim(nc, "z", 3, &zd);
  nc_def_var(nc, "z", NC_DOUBLE, 1, &zd, &zv);
  nc_put_att_text(nc, zv, "units", 1, "m");
  nc_def_var(nc, "o3", NC_DOUBLE, 1, &zd, &o3);
  nc_put_att_text(nc, o3, "units", o3_units.size(), o3_units.c_str());
  nc_def_var(nc, "pm", NC_DOUBLE, 1, &zd, &pm);
  nc_put_att_text(nc, pm, "units", 6, "ug m-3");
  nc_enddef(nc);
  const double z[3] = {0, 1000, 2000}, o3v[3] = {30, o3_at_1000, 60}, pmv[3] = {20, 10, 0};
  nc_put_var_double(nc, zv, z);
  nc_put_var_double(nc, o3, o3v);
  nc_put_var_double(nc, pm, pmv);
  nc_close(nc);
  return path;
}

CaseDefinition build_with(const std::string& file) {
  const std::string yaml =
      "case:\n  start: 2026-11-28T00\ngrid:\n  x_west: 0\n  y_south: 0\n  nx: 4\n  ny: 4\n  dx: 1000\n  dy: 1000\n"
      "  layers:\n    interfaces: [0, 500, 1500, 3000]\nmeteorology:\n  source: idealised\n"
      "species:\n  - name: o3\n    boundary: 5\n  - name: pm\n    phase: aerosol\n  - name: co\n    boundary: 100\n"
      "boundary:\n  file: " + file + "\n";
  return build_case(Config::parse(yaml, "case.yaml", case_schema()), "case.yaml", "");
}

}  // namespace

TEST(BoundaryFile, ProfilesInterpolatedToLayerMidpoints) {
  const CaseDefinition c = build_with(write_profiles("ok.nc", "ppb", 40));
  // Layer mid-points 250, 1000, 2250 m: linear in height, constant above the last level.
  ASSERT_EQ(c.species[0].boundary.size(), 3u);
  EXPECT_DOUBLE_EQ(c.species[0].boundary[0], 32.5);  // 250 m: 30 + 0.25 * (40 - 30)
  EXPECT_DOUBLE_EQ(c.species[0].boundary[1], 40.0);
  EXPECT_DOUBLE_EQ(c.species[0].boundary[2], 60.0);
  EXPECT_DOUBLE_EQ(c.species[1].boundary[0], 17.5);  // 20 - 0.25 * 10
  EXPECT_DOUBLE_EQ(c.species[1].boundary[2], 0.0);
  EXPECT_DOUBLE_EQ(c.species[2].boundary[1], 100.0) << "a species absent from the file keeps its own value";
}

TEST(BoundaryFile, PpmConvertedToPpb) {
  const CaseDefinition c = build_with(write_profiles("ppm.nc", "ppm", 0.040));
  EXPECT_NEAR(c.species[0].boundary[1], 0.040e3, 1e-12);
}

TEST(BoundaryFile, WrongUnitAndMissingFileAreOneLineErrors) {
  try {
    build_with(write_profiles("bad_unit.nc", "furlongs", 40));
    FAIL();
  } catch (const InputError& e) {
    const std::string m = e.what();
    EXPECT_NE(m.find("bad_unit.nc: variable 'o3': units 'furlongs'"), std::string::npos) << m;
  }
  EXPECT_THROW(build_with("/nonexistent/profiles.nc"), InputError);
}
