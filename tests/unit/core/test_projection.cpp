// SPDX-License-Identifier: Apache-2.0
// Map projections against published numbers.
//
// Sources of the reference numbers:
//  * "Snyder p. N": the numerical examples of Snyder (1987), USGS PP 1395, Appendix A. Each was cross-checked
//    against PROJ 9.1.1 (pyproj 3.4.1, Debian python3-pyproj), and the printed digits are used with a
//    tolerance of 0.6 of the last printed digit.
//  * "pyproj": computed for this test with pyproj 3.4.1 / PROJ 9.1.1 (Proj(...)(lon, lat) and
//    Proj.get_factors for the scale factor k = parallel_scale and the meridian convergence), with the proj
//    string quoted beside the numbers. PROJ computes k by numerical differentiation, good to ~1e-11, so k is
//    compared to 1e-10. PROJ's meridian_convergence is the grid_rotation of this code (the
//    angle from true north to grid north, positive when grid north lies east of true north).
#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/constants.hpp"
#include "core/projection.hpp"

namespace airshed {
namespace {

constexpr double deg = constants::pi / 180.0;

// Clarke 1866 as Snyder gives it: a = 6378206.4 m, b = 6356583.8 m (e^2 = 0.00676866).
constexpr double clarke_a = 6378206.4;
constexpr double clarke_rf = 294.9786982139006;  // a / (a - b)
// International 1924: a = 6378388 m, 1/f = 297 (Snyder's e^2 = 0.00672267).
constexpr double intl_a = 6378388.0;
constexpr double intl_rf = 297.0;
constexpr double wgs84_a = 6378137.0;
constexpr double wgs84_rf = 298.257223563;

Projection lcc(double sp1, double sp2, double lat0, double lon0, double a, double rf) {
  Projection p;
  p.kind = Projection::Kind::lambert_conformal_conic;
  p.standard_parallel_1 = sp1;
  p.standard_parallel_2 = sp2;
  p.latitude_of_projection_origin = lat0;
  p.longitude_of_central_meridian = lon0;
  p.semi_major_axis = a;
  p.inverse_flattening = rf;
  return p;
}

Projection tmerc(double lat0, double lon0, double k0, double a, double rf) {
  Projection p;
  p.kind = Projection::Kind::transverse_mercator;
  p.latitude_of_projection_origin = lat0;
  p.longitude_of_central_meridian = lon0;
  p.scale_factor = k0;
  p.semi_major_axis = a;
  p.inverse_flattening = rf;
  return p;
}

Projection polar(double pole, double true_scale_lat, double lon0, double k0, double a, double rf) {
  Projection p;
  p.kind = Projection::Kind::polar_stereographic;
  p.latitude_of_projection_origin = pole;
  p.standard_parallel_1 = true_scale_lat;
  p.longitude_of_central_meridian = lon0;
  p.scale_factor = k0;
  p.semi_major_axis = a;
  p.inverse_flattening = rf;
  return p;
}

Projection mercator(double true_scale_lat, double lon0, double k0, double a, double rf) {
  Projection p;
  p.kind = Projection::Kind::mercator;
  p.standard_parallel_1 = true_scale_lat;
  p.longitude_of_central_meridian = lon0;
  p.scale_factor = k0;
  p.semi_major_axis = a;
  p.inverse_flattening = rf;
  return p;
}

Projection utm49n() {
  Projection p = tmerc(0.0, 111.0, 0.9996, wgs84_a, wgs84_rf);
  p.false_easting = 500000.0;
  return p;
}

/// Longitude difference in degrees reduced to [-180, 180).
double lon_diff(double a, double b) {
  double d = std::fmod(a - b + 540.0, 360.0);
  if (d < 0) d += 360.0;
  return d - 180.0;
}

// ----------------------------------------------------------------------------------------------------------
// Lambert conformal conic

TEST(Projection, LccEllipsoidSnyderExample) {
  // Snyder p. 296-297: Clarke 1866, phi1 = 33, phi2 = 45, phi0 = 23, lam0 = -96; 35N 75W ->
  // x = 1,894,410.9 m, y = 1,564,649.5 m, k = 0.9970171.
  const Projection p = lcc(33, 45, 23, -96, clarke_a, clarke_rf);
  p.validate();
  const ProjectedXY xy = p.forward({-75.0, 35.0});
  EXPECT_NEAR(xy.x, 1894410.9, 0.06);
  EXPECT_NEAR(xy.y, 1564649.5, 0.06);
  EXPECT_NEAR(p.map_scale_factor({-75.0, 35.0}), 0.9970171, 6e-8);
  // pyproj "+proj=lcc +lat_1=33 +lat_2=45 +lat_0=23 +lon_0=-96 +a=6378206.4 +b=6356583.8":
  EXPECT_NEAR(xy.x, 1894410.898357063, 1e-6);
  EXPECT_NEAR(xy.y, 1564649.478495649, 1e-6);
  EXPECT_NEAR(p.map_scale_factor({-75.0, 35.0}), 0.9970171418013678, 1e-10);
  EXPECT_NEAR(p.grid_rotation({-75.0, 35.0}) / deg, 13.240425614152494, 1e-9);
  // Snyder's inverse example starts from the rounded x, y.
  const LonLat ll = p.inverse({1894410.9, 1564649.5});
  EXPECT_NEAR(ll.lon, -75.0, 1e-6);
  EXPECT_NEAR(ll.lat, 35.0, 1e-6);
}

TEST(Projection, LccSphereSnyderExample) {
  // Snyder p. 295: sphere R = 1, same parallels and origin; 35N 75W -> x = 0.2966785, y = 0.2462112,
  // k = 0.9970040.
  const Projection p = lcc(33, 45, 23, -96, 1.0, 0.0);
  const ProjectedXY xy = p.forward({-75.0, 35.0});
  EXPECT_NEAR(xy.x, 0.2966785, 6e-8);
  EXPECT_NEAR(xy.y, 0.2462112, 6e-8);
  EXPECT_NEAR(p.map_scale_factor({-75.0, 35.0}), 0.9970040, 6e-8);
  // pyproj "+proj=lcc +lat_1=33 +lat_2=45 +lat_0=23 +lon_0=-96 +R=1":
  EXPECT_NEAR(xy.x, 0.2966784599425068, 1e-13);
  EXPECT_NEAR(xy.y, 0.24621122933162698, 1e-13);
  EXPECT_NEAR(p.grid_rotation({-75.0, 35.0}) / deg, 13.240031643591461, 1e-9);
}

TEST(Projection, LccAgainstPyproj) {
  // WRF-style sphere: pyproj "+proj=lcc +lat_1=30 +lat_2=60 +lat_0=39.61 +lon_0=109.78 +R=6370000", 115E 45N.
  {
    const Projection p = lcc(30, 60, 39.61, 109.78, 6370000.0, 0.0);
    const ProjectedXY xy = p.forward({115.0, 45.0});
    EXPECT_NEAR(xy.x, 396017.8360108105, 1e-6);
    EXPECT_NEAR(xy.y, 592769.4769998166, 1e-6);
    EXPECT_NEAR(p.map_scale_factor({115.0, 45.0}), 0.9657175305514379, 1e-10);
    EXPECT_NEAR(p.grid_rotation({115.0, 45.0}) / deg, 3.735258942280171, 1e-9);
  }
  // Tangent cone: "+proj=lcc +lat_1=40 +lat_2=40 +lat_0=40 +lon_0=110 +R=6370000", 115E 45N.
  {
    const Projection p = lcc(40, 40, 40, 110, 6370000.0, 0.0);
    const ProjectedXY xy = p.forward({115.0, 45.0});
    EXPECT_NEAR(xy.x, 394405.2685740295, 1e-6);
    EXPECT_NEAR(xy.y, 567672.6005433992, 1e-6);
    EXPECT_NEAR(p.map_scale_factor({115.0, 45.0}), 1.0039190088093894, 1e-10);
    EXPECT_NEAR(p.grid_rotation({115.0, 45.0}) / deg, 3.2139380484433366, 1e-9);
  }
  // Southern hemisphere (n < 0) with a false origin:
  // "+proj=lcc +lat_1=-30 +lat_2=-50 +lat_0=-40 +lon_0=140 +ellps=WGS84 +x_0=500 +y_0=700", 150E 35S.
  {
    Projection p = lcc(-30, -50, -40, 140, wgs84_a, wgs84_rf);
    p.false_easting = 500.0;
    p.false_northing = 700.0;
    p.validate();
    const ProjectedXY xy = p.forward({150.0, -35.0});
    EXPECT_NEAR(xy.x, 901303.3355650291, 1e-6);
    EXPECT_NEAR(xy.y, 497156.7640737195, 1e-6);
    EXPECT_NEAR(p.map_scale_factor({150.0, -35.0}), 0.988863779225356, 1e-10);
    EXPECT_NEAR(p.grid_rotation({150.0, -35.0}) / deg, -6.461597093123237, 1e-9);
  }
}

// ----------------------------------------------------------------------------------------------------------
// Transverse Mercator

TEST(Projection, TransverseMercatorEllipsoidSnyderExample) {
  // Snyder p. 269-270: Clarke 1866, k0 = 0.9996, phi0 = 0, lam0 = -75; 40.5N 73.5W ->
  // x = 127,106.5 m, y = 4,484,124.4 m, k = 0.9997989.
  const Projection p = tmerc(0, -75, 0.9996, clarke_a, clarke_rf);
  p.validate();
  const ProjectedXY xy = p.forward({-73.5, 40.5});
  EXPECT_NEAR(xy.x, 127106.5, 0.06);
  EXPECT_NEAR(xy.y, 4484124.4, 0.06);
  EXPECT_NEAR(p.map_scale_factor({-73.5, 40.5}), 0.9997989, 6e-8);
  // pyproj "+proj=tmerc +k_0=0.9996 +lat_0=0 +lon_0=-75 +a=6378206.4 +b=6356583.8" (Poder/Engsager series):
  // Snyder's series agree to well under a millimetre 1.5 degrees from the central meridian.
  EXPECT_NEAR(xy.x, 127106.4673937323, 1e-3);
  EXPECT_NEAR(xy.y, 4484124.434423739, 1e-3);
  EXPECT_NEAR(p.grid_rotation({-73.5, 40.5}) / deg, 0.9743023003643009, 1e-8);
  const LonLat ll = p.inverse({127106.5, 4484124.4});
  EXPECT_NEAR(ll.lon, -73.5, 1e-6);
  EXPECT_NEAR(ll.lat, 40.5, 1e-6);
}

TEST(Projection, TransverseMercatorSphereSnyderExample) {
  // Snyder p. 268: R = 1, k0 = 1, phi0 = 0, lam0 = -75; 40.5N 73.5W -> x = 0.0199077, y = 0.7070276,
  // k = 1.0001982.
  const Projection p = tmerc(0, -75, 1.0, 1.0, 0.0);
  const ProjectedXY xy = p.forward({-73.5, 40.5});
  EXPECT_NEAR(xy.x, 0.0199077, 6e-8);
  EXPECT_NEAR(xy.y, 0.7070276, 6e-8);
  EXPECT_NEAR(p.map_scale_factor({-73.5, 40.5}), 1.0001982, 6e-8);
  // pyproj "+proj=tmerc +k_0=1 +lat_0=0 +lon_0=-75 +R=1":
  EXPECT_NEAR(xy.x, 0.019907737169182853, 1e-13);
  EXPECT_NEAR(xy.y, 0.7070276086568105, 1e-13);
  EXPECT_NEAR(p.grid_rotation({-73.5, 40.5}) / deg, 0.9743007749025603, 1e-9);
  // Away from the central meridian: "+proj=tmerc +lat_0=10 +lon_0=111 +k_0=0.9996 +R=6370000", 120E 50N.
  const Projection q = tmerc(10, 111, 0.9996, 6370000.0, 0.0);
  const ProjectedXY w = q.forward({120.0, 50.0});
  EXPECT_NEAR(w.x, 642444.7846627879, 1e-6);
  EXPECT_NEAR(w.y, 4484118.4397536265, 1e-6);
  EXPECT_NEAR(q.map_scale_factor({120.0, 50.0}), 1.004692193436855, 1e-10);
  EXPECT_NEAR(q.grid_rotation({120.0, 50.0}) / deg, 6.917856106739823, 1e-9);
}

TEST(Projection, Utm49NorthAtKangbashi) {
  // pyproj "+proj=utm +zone=49 +datum=WGS84" (identical to +proj=tmerc +lon_0=111 +k_0=0.9996 +x_0=500000
  // +ellps=WGS84), Kangbashi 39.61N 109.78E.
  const Projection p = utm49n();
  p.validate();
  const ProjectedXY xy = p.forward({109.78, 39.61});
  EXPECT_NEAR(xy.x, 395269.6424477242, 1e-3);
  EXPECT_NEAR(xy.y, 4385183.438012515, 1e-3);
  EXPECT_NEAR(p.map_scale_factor({109.78, 39.61}), 0.9997350394679143, 1e-9);
  EXPECT_NEAR(p.grid_rotation({109.78, 39.61}) / deg, -0.7778919355629799, 1e-8);
  const LonLat ll = p.inverse(xy);
  EXPECT_NEAR(ll.lon, 109.78, 1e-10);
  EXPECT_NEAR(ll.lat, 39.61, 1e-10);
  // Southern hemisphere, 3.5 degrees east of the central meridian:
  // "+proj=tmerc +lat_0=0 +lon_0=111 +k_0=0.9996 +x_0=500000 +ellps=WGS84", 114.5E 33S.
  const ProjectedXY s = p.forward({114.5, -33.0});
  EXPECT_NEAR(s.x, 827038.7555689111, 2e-3);
  EXPECT_NEAR(s.y, -3656731.365659896, 2e-3);
  EXPECT_NEAR(p.map_scale_factor({114.5, -33.0}), 1.0009189787116763, 1e-8);
  EXPECT_NEAR(p.grid_rotation({114.5, -33.0}) / deg, -1.9079295766986488, 1e-7);
}

// ----------------------------------------------------------------------------------------------------------
// Polar stereographic

TEST(Projection, PolarStereographicSnyderExamples) {
  // Snyder p. 315: International 1924, south polar aspect, true scale at 71S, lam0 = -100; 75S 150E ->
  // x = -1,540,033.6 m, y = -560,526.4 m, k = 0.9896256.
  const Projection p = polar(-90, -71, -100, 1.0, intl_a, intl_rf);
  p.validate();
  const ProjectedXY xy = p.forward({150.0, -75.0});
  EXPECT_NEAR(xy.x, -1540033.6, 0.06);
  EXPECT_NEAR(xy.y, -560526.4, 0.06);
  EXPECT_NEAR(p.map_scale_factor({150.0, -75.0}), 0.9896256, 6e-8);
  const LonLat ll = p.inverse({-1540033.6, -560526.4});
  EXPECT_NEAR(ll.lon, 150.0, 1e-6);
  EXPECT_NEAR(ll.lat, -75.0, 1e-6);
  // pyproj "+proj=stere +lat_0=-90 +lat_ts=-71 +lon_0=-100 +a=6378388 +rf=297":
  EXPECT_NEAR(xy.x, -1540033.6105286754, 1e-6);
  EXPECT_NEAR(xy.y, -560526.3940019467, 1e-6);
  EXPECT_NEAR(p.grid_rotation({150.0, -75.0}) / deg, 109.99999999998333, 1e-9);

  // Snyder p. 314, same ellipsoid and pole with k0 = 0.994 at the pole: k = 1.0112244. The x, y printed there
  // (-1,573,645.4, -572,760.1) carry hand-computation rounding of ~0.15 m; pyproj
  // "+proj=stere +lat_0=-90 +k_0=0.994 +lon_0=-100 +a=6378388 +rf=297" gives the values used here.
  const Projection q = polar(-90, -90, -100, 0.994, intl_a, intl_rf);
  q.validate();
  const ProjectedXY w = q.forward({150.0, -75.0});
  EXPECT_NEAR(w.x, -1573645.257505726, 1e-6);
  EXPECT_NEAR(w.y, -572760.0330262566, 1e-6);
  EXPECT_NEAR(q.map_scale_factor({150.0, -75.0}), 1.0112244, 6e-8);
  EXPECT_NEAR(q.map_scale_factor({0.0, -90.0}), 0.994, 1e-15);
}

TEST(Projection, PolarStereographicAgainstPyproj) {
  // Sphere, north pole, k0 = 0.994: "+proj=stere +lat_0=90 +k_0=0.994 +lon_0=-100 +R=1", 30N 75W.
  {
    const Projection p = polar(90, 90, -100, 0.994, 1.0, 0.0);
    const ProjectedXY xy = p.forward({-75.0, 30.0});
    EXPECT_NEAR(xy.x, 0.4850695491547237, 1e-13);
    EXPECT_NEAR(xy.y, -1.0402350050907567, 1e-13);
    EXPECT_NEAR(p.map_scale_factor({-75.0, 30.0}), 1.325333333357113, 1e-10);
    EXPECT_NEAR(p.grid_rotation({-75.0, 30.0}) / deg, 25.0, 1e-12);
  }
  // Sphere, true scale at 60N: "+proj=stere +lat_0=90 +lat_ts=60 +lon_0=-100 +R=6370000", 30N 75W.
  {
    const Projection p = polar(90, 60, -100, 1.0, 6370000.0, 0.0);
    const ProjectedXY xy = p.forward({-75.0, 30.0});
    EXPECT_NEAR(xy.x, 2900311.31058356, 1e-6);
    EXPECT_NEAR(xy.y, -6219737.6771785915, 1e-6);
    EXPECT_NEAR(p.map_scale_factor({-75.0, 30.0}), 1.244016935879647, 1e-10);
    EXPECT_NEAR(p.map_scale_factor({-100.0, 60.0}), 1.0, 1e-14);
  }
  // WGS84, true scale at 70N (NSIDC-like): "+proj=stere +lat_0=90 +lat_ts=70 +lon_0=-45 +ellps=WGS84", 75N
  // 10E.
  {
    const Projection p = polar(90, 70, -45, 1.0, wgs84_a, wgs84_rf);
    const ProjectedXY xy = p.forward({10.0, 75.0});
    EXPECT_NEAR(xy.x, 1338395.7304750644, 1e-6);
    EXPECT_NEAR(xy.y, -937154.7795863311, 1e-6);
    EXPECT_NEAR(p.map_scale_factor({10.0, 75.0}), 0.9866642820409932, 1e-10);
    EXPECT_NEAR(p.grid_rotation({10.0, 75.0}) / deg, 55.0, 1e-12);
  }
}

// ----------------------------------------------------------------------------------------------------------
// Mercator

TEST(Projection, MercatorSnyderExamples) {
  // Snyder p. 266: Clarke 1866, lam0 = -180; 35N 75W -> x = 11,688,673.7 m, k = 1.2194146. (The printed y is
  // not used; pyproj "+proj=merc +lon_0=-180 +a=6378206.4 +b=6356583.8" gives y = 4139145.662600092.)
  const Projection p = mercator(0, -180, 1.0, clarke_a, clarke_rf);
  p.validate();
  const ProjectedXY xy = p.forward({-75.0, 35.0});
  EXPECT_NEAR(xy.x, 11688673.7, 0.06);
  EXPECT_NEAR(p.map_scale_factor({-75.0, 35.0}), 1.2194146, 6e-8);
  EXPECT_NEAR(xy.x, 11688673.715436317, 1e-6);
  EXPECT_NEAR(xy.y, 4139145.662600092, 1e-6);
  EXPECT_EQ(p.grid_rotation({-75.0, 35.0}), 0.0);
  // Snyder p. 266: sphere R = 1 -> x = 1.8325957, y = 0.6528366.
  const Projection s = mercator(0, -180, 1.0, 1.0, 0.0);
  const ProjectedXY w = s.forward({-75.0, 35.0});
  EXPECT_NEAR(w.x, 1.8325957, 6e-8);
  EXPECT_NEAR(w.y, 0.6528366, 6e-8);
  EXPECT_NEAR(s.map_scale_factor({-75.0, 35.0}), 1.2207745887559, 1e-10);  // pyproj +R=1
}

TEST(Projection, MercatorTrueScaleLatitude) {
  // "+proj=merc +lat_ts=30 +lon_0=100 +ellps=WGS84 +x_0=1000 +y_0=-2000", 110E 40N.
  Projection p = mercator(30, 100, 1.0, wgs84_a, wgs84_rf);
  p.false_easting = 1000.0;
  p.false_northing = -2000.0;
  p.validate();
  const ProjectedXY xy = p.forward({110.0, 40.0});
  EXPECT_NEAR(xy.x, 965862.8025089653, 1e-6);
  EXPECT_NEAR(xy.y, 4191749.9351863977, 1e-6);
  EXPECT_NEAR(p.map_scale_factor({110.0, 40.0}), 1.129897204404656, 1e-10);
  EXPECT_NEAR(p.map_scale_factor({0.0, 30.0}), 1.0, 1e-15);
  EXPECT_NEAR(p.map_scale_factor({0.0, -30.0}), 1.0, 1e-15);
}

// ----------------------------------------------------------------------------------------------------------
// Properties over grids of points

struct Named {
  const char* name;
  Projection p;
  double lat_lo, lat_hi, dlon;  // region tested: lon0 +- dlon
};

std::vector<Named> sample_projections() {
  Projection utm_s = utm49n();
  utm_s.false_northing = 10000000.0;
  Projection lcc_s = lcc(-30, -50, -40, 140, wgs84_a, wgs84_rf);
  lcc_s.false_easting = 500.0;
  return {
      {"lcc sphere (WRF)", lcc(30, 60, 39.61, 109.78, 6370000.0, 0.0), 10.0, 80.0, 60.0},
      {"lcc ellipsoid", lcc(33, 45, 23, -96, clarke_a, clarke_rf), 0.0, 80.0, 60.0},
      {"lcc tangent", lcc(40, 40, 40, 110, wgs84_a, wgs84_rf), 5.0, 85.0, 60.0},
      {"lcc south", lcc_s, -80.0, -5.0, 60.0},
      {"utm 49N", utm49n(), 0.0, 80.0, 4.0},
      {"utm 49S", utm_s, -80.0, 0.0, 4.0},
      {"tmerc sphere", tmerc(10, 111, 0.9996, 6370000.0, 0.0), -80.0, 80.0, 30.0},
      {"polar north ellipsoid", polar(90, 70, -45, 1.0, wgs84_a, wgs84_rf), 30.0, 89.5, 180.0},
      {"polar south ellipsoid", polar(-90, -71, -100, 1.0, intl_a, intl_rf), -89.5, -30.0, 180.0},
      {"polar north sphere k0", polar(90, 90, -100, 0.994, 6370000.0, 0.0), 20.0, 89.5, 180.0},
      {"mercator ellipsoid", mercator(30, 100, 1.0, wgs84_a, wgs84_rf), -80.0, 80.0, 179.0},
      {"mercator sphere", mercator(0, -180, 0.99, 6370000.0, 0.0), -80.0, 80.0, 179.0},
  };
}

TEST(Projection, ForwardInverseRoundTrip) {
  for (const Named& s : sample_projections()) {
    SCOPED_TRACE(s.name);
    s.p.validate();
    double worst_lat = 0.0, worst_lon = 0.0;
    for (int a = 0; a <= 20; ++a)
      for (int b = 0; b <= 20; ++b) {
        const double lat = s.lat_lo + (s.lat_hi - s.lat_lo) * a / 20.0;
        const double lon = s.p.longitude_of_central_meridian - s.dlon + 2.0 * s.dlon * b / 20.0;
        const LonLat back = s.p.inverse(s.p.forward({lon, lat}));
        worst_lat = std::max(worst_lat, std::abs(back.lat - lat));
        worst_lon = std::max(worst_lon, std::abs(lon_diff(back.lon, lon)) * std::cos(lat * deg));
      }
    EXPECT_LT(worst_lat, 1e-9);
    EXPECT_LT(worst_lon, 1e-9);
  }
}

TEST(Projection, InverseLongitudeIsWrapped) {
  const Projection p = polar(90, 70, 170, 1.0, wgs84_a, wgs84_rf);
  const LonLat back = p.inverse(p.forward({-175.0, 60.0}));
  EXPECT_NEAR(back.lon, -175.0, 1e-9);
  EXPECT_NEAR(back.lat, 60.0, 1e-9);
}

// grid_rotation a must satisfy u_grid = u_e cos a - v_n sin a, v_grid = u_e sin a + v_n cos a, i.e. true
// north is the grid direction (-sin a, cos a) and east is (cos a, sin a). Both are measured by central
// differences of forward() along the meridian and along the parallel. The same differences give the scale
// factor k = |d(x, y)| / (ground distance), with ground distances rho_m dphi and N cos(phi) dlam on the
// ellipsoid.
TEST(Projection, GridRotationAndScaleByFiniteDifferences) {
  for (const Named& s : sample_projections()) {
    SCOPED_TRACE(s.name);
    const double a = s.p.semi_major_axis;
    const double e2 =
        s.p.inverse_flattening == 0.0 ? 0.0 : (2.0 - 1.0 / s.p.inverse_flattening) / s.p.inverse_flattening;
    double worst_north = 0.0, worst_east = 0.0, worst_k = 0.0;
    for (int i = 0; i <= 8; ++i)
      for (int j = 0; j <= 8; ++j) {
        const double lat = s.lat_lo + 0.5 + (s.lat_hi - s.lat_lo - 1.0) * i / 8.0;
        const double lon = s.p.longitude_of_central_meridian - 0.9 * s.dlon + 1.8 * s.dlon * j / 8.0;
        const double h = 1e-5;  // degrees
        const ProjectedXY n1 = s.p.forward({lon, lat + h}), n0 = s.p.forward({lon, lat - h});
        const ProjectedXY e1 = s.p.forward({lon + h, lat}), e0 = s.p.forward({lon - h, lat});
        const double rot = s.p.grid_rotation({lon, lat});
        const double north = std::atan2(-(n1.x - n0.x), n1.y - n0.y);
        const double east = std::atan2(e1.y - e0.y, e1.x - e0.x);
        worst_north = std::max(worst_north, std::abs(std::remainder(north - rot, 2.0 * constants::pi)));
        worst_east = std::max(worst_east, std::abs(std::remainder(east - rot, 2.0 * constants::pi)));
        const double sl = std::sin(lat * deg), w = 1.0 - e2 * sl * sl;
        const double rho_m = a * (1.0 - e2) / (w * std::sqrt(w));
        const double k_fd = std::hypot(n1.x - n0.x, n1.y - n0.y) / (rho_m * 2.0 * h * deg);
        const double k = s.p.map_scale_factor({lon, lat});
        worst_k = std::max(worst_k, std::abs(k_fd / k - 1.0));
      }
    EXPECT_LT(worst_north, 2e-7);
    EXPECT_LT(worst_east, 2e-7);
    EXPECT_LT(worst_k, 2e-7);
  }
}

TEST(Projection, GridRotationWindExample) {
  // On the WRF-style LCC east of the central meridian grid north leans east of true north... so a wind
  // blowing due north has a negative grid-x component, and the rotation preserves speed.
  const Projection p = lcc(30, 60, 39.61, 109.78, 6370000.0, 0.0);
  const double a = p.grid_rotation({120.0, 45.0});
  EXPECT_GT(a, 0.0);
  const double ue = 0.0, vn = 10.0;
  const double ug = ue * std::cos(a) - vn * std::sin(a), vg = ue * std::sin(a) + vn * std::cos(a);
  EXPECT_LT(ug, 0.0);
  EXPECT_NEAR(std::hypot(ug, vg), 10.0, 1e-12);
  EXPECT_EQ(p.grid_rotation({109.78, 45.0}), 0.0);
}

// ----------------------------------------------------------------------------------------------------------
// Names, validation and WKT

TEST(Projection, CfGridMappingNames) {
  EXPECT_EQ(lcc(30, 60, 40, 0, 6370000, 0).cf_grid_mapping_name(), "lambert_conformal_conic");
  EXPECT_EQ(utm49n().cf_grid_mapping_name(), "transverse_mercator");
  EXPECT_EQ(polar(90, 60, 0, 1, 6370000, 0).cf_grid_mapping_name(), "polar_stereographic");
  EXPECT_EQ(mercator(0, 0, 1, 6370000, 0).cf_grid_mapping_name(), "mercator");
}

void expect_invalid(const Projection& p, const std::string& fragment) {
  try {
    p.validate();
    ADD_FAILURE() << "validate() accepted a projection that should fail with '" << fragment << "'";
  } catch (const std::invalid_argument& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find(fragment), std::string::npos) << what;
    EXPECT_EQ(what.find('\n'), std::string::npos) << what;
  }
}

TEST(Projection, ValidateRejectsUnusableParameters) {
  expect_invalid(lcc(30, -30, 0, 0, 6370000, 0), "opposite sides of the equator");
  expect_invalid(lcc(30, 90, 40, 0, 6370000, 0), "standard parallels must lie strictly between");
  expect_invalid(lcc(0, 0, 0, 0, 6370000, 0), "cylinder");
  expect_invalid(lcc(30, 60, 90, 0, 6370000, 0), "latitude_of_projection_origin");
  expect_invalid(lcc(30, 60, 40, 0, -1.0, 0), "semi_major_axis must be positive");
  expect_invalid(lcc(30, 60, 40, 0, 6370000, 0.5), "inverse_flattening");
  expect_invalid(lcc(30, 60, 40, std::nan(""), 6370000, 0), "finite");
  Projection scaled = lcc(30, 60, 40, 0, 6370000, 0);
  scaled.scale_factor = 0.9999;
  expect_invalid(scaled, "scale_factor is not a parameter");
  expect_invalid(tmerc(0, 111, 0.0, wgs84_a, wgs84_rf), "scale_factor must be positive");
  expect_invalid(tmerc(90, 111, 0.9996, wgs84_a, wgs84_rf), "latitude_of_projection_origin");
  expect_invalid(polar(60, 60, 0, 1.0, wgs84_a, wgs84_rf), "must be 90 or -90");
  expect_invalid(polar(90, -60, 0, 1.0, wgs84_a, wgs84_rf), "hemisphere of the pole");
  expect_invalid(polar(90, 60, 0, 0.994, wgs84_a, wgs84_rf), "not both");
  expect_invalid(mercator(90, 0, 1.0, wgs84_a, wgs84_rf), "latitude of true scale");
  expect_invalid(mercator(30, 0, 0.99, wgs84_a, wgs84_rf), "not both");
  Projection shifted = mercator(0, 0, 1.0, wgs84_a, wgs84_rf);
  shifted.latitude_of_projection_origin = 10.0;
  expect_invalid(shifted, "latitude_of_projection_origin must be 0");
  EXPECT_NO_THROW(lcc(30, 60, 39.61, 109.78, 6370000, 0).validate());
  EXPECT_NO_THROW(lcc(-30, -60, -39.61, 109.78, 6370000, 0).validate());
  EXPECT_NO_THROW(utm49n().validate());
}

TEST(Projection, WktNamesTheProjectionAndParameters) {
  Projection p = lcc(30, 60, 39.61, 109.78, 6370000.0, 0.0);
  p.false_easting = 1500.5;
  const std::string w = p.to_wkt();
  EXPECT_EQ(w.rfind("PROJCS[", 0), 0u) << w;
  EXPECT_NE(w.find("SPHEROID[\"Sphere\",6370000,0]"), std::string::npos) << w;
  EXPECT_NE(w.find("PROJECTION[\"Lambert_Conformal_Conic_2SP\"]"), std::string::npos) << w;
  EXPECT_NE(w.find("PARAMETER[\"standard_parallel_1\",30]"), std::string::npos) << w;
  EXPECT_NE(w.find("PARAMETER[\"standard_parallel_2\",60]"), std::string::npos) << w;
  EXPECT_NE(w.find("PARAMETER[\"latitude_of_origin\",39.61]"), std::string::npos) << w;
  EXPECT_NE(w.find("PARAMETER[\"central_meridian\",109.78]"), std::string::npos) << w;
  EXPECT_NE(w.find("PARAMETER[\"false_easting\",1500.5]"), std::string::npos) << w;
  EXPECT_NE(w.find("UNIT[\"metre\",1"), std::string::npos) << w;
  EXPECT_EQ(w.back(), ']');

  const std::string u = utm49n().to_wkt();
  EXPECT_NE(u.find("SPHEROID[\"WGS 84\",6378137,298.257223563]"), std::string::npos) << u;
  EXPECT_NE(u.find("PROJECTION[\"Transverse_Mercator\"]"), std::string::npos) << u;
  EXPECT_NE(u.find("PARAMETER[\"scale_factor\",0.9996]"), std::string::npos) << u;
  EXPECT_NE(u.find("PARAMETER[\"false_easting\",500000]"), std::string::npos) << u;

  EXPECT_NE(polar(-90, -71, -100, 1.0, intl_a, intl_rf).to_wkt().find("PROJECTION[\"Polar_Stereographic\"]"),
            std::string::npos);
  EXPECT_NE(
      polar(-90, -71, -100, 1.0, intl_a, intl_rf).to_wkt().find("PARAMETER[\"latitude_of_origin\",-71]"),
      std::string::npos);
  EXPECT_NE(polar(-90, -71, -100, 1.0, intl_a, intl_rf).to_wkt().find("SPHEROID[\"unnamed\",6378388,297]"),
            std::string::npos);
  EXPECT_NE(mercator(0, 100, 0.99, wgs84_a, wgs84_rf).to_wkt().find("PROJECTION[\"Mercator_1SP\"]"),
            std::string::npos);
  EXPECT_NE(mercator(30, 100, 1.0, wgs84_a, wgs84_rf).to_wkt().find("PROJECTION[\"Mercator_2SP\"]"),
            std::string::npos);

  // Balanced brackets and quotes.
  for (const Named& s : sample_projections()) {
    const std::string t = s.p.to_wkt();
    int depth = 0, quotes = 0;
    for (char c : t) {
      depth += c == '[' ? 1 : c == ']' ? -1 : 0;
      quotes += c == '"';
      ASSERT_GE(depth, 0) << t;
    }
    EXPECT_EQ(depth, 0) << t;
    EXPECT_EQ(quotes % 2, 0) << t;
  }
}

}  // namespace
}  // namespace airshed
