# One library per folder: `airshed_library(NAME solver SOURCES ... DEPENDS ...)` builds airshed_solver with
# the repository root on its include path, so headers are included as "solver/grid.hpp".
function(airshed_library)
  cmake_parse_arguments(ARG "" "NAME" "SOURCES;DEPENDS" ${ARGN})
  add_library(airshed_${ARG_NAME} STATIC ${ARG_SOURCES})
  target_include_directories(airshed_${ARG_NAME} PUBLIC ${PROJECT_SOURCE_DIR})
  target_link_libraries(airshed_${ARG_NAME} PUBLIC ${ARG_DEPENDS})
  if(AIRSHED_ENABLE_OPENMP)
    target_link_libraries(airshed_${ARG_NAME} PUBLIC OpenMP::OpenMP_CXX)
  endif()
endfunction()

# One test executable in one line: `airshed_add_test(NAME solver:advection SOURCES ... LIBS ...)`.
# The CTest name is module:case as in PISM; the executable name replaces ':' by '_'.
function(airshed_add_test)
  cmake_parse_arguments(ARG "" "NAME;TIMEOUT" "SOURCES;LIBS;LABELS" ${ARGN})
  string(REPLACE ":" "_" exe "test_${ARG_NAME}")
  add_executable(${exe} ${ARG_SOURCES})
  target_link_libraries(${exe} PRIVATE ${ARG_LIBS} GTest::gtest GTest::gtest_main)
  target_include_directories(${exe} PRIVATE ${PROJECT_SOURCE_DIR}/tests)
  target_compile_definitions(${exe} PRIVATE AIRSHED_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
                                            AIRSHED_BINARY_DIR="${PROJECT_BINARY_DIR}")
  add_test(NAME ${ARG_NAME} COMMAND ${exe})
  if(NOT ARG_TIMEOUT)
    set(ARG_TIMEOUT 300)
  endif()
  set_tests_properties(${ARG_NAME} PROPERTIES TIMEOUT ${ARG_TIMEOUT} LABELS "${ARG_LABELS}")
endfunction()
