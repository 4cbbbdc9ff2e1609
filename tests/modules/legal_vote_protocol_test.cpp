// The legal vote's rules (one Vote without a room) and its protocol: hash chain, signature,
// eligibility, single use, tally; tampering with any field of any entry names that entry.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "modules/legal_vote.hpp"

namespace plenum::modules::legal_vote {
namespace {

namespace json = boost::json;

std::shared_ptr<const SigningKey> key() {
  static auto k = std::make_shared<const SigningKey>(SigningKey::generate());
  return k;
}

std::vector<Person> voters(int n) {
  std::vector<Person> out;
  for (int i = 0; i < n; ++i)
    out.push_back(Person{"00000000-0000-4000-8000-00000000000" + std::to_string(i),
                         "user-" + std::to_string(i), "Voter " + std::to_string(i)});
  return out;
}

Vote make(std::string kind, int n = 3, bool abstain = true) {
  StartParams p;
  p.name = "Budget 2027";
  p.subtitle = "Second reading";
  p.topic = "Adopt the budget";
  p.kind = std::move(kind);
  p.allow_abstain = abstain;
  auto vs = voters(n);
  return Vote("11111111-1111-4111-8111-111111111111", "room-1", p, vs[0], vs, 1000, key());
}

std::string cast(Vote& v, int voter, const std::string& choice) {
  const auto id = voters(3)[static_cast<size_t>(voter)].participant_id;
  std::string receipt;
  auto token = v.token_of(id);
  EXPECT_TRUE(token);
  auto e = v.vote(id, *token, choice, receipt);
  EXPECT_FALSE(e) << (e ? e->text : "");
  return receipt;
}

TEST(LegalVoteRules, ParamsAreChecked) {
  StartParams p;
  p.name = "x";
  p.kind = "secret";
  p.live_results = true;
  ASSERT_TRUE(check_params(p));
  EXPECT_EQ(check_params(p)->field, "live_results");
  p.live_results = false;
  p.duration_seconds = 59;
  EXPECT_EQ(check_params(p)->field, "duration_seconds");
  p.duration_seconds = 86'401;
  EXPECT_EQ(check_params(p)->field, "duration_seconds");
  p.duration_seconds = 60;
  EXPECT_FALSE(check_params(p));
  p.name = "  ";
  EXPECT_EQ(check_params(p)->field, "name");
}

TEST(LegalVoteRules, OneVotePerVoterNoChanges) {
  auto v = make("roll_call");
  cast(v, 1, "yes");
  std::string receipt;
  auto again = v.vote(voters(3)[1].participant_id, "anything", "no", receipt);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->code, proto::ErrorCode::not_allowed_now);
  EXPECT_EQ(v.voted_count(), 1);
}

TEST(LegalVoteRules, TokenReuseAndForeignTokensAreRejected) {
  auto v = make("secret");
  const auto a = voters(3)[1].participant_id, b = voters(3)[2].participant_id;
  const auto token_a = *v.token_of(a);
  std::string receipt;
  EXPECT_FALSE(v.vote(a, token_a, "yes", receipt));
  auto reuse = v.vote(b, token_a, "yes", receipt); // b tries a's used token
  ASSERT_TRUE(reuse);
  EXPECT_EQ(reuse->code, proto::ErrorCode::not_allowed_now);
  const auto token_c = *v.token_of(voters(3)[0].participant_id);
  auto foreign = v.vote(b, token_c, "no", receipt); // b uses someone else's unused token
  ASSERT_TRUE(foreign);
  EXPECT_EQ(foreign->code, proto::ErrorCode::forbidden);
  EXPECT_EQ(v.voted_count(), 1);
}

TEST(LegalVoteRules, SomeoneNotOnTheVoterListCannotVote) {
  auto v = make("roll_call");
  std::string receipt;
  auto e = v.vote("99999999-9999-4999-8999-999999999999", "token", "yes", receipt);
  ASSERT_TRUE(e);
  EXPECT_EQ(e->code, proto::ErrorCode::forbidden);
}

TEST(LegalVoteRules, AbstainOnlyWhenAllowed) {
  auto v = make("roll_call", 3, false);
  const auto id = voters(3)[1].participant_id;
  std::string receipt;
  auto e = v.vote(id, *v.token_of(id), "abstain", receipt);
  ASSERT_TRUE(e);
  EXPECT_EQ(e->field, "choice");
  EXPECT_TRUE(v.token_of(id)); // the token still works
}

TEST(LegalVoteRules, ExpiryClosesAndCountsAndNoVoteAfterwards) {
  auto v = make("roll_call");
  cast(v, 1, "no");
  v.close("expired", 5000);
  EXPECT_FALSE(v.running());
  auto view = v.view();
  EXPECT_EQ(view.end_reason, "expired");
  ASSERT_TRUE(view.tally);
  EXPECT_EQ(view.tally->no, 1);
  EXPECT_EQ(view.valid, true);
  std::string receipt;
  EXPECT_TRUE(v.vote(voters(3)[2].participant_id, "x", "yes", receipt));
  EXPECT_TRUE(verify_protocol(json::value(v.protocol())).valid);
}

TEST(LegalVoteRules, CancelledVoteIsInvalidWithAReasonAndShowsNoTally) {
  auto v = make("roll_call");
  cast(v, 1, "yes");
  v.cancel(voters(3)[0].participant_id, "cancelled", "wrong agenda item", 2000);
  auto view = v.view();
  EXPECT_EQ(view.state, "cancelled");
  EXPECT_EQ(view.valid, false);
  EXPECT_TRUE(view.invalid_reason);
  EXPECT_EQ(view.cancel_reason, "wrong agenda item");
  EXPECT_FALSE(view.tally);
  auto report = verify_protocol(json::value(v.protocol()));
  EXPECT_TRUE(report.valid) << report.message;
}

TEST(LegalVoteRules, SecretVoteKeepsNoIdentityWithTheChoice) {
  auto v = make("secret");
  const auto receipt = cast(v, 1, "yes");
  cast(v, 2, "no");
  v.stop(voters(3)[0].participant_id, 3000);
  const auto text = json::serialize(v.protocol());
  for (const auto& e : v.protocol().at("entries").as_array()) {
    const auto& o = e.as_object();
    if (o.at("type").as_string() != "vote") continue;
    EXPECT_FALSE(o.contains("participant_id"));
    EXPECT_FALSE(o.contains("at"));
    EXPECT_FALSE(o.contains("user_id"));
  }
  // The voter list is in the start entry (eligibility), but no vote entry refers to a person.
  EXPECT_TRUE(v.view().named.empty());
  VerifyOptions o;
  o.receipt = receipt;
  auto report = verify_protocol(text, o);
  EXPECT_TRUE(report.valid) << report.message;
  EXPECT_EQ(report.receipt_entry, 2);
}

TEST(LegalVoteProtocol, AValidProtocolVerifies) {
  auto v = make("roll_call");
  cast(v, 0, "yes");
  cast(v, 1, "no");
  cast(v, 2, "abstain");
  v.close("auto_closed", 4000);
  VerifyOptions o;
  o.public_key = key()->public_hex();
  auto report = verify_protocol(json::serialize(v.protocol()), o);
  ASSERT_TRUE(report.valid) << report.message;
  EXPECT_EQ(report.tally, (Tally{1, 1, 1}));
  EXPECT_EQ(report.eligible, 3);
  EXPECT_EQ(report.final_hash, v.log().last_hash());
  o.public_key = SigningKey::generate().public_hex();
  EXPECT_FALSE(verify_protocol(json::serialize(v.protocol()), o).valid);
}

json::value tampered(json::value v) {
  switch (v.kind()) {
    case json::kind::string: {
      std::string s(v.as_string());
      if (s.empty()) return json::value("x");
      s[s.size() / 2] = s[s.size() / 2] == 'a' ? 'b' : 'a';
      return json::value(s);
    }
    case json::kind::int64: return json::value(v.as_int64() + 1);
    case json::kind::bool_: return json::value(!v.as_bool());
    case json::kind::null: return json::value(1);
    case json::kind::array: {
      auto a = v.as_array();
      if (a.empty())
        a.push_back("x");
      else
        a.pop_back();
      return a;
    }
    case json::kind::object: {
      auto o = v.as_object();
      o["extra"] = 1;
      return o;
    }
    default: return json::value("tampered");
  }
}

void expect_every_field_tamper_names_its_entry(const json::object& doc) {
  const auto& entries = doc.at("entries").as_array();
  int checked = 0;
  for (size_t i = 0; i < entries.size(); ++i) {
    for (const auto& kv : entries[i].as_object()) {
      auto copy = doc;
      copy["entries"].as_array()[i].as_object()[kv.key()] = tampered(kv.value());
      auto report = verify_protocol(json::value(copy));
      EXPECT_FALSE(report.valid) << "entry " << i + 1 << " field " << kv.key();
      EXPECT_EQ(report.entry, static_cast<int64_t>(i + 1))
          << "entry " << i + 1 << " field " << kv.key() << ": " << report.message;
      EXPECT_NE(report.message.find("entry " + std::to_string(i + 1)), std::string::npos) << report.message;
      ++checked;
    }
    // Dropping a field is tampering too.
    for (const auto& kv : entries[i].as_object()) {
      auto copy = doc;
      copy["entries"].as_array()[i].as_object().erase(kv.key());
      auto report = verify_protocol(json::value(copy));
      EXPECT_FALSE(report.valid);
      EXPECT_EQ(report.entry, static_cast<int64_t>(i + 1)) << kv.key() << ": " << report.message;
    }
  }
  EXPECT_GT(checked, 20);
}

TEST(LegalVoteProtocol, TamperingWithAnyFieldNamesTheEntry) {
  for (std::string kind : {"roll_call", "secret"}) {
    auto v = make(kind);
    cast(v, 0, "yes");
    cast(v, 1, "no");
    v.stop(voters(3)[0].participant_id, 3000);
    expect_every_field_tamper_names_its_entry(v.protocol());
  }
}

TEST(LegalVoteProtocol, FlippingAnyByteOfTheFileIsDetected) {
  auto v = make("secret");
  cast(v, 0, "yes");
  cast(v, 2, "abstain");
  v.stop(voters(3)[0].participant_id, 3000);
  const auto text = json::serialize(v.protocol());
  ASSERT_TRUE(verify_protocol(text).valid);
  for (size_t i = 0; i < text.size(); ++i) {
    auto copy = text;
    copy[i] = static_cast<char>(copy[i] ^ 0x01);
    auto report = verify_protocol(copy);
    EXPECT_FALSE(report.valid) << "byte " << i << " (" << text.substr(i > 20 ? i - 20 : 0, 40) << ")";
  }
}

TEST(LegalVoteProtocol, SignatureAndFinalHashAreChecked) {
  auto v = make("roll_call");
  cast(v, 0, "yes");
  v.stop(voters(3)[0].participant_id, 3000);
  const auto last = static_cast<int64_t>(v.protocol().at("entries").as_array().size());
  for (const char* field : {"signature", "final_hash"}) {
    auto copy = v.protocol();
    copy[field] = tampered(copy[field]);
    auto report = verify_protocol(json::value(copy));
    EXPECT_FALSE(report.valid) << field;
    EXPECT_EQ(report.entry, last) << field << ": " << report.message;
  }
  auto copy = v.protocol();
  copy["public_key"] = SigningKey::generate().public_hex();
  EXPECT_FALSE(verify_protocol(json::value(copy)).valid);
}

// A correctly chained and signed protocol that breaks a rule: the verifier names the entry.
json::object forged(const std::vector<json::object>& entries) {
  ProtocolLog log("11111111-1111-4111-8111-111111111111");
  for (const auto& e : entries) log.append(e);
  return log.finish(*key());
}

json::object start_entry(std::string kind, json::array token_hashes = {}) {
  json::array vs;
  for (const auto& p : voters(2))
    vs.push_back(json::object{
        {"participant_id", p.participant_id}, {"user_id", p.user_id}, {"display_name", p.display_name}});
  return json::object{{"type", "start"},
                      {"at", 1},
                      {"vote_id", "11111111-1111-4111-8111-111111111111"},
                      {"name", "N"},
                      {"kind", kind},
                      {"allow_abstain", true},
                      {"voters", vs},
                      {"token_hashes", token_hashes}};
}

TEST(LegalVoteProtocol, EligibilityDoubleVotesTokenReuseAndTallyAreRechecked) {
  const auto a = voters(2)[0].participant_id;
  const auto stop = json::object{{"type", "stop"}, {"at", 5}, {"by", a}};
  auto result = [](int64_t yes, int64_t no) {
    return json::object{{"type", "result"},  {"at", 6},       {"outcome", "stopped"},
                        {"yes", yes},        {"no", no},      {"abstain", 0},
                        {"voted", yes + no}, {"eligible", 2}, {"valid", true}};
  };
  auto vote_by = [](std::string id, std::string choice) {
    return json::object{{"type", "vote"}, {"participant_id", id}, {"choice", choice}};
  };
  {
    auto doc = forged({start_entry("roll_call"), vote_by(a, "yes"), stop, result(1, 0)});
    EXPECT_TRUE(verify_protocol(json::value(doc)).valid) << verify_protocol(json::value(doc)).message;
  }
  {
    auto doc = forged({start_entry("roll_call"), vote_by("99999999-9999-4999-8999-999999999999", "yes"), stop,
                       result(1, 0)});
    auto r = verify_protocol(json::value(doc));
    EXPECT_EQ(r.entry, 2);
    EXPECT_NE(r.message.find("not on the voter list"), std::string::npos) << r.message;
  }
  {
    auto doc = forged({start_entry("roll_call"), vote_by(a, "yes"), vote_by(a, "no"), stop, result(1, 1)});
    auto r = verify_protocol(json::value(doc));
    EXPECT_EQ(r.entry, 3);
    EXPECT_NE(r.message.find("voted twice"), std::string::npos) << r.message;
  }
  {
    auto doc = forged({start_entry("roll_call"), vote_by(a, "yes"), stop, result(2, 0)});
    auto r = verify_protocol(json::value(doc));
    EXPECT_EQ(r.entry, 4);
    EXPECT_NE(r.message.find("tally"), std::string::npos) << r.message;
  }
  {
    const auto h1 = sha256_hex("t1"), h2 = sha256_hex("t2");
    auto secret_vote = [](std::string h) {
      return json::object{{"type", "vote"}, {"token_hash", h}, {"choice", "yes"}};
    };
    auto doc = forged({start_entry("secret", json::array{json::string(h1), json::string(h2)}),
                       secret_vote(h1), secret_vote(h1), stop, result(2, 0)});
    auto r = verify_protocol(json::value(doc));
    EXPECT_EQ(r.entry, 3);
    EXPECT_NE(r.message.find("used twice"), std::string::npos) << r.message;
    auto unknown = forged({start_entry("secret", json::array{json::string(h1), json::string(h2)}),
                           secret_vote(sha256_hex("t3")), stop, result(1, 0)});
    EXPECT_EQ(verify_protocol(json::value(unknown)).entry, 2);
  }
  {
    auto doc = forged({start_entry("roll_call"), stop, vote_by(a, "yes"), result(1, 0)});
    EXPECT_EQ(verify_protocol(json::value(doc)).entry, 3);
  }
}

TEST(LegalVoteProtocol, SigningKeyIsCreatedOnceWithMode0600) {
  const auto dir = std::filesystem::temp_directory_path() / ("plenum-vote-key-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const auto file = dir / "vote_signing.key";
  auto first = load_or_create_signing_key(file);
  ASSERT_TRUE(first);
  EXPECT_EQ(std::filesystem::status(file).permissions() & std::filesystem::perms::all,
            std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  auto second = load_or_create_signing_key(file);
  ASSERT_TRUE(second);
  EXPECT_EQ(first->public_hex(), second->public_hex());
  std::filesystem::permissions(file, std::filesystem::perms::group_read, std::filesystem::perm_options::add);
  EXPECT_FALSE(load_or_create_signing_key(file));
  std::filesystem::remove_all(dir);
}

} // namespace
} // namespace plenum::modules::legal_vote
