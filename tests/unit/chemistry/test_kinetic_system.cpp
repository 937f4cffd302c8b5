// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <vector>

#include "chemistry/kinetic_system.hpp"
#include "chemistry/rate_constants.hpp"
#include "unit/chemistry/synthetic_mechanisms.hpp"

namespace airshed::chem {
namespace {

using test::MechanismBuilder;

// Block conditions with per-cell temperature and pressure (arrays owned by the caller).
struct Conditions {
  std::vector<double> t, p, q, j;
  BlockConditions block(int width) const {
    return {width, t.data(), p.data(), q.data(), j.empty() ? nullptr : j.data()};
  }
};

Conditions conditions(int width, int n_photolysis = 0) {
  Conditions c;
  for (int i = 0; i < width; ++i) {
    c.t.push_back(270.0 + 5.0 * i);
    c.p.push_back(101325.0 - 2000.0 * i);
    c.q.push_back(0.002 + 0.001 * i);
  }
  for (int q = 0; q < n_photolysis; ++q)
    for (int i = 0; i < width; ++i) c.j.push_back(1e-3 * (q + 1) + 1e-5 * i);
  return c;
}

TEST(KineticSystem, SolvedSpeciesExcludeFixedOnes) {
  MechanismBuilder b;
  const int a = b.species("A"), m = b.species("M", FixedKind::air), c = b.species("C");
  b.reaction({{a, 1}, {m, 1}}, {{c, 1.0}}, 1e-30);
  const KineticSystem s(b.m);
  ASSERT_EQ(s.n_solved(), 2);
  EXPECT_EQ(s.mechanism_index(0), a);
  EXPECT_EQ(s.mechanism_index(1), c);
  EXPECT_EQ(s.solved_index(a), 0);
  EXPECT_EQ(s.solved_index(m), -1);
  EXPECT_EQ(s.solved_index(c), 1);
  EXPECT_EQ(s.n_reactions(), 1);
}

TEST(KineticSystem, FixedReactantsAreFoldedIntoTheRateConstant) {
  MechanismBuilder b;
  const int a = b.species("A"), bb = b.species("B");
  const int m = b.species("M", FixedKind::air), o2 = b.species("O2", FixedKind::mixing_ratio, 0.2095);
  const int h2o = b.species("H2O", FixedKind::water);
  b.reaction({{a, 1}, {o2, 1}, {m, 1}}, {{bb, 1.0}}, 6e-34);  // O + O2 + M -> O3 + M style
  b.reaction({{a, 1}, {h2o, 1}}, {{bb, 2.0}}, 2.2e-10);       // O1D + H2O -> 2 OH style
  b.reaction({{a, 1}, {o2, 2}}, {{bb, 1.0}}, 1e-40);          // a fixed reactant with count 2
  b.reaction({{a, 1}}, {{bb, 1.0}}, 1e-3);                    // nothing fixed
  const KineticSystem s(b.m);
  const int width = 5;
  const Conditions c = conditions(width);
  std::vector<double> k(s.n_reactions() * width);
  s.rate_constants(c.block(width), k.data());
  for (int i = 0; i < width; ++i) {
    const double cm = fixed_concentration(b.m.species[m], c.p[i], c.t[i], c.q[i]);
    const double co2 = fixed_concentration(b.m.species[o2], c.p[i], c.t[i], c.q[i]);
    const double cw = fixed_concentration(b.m.species[h2o], c.p[i], c.t[i], c.q[i]);
    EXPECT_DOUBLE_EQ(cm, air_number_density(c.p[i], c.t[i]));
    EXPECT_DOUBLE_EQ(k[0 * width + i], 6e-34 * co2 * cm);
    EXPECT_DOUBLE_EQ(k[1 * width + i], 2.2e-10 * cw);
    EXPECT_DOUBLE_EQ(k[2 * width + i], 1e-40 * co2 * co2);
    EXPECT_EQ(k[3 * width + i], 1e-3);
  }
}

TEST(KineticSystem, PhotolysisRatesComeFromTheBlockJArray) {
  MechanismBuilder b;
  const int a = b.species("NO2"), o = b.species("O");
  b.m.photolysis_names = {"O3_O1D", "NO2"};
  Reaction r;
  r.reactants = {{a, 1}};
  r.products = {{o, 1.0}};
  r.rate.kind = RateLaw::Kind::photolysis;
  r.rate.photolysis.j_name = "NO2";
  r.rate.photolysis.j_index = -1;  // resolved by name
  r.rate.photolysis.scale = 0.5;
  b.m.reactions.push_back(r);
  const KineticSystem s(b.m);
  const int width = 3;
  const Conditions c = conditions(width, 2);
  std::vector<double> k(width);
  s.rate_constants(c.block(width), k.data());
  for (int i = 0; i < width; ++i) EXPECT_DOUBLE_EQ(k[i], 0.5 * c.j[1 * width + i]);
}

// Robertson's problem: f and J by hand (Hairer & Wanner IV.1).
TEST(KineticSystem, RobertsonForcingJacobianAndPattern) {
  const KineticSystem s(test::robertson());
  ASSERT_EQ(s.n_solved(), 3);
  const SparsePattern& p = s.pattern();
  // Structure: (i, j) for j a reactant of a reaction with a nonzero net yield of i, and the diagonal. In
  // B + C -> A + C the net yield of C is zero, and B + B -> C + B has net yield -1 for B.
  for (auto [i, j] :
       std::vector<std::pair<int, int>>{{0, 0}, {1, 0}, {1, 1}, {2, 1}, {0, 1}, {0, 2}, {1, 2}, {2, 2}})
    EXPECT_GE(p.position(i, j), 0) << i << "," << j;
  EXPECT_EQ(p.position(2, 0) >= 0, p.n_fill() > 0);

  const int width = 2;
  const double y[] = {0.9, 0.7, 3e-5, 2e-5, 0.1, 0.3};  // y[s * width + c]
  const double k[] = {0.04, 0.04, 3e7, 3e7, 1e4, 1e4};
  std::vector<double> f(3 * width), jac(p.n_values() * width), rates(3 * width);
  s.forcing(y, k, width, f.data());
  s.jacobian(y, k, width, jac.data());
  s.reaction_rates(y, k, width, rates.data());
  for (int c = 0; c < width; ++c) {
    const double a = y[c], bb = y[width + c], cc = y[2 * width + c];
    EXPECT_DOUBLE_EQ(rates[c], 0.04 * a);
    EXPECT_DOUBLE_EQ(rates[width + c], 3e7 * bb * bb);
    EXPECT_DOUBLE_EQ(rates[2 * width + c], 1e4 * bb * cc);
    EXPECT_NEAR(f[c], -0.04 * a + 1e4 * bb * cc, 1e-15);
    EXPECT_NEAR(f[width + c], 0.04 * a - 1e4 * bb * cc - 3e7 * bb * bb, 1e-15);
    EXPECT_NEAR(f[2 * width + c], 3e7 * bb * bb, 1e-15);
    const auto J = [&](int i, int j) { return jac[p.position(i, j) * width + c]; };
    EXPECT_DOUBLE_EQ(J(0, 0), -0.04);
    EXPECT_DOUBLE_EQ(J(0, 1), 1e4 * cc);
    EXPECT_DOUBLE_EQ(J(0, 2), 1e4 * bb);
    EXPECT_DOUBLE_EQ(J(1, 0), 0.04);
    EXPECT_DOUBLE_EQ(J(1, 1), -6e7 * bb - 1e4 * cc);  // multiplicity: d(k B^2)/dB = 2 k B
    EXPECT_DOUBLE_EQ(J(1, 2), -1e4 * bb);
    EXPECT_DOUBLE_EQ(J(2, 1), 6e7 * bb);
    EXPECT_EQ(J(2, 2), 0.0);
    if (p.position(2, 0) >= 0) {
      EXPECT_EQ(J(2, 0), 0.0);  // fill-in positions are written as zero
    }
  }
}

TEST(KineticSystem, TrimolecularMultiplicity) {
  // 2 A + B -> C: rate k A^2 B, dA/dt = -2 rate, d rate/dA = 2 k A B, d rate/dB = k A^2.
  MechanismBuilder b;
  const int a = b.species("A"), bb = b.species("B"), c = b.species("C");
  b.reaction({{a, 2}, {bb, 1}}, {{c, 1.0}}, 2e-30);
  const KineticSystem s(b.m);
  const double y[] = {3e9, 5e10, 1e8}, k[] = {2e-30};
  std::vector<double> f(3), jac(s.pattern().n_values());
  s.forcing(y, k, 1, f.data());
  s.jacobian(y, k, 1, jac.data());
  const double rate = 2e-30 * y[0] * y[0] * y[1];
  EXPECT_DOUBLE_EQ(f[0], -2.0 * rate);
  EXPECT_DOUBLE_EQ(f[1], -rate);
  EXPECT_DOUBLE_EQ(f[2], rate);
  const SparsePattern& p = s.pattern();
  EXPECT_DOUBLE_EQ(jac[p.position(0, 0)], -2.0 * (2.0 * 2e-30 * y[0] * y[1]));
  EXPECT_DOUBLE_EQ(jac[p.position(0, 1)], -2.0 * (2e-30 * y[0] * y[0]));
  EXPECT_DOUBLE_EQ(jac[p.position(2, 0)], 2.0 * 2e-30 * y[0] * y[1]);
  EXPECT_DOUBLE_EQ(jac[p.position(1, 1)], -(2e-30 * y[0] * y[0]));
}

// The analytic Jacobian against centred differences of the forcing, on a 30-species mechanism. Every
// synthetic reaction is at most quadratic in any one species, so the centred difference is exact up to
// round-off for any step; a large step (10 % of the value) keeps that round-off small.
TEST(KineticSystem, JacobianMatchesFiniteDifferences) {
  const KineticSystem s(test::synthetic(30, 60, 11));
  const int n = s.n_solved(), width = 4;
  const Conditions c = conditions(width);
  std::vector<double> k(s.n_reactions() * width);
  s.rate_constants(c.block(width), k.data());
  std::vector<double> y(n * width);
  for (int cell = 0; cell < width; ++cell) {
    const std::vector<double> y0 = test::synthetic_initial(n, 100 + cell);
    for (int i = 0; i < n; ++i) y[i * width + cell] = y0[i];
  }
  const SparsePattern& p = s.pattern();
  std::vector<double> jac(p.n_values() * width), fp(n * width), fm(n * width);
  s.jacobian(y.data(), k.data(), width, jac.data());
  double worst = 0.0;
  for (int j = 0; j < n; ++j) {
    std::vector<double> yp = y, ym = y;
    std::vector<double> h(width);
    for (int cell = 0; cell < width; ++cell) {
      h[cell] = 0.1 * y[j * width + cell];
      yp[j * width + cell] += h[cell];
      ym[j * width + cell] -= h[cell];
    }
    s.forcing(yp.data(), k.data(), width, fp.data());
    s.forcing(ym.data(), k.data(), width, fm.data());
    for (int i = 0; i < n; ++i)
      for (int cell = 0; cell < width; ++cell) {
        const double fd = (fp[i * width + cell] - fm[i * width + cell]) / (2.0 * h[cell]);
        const int pos = p.position(i, j);
        const double an = pos >= 0 ? jac[pos * width + cell] : 0.0;
        // Scale: the largest Jacobian entry of row i for that cell, so round-off in f (a sum of rates
        // spanning decades) does not make the comparison meaningless for small entries.
        double scale = 1e-300;
        for (int q = 0; q < n; ++q)
          if (const int pq = p.position(i, q); pq >= 0)
            scale = std::max(scale, std::abs(jac[pq * width + cell]));
        worst = std::max(worst, std::abs(fd - an) / scale);
        EXPECT_NEAR(fd, an, 1e-7 * scale) << "d f_" << i << " / d y_" << j << " cell " << cell;
      }
  }
  std::printf("largest |finite difference - analytic| / row scale: %.1e\n", worst);
}

// Each cell's forcing and Jacobian are computed with the same operations whatever the block width (also
// beyond one internal chunk of cells), so they are bitwise equal.
TEST(KineticSystem, BlockResultsDoNotDependOnWidth) {
  const KineticSystem s(test::synthetic(30, 60, 5));
  const int n = s.n_solved(), nv = s.pattern().n_values(), wide = 100;
  const Conditions c = conditions(wide);
  std::vector<double> k(s.n_reactions() * wide), y(n * wide);
  s.rate_constants(c.block(wide), k.data());
  for (int cell = 0; cell < wide; ++cell) {
    const std::vector<double> y0 = test::synthetic_initial(n, cell);
    for (int i = 0; i < n; ++i) y[i * wide + cell] = y0[i];
  }
  std::vector<double> f(n * wide), jac(nv * wide);
  s.forcing(y.data(), k.data(), wide, f.data());
  s.jacobian(y.data(), k.data(), wide, jac.data());
  for (int cell : {0, 17, 63, 64, 99}) {
    std::vector<double> y1(n), k1(s.n_reactions()), f1(n), jac1(nv), k1b(s.n_reactions());
    for (int i = 0; i < n; ++i) y1[i] = y[i * wide + cell];
    for (int r = 0; r < s.n_reactions(); ++r) k1[r] = k[r * wide + cell];
    const BlockConditions one{1, c.t.data() + cell, c.p.data() + cell, c.q.data() + cell, nullptr};
    s.rate_constants(one, k1b.data());
    s.forcing(y1.data(), k1.data(), 1, f1.data());
    s.jacobian(y1.data(), k1.data(), 1, jac1.data());
    for (int r = 0; r < s.n_reactions(); ++r)
      EXPECT_EQ(k1b[r], k1[r]) << "cell " << cell << " reaction " << r;
    for (int i = 0; i < n; ++i) EXPECT_EQ(f1[i], f[i * wide + cell]) << "cell " << cell << " species " << i;
    for (int v = 0; v < nv; ++v)
      EXPECT_EQ(jac1[v], jac[v * wide + cell]) << "cell " << cell << " value " << v;
  }
}

TEST(KineticSystem, SumOfSolvedSpeciesIsInvariantForTheSyntheticMechanism) {
  // Every synthetic reaction's yields add up to its solved-reactant count: sum_i f_i = 0 (round-off aside),
  // the linear invariant the Rosenbrock tests rely on.
  const KineticSystem s(test::synthetic(30, 60, 9));
  const int n = s.n_solved();
  const Conditions c = conditions(1);
  std::vector<double> k(s.n_reactions()), f(n);
  s.rate_constants(c.block(1), k.data());
  const std::vector<double> y = test::synthetic_initial(n, 1);
  s.forcing(y.data(), k.data(), 1, f.data());
  double sum = 0.0, scale = 0.0;
  for (double v : f) {
    sum += v;
    scale += std::abs(v);
  }
  EXPECT_LE(std::abs(sum), 1e-13 * scale);
}

TEST(KineticSystem, RejectsUnknownPhotolysisNames) {
  MechanismBuilder b;
  const int a = b.species("A");
  Reaction r;
  r.reactants = {{a, 1}};
  r.rate.kind = RateLaw::Kind::photolysis;
  r.rate.photolysis.j_name = "XYZ";
  b.m.reactions.push_back(r);
  EXPECT_THROW(KineticSystem{b.m}, std::invalid_argument);
}

}  // namespace
}  // namespace airshed::chem
