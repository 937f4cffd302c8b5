// SPDX-License-Identifier: Apache-2.0
// Writes a small contribution file (two species, three tags, two hours, the lowest two of four layers on an
// LCC grid) for check_cf_tag_tools.sh. Usage: io_cf_tag_tools_sample <output.nc>
#include <cstdio>
#include <exception>

#include "io/cf_tag_output_writer.hpp"

int main(int argc, char** argv) {
  using namespace airshed;
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s <output.nc>\n", argv[0]);
    return 2;
  }
  try {
    Projection lcc;
    lcc.standard_parallel_1 = 25.0;
    lcc.standard_parallel_2 = 47.0;
    lcc.longitude_of_central_meridian = 110.0;
    lcc.latitude_of_projection_origin = 39.61;
    const Grid grid(10, 8, 12000.0, 12000.0, -60000.0, -48000.0,
                    VerticalLayers({0.0, 50.0, 150.0, 400.0, 1000.0}), lcc);
    OutputAttributes attributes;
    attributes.title = "airshed CF tag tool check";
    attributes.history = "2026-11-29T00:00:00Z io_cf_tag_tools_sample";
    attributes.source = "airshed (tool check)";
    attributes.case_name = "cf_tag_tools";
    attributes.comment = "synthetic fields";
    const UtcTime t0 = parse_utc("2021-07-01T00:00:00Z");
    const std::vector<std::string> tags{"heat_plant", "vehicle", "boundary"};
    CfTagOutputWriter writer(argv[1], grid, 2, tags,
                             {{"o3_by_tag", "ppb", "", "O3 attributed to tag", ""},
                              {"pm25_by_tag", "ug m-3", "", "PM2.5 attributed to tag", ""}},
                             attributes, t0);
    for (int r = 0; r < 2; ++r) {
      std::vector<Array3> arrays;
      for (int v = 0; v < 2; ++v)
        for (std::size_t g = 0; g < tags.size(); ++g) {
          Array3 a(grid.nx(), grid.ny(), grid.nz());
          // Tag g holds 10 g + 100 v + r everywhere: the check script selects a tag by name and reads it.
          for (auto& x : a.data) x = 10.0 * static_cast<double>(g) + 100.0 * v + r;
          arrays.push_back(std::move(a));
        }
      std::vector<std::vector<const Array3*>> fields(2);
      for (int v = 0; v < 2; ++v)
        for (std::size_t g = 0; g < tags.size(); ++g) fields[v].push_back(&arrays[v * tags.size() + g]);
      writer.write_record(UtcTime{t0.seconds + 3600 * r}, fields);
    }
    writer.commit();
  } catch (const std::exception& e) {
    std::fprintf(stderr, "io_cf_tag_tools_sample: %s\n", e.what());
    return 1;
  }
  return 0;
}
