#include "base/process_stats.hpp"

#include <sys/resource.h>
#include <unistd.h>

#include <cstdio>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace plenum::metrics {
namespace {

void gauge(std::string& out, const char* name, const char* type, const char* help, double value) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.17g", value);
  out += std::string("# HELP ") + name + " " + help + "\n# TYPE " + name + " " + type + "\n" + name + " " +
         buf + "\n";
}

double boot_time_seconds() {
  std::ifstream in("/proc/stat");
  std::string key;
  double value = 0;
  while (in >> key) {
    if (key == "btime") {
      in >> value;
      return value;
    }
    in.ignore(1 << 16, '\n');
  }
  return 0;
}

} // namespace

void append_process_stats(std::string& out) {
  std::ifstream in("/proc/self/stat");
  std::string stat((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  // Fields after the parenthesised command name (which may contain spaces), see proc(5).
  auto close = stat.rfind(')');
  if (close == std::string::npos) return;
  std::istringstream fields(stat.substr(close + 2));
  std::string field;
  double utime = 0, stime = 0, starttime = 0, vsize = 0, rss = 0;
  for (int i = 3; fields >> field; ++i) {
    if (i == 14)
      utime = std::stod(field);
    else if (i == 15)
      stime = std::stod(field);
    else if (i == 22)
      starttime = std::stod(field);
    else if (i == 23)
      vsize = std::stod(field);
    else if (i == 24) {
      rss = std::stod(field);
      break;
    }
  }
  const double ticks = static_cast<double>(sysconf(_SC_CLK_TCK));
  const double page = static_cast<double>(sysconf(_SC_PAGESIZE));
  std::error_code ec;
  double fds = 0;
  for (auto it = std::filesystem::directory_iterator("/proc/self/fd", ec);
       !ec && it != std::filesystem::directory_iterator(); it.increment(ec)) {
    ++fds;
  }
  rlimit limit{};
  getrlimit(RLIMIT_NOFILE, &limit);

  gauge(out, "process_cpu_seconds_total", "counter", "User and system CPU time spent in seconds.",
        (utime + stime) / ticks);
  gauge(out, "process_resident_memory_bytes", "gauge", "Resident memory size in bytes.", rss * page);
  gauge(out, "process_virtual_memory_bytes", "gauge", "Virtual memory size in bytes.", vsize);
  gauge(out, "process_open_fds", "gauge", "Number of open file descriptors.", fds);
  gauge(out, "process_max_fds", "gauge", "Maximum number of open file descriptors.",
        static_cast<double>(limit.rlim_cur));
  gauge(out, "process_start_time_seconds", "gauge", "Start time of the process since the epoch.",
        boot_time_seconds() + starttime / ticks);
}

} // namespace plenum::metrics
