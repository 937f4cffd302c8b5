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

// --- Transport verification (tests/verification, tests/unit/solver) ---

/// Absolute error of PPM at Courant number exactly 1 on O(1) data: the flux is then the upwind cell mean,
/// evaluated as x*(right - x/2*(delta - c6/3)) in a few operations, so each step adds a few ulp (2.2e-16
/// each); after ~50 steps the drift is still well below 1e-14.
inline constexpr double courant_one_shift = 1e-14;

/// Relative change of the total amount of a periodic 1-D or column problem: flux-form updates telescope, so
/// only the rounding of each c += f_in - f_out (about 1e-16 relative per cell and step, random in sign) and
/// of the final sum remains; a few hundred steps on a few hundred cells stay near 1e-15.
inline constexpr double mass_relative_1d = 1e-13;

/// Absolute undershoot/overshoot allowed of a monotone scheme on O(1) data: the new value is a convex
/// combination of old values only up to the rounding of the flux arithmetic (a few ulp).
inline constexpr double extremum_round_off = 1e-14;

/// Bounds and relative mass change of the 2-D problems (100x100 cells, ~400 split steps with air and tracer):
/// 1e4 cells summed and 1600 sweeps each round every cell, so the sums drift by up to ~1e-14; 1e-12 still
/// only admits round-off.
inline constexpr double round_off_2d = 1e-12;

/// Relative mass-budget residual of the short 3-D runs in the verification suite (12x10x6 cells, tens of
/// steps): tighter than budget_closure because the run is short and small.
inline constexpr double budget_closure_short_run = 1e-12;

/// Relative deviation of a uniform mixing ratio after a few 3-D steps: every operator applies the same
/// arithmetic to the air and to a species that is q0 times the air (the PPM and van Leer limiters are
/// homogeneous of degree 1 and continuous, the diffusion works on c/air), so only rounding separates
/// c/air from q0: a few ulp per operator and step.
inline constexpr double uniform_mixing_ratio = 1e-12;

/// Relative change of the column amount sum(c dz) under vertical diffusion: the Thomas solve of a
/// conservative system conserves the sum up to the rounding of ~5 operations per layer and step.
inline constexpr double column_mass_relative = 1e-13;

/// "Well mixed": largest deviation of the mixing ratio from its column mean, relative; far above round-off,
/// far below any physically meaningful gradient.
inline constexpr double well_mixed = 1e-6;

/// Relative difference between the measured slowest decay rate of the discrete diffusion and pi^2 K / H^2,
/// the first eigenvalue of the continuous Neumann problem: the spatial discretisation and backward Euler in
/// time shift it by well under 1% on the fine grid used; 10% is what the test promises to the physics.
inline constexpr double first_eigenvalue_relative = 0.10;

/// Sum over cells of an area source's shares against its total rate, relative: each share is the product of
/// two overlap lengths and a layer fraction, summed over ~100 cells.
inline constexpr double source_share_sum = 1e-14;


/// Net chemical change of an atom family (N) relative to its chemical turnover over a 3-D run: the mechanism
/// balances the family in every reaction and the Rosenbrock stages conserve linear invariants, so only
/// round-off and the end-of-step clipping of negatives (bounded by the solver's absolute tolerance, ~4e-8 ppb
/// per cell and step) remain; 1e-8 of the turnover admits those and nothing systematic.
inline constexpr double family_conservation = 1e-8;

}  // namespace airshed::tolerances
