# Compiler settings shared by every Plenum target. Our own code builds with warnings as errors;
# third-party headers are included as SYSTEM so their warnings do not stop the build.

find_program(CCACHE_PROGRAM ccache)
if(CCACHE_PROGRAM)
  set(CMAKE_CXX_COMPILER_LAUNCHER "${CCACHE_PROGRAM}")
endif()

add_library(plenum_warnings INTERFACE)
target_compile_options(plenum_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Werror -Wshadow -Wnon-virtual-dtor -Wold-style-cast
  -Wcast-align -Woverloaded-virtual -Wimplicit-fallthrough
  -Wno-missing-field-initializers)
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
  # g++ 12 reports false positives inside inlined std:: code at -O2 (GCC bug 105329 & co).
  target_compile_options(plenum_warnings INTERFACE -Wno-restrict -Wno-maybe-uninitialized)
endif()

if(PLENUM_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer
                      -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()

if(PLENUM_FUZZ)
  add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined)
endif()

# A module library: one static library per folder under src/, linked only to the modules
# below it (docs/architecture.md, "Layers"). scripts/check-layering checks the includes.
function(plenum_module name)
  cmake_parse_arguments(M "" "" "SOURCES;DEPS;EXTERNAL" ${ARGN})
  add_library(plenum_${name} STATIC ${M_SOURCES})
  target_include_directories(plenum_${name} PUBLIC ${PROJECT_SOURCE_DIR}/src)
  target_link_libraries(plenum_${name} PUBLIC ${M_DEPS} ${M_EXTERNAL} PRIVATE plenum_warnings)
endfunction()
