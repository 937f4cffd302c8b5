// SPDX-License-Identifier: Apache-2.0
#include <gtest/gtest.h>

#include <string>

#include "core/error.hpp"
#include "io/units.hpp"

namespace airshed {
namespace {

double si(QuantityKind kind, const std::string& units, double value) {
  return si_conversion(kind, units, "met.nc", "var").apply(value);
}

TEST(Units, TemperatureCelsiusToKelvin) {
  EXPECT_DOUBLE_EQ(si(QuantityKind::temperature, "degC", 25.0), 298.15);
  EXPECT_DOUBLE_EQ(si(QuantityKind::temperature, "Celsius", -273.15), 0.0);
  EXPECT_EQ(si(QuantityKind::temperature, "K", 287.5), 287.5);
  EXPECT_EQ(to_si_offset(QuantityKind::temperature, "degC", "met.nc", "t"), 273.15);
  EXPECT_EQ(to_si_scale(QuantityKind::temperature, "degC", "met.nc", "t"), 1.0);
}

TEST(Units, PressureToPascal) {
  EXPECT_DOUBLE_EQ(si(QuantityKind::pressure, "hPa", 1013.25), 101325.0);
  EXPECT_DOUBLE_EQ(si(QuantityKind::pressure, "mb", 850.0), 85000.0);
  EXPECT_DOUBLE_EQ(si(QuantityKind::pressure, "mbar", 500.0), 50000.0);
  EXPECT_DOUBLE_EQ(si(QuantityKind::pressure, "kPa", 101.325), 101325.0);
  EXPECT_EQ(si(QuantityKind::pressure, "Pa", 7.0), 7.0);
}

TEST(Units, MassRatioToKgPerKg) {
  EXPECT_DOUBLE_EQ(si(QuantityKind::mass_ratio, "g/kg", 8.0), 0.008);
  EXPECT_DOUBLE_EQ(si(QuantityKind::mass_ratio, "g kg-1", 12.5), 0.0125);
  EXPECT_EQ(si(QuantityKind::mass_ratio, "kg kg-1", 0.01), 0.01);
  EXPECT_EQ(si(QuantityKind::mass_ratio, "kg/kg", 0.01), 0.01);
  EXPECT_EQ(si(QuantityKind::mass_ratio, "1", 0.01), 0.01);
}

TEST(Units, SpeedSpellingsAndKilometresPerHour) {
  for (const char* units : {"m s-1", "m/s", "m s**-1", "m s^-1", " m s-1 "})
    EXPECT_EQ(si(QuantityKind::speed, units, 3.5), 3.5) << units;
  EXPECT_DOUBLE_EQ(si(QuantityKind::speed, "km/h", 36.0), 10.0);
}

TEST(Units, HeightsFluxesDiffusivity) {
  EXPECT_EQ(si(QuantityKind::length, "km", 1.5), 1500.0);
  EXPECT_EQ(si(QuantityKind::length, "m", 1.5), 1.5);
  EXPECT_EQ(si(QuantityKind::energy_flux, "W m-2", 400.0), 400.0);
  EXPECT_EQ(si(QuantityKind::energy_flux, "W m**-2", 400.0), 400.0);
  EXPECT_EQ(si(QuantityKind::diffusivity, "m2 s-1", 20.0), 20.0);
  EXPECT_EQ(si(QuantityKind::diffusivity, "m2/s", 20.0), 20.0);
}

TEST(Units, UnitOfAnotherQuantityIsNotAccepted) {
  EXPECT_FALSE(find_si_conversion(QuantityKind::speed, "K").has_value());
  EXPECT_FALSE(find_si_conversion(QuantityKind::temperature, "C").has_value());  // coulomb in UDUNITS
  EXPECT_TRUE(find_si_conversion(QuantityKind::temperature, "K").has_value());
}

TEST(Units, UnknownUnitNamesFileVariableAndAlternatives) {
  try {
    si_conversion(QuantityKind::temperature, "furlongs", "met.nc", "air_temperature");
    FAIL() << "no InputError";
  } catch (const InputError& e) {
    const std::string m = e.what();
    EXPECT_EQ(m.rfind("met.nc: variable 'air_temperature': units 'furlongs' are not a temperature", 0), 0u)
        << m;
    EXPECT_NE(m.find("expected one of K, "), std::string::npos) << m;
    EXPECT_NE(m.find("degC"), std::string::npos) << m;
    EXPECT_EQ(m.find('\n'), std::string::npos) << m;
  }
}

TEST(Units, AcceptedUnitsListTheSiUnitFirst) {
  EXPECT_EQ(accepted_units(QuantityKind::speed).front(), "m s-1");
  EXPECT_EQ(accepted_units(QuantityKind::temperature).front(), "K");
  EXPECT_EQ(accepted_units(QuantityKind::pressure).front(), "Pa");
  EXPECT_EQ(accepted_units(QuantityKind::mass_ratio).front(), "kg kg-1");
  EXPECT_EQ(accepted_units(QuantityKind::length).front(), "m");
  EXPECT_EQ(accepted_units(QuantityKind::energy_flux).front(), "W m-2");
  EXPECT_EQ(accepted_units(QuantityKind::diffusivity).front(), "m2 s-1");
}

}  // namespace
}  // namespace airshed
