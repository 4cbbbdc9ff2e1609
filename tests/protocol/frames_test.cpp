#include "protocol/frames.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>

#include <boost/json.hpp>

namespace plenum::proto {
namespace {

FrameError failure(std::string_view text) {
  auto parsed = parse_client_frame(text);
  EXPECT_TRUE(std::holds_alternative<FrameError>(parsed)) << text;
  return std::holds_alternative<FrameError>(parsed) ? std::get<FrameError>(parsed) : FrameError{};
}

ClientFrame success(std::string_view text) {
  auto parsed = parse_client_frame(text);
  EXPECT_TRUE(std::holds_alternative<ClientFrame>(parsed))
      << text << ": "
      << (std::holds_alternative<FrameError>(parsed) ? std::get<FrameError>(parsed).failure.text : "");
  return std::holds_alternative<ClientFrame>(parsed) ? std::move(std::get<ClientFrame>(parsed))
                                                     : ClientFrame{};
}

std::string chat(const std::string& content) {
  return R"({"namespace":"chat","id":"m-1","payload":{"action":"send","scope":"everyone","content":)" +
         boost::json::serialize(boost::json::value(content)) + "}}";
}

TEST(Frames, DecodesATypedCommandWithItsId) {
  auto frame = success(chat("Hello\nworld"));
  EXPECT_EQ(frame.ns, Namespace::chat);
  EXPECT_EQ(frame.id, "m-1");
  const auto& send = std::get<chat::Send>(std::get<chat::Command>(frame.command));
  EXPECT_EQ(send.content, "Hello\nworld");
  EXPECT_EQ(send.scope, "everyone");
  EXPECT_FALSE(send.recipient.has_value());
  EXPECT_EQ(action_name(frame.command), "send");
  EXPECT_EQ(allowed(frame.command), Allowed::everyone);
}

TEST(Frames, CountsLengthsInCodePoints) {
  std::string umlauts;
  for (int i = 0; i < 4000; ++i) umlauts += "\xC3\xA4"; // ä: 2 bytes, 1 character
  success(chat(umlauts));
  auto e = failure(chat(umlauts + "\xC3\xA4"));
  EXPECT_EQ(e.failure.code, ErrorCode::invalid_field);
  EXPECT_EQ(e.failure.field, "content");
  EXPECT_EQ(e.id, "m-1");
  EXPECT_EQ(e.ns, Namespace::chat);
}

TEST(Frames, RefusesControlCharactersExceptLineBreaksInMultilineText) {
  EXPECT_EQ(failure(chat(std::string("a\x01") + "b")).failure.field, "content");
  success(chat("tab\tand\r\nnewline"));
  auto e =
      failure(R"({"namespace":"control","payload":{"action":"set_display_name","display_name":"a\nb"}})");
  EXPECT_EQ(e.failure.field, "display_name");
}

TEST(Frames, NamesTheFieldThatIsWrong) {
  EXPECT_EQ(failure(R"({"namespace":"chat","payload":{"action":"send","scope":"all","content":"x"}})")
                .failure.field,
            "scope");
  EXPECT_EQ(failure(R"({"namespace":"chat","payload":{"action":"send","scope":"everyone"}})").failure.field,
            "content");
  EXPECT_EQ(
      failure(R"({"namespace":"chat","payload":{"action":"send","scope":"everyone","content":"x","x":1}})")
          .failure.field,
      "x");
  auto list = failure(
      R"({"namespace":"hands","payload":{"action":"reset","everyone":false,"participant_ids":["nope"]}})");
  EXPECT_EQ(list.failure.field, "participant_ids[0]");
}

TEST(Frames, IntegersMustBeIntegralAndInRange) {
  const std::string base =
      R"({"namespace":"chat","payload":{"action":"history","conversation":"everyone","limit":)";
  success(base + "100}}");
  EXPECT_EQ(failure(base + "101}}").failure.field, "limit");
  EXPECT_EQ(failure(base + "0}}").failure.field, "limit");
  EXPECT_EQ(failure(base + "1.5}}").failure.field, "limit");
  EXPECT_EQ(failure(base + "18446744073709551615}}").failure.field, "limit");
  EXPECT_EQ(failure(base + "\"5\"}}").failure.field, "limit");
}

TEST(Frames, EnvelopeErrors) {
  EXPECT_EQ(failure("not json").failure.code, ErrorCode::invalid_json);
  EXPECT_EQ(failure("[1]").failure.code, ErrorCode::invalid_json);
  EXPECT_EQ(failure(R"({"namespace":"nope","payload":{"action":"x"}})").failure.code,
            ErrorCode::unknown_namespace);
  EXPECT_EQ(failure(R"({"namespace":"chat","payload":{"action":"fly"}})").failure.code,
            ErrorCode::unknown_action);
  EXPECT_EQ(failure(R"({"namespace":"chat"})").failure.code, ErrorCode::invalid_envelope);
  EXPECT_EQ(failure(R"({"namespace":"control","id":"has space","payload":{"action":"ping"}})").failure.field,
            "id");
  EXPECT_EQ(failure(R"({"namespace":"control","payload":{"action":"ping"},"x":1})").failure.field, "x");
  EXPECT_EQ(failure(std::string(100, '[') + std::string(100, ']')).failure.code, ErrorCode::invalid_json);
}

TEST(Frames, EncodesServerFramesOnce) {
  chat::ClearedEvent cleared;
  cleared.by = "2361cd16-9206-4c23-885c-dd9a2a13063e";
  auto frame = encode(cleared, 42, std::string("c1"));
  auto v = boost::json::parse(*frame);
  EXPECT_EQ(v.at("namespace"), "chat");
  EXPECT_EQ(v.at("id"), "c1");
  EXPECT_EQ(v.at("timestamp"), 42);
  EXPECT_EQ(v.at("payload").at("message"), "cleared");
  EXPECT_EQ(v.at("payload").at("by").as_string(), cleared.by);
}

TEST(Frames, ErrorFramesCutLongFieldNames) {
  auto frame =
      encode_error(Namespace::chat, ErrorCode::invalid_field, "bad", std::string(500, 'f'), 1, std::nullopt);
  auto v = boost::json::parse(*frame);
  EXPECT_EQ(v.at("payload").at("field").as_string().size(), kMaxFrameIdLength);
  EXPECT_EQ(v.at("payload").at("code"), "invalid_field");
}

TEST(Frames, EveryActionOfTheSchemaIsGeneratedWithItsRole) {
  std::ifstream in(std::string(PLENUM_SOURCE_DIR) + "/src/protocol/protocol.json");
  std::stringstream text;
  text << in.rdbuf();
  auto schema = boost::json::parse(text.str());
  std::set<std::string> expected;
  for (const auto& ns : schema.at("namespaces").as_object())
    for (const auto& command : ns.value().at("commands").as_object())
      expected.insert(std::string(ns.key()) + "." + std::string(command.key()) + ":" +
                      std::string(command.value().at("roles").as_string()));
  std::set<std::string> generated;
  for (const auto& a : all_actions())
    generated.insert(std::string(to_string(a.ns)) + "." + std::string(a.action) + ":" +
                     (a.allowed == Allowed::moderator ? "moderator" : "everyone"));
  EXPECT_EQ(generated, expected);
  EXPECT_FALSE(expected.empty());
}

} // namespace
} // namespace plenum::proto
