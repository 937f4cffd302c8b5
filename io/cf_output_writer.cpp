// SPDX-License-Identifier: Apache-2.0
#include "io/cf_output_writer.hpp"

#include <netcdf.h>

#include <netcdf>

#include "core/error.hpp"
#include "io/atomic_file.hpp"
#include "io/cf_grid.hpp"
#include "io/cf_output_common.hpp"

namespace airshed {

using netCDF::NcFile;
using netCDF::NcVar;

// The AtomicFile is declared before the NcFile so that the file is closed before an uncommitted temporary is
// removed (members are destroyed in reverse order).
struct CfOutputWriter::Impl {
  AtomicFile atomic;
  NcFile file;
  Grid grid;
  std::vector<OutputVariable> variables;
  std::vector<NcVar> vars;
  UtcTime reference;
  std::size_t records = 0;
  UtcTime last;
  std::vector<float> buffer;

  Impl(const std::string& path, const Grid& g, std::vector<OutputVariable> v,
       const OutputAttributes& attributes, UtcTime time_reference)
      : atomic(path), grid(g), variables(std::move(v)), reference(time_reference) {
    create_cf_file(file, atomic.temporary_path(), path);
    put_cf_output_attributes(file, attributes);
    const CfGridDims d = write_cf_grid(file, grid, reference);
    for (const auto& variable : variables)
      vars.push_back(define_cf_output_variable(file, {d.time, d.z, d.y, d.x}, variable, path));
  }

  void check_fields(const std::vector<const Array3*>& fields) const {
    if (fields.size() != variables.size())
      throw InternalError("CfOutputWriter: " + std::to_string(fields.size()) + " fields for " +
                          std::to_string(variables.size()) + " variables");
    for (std::size_t v = 0; v < fields.size(); ++v) {
      const Array3* f = fields[v];
      if (!f || f->n0 != grid.nx() || f->n1 != grid.ny() || f->n2 != grid.nz())
        throw InternalError("CfOutputWriter: field for '" + variables[v].name +
                            "' is missing or not (nx, ny, nz)");
    }
  }

  void write_record(UtcTime t, const std::vector<const Array3*>& fields) {
    if (atomic.committed()) throw InternalError("CfOutputWriter: write_record after commit");
    check_fields(fields);
    if (records > 0 && !(t > last))
      throw InternalError("CfOutputWriter: record times must increase strictly (" + format_utc(t) +
                          " after " + format_utc(last) + ")");
    const std::vector<std::size_t> start{records, 0, 0, 0};
    const std::vector<std::size_t> count{1, std::size_t(grid.nz()), std::size_t(grid.ny()),
                                         std::size_t(grid.nx())};
    for (std::size_t v = 0; v < fields.size(); ++v) {
      buffer.assign(fields[v]->data.begin(), fields[v]->data.end());
      vars[v].putVar(start, count, buffer.data());
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

CfOutputWriter::CfOutputWriter(const std::string& path, const Grid& grid,
                               std::vector<OutputVariable> variables, OutputAttributes attributes,
                               UtcTime time_reference)
    : impl_(std::make_unique<Impl>(path, grid, std::move(variables), attributes, time_reference)) {}

CfOutputWriter::~CfOutputWriter() = default;

void CfOutputWriter::write_record(UtcTime t, const std::vector<const Array3*>& fields) {
  impl_->write_record(t, fields);
}

std::size_t CfOutputWriter::records() const {
  return impl_->records;
}

void CfOutputWriter::commit() {
  impl_->commit();
}

}  // namespace airshed
