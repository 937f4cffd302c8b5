// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace airshed {

/// One header cell `name` or `name[unit]` (docs/emission-inputs.md, "Common CSV rules").
struct CsvColumn {
  std::string header;  ///< as written, e.g. "NOx[t/yr]": what messages quote
  std::string name;    ///< "NOx"
  std::string unit;    ///< "t/yr"; empty when the header has no brackets
  bool has_unit = false;
};

/// One data record and the line of the file it starts on (for messages).
struct CsvRow {
  int line = 0;
  std::vector<std::string> cells;  ///< one per column, surrounding blanks of unquoted cells removed
};

/// An RFC 4180 table: comma separated, `"` quoting (quoted cells may hold commas, doubled quotes and line
/// breaks), `#` comment lines and blank lines skipped, the first remaining record is the header. Parsers
/// claim the columns they understand; reject_unclaimed() then makes every other column an error, because a
/// misspelt column silently ignored is a source that silently emits nothing.
class CsvTable {
 public:
  /// Throws InputError "<file>:<line>: ..." for an unterminated quote, a record whose cell count differs
  /// from the header's, a malformed or repeated header cell, or a file without a header.
  static CsvTable parse(const std::string& file, const std::string& text);
  /// A table assembled by another reader (the properties of GeoJSON features): `field` is the word for a
  /// column in messages ("property"), `header_line` the line that messages about a missing field name.
  static CsvTable from_records(std::string file, int header_line, std::vector<CsvColumn> columns,
                               std::vector<CsvRow> rows, std::string field);
  /// `name` or `name[unit]`; a malformed cell is an InputError at `where`.
  static CsvColumn column_from_header(const std::string& cell, const std::string& where);

  const std::string& file() const { return file_; }
  int header_line() const { return header_line_; }
  const std::vector<CsvColumn>& columns() const { return columns_; }
  const std::vector<CsvRow>& rows() const { return rows_; }

  /// Index of the column called `name` (unit not compared), marking it as understood.
  std::optional<std::size_t> claim(const std::string& name) const;
  /// As claim, but a missing column is an InputError at the header line.
  std::size_t require(const std::string& name) const;
  /// Mark a column found by the caller itself (e.g. pollutant columns) as understood.
  void claim_index(std::size_t column) const { claimed_[column] = true; }
  /// InputError for the first column not claimed, unless its name starts with "note" or "source"
  /// (free text: where a number comes from).
  void reject_unclaimed() const;

  /// "<file>:<line>" of a row.
  std::string where(const CsvRow& row) const;
  /// InputError "<file>:<line>: column '<header>': <problem>".
  [[noreturn]] void fail(const CsvRow& row, std::size_t column, const std::string& problem) const;
  /// The same at the header line.
  [[noreturn]] void fail_header(std::size_t column, const std::string& problem) const;

  /// The cell is empty (after trimming unquoted blanks).
  bool empty(const CsvRow& row, std::size_t column) const { return row.cells[column].empty(); }
  /// The cell's text; an empty cell is an error ("empty required cell").
  const std::string& text(const CsvRow& row, std::size_t column) const;
  /// A finite number; an empty cell, text, nan or inf is an error.
  double number(const CsvRow& row, std::size_t column) const;
  /// Nothing for an empty cell, else as number().
  std::optional<double> optional_number(const CsvRow& row, std::size_t column) const;
  /// `true` or `false` (case-insensitive); nothing for an empty cell.
  std::optional<bool> optional_boolean(const CsvRow& row, std::size_t column) const;

 private:
  std::string file_;
  int header_line_ = 0;
  std::vector<CsvColumn> columns_;
  std::vector<CsvRow> rows_;
  std::string field_ = "column";
  mutable std::vector<bool> claimed_;
};

/// Parse a whole cell as a finite double (from_chars: no locale, no trailing text); nothing otherwise.
std::optional<double> parse_finite_number(const std::string& text);

}  // namespace airshed
