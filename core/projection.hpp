// SPDX-License-Identifier: Apache-2.0
#pragma once
#include <string>

namespace airshed {

struct LonLat {
  double lon = 0.0;  ///< degrees east
  double lat = 0.0;  ///< degrees north
};

struct ProjectedXY {
  double x = 0.0;  ///< m
  double y = 0.0;  ///< m
};

/// A map projection as CF-1.8 grid_mapping attributes describe it (cf-conventions Appendix F), with the
/// forward and inverse formulas of Snyder (1987), "Map Projections: A Working Manual", USGS PP 1395.
/// The figure of the Earth is a sphere when inverse_flattening == 0 (WRF uses R = 6,370,000 m), else an
/// ellipsoid (WGS84 by default for transverse Mercator / UTM).
struct Projection {
  enum class Kind { lambert_conformal_conic, transverse_mercator, polar_stereographic, mercator };

  Kind kind = Kind::lambert_conformal_conic;
  double standard_parallel_1 = 0.0;  ///< deg; LCC first (or only) standard parallel; Mercator/polar: latitude of true scale
  double standard_parallel_2 = 0.0;  ///< deg; LCC second standard parallel (== first for a tangent cone)
  double longitude_of_central_meridian = 0.0;  ///< deg (CF: also straight_vertical_longitude_from_pole)
  double latitude_of_projection_origin = 0.0;  ///< deg (polar stereographic: +90 or -90)
  double false_easting = 0.0;                  ///< m
  double false_northing = 0.0;                 ///< m
  double scale_factor = 1.0;                   ///< transverse Mercator: scale_factor_at_central_meridian
  double semi_major_axis = 6370000.0;          ///< m
  double inverse_flattening = 0.0;             ///< 0 = sphere

  /// CF grid_mapping_name for this kind.
  std::string cf_grid_mapping_name() const;

  /// Throws std::invalid_argument with a one-line reason when the parameters are not usable
  /// (e.g. LCC standard parallels on opposite sides of the equator, |lat| >= 90).
  void validate() const;

  ProjectedXY forward(LonLat p) const;
  LonLat inverse(ProjectedXY p) const;

  /// Angle [rad] to rotate earth-relative winds into grid-relative ones at (lon, lat):
  /// u_grid = u_east*cos(a) - v_north*sin(a), v_grid = u_east*sin(a) + v_north*cos(a).
  /// For LCC a = n*(lon - lon0) (Snyder eq. 15-?); zero for Mercator.
  double grid_rotation(LonLat p) const;

  /// Map scale factor k at (lon, lat): projected distance / true distance.
  double map_scale_factor(LonLat p) const;

  /// OGC WKT (WKT1/GDAL flavour) for the CF crs_wkt attribute, read by GDAL/QGIS and pyproj.
  std::string to_wkt() const;
};

}  // namespace airshed
