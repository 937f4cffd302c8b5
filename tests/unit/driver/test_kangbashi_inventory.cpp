// SPDX-License-Identifier: Apache-2.0
// The embedded Kangbashi inventory against its documentation: the annual totals the emission model computes
// (what `airshed emissions` prints) equal the table in docs/kangbashi-inventory.md, category by category,
// and the hour's rates follow the profiles the files state.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <sstream>

#include "data/embedded_cases.hpp"
#include "driver/case_schema.hpp"
#include "driver/emission_setup.hpp"
#include "driver/emissions_report.hpp"

using namespace airshed;
using emis::Pollutant;

namespace {

CaseDefinition kangbashi() {
  return build_case(Config::parse(embedded_case("kangbashi"), "embedded:kangbashi", case_schema()),
                    "embedded:kangbashi", "", "embedded:kangbashi");
}

/// Rows of the "Totals per category" table: label -> 7 values (t/yr; empty cells are 0).
std::map<std::string, std::vector<double>> documented_totals() {
  std::ifstream in(std::string(AIRSHED_SOURCE_DIR) + "/docs/kangbashi-inventory.md");
  std::map<std::string, std::vector<double>> rows;
  std::string line;
  bool in_table = false;
  while (std::getline(in, line)) {
    if (line.rfind("## Totals per category", 0) == 0)
      in_table = true;
    else if (in_table && line.rfind("## ", 0) == 0)
      break;
    if (!in_table || line.rfind("| ", 0) != 0) continue;
    std::vector<std::string> cells;
    std::stringstream ss(line.substr(1));
    std::string cell;
    while (std::getline(ss, cell, '|')) cells.push_back(cell);
    if (cells.size() < 8) continue;
    std::vector<double> v;
    bool numeric = true;
    for (std::size_t n = 1; n <= 7; ++n) {
      std::string t = cells[n];
      t.erase(std::remove(t.begin(), t.end(), '*'), t.end());
      t.erase(std::remove(t.begin(), t.end(), ' '), t.end());
      if (t.empty()) {
        v.push_back(0.0);
        continue;
      }
      try {
        v.push_back(std::stod(t));
      } catch (const std::exception&) {
        numeric = false;
      }
    }
    if (numeric) rows[cells[0]] = v;
  }
  return rows;
}

std::vector<double> row_starting(const std::map<std::string, std::vector<double>>& rows,
                                 const std::string& start) {
  for (const auto& [label, v] : rows)
    if (label.find(start) != std::string::npos) return v;
  ADD_FAILURE() << "docs/kangbashi-inventory.md has no row '" << start << "'";
  return std::vector<double>(7, 0.0);
}

/// The documented values are rounded to 0.1 t (or 3-4 significant figures): equal within half a unit of the
/// last printed digit, with a floor for the sums of rounded rows.
void expect_matches(const emis::PollutantValues& kg, const std::vector<double>& t, const std::string& what,
                    double tolerance = 0.051) {
  for (std::size_t n = 0; n < emis::kPollutants; ++n) {
    const double model = kg.value[n] * 1e-3;
    EXPECT_NEAR(model, t[n], std::max(tolerance, 5e-3 * t[n]))
        << what << " " << emis::pollutant_name(emis::kAllPollutants[n]);
  }
}

}  // namespace

TEST(KangbashiInventory, AnnualTotalsMatchTheDocumentedTable) {
  const CaseDefinition c = kangbashi();
  const auto model = build_emission_model(c);
  ASSERT_TRUE(model);
  const auto totals = model->annual_totals(2026);
  const auto doc = documented_totals();
  ASSERT_GE(doc.size(), 7u) << "table not found in docs/kangbashi-inventory.md";
  expect_matches(totals.at("heat_plant"), row_starting(doc, "heat_plant"), "heat_plant");
  expect_matches(totals.at("fuel_station"), row_starting(doc, "fuel_station"), "fuel_station");
  expect_matches(totals.at("catering"), row_starting(doc, "catering"), "catering");
  expect_matches(totals.at("vehicle"), row_starting(doc, "vehicle"), "vehicle");
  // The table splits dust into paved roads and construction; the model reports both under `dust`.
  std::vector<double> dust = row_starting(doc, "dust: paved roads");
  const std::vector<double> construction = row_starting(doc, "dust: construction");
  for (std::size_t n = 0; n < dust.size(); ++n) dust[n] += construction[n];
  expect_matches(totals.at("dust"), dust, "dust", 0.11);
  emis::PollutantValues all;
  for (const auto& [cat, v] : totals)
    for (Pollutant p : emis::kAllPollutants) all[p] += v[p];
  expect_matches(all, row_starting(doc, "total"), "total");
  // The planned waste-to-energy plant is in the inventory but disabled.
  bool wte = false;
  for (const auto& p : model->inventory().points) wte = wte || !p.info.enabled;
  EXPECT_TRUE(wte);
  EXPECT_EQ(model->met_dependent_sources().size(), 2u);  // the two bare-land polygons
}

TEST(KangbashiInventory, TheCommandPrintsTheTotalRow) {
  const std::string table = format_annual_totals(*build_emission_model(kangbashi()), 2026);
  // "total" then the seven documented totals (t/yr) as printed.
  std::istringstream in(table);
  std::string line, total;
  while (std::getline(in, line))
    if (line.rfind("total", 0) == 0) total = line;
  std::istringstream values(total.substr(5));
  std::vector<double> printed;
  for (double v; values >> v;) printed.push_back(v);
  const std::vector<double> doc = row_starting(documented_totals(), "total");
  ASSERT_EQ(printed.size(), 7u) << table;
  for (std::size_t n = 0; n < 7; ++n) EXPECT_NEAR(printed[n], doc[n], 0.051) << table;
}
