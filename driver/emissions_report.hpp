// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <ostream>
#include <string>

#include "core/time.hpp"
#include "driver/case_definition.hpp"
#include "emissions/emission_model.hpp"

namespace airshed {

struct EmissionsReportOptions {
  std::string output;   ///< CF NetCDF of hourly gridded emissions over the case's hours; empty: none
  UtcTime hour;         ///< the hour of the kg/h table (rounded down to a whole UTC hour)
  std::string history;  ///< command line, for the NetCDF history attribute
};

/// Annual totals per category and pollutant [t/yr] at reference conditions, as a fixed-width table with a
/// total row; wind-blown dust (met-driven) is listed below it.
std::string format_annual_totals(const emis::EmissionModel& model, int year);
/// Rates of one hour per category and pollutant [kg/h] as a fixed-width table with a total row.
std::string format_hourly_rates(const emis::CategoryRates& rates, UtcTime hour, double utc_offset_hours);

/// `airshed emissions`: read the case's inventory, print the annual table and the hour's table (met from
/// the case: an idealised case writes its met file first, beside the output), and write the gridded hourly
/// emissions of every emitted model species as CF NetCDF (kg m-2 s-1 into each layer's column of cells).
/// Throws InputError (a case without an inventory is one).
void emissions_report(const CaseDefinition& c, const EmissionsReportOptions& options, std::ostream& out);

}  // namespace airshed
