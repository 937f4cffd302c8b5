// SPDX-License-Identifier: Apache-2.0
// HDF5 checkpoints: bit-exact round trips, clear errors on files that are not checkpoints, atomic writes.
#include <gtest/gtest.h>
#include <hdf5.h>
#include <unistd.h>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <random>
#include <string>

#include "core/error.hpp"
#include "io/atomic_file.hpp"
#include "io/checkpoint.hpp"

namespace airshed {
namespace {

namespace fs = std::filesystem;

/// A fresh scratch directory per test, removed afterwards.
class Checkpoint : public testing::Test {
 protected:
  void SetUp() override {
    const auto* info = testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::temp_directory_path() /
           ("airshed-checkpoint-" + std::to_string(::getpid()) + "-" + std::string(info->name()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string path(const std::string& name) const { return (dir_ / name).string(); }
  /// Number of entries in the scratch directory (to see that no temporary is left behind).
  int entries() const {
    int n = 0;
    for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir_)) ++n;
    return n;
  }

  fs::path dir_;
};

double from_bits(std::uint64_t bits) {
  double d;
  std::memcpy(&d, &bits, sizeof d);
  return d;
}

/// Doubles from uniformly random bit patterns (all exponents, both signs), NaNs replaced, plus the awkward
/// values at the front: -0.0, the smallest and largest denormals, the smallest normal, +-infinity.
Array3 random_field(int n0, int n1, int n2, std::uint64_t seed) {
  Array3 a(n0, n1, n2);
  std::mt19937_64 rng(seed);
  for (double& v : a.data) {
    do v = from_bits(rng());
    while (std::isnan(v));
  }
  const double specials[] = {-0.0,
                             std::numeric_limits<double>::denorm_min(),
                             -from_bits(0x000fffffffffffffULL),
                             std::numeric_limits<double>::min(),
                             std::numeric_limits<double>::infinity(),
                             -std::numeric_limits<double>::infinity(),
                             std::numeric_limits<double>::max(),
                             0.1};
  for (std::size_t i = 0; i < std::size(specials) && i < a.data.size(); ++i) a.data[i] = specials[i];
  return a;
}

bool same_bits(const Array3& a, const Array3& b) {
  return a.n0 == b.n0 && a.n1 == b.n1 && a.n2 == b.n2 && a.data.size() == b.data.size() &&
         (a.data.empty() || std::memcmp(a.data.data(), b.data.data(), a.data.size() * sizeof(double)) == 0);
}

bool same_bits(double a, double b) {
  return std::memcmp(&a, &b, sizeof a) == 0;
}

CheckpointData sample() {
  CheckpointData d;
  d.fields["air"] = random_field(7, 5, 3, 1);
  d.fields["species/O3"] = random_field(7, 5, 3, 4);  // nested: /fields/species/O3
  d.fields["species/NO2"] = random_field(12, 1, 9, 2);
  d.fields["tags/a/b/c"] = random_field(2, 2, 2, 5);
  d.fields["single"] = random_field(1, 1, 1, 3);
  d.fields["empty"] = Array3();
  d.reals["time_seconds"] = 86400.0 * 3 + 0.125;
  d.reals["negative_zero"] = -0.0;
  d.reals["denormal"] = std::numeric_limits<double>::denorm_min();
  d.reals["third"] = 1.0 / 3.0;
  d.reals["infinite"] = -std::numeric_limits<double>::infinity();
  d.reals["budget.west.O3"] = 1e-300;
  d.reals["with/slash"] = 2.5;
  d.integers["step"] = 4321;
  d.integers["min"] = std::numeric_limits<std::int64_t>::min();
  d.integers["max"] = std::numeric_limits<std::int64_t>::max();
  d.texts["start"] = "2026-11-28T00:00:00Z";
  d.texts["empty"] = "";
  d.texts["utf8"] = "Kangbashi \xe5\xba\xb7\xe5\xb7\xb4\xe4\xbb\x80, Ordos";
  d.texts["long"] = std::string(5000, 'x') + "end";
  return d;
}

void expect_equal(const CheckpointData& a, const CheckpointData& b) {
  ASSERT_EQ(a.fields.size(), b.fields.size());
  for (const auto& [name, field] : a.fields) {
    ASSERT_TRUE(b.fields.count(name)) << name;
    EXPECT_TRUE(same_bits(field, b.fields.at(name))) << name;
  }
  ASSERT_EQ(a.reals.size(), b.reals.size());
  for (const auto& [name, value] : a.reals) {
    ASSERT_TRUE(b.reals.count(name)) << name;
    EXPECT_TRUE(same_bits(value, b.reals.at(name))) << name;
  }
  EXPECT_EQ(a.integers, b.integers);
  EXPECT_EQ(a.texts, b.texts);
}

TEST_F(Checkpoint, RoundTripIsBitExact) {
  const CheckpointData data = sample();
  write_checkpoint(path("state.h5"), data);
  EXPECT_EQ(entries(), 1);  // no temporary left beside it
  const CheckpointData back = read_checkpoint(path("state.h5"));
  expect_equal(data, back);
  EXPECT_EQ(back.fields.at("species/O3").n0, 7);
  EXPECT_EQ(back.fields.at("species/O3").n1, 5);
  EXPECT_EQ(back.fields.at("species/O3").n2, 3);
  EXPECT_TRUE(std::signbit(back.reals.at("negative_zero")));
  EXPECT_EQ(back.fields.at("species/O3")(0, 0, 0), 0.0);
  EXPECT_TRUE(std::signbit(back.fields.at("species/O3")(0, 0, 0)));
}

TEST_F(Checkpoint, StoredLayoutIsZYX) {
  CheckpointData data;
  Array3 a(4, 3, 2);
  for (int k = 0; k < 2; ++k)
    for (int j = 0; j < 3; ++j)
      for (int i = 0; i < 4; ++i) a(i, j, k) = 100 * k + 10 * j + i;
  data.fields["c"] = a;
  write_checkpoint(path("layout.h5"), data);

  const hid_t file = H5Fopen(path("layout.h5").c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  ASSERT_GE(file, 0);
  const hid_t set = H5Dopen2(file, "/fields/c", H5P_DEFAULT);
  ASSERT_GE(set, 0);
  const hid_t space = H5Dget_space(set);
  hsize_t dims[3] = {0, 0, 0};
  ASSERT_EQ(H5Sget_simple_extent_ndims(space), 3);
  H5Sget_simple_extent_dims(space, dims, nullptr);
  EXPECT_EQ(dims[0], 2u);  // z
  EXPECT_EQ(dims[1], 3u);  // y
  EXPECT_EQ(dims[2], 4u);  // x
  double values[24];
  ASSERT_GE(H5Dread(set, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, values), 0);
  EXPECT_EQ(values[1 * 12 + 2 * 4 + 3], 123.0);  // [k][j][i]
  const hid_t type = H5Dget_type(set);
  EXPECT_TRUE(H5Tequal(type, H5T_IEEE_F64LE) > 0);
  H5Tclose(type);
  H5Sclose(space);
  H5Dclose(set);
  // The version attribute on the root group.
  const hid_t attr = H5Aopen(file, "format", H5P_DEFAULT);
  ASSERT_GE(attr, 0);
  const hid_t memory = H5Tcopy(H5T_C_S1);
  H5Tset_size(memory, H5T_VARIABLE);
  char* text = nullptr;
  ASSERT_GE(H5Aread(attr, memory, &text), 0);
  EXPECT_STREQ(text, "airshed-checkpoint 1");
  H5free_memory(text);
  H5Tclose(memory);
  H5Aclose(attr);
  H5Fclose(file);
}

TEST_F(Checkpoint, OverwritesAnExistingCheckpoint) {
  CheckpointData first = sample();
  write_checkpoint(path("state.h5"), first);
  CheckpointData second;
  second.fields["species/O3"] = random_field(3, 3, 3, 99);
  second.integers["step"] = 5;
  write_checkpoint(path("state.h5"), second);
  expect_equal(second, read_checkpoint(path("state.h5")));
  EXPECT_EQ(entries(), 1);
}

/// Runs `f`, expects an InputError naming `file` whose message is one line containing `fragment`.
template <class F>
void expect_input_error(F f, const std::string& file, const std::string& fragment) {
  try {
    f();
    ADD_FAILURE() << "no error; expected '" << fragment << "'";
  } catch (const InputError& e) {
    const std::string what = e.what();
    EXPECT_EQ(e.where(), file);
    EXPECT_NE(what.find(fragment), std::string::npos) << what;
    EXPECT_EQ(what.find('\n'), std::string::npos) << what;
  }
}

/// An HDF5 file with an optional root "format" attribute and optional groups.
void make_hdf5(const std::string& file, const char* format, bool fields, bool state) {
  const hid_t f = H5Fcreate(file.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
  ASSERT_GE(f, 0);
  if (format) {
    const hid_t type = H5Tcopy(H5T_C_S1);
    H5Tset_size(type, std::strlen(format));
    const hid_t space = H5Screate(H5S_SCALAR);
    const hid_t attr = H5Acreate2(f, "format", type, space, H5P_DEFAULT, H5P_DEFAULT);
    H5Awrite(attr, type, format);  // fixed-length string: read back as well as variable-length ones
    H5Aclose(attr);
    H5Sclose(space);
    H5Tclose(type);
  }
  if (fields) H5Gclose(H5Gcreate2(f, "fields", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT));
  if (state) H5Gclose(H5Gcreate2(f, "state", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT));
  H5Fclose(f);
}

TEST_F(Checkpoint, ReadingSomethingElseGivesOneClearError) {
  const std::string missing = path("missing.h5");
  expect_input_error([&] { read_checkpoint(missing); }, missing, "does not exist");

  const std::string text = path("notes.txt");
  std::ofstream(text) << "this is not a checkpoint\n";
  expect_input_error([&] { read_checkpoint(text); }, text, "not an airshed checkpoint (not an HDF5 file)");

  const std::string plain = path("plain.h5");
  make_hdf5(plain, nullptr, true, true);
  expect_input_error([&] { read_checkpoint(plain); }, plain,
                     "not an airshed checkpoint (no 'format' attribute");

  const std::string other = path("other.h5");
  make_hdf5(other, "something else", true, true);
  expect_input_error([&] { read_checkpoint(other); }, other,
                     "not an airshed checkpoint (format 'something else')");

  const std::string future = path("future.h5");
  make_hdf5(future, "airshed-checkpoint 2", true, true);
  expect_input_error([&] { read_checkpoint(future); }, future,
                     "checkpoint format 'airshed-checkpoint 2' is not supported");

  const std::string no_fields = path("no_fields.h5");
  make_hdf5(no_fields, "airshed-checkpoint 1", false, true);
  expect_input_error([&] { read_checkpoint(no_fields); }, no_fields, "missing group /fields");

  const std::string no_state = path("no_state.h5");
  make_hdf5(no_state, "airshed-checkpoint 1", true, false);
  expect_input_error([&] { read_checkpoint(no_state); }, no_state, "missing group /state");

  // A minimal valid file written by other means (fixed-length format string, empty groups) is accepted.
  const std::string minimal = path("minimal.h5");
  make_hdf5(minimal, "airshed-checkpoint 1", true, true);
  const CheckpointData empty = read_checkpoint(minimal);
  EXPECT_TRUE(empty.fields.empty() && empty.reals.empty() && empty.integers.empty() && empty.texts.empty());
}

TEST_F(Checkpoint, MalformedEntriesAreNamed) {
  const std::string file = path("bad_field.h5");
  make_hdf5(file, "airshed-checkpoint 1", true, true);
  const hid_t f = H5Fopen(file.c_str(), H5F_ACC_RDWR, H5P_DEFAULT);
  const hsize_t dims[2] = {2, 2};
  const hid_t space = H5Screate_simple(2, dims, nullptr);
  const hid_t set =
      H5Dcreate2(f, "/fields/flat", H5T_IEEE_F64LE, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
  H5Dclose(set);
  H5Sclose(space);
  H5Fclose(f);
  expect_input_error([&] { read_checkpoint(file); }, file, "/fields/flat is not three-dimensional");
}

TEST_F(Checkpoint, InterruptedWriteLeavesNoFile) {
  const std::string final_path = path("state.h5");
  {
    AtomicFile target(final_path);
    const hid_t f = H5Fcreate(target.temporary_path().c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
    ASSERT_GE(f, 0);
    H5Fclose(f);
    EXPECT_TRUE(fs::exists(target.temporary_path()));
  }  // destroyed without commit(): the run was interrupted
  EXPECT_FALSE(fs::exists(final_path));
  EXPECT_EQ(entries(), 0);
}

TEST_F(Checkpoint, FailedWriteKeepsThePreviousCheckpoint) {
  const std::string file = path("state.h5");
  const CheckpointData good = sample();
  write_checkpoint(file, good);

  CheckpointData bad = sample();
  bad.fields["broken"] = Array3(4, 4, 4);
  bad.fields["broken"].data.resize(10);  // shape and data disagree: found while writing the HDF5 file
  try {
    write_checkpoint(file, bad);
    ADD_FAILURE() << "a field whose shape disagrees with its data was written";
  } catch (const std::runtime_error& e) {
    const std::string what = e.what();
    EXPECT_EQ(what.rfind(file, 0), 0u) << what;
    EXPECT_NE(what.find("broken"), std::string::npos) << what;
  }
  EXPECT_EQ(entries(), 1);  // the temporary is gone
  expect_equal(good, read_checkpoint(file));

  CheckpointData clash;
  clash.reals["x"] = 1.0;
  clash.integers["x"] = 1;
  EXPECT_THROW(write_checkpoint(file, clash), std::runtime_error);
  for (const char* name : {"", "/a", "a/", "a//b", "a/./b", "../a", "a/.."}) {
    CheckpointData bad_name;
    bad_name.fields[name] = Array3(1, 1, 1);
    EXPECT_THROW(write_checkpoint(file, bad_name), std::runtime_error) << name;
  }
  CheckpointData dataset_and_group;  // "a" cannot be both a dataset and the group holding "a/b"
  dataset_and_group.fields["a"] = Array3(1, 1, 1);
  dataset_and_group.fields["a/b"] = Array3(1, 1, 1);
  EXPECT_THROW(write_checkpoint(file, dataset_and_group), std::runtime_error);
  CheckpointData empty_state_name;
  empty_state_name.texts[""] = "x";
  EXPECT_THROW(write_checkpoint(file, empty_state_name), std::runtime_error);
  EXPECT_THROW(write_checkpoint(path("no/such/dir/state.h5"), good), std::runtime_error);
  EXPECT_EQ(entries(), 1);
  expect_equal(good, read_checkpoint(file));
}

}  // namespace
}  // namespace airshed
