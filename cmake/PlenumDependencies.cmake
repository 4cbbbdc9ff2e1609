# Third-party libraries, all from Debian packages (scripts/bootstrap installs them).
find_package(Threads REQUIRED)
find_package(Boost 1.81 REQUIRED)
find_package(spdlog REQUIRED)
find_package(OpenSSL 3 REQUIRED)
find_package(SQLite3 REQUIRED)
find_package(PkgConfig REQUIRED)
pkg_check_modules(SODIUM REQUIRED IMPORTED_TARGET libsodium)
pkg_check_modules(ICAL REQUIRED IMPORTED_TARGET libical)
pkg_check_modules(SRTP2 REQUIRED IMPORTED_TARGET libsrtp2)
# The PDF report of legal votes.
pkg_check_modules(PANGOCAIRO REQUIRED IMPORTED_TARGET pangocairo cairo-pdf)
find_package(ZLIB REQUIRED)

# toml11 and CLI11 are header-only.
find_path(TOML11_INCLUDE_DIR toml.hpp REQUIRED)
add_library(toml11 INTERFACE)
target_include_directories(toml11 SYSTEM INTERFACE ${TOML11_INCLUDE_DIR})

find_path(CLI11_INCLUDE_DIR CLI/CLI.hpp REQUIRED)
add_library(cli11 INTERFACE)
target_include_directories(cli11 SYSTEM INTERFACE ${CLI11_INCLUDE_DIR})

# Boost headers as SYSTEM; Asio uses C++20 coroutines and no deprecated interfaces.
add_library(boost_base INTERFACE)
target_link_libraries(boost_base INTERFACE Boost::headers Threads::Threads)
target_compile_definitions(boost_base INTERFACE
  BOOST_ASIO_NO_DEPRECATED BOOST_ASIO_HAS_CO_AWAIT BOOST_BEAST_USE_STD_STRING_VIEW)

if(PLENUM_TESTS AND NOT PLENUM_FUZZ)
  find_package(GTest REQUIRED)
endif()
if(PLENUM_BENCH AND NOT PLENUM_FUZZ)
  find_package(benchmark REQUIRED)
endif()
