// SPDX-License-Identifier: Apache-2.0
#include "chemistry/sparse_lu.hpp"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

namespace airshed::chem {

namespace {

// The loops below run over the cells of a block (the contiguous innermost index); W > 0 is the width known
// at compile time (detail::with_block_width), W = 0 a run-time width. The positions they touch are
// distinct, which __restrict tells the compiler so it vectorises without alias checks.
template <int W>
inline void scale(double* __restrict l, const double* __restrict inv_pivot, int width) {
  const int w = W > 0 ? W : width;
  for (int c = 0; c < w; ++c) l[c] *= inv_pivot[c];
}

template <int W>
inline void subtract_product(double* __restrict target, const double* __restrict a,
                             const double* __restrict b, int width) {
  const int w = W > 0 ? W : width;
  for (int c = 0; c < w; ++c) target[c] -= a[c] * b[c];
}

// Replaces the pivots by their reciprocals; false if one is zero, infinite or NaN.
template <int W>
inline bool invert_pivots(double* d, int width) {
  const int w = W > 0 ? W : width;
  bool ok = true;
  for (int c = 0; c < w; ++c) {
    const double a = std::abs(d[c]);
    ok &= a > 0.0 && a <= DBL_MAX;  // NaN fails both comparisons
    d[c] = 1.0 / d[c];
  }
  return ok;
}

}  // namespace

SparsePattern::SparsePattern(int n, const std::vector<std::vector<int>>& nonzero) : n_(n) {
  if (n < 0 || static_cast<int>(nonzero.size()) != n)
    throw std::invalid_argument("SparsePattern: " + std::to_string(nonzero.size()) +
                                " rows given for n = " + std::to_string(n));
  // Structure as a dense boolean matrix: mechanisms have tens to a few hundred species, so the O(n^2)
  // memory and O(n^3) symbolic work are negligible next to one model step, and they are paid once.
  const auto at = [n](int i, int j) { return static_cast<std::size_t>(i) * n + j; };
  std::vector<char> nz(static_cast<std::size_t>(n) * n, 0);
  for (int i = 0; i < n; ++i) {
    nz[at(i, i)] = 1;
    for (int j : nonzero[i]) {
      if (j < 0 || j >= n)
        throw std::invalid_argument("SparsePattern: column " + std::to_string(j) + " out of range in row " +
                                    std::to_string(i));
      nz[at(i, j)] = 1;
    }
  }
  const std::vector<char> original = nz;

  // Symbolic elimination with the diagonal Markowitz choice of pivot. Eliminating k fills (i, j) for every
  // remaining i with A(i, k) != 0 and remaining j with A(k, j) != 0 (Duff, Erisman & Reid, Direct Methods
  // for Sparse Matrices, ch. 7).
  std::vector<char> done(n, 0);
  order_.reserve(n);
  for (int step = 0; step < n; ++step) {
    int best = -1;
    long best_cost = std::numeric_limits<long>::max();
    for (int k = 0; k < n; ++k) {
      if (done[k]) continue;
      long rows = 0, cols = 0;
      for (int j = 0; j < n; ++j)
        if (!done[j] && j != k) {
          rows += nz[at(k, j)];
          cols += nz[at(j, k)];
        }
      if (rows * cols < best_cost) {
        best_cost = rows * cols;
        best = k;
      }
    }
    done[best] = 1;
    order_.push_back(best);
    for (int i = 0; i < n; ++i) {
      if (done[i] || !nz[at(i, best)]) continue;
      for (int j = 0; j < n; ++j)
        if (!done[j] && nz[at(best, j)]) nz[at(i, j)] = 1;
    }
  }

  // Value positions: CSR over the filled structure, columns ascending in the original numbering.
  row_start_.assign(n + 1, 0);
  diag_.assign(n, -1);
  for (int i = 0; i < n; ++i) {
    for (int j = 0; j < n; ++j) {
      if (!nz[at(i, j)]) continue;
      if (j == i) diag_[i] = static_cast<int>(cols_.size());
      n_fill_ += original[at(i, j)] ? 0 : 1;
      cols_.push_back(j);
    }
    row_start_[i + 1] = static_cast<int>(cols_.size());
  }

  // The replayed operations, in elimination-step numbering.
  std::vector<int> step_of(n);
  for (int s = 0; s < n; ++s) step_of[order_[s]] = s;
  const auto by_step = [&step_of](const Entry& a, const Entry& b) { return step_of[a.col] < step_of[b.col]; };
  lower_start_.assign(1, 0);
  forward_start_.assign(1, 0);
  backward_start_.assign(1, 0);
  std::vector<Entry> lower_row, upper_row;
  for (int s = 0; s < n; ++s) {
    const int i = order_[s];
    lower_row.clear();
    upper_row.clear();
    for (int p = row_start_[i]; p < row_start_[i + 1]; ++p) {
      if (step_of[cols_[p]] < s) lower_row.push_back({p, cols_[p]});
      if (step_of[cols_[p]] > s) upper_row.push_back({p, cols_[p]});
    }
    std::sort(lower_row.begin(), lower_row.end(), by_step);
    std::sort(upper_row.begin(), upper_row.end(), by_step);
    for (const Entry& l : lower_row) {
      const int k = l.col;
      Lower op{l.pos, diag_[k], static_cast<int>(updates_.size()), 0};
      for (int q = row_start_[k]; q < row_start_[k + 1]; ++q) {
        const int j = cols_[q];
        if (step_of[j] <= step_of[k]) continue;
        const int target = position(i, j);
        if (target < 0)
          throw std::logic_error("SparsePattern: fill-in missing from the symbolic factorisation");
        updates_.push_back({target, q});
      }
      op.update_end = static_cast<int>(updates_.size());
      lower_.push_back(op);
    }
    lower_start_.push_back(static_cast<int>(lower_.size()));
    forward_.insert(forward_.end(), lower_row.begin(), lower_row.end());
    forward_start_.push_back(static_cast<int>(forward_.size()));
    backward_.insert(backward_.end(), upper_row.begin(), upper_row.end());
    backward_start_.push_back(static_cast<int>(backward_.size()));
  }
}

int SparsePattern::position(int i, int j) const {
  if (i < 0 || i >= n_ || j < 0 || j >= n_) return -1;
  const auto first = cols_.begin() + row_start_[i], last = cols_.begin() + row_start_[i + 1];
  const auto it = std::lower_bound(first, last, j);
  return it != last && *it == j ? static_cast<int>(it - cols_.begin()) : -1;
}

bool SparsePattern::factor(double* v, int width) const {
  return detail::with_block_width(width, [&](auto w) { return factor_block<decltype(w)::value>(v, width); });
}

void SparsePattern::solve(const double* v, double* b, int width) const {
  detail::with_block_width(width, [&](auto w) { solve_block<decltype(w)::value>(v, b, width); });
}

template <int W>
bool SparsePattern::factor_block(double* v, int width) const {
  const std::size_t w = static_cast<std::size_t>(W > 0 ? W : width);
  for (int s = 0; s < n_; ++s) {
    for (int l = lower_start_[s]; l < lower_start_[s + 1]; ++l) {
      const Lower& op = lower_[l];
      double* lik = v + op.pos * w;
      scale<W>(lik, v + op.pivot * w, width);  // L(i, k) = A(i, k) / U(k, k)
      for (int u = op.update_begin; u < op.update_end; ++u)
        subtract_product<W>(v + updates_[u].target * w, lik, v + updates_[u].upper * w, width);
    }
    if (!invert_pivots<W>(v + diag_[order_[s]] * w, width)) return false;
  }
  return true;
}

template <int W>
void SparsePattern::solve_block(const double* v, double* b, int width) const {
  const std::size_t w = static_cast<std::size_t>(W > 0 ? W : width);
  // Forward substitution L z = b (unit diagonal), rows in elimination order.
  for (int s = 0; s < n_; ++s) {
    double* bi = b + order_[s] * w;
    for (int e = forward_start_[s]; e < forward_start_[s + 1]; ++e)
      subtract_product<W>(bi, v + forward_[e].pos * w, b + forward_[e].col * w, width);
  }
  // Back substitution U x = z, rows in reverse elimination order; the diagonal holds 1/U(i, i).
  for (int s = n_ - 1; s >= 0; --s) {
    const int i = order_[s];
    double* bi = b + i * w;
    for (int e = backward_start_[s]; e < backward_start_[s + 1]; ++e)
      subtract_product<W>(bi, v + backward_[e].pos * w, b + backward_[e].col * w, width);
    scale<W>(bi, v + diag_[i] * w, width);
  }
}

}  // namespace airshed::chem
