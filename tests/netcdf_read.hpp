// SPDX-License-Identifier: Apache-2.0
#pragma once
// Read a whole NetCDF variable as floats in the tests (GoogleTest expectations name the file and variable).
#include <gtest/gtest.h>
#include <netcdf.h>

#include <string>
#include <vector>

namespace airshed::test {

inline std::vector<float> read_nc_floats(const std::string& file, const std::string& name) {
  int nc = 0, var = 0, ndims = 0, dims[NC_MAX_VAR_DIMS];
  EXPECT_EQ(nc_open(file.c_str(), NC_NOWRITE, &nc), NC_NOERR) << file;
  EXPECT_EQ(nc_inq_varid(nc, name.c_str(), &var), NC_NOERR) << name;
  nc_inq_varndims(nc, var, &ndims);
  nc_inq_vardimid(nc, var, dims);
  std::size_t n = 1;
  for (int d = 0; d < ndims; ++d) {
    std::size_t len = 0;
    nc_inq_dimlen(nc, dims[d], &len);
    n *= len;
  }
  std::vector<float> v(n);
  EXPECT_EQ(nc_get_var_float(nc, var, v.data()), NC_NOERR) << name;
  nc_close(nc);
  return v;
}

}  // namespace airshed::test
