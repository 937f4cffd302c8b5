// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include "io/csv_table.hpp"
#include "test_inventory_support.hpp"

namespace airshed {
namespace {

using test::expect_error;

TEST(CsvTable, QuotesCommentsBlankLinesAndUnits) {
  const std::string text =
      "\xEF\xBB\xBF# a comment line\n"
      "\n"
      "id, NOx[t/yr] ,geometry,note\r\n"
      "a,1.5,\"LINESTRING(1 2, 3 4)\",\"says \"\"hi\"\"\"\r\n"
      "   \n"
      "# another comment\n"
      "b,,\"two\nlines\",\n";
  const CsvTable t = CsvTable::parse("t.csv", text);
  ASSERT_EQ(t.columns().size(), 4u);
  EXPECT_EQ(t.header_line(), 3);
  EXPECT_EQ(t.columns()[0].name, "id");
  EXPECT_FALSE(t.columns()[0].has_unit);
  EXPECT_EQ(t.columns()[1].name, "NOx");
  EXPECT_EQ(t.columns()[1].unit, "t/yr");
  EXPECT_EQ(t.columns()[1].header, "NOx[t/yr]");
  ASSERT_EQ(t.rows().size(), 2u);
  EXPECT_EQ(t.rows()[0].line, 4);
  EXPECT_EQ(t.rows()[0].cells[2], "LINESTRING(1 2, 3 4)");
  EXPECT_EQ(t.rows()[0].cells[3], "says \"hi\"");
  EXPECT_DOUBLE_EQ(t.number(t.rows()[0], 1), 1.5);
  EXPECT_EQ(t.rows()[1].line, 7);
  EXPECT_EQ(t.rows()[1].cells[2], "two\nlines");
  EXPECT_FALSE(t.optional_number(t.rows()[1], 1).has_value());
}

TEST(CsvTable, NumbersMustBeFinite) {
  const CsvTable t = CsvTable::parse("n.csv", "v\n1e3\n+2.5\nnan\ninf\nabc\n3 kg\n");
  EXPECT_DOUBLE_EQ(t.number(t.rows()[0], 0), 1000.0);
  EXPECT_DOUBLE_EQ(t.number(t.rows()[1], 0), 2.5);
  expect_error([&] { t.number(t.rows()[2], 0); }, {"n.csv:4:", "column 'v'", "'nan' is not a finite number"});
  expect_error([&] { t.number(t.rows()[3], 0); }, {"n.csv:5:", "'inf' is not a finite number"});
  expect_error([&] { t.number(t.rows()[4], 0); }, {"n.csv:6:", "'abc' is not a finite number"});
  expect_error([&] { t.number(t.rows()[5], 0); }, {"n.csv:7:", "'3 kg' is not a finite number"});
}

TEST(CsvTable, MalformedInputNamesTheLine) {
  expect_error([] { CsvTable::parse("q.csv", "a,b\n1,\"open\n"); }, {"q.csv:2:", "not closed"});
  expect_error([] { CsvTable::parse("c.csv", "a,b\n1,2\n1,2,3\n"); }, {"c.csv:3:", "3 cells", "2 columns"});
  expect_error([] { CsvTable::parse("d.csv", "a,b[m],b[km]\n"); }, {"d.csv:1:", "column 'b[km]'", "twice"});
  expect_error([] { CsvTable::parse("e.csv", "# only a comment\n"); }, {"e.csv", "no header"});
  expect_error([] { CsvTable::parse("u.csv", "a[m\n"); }, {"u.csv:1:", "column 'a[m'"});
}

TEST(CsvTable, UnclaimedColumnsAreErrorsExceptFreeText) {
  const CsvTable t = CsvTable::parse("f.csv", "# c\nid,notes,source_of_numbers,stak_height[m]\n");
  t.require("id");
  expect_error([&] { t.reject_unclaimed(); }, {"f.csv:2:", "column 'stak_height[m]'", "unknown column"});
  t.claim("stak_height");
  EXPECT_NO_THROW(t.reject_unclaimed());
  expect_error([&] { t.require("fleet"); }, {"f.csv:2:", "missing column 'fleet'"});
}

}  // namespace
}  // namespace airshed
