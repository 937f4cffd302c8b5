// SPDX-License-Identifier: Apache-2.0
#include "chemistry/dense_rosenbrock.hpp"

#include <cfloat>
#include <cmath>

namespace airshed::chem {

namespace {

// G = I/(h gamma) - J as a dense matrix, factored by Eigen's LU with partial pivoting (row interchanges).
class DenseLinearSolver final : public detail::RosenbrockLinearSolver {
 public:
  DenseLinearSolver(const std::vector<int>& row, const std::vector<int>& col, Eigen::MatrixXd& g,
                    Eigen::PartialPivLU<Eigen::MatrixXd>& lu, Eigen::VectorXd& x)
      : row_(row), col_(col), g_(g), lu_(lu), x_(x) {}

  bool factor(const double* jac, double inv_h_gamma, int) override {
    g_.setZero();
    for (std::size_t v = 0; v < row_.size(); ++v) g_(row_[v], col_[v]) = -jac[v];
    g_.diagonal().array() += inv_h_gamma;
    lu_.compute(g_);
    // PartialPivLU does not report singularity: look at the pivots, as KPP's KppDecomp does.
    for (Eigen::Index i = 0; i < g_.rows(); ++i) {
      const double p = std::abs(lu_.matrixLU()(i, i));
      if (!(p > 0.0 && p <= DBL_MAX)) return false;
    }
    return true;
  }
  void solve(double* b, int) override {
    Eigen::Map<Eigen::VectorXd> bv(b, x_.size());
    x_.noalias() = lu_.solve(bv);
    bv = x_;
  }

 private:
  const std::vector<int>&row_, &col_;
  Eigen::MatrixXd& g_;
  Eigen::PartialPivLU<Eigen::MatrixXd>& lu_;
  Eigen::VectorXd& x_;
};

}  // namespace

DenseRosenbrockSolver::DenseRosenbrockSolver(const KineticSystem& system, RosenbrockOptions options)
    : system_(system),
      options_(options),
      work_(detail::rosenbrock_workspace(system, 1), 0.0),
      g_(system.n_solved(), system.n_solved()),
      lu_(system.n_solved()),
      x_(system.n_solved()) {
  const SparsePattern& p = system.pattern();
  row_.assign(p.n_values(), -1);
  col_.assign(p.n_values(), -1);
  for (int i = 0; i < p.n(); ++i)
    for (int j = 0; j < p.n(); ++j)
      if (const int v = p.position(i, j); v >= 0) {
        row_[v] = i;
        col_[v] = j;
      }
}

RosenbrockStats DenseRosenbrockSolver::solve(double* y, const double* k_eff, double dt) {
  DenseLinearSolver linear(row_, col_, g_, lu_, x_);
  return detail::integrate(system_, options_, linear, work_.data(), y, k_eff, 1, dt);
}

}  // namespace airshed::chem
