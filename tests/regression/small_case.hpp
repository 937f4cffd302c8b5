// SPDX-License-Identifier: Apache-2.0
#pragma once
// A small Kangbashi-like case for end-to-end tests: 20 x 16 cells at 1 km, 10 layers to 2 km, idealised
// met, a stack and an area source, gas and aerosol species with boundary inflow.
#include <string>

namespace airshed::test {

inline std::string small_case_yaml(double hours) {
  return std::string("case:\n  name: small\n  start: 2026-11-28T00:00:00Z\n  hours: ") +
         std::to_string(hours) +
         "\n  utc_offset: 8\n"
         "grid:\n  centre_lon: 109.78\n  centre_lat: 39.61\n  nx: 20\n  ny: 16\n  dx: 1000\n  dy: 1000\n"
         "  layers:\n    nz: 10\n    first: 25\n    top: 2000\n"
         "meteorology:\n  source: idealised\n  wind_speed_10m: 4\n  wind_from_direction: 300\n"
         "species:\n"
         "  - name: co\n    molar_mass: 0.028\n    initial: 200\n    boundary: 250\n"
         "  - name: stack_tracer\n    molar_mass: 0.046\n"
         "  - name: pm\n    phase: aerosol\n    initial: 10\n    boundary: 20\n"
         "sources:\n  points:\n    - name: stack\n      lon: 109.76\n      lat: 39.62\n      height: 300\n"
         "      species: [stack_tracer, pm]\n      rates: [30, 3]\n"
         "  areas:\n    - name: town\n      lon: 109.78\n      lat: 39.61\n      size_x: 5000\n      size_y: "
         "4000\n"
         "      species: [co, pm]\n      rates: [100, 5]\n"
         "output:\n  interval: 3600\n"
         "checkpoint:\n  interval: 0\n";
}

}  // namespace airshed::test
