// SPDX-License-Identifier: Apache-2.0
// Writes a small CF output (two species, three hours on an LCC grid) for check_cf_tools.sh to open with the
// tools users post-process with. Usage: io_cf_tools_sample <output.nc>
#include <cstdio>
#include <exception>

#include "io/cf_output_writer.hpp"

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
    attributes.title = "airshed CF tool check";
    attributes.history = "2026-11-29T00:00:00Z io_cf_tools_sample";
    attributes.source = "airshed (tool check)";
    attributes.case_name = "cf_tools";
    attributes.comment = "synthetic fields";
    const UtcTime t0 = parse_utc("2021-07-01T00:00:00Z");
    CfOutputWriter writer(
        argv[1], grid,
        {{"o3", "ppb", "mole_fraction_of_ozone_in_air", "ozone", ""},
         {"pm25", "ug m-3", "mass_concentration_of_pm2p5_ambient_aerosol_particles_in_air", "PM2.5", ""}},
        attributes, t0);
    for (int r = 0; r < 3; ++r) {
      Array3 o3(grid.nx(), grid.ny(), grid.nz()), pm(grid.nx(), grid.ny(), grid.nz());
      for (std::size_t n = 0; n < o3.size(); ++n) {
        o3.data[n] = 30.0 + static_cast<double>(n % 17) + r;
        pm.data[n] = 15.0 + static_cast<double>(n % 11) * 0.5;
      }
      writer.write_record(UtcTime{t0.seconds + 3600 * r}, {&o3, &pm});
    }
    writer.commit();
  } catch (const std::exception& e) {
    std::fprintf(stderr, "io_cf_tools_sample: %s\n", e.what());
    return 1;
  }
  return 0;
}
