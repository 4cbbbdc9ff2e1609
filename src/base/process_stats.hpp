#pragma once
// Process statistics from /proc/self (Linux), in the standard Prometheus process_* names.

#include <string>

namespace plenum::metrics {

// Appends process_cpu_seconds_total, process_resident_memory_bytes,
// process_virtual_memory_bytes, process_open_fds, process_max_fds, process_start_time_seconds.
void append_process_stats(std::string& out);

} // namespace plenum::metrics
