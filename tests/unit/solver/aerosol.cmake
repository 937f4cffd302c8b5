# Unit tests of the secondary aerosol step and the dry deposition operator (included from CMakeLists.txt).
airshed_add_test(NAME solver:aerosol_step SOURCES test_aerosol_step.cpp LIBS airshed_solver)
airshed_add_test(NAME solver:dry_deposition_step SOURCES test_dry_deposition_step.cpp LIBS airshed_solver)
