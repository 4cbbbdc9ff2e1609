// chat: messages to everyone, to a group the sender belongs to, or to one participant. Kept in
// memory for the meeting (bounded), deleted with the room, never logged. Conversations are
// named `everyone`, `group:<name>` and `private:<other participant id>` from the reader's side.

#include <algorithm>
#include <deque>
#include <map>

#include "base/utf8.hpp"
#include "modules/modules.hpp"

namespace plenum::modules {
namespace {

namespace c = proto::chat;

constexpr size_t kMaxLastSeenPerParticipant = 1000;

bool blank(std::string_view text) {
  return std::all_of(text.begin(), text.end(),
                     [](char ch) { return ch == ' ' || ch == '\n' || ch == '\t' || ch == '\r'; });
}

// ASCII case folding; other characters compare exactly (documented in docs/protocol.md).
std::string fold(std::string_view text) {
  std::string out(text);
  for (auto& ch : out)
    if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
  return out;
}

class Chat final : public rooms::Module {
 public:
  explicit Chat(ChatOptions options) : options_(options) {}

  proto::Namespace ns() const override { return proto::Namespace::chat; }

  void on_command(rooms::RoomContext& room, rooms::Participant& sender,
                  const proto::AnyCommand& any) override {
    std::visit([&](const auto& command) { handle(room, sender, command); }, std::get<c::Command>(any));
  }

  void on_removed(rooms::RoomContext& /*room*/, const rooms::Participant& p) override {
    last_seen_.erase(p.id);
    sent_at_.erase(p.id);
  }

  void describe(rooms::RoomContext& /*room*/, const rooms::Participant& viewer,
                proto::ModuleStates& out) override {
    out.chat.enabled = enabled_;
    std::vector<proto::ChatMessage> recent;
    const auto groups = viewer.all_groups();
    for (auto it = messages_.rbegin(); it != messages_.rend() && recent.size() < options_.recent_in_join;
         ++it)
      if (readable(*it, viewer.id, groups)) recent.push_back(*it);
    std::reverse(recent.begin(), recent.end());
    out.chat.recent = std::move(recent);
    if (auto it = last_seen_.find(viewer.id); it != last_seen_.end())
      for (const auto& [conversation, id] : it->second)
        out.chat.last_seen.push_back(proto::LastSeen{conversation, id});
  }

 private:
  static bool readable(const proto::ChatMessage& m, const std::string& reader,
                       const std::vector<std::string>& groups) {
    if (m.scope == "everyone") return true;
    if (m.scope == "group") return std::find(groups.begin(), groups.end(), *m.group) != groups.end();
    return m.sender == reader || m.recipient == reader;
  }

  // Whether `m` belongs to `conversation` as `reader` names it.
  static bool in_conversation(const proto::ChatMessage& m, std::string_view conversation,
                              const std::string& reader) {
    if (conversation == "everyone") return m.scope == "everyone";
    if (conversation.starts_with("group:")) return m.scope == "group" && *m.group == conversation.substr(6);
    if (conversation.starts_with("private:")) {
      const auto other = conversation.substr(8);
      return m.scope == "private" &&
             ((m.sender == reader && *m.recipient == other) || (m.sender == other && *m.recipient == reader));
    }
    return false;
  }

  static bool valid_conversation(std::string_view conversation) {
    return conversation == "everyone" || (conversation.starts_with("group:") && conversation.size() > 6) ||
           (conversation.starts_with("private:") && conversation.size() == 8 + 36);
  }

  bool rate_ok(rooms::RoomContext& room, const rooms::Participant& sender) {
    auto& times = sent_at_[sender.id];
    const int64_t now = room.now_ms();
    while (!times.empty() && times.front() <= now - options_.rate_window_ms) times.pop_front();
    if (static_cast<int>(times.size()) >= options_.rate_messages) return false;
    times.push_back(now);
    return true;
  }

  void handle(rooms::RoomContext& room, rooms::Participant& sender, const c::Send& s) {
    if (!enabled_ && !sender.moderator()) {
      room.fail(proto::ErrorCode::disabled, "moderators turned the chat off");
      return;
    }
    if (blank(s.content)) {
      room.fail(proto::ErrorCode::invalid_field, "the message is empty", "content");
      return;
    }
    proto::ChatMessage m;
    m.scope = s.scope;
    std::vector<const rooms::Participant*> receivers;
    if (s.scope == "everyone") {
      if (s.group || s.recipient) {
        room.fail(proto::ErrorCode::invalid_field, "messages to everyone take no group or recipient",
                  s.group ? "group" : "recipient");
        return;
      }
    } else if (s.scope == "group") {
      const auto groups = sender.all_groups();
      if (!s.group || s.recipient || std::find(groups.begin(), groups.end(), *s.group) == groups.end()) {
        room.fail(proto::ErrorCode::invalid_field, "group messages need a group you belong to", "group");
        return;
      }
      m.group = s.group;
      for (auto* p : room.admitted()) {
        const auto theirs = p->all_groups();
        if (std::find(theirs.begin(), theirs.end(), *s.group) != theirs.end()) receivers.push_back(p);
      }
    } else {
      const auto* to = s.recipient ? room.find(*s.recipient) : nullptr;
      if (s.group || to == nullptr || !to->admitted || to == &sender) {
        room.fail(proto::ErrorCode::not_found, "private messages need another participant in the room",
                  "recipient");
        return;
      }
      m.recipient = s.recipient;
      receivers = {&sender, to};
    }
    if (!rate_ok(room, sender)) {
      room.fail(proto::ErrorCode::rate_limited, "too many chat messages: wait a moment");
      return;
    }
    m.id = ++last_id_;
    m.sender = sender.id;
    m.sender_name = sender.display_name;
    m.content = s.content;
    m.sent_at = room.now_ms();
    messages_.push_back(m);
    if (messages_.size() > options_.history_limit) messages_.pop_front();
    c::MessageEvent e;
    e.chat_message = std::move(m);
    auto frame = proto::encode(e, room.now_ms(), std::nullopt);
    if (s.scope == "everyone") {
      room.broadcast(frame);
    } else {
      for (const auto* p : receivers) room.send(*p, frame);
    }
  }

  void handle(rooms::RoomContext& room, rooms::Participant& sender, const c::History& h) {
    if (!valid_conversation(h.conversation)) {
      room.fail(proto::ErrorCode::invalid_field,
                "conversation must be everyone, group:<name> or private:<id>", "conversation");
      return;
    }
    const auto groups = sender.all_groups();
    c::HistoryEvent e;
    e.conversation = h.conversation;
    for (auto it = messages_.rbegin(); it != messages_.rend(); ++it) {
      if (h.before && it->id >= *h.before) continue;
      if (!in_conversation(*it, h.conversation, sender.id) || !readable(*it, sender.id, groups)) continue;
      if (static_cast<int64_t>(e.messages.size()) == h.limit) {
        e.more = true;
        break;
      }
      e.messages.push_back(*it);
    }
    std::reverse(e.messages.begin(), e.messages.end());
    room.reply(e);
  }

  void handle(rooms::RoomContext& room, rooms::Participant& sender, const c::Search& s) {
    const auto groups = sender.all_groups();
    const std::string needle = fold(s.query);
    c::SearchResultsEvent e;
    for (auto it = messages_.rbegin(); it != messages_.rend(); ++it) {
      if (static_cast<int64_t>(e.messages.size()) == s.limit) break;
      if (readable(*it, sender.id, groups) && fold(it->content).find(needle) != std::string::npos)
        e.messages.push_back(*it);
    }
    std::reverse(e.messages.begin(), e.messages.end());
    room.reply(e);
  }

  void handle(rooms::RoomContext& room, rooms::Participant& sender, const c::SetLastSeen& s) {
    if (!valid_conversation(s.conversation)) {
      room.fail(proto::ErrorCode::invalid_field,
                "conversation must be everyone, group:<name> or private:<id>", "conversation");
      return;
    }
    auto& mine = last_seen_[sender.id];
    if (!mine.contains(s.conversation) && mine.size() >= kMaxLastSeenPerParticipant) {
      room.fail(proto::ErrorCode::invalid_field, "too many conversations", "conversation");
      return;
    }
    mine[s.conversation] = s.message_id;
  }

  void handle(rooms::RoomContext& room, rooms::Participant& sender, const c::Clear& /*c*/) {
    messages_.clear();
    last_seen_.clear();
    c::ClearedEvent e;
    e.by = sender.id;
    room.broadcast(e);
  }

  void handle(rooms::RoomContext& room, rooms::Participant& /*sender*/, const c::SetEnabled& s) {
    enabled_ = s.enabled;
    c::EnabledChangedEvent e;
    e.enabled = enabled_;
    room.broadcast(e);
  }

  ChatOptions options_;
  bool enabled_ = true;
  int64_t last_id_ = 0;
  std::deque<proto::ChatMessage> messages_;
  std::map<std::string, std::map<std::string, int64_t>> last_seen_; // participant -> conversation -> id
  std::map<std::string, std::deque<int64_t>> sent_at_;              // for the rate limit
};

} // namespace

std::unique_ptr<rooms::Module> make_chat(ChatOptions options) { return std::make_unique<Chat>(options); }

} // namespace plenum::modules
