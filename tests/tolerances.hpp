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

// --- Chemistry verification (tests/verification/chemistry) ---

/// Global relative error of a stiff solve of a published test problem (ROBER, HIRES), as a multiple of the
/// solver's rtol: local error control at rtol leaves a global error of a modest multiple of rtol (the errors
/// of the transient are damped afterwards); measured at rtol 1e-8 with Ros3 and Rodas3: at most 9.4 rtol
/// (ROBER at t = 1e11), 0.3 rtol for HIRES.
inline constexpr double stiff_global_error_factor = 50.0;

/// The Leighton closed form against the values printed in chemistry-numerics.md section 2.1, relative: they
/// have 8 significant digits (half a unit in the last place is <= 5e-8 relative) and were computed with the
/// same formula, so 1e-6 only admits their rounding and that of M = 2.4615e19 written with 5 digits.
inline constexpr double leighton_notes_digits = 1e-6;

/// The box (Ros3, rtol 1e-6) against the Leighton closed form, relative: a few rtol of global error plus the
/// steady-state assumption for O(3P) in the closed form (O/NO2 ~ 1e-7, the notes' Radau check); 1e-5 = 10 rtol.
inline constexpr double leighton_box_relative = 1e-5;

/// Relative change of an atom total (N, S) or of a linear invariant (NOx, Ox) over a box run without
/// clipping: every reaction balances the atoms and every Rosenbrock stage is orthogonal to a linear
/// invariant, so only the rounding of the stage arithmetic and the LU solves (~1e-16 per operation, some
/// thousands of steps) remains.
inline constexpr double atoms_unclipped = 1e-12;

/// The box (Ros3, rtol 1e-6) against the independent SciPy Radau reference at rtol 1e-10 (its own error
/// ~1e-11), relative, for O3, NO2 and HNO3 at 1, 3 and 6 h: the box restarts the solver every 5 min, so local
/// errors of order rtol may accumulate over ~70 restarts; measured 3e-8 (0.03 rtol). 1e-5 = 10 rtol admits
/// that growth with a wide margin and still fails when one key rate constant (cb05-core R1, R3, R9, R28, R112)
/// is off by 0.1 % (which moves O3, NO2 or HNO3 by 1e-4 to 7e-4).
inline constexpr double box_reference_relative = 1e-5;

/// Relative change of the N or S total over a 24 h box day with clipping on (rtol 1e-3, atol 1e3 cm-3): a
/// solve ends with negatives no larger than about its absolute tolerance (1e3 cm-3 = 4e-8 ppb) per species,
/// and zeroing them adds atoms; 288 five-minute solves x at most 10 N-bearing species x 2 atoms bound the gain
/// at 2.3e-4 ppb, 5e-6 of a 50 ppb N total; 1e-5 covers that bound. Measured: 1.4e-12 (grs), none (cb05-core).
inline constexpr double atoms_clipped = 1e-5;

}  // namespace airshed::tolerances
