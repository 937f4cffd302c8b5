// SPDX-License-Identifier: Apache-2.0
#pragma once
#include "chemistry/rosenbrock.hpp"

namespace airshed::chem {

/// The straightforward baseline the blocked sparse solver is measured against: the same Rosenbrock method
/// and step control, one cell at a time, with a dense Jacobian factorised by Eigen's partial-pivoting LU.
class DenseRosenbrockSolver {
 public:
  DenseRosenbrockSolver(const KineticSystem& system, RosenbrockOptions options);
  /// Integrate one cell: y[s] (molecules cm-3), k_eff[r].
  RosenbrockStats solve(double* y, const double* k_eff, double dt);

 private:
  const KineticSystem& system_;
  RosenbrockOptions options_;
};

}  // namespace airshed::chem
