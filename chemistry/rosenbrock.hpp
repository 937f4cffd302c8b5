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
};

struct RosenbrockStats {
  int steps = 0, accepted = 0, rejected = 0, singular = 0;
  double last_h = 0.0;  ///< the step the controller would take next (reuse as h_start)
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

  /// Integrate y[s * width + c] (molecules cm-3) over dt seconds with constant k_eff.
  RosenbrockStats solve(double* y, const double* k_eff, int width, double dt);

  const RosenbrockOptions& options() const { return options_; }

 private:
  const KineticSystem& system_;
  RosenbrockOptions options_;
  int max_width_;
  std::vector<double> work_;
};

}  // namespace airshed::chem
