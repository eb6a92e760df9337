# Finds every dependency from Debian 12 packages and exposes each as an
# imported target, so the rest of the build links targets, never paths.

# Xapian 1.4 ships a config file that sets only XAPIAN_LIBRARIES and
# XAPIAN_INCLUDE_DIR; wrap it in an imported target.
find_package(Xapian 1.4 REQUIRED CONFIG)
if(NOT TARGET Xapian::Xapian)
  add_library(Xapian::Xapian INTERFACE IMPORTED)
  set_target_properties(Xapian::Xapian PROPERTIES
    INTERFACE_INCLUDE_DIRECTORIES "${XAPIAN_INCLUDE_DIR}"
    INTERFACE_LINK_LIBRARIES "${XAPIAN_LIBRARIES}")
endif()

find_package(ICU 72 REQUIRED COMPONENTS uc i18n data)
find_package(CLI11 2.1 REQUIRED CONFIG)
find_package(nlohmann_json 3.10 REQUIRED CONFIG)
find_package(ZLIB REQUIRED)
find_package(Threads REQUIRED)

find_package(PkgConfig REQUIRED)
pkg_check_modules(GUMBO REQUIRED IMPORTED_TARGET gumbo)

if(BYLINE_BUILD_TESTS)
  find_package(GTest REQUIRED)
endif()
if(BYLINE_BUILD_BENCHMARKS)
  find_package(benchmark REQUIRED)
endif()
