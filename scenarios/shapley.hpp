// SPDX-License-Identifier: Apache-2.0
#pragma once
// Attribution arithmetic over ensemble members, free of any model: Shapley values of a cooperative game whose
// players are source groups and whose value is a vector of model outputs (one number per site, statistic or
// cell), and the brute-force (one-at-a-time) impacts with their non-additive remainder.
// docs/apportionment-ensembles.md explains both.
#include <cstddef>
#include <cstdint>
#include <map>
#include <vector>

namespace airshed::scenarios {

/// A set of players: bit g set when player g is on (its emissions present).
using Coalition = std::uint32_t;
/// The value of every coalition that was run: one vector per coalition, all of the same length.
using CoalitionValues = std::map<Coalition, std::vector<double>>;

/// Most players exact enumeration takes (2^8 = 256 runs); above it shapley values are sampled.
constexpr int kMaxExactPlayers = 8;
/// Most players a Coalition can hold.
constexpr int kMaxPlayers = 30;

/// The coalition of all n players.
inline Coalition all_players(int n) {
  return n >= 32 ? ~Coalition{0} : (Coalition{1} << n) - 1;
}

struct ShapleyResult {
  /// share[g][m]: player g's Shapley value for component m. For every m, sum over g of share[g][m] equals
  /// v(all)[m] - v(empty)[m] (exactly in exact arithmetic; here up to rounding of a few ulps of the terms).
  std::vector<std::vector<double>> share;
  /// Standard error of each share (sample standard deviation of the marginal contributions over the
  /// permutations / sqrt(permutations)); all zero when exact.
  std::vector<std::vector<double>> standard_error;
  bool exact = true;
  std::size_t permutations = 0;  ///< permutations sampled (0 when exact)
};

/// Exact Shapley values of n players (1 <= n <= kMaxPlayers; `airshed apportion` enumerates up to
/// kMaxExactPlayers): phi_g = sum over S not holding g of |S|! (n - |S| - 1)! / n! (v(S + g) - v(S)) (Shapley
/// 1953). `v` must hold every one of the 2^n coalitions; throws std::invalid_argument otherwise.
ShapleyResult shapley_exact(int n, const CoalitionValues& v);

/// `count` random orderings of n players, reproducible from `seed` on every platform (64-bit Mersenne
/// Twister with a Fisher-Yates shuffle whose index draws are our own, not the standard library's
/// implementation-defined distributions). Each ordering is followed by its reverse (antithetic pairs), which
/// reduces the variance for near-additive games; `count` is rounded up to an even number, at least 4.
std::vector<std::vector<int>> shapley_permutations(int n, std::size_t count, std::uint64_t seed);

/// Coalitions whose values the permutations need (every prefix of every ordering), sorted, unique.
std::vector<Coalition> coalitions_needed(int n, const std::vector<std::vector<int>>& permutations);

/// Sampled Shapley values (Castro, Gomez and Tejada 2009): the mean over the orderings of each player's
/// marginal contribution v(P + g) - v(P), P the players before g. Each ordering's contributions sum to
/// v(all) - v(empty), so the shares do too. The standard error treats each antithetic pair as one sample.
/// Throws std::invalid_argument when a needed coalition is missing from `v`.
ShapleyResult shapley_sampled(int n, const std::vector<std::vector<int>>& permutations,
                              const CoalitionValues& v);

/// Brute force (one at a time) with reduction fraction f in (0, 1] (1: the group removed):
///   impact[g] = (v(all) - v(all with g reduced by f)) / f
/// the impact per unit reduction scaled to the whole group (for a linear response this is exactly the
/// group's contribution whatever f is);
///   total = v(all) - v(none)   (every group removed entirely),
///   remainder = total - sum over g of impact[g]
/// the non-additive part: zero for a linear response, the interactions (and the curvature within each
/// group's reduction) otherwise.
struct BruteForceResult {
  std::vector<std::vector<double>> impact;
  std::vector<double> total, remainder;
};
/// `reduced[g]` is v(all with g reduced by f). Throws std::invalid_argument for f outside (0, 1] or vectors
/// of different lengths.
BruteForceResult brute_force(const std::vector<double>& all_on,
                             const std::vector<std::vector<double>>& reduced, const std::vector<double>& none,
                             double fraction);

}  // namespace airshed::scenarios
