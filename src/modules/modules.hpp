#pragma once
// The meeting features a room runs, one class per namespace of the signaling protocol.

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "modules/legal_vote.hpp"
#include "rooms/module.hpp"

namespace plenum::media::server {
class MediaServer;
}

namespace plenum::modules {

struct ChatOptions {
  size_t history_limit = 10'000;  // messages kept per room; the oldest go first
  size_t recent_in_join = 50;     // messages in join_success
  int rate_messages = 5;          // per participant...
  int64_t rate_window_ms = 5'000; // ...per window
};

struct MediaModuleOptions {
  media::server::MediaServer* server = nullptr; // null: signaling only (media.available = false)
  std::string turn_urls;                        // comma-separated
  std::string turn_secret;
  int64_t turn_lifetime_seconds = 86'400;
};

struct PollsOptions {
  int64_t live_interval_ms = 1'000;                   // live results go out at most this often
  TemplateLoader<proto::PollTemplate> load_templates; // null: no prepared polls
};

struct SpeakersOptions {
  int64_t wheel_spin_ms = 6'000; // how long the wheel of names turns (config rooms.wheel_spin)
};

std::unique_ptr<rooms::Module> make_waiting_room();
std::unique_ptr<rooms::Module> make_moderation();
std::unique_ptr<rooms::Module> make_hands();
std::unique_ptr<rooms::Module> make_reactions();
std::unique_ptr<rooms::Module> make_chat(ChatOptions options);
std::unique_ptr<rooms::Module> make_media(MediaModuleOptions options);
std::unique_ptr<rooms::Module> make_polls(PollsOptions options = {});
std::unique_ptr<rooms::Module> make_timer();
std::unique_ptr<rooms::Module> make_points_of_order();
std::unique_ptr<rooms::Module> make_legal_vote(LegalVoteOptions options = {});
std::unique_ptr<rooms::Module> make_speakers(SpeakersOptions options = {});

// Every module, in the order join_success describes them.
std::vector<std::unique_ptr<rooms::Module>> all_modules(const ChatOptions& chat,
                                                        const MediaModuleOptions& media = {},
                                                        const LegalVoteOptions& legal_vote = {},
                                                        const PollsOptions& polls = {},
                                                        const SpeakersOptions& speakers = {});

} // namespace plenum::modules
