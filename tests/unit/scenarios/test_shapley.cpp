// SPDX-License-Identifier: Apache-2.0
// Shapley values and brute-force impacts on hand-made games: the additive game, an interaction split
// equally, efficiency (the shares sum to v(all) - v(empty)), symmetry and null players, sampling within its
// stated error, and reproducible orderings.
#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <numeric>
#include <stdexcept>

#include "scenarios/shapley.hpp"

using namespace airshed::scenarios;

namespace {

/// Sums of a few dozen O(1) terms in double: each share is a weighted sum of 2^(n-1) differences, so its
/// rounding is a few ulp of the largest value; 1e-12 admits only round-off.
constexpr double kRoundOff = 1e-12;

/// Every coalition of n players with v(S) = f(S) (one component per entry of f's result).
template <class F>
CoalitionValues game(int n, F f) {
  CoalitionValues v;
  for (Coalition s = 0; s <= all_players(n); ++s) v[s] = f(s);
  return v;
}

/// A non-additive 3-component game: pairwise products and a cube, like chemistry's interactions.
std::vector<double> messy(int n, Coalition s) {
  double a = 0, b = 0, c = 0;
  for (int g = 0; g < n; ++g) {
    if (!(s & (Coalition{1} << g))) continue;
    a += 1.0 + 0.3 * g;
    b += std::sin(1.0 + g);
    for (int h = 0; h < g; ++h)
      if (s & (Coalition{1} << h)) c += 0.1 * (g - h) * std::cos(g + 2.0 * h);
  }
  return {a * a - 2.0 * a, b * b * b + c, std::sqrt(1.0 + a) + c * b};
}

void expect_efficient(const ShapleyResult& r, const CoalitionValues& v, int n, double tolerance) {
  const std::vector<double>& all = v.at(all_players(n));
  const std::vector<double>& none = v.at(0);
  for (std::size_t m = 0; m < all.size(); ++m) {
    double sum = 0.0;
    for (int g = 0; g < n; ++g) sum += r.share[static_cast<std::size_t>(g)][m];
    EXPECT_NEAR(sum, all[m] - none[m], tolerance * std::max(1.0, std::abs(all[m]) + std::abs(none[m])))
        << "component " << m;
  }
}

}  // namespace

TEST(Shapley, AdditiveGameGivesEachPlayerItsOwnValue) {
  const std::vector<double> own{3.0, -1.5, 0.25, 7.0, 0.0};
  const int n = static_cast<int>(own.size());
  const CoalitionValues v = game(n, [&](Coalition s) {
    double sum = 10.0;  // the all-off background is nobody's
    for (int g = 0; g < n; ++g)
      if (s & (Coalition{1} << g)) sum += own[static_cast<std::size_t>(g)];
    return std::vector<double>{sum, 2.0 * sum};
  });
  const ShapleyResult r = shapley_exact(n, v);
  EXPECT_TRUE(r.exact);
  for (int g = 0; g < n; ++g) {
    EXPECT_NEAR(r.share[static_cast<std::size_t>(g)][0], own[static_cast<std::size_t>(g)], kRoundOff);
    EXPECT_NEAR(r.share[static_cast<std::size_t>(g)][1], 2.0 * own[static_cast<std::size_t>(g)], kRoundOff);
    EXPECT_EQ(r.standard_error[static_cast<std::size_t>(g)][0], 0.0);
  }
  // Brute force agrees for an additive game, whatever the fraction (the response is linear in each group).
  for (double fraction : {1.0, 0.2}) {
    std::vector<std::vector<double>> reduced;
    const std::vector<double>& all = v.at(all_players(n));
    for (int g = 0; g < n; ++g) {
      std::vector<double> x = all;
      x[0] -= fraction * own[static_cast<std::size_t>(g)];
      x[1] -= 2.0 * fraction * own[static_cast<std::size_t>(g)];
      reduced.push_back(x);
    }
    const BruteForceResult b = brute_force(all, reduced, v.at(0), fraction);
    for (int g = 0; g < n; ++g)
      EXPECT_NEAR(b.impact[static_cast<std::size_t>(g)][0], own[static_cast<std::size_t>(g)], kRoundOff);
    EXPECT_NEAR(b.remainder[0], 0.0, kRoundOff);
    EXPECT_NEAR(b.total[0], 8.75, kRoundOff);
  }
}

TEST(Shapley, TwoPlayersSplitTheirInteractionEqually) {
  // v(a) = 2, v(b) = 5, v(ab) = 2 + 5 + 6: each gets its own value plus half of the interaction 6.
  CoalitionValues v{{0, {0.0}}, {1, {2.0}}, {2, {5.0}}, {3, {13.0}}};
  const ShapleyResult r = shapley_exact(2, v);
  EXPECT_NEAR(r.share[0][0], 5.0, kRoundOff);
  EXPECT_NEAR(r.share[1][0], 8.0, kRoundOff);
  // Brute force gives each the whole interaction and reports it, with the opposite sign, as the remainder.
  const BruteForceResult b = brute_force({13.0}, {{5.0}, {2.0}}, {0.0}, 1.0);
  EXPECT_NEAR(b.impact[0][0], 8.0, kRoundOff);
  EXPECT_NEAR(b.impact[1][0], 11.0, kRoundOff);
  EXPECT_NEAR(b.remainder[0], -6.0, kRoundOff);
}

TEST(Shapley, SharesSumToTheTotalChangeSymmetricAndNullPlayers) {
  for (int n = 1; n <= kMaxExactPlayers; ++n) {
    SCOPED_TRACE(n);
    const CoalitionValues v = game(n, [&](Coalition s) { return messy(n, s); });
    expect_efficient(shapley_exact(n, v), v, n, kRoundOff);
  }
  // Players 0 and 1 interchangeable, player 2 adds nothing anywhere.
  const CoalitionValues v = game(3, [](Coalition s) {
    const int k = std::popcount(s & 3u);
    return std::vector<double>{k * k * 1.5 + 0.5};
  });
  const ShapleyResult r = shapley_exact(3, v);
  EXPECT_NEAR(r.share[0][0], r.share[1][0], kRoundOff);
  EXPECT_NEAR(r.share[2][0], 0.0, kRoundOff);
  EXPECT_NEAR(r.share[0][0], 3.0, kRoundOff);
}

TEST(Shapley, MissingCoalitionIsAnError) {
  CoalitionValues v{{0, {0.0}}, {1, {1.0}}, {3, {2.0}}};
  EXPECT_THROW(shapley_exact(2, v), std::invalid_argument);
  EXPECT_THROW(shapley_exact(0, v), std::invalid_argument);
  EXPECT_THROW(brute_force({1.0}, {{0.5}}, {0.0}, 0.0), std::invalid_argument);
  EXPECT_THROW(brute_force({1.0}, {{0.5}}, {0.0}, 1.5), std::invalid_argument);
}

TEST(Shapley, OrderingsAreReproducibleAntitheticPermutations) {
  const auto p = shapley_permutations(10, 7, 42);
  ASSERT_EQ(p.size(), 8u);  // rounded up to pairs
  EXPECT_EQ(p, shapley_permutations(10, 7, 42));
  EXPECT_NE(p, shapley_permutations(10, 7, 43));
  for (std::size_t k = 0; k < p.size(); k += 2) {
    std::vector<int> sorted = p[k];
    std::sort(sorted.begin(), sorted.end());
    std::vector<int> expected(10);
    std::iota(expected.begin(), expected.end(), 0);
    EXPECT_EQ(sorted, expected);
    EXPECT_EQ(std::vector<int>(p[k].rbegin(), p[k].rend()), p[k + 1]);
  }
  // Every prefix of every ordering, and the empty and full coalitions, are needed; nothing else.
  const auto needed = coalitions_needed(10, p);
  EXPECT_EQ(needed.front(), 0u);
  EXPECT_EQ(needed.back(), all_players(10));
  EXPECT_LE(needed.size(), p.size() * 9 + 2);
}

TEST(Shapley, SampledTenPlayersWithinTheirStatedError) {
  constexpr int n = 10;
  const CoalitionValues v = game(n, [&](Coalition s) { return messy(n, s); });
  const ShapleyResult exact = shapley_exact(n, v);  // 1024 coalitions: cheap here, 1024 runs in a model
  const auto permutations = shapley_permutations(n, 400, 20261128);
  CoalitionValues needed;
  for (Coalition s : coalitions_needed(n, permutations)) needed[s] = v.at(s);
  const ShapleyResult r = shapley_sampled(n, permutations, needed);
  EXPECT_FALSE(r.exact);
  EXPECT_EQ(r.permutations, 400u);
  // Efficiency holds for every ordering, so for the sample exactly (up to rounding), not just on average.
  expect_efficient(r, v, n, kRoundOff);
  // Each estimate lies within 4 standard errors of the exact value (a normal deviate beyond 4 sigma has
  // probability 6e-5; 30 estimates, fixed seed), and the errors are honest: not zero, not huge.
  int within_two = 0, total = 0;
  for (int g = 0; g < n; ++g)
    for (std::size_t m = 0; m < 3; ++m) {
      const double se = r.standard_error[static_cast<std::size_t>(g)][m];
      const double err =
          std::abs(r.share[static_cast<std::size_t>(g)][m] - exact.share[static_cast<std::size_t>(g)][m]);
      EXPECT_GT(se, 0.0);
      EXPECT_LE(err, 4.0 * se + kRoundOff) << "player " << g << " component " << m;
      within_two += err <= 2.0 * se;
      ++total;
    }
  EXPECT_GE(within_two, total * 3 / 4);  // about 95 % expected
  // A missing coalition is an error, not a silent zero.
  needed.erase(needed.find(all_players(n)));
  EXPECT_THROW(shapley_sampled(n, permutations, needed), std::invalid_argument);
}
