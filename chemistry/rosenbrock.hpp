// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <vector>

#include "chemistry/kinetic_system.hpp"

namespace airshed::chem {

struct RosenbrockOptions {
  enum class Method { ros3, rodas3 };
  Method method = Method::ros3;
  double rtol = 1e-3;      ///< relative tolerance
  double atol = 1e3;       ///< absolute tolerance, molecules cm-3 (~4e-8 ppb at the surface)
  double h_min = 1e-6;     ///< s
  double h_start = 1.0;    ///< s, first trial step of a solve
  int max_steps = 100000;  ///< per solve
  double fac_min = 0.2, fac_max = 6.0, safety = 0.9;  ///< KPP step-size rules
  /// Set the negative values left at the end of a solve to zero (see RosenbrockSolver::solve). Off only to
  /// inspect the integrator's own result, e.g. in tests of linear invariants.
  bool clip_negatives = true;
};

struct RosenbrockStats {
  int steps = 0, accepted = 0, rejected = 0, singular = 0;
  double last_h = 0.0;  ///< the step the controller would take next (reuse as h_start)
  /// The largest magnitude of a negative value set to zero at the end of the solve [molecules cm-3]; 0 if
  /// none was negative (or clipping is off).
  double max_clipped = 0.0;
  bool ok = true;
};

/// A Rosenbrock integrator (KPP form: Ros3, Sandu et al. 1997, Atmos. Environ. 31, 3459; Rodas3) for a
/// block of `width` cells with the cell index innermost, on the KineticSystem's sparse Jacobian. Error
/// control uses one RMS norm over the block (KPP/MICM); blocks are fixed by the grid, never by the thread
/// count, so results are reproducible (MICM docs/performance.md caveat). Not thread-safe: one solver (with
/// its workspace) per thread.
class RosenbrockSolver {
 public:
  RosenbrockSolver(const KineticSystem& system, RosenbrockOptions options, int max_width);

  /// Integrate y[s * width + c] (molecules cm-3) over dt seconds with constant k_eff (1 <= width <=
  /// max_width). Negative values are kept while integrating (a Rosenbrock method conserves linear
  /// invariants such as atom totals exactly only if the state is not altered between steps) and set to
  /// zero at the end, unless options().clip_negatives is false; the stats report the largest clipped value.
  /// On failure (stats.ok false: too many steps, a step below round-off, a matrix that stays singular) y
  /// holds the state of the last accepted step, clipped the same way.
  RosenbrockStats solve(double* y, const double* k_eff, int width, double dt);

  const RosenbrockOptions& options() const { return options_; }

 private:
  const KineticSystem& system_;
  RosenbrockOptions options_;
  int max_width_;
  std::vector<double> work_;  // integrator workspace, then the LU values
};

namespace detail {

/// Coefficients of a Rosenbrock method in KPP's form (KPP int/rosenbrock.f90; Hairer & Wanner, Solving ODEs
/// II, IV.7, with the transformed variables K_i = h sum_j gamma_ij k_j): a and c are strictly lower
/// triangular, stored row-wise, a(i, j) = a[(i - 1)(i - 2)/2 + j - 1] for 1 <= j < i <= stages.
struct RosenbrockTableau {
  int stages = 0;
  double elo = 0.0;    ///< order of the embedded error estimate plus one (the step-size exponent)
  double gamma = 0.0;  ///< gamma_11, the only gamma an autonomous problem needs
  double a[6] = {}, c[6] = {}, m[4] = {}, e[4] = {};
  bool new_f[4] = {};  ///< whether stage i evaluates f; if not, it reuses stage i-1's
};

const RosenbrockTableau& tableau(RosenbrockOptions::Method method);

/// The linear algebra of a Rosenbrock step: factor G = I/(h gamma) - J and solve G x = b, for the block.
class RosenbrockLinearSolver {
 public:
  virtual ~RosenbrockLinearSolver() = default;
  /// Factor G from the Jacobian `jac` (the pattern's value order) and 1/(h gamma); false if singular.
  virtual bool factor(const double* jac, double inv_h_gamma, int width) = 0;
  virtual void solve(double* b, int width) = 0;
};

/// Doubles of integrator workspace integrate() needs for a block of `width` cells.
std::size_t rosenbrock_workspace(const KineticSystem& system, int width);

/// The KPP Rosenbrock time loop shared by the blocked sparse solver and the dense baseline.
RosenbrockStats integrate(const KineticSystem& system, const RosenbrockOptions& options,
                          RosenbrockLinearSolver& linear, double* work, double* y, const double* k_eff,
                          int width, double dt);

}  // namespace detail

}  // namespace airshed::chem
