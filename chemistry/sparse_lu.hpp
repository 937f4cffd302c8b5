// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <type_traits>
#include <vector>

namespace airshed::chem {

namespace detail {

/// Calls f(std::integral_constant<int, W>) with W = width for the usual block widths (1, 2, 4, ..., 64) and
/// W = 0 (width known only at run time) otherwise, so the cell loops of the block kernels get a
/// compile-time trip count: without it, a width-1 or width-4 loop costs more in loop overhead than in
/// arithmetic. Each cell sees the same operations either way, so results do not depend on the path taken.
template <class F>
decltype(auto) with_block_width(int width, F&& f) {
  switch (width) {
    case 1:
      return f(std::integral_constant<int, 1>{});
    case 2:
      return f(std::integral_constant<int, 2>{});
    case 4:
      return f(std::integral_constant<int, 4>{});
    case 8:
      return f(std::integral_constant<int, 8>{});
    case 16:
      return f(std::integral_constant<int, 16>{});
    case 32:
      return f(std::integral_constant<int, 32>{});
    case 64:
      return f(std::integral_constant<int, 64>{});
    default:
      return f(std::integral_constant<int, 0>{});
  }
}

}  // namespace detail

/// The sparsity of an n x n matrix with its LU fill-in computed once (symbolic factorisation with a
/// minimum-degree-style row/column ordering so fill-in stays small), and the list of elimination operations
/// the numeric factorisation replays. Values are stored in one array in pattern order; for a block of cells
/// element v of cell c lives at v * width + c.
///
/// The ordering is the diagonal Markowitz rule (Markowitz 1957; MICM's DiagonalMarkowitzReorder): at every
/// elimination step the pivot is the remaining diagonal element with the smallest (row count - 1) x
/// (column count - 1) in the partly eliminated structure, ties to the smallest index. It is applied
/// symmetrically (rows and columns alike), so the pivots stay on the diagonal of the original matrix and
/// positions keep their meaning in the original (species) numbering.
class SparsePattern {
 public:
  SparsePattern() = default;
  /// `nonzero[i]` lists the columns j with a structural nonzero A(i, j); the diagonal is always included.
  SparsePattern(int n, const std::vector<std::vector<int>>& nonzero);

  int n() const { return n_; }
  int n_values() const { return static_cast<int>(cols_.size()); }
  /// Number of positions added by the factorisation (structural zeros of A that the LU fills in).
  int n_fill() const { return n_fill_; }
  /// Position of A(i, j) in the value array, or -1 if structurally zero (after fill-in).
  int position(int i, int j) const;
  /// Position of the diagonal element of row i.
  int diagonal(int i) const { return diag_[i]; }
  /// The elimination order: order()[k] is the row/column eliminated at step k.
  const std::vector<int>& order() const { return order_; }

  /// In-place LU of a block of matrices (no pivoting: the Rosenbrock matrix I/(h gamma) - J is diagonally
  /// dominant for small h; a zero pivot is reported). Returns false if a pivot is zero or not finite.
  /// Afterwards the strictly lower positions (in elimination order) hold L (unit diagonal implied), the
  /// strictly upper ones U and the diagonal positions hold 1/U(i, i), so solve() multiplies, never divides.
  bool factor(double* values, int width) const;
  /// Solve LU x = b in place for a block (b[i * width + c]).
  void solve(const double* values, double* b, int width) const;

 private:
  template <int W>
  bool factor_block(double* values, int width) const;
  template <int W>
  void solve_block(const double* values, double* b, int width) const;

  int n_ = 0, n_fill_ = 0;
  std::vector<int> row_start_, cols_, diag_;  // CSR in the original numbering, fill-in included
  std::vector<int> order_;                    // elimination order of rows/columns (a permutation)

  // Numeric factorisation, Doolittle row by row in elimination order (the "IKJ" form of KPP's KppDecomp):
  // for row i, for every L(i, k) in elimination order of k: L(i, k) *= 1/U(k, k), then
  // A(i, j) -= L(i, k) U(k, j) for every U(k, j); finally the diagonal is replaced by its reciprocal.
  struct Lower {
    int pos, pivot;                // position of L(i, k) and of the (inverted) diagonal of row k
    int update_begin, update_end;  // range in updates_
  };
  struct Update {
    int target, upper;  // A(i, j) -= L(i, k) * U(k, j): positions of A(i, j) and U(k, j)
  };
  std::vector<int> lower_start_;  // per elimination step: range in lower_
  std::vector<Lower> lower_;
  std::vector<Update> updates_;

  // Substitution: per elimination step, the off-diagonal entries of L (forward) and U (backward) of that
  // row, as (value position, column).
  struct Entry {
    int pos, col;
  };
  std::vector<int> forward_start_, backward_start_;
  std::vector<Entry> forward_, backward_;
};

}  // namespace airshed::chem
