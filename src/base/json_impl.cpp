// Debian's Boost 1.81 ships Boost.JSON header-only: its implementation is compiled here, once,
// for every module (use <boost/json.hpp> elsewhere).
#include <boost/json/src.hpp>
