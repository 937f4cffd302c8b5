// SPDX-License-Identifier: Apache-2.0
#include "scenarios/shapley.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>
#include <random>
#include <stdexcept>
#include <string>

namespace airshed::scenarios {

namespace {

const std::vector<double>& value_of(const CoalitionValues& v, Coalition s, std::size_t length) {
  const auto it = v.find(s);
  if (it == v.end()) throw std::invalid_argument("shapley: no value for coalition " + std::to_string(s));
  if (it->second.size() != length)
    throw std::invalid_argument("shapley: the value of coalition " + std::to_string(s) + " has " +
                                std::to_string(it->second.size()) + " components, expected " +
                                std::to_string(length));
  return it->second;
}

void check_players(int n) {
  if (n < 1 || n > kMaxPlayers)
    throw std::invalid_argument("shapley: " + std::to_string(n) + " players (1 to " +
                                std::to_string(kMaxPlayers) + " allowed)");
}

/// Uniform integer in [0, k) from raw 64-bit draws, by rejection (no modulo bias, no library distribution).
std::uint64_t uniform_below(std::mt19937_64& engine, std::uint64_t k) {
  const std::uint64_t threshold = (0 - k) % k;  // 2^64 mod k: draws below it would bias the remainder
  for (;;) {
    const std::uint64_t x = engine();
    if (x >= threshold) return x % k;
  }
}

}  // namespace

ShapleyResult shapley_exact(int n, const CoalitionValues& v) {
  check_players(n);
  const std::size_t length = value_of(v, 0, v.empty() ? 0 : v.begin()->second.size()).size();
  // w(s) = s! (n - s - 1)! / n! = 1 / (n C(n-1, s)): the probability that, in a random ordering, exactly the
  // s given players come before g.
  std::vector<double> weight(static_cast<std::size_t>(n));
  for (int s = 0; s < n; ++s) {
    double binomial = 1.0;  // C(n-1, s), exact in double for n <= 30
    for (int k = 1; k <= s; ++k) binomial = binomial * (n - k) / k;
    weight[static_cast<std::size_t>(s)] = 1.0 / (n * binomial);
  }
  ShapleyResult r;
  r.share.assign(static_cast<std::size_t>(n), std::vector<double>(length, 0.0));
  r.standard_error.assign(static_cast<std::size_t>(n), std::vector<double>(length, 0.0));
  const Coalition all = all_players(n);
  for (int g = 0; g < n; ++g) {
    const Coalition bit = Coalition{1} << g;
    std::vector<double>& share = r.share[static_cast<std::size_t>(g)];
    for (Coalition s = 0;; ++s) {
      if (!(s & bit)) {
        const double w = weight[static_cast<std::size_t>(std::popcount(s))];
        const std::vector<double>& with = value_of(v, s | bit, length);
        const std::vector<double>& without = value_of(v, s, length);
        for (std::size_t m = 0; m < length; ++m) share[m] += w * (with[m] - without[m]);
      }
      if (s == all) break;
    }
  }
  return r;
}

std::vector<std::vector<int>> shapley_permutations(int n, std::size_t count, std::uint64_t seed) {
  check_players(n);
  count = std::max<std::size_t>(4, count + count % 2);
  std::mt19937_64 engine(seed);
  std::vector<std::vector<int>> out;
  out.reserve(count);
  std::vector<int> order(static_cast<std::size_t>(n));
  while (out.size() < count) {
    for (int g = 0; g < n; ++g) order[static_cast<std::size_t>(g)] = g;
    for (int i = n - 1; i > 0; --i) {
      const auto j = static_cast<std::size_t>(uniform_below(engine, static_cast<std::uint64_t>(i) + 1));
      std::swap(order[static_cast<std::size_t>(i)], order[j]);
    }
    out.push_back(order);
    out.emplace_back(order.rbegin(), order.rend());
  }
  return out;
}

std::vector<Coalition> coalitions_needed(int n, const std::vector<std::vector<int>>& permutations) {
  check_players(n);
  std::vector<Coalition> out{0};
  for (const auto& p : permutations) {
    Coalition s = 0;
    for (int g : p) {
      s |= Coalition{1} << g;
      out.push_back(s);
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

ShapleyResult shapley_sampled(int n, const std::vector<std::vector<int>>& permutations,
                              const CoalitionValues& v) {
  check_players(n);
  if (permutations.size() < 2 || permutations.size() % 2)
    throw std::invalid_argument("shapley: sampling needs an even number (>= 2) of permutations");
  const std::size_t length = value_of(v, 0, v.empty() ? 0 : v.begin()->second.size()).size();
  const auto players = static_cast<std::size_t>(n);
  ShapleyResult r;
  r.exact = false;
  r.permutations = permutations.size();
  r.share.assign(players, std::vector<double>(length, 0.0));
  r.standard_error.assign(players, std::vector<double>(length, 0.0));
  // Welford's running mean and sum of squared deviations over the antithetic pairs.
  std::vector<std::vector<double>> m2(players, std::vector<double>(length, 0.0));
  std::vector<std::vector<double>> pair(players, std::vector<double>(length, 0.0));
  const std::size_t pairs = permutations.size() / 2;
  for (std::size_t p = 0; p < pairs; ++p) {
    for (auto& x : pair) std::fill(x.begin(), x.end(), 0.0);
    for (std::size_t half = 0; half < 2; ++half) {
      const std::vector<int>& order = permutations[2 * p + half];
      if (order.size() != players) throw std::invalid_argument("shapley: a permutation of the wrong length");
      Coalition before = 0;
      for (int g : order) {
        const Coalition after = before | (Coalition{1} << g);
        const std::vector<double>& with = value_of(v, after, length);
        const std::vector<double>& without = value_of(v, before, length);
        std::vector<double>& x = pair[static_cast<std::size_t>(g)];
        for (std::size_t m = 0; m < length; ++m) x[m] += 0.5 * (with[m] - without[m]);
        before = after;
      }
    }
    const double count = static_cast<double>(p + 1);
    for (std::size_t g = 0; g < players; ++g)
      for (std::size_t m = 0; m < length; ++m) {
        const double delta = pair[g][m] - r.share[g][m];
        r.share[g][m] += delta / count;
        m2[g][m] += delta * (pair[g][m] - r.share[g][m]);
      }
  }
  for (std::size_t g = 0; g < players; ++g)
    for (std::size_t m = 0; m < length; ++m)
      r.standard_error[g][m] =
          pairs > 1 ? std::sqrt(m2[g][m] / static_cast<double>(pairs - 1) / static_cast<double>(pairs))
                    : std::numeric_limits<double>::quiet_NaN();
  return r;
}

BruteForceResult brute_force(const std::vector<double>& all_on,
                             const std::vector<std::vector<double>>& reduced, const std::vector<double>& none,
                             double fraction) {
  if (!(fraction > 0.0 && fraction <= 1.0))
    throw std::invalid_argument("brute force: the reduction fraction must lie in (0, 1]");
  const std::size_t length = all_on.size();
  if (none.size() != length) throw std::invalid_argument("brute force: values of different lengths");
  BruteForceResult r;
  r.total.resize(length);
  for (std::size_t m = 0; m < length; ++m) r.total[m] = all_on[m] - none[m];
  r.remainder = r.total;
  for (const std::vector<double>& red : reduced) {
    if (red.size() != length) throw std::invalid_argument("brute force: values of different lengths");
    std::vector<double> impact(length);
    for (std::size_t m = 0; m < length; ++m) {
      impact[m] = (all_on[m] - red[m]) / fraction;
      r.remainder[m] -= impact[m];
    }
    r.impact.push_back(std::move(impact));
  }
  return r;
}

}  // namespace airshed::scenarios
