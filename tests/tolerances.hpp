// SPDX-License-Identifier: Apache-2.0
// Named tolerances of the test suite, each with the reason for its size. Tests include "tolerances.hpp".
#pragma once

namespace airshed::tolerances {

/// State values that went through a file written in double and came back through a reader doing at most a
/// handful of floating-point operations (unit scaling, rotation, a two-cell mean): relative to the magnitude.
inline constexpr double state_relative = 1e-12;

/// Values written as float (CF outputs): half a unit in the last place of a float, relative.
inline constexpr double float_relative = 6e-8;

/// Geographic coordinates recomputed through the same projection code: degrees.
inline constexpr double lonlat_degrees = 1e-9;

/// Relative residual of a run's mass budget (now - initial - inflow - emitted): sums of ~1e4-1e5 cell values
/// in double, each step adding fluxes computed from the same numbers, leave ~1e-14 per step; over a few
/// hundred steps 1e-11 still only admits round-off.
inline constexpr double budget_closure = 1e-11;

}  // namespace airshed::tolerances
