// SPDX-License-Identifier: Apache-2.0
#include "parallel/block_layout.hpp"

#include <algorithm>
#include <limits>

#include "core/error.hpp"

namespace airshed::parallel {

namespace {

/// Block edges along an axis of n cells split in `parts`: even splits, moved to the nearest multiple of
/// `align` (the last edge is n itself).
std::vector<int> cuts(int n, int parts, int align) {
  std::vector<int> out;
  for (int p = 0; p <= parts; ++p) {
    const long even = static_cast<long>(p) * n / parts;
    out.push_back(p == parts ? n : static_cast<int>((even + align / 2) / align * align));
  }
  return out;
}

}  // namespace

std::string BlockLayout::why_not(const Grid& g, int px, int py, int min_width, bool xp, bool yp,
                                 int x_align) {
  if (xp && px > 1) return "the x axis is periodic and cannot be split";
  if (yp && py > 1) return "the y axis is periodic and cannot be split";
  const std::vector<int> x = cuts(g.nx(), px, x_align), y = cuts(g.ny(), py, 1);
  for (int p = 0; p < px; ++p)
    if (x[p + 1] - x[p] < min_width)
      return std::to_string(px) + " blocks along x would leave one narrower than " +
             std::to_string(min_width) + " columns (grid.nx = " + std::to_string(g.nx()) +
             (x_align > 1 ? ", block edges at multiples of chemistry.block_width = " + std::to_string(x_align)
                          : "") +
             ")";
  for (int p = 0; p < py; ++p)
    if (y[p + 1] - y[p] < min_width)
      return std::to_string(py) + " blocks along y would leave one narrower than " +
             std::to_string(min_width) + " rows (grid.ny = " + std::to_string(g.ny()) + ")";
  return "";
}

BlockLayout::BlockLayout(int px, int py, int nx, int ny, int x_align)
    : px_(px), py_(py), x_cuts_(cuts(nx, px, x_align)), y_cuts_(cuts(ny, py, 1)) {}

BlockLayout BlockLayout::choose(const Grid& g, int ranks, int min_width, bool xp, bool yp,
                                const std::string& what, int x_align) {
  // The slowest rank sets the pace, and the halo traffic grows with the cut length: among the layouts whose
  // largest block is within 2 % of the smallest possible, the one that cuts the fewest cells (a 1000 x 1000
  // grid on 8 ranks: 4 x 2 rather than 8 strips, whose largest block is only 0.8 % smaller).
  struct Candidate {
    int px;
    long load, cut;
  };
  std::vector<Candidate> candidates;
  long best_load = std::numeric_limits<long>::max();
  for (int px = 1; px <= ranks; ++px) {
    if (ranks % px) continue;
    const int py = ranks / px;
    if (!why_not(g, px, py, min_width, xp, yp, x_align).empty()) continue;
    const BlockLayout candidate(px, py, g.nx(), g.ny(), x_align);
    long load = 0;
    for (int r = 0; r < ranks; ++r) {
      const ColumnBlock b = candidate.block(r);
      load = std::max(load, static_cast<long>(b.nx()) * b.ny());
    }
    candidates.push_back({px, load, static_cast<long>(px - 1) * g.ny() + static_cast<long>(py - 1) * g.nx()});
    best_load = std::min(best_load, load);
  }
  int best_px = 0;
  long best_cut = std::numeric_limits<long>::max();
  for (const Candidate& c : candidates)
    if (static_cast<double>(c.load) <= 1.02 * static_cast<double>(best_load) && c.cut < best_cut) {
      best_cut = c.cut;
      best_px = c.px;
    }
  if (best_px == 0)
    throw InputError(what, "no decomposition of the " + std::to_string(g.nx()) + " x " +
                               std::to_string(g.ny()) + " grid into " + std::to_string(ranks) +
                               " blocks at least " + std::to_string(min_width) + " cells wide" +
                               (xp || yp ? " without cutting a periodic axis" : "") + "; use fewer ranks");
  return BlockLayout(best_px, ranks / best_px, g.nx(), g.ny(), x_align);
}

std::pair<int, int> BlockLayout::parse_shape(const std::string& text, const std::string& what) {
  const std::size_t x = text.find('x');
  try {
    std::size_t used_x = 0, used_y = 0;
    if (x == std::string::npos) throw std::invalid_argument(text);
    const int px = std::stoi(text.substr(0, x), &used_x);
    const int py = std::stoi(text.substr(x + 1), &used_y);
    if (used_x != x || used_y != text.size() - x - 1 || px < 1 || py < 1) throw std::invalid_argument(text);
    return {px, py};
  } catch (const std::exception&) {
    throw InputError(what, "'" + text + "' is neither auto nor a layout PXxPY such as 2x2");
  }
}

BlockLayout BlockLayout::parse(const std::string& text, const Grid& g, int ranks, int min_width, bool xp,
                               bool yp, const std::string& what, int x_align) {
  const auto [px, py] = parse_shape(text, what);
  if (px * py != ranks)
    throw InputError(what, "layout " + text + " has " + std::to_string(px * py) + " blocks but the run has " +
                               std::to_string(ranks) + " ranks");
  const std::string problem = why_not(g, px, py, min_width, xp, yp, x_align);
  if (!problem.empty()) throw InputError(what, "layout " + text + ": " + problem);
  return BlockLayout(px, py, g.nx(), g.ny(), x_align);
}

ColumnBlock BlockLayout::block(int rank) const {
  const int bx = rank % px_, by = rank / px_;
  return {x_cuts_[static_cast<std::size_t>(bx)], x_cuts_[static_cast<std::size_t>(bx) + 1],
          y_cuts_[static_cast<std::size_t>(by)], y_cuts_[static_cast<std::size_t>(by) + 1]};
}

int BlockLayout::rank_at(int bx, int by) const {
  if (bx < 0 || by < 0 || bx >= px_ || by >= py_) return -1;
  return by * px_ + bx;
}

std::string BlockLayout::describe() const {
  int wmin = std::numeric_limits<int>::max(), wmax = 0, hmin = wmin, hmax = 0;
  for (int p = 0; p < px_; ++p) {
    wmin = std::min(wmin, x_cuts_[p + 1] - x_cuts_[p]);
    wmax = std::max(wmax, x_cuts_[p + 1] - x_cuts_[p]);
  }
  for (int p = 0; p < py_; ++p) {
    hmin = std::min(hmin, y_cuts_[p + 1] - y_cuts_[p]);
    hmax = std::max(hmax, y_cuts_[p + 1] - y_cuts_[p]);
  }
  auto range = [](int a, int b) {
    return a == b ? std::to_string(a) : std::to_string(a) + "-" + std::to_string(b);
  };
  return std::to_string(px_) + " x " + std::to_string(py_) + " blocks of " + range(wmin, wmax) + " x " +
         range(hmin, hmax) + " columns";
}

}  // namespace airshed::parallel
