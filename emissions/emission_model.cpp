// SPDX-License-Identifier: Apache-2.0
#include "emissions/emission_model.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <stdexcept>

#include "core/error.hpp"
#include "emissions/dust.hpp"
#include "emissions/gridding.hpp"
#include "emissions/plume_rise.hpp"
#include "emissions/vehicles.hpp"

namespace airshed::emis {

namespace {

constexpr double kSecondsPerDay = 86400.0;
constexpr double kNormalTemperature = 273.15;  // K: "normal" cubic metre (Nm3) reference
constexpr double kNormalPressure = 101325.0;   // Pa
constexpr double kDryAirGasConstant = 287.05;  // J kg-1 K-1
constexpr double kKappa = 0.2857;
constexpr double kVonKarman = 0.4;  // R/cp of dry air, Poisson exponent of potential temperature
/// Below this lapse of potential temperature the layer around the stack counts as neutral (the mixed layer
/// of a model is never exactly adiabatic; ISC3's stable formulas are meant for classes E-F, 0.02-0.035 K/m).
constexpr double kNeutralThetaGradient = 0.001;  // K m-1

bool is_leap(int y) {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/// Layer-mean horizontal wind speed at the cell centre from the C-grid faces.
double cell_wind_speed(const MetFields& met, int i, int j, int k) {
  const double u = 0.5 * (met.u(i, j, k) + met.u(i + 1, j, k));
  const double v = 0.5 * (met.v(i, j, k) + met.v(i, j + 1, k));
  return std::hypot(u, v);
}

/// Linear interpolation in height between layer mid-points of a column quantity, constant beyond the ends.
template <class F>
double column_value_at(const VerticalLayers& layers, double z, F value_of_layer) {
  const int nz = layers.nz();
  if (z <= layers.mid(0)) return value_of_layer(0);
  for (int k = 0; k + 1 < nz; ++k)
    if (z <= layers.mid(k + 1)) {
      const double w = (z - layers.mid(k)) / (layers.mid(k + 1) - layers.mid(k));
      return (1.0 - w) * value_of_layer(k) + w * value_of_layer(k + 1);
    }
  return value_of_layer(nz - 1);
}

double potential_temperature(const MetFields& met, int i, int j, int k) {
  return met.temperature(i, j, k) * std::pow(1.0e5 / met.pressure(i, j, k), kKappa);
}

/// d(theta)/dz across the layers bracketing height z (the two lowest layers below the first mid-point).
double theta_gradient_at(const VerticalLayers& layers, const MetFields& met, int i, int j, double z) {
  const int nz = layers.nz();
  if (nz < 2) return 0.0;
  int k = 0;
  while (k + 2 < nz && z > layers.mid(k + 1)) ++k;
  return (potential_temperature(met, i, j, k + 1) - potential_temperature(met, i, j, k)) /
         (layers.mid(k + 1) - layers.mid(k));
}

/// Relative humidity (0..1) from the water-vapour mixing ratio, with the Bolton (1980) saturation pressure.
double relative_humidity(double mixing_ratio, double pressure, double temperature) {
  const double e = mixing_ratio * pressure / (0.62198 + mixing_ratio);
  const double es = 611.2 * std::exp(17.67 * (temperature - 273.15) / (temperature - 29.65));
  return std::clamp(e / es, 0.0, 1.0);
}

/// Altitude above sea level [m] from the pressure of the lowest layer (ICAO standard atmosphere), used
/// only for the vehicle-emission altitude correction, which switches at 1,500 m.
double altitude_from_pressure(double pressure) {
  return 44330.8 * (1.0 - std::pow(pressure / kNormalPressure, 0.190263));
}

/// Map scale factor k (projected / true distance) at projected (x, y). Lengths and areas on the projected
/// plane are k and k^2 times the true ones (k = 0.983 at Kangbashi on the 25/47 N Lambert grid), and the
/// inventory's amounts (per km of road, per m2 of ground) are per true distance. A grid whose projection is
/// not a usable map projection (synthetic planar grids) is a true plane: k = 1.
double scale_factor_at(const Grid& grid, bool planar, double x, double y) {
  if (planar) return 1.0;
  const Projection& p = grid.projection();
  return p.map_scale_factor(p.inverse({x, y}));
}

bool is_planar(const Grid& grid) {
  try {
    grid.projection().validate();
    return false;
  } catch (const std::invalid_argument&) {
    return true;
  }
}

/// True length of a polyline: each segment's projected length over k at its midpoint.
double true_length(const Grid& grid, bool planar, const std::vector<std::array<double, 2>>& v) {
  double length = 0.0;
  for (std::size_t n = 1; n < v.size(); ++n)
    length += std::hypot(v[n][0] - v[n - 1][0], v[n][1] - v[n - 1][1]) /
              scale_factor_at(grid, planar, 0.5 * (v[n][0] + v[n - 1][0]), 0.5 * (v[n][1] + v[n - 1][1]));
  return length;
}

/// True area of a polygon: its projected area over k^2 at the vertex mean (k varies by < 1e-3 over a
/// district-sized polygon).
double true_area(const Grid& grid, bool planar, const Polygon& polygon) {
  double x = 0.0, y = 0.0;
  for (const auto& v : polygon.vertices) {
    x += v[0];
    y += v[1];
  }
  const double n = static_cast<double>(polygon.vertices.size());
  const double k = scale_factor_at(grid, planar, x / n, y / n);
  return polygon_area(polygon) / (k * k);
}

}  // namespace

double seconds_in_local_year(UtcTime t, double utc_offset_hours) {
  const CivilTime local =
      to_civil(UtcTime{t.seconds + static_cast<std::int64_t>(std::llround(utc_offset_hours * 3600.0))});
  return (is_leap(local.year) ? 366.0 : 365.0) * kSecondsPerDay;
}

struct EmissionModel::Part {
  enum class Kind { point, area, construction, wind_blown, road_exhaust, road_dust, gridded } kind;
  std::size_t emitter = 0;
  std::size_t source = 0;  ///< index into the inventory's vector for this kind
  std::string temporal_profile;
  std::vector<CellShare> cells;                ///< horizontal shares (not used by points and gridded parts)
  std::vector<std::pair<int, double>> layers;  ///< fixed vertical fractions (areas, roads, gridded)
  double size = 0;                             ///< road length [m] or polygon area [m2]
  double mean_weight = 0;                      ///< roads: fleet mean weight [t] (AP-42 13.2.1 W)
  int i = 0, j = 0;                            ///< points: stack cell
  PollutantValues annual;                      ///< kg per year for the annual kinds
};

EmissionModel::EmissionModel(Inventory inventory, const Grid& grid, const SpeciesList& species,
                             const std::map<std::string, int>& carbon_atoms, const EmissionOptions& options)
    : inventory_(std::move(inventory)),
      grid_(&grid),
      species_(species),
      options_(options),
      speciator_(inventory_.speciation_profiles, inventory_.voc_compounds, species_, carbon_atoms),
      planar_(is_planar(grid)) {
  for (const TemporalProfile& p : inventory_.temporal_profiles)
    allocators_.emplace(p.id, TemporalAllocator(p, options_.utc_offset_hours));
  allocators_.emplace("", TemporalAllocator(TemporalProfile{}, options_.utc_offset_hours));
  for (const VehicleClass& v : inventory_.vehicle_classes) vehicle_classes_.emplace(v.id, v);

  auto check_profiles = [&](const SourceInfo& info, const std::string& speciation,
                            const PollutantValues& emits) {
    if (!allocators_.count(info.temporal_profile))
      throw InputError(info.where,
                       "source '" + info.id + "': unknown temporal profile '" + info.temporal_profile + "'");
    for (Pollutant p : kAllPollutants) {
      if (!(emits[p] > 0.0)) continue;
      if (p == Pollutant::PM10 && !(emits[Pollutant::PM10] > emits[Pollutant::PM25])) continue;
      if (!speciator_.has(speciation, p))
        throw InputError(info.where, "source '" + info.id + "': speciation profile '" + speciation +
                                         "' has no entry for " +
                                         (p == Pollutant::PM10 ? std::string("PMcoarse (PM10 - PM2.5)")
                                                               : std::string(pollutant_name(p))));
    }
  };
  auto add_emitter = [&](const SourceInfo& info, const std::string& category, const std::string& speciation) {
    emitters_.push_back({info.id, category, info.region, speciation});
    return emitters_.size() - 1;
  };

  for (std::size_t n = 0; n < inventory_.points.size(); ++n) {
    const PointSource& p = inventory_.points[n];
    if (!p.info.enabled) continue;
    Part part{Part::Kind::point};
    if (!grid.locate(p.x, p.y, part.i, part.j))
      throw InputError(p.info.where, "source '" + p.info.id + "' lies outside the model grid");
    if (!(p.stack_height < grid.layers().top()))
      throw InputError(p.info.where, "source '" + p.info.id + "': stack height is above the model top");
    check_profiles(p.info, p.info.speciation_profile, p.annual);
    part.emitter = add_emitter(p.info, p.info.category, p.info.speciation_profile);
    part.source = n;
    part.temporal_profile = p.info.temporal_profile;
    part.annual = p.annual;
    parts_.push_back(std::move(part));
  }
  for (std::size_t n = 0; n < inventory_.areas.size(); ++n) {
    const AreaSource& a = inventory_.areas[n];
    if (!a.info.enabled) continue;
    Part part{a.kind == AreaKind::inventory      ? Part::Kind::area
              : a.kind == AreaKind::construction ? Part::Kind::construction
                                                 : Part::Kind::wind_blown};
    part.cells = polygon_cell_shares(grid, a.polygon, a.info.where);
    part.size = true_area(grid, planar_, a.polygon);
    if (a.release_top > grid.layers().top())
      throw InputError(a.info.where, "source '" + a.info.id + "': release top is above the model top");
    part.layers = release_layer_fractions(grid.layers(), a.release_bottom, a.release_top);
    part.source = n;
    part.temporal_profile = a.info.temporal_profile;
    if (part.kind == Part::Kind::area) {
      part.annual = a.annual;
    } else if (part.kind == Part::Kind::construction) {
      const PollutantValues rate = construction_dust_rate(part.size, a.dust);  // annual-mean kg s-1
      for (Pollutant p : kAllPollutants) part.annual[p] = rate[p] * 365.0 * kSecondsPerDay;
    } else {
      part.annual[Pollutant::PM25] = part.annual[Pollutant::PM10] = 1.0;  // emits both, amount from the wind
    }
    check_profiles(a.info, a.info.speciation_profile, part.annual);
    if (part.kind == Part::Kind::wind_blown) {
      part.annual = PollutantValues{};
      if (!(a.dust.roughness_length < grid.layers().mid(0)))
        throw InputError(a.info.where, "source '" + a.info.id + "': roughness length " +
                                           std::to_string(a.dust.roughness_length) +
                                           " m is not below the middle of the first layer");
    }
    part.emitter = add_emitter(a.info, a.info.category, a.info.speciation_profile);
    parts_.push_back(std::move(part));
  }
  for (std::size_t n = 0; n < inventory_.roads.size(); ++n) {
    const RoadLink& r = inventory_.roads[n];
    if (!r.info.enabled) continue;
    Part exhaust{Part::Kind::road_exhaust};
    exhaust.cells = polyline_cell_shares(grid, r.vertices, r.info.where);
    exhaust.size = true_length(grid, planar_, r.vertices);
    exhaust.layers = release_layer_fractions(grid.layers(), 0.0, 0.0);
    exhaust.source = n;
    exhaust.temporal_profile = r.info.temporal_profile;
    exhaust.mean_weight = fleet_mean_weight(r, vehicle_classes_);
    PollutantValues emits;  // what the fleet can emit, for the speciation check
    for (const auto& [cls, share] : r.fleet) {
      auto it = vehicle_classes_.find(cls);
      if (it == vehicle_classes_.end())
        throw InputError(r.info.where, "road '" + r.info.id + "': unknown vehicle class '" + cls + "'");
      for (Pollutant p : kAllPollutants) emits[p] += share * it->second.emission_factor[p];
    }
    check_profiles(r.info, r.info.speciation_profile, emits);
    Part dust = exhaust;
    exhaust.emitter = add_emitter(r.info, r.info.category, r.info.speciation_profile);
    parts_.push_back(std::move(exhaust));
    if (r.silt_loading > 0.0) {
      dust.kind = Part::Kind::road_dust;
      PollutantValues dust_emits;
      dust_emits[Pollutant::PM25] = 1.0;
      dust_emits[Pollutant::PM10] = 2.0;
      check_profiles(r.info, r.dust_speciation_profile, dust_emits);
      dust.emitter = add_emitter(r.info, "dust", r.dust_speciation_profile);
      parts_.push_back(std::move(dust));
    }
  }
  for (std::size_t n = 0; n < inventory_.gridded.size(); ++n) {
    const GriddedSource& g = inventory_.gridded[n];
    if (!g.info.enabled) continue;
    Part part{Part::Kind::gridded};
    PollutantValues emits;
    for (const auto& [p, flux] : g.flux) {
      if (flux.n0 != grid.nx() || flux.n1 != grid.ny())
        throw InputError(g.info.where, "gridded emissions are not on the model grid");
      for (double f : flux.data) emits[p] += f;
    }
    check_profiles(g.info, g.info.speciation_profile, emits);
    part.layers = release_layer_fractions(grid.layers(), 0.0, 0.0);
    part.source = n;
    part.temporal_profile = g.info.temporal_profile;
    part.emitter = add_emitter(g.info, g.info.category, g.info.speciation_profile);
    parts_.push_back(std::move(part));
  }
}

EmissionModel::~EmissionModel() = default;
EmissionModel::EmissionModel(EmissionModel&&) noexcept = default;
EmissionModel& EmissionModel::operator=(EmissionModel&&) noexcept = default;

double EmissionModel::cell_true_area(int i, int j) const {
  const double k = scale_factor_at(*grid_, planar_, grid_->x_centre(i), grid_->y_centre(j));
  return grid_->dx() * grid_->dy() / (k * k);
}

const TemporalAllocator& EmissionModel::allocator(const std::string& id) const {
  return allocators_.at(id);
}

double EmissionModel::temporal_weight(std::size_t emitter, UtcTime hour) const {
  for (const Part& part : parts_)
    if (part.emitter == emitter) return annual_fraction_per_second(part.temporal_profile, hour);
  return 0.0;
}

double EmissionModel::annual_fraction_per_second(const std::string& profile, UtcTime hour_start) const {
  return allocator(profile).annual_fraction_per_second(hour_start);
}

EmissionRates EmissionModel::hourly_rates(UtcTime hour_start, const MetFields& met,
                                          CategoryRates* by_category,
                                          std::vector<PollutantValues>* by_emitter) const {
  HourlyExtras extras;
  extras.by_category = by_category;
  extras.by_emitter = by_emitter;
  return hourly_rates(hour_start, met, extras);
}

namespace {
/// One entry per (species, cell), summed in the order the contributions were produced (deterministic).
EmissionRates merge_cells(EmissionRates raw) {
  std::stable_sort(raw.begin(), raw.end(), [](const CellEmission& a, const CellEmission& b) {
    if (a.species != b.species) return a.species < b.species;
    if (a.k != b.k) return a.k < b.k;
    if (a.j != b.j) return a.j < b.j;
    return a.i < b.i;
  });
  EmissionRates out;
  for (const CellEmission& c : raw) {
    if (!out.empty() && out.back().species == c.species && out.back().i == c.i && out.back().j == c.j &&
        out.back().k == c.k)
      out.back().rate += c.rate;
    else
      out.push_back(c);
  }
  return out;
}
}  // namespace

EmissionRates EmissionModel::hourly_rates(UtcTime hour_start, const MetFields& met,
                                          const HourlyExtras& extras) const {
  const Grid& g = *grid_;
  const VerticalLayers& layers = g.layers();
  EmissionRates raw;
  CategoryRates* by_category = extras.by_category;
  std::vector<PollutantValues>* by_emitter = extras.by_emitter;
  std::vector<EmissionRates>* by_cells = extras.by_emitter_cells;
  if (by_category) by_category->clear();
  if (by_emitter) by_emitter->assign(emitters_.size(), PollutantValues{});
  if (by_cells) by_cells->assign(emitters_.size(), EmissionRates{});

  // Pollutant rates [kg s-1] of one emitter into cell (i, j), spread over `layer_fractions`, speciated.
  auto emit = [&](const Part& part, int i, int j, const std::vector<std::pair<int, double>>& layer_fractions,
                  PollutantValues rate) {
    const Emitter& e = emitters_[part.emitter];
    if (extras.adjustment)
      for (Pollutant p : kAllPollutants)
        if (rate[p] != 0.0) rate[p] *= extras.adjustment->factor(e, part.emitter, p, hour_start, i, j);
    for (Pollutant p : kAllPollutants) {
      double r = rate[p];
      if (p == Pollutant::PM10) r = std::max(0.0, rate[Pollutant::PM10] - rate[Pollutant::PM25]);
      if (!(r > 0.0)) continue;
      for (const SpeciesSplit& s : speciator_.split(e.speciation_profile, p))
        for (const auto& [k, fraction] : layer_fractions) {
          raw.push_back({i, j, k, s.species, r * s.factor * fraction});
          if (by_cells) (*by_cells)[part.emitter].push_back(raw.back());
        }
    }
    if (by_category) {
      PollutantValues& c = (*by_category)[e.category];
      for (Pollutant p : kAllPollutants) c[p] += rate[p];
    }
    if (by_emitter)
      for (Pollutant p : kAllPollutants) (*by_emitter)[part.emitter][p] += rate[p];
  };

  for (const Part& part : parts_) {
    const double fraction = annual_fraction_per_second(part.temporal_profile, hour_start);
    switch (part.kind) {
      case Part::Kind::point: {
        const PointSource& p = inventory_.points[part.source];
        PollutantValues rate;
        for (Pollutant q : kAllPollutants) rate[q] = part.annual[q] * fraction;
        std::vector<std::pair<int, double>> fractions;
        const double pressure =
            column_value_at(layers, p.stack_height, [&](int k) { return met.pressure(part.i, part.j, k); });
        const double exit_velocity = std::isnan(p.exit_velocity)
                                         ? p.normal_flow * (p.exit_temperature / kNormalTemperature) *
                                               (kNormalPressure / pressure) /
                                               (0.25 * std::numbers::pi * p.diameter * p.diameter)
                                         : p.exit_velocity;
        if (options_.plume_rise) {
          Stack stack{p.stack_height, p.diameter, exit_velocity, p.exit_temperature};
          StackMet sm;
          sm.wind_speed_at_stack = std::max(1.0, column_value_at(layers, p.stack_height, [&](int k) {
                                              return cell_wind_speed(met, part.i, part.j, k);
                                            }));
          sm.air_temperature = column_value_at(layers, p.stack_height,
                                               [&](int k) { return met.temperature(part.i, part.j, k); });
          sm.mixing_height = !met.pbl_height.empty() ? met.pbl_height(part.i, part.j) : 0.0;
          const double gradient = theta_gradient_at(layers, met, part.i, part.j, p.stack_height);
          sm.potential_temperature_gradient = gradient < kNeutralThetaGradient ? 0.0 : gradient;
          PlumeRise rise = briggs_plume_rise(stack, sm);
          if (sm.potential_temperature_gradient > 0.0) {
            // Stable: never more than the neutral rise (SMOKE plmris / Briggs 1984 practice), which guards
            // the weakly stable case where s -> 0 would make the stable formula unbounded.
            StackMet neutral = sm;
            neutral.potential_temperature_gradient = 0.0;
            neutral.mixing_height = 0.0;
            const PlumeRise n = briggs_plume_rise(stack, neutral);
            if (n.effective_height < rise.effective_height) rise = n;
          }
          const double top = layers.top();
          double he = rise.effective_height;
          // A plume rising through the model top stays in the top layer: the mass must enter the grid.
          if (he >= top) he = 0.5 * (layers.interface(layers.nz() - 1) + top);
          try {
            fractions = plume_layer_fractions(layers, he, rise.final_rise);
          } catch (const std::invalid_argument& e) {
            throw InputError(p.info.where, "source '" + p.info.id + "': " + e.what());
          }
        } else {
          fractions = plume_layer_fractions(layers, p.stack_height, 0.0);
        }
        emit(part, part.i, part.j, fractions, rate);
        break;
      }
      case Part::Kind::area:
      case Part::Kind::construction: {
        for (const CellShare& c : part.cells) {
          PollutantValues rate;
          for (Pollutant q : kAllPollutants) rate[q] = part.annual[q] * fraction * c.fraction;
          emit(part, c.i, c.j, part.layers, rate);
        }
        break;
      }
      case Part::Kind::wind_blown: {
        const AreaSource& a = inventory_.areas[part.source];
        for (const CellShare& c : part.cells) {
          const double z1 = layers.mid(0);
          const double ustar =
              a.dust.roughness_length > 0.0
                  ? kVonKarman * cell_wind_speed(met, c.i, c.j, 0) / std::log(z1 / a.dust.roughness_length)
                  : met.friction_velocity(c.i, c.j);
          const double rho = met.pressure(c.i, c.j, 0) / (kDryAirGasConstant * met.temperature(c.i, c.j, 0));
          const PollutantValues flux = wind_blown_dust_flux(ustar, rho, a.dust);
          PollutantValues rate;
          for (Pollutant q : kAllPollutants) rate[q] = flux[q] * part.size * c.fraction;
          emit(part, c.i, c.j, part.layers, rate);
        }
        break;
      }
      case Part::Kind::road_exhaust:
      case Part::Kind::road_dust: {
        const RoadLink& r = inventory_.roads[part.source];
        // Traffic of the hour: the annual number of vehicles (AADT x 365) spread by the traffic profile.
        const double flow = r.aadt * 365.0 * fraction;  // vehicles per second
        for (const CellShare& c : part.cells) {
          const double length = part.size * c.fraction;
          PollutantValues rate;
          if (part.kind == Part::Kind::road_exhaust) {
            const double t = met.temperature(c.i, c.j, 0), pr = met.pressure(c.i, c.j, 0);
            const RoadConditions cond{t, relative_humidity(met.humidity(c.i, c.j, 0), pr, t),
                                      altitude_from_pressure(pr)};
            rate = road_exhaust_rate(r, vehicle_classes_, flow, length, cond);
          } else {
            rate = road_dust_rate(r, part.mean_weight, flow, length);
            if (options_.wet_days_per_year > 0.0) {
              const double wet = paved_road_wet_correction(options_.wet_days_per_year, 365.0);
              for (Pollutant q : kAllPollutants) rate[q] *= wet;
            }
          }
          emit(part, c.i, c.j, part.layers, rate);
        }
        break;
      }
      case Part::Kind::gridded: {
        const GriddedSource& gs = inventory_.gridded[part.source];
        // The flux is an annual mean: the year's mass is flux x area x seconds in the (local) year.
        const double seconds = seconds_in_local_year(hour_start, options_.utc_offset_hours);
        for (int j = 0; j < g.ny(); ++j)
          for (int i = 0; i < g.nx(); ++i) {
            PollutantValues rate;
            bool any = false;
            for (const auto& [q, flux] : gs.flux) {
              rate[q] = flux(i, j) * cell_true_area(i, j) * seconds * fraction;
              any = any || rate[q] > 0.0;
            }
            if (any) emit(part, i, j, part.layers, rate);
          }
        break;
      }
    }
  }

  if (by_cells)
    for (EmissionRates& e : *by_cells) e = merge_cells(std::move(e));
  return merge_cells(std::move(raw));
}

CategoryRates EmissionModel::annual_totals(int year) const {
  const double seconds = (is_leap(year) ? 366.0 : 365.0) * kSecondsPerDay;
  CategoryRates totals;
  for (const Part& part : parts_) {
    const Emitter& e = emitters_[part.emitter];
    PollutantValues& t = totals[e.category];
    switch (part.kind) {
      case Part::Kind::point:
      case Part::Kind::area:
      case Part::Kind::construction:
        for (Pollutant q : kAllPollutants) t[q] += part.annual[q];
        break;
      case Part::Kind::wind_blown:
        break;
      case Part::Kind::road_exhaust:
      case Part::Kind::road_dust: {
        const RoadLink& r = inventory_.roads[part.source];
        const double vehicles = r.aadt * 365.0;  // per year
        PollutantValues rate;
        if (part.kind == Part::Kind::road_exhaust) {
          // Reference conditions: the hot emission factors as given, no temperature/humidity/altitude
          // correction.
          for (const auto& [cls, share] : r.fleet)
            for (Pollutant q : kAllPollutants)
              rate[q] += share * vehicle_classes_.at(cls).emission_factor[q] * vehicles * part.size / 1000.0;
        } else {
          rate = road_dust_rate(r, part.mean_weight, vehicles, part.size);
          if (options_.wet_days_per_year > 0.0)
            for (Pollutant q : kAllPollutants)
              rate[q] *= paved_road_wet_correction(options_.wet_days_per_year, 365.0);
        }
        for (Pollutant q : kAllPollutants) t[q] += rate[q];
        break;
      }
      case Part::Kind::gridded: {
        const GriddedSource& gs = inventory_.gridded[part.source];
        for (const auto& [q, flux] : gs.flux)
          for (int j = 0; j < grid_->ny(); ++j)
            for (int i = 0; i < grid_->nx(); ++i) t[q] += flux(i, j) * cell_true_area(i, j) * seconds;
        break;
      }
    }
  }
  return totals;
}

std::vector<std::string> EmissionModel::met_dependent_sources() const {
  std::vector<std::string> ids;
  for (const Part& part : parts_)
    if (part.kind == Part::Kind::wind_blown) ids.push_back(emitters_[part.emitter].source_id);
  return ids;
}

}  // namespace airshed::emis
