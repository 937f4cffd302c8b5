// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include <Eigen/Dense>
#include <cmath>
#include <cstdio>
#include <limits>
#include <vector>

#include "chemistry/kinetic_system.hpp"
#include "chemistry/sparse_lu.hpp"
#include "unit/chemistry/synthetic_mechanisms.hpp"

namespace airshed::chem {
namespace {

using test::Random;

// The Jacobian structure of a mechanism before fill-in: the nonzeros of the analytic Jacobian at a state
// and rate constants where no term cancels.
std::vector<std::vector<int>> jacobian_structure(const KineticSystem& system) {
  const SparsePattern& p = system.pattern();
  const int n = system.n_solved();
  const std::vector<double> y = test::synthetic_initial(n, 3);
  std::vector<double> k(system.n_reactions(), 1.0), jac(p.n_values());
  system.jacobian(y.data(), k.data(), 1, jac.data());
  std::vector<std::vector<int>> rows(n);
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j)
      if (const int pos = p.position(i, j); pos >= 0 && jac[pos] != 0.0 && i != j) rows[i].push_back(j);
  return rows;
}

// Fill-in of Gaussian elimination without reordering (natural order), for comparison.
int natural_order_fill(int n, const std::vector<std::vector<int>>& rows) {
  std::vector<char> nz(static_cast<std::size_t>(n) * n, 0);
  for (int i = 0; i < n; ++i) {
    nz[i * n + i] = 1;
    for (int j : rows[i]) nz[i * n + j] = 1;
  }
  int fill = 0;
  for (int k = 0; k < n; ++k)
    for (int i = k + 1; i < n; ++i)
      if (nz[i * n + k])
        for (int j = k + 1; j < n; ++j)
          if (nz[k * n + j] && !nz[i * n + j]) {
            nz[i * n + j] = 1;
            ++fill;
          }
  return fill;
}

std::vector<std::vector<int>> random_structure(int n, double density, Random& rng) {
  std::vector<std::vector<int>> rows(n);
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j)
      if (i != j && rng.uniform() < density) rows[i].push_back(j);
  return rows;
}

// Random values on a block of matrices with the pattern: off-diagonal values in [-1, 1] at the original
// nonzeros (and, if `fill_values`, at the fill-in positions too, which a matrix with that pattern may
// have), then the diagonal set to the row's absolute sum plus a random margin of either sign, so every
// matrix is strictly diagonally dominant and LU without pivoting is stable.
std::vector<double> random_block(const SparsePattern& p, const std::vector<std::vector<int>>& original,
                                 bool fill_values, int width, Random& rng) {
  std::vector<double> v(static_cast<std::size_t>(p.n_values()) * width, 0.0);
  for (int c = 0; c < width; ++c)
    for (int i = 0; i < p.n(); ++i) {
      double row_sum = 0.0;
      for (int j = 0; j < p.n(); ++j) {
        const int pos = p.position(i, j);
        if (j == i || pos < 0) continue;
        bool is_original = false;
        for (int o : original[i]) is_original |= o == j;
        if (!is_original && !fill_values) continue;
        const double a = rng.uniform(-1.0, 1.0);
        v[pos * width + c] = a;
        row_sum += std::abs(a);
      }
      const double margin = rng.uniform(0.5, 2.0);
      v[p.diagonal(i) * width + c] = (rng.uniform() < 0.5 ? -1.0 : 1.0) * (row_sum + margin);
    }
  return v;
}

Eigen::MatrixXd dense_cell(const SparsePattern& p, const std::vector<double>& v, int width, int c) {
  Eigen::MatrixXd a = Eigen::MatrixXd::Zero(p.n(), p.n());
  for (int i = 0; i < p.n(); ++i)
    for (int j = 0; j < p.n(); ++j)
      if (const int pos = p.position(i, j); pos >= 0) a(i, j) = v[pos * width + c];
  return a;
}

// factor + solve for a block against Eigen's dense partial-pivoting LU, cell by cell.
void check_against_eigen(const SparsePattern& p, const std::vector<std::vector<int>>& original,
                         bool fill_values, int width, Random& rng) {
  SCOPED_TRACE(testing::Message() << "n=" << p.n() << " width=" << width << " fill values=" << fill_values);
  std::vector<double> v = random_block(p, original, fill_values, width, rng);
  const std::vector<double> v0 = v;
  std::vector<double> b(static_cast<std::size_t>(p.n()) * width);
  for (double& x : b) x = rng.uniform(-1.0, 1.0);
  const std::vector<double> b0 = b;
  ASSERT_TRUE(p.factor(v.data(), width));
  p.solve(v.data(), b.data(), width);
  for (int c = 0; c < width; ++c) {
    const Eigen::MatrixXd a = dense_cell(p, v0, width, c);
    Eigen::VectorXd rhs(p.n());
    for (int i = 0; i < p.n(); ++i) rhs(i) = b0[i * width + c];
    const Eigen::VectorXd x = a.partialPivLu().solve(rhs);
    double diff = 0.0;
    for (int i = 0; i < p.n(); ++i) diff = std::max(diff, std::abs(b[i * width + c] - x(i)));
    EXPECT_LE(diff, 1e-12 * x.lpNorm<Eigen::Infinity>()) << "cell " << c;
  }
}

TEST(SparsePattern, DiagonalAlwaysPresentAndPositionsAreConsistent) {
  const SparsePattern p(4, {{1}, {}, {0, 3}, {}});
  EXPECT_EQ(p.n(), 4);
  for (int i = 0; i < 4; ++i) {
    EXPECT_GE(p.diagonal(i), 0);
    EXPECT_EQ(p.position(i, i), p.diagonal(i));
  }
  EXPECT_GE(p.position(0, 1), 0);
  EXPECT_GE(p.position(2, 3), 0);
  EXPECT_EQ(p.position(1, 0), -1);
  EXPECT_EQ(p.position(4, 0), -1);
  // Positions are a bijection onto 0..n_values-1.
  std::vector<int> seen(p.n_values(), 0);
  for (int i = 0; i < 4; ++i)
    for (int j = 0; j < 4; ++j)
      if (const int pos = p.position(i, j); pos >= 0) ++seen[pos];
  for (int s : seen) EXPECT_EQ(s, 1);
}

TEST(SparsePattern, RejectsColumnsOutOfRange) {
  EXPECT_THROW(SparsePattern(2, {{2}, {}}), std::invalid_argument);
  EXPECT_THROW(SparsePattern(2, {{}}), std::invalid_argument);
}

TEST(SparsePattern, MarkowitzOrderingAvoidsTheFillOfAnArrowMatrix) {
  // Row 0 and column 0 full: eliminating 0 first fills the whole matrix; the Markowitz order takes it last.
  const int n = 12;
  std::vector<std::vector<int>> rows(n);
  for (int j = 1; j < n; ++j) {
    rows[0].push_back(j);
    rows[j].push_back(0);
  }
  const SparsePattern p(n, rows);
  EXPECT_EQ(natural_order_fill(n, rows), (n - 1) * (n - 2));
  EXPECT_EQ(p.n_fill(), 0);
  EXPECT_TRUE(p.order()[n - 1] == 0 || p.order()[n - 2] == 0);
  Random rng(7);
  for (int width : {1, 4, 16}) check_against_eigen(p, rows, false, width, rng);
}

TEST(SparsePattern, MechanismPatternFillIsNoWorseThanNaturalOrder) {
  const KineticSystem system(test::synthetic(30, 60, 11));
  const SparsePattern& p = system.pattern();
  const int natural = natural_order_fill(system.n_solved(), jacobian_structure(system));
  RecordProperty("fill_markowitz", p.n_fill());
  RecordProperty("fill_natural", natural);
  std::printf("30-species synthetic mechanism: %d nonzeros, fill-in %d (Markowitz) vs %d (natural order)\n",
              p.n_values() - p.n_fill(), p.n_fill(), natural);
  EXPECT_LE(p.n_fill(), natural);
}

TEST(SparsePattern, FactorAndSolveMatchEigenOnAMechanismPattern) {
  const KineticSystem system(test::synthetic(30, 60, 11));
  const SparsePattern& p = system.pattern();
  const std::vector<std::vector<int>> rows = jacobian_structure(system);
  Random rng(42);
  for (int width : {1, 4, 16})
    for (bool fill_values : {false, true}) check_against_eigen(p, rows, fill_values, width, rng);
  EXPECT_GT(p.n_fill(), 0) << "the test mechanism should exercise fill-in";
}

TEST(SparsePattern, FactorAndSolveMatchEigenOnRandomPatterns) {
  Random rng(2024);
  for (int trial = 0; trial < 6; ++trial) {
    const int n = 10 + 8 * trial;
    const double density = 0.05 + 0.03 * trial;
    const std::vector<std::vector<int>> original = random_structure(n, density, rng);
    const SparsePattern p(n, original);
    for (int width : {1, 4, 16})
      for (bool fill_values : {false, true}) check_against_eigen(p, original, fill_values, width, rng);
  }
}

TEST(SparsePattern, ZeroOrNonFinitePivotIsReported) {
  const std::vector<std::vector<int>> rows = {{1}, {0, 2}, {1}};
  const SparsePattern p(3, rows);
  const int width = 4;
  Random rng(5);
  // The first row eliminated has its own diagonal as pivot.
  const int first = p.order()[0];
  for (double bad :
       {0.0, std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::infinity()}) {
    std::vector<double> v = random_block(p, rows, false, width, rng);
    v[p.diagonal(first) * width + 2] = bad;  // one cell of the block
    EXPECT_FALSE(p.factor(v.data(), width)) << bad;
  }
  // A NaN off the diagonal reaches a later pivot.
  std::vector<double> v = random_block(p, rows, false, width, rng);
  v[p.position(1, 0) * width + 3] = std::numeric_limits<double>::quiet_NaN();
  EXPECT_FALSE(p.factor(v.data(), width));
  // A pivot that becomes zero only through elimination: [[1, 1], [1, 1]].
  const SparsePattern q(2, {{1}, {0}});
  std::vector<double> ones(q.n_values(), 1.0);
  EXPECT_FALSE(q.factor(ones.data(), 1));
}

}  // namespace
}  // namespace airshed::chem
