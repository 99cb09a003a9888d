# Project-wide helpers: one way to declare a library and one way to declare a test.

# Warnings every target gets; the `release` preset turns them into errors.
function(bouncescan_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow
    -Wnon-virtual-dtor -Wold-style-cast -Wcast-align -Wunused -Woverloaded-virtual
    -Wnull-dereference -Wimplicit-fallthrough)
  if(BOUNCESCAN_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()

# bouncescan_hot_sources(a.cc b.cc ...)
# The files every message goes through (MIME reading, report decoding, the rules' matcher,
# the JSON writer) are compiled at -O3 in optimised builds: 2.6 % fewer instructions for a
# classify run over the corpus (BENCHMARKS.md). Not every file: at -O3 GCC 12 reports false
# -Wrestrict overlaps inside libstdc++'s string code for some (rules/codes.cc,
# mime/lhost/amazonses.cc), which -Werror would turn into errors.
function(bouncescan_hot_sources)
  set_source_files_properties(${ARGN} DIRECTORY ${CMAKE_CURRENT_SOURCE_DIR}
    PROPERTIES COMPILE_OPTIONS "$<$<CONFIG:Release,RelWithDebInfo>:-O3>")
endfunction()

# bouncescan_library(NAME SOURCES a.cc b.cc DEPS x y [PRIVATE_DEPS z])
# Declares library `bouncescan_NAME`; headers are included as "NAME/file.h" from the
# repository root.
function(bouncescan_library name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS;PRIVATE_DEPS" ${ARGN})
  add_library(bouncescan_${name} STATIC ${ARG_SOURCES})
  target_include_directories(bouncescan_${name} PUBLIC ${PROJECT_SOURCE_DIR})
  target_link_libraries(bouncescan_${name} PUBLIC ${ARG_DEPS} PRIVATE ${ARG_PRIVATE_DEPS})
  bouncescan_warnings(bouncescan_${name})
endfunction()

# bouncescan_add_test(NAME SOURCES a_test.cc DEPS bouncescan_mime [LABELS l1 l2]
#                     [ENVIRONMENT K=V ...] [TIMEOUT seconds] [RUN_SERIAL])
# Builds one GoogleTest binary and registers each of its tests with ctest.
# Tests get BOUNCESCAN_SOURCE_DIR, BOUNCESCAN_SHARED_DIR (may not exist: tests that need
# it skip) and BOUNCESCAN_BINARY (the CLI) in their environment.
function(bouncescan_add_test name)
  cmake_parse_arguments(ARG "RUN_SERIAL" "TIMEOUT" "SOURCES;DEPS;LABELS;ENVIRONMENT" ${ARGN})
  # tests/test_env.cc: gtest_discover_tests hands only the first entry of the ENVIRONMENT list
  # below to ctest, so the test binary also sets the three variables itself (when unset).
  # The paths are defined for test_env.cc alone, so that the tests' own sources compile the
  # same in every checkout (and a compiler cache can share them).
  add_executable(${name} ${ARG_SOURCES} ${PROJECT_SOURCE_DIR}/tests/test_env.cc)
  set_source_files_properties(${PROJECT_SOURCE_DIR}/tests/test_env.cc PROPERTIES COMPILE_DEFINITIONS
    "BOUNCESCAN_TEST_SOURCE_DIR=\"${PROJECT_SOURCE_DIR}\";BOUNCESCAN_TEST_SHARED_DIR=\"${BOUNCESCAN_SHARED_DIR}\";BOUNCESCAN_TEST_BINARY=\"$<TARGET_FILE:bouncescan>\"")
  target_link_libraries(${name} PRIVATE ${ARG_DEPS} GTest::gtest GTest::gmock GTest::gtest_main)
  target_include_directories(${name} PRIVATE ${PROJECT_SOURCE_DIR})
  bouncescan_warnings(${name})
  if(NOT ARG_TIMEOUT)
    set(ARG_TIMEOUT 300)
  endif()
  set(env
    "BOUNCESCAN_SOURCE_DIR=${PROJECT_SOURCE_DIR}"
    "BOUNCESCAN_SHARED_DIR=${BOUNCESCAN_SHARED_DIR}"
    "BOUNCESCAN_BINARY=$<TARGET_FILE:bouncescan>"
    ${ARG_ENVIRONMENT})
  set(props TIMEOUT ${ARG_TIMEOUT})
  if(ARG_LABELS)
    list(APPEND props LABELS "${ARG_LABELS}")
  endif()
  if(ARG_RUN_SERIAL)
    list(APPEND props RUN_SERIAL TRUE)
  endif()
  gtest_discover_tests(${name} DISCOVERY_TIMEOUT 60 PROPERTIES ${props})
  # The environment is a list, and gtest_discover_tests splits list-valued PROPERTIES
  # into separate arguments (only the first variable would arrive). Set it from a file
  # that ctest reads after the discovered tests, which lists them in ${name}_TESTS.
  set(env_file "${CMAKE_CURRENT_BINARY_DIR}/${name}_environment.cmake")
  file(GENERATE OUTPUT "${env_file}" CONTENT
    "if(${name}_TESTS)\n  set_tests_properties(\${${name}_TESTS} PROPERTIES ENVIRONMENT \"${env}\")\nendif()\n")
  set_property(DIRECTORY APPEND PROPERTY TEST_INCLUDE_FILES "${env_file}")
endfunction()
