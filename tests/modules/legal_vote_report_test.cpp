// The PDF report: produced in English and German, and (read back with pdftotext from
// poppler-utils) holds the vote's name, the result, the voter names and the verification hash.
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>

#include "modules/legal_vote.hpp"
#include "modules/legal_vote_report.hpp"

namespace plenum::modules::legal_vote {
namespace {

std::string pdftotext(const std::string& pdf) {
  const auto file =
      std::filesystem::temp_directory_path() / ("plenum-report-" + std::to_string(::getpid()) + ".pdf");
  std::ofstream(file, std::ios::binary) << pdf;
  std::string out;
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(
      ::popen(("pdftotext -layout " + file.string() + " -").c_str(), "r"), ::pclose);
  if (pipe) {
    std::array<char, 4096> buf{};
    size_t n = 0;
    while ((n = std::fread(buf.data(), 1, buf.size(), pipe.get())) > 0) out.append(buf.data(), n);
  }
  std::filesystem::remove(file);
  return out;
}

std::string without_spaces(std::string s) {
  std::erase_if(s, [](char c) { return c == ' ' || c == '\n'; });
  return s;
}

TEST(LegalVoteReport, EnglishAndGermanPdfsHoldTheProtocolData) {
  StartParams p;
  p.name = "Haushalt 2027 – zweite Lesung";
  p.topic = "Der Rat beschließt den Haushalt.";
  p.kind = "roll_call";
  std::vector<Person> voters{{"00000000-0000-4000-8000-000000000001", "u1", "Ada Lovelace"},
                             {"00000000-0000-4000-8000-000000000002", "u2", "Grace Hopper"}};
  Vote v("11111111-1111-4111-8111-111111111111", "room-1", p, voters[0], voters, 1'700'000'000'000,
         std::make_shared<const SigningKey>(SigningKey::generate()));
  std::string receipt;
  ASSERT_FALSE(v.vote(voters[1].participant_id, *v.token_of(voters[1].participant_id), "yes", receipt));
  v.stop(voters[0].participant_id, 1'700'000'060'000);
  for (const char* lang : {"en", "de"}) {
    const auto pdf = render_report(v.protocol(), lang);
    ASSERT_GT(pdf.size(), 1000u) << lang;
    EXPECT_EQ(pdf.substr(0, 5), "%PDF-");
    if (!std::filesystem::exists("/usr/bin/pdftotext"))
      GTEST_SKIP() << "pdftotext (poppler-utils) is not installed";
    const auto text = pdftotext(pdf);
    EXPECT_NE(text.find("Haushalt 2027 – zweite Lesung"), std::string::npos) << text;
    EXPECT_NE(text.find(std::string(lang) == "de" ? "Abstimmungsprotokoll" : "Vote protocol"),
              std::string::npos);
    EXPECT_NE(text.find("Grace Hopper"), std::string::npos);
    EXPECT_NE(without_spaces(text).find(v.log().last_hash()), std::string::npos) << "verification hash";
    EXPECT_NE(without_spaces(text).find(receipt), std::string::npos) << "the vote entry's hash";
  }
}

} // namespace
} // namespace plenum::modules::legal_vote
