# The git hash goes into `airshed --version` and every output's `source` attribute.
execute_process(
  COMMAND git describe --always --dirty --abbrev=12
  WORKING_DIRECTORY ${CMAKE_SOURCE_DIR}
  OUTPUT_VARIABLE AIRSHED_GIT_HASH
  OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
if(NOT AIRSHED_GIT_HASH)
  set(AIRSHED_GIT_HASH "unknown")
endif()
configure_file(${CMAKE_CURRENT_LIST_DIR}/version.hpp.in ${CMAKE_BINARY_DIR}/generated/airshed_version.hpp @ONLY)
