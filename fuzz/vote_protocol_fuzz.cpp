// `plenum vote verify` reads protocol files from anywhere: parsing and verification must be total
// (no crash, no hang), a report is either "valid" or names a reason, and whatever verifies keeps
// verifying after a canonical re-serialisation.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "base/error.hpp"
#include "modules/legal_vote_protocol.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace plenum::modules::legal_vote;
  std::string_view input(reinterpret_cast<const char*>(data), size);
  auto report = verify_protocol(input);
  PLENUM_ASSERT(!report.message.empty(), "a report always says why");
  PLENUM_ASSERT(report.valid == (report.message == "valid"), "valid exactly when the message says so");
  if (report.valid) {
    auto again = verify_protocol(boost::json::serialize(boost::json::parse(input)));
    PLENUM_ASSERT(again.valid && again.final_hash == report.final_hash,
                  "re-serialised protocol still verifies");
  }
  return 0;
}
