// SPDX-License-Identifier: Apache-2.0
// Met file lists. Globs are matched with POSIX fnmatch(3) in one directory rather than glob(3) so that the
// "no file matches" message, the name sort and the hidden-file rule are ours and identical everywhere.
#include "io/met_files.hpp"

#include <fnmatch.h>
#include <netcdf.h>

#include <algorithm>
#include <filesystem>
#include <system_error>

#include "core/error.hpp"

namespace airshed {

namespace {

bool has_wildcard(const std::string& text) {
  return text.find_first_of("*?[") != std::string::npos;
}

bool has_global_attribute(int ncid, const char* name) {
  int id = 0;
  return nc_inq_attid(ncid, NC_GLOBAL, name, &id) == NC_NOERR;
}

}  // namespace

std::vector<std::string> expand_met_files(const std::string& pattern_or_path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path given(pattern_or_path);
  const std::string name = given.filename().string();
  if (fs::exists(given, ec)) return {pattern_or_path};
  const fs::path directory = given.parent_path();
  if (has_wildcard(directory.string()))
    throw InputError(pattern_or_path,
                     "wildcards (*, ?, [..]) are only supported in the file name, not in the "
                     "directory part");
  if (!has_wildcard(name)) return {pattern_or_path};
  std::vector<std::string> matches;
  const fs::path listed = directory.empty() ? fs::path(".") : directory;
  for (fs::directory_iterator it(listed, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string candidate = it->path().filename().string();
    if (fnmatch(name.c_str(), candidate.c_str(), FNM_PERIOD) != 0) continue;
    std::error_code type_ec;
    if (!it->is_regular_file(type_ec)) continue;  // follows symbolic links, as a shell glob would
    matches.push_back(directory.empty() ? candidate : (directory / candidate).string());
  }
  if (matches.empty()) throw InputError(pattern_or_path, "no file matches");
  std::sort(matches.begin(), matches.end());
  return matches;
}

bool is_wrf_file(const std::string& path) {
  int ncid = -1;
  const int status = nc_open(path.c_str(), NC_NOWRITE, &ncid);
  if (status != NC_NOERR)
    throw InputError(path, std::string("cannot open as NetCDF: ") + nc_strerror(status));
  bool wrf = has_global_attribute(ncid, "MAP_PROJ") && has_global_attribute(ncid, "WEST-EAST_GRID_DIMENSION");
  std::size_t length = 0;
  nc_type type = NC_NAT;
  if (!wrf && nc_inq_att(ncid, NC_GLOBAL, "TITLE", &type, &length) == NC_NOERR && type == NC_CHAR) {
    std::string title(length, '\0');
    if (nc_get_att_text(ncid, NC_GLOBAL, "TITLE", title.data()) == NC_NOERR)
      wrf = title.find("WRF") != std::string::npos;
  }
  nc_close(ncid);
  return wrf;
}

}  // namespace airshed
