# mimetic ships neither a pkg-config file nor a CMake package (Debian's libmimetic-dev),
# so locate the header and library by hand and expose one imported target.
find_path(Mimetic_INCLUDE_DIR mimetic/mimetic.h)
if(BOUNCESCAN_STATIC_CXX)
  find_library(Mimetic_LIBRARY NAMES libmimetic.a)
else()
  find_library(Mimetic_LIBRARY NAMES mimetic)
endif()
include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(Mimetic REQUIRED_VARS Mimetic_LIBRARY Mimetic_INCLUDE_DIR)
if(Mimetic_FOUND AND NOT TARGET Mimetic::Mimetic)
  add_library(Mimetic::Mimetic UNKNOWN IMPORTED)
  set_target_properties(Mimetic::Mimetic PROPERTIES
    IMPORTED_LOCATION "${Mimetic_LIBRARY}"
    INTERFACE_INCLUDE_DIRECTORIES "${Mimetic_INCLUDE_DIR}")
endif()
mark_as_advanced(Mimetic_INCLUDE_DIR Mimetic_LIBRARY)
