// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <vector>

namespace airshed::chem {

/// The sparsity of an n x n matrix with its LU fill-in computed once (symbolic factorisation with a
/// minimum-degree-style row/column ordering so fill-in stays small), and the list of elimination operations
/// the numeric factorisation replays. Values are stored in one array in pattern order; for a block of cells
/// element v of cell c lives at v * width + c.
class SparsePattern {
 public:
  SparsePattern() = default;
  /// `nonzero[i]` lists the columns j with a structural nonzero A(i, j); the diagonal is always included.
  SparsePattern(int n, const std::vector<std::vector<int>>& nonzero);

  int n() const { return n_; }
  int n_values() const { return static_cast<int>(cols_.size()); }
  /// Position of A(i, j) in the value array, or -1 if structurally zero (after fill-in).
  int position(int i, int j) const;
  /// Position of the diagonal element of row i.
  int diagonal(int i) const { return diag_[i]; }

  /// In-place LU of a block of matrices (no pivoting: the Rosenbrock matrix I/(h gamma) - J is diagonally
  /// dominant for small h; a zero pivot is reported). Returns false if a pivot is zero or not finite.
  bool factor(double* values, int width) const;
  /// Solve LU x = b in place for a block (b[i * width + c]).
  void solve(const double* values, double* b, int width) const;

 private:
  int n_ = 0;
  std::vector<int> row_start_, cols_, diag_;
  std::vector<int> order_;  // elimination order of rows/columns (a permutation)
  // Replayed elimination: for each step, pivot position, and (target, source) position pairs.
  struct Update {
    int target, lower, upper;
  };
  std::vector<int> pivot_of_row_;
  std::vector<Update> updates_;
  std::vector<int> update_start_;
};

}  // namespace airshed::chem
