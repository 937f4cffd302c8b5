// SPDX-License-Identifier: Apache-2.0
#include "io/csv_table.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>

#include "core/error.hpp"

namespace airshed {

namespace {

bool is_blank(char c) {
  return c == ' ' || c == '\t' || c == '\r';
}

std::string trimmed(const std::string& s) {
  std::size_t a = 0, b = s.size();
  while (a < b && is_blank(s[a])) ++a;
  while (b > a && is_blank(s[b - 1])) --b;
  return s.substr(a, b - a);
}

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

/// Splits the text into records, one character at a time, so that quoted cells may span lines.
class Reader {
 public:
  Reader(const std::string& file, const std::string& text) : file_(file), text_(text) {
    // Spreadsheets write a UTF-8 byte-order mark; it is not part of the first header cell.
    if (text_.rfind("\xEF\xBB\xBF", 0) == 0) pos_ = 3;
  }

  /// The next record that is neither a comment nor blank; false at the end of the text.
  bool next(CsvRow& row) {
    while (pos_ < text_.size()) {
      const std::size_t end = line_end(pos_);
      const std::string line = text_.substr(pos_, end - pos_);
      if (line.empty() || line[0] == '#' || trimmed(line).empty()) {
        skip_to(end);
        continue;
      }
      row.line = line_;
      row.cells.clear();
      read_cells(row);
      return true;
    }
    return false;
  }

 private:
  std::size_t line_end(std::size_t from) const {
    const std::size_t end = text_.find('\n', from);
    return end == std::string::npos ? text_.size() : end;
  }
  void skip_to(std::size_t end) {
    pos_ = end;
    if (pos_ < text_.size()) {
      ++pos_;
      ++line_;
    }
  }

  void read_cells(CsvRow& row) {
    const int start_line = line_;
    for (;;) {
      std::string cell;
      while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\t')) ++pos_;
      if (pos_ < text_.size() && text_[pos_] == '"') {
        ++pos_;
        for (;;) {
          if (pos_ >= text_.size())
            throw InputError(file_ + ":" + std::to_string(start_line),
                             "a quoted cell is not closed (missing '\"')");
          const char c = text_[pos_++];
          if (c == '"') {
            if (pos_ < text_.size() && text_[pos_] == '"') {
              cell += '"';
              ++pos_;
              continue;
            }
            break;
          }
          if (c == '\n') ++line_;
          cell += c;
        }
        while (pos_ < text_.size() && is_blank(text_[pos_])) ++pos_;
        if (pos_ < text_.size() && text_[pos_] != ',' && text_[pos_] != '\n')
          throw InputError(
              file_ + ":" + std::to_string(line_),
              "cell " + std::to_string(row.cells.size() + 1) +
                  ": text after the closing quote (a quote inside a quoted cell is written \"\")");
      } else {
        while (pos_ < text_.size() && text_[pos_] != ',' && text_[pos_] != '\n') cell += text_[pos_++];
        cell = trimmed(cell);
      }
      row.cells.push_back(std::move(cell));
      if (pos_ >= text_.size()) return;
      if (text_[pos_++] == '\n') {
        ++line_;
        return;
      }
    }
  }

  const std::string& file_;
  const std::string& text_;
  std::size_t pos_ = 0;
  int line_ = 1;
};

}  // namespace

CsvColumn CsvTable::column_from_header(const std::string& cell, const std::string& where) {
  CsvColumn column;
  column.header = cell;
  const std::size_t open = cell.find('[');
  if (open == std::string::npos) {
    column.name = cell;
  } else {
    if (cell.back() != ']' || cell.find('[', open + 1) != std::string::npos)
      throw InputError(where, "column '" + cell + "': a header cell is name or name[unit]");
    column.name = trimmed(cell.substr(0, open));
    column.unit = trimmed(cell.substr(open + 1, cell.size() - open - 2));
    column.has_unit = true;
  }
  if (column.name.empty()) throw InputError(where, "column '" + cell + "' has no name");
  return column;
}

std::optional<double> parse_finite_number(const std::string& text) {
  const char* first = text.data();
  const char* last = text.data() + text.size();
  if (first != last && *first == '+') ++first;  // from_chars rejects a leading '+', people write it
  double value = 0.0;
  const auto [end, error] = std::from_chars(first, last, value);
  if (error != std::errc() || end != last || first == last || !std::isfinite(value)) return std::nullopt;
  return value;
}

CsvTable CsvTable::parse(const std::string& file, const std::string& text) {
  CsvTable table;
  table.file_ = file;
  Reader reader(file, text);
  CsvRow header;
  if (!reader.next(header)) throw InputError(file, "no header line (the file is empty or only comments)");
  table.header_line_ = header.line;
  const std::string header_where = file + ":" + std::to_string(header.line);
  for (std::size_t c = 0; c < header.cells.size(); ++c) {
    if (header.cells[c].empty())
      throw InputError(header_where, "column " + std::to_string(c + 1) + " has no name in the header");
    CsvColumn column = column_from_header(header.cells[c], header_where);
    for (const auto& other : table.columns_)
      if (other.name == column.name)
        throw InputError(header_where,
                         "column '" + column.header + "' appears twice (also as '" + other.header + "')");
    table.columns_.push_back(std::move(column));
  }
  table.claimed_.assign(table.columns_.size(), false);
  CsvRow row;
  while (reader.next(row)) {
    if (row.cells.size() != table.columns_.size())
      throw InputError(file + ":" + std::to_string(row.line),
                       "the row has " + std::to_string(row.cells.size()) + " cells but the header has " +
                           std::to_string(table.columns_.size()) + " columns");
    table.rows_.push_back(row);
  }
  return table;
}

CsvTable CsvTable::from_records(std::string file, int header_line, std::vector<CsvColumn> columns,
                                std::vector<CsvRow> rows, std::string field) {
  CsvTable table;
  table.file_ = std::move(file);
  table.header_line_ = header_line;
  table.columns_ = std::move(columns);
  table.rows_ = std::move(rows);
  table.field_ = std::move(field);
  table.claimed_.assign(table.columns_.size(), false);
  return table;
}

std::optional<std::size_t> CsvTable::claim(const std::string& name) const {
  for (std::size_t c = 0; c < columns_.size(); ++c)
    if (columns_[c].name == name) {
      claimed_[c] = true;
      return c;
    }
  return std::nullopt;
}

std::size_t CsvTable::require(const std::string& name) const {
  const auto column = claim(name);
  if (!column)
    throw InputError(file_ + ":" + std::to_string(header_line_), "missing " + field_ + " '" + name + "'");
  return *column;
}

void CsvTable::reject_unclaimed() const {
  for (std::size_t c = 0; c < columns_.size(); ++c) {
    if (claimed_[c]) continue;
    const std::string name = lower(columns_[c].name);
    if (name.rfind("note", 0) == 0 || name.rfind("source", 0) == 0) continue;
    const std::string problem =
        "unknown " + field_ + " (names starting with 'note' or 'source' are free text)";
    // Records assembled from GeoJSON features name the first feature using the property, not the header.
    if (field_ != "column")
      for (const auto& row : rows_)
        if (!row.cells[c].empty()) fail(row, c, problem);
    fail_header(c, problem);
  }
}

std::string CsvTable::where(const CsvRow& row) const {
  return file_ + ":" + std::to_string(row.line);
}

void CsvTable::fail(const CsvRow& row, std::size_t column, const std::string& problem) const {
  throw InputError(where(row), field_ + " '" + columns_[column].header + "': " + problem);
}

void CsvTable::fail_header(std::size_t column, const std::string& problem) const {
  throw InputError(file_ + ":" + std::to_string(header_line_),
                   field_ + " '" + columns_[column].header + "': " + problem);
}

const std::string& CsvTable::text(const CsvRow& row, std::size_t column) const {
  if (row.cells[column].empty())
    fail(row, column, field_ == "column" ? "empty required cell" : "missing or empty");
  return row.cells[column];
}

double CsvTable::number(const CsvRow& row, std::size_t column) const {
  const auto value = parse_finite_number(text(row, column));
  if (!value) fail(row, column, "'" + row.cells[column] + "' is not a finite number");
  return *value;
}

std::optional<double> CsvTable::optional_number(const CsvRow& row, std::size_t column) const {
  if (empty(row, column)) return std::nullopt;
  return number(row, column);
}

std::optional<bool> CsvTable::optional_boolean(const CsvRow& row, std::size_t column) const {
  if (empty(row, column)) return std::nullopt;
  const std::string value = lower(row.cells[column]);
  if (value == "true") return true;
  if (value == "false") return false;
  fail(row, column, "'" + row.cells[column] + "' is not true or false");
}

}  // namespace airshed
