// SPDX-License-Identifier: Apache-2.0
// Bad met files: each failure is one InputError line naming the file and the variable at fault.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <limits>

#include "core/error.hpp"
#include "io/cf_met_reader.hpp"
#include "io/cf_met_writer.hpp"
#include "io_test_support.hpp"

namespace airshed {
namespace {

using test::met_grid;

class CfMetErrors : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = (test::scratch_dir() / "met.nc").string();
    write(met_grid(), [](std::size_t r) { return test::synthetic_record(met_grid(), r); });
  }

  void write(const Grid& grid, const std::function<MetRecord(std::size_t)>& record) {
    write_cf_met(path_, grid, test::test_times(), record, "test", "io error test");
  }

  /// The one-line message of the InputError `action` throws; fails the test if it throws nothing.
  template <class Action>
  std::string message_of(Action action) {
    try {
      action();
    } catch (const InputError& e) {
      return e.what();
    }
    ADD_FAILURE() << "no InputError";
    return {};
  }

  std::string construct_message(const Grid& model) {
    return message_of([&] { CfMetReader reader(path_, model); });
  }

  void expect_one_line_naming(const std::string& message, const std::string& variable,
                              const std::string& problem) const {
    EXPECT_EQ(message.rfind(path_ + ": ", 0), 0u) << message;
    EXPECT_NE(message.find("'" + variable + "'"), std::string::npos) << message;
    EXPECT_NE(message.find(problem), std::string::npos) << message;
    EXPECT_EQ(message.find('\n'), std::string::npos) << message;
  }

  std::string path_;
};

TEST_F(CfMetErrors, MissingRequiredVariable) {
  {
    test::NcEdit edit(path_);
    edit.remove_attribute("v", "standard_name");
    edit.rename("v", "hidden");
  }
  expect_one_line_naming(construct_message(met_grid()), "northward_wind", "is missing");
}

TEST_F(CfMetErrors, WrongUnit) {
  {
    test::NcEdit edit(path_);
    edit.set_text("t", "units", "furlongs");
  }
  const std::string m = construct_message(met_grid());
  expect_one_line_naming(m, "t", "units 'furlongs' are not a temperature");
}

TEST_F(CfMetErrors, NanInARecordIsFoundByRead) {
  write(met_grid(), [](std::size_t r) {
    MetRecord m = test::synthetic_record(met_grid(), r);
    if (r == 1) m.air_temperature(3, 2, 1) = std::numeric_limits<double>::quiet_NaN();
    return m;
  });
  const CfMetReader reader(path_, met_grid());
  EXPECT_NO_THROW(reader.read(0));
  const std::string m = message_of([&] { reader.read(1); });
  expect_one_line_naming(m, "t", "NaN at record 1 (time 2021-07-01T01:00:00Z), cell (3,2,1)");
}

TEST_F(CfMetErrors, FillValueAndImpossibleValuesAreFoundByRead) {
  write(met_grid(), [](std::size_t r) {
    MetRecord m = test::synthetic_record(met_grid(), r);
    if (r == 0) m.air_temperature(1, 1, 0) = 120.0;
    if (r == 1) m.friction_velocity(2, 3) = -0.1;
    if (r == 2) m.air_pressure(0, 0, 3) = NC_FILL_DOUBLE;  // never-written data
    return m;
  });
  const CfMetReader reader(path_, met_grid());
  expect_one_line_naming(message_of([&] { reader.read(0); }), "t", "value 120 K is physically impossible");
  expect_one_line_naming(message_of([&] { reader.read(1); }), "ust", "cell (2,3)");
  expect_one_line_naming(message_of([&] { reader.read(2); }), "p", "fill value");
}

TEST_F(CfMetErrors, NonMonotonicX) {
  {
    test::NcEdit edit(path_);
    edit.put("x", {3}, edit.get("x", {5}));
  }
  expect_one_line_naming(construct_message(met_grid()), "x", "not strictly monotonic");
}

TEST_F(CfMetErrors, UnevenX) {
  {
    test::NcEdit edit(path_);
    edit.put("x", {3}, edit.get("x", {3}) + 100.0);
  }
  expect_one_line_naming(construct_message(met_grid()), "x", "spacing is not uniform");
}

TEST_F(CfMetErrors, TimeNotIncreasing) {
  {
    test::NcEdit edit(path_);
    edit.put("time", {2}, edit.get("time", {1}));
  }
  expect_one_line_naming(construct_message(met_grid()), "time", "times must increase strictly");
}

TEST_F(CfMetErrors, ModelGridSticksOutOfTheMetGrid) {
  expect_one_line_naming(construct_message(test::window_grid(4, 3, 6, 0)), "x",
                         "model grid extends 24000 m east of the met grid");
  expect_one_line_naming(construct_message(test::window_grid(4, 3, 0, -1)), "y",
                         "model grid extends 12000 m south of the met grid");
}

TEST_F(CfMetErrors, ModelGridNotOnMetCellEdges) {
  const Grid g = met_grid();
  const Grid shifted(4, 3, g.dx(), g.dy(), g.x_west() + 0.5 * g.dx(), g.y_south(), g.layers(),
                     g.projection());
  expect_one_line_naming(construct_message(shifted), "x", "is not on a met cell edge");
  const Grid finer(4, 3, 0.5 * g.dx(), g.dy(), g.x_west(), g.y_south(), g.layers(), g.projection());
  expect_one_line_naming(construct_message(finer), "x", "model spacing dx = 6000 m differs");
}

TEST_F(CfMetErrors, LayerMismatch) {
  const Grid g = met_grid();
  const Grid model(g.nx(), g.ny(), g.dx(), g.dy(), g.x_west(), g.y_south(),
                   VerticalLayers({0.0, 50.0, 160.0, 400.0, 1000.0}), g.projection());
  expect_one_line_naming(construct_message(model), "z", "model layer interface 2 at 160 m differs");
  const Grid deeper(g.nx(), g.ny(), g.dx(), g.dy(), g.x_west(), g.y_south(),
                    VerticalLayers({0.0, 50.0, 150.0, 400.0, 1000.0, 2000.0}), g.projection());
  expect_one_line_naming(construct_message(deeper), "z", "the model has 5 layers but the met file only 4");
}

TEST_F(CfMetErrors, ProjectionMismatch) {
  const Grid g = met_grid();
  Projection other = g.projection();
  other.standard_parallel_2 = 45.0;
  const Grid model(g.nx(), g.ny(), g.dx(), g.dy(), g.x_west(), g.y_south(), g.layers(), other);
  expect_one_line_naming(construct_message(model), "crs", "standard_parallel 45 vs 47");
}

TEST_F(CfMetErrors, MixedWindFrames) {
  {
    test::NcEdit edit(path_);
    edit.set_text("v", "standard_name", "y_wind");
  }
  expect_one_line_naming(construct_message(met_grid()), "v", "both earth-relative or both grid-relative");
}

TEST_F(CfMetErrors, NotANetcdfFile) {
  { std::ofstream(path_) << "not netcdf\n"; }
  const std::string m = construct_message(met_grid());
  EXPECT_EQ(m.rfind(path_ + ": cannot open as NetCDF", 0), 0u) << m;
}

}  // namespace
}  // namespace airshed
