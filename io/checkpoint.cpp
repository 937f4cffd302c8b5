// SPDX-License-Identifier: Apache-2.0
// Checkpoints as HDF5 files (HDF5 C API):
//   /               attribute "format" = "airshed-checkpoint 1"
//   /fields/<name>  64-bit IEEE little-endian datasets of shape (n2, n1, n0), contiguous and unfiltered, so
//                   the stored bits are the model's bits; a name with '/' ("species/O3") is a path through
//                   groups below /fields, created on writing and walked recursively on reading
//   /state          attributes: reals as 64-bit floats, integers as 64-bit signed integers, texts as
//                   variable-length UTF-8 strings (fixed-length strings are read as well)
// Entries of /state are told apart on reading by their HDF5 type class, so a name serves one kind only.
#include "io/checkpoint.hpp"

#include <fcntl.h>
#include <hdf5.h>
#include <unistd.h>

#include <algorithm>
#include <climits>
#include <cstring>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "core/error.hpp"
#include "io/atomic_file.hpp"

namespace airshed {

namespace {

constexpr const char* format_attribute = "format";
constexpr const char* format_version = "airshed-checkpoint 1";
constexpr const char* format_prefix = "airshed-checkpoint ";

/// Turns HDF5's automatic error-stack printing off for its lifetime (failures become exceptions here) and
/// restores the previous handler afterwards.
class SilenceHdf5Errors {
 public:
  SilenceHdf5Errors() {
    H5Eget_auto2(H5E_DEFAULT, &function_, &data_);
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
  }
  ~SilenceHdf5Errors() { H5Eset_auto2(H5E_DEFAULT, function_, data_); }
  SilenceHdf5Errors(const SilenceHdf5Errors&) = delete;
  SilenceHdf5Errors& operator=(const SilenceHdf5Errors&) = delete;

 private:
  H5E_auto2_t function_ = nullptr;
  void* data_ = nullptr;
};

/// An HDF5 identifier closed on destruction. Negative identifiers are failures and are never closed.
class Handle {
 public:
  Handle(hid_t id, herr_t (*close)(hid_t)) : id_(id), close_(close) {}
  ~Handle() {
    if (id_ >= 0) close_(id_);
  }
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
  hid_t get() const { return id_; }
  bool ok() const { return id_ >= 0; }
  /// Close now and report whether HDF5 succeeded (used for the file, where closing writes the metadata).
  bool close() {
    const herr_t status = id_ >= 0 ? close_(id_) : -1;
    id_ = -1;
    return status >= 0;
  }

 private:
  hid_t id_;
  herr_t (*close_)(hid_t);
};

// ---------------------------------------------------------------------------------------------------------
// Writing

class Writer {
 public:
  explicit Writer(std::string path) : path_(std::move(path)) {}

  [[noreturn]] void fail(const std::string& what) const {
    throw std::runtime_error(path_ + ": cannot write checkpoint: " + what);
  }
  void check(herr_t status, const std::string& what) const {
    if (status < 0) fail(what);
  }
  Handle checked(hid_t id, herr_t (*close)(hid_t), const std::string& what) const {
    if (id < 0) fail(what);
    return Handle(id, close);
  }

  void scalar_attribute(hid_t parent, const std::string& name, hid_t file_type, hid_t memory_type,
                        const void* value) const {
    const Handle space = checked(H5Screate(H5S_SCALAR), H5Sclose, "dataspace for attribute '" + name + "'");
    const Handle attr =
        checked(H5Acreate2(parent, name.c_str(), file_type, space.get(), H5P_DEFAULT, H5P_DEFAULT), H5Aclose,
                "attribute '" + name + "'");
    check(H5Awrite(attr.get(), memory_type, value), "attribute '" + name + "'");
  }

  void text_attribute(hid_t parent, const std::string& name, const std::string& value) const {
    if (value.find('\0') != std::string::npos) fail("text '" + name + "' contains a NUL character");
    const Handle type = checked(H5Tcopy(H5T_C_S1), H5Tclose, "string type");
    check(H5Tset_size(type.get(), H5T_VARIABLE), "string type");
    check(H5Tset_cset(type.get(), H5T_CSET_UTF8), "string type");
    const char* text = value.c_str();
    scalar_attribute(parent, name, type.get(), type.get(), &text);
  }

  void field(hid_t group, const std::string& name, const Array3& a) const {
    if (a.n0 < 0 || a.n1 < 0 || a.n2 < 0 ||
        a.data.size() !=
            static_cast<std::size_t>(a.n0) * static_cast<std::size_t>(a.n1) * static_cast<std::size_t>(a.n2))
      fail("field '" + name + "' has " + std::to_string(a.data.size()) + " values for shape " +
           std::to_string(a.n0) + " x " + std::to_string(a.n1) + " x " + std::to_string(a.n2));
    const hsize_t dims[3] = {static_cast<hsize_t>(a.n2), static_cast<hsize_t>(a.n1),
                             static_cast<hsize_t>(a.n0)};
    const Handle space =
        checked(H5Screate_simple(3, dims, nullptr), H5Sclose, "dataspace for field '" + name + "'");
    const Handle links = checked(H5Pcreate(H5P_LINK_CREATE), H5Pclose, "link properties");
    check(H5Pset_create_intermediate_group(links.get(), 1), "link properties");
    const Handle set = checked(
        H5Dcreate2(group, name.c_str(), H5T_IEEE_F64LE, space.get(), links.get(), H5P_DEFAULT, H5P_DEFAULT),
        H5Dclose, "dataset /fields/" + name);
    if (!a.data.empty())
      check(H5Dwrite(set.get(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, a.data.data()),
            "dataset /fields/" + name);
  }

 private:
  std::string path_;
};

/// Field names are paths below /fields: non-empty components separated by single '/', none "." or "..".
void check_field_name(const Writer& w, const std::string& name) {
  bool ok = name.find('\0') == std::string::npos;
  for (std::size_t begin = 0; ok;) {
    const std::size_t end = std::min(name.find('/', begin), name.size());
    const std::string part = name.substr(begin, end - begin);
    ok = !part.empty() && part != "." && part != "..";
    if (end == name.size()) break;
    begin = end + 1;
  }
  if (!ok) w.fail("field name '" + name + "' is not a path of non-empty names separated by '/'");
}

void check_state_name(const Writer& w, const std::string& name) {
  if (name.empty() || name.find('\0') != std::string::npos)
    w.fail("state name '" + name + "' is empty or contains NUL");
}

/// Flush the closed file's data to the disk before it is renamed into place, so a crash after the rename
/// cannot leave a complete-looking name over incomplete data.
void sync_file(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

// ---------------------------------------------------------------------------------------------------------
// Reading

class Reader {
 public:
  explicit Reader(std::string path) : path_(std::move(path)) {}

  [[noreturn]] void fail(const std::string& what) const { throw InputError(path_, what); }
  Handle checked(hid_t id, herr_t (*close)(hid_t), const std::string& what) const {
    if (id < 0) fail(what);
    return Handle(id, close);
  }

  /// The string value of a scalar string attribute (variable or fixed length).
  std::string text(hid_t attr, const std::string& where) const {
    const Handle type = checked(H5Aget_type(attr), H5Tclose, "cannot read the type of " + where);
    const htri_t variable = H5Tis_variable_str(type.get());
    if (variable < 0) fail("cannot read the type of " + where);
    if (variable > 0) {
      const Handle memory = checked(H5Tcopy(H5T_C_S1), H5Tclose, "cannot read " + where);
      if (H5Tset_size(memory.get(), H5T_VARIABLE) < 0 ||
          H5Tset_cset(memory.get(), H5Tget_cset(type.get())) < 0)
        fail("cannot read " + where);
      char* value = nullptr;
      if (H5Aread(attr, memory.get(), &value) < 0) fail("cannot read " + where);
      std::string out = value ? value : "";
      H5free_memory(value);
      return out;
    }
    const std::size_t size = H5Tget_size(type.get());
    if (size == 0) fail("cannot read " + where);
    const Handle memory = checked(H5Tcopy(H5T_C_S1), H5Tclose, "cannot read " + where);
    if (H5Tset_size(memory.get(), size) < 0 || H5Tset_strpad(memory.get(), H5T_STR_NULLPAD) < 0 ||
        H5Tset_cset(memory.get(), H5Tget_cset(type.get())) < 0)
      fail("cannot read " + where);
    std::vector<char> buffer(size, '\0');
    if (H5Aread(attr, memory.get(), buffer.data()) < 0) fail("cannot read " + where);
    std::string out(buffer.data(), strnlen(buffer.data(), size));
    if (H5Tget_strpad(type.get()) == H5T_STR_SPACEPAD)
      while (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
  }

  void format(hid_t file) const {
    const htri_t has = H5Aexists(file, format_attribute);
    if (has <= 0)
      fail("not an airshed checkpoint (no '" + std::string(format_attribute) + "' attribute on /)");
    const Handle attr = checked(H5Aopen(file, format_attribute, H5P_DEFAULT), H5Aclose,
                                "cannot read the '" + std::string(format_attribute) + "' attribute");
    const Handle type = checked(H5Aget_type(attr.get()), H5Tclose, "cannot read the format attribute");
    if (H5Tget_class(type.get()) != H5T_STRING)
      fail("not an airshed checkpoint (format attribute is not text)");
    const std::string value = text(attr.get(), "the format attribute");
    if (value == format_version) return;
    if (value.rfind(format_prefix, 0) == 0)
      fail("checkpoint format '" + value + "' is not supported (this build reads '" + format_version + "')");
    fail("not an airshed checkpoint (format '" + value + "')");
  }

  Array3 field(hid_t set, const std::string& name) const {
    const std::string where = "/fields/" + name;
    const Handle type = checked(H5Dget_type(set), H5Tclose, "cannot read the type of " + where);
    if (H5Tget_class(type.get()) != H5T_FLOAT || H5Tget_size(type.get()) != 8)
      fail(where + " is not 64-bit floating point");
    const Handle space = checked(H5Dget_space(set), H5Sclose, "cannot read the shape of " + where);
    if (H5Sget_simple_extent_ndims(space.get()) != 3) fail(where + " is not three-dimensional (z, y, x)");
    hsize_t dims[3] = {0, 0, 0};
    if (H5Sget_simple_extent_dims(space.get(), dims, nullptr) < 0) fail("cannot read the shape of " + where);
    for (hsize_t d : dims)
      if (d > static_cast<hsize_t>(INT_MAX)) fail(where + " is too large");
    Array3 a(static_cast<int>(dims[2]), static_cast<int>(dims[1]), static_cast<int>(dims[0]));
    if (!a.data.empty() && H5Dread(set, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, a.data.data()) < 0)
      fail("cannot read the values of " + where);
    return a;
  }

  /// Every dataset below `group`, whose path below /fields is `prefix`, recursing into subgroups.
  void fields(hid_t group, const std::string& prefix, CheckpointData& out) const {
    const std::string where = prefix.empty() ? "/fields" : "/fields/" + prefix;
    H5G_info_t info;
    if (H5Gget_info(group, &info) < 0) fail("cannot list " + where);
    for (hsize_t i = 0; i < info.nlinks; ++i) {
      const ssize_t length =
          H5Lget_name_by_idx(group, ".", H5_INDEX_NAME, H5_ITER_INC, i, nullptr, 0, H5P_DEFAULT);
      if (length < 0) fail("cannot list " + where);
      std::vector<char> buffer(static_cast<std::size_t>(length) + 1, '\0');
      if (H5Lget_name_by_idx(group, ".", H5_INDEX_NAME, H5_ITER_INC, i, buffer.data(), buffer.size(),
                             H5P_DEFAULT) < 0)
        fail("cannot list " + where);
      const std::string name(buffer.data());
      const std::string path = prefix.empty() ? name : prefix + "/" + name;
      const Handle object =
          checked(H5Oopen(group, name.c_str(), H5P_DEFAULT), H5Oclose, "cannot open /fields/" + path);
      switch (H5Iget_type(object.get())) {
        case H5I_GROUP:
          fields(object.get(), path, out);
          break;
        case H5I_DATASET:
          out.fields.emplace(path, field(object.get(), path));
          break;
        default:
          fail("/fields/" + path + " is neither a dataset nor a group");
      }
    }
  }

  void state_entry(hid_t group, const std::string& name, CheckpointData& out) const {
    const std::string where = "/state attribute '" + name + "'";
    const Handle attr = checked(H5Aopen(group, name.c_str(), H5P_DEFAULT), H5Aclose, "cannot open " + where);
    const Handle space = checked(H5Aget_space(attr.get()), H5Sclose, "cannot read the shape of " + where);
    if (H5Sget_simple_extent_type(space.get()) != H5S_SCALAR) fail(where + " is not a scalar");
    const Handle type = checked(H5Aget_type(attr.get()), H5Tclose, "cannot read the type of " + where);
    switch (H5Tget_class(type.get())) {
      case H5T_FLOAT: {
        double v = 0.0;
        if (H5Aread(attr.get(), H5T_NATIVE_DOUBLE, &v) < 0) fail("cannot read " + where);
        out.reals[name] = v;
        break;
      }
      case H5T_INTEGER: {
        std::int64_t v = 0;
        if (H5Aread(attr.get(), H5T_NATIVE_INT64, &v) < 0) fail("cannot read " + where);
        out.integers[name] = v;
        break;
      }
      case H5T_STRING:
        out.texts[name] = text(attr.get(), where);
        break;
      default:
        fail(where + " is neither a number nor text");
    }
  }

 private:
  std::string path_;
};

herr_t collect_attribute_name(hid_t, const char* name, const H5A_info_t*, void* names) {
  static_cast<std::vector<std::string>*>(names)->emplace_back(name);
  return 0;
}

}  // namespace

void write_checkpoint(const std::string& path, const CheckpointData& data) {
  const Writer w(path);
  for (const auto& [name, field] : data.fields) check_field_name(w, name);
  for (const auto& [name, value] : data.reals) {
    check_state_name(w, name);
    if (data.integers.count(name) || data.texts.count(name))
      w.fail("state name '" + name + "' is used twice");
  }
  for (const auto& [name, value] : data.integers) {
    check_state_name(w, name);
    if (data.texts.count(name)) w.fail("state name '" + name + "' is used twice");
  }
  for (const auto& [name, value] : data.texts) check_state_name(w, name);

  AtomicFile target(path);
  {
    const SilenceHdf5Errors quiet;
    Handle file =
        w.checked(H5Fcreate(target.temporary_path().c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT),
                  H5Fclose, "cannot create " + target.temporary_path());
    w.text_attribute(file.get(), format_attribute, format_version);
    {
      const Handle fields = w.checked(H5Gcreate2(file.get(), "fields", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
                                      H5Gclose, "group /fields");
      for (const auto& [name, field] : data.fields) w.field(fields.get(), name, field);
      const Handle state = w.checked(H5Gcreate2(file.get(), "state", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
                                     H5Gclose, "group /state");
      for (const auto& [name, value] : data.reals)
        w.scalar_attribute(state.get(), name, H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, &value);
      for (const auto& [name, value] : data.integers)
        w.scalar_attribute(state.get(), name, H5T_STD_I64LE, H5T_NATIVE_INT64, &value);
      for (const auto& [name, value] : data.texts) w.text_attribute(state.get(), name, value);
    }
    if (!file.close()) w.fail("closing " + target.temporary_path() + " failed (disk full?)");
  }
  sync_file(target.temporary_path());
  target.commit();
}

CheckpointData read_checkpoint(const std::string& path) {
  const Reader r(path);
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec))
    r.fail("checkpoint file does not exist or is not a regular file");

  const SilenceHdf5Errors quiet;
  if (H5Fis_hdf5(path.c_str()) <= 0) r.fail("not an airshed checkpoint (not an HDF5 file)");
  const Handle file = r.checked(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose,
                                "cannot open the checkpoint (unreadable HDF5 file)");
  r.format(file.get());

  CheckpointData out;
  if (H5Lexists(file.get(), "fields", H5P_DEFAULT) <= 0) r.fail("missing group /fields");
  if (H5Lexists(file.get(), "state", H5P_DEFAULT) <= 0) r.fail("missing group /state");
  {
    const Handle fields =
        r.checked(H5Gopen2(file.get(), "fields", H5P_DEFAULT), H5Gclose, "/fields is not a group");
    r.fields(fields.get(), "", out);
  }
  {
    const Handle state =
        r.checked(H5Gopen2(file.get(), "state", H5P_DEFAULT), H5Gclose, "/state is not a group");
    std::vector<std::string> names;
    hsize_t index = 0;
    if (H5Aiterate2(state.get(), H5_INDEX_NAME, H5_ITER_INC, &index, collect_attribute_name, &names) < 0)
      r.fail("cannot list the attributes of /state");
    for (const std::string& name : names) r.state_entry(state.get(), name, out);
  }
  return out;
}

}  // namespace airshed
