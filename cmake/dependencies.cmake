# Every dependency comes from a Debian package; a missing one stops the configure step with the package name.
include(FindPackageHandleStandardArgs)

macro(airshed_require found_var what debian_package)
  if(NOT ${found_var})
    message(FATAL_ERROR "airshed needs ${what}: install it with `apt-get install -y ${debian_package}`")
  endif()
endmacro()

find_package(PkgConfig QUIET)
airshed_require(PKG_CONFIG_FOUND "pkg-config" "pkg-config")

pkg_check_modules(NETCDF_CXX4 IMPORTED_TARGET netcdf-cxx4)
airshed_require(NETCDF_CXX4_FOUND "NetCDF-C++ (netcdf-cxx4)" "libnetcdf-c++4-dev")
pkg_check_modules(NETCDF_C IMPORTED_TARGET netcdf)
airshed_require(NETCDF_C_FOUND "NetCDF-C" "libnetcdf-dev")

find_package(HDF5 QUIET COMPONENTS C)
airshed_require(HDF5_FOUND "HDF5" "libhdf5-dev")
if(NOT TARGET hdf5::hdf5)
  add_library(hdf5::hdf5 INTERFACE IMPORTED)
  target_include_directories(hdf5::hdf5 INTERFACE ${HDF5_INCLUDE_DIRS})
  target_link_libraries(hdf5::hdf5 INTERFACE ${HDF5_C_LIBRARIES})
endif()

find_package(Eigen3 3.3 QUIET NO_MODULE)
airshed_require(Eigen3_FOUND "Eigen" "libeigen3-dev")

find_package(Boost 1.74 QUIET COMPONENTS program_options)
airshed_require(Boost_FOUND "Boost.Program_options" "libboost-program-options-dev")

find_package(yaml-cpp QUIET)
airshed_require(yaml-cpp_FOUND "yaml-cpp" "libyaml-cpp-dev")
if(NOT TARGET yaml-cpp::yaml-cpp)
  add_library(yaml-cpp::yaml-cpp INTERFACE IMPORTED)
  target_link_libraries(yaml-cpp::yaml-cpp INTERFACE yaml-cpp)
endif()

if(AIRSHED_ENABLE_OPENMP)
  find_package(OpenMP QUIET COMPONENTS CXX)
  airshed_require(OpenMP_CXX_FOUND "OpenMP" "libgomp1 (part of g++)")
endif()

# MPI is optional: without it (or with AIRSHED_ENABLE_MPI=OFF) every run is one process and parallel/ compiles
# its serial stand-in.
set(AIRSHED_HAVE_MPI OFF)
if(AIRSHED_ENABLE_MPI)
  find_package(MPI QUIET COMPONENTS CXX)
  if(MPI_CXX_FOUND)
    set(AIRSHED_HAVE_MPI ON)
    message(STATUS "airshed: MPI found (${MPIEXEC_EXECUTABLE}): domain decomposition enabled")
  else()
    message(STATUS "airshed: MPI not found, serial build (apt-get install -y libopenmpi-dev openmpi-bin)")
  endif()
endif()

if(AIRSHED_ENABLE_TESTS)
  find_package(GTest QUIET)
  airshed_require(GTest_FOUND "GoogleTest" "libgtest-dev")
endif()
if(AIRSHED_ENABLE_BENCHMARK)
  find_package(benchmark QUIET)
  airshed_require(benchmark_FOUND "Google Benchmark" "libbenchmark-dev")
endif()
