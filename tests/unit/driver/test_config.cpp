// SPDX-License-Identifier: Apache-2.0
// The case-file validator: every malformed file is one InputError naming file and line.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "core/error.hpp"
#include "driver/case_schema.hpp"
#include "io/yaml_config.hpp"

using namespace airshed;

namespace {

std::string error_of(const std::string& yaml) {
  try {
    Config::parse(yaml, "case.yaml", case_schema());
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

const char* kMinimal =
    "case:\n  start: 2026-11-28T00\ngrid:\n  nx: 4\n  ny: 3\n  dx: 1000\n  dy: 1000\n"
    "  x_west: 0\n  y_south: 0\nspecies:\n  - name: co\n";

}  // namespace

TEST(Config, MinimalCaseGetsDefaults) {
  const Config c = Config::parse(kMinimal, "case.yaml", case_schema());
  EXPECT_EQ(c.integer("grid.nx"), 4);
  EXPECT_DOUBLE_EQ(c.real("case.hours"), 72.0);
  EXPECT_EQ(c.string("transport.advection"), "ppm");
  EXPECT_EQ(c.integer("grid.layers.nz"), 18);
  ASSERT_EQ(c.items("species").size(), 1u);
  EXPECT_EQ(c.items("species")[0].string("phase"), "gas");
  EXPECT_EQ(c.time("case.start").seconds, parse_utc("2026-11-28T00:00:00Z").seconds);
}

TEST(Config, UnknownKeyNamesFileLineAndSection) {
  const std::string e = error_of(std::string(kMinimal) + "transport:\n  advektion: ppm\n");
  EXPECT_NE(e.find("case.yaml:13"), std::string::npos) << e;
  EXPECT_NE(e.find("unknown key 'advektion' in section 'transport'"), std::string::npos) << e;
  EXPECT_NE(e.find("advection"), std::string::npos) << "the message lists the known keys: " << e;
}

TEST(Config, UnknownKeyInsideAListItem) {
  const std::string e = error_of(std::string(kMinimal) + "    colour: red\n");
  EXPECT_NE(e.find("case.yaml:12"), std::string::npos) << e;
  EXPECT_NE(e.find("unknown key 'colour' in section 'species[]'"), std::string::npos) << e;
}

TEST(Config, TypeRangeAndChoiceErrors) {
  EXPECT_NE(error_of("case:\n  start: 2026-11-28T00\ngrid:\n  nx: four\n")
                .find("case.yaml:4: key 'grid.nx' must be an integer"),
            std::string::npos);
  EXPECT_NE(
      error_of(std::string(kMinimal) + "transport:\n  courant_max: 1.5\n").find("outside the allowed range"),
      std::string::npos);
  EXPECT_NE(error_of(std::string(kMinimal) + "transport:\n  horizontal_diffusion: magic\n")
                .find("is not one of: none, constant, smagorinsky"),
            std::string::npos);
  EXPECT_NE(error_of("case:\n  start: 2026-13-28T00\n").find("not a valid calendar date"), std::string::npos);
}

TEST(Config, MissingRequiredKey) {
  const std::string e = error_of("case:\n  hours: 3\n");
  EXPECT_NE(e.find("missing required key 'case.start'"), std::string::npos) << e;
}

TEST(Config, MalformedYamlNamesTheLine) {
  const std::string e = error_of("case:\n  start: [2026\n  hours: 3\n");
  EXPECT_NE(e.find("case.yaml:"), std::string::npos) << e;
  EXPECT_NE(e.find("malformed YAML"), std::string::npos) << e;
}

TEST(Config, CommandLineOverrideIsValidated) {
  Config c = Config::parse(kMinimal, "case.yaml", case_schema());
  c.set("grid.nx=80");
  EXPECT_EQ(c.integer("grid.nx"), 80);
  c.set("transport.horizontal_diffusion=none");
  EXPECT_EQ(c.string("transport.horizontal_diffusion"), "none");
  EXPECT_THROW(c.set("grid.nx=eighty"), InputError);
  EXPECT_THROW(c.set("grid.colour=red"), InputError);
  EXPECT_THROW(c.set("no_equals_sign"), InputError);
}

TEST(Config, DocsAreGeneratedFromTheSchema) {
  // docs/config.md must be exactly `airshed config-doc`: regenerate with
  //   build/app/airshed config-doc > docs/config.md
  std::ifstream in(std::string(AIRSHED_SOURCE_DIR) + "/docs/config.md");
  ASSERT_TRUE(in.good()) << "docs/config.md is missing";
  std::stringstream ss;
  ss << in.rdbuf();
  EXPECT_EQ(ss.str(), schema_markdown(case_schema(), "Case file reference", case_schema_intro()))
      << "docs/config.md is stale: regenerate it with `build/app/airshed config-doc > docs/config.md`";
}
