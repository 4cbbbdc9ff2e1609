// `plenum vote verify PROTOCOL.json`: re-checks a legal vote's protocol on its own (chain,
// signature, eligibility, single use, tally) and names the first inconsistent entry.

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "app/commands.hpp"
#include "modules/legal_vote_protocol.hpp"

namespace plenum::app {

int vote_verify_command(const VoteVerifyOptions& o) {
  constexpr std::uintmax_t kMaxBytes = std::uintmax_t{64} * 1024 * 1024;
  std::error_code ec;
  const auto size = std::filesystem::file_size(o.file, ec);
  std::ifstream in(o.file, std::ios::binary);
  if (ec || !in) {
    std::cerr << "plenum vote verify: cannot read " << o.file << "\n";
    return kExitUsage;
  }
  if (size > kMaxBytes) {
    std::cerr << "plenum vote verify: " << o.file << " is larger than 64 MiB\n";
    return kExitUsage;
  }
  std::ostringstream text;
  text << in.rdbuf();
  modules::legal_vote::VerifyOptions options;
  if (!o.public_key.empty()) options.public_key = o.public_key;
  if (!o.receipt.empty()) options.receipt = o.receipt;
  const auto report = modules::legal_vote::verify_protocol(text.str(), options);
  if (!report.valid) {
    std::cout << "invalid: " << report.message << "\n";
    return kExitFailure;
  }
  std::cout << "valid\n"
            << "vote: " << report.vote_name << "\n"
            << "eligible: " << report.eligible << ", yes: " << report.tally.yes << ", no: " << report.tally.no
            << ", abstain: " << report.tally.abstain << "\n"
            << "verification hash: " << report.final_hash << "\n";
  if (report.receipt_entry) std::cout << "receipt: entry " << *report.receipt_entry << "\n";
  return kExitOk;
}

} // namespace plenum::app
