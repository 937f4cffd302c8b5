// SPDX-License-Identifier: Apache-2.0
// What the CF output writers (CfOutputWriter, CfTagOutputWriter) share: the global attributes and the
// definition of a gridded float data variable. Internal to io/.
#pragma once
#include <netcdf.h>

#include <netcdf>
#include <string>
#include <vector>

#include "io/cf_output_writer.hpp"

namespace airshed {

/// NetCDF's own default for floats, so tools that ignore _FillValue still recognise missing data.
inline constexpr float kCfOutputFill = NC_FILL_FLOAT;
/// Deflate level 2 with shuffle: most of the size gain of higher levels at a fraction of the time.
inline constexpr int kCfOutputDeflateLevel = 2;

/// Conventions = "CF-1.8", title, institution, source, history, references, comment, case.
void put_cf_output_attributes(const netCDF::NcFile& file, const OutputAttributes& attributes);

/// A float data variable over `dims` (slowest first, ending with z, y, x), chunked with 1 along every
/// dimension before z and the whole (z, y, x) block in one chunk (CF output checklist, §3.1), deflate and
/// shuffle; attributes _FillValue, units, standard_name (when given), long_name (the name when empty),
/// comment (when given), grid_mapping = "crs" and `coordinates`. A name already used in the file is an
/// InputError at `path`.
netCDF::NcVar define_cf_output_variable(const netCDF::NcFile& file, const std::vector<netCDF::NcDim>& dims,
                                        const OutputVariable& variable, const std::string& path,
                                        const std::string& coordinates = "lon lat");

}  // namespace airshed
