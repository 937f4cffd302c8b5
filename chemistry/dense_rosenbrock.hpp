// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <Eigen/Dense>
#include <vector>

#include "chemistry/rosenbrock.hpp"

namespace airshed::chem {

/// The straightforward baseline the blocked sparse solver is measured against: the same Rosenbrock method
/// and step control, one cell at a time, with a dense Jacobian factorised by Eigen's partial-pivoting LU.
class DenseRosenbrockSolver {
 public:
  DenseRosenbrockSolver(const KineticSystem& system, RosenbrockOptions options);
  /// Integrate one cell: y[s] (molecules cm-3), k_eff[r]. Same contract as RosenbrockSolver::solve.
  RosenbrockStats solve(double* y, const double* k_eff, double dt);

 private:
  const KineticSystem& system_;
  RosenbrockOptions options_;
  std::vector<double> work_;
  std::vector<int> row_, col_;  // (row, column) of each value position of the sparse pattern
  Eigen::MatrixXd g_;
  Eigen::PartialPivLU<Eigen::MatrixXd> lu_;
  Eigen::VectorXd x_;
};

}  // namespace airshed::chem
