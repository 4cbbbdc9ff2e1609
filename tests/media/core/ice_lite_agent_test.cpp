// ICE-lite (RFC 8445 section 2.5) as a client sees it: real Binding requests built with
// StunWriter (USERNAME "<our ufrag>:<theirs>", PRIORITY, MESSAGE-INTEGRITY with our password,
// FINGERPRINT), the responses parsed back, nomination by USE-CANDIDATE, role conflict, consent
// freshness over time (RFC 7675) and ICE restart.
#include "media/ice/ice_lite_agent.hpp"

#include <gtest/gtest.h>

#include <array>
#include <optional>
#include <string>
#include <string_view>

#include "base/error.hpp"

namespace plenum::media::ice {
namespace {

const std::string kUfrag = "srvU";
const std::string kPwd = "server-password-0123456789";
const SocketAddress kClientA = SocketAddress::v4({192, 0, 2, 10}, 50000);
const SocketAddress kClientB = SocketAddress::v4({198, 51, 100, 7}, 40001);

struct CheckOptions {
  std::string username = kUfrag + ":x";
  std::string password = kPwd;
  bool use_candidate = false;
  bool controlled = false; // ICE-CONTROLLED instead of ICE-CONTROLLING
  uint8_t txid_seed = 1;
};

// A connectivity check as a full (controlling) ICE agent sends it (RFC 8445 section 7.1.1).
struct Check {
  std::array<uint8_t, 256> bytes{};
  size_t size = 0;
  std::array<uint8_t, kStunTransactionIdSize> txid{};

  StunMessage message() const { return *StunMessage::parse(std::span(bytes).first(size)); }
};

Check make_check(const CheckOptions& o) {
  Check c;
  for (size_t i = 0; i < c.txid.size(); ++i) c.txid[i] = static_cast<uint8_t>(o.txid_seed + i);
  StunWriter w(c.bytes, kStunBindingRequest, c.txid);
  w.add_attribute(stun_attr::kUsername,
                  {reinterpret_cast<const uint8_t*>(o.username.data()), o.username.size()});
  const std::array<uint8_t, 4> priority = {0x6e, 0x00, 0x01, 0xff};
  w.add_attribute(stun_attr::kPriority, priority);
  const std::array<uint8_t, 8> tie_breaker = {1, 2, 3, 4, 5, 6, 7, 8};
  w.add_attribute(o.controlled ? stun_attr::kIceControlled : stun_attr::kIceControlling, tie_breaker);
  if (o.use_candidate) w.add_attribute(stun_attr::kUseCandidate, {});
  w.add_message_integrity(StunIntegrityKey(o.password));
  w.add_fingerprint();
  auto size = w.finish();
  PLENUM_ASSERT(size.has_value(), "check fits");
  c.size = *size;
  return c;
}

struct Answer {
  IceReply reply;
  std::array<uint8_t, 256> out{};
  std::optional<StunMessage> response() const {
    if (reply.response_size == 0) return std::nullopt;
    return StunMessage::parse(std::span(out).first(reply.response_size));
  }
};

// `answer` must outlive the StunMessage its response() returns (a view over answer.out).
void ask(IceLiteAgent& agent, const CheckOptions& o, const SocketAddress& from, int64_t now_ms,
         Answer& answer) {
  const Check c = make_check(o);
  answer.reply = agent.handle(c.message(), from, answer.out, now_ms);
}

TEST(MediaCoreIceLiteAgent, AnswersAValidCheckWithTheSendersAddress) {
  IceLiteAgent agent(kUfrag, kPwd);
  const Check check = make_check({.txid_seed = 40});
  Answer a;
  a.reply = agent.handle(check.message(), kClientA, a.out, 1000);
  auto response = a.response();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->type(), kStunBindingSuccess);
  EXPECT_TRUE(std::equal(check.txid.begin(), check.txid.end(), response->transaction_id().begin()));
  EXPECT_EQ(response->xor_mapped_address(), kClientA);
  EXPECT_TRUE(response->check_integrity(StunIntegrityKey(kPwd)));
  EXPECT_TRUE(response->check_fingerprint());
  // The first valid check selects its address even without USE-CANDIDATE.
  EXPECT_TRUE(a.reply.selected_changed);
  EXPECT_EQ(agent.selected(), kClientA);
  EXPECT_TRUE(agent.validated(kClientA));
  EXPECT_FALSE(agent.validated(kClientB));
}

TEST(MediaCoreIceLiteAgent, WrongPasswordIsUnauthorizedAndValidatesNothing) {
  IceLiteAgent agent(kUfrag, kPwd);
  Answer a;
  ask(agent, {.password = "not-the-password-at-all"}, kClientA, 1000, a);
  auto response = a.response();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->type(), kStunBindingError);
  ASSERT_TRUE(response->error_code());
  EXPECT_EQ(response->error_code()->code, 401);
  EXPECT_FALSE(response->has_message_integrity()); // RFC 8489 section 9.1.3
  EXPECT_TRUE(response->check_fingerprint());
  EXPECT_FALSE(agent.validated(kClientA));
  EXPECT_FALSE(agent.selected());
  EXPECT_EQ(agent.state(1000), IceState::waiting);
}

TEST(MediaCoreIceLiteAgent, ForeignUfragIsUnauthorized) {
  IceLiteAgent agent(kUfrag, kPwd);
  Answer a;
  ask(agent, {.username = "othr:x"}, kClientA, 1000, a);
  auto response = a.response();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->error_code()->code, 401);
  EXPECT_FALSE(agent.validated(kClientA));
}

TEST(MediaCoreIceLiteAgent, UseCandidateMovesTheSelectionAndAPlainCheckDoesNot) {
  IceLiteAgent agent(kUfrag, kPwd);
  Answer a;
  ask(agent, {.use_candidate = true}, kClientA, 1000, a);
  EXPECT_TRUE(a.reply.selected_changed);
  EXPECT_EQ(agent.selected(), kClientA);

  // A second address answers checks (it is validated) but media stays where it was nominated.
  Answer b;
  ask(agent, {.txid_seed = 2}, kClientB, 1100, b);
  ASSERT_TRUE(b.response());
  EXPECT_EQ(b.response()->type(), kStunBindingSuccess);
  EXPECT_EQ(b.response()->xor_mapped_address(), kClientB);
  EXPECT_FALSE(b.reply.selected_changed);
  EXPECT_EQ(agent.selected(), kClientA);
  EXPECT_TRUE(agent.validated(kClientB));

  // Nominating the second address moves media there.
  Answer c;
  ask(agent, {.use_candidate = true, .txid_seed = 3}, kClientB, 1200, c);
  EXPECT_TRUE(c.reply.selected_changed);
  EXPECT_EQ(agent.selected(), kClientB);

  // Nominating it again is not a change.
  Answer d;
  ask(agent, {.use_candidate = true, .txid_seed = 4}, kClientB, 1300, d);
  EXPECT_FALSE(d.reply.selected_changed);
  EXPECT_EQ(agent.selected(), kClientB);
}

TEST(MediaCoreIceLiteAgent, ControlledPeerGetsRoleConflict) {
  IceLiteAgent agent(kUfrag, kPwd);
  Answer a;
  ask(agent, {.use_candidate = true, .controlled = true}, kClientA, 1000, a);
  auto response = a.response();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->type(), kStunBindingError);
  EXPECT_EQ(response->error_code()->code, 487);
  EXPECT_TRUE(response->check_integrity(StunIntegrityKey(kPwd))); // RFC 8445 section 7.3.1.1
  EXPECT_TRUE(response->check_fingerprint());
  EXPECT_FALSE(agent.selected());
  EXPECT_FALSE(agent.validated(kClientA));
}

TEST(MediaCoreIceLiteAgent, StateFollowsTheTimeSinceTheLastValidCheck) {
  IceLiteAgent agent(kUfrag, kPwd);
  EXPECT_EQ(agent.state(0), IceState::waiting);
  EXPECT_EQ(agent.state(1'000'000), IceState::waiting); // no check ever: still waiting

  Answer a;
  ask(agent, {.use_candidate = true}, kClientA, 5'000, a);
  EXPECT_EQ(agent.state(5'000), IceState::connected);
  EXPECT_EQ(agent.state(5'000 + kDisconnectedAfterMs - 1), IceState::connected);
  EXPECT_EQ(agent.state(5'000 + kDisconnectedAfterMs), IceState::disconnected);
  EXPECT_EQ(agent.state(5'000 + kConsentTimeoutMs - 1), IceState::disconnected);
  EXPECT_EQ(agent.state(5'000 + kConsentTimeoutMs), IceState::failed);

  // A failed check does not refresh consent; a valid one does.
  Answer bad;
  ask(agent, {.password = "wrong-password-wrong-pw", .txid_seed = 9}, kClientA, 20'000, bad);
  EXPECT_EQ(agent.state(20'000), IceState::disconnected);
  Answer good;
  ask(agent, {.txid_seed = 10}, kClientA, 20'000, good);
  EXPECT_EQ(agent.state(20'000), IceState::connected);
}

TEST(MediaCoreIceLiteAgent, RestartChangesTheCredentials) {
  IceLiteAgent agent(kUfrag, kPwd);
  Answer a;
  ask(agent, {.use_candidate = true}, kClientA, 1000, a);
  ASSERT_EQ(agent.selected(), kClientA);

  const std::string ufrag2 = "nwU2";
  const std::string pwd2 = "second-password-abcdefghij";
  agent.restart(ufrag2, pwd2);
  EXPECT_EQ(agent.local_ufrag(), ufrag2);
  EXPECT_EQ(agent.local_pwd(), pwd2);
  EXPECT_EQ(agent.selected(), kClientA); // kept until the client nominates again

  // Old credentials no longer validate.
  Answer old_creds;
  ask(agent, {.use_candidate = true, .txid_seed = 5}, kClientB, 1100, old_creds);
  ASSERT_TRUE(old_creds.response());
  EXPECT_EQ(old_creds.response()->error_code()->code, 401);
  EXPECT_EQ(agent.selected(), kClientA);

  // New ones do, and their nomination moves media.
  Answer fresh;
  ask(agent, {.username = ufrag2 + ":x", .password = pwd2, .use_candidate = true, .txid_seed = 6}, kClientB,
      1200, fresh);
  ASSERT_TRUE(fresh.response());
  EXPECT_EQ(fresh.response()->type(), kStunBindingSuccess);
  EXPECT_TRUE(fresh.response()->check_integrity(StunIntegrityKey(pwd2)));
  EXPECT_TRUE(fresh.reply.selected_changed);
  EXPECT_EQ(agent.selected(), kClientB);
}

TEST(MediaCoreIceLiteAgent, RemembersAtMostTheNamedNumberOfAddresses) {
  IceLiteAgent agent(kUfrag, kPwd);
  for (size_t i = 0; i <= kMaxValidatedAddresses; ++i) {
    Answer a;
    ask(agent, {.txid_seed = static_cast<uint8_t>(i)},
        SocketAddress::v4({10, 0, 0, 1}, static_cast<uint16_t>(1000 + i)), 1000, a);
  }
  // The oldest one was forgotten, the newest kMaxValidatedAddresses are valid.
  EXPECT_FALSE(agent.validated(SocketAddress::v4({10, 0, 0, 1}, 1000)));
  for (size_t i = 1; i <= kMaxValidatedAddresses; ++i)
    EXPECT_TRUE(agent.validated(SocketAddress::v4({10, 0, 0, 1}, static_cast<uint16_t>(1000 + i)))) << i;
}

} // namespace
} // namespace plenum::media::ice
