// SPDX-License-Identifier: Apache-2.0
#include "io/cf_output_common.hpp"

#include "core/error.hpp"
#include "io/cf_grid.hpp"

namespace airshed {

using netCDF::NcFile;
using netCDF::NcVar;

void put_cf_output_attributes(const NcFile& file, const OutputAttributes& a) {
  file.putAtt("Conventions", "CF-1.8");
  file.putAtt("title", a.title);
  file.putAtt("institution", a.institution);
  file.putAtt("source", a.source);
  file.putAtt("history", a.history);
  file.putAtt("references", a.references);
  file.putAtt("comment", a.comment);
  file.putAtt("case", a.case_name);
}

NcVar define_cf_output_variable(const NcFile& file, const std::vector<netCDF::NcDim>& dims,
                                const OutputVariable& v, const std::string& path,
                                const std::string& coordinates) {
  if (dims.size() < 3)
    throw InternalError("define_cf_output_variable: '" + v.name + "' needs (..., z, y, x)");
  if (!file.getVar(v.name).isNull())
    throw InputError(path, "output variable '" + v.name + "' has the name of another variable in the file");
  NcVar var = file.addVar(v.name, netCDF::ncFloat, dims);
  std::vector<std::size_t> chunks(dims.size(), 1);
  for (std::size_t d = dims.size() - 3; d < dims.size(); ++d) chunks[d] = dims[d].getSize();
  var.setChunking(NcVar::nc_CHUNKED, chunks);
  var.setCompression(true, true, kCfOutputDeflateLevel);
  var.putAtt("_FillValue", netCDF::ncFloat, kCfOutputFill);
  var.putAtt("units", v.units);
  if (!v.standard_name.empty()) var.putAtt("standard_name", v.standard_name);
  var.putAtt("long_name", v.long_name.empty() ? v.name : v.long_name);
  if (!v.comment.empty()) var.putAtt("comment", v.comment);
  var.putAtt("grid_mapping", cf_name::crs);
  var.putAtt("coordinates", coordinates);
  return var;
}

}  // namespace airshed
