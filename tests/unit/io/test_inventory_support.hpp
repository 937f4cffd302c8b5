// SPDX-License-Identifier: Apache-2.0
// Shared by the inventory reader tests: a model grid around Kangbashi and an assertion on InputError text.
#pragma once
#include <gtest/gtest.h>

#include <functional>
#include <initializer_list>
#include <string>

#include "core/error.hpp"
#include "core/grid.hpp"
#include "io_test_support.hpp"

namespace airshed::test {

/// 20 x 20 cells of 3 km on the test LCC, x -60..0 km, y -30..30 km: Kangbashi (109.745 E, 39.640 N) lies
/// near x = -22 km, y = 3 km.
inline Grid inventory_grid() {
  return Grid(20, 20, 3000.0, 3000.0, -60000.0, -30000.0, VerticalLayers({0.0, 50.0, 150.0, 400.0}),
              test_lcc());
}

/// The InputError message `f` throws; a test failure when it throws none.
inline std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const InputError& e) {
    return e.what();
  }
  ADD_FAILURE() << "no InputError was thrown";
  return {};
}

/// `f` throws an InputError whose message contains every one of `parts` (file:line, column, problem).
inline void expect_error(const std::function<void()>& f, std::initializer_list<std::string> parts) {
  const std::string message = error_of(f);
  for (const auto& part : parts)
    EXPECT_NE(message.find(part), std::string::npos) << "'" << part << "' not in: " << message;
}

}  // namespace airshed::test
