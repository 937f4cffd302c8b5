# Checkpoint tests, kept in their own file so the io tests' CMakeLists.txt only needs `include(checkpoint.cmake)`.
airshed_add_test(NAME io:checkpoint SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_checkpoint.cpp LIBS airshed_io)
