// SPDX-License-Identifier: Apache-2.0
#include "io/cf_tag_output_writer.hpp"

#include <netcdf>
#include <set>

#include "core/error.hpp"
#include "io/atomic_file.hpp"
#include "io/cf_grid.hpp"
#include "io/cf_output_common.hpp"

namespace airshed {

using netCDF::NcDim;
using netCDF::NcFile;
using netCDF::NcVar;

namespace {

constexpr const char* kTagDim = "tag";
constexpr const char* kTagNameVar = "tag_name";

// The grid with only its lowest n_layers layers: what the file's z, z_bnds describe.
Grid lowest_layers(const Grid& grid, int n_layers) {
  if (n_layers < 1 || n_layers > grid.nz())
    throw InternalError("CfTagOutputWriter: " + std::to_string(n_layers) + " layers of a grid with " +
                        std::to_string(grid.nz()));
  const auto& z = grid.layers().interfaces();
  return Grid(grid.nx(), grid.ny(), grid.dx(), grid.dy(), grid.x_west(), grid.y_south(),
              VerticalLayers(std::vector<double>(z.begin(), z.begin() + n_layers + 1)), grid.projection(),
              grid.halo());
}

void check_tag_names(const std::vector<std::string>& names) {
  if (names.empty()) throw InternalError("CfTagOutputWriter: no tags");
  std::set<std::string> seen;
  for (const auto& name : names) {
    if (name.empty()) throw InternalError("CfTagOutputWriter: a tag without a name");
    if (!seen.insert(name).second) throw InternalError("CfTagOutputWriter: tag '" + name + "' appears twice");
  }
}

// tag(tag) = 0..n-1 (a CF coordinate variable must be numeric) and the labels tag_name(tag) (CF §6.1).
NcDim write_tags(NcFile& file, const std::vector<std::string>& names) {
  const NcDim tag = file.addDim(kTagDim, names.size());
  NcVar index = file.addVar(kTagDim, netCDF::ncInt, tag);
  index.putAtt("long_name", "source group index");
  std::vector<int> values(names.size());
  for (std::size_t g = 0; g < names.size(); ++g) values[g] = static_cast<int>(g);
  index.putVar(values.data());
  NcVar label = file.addVar(kTagNameVar, netCDF::ncString, tag);
  label.putAtt("long_name", "source group");
  std::vector<const char*> pointers;
  for (const auto& name : names) pointers.push_back(name.c_str());
  label.putVar(pointers.data());
  return tag;
}

}  // namespace

// The AtomicFile is declared before the NcFile so that the file is closed before an uncommitted temporary is
// removed (members are destroyed in reverse order).
struct CfTagOutputWriter::Impl {
  AtomicFile atomic;
  NcFile file;
  Grid grid;  // the written layers only
  std::vector<std::string> tags;
  std::vector<OutputVariable> variables;
  std::vector<NcVar> vars;
  UtcTime reference;
  std::size_t records = 0;
  UtcTime last;
  std::vector<float> buffer;

  Impl(const std::string& path, const Grid& g, int n_layers, std::vector<std::string> tag_names,
       std::vector<OutputVariable> v, const OutputAttributes& attributes, UtcTime time_reference)
      : atomic(path),
        grid(lowest_layers(g, n_layers)),
        tags(std::move(tag_names)),
        variables(std::move(v)),
        reference(time_reference) {
    check_tag_names(tags);
    create_cf_file(file, atomic.temporary_path(), path);
    put_cf_output_attributes(file, attributes);
    const CfGridDims d = write_cf_grid(file, grid, reference);
    const NcDim tag = write_tags(file, tags);
    const std::string coordinates = std::string(kTagNameVar) + " lon lat";
    for (const auto& variable : variables)
      vars.push_back(
          define_cf_output_variable(file, {d.time, tag, d.z, d.y, d.x}, variable, path, coordinates));
  }

  void check_fields(const std::vector<std::vector<const Array3*>>& fields) const {
    if (fields.size() != variables.size())
      throw InternalError("CfTagOutputWriter: " + std::to_string(fields.size()) + " fields for " +
                          std::to_string(variables.size()) + " variables");
    for (std::size_t v = 0; v < fields.size(); ++v) {
      if (fields[v].size() != tags.size())
        throw InternalError("CfTagOutputWriter: " + std::to_string(fields[v].size()) + " tags of '" +
                            variables[v].name + "' for " + std::to_string(tags.size()));
      for (std::size_t g = 0; g < tags.size(); ++g) {
        const Array3* f = fields[v][g];
        if (!f || f->n0 != grid.nx() || f->n1 != grid.ny() || f->n2 < grid.nz())
          throw InternalError("CfTagOutputWriter: field for '" + variables[v].name + "', tag '" + tags[g] +
                              "' is missing or not (nx, ny, >= " + std::to_string(grid.nz()) + ")");
      }
    }
  }

  void write_record(UtcTime t, const std::vector<std::vector<const Array3*>>& fields) {
    if (atomic.committed()) throw InternalError("CfTagOutputWriter: write_record after commit");
    check_fields(fields);
    if (records > 0 && !(t > last))
      throw InternalError("CfTagOutputWriter: record times must increase strictly (" + format_utc(t) +
                          " after " + format_utc(last) + ")");
    const std::size_t nz = grid.nz(), ny = grid.ny(), nx = grid.nx();
    const std::vector<std::size_t> count{1, 1, nz, ny, nx};
    for (std::size_t v = 0; v < fields.size(); ++v)
      for (std::size_t g = 0; g < tags.size(); ++g) {
        // x fastest, then y, then z: the lowest nz layers are the first nz * ny * nx values.
        const auto& data = fields[v][g]->data;
        buffer.assign(data.begin(), data.begin() + static_cast<std::ptrdiff_t>(nz * ny * nx));
        vars[v].putVar({records, g, 0, 0, 0}, count, buffer.data());
      }
    write_cf_time(file, records, t, reference);
    last = t;
    ++records;
  }

  void commit() {
    if (atomic.committed()) return;
    file.close();
    atomic.commit();
  }
};

CfTagOutputWriter::CfTagOutputWriter(const std::string& path, const Grid& grid, int n_layers,
                                     std::vector<std::string> tag_names,
                                     std::vector<OutputVariable> variables, OutputAttributes attributes,
                                     UtcTime time_reference)
    : impl_(std::make_unique<Impl>(path, grid, n_layers, std::move(tag_names), std::move(variables),
                                   attributes, time_reference)) {}

CfTagOutputWriter::~CfTagOutputWriter() = default;

void CfTagOutputWriter::write_record(UtcTime t, const std::vector<std::vector<const Array3*>>& fields) {
  impl_->write_record(t, fields);
}

std::size_t CfTagOutputWriter::records() const {
  return impl_->records;
}

void CfTagOutputWriter::commit() {
  impl_->commit();
}

}  // namespace airshed
