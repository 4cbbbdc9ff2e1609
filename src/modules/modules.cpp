#include "modules/modules.hpp"

namespace plenum::modules {

std::vector<std::unique_ptr<rooms::Module>> all_modules(const ChatOptions& chat,
                                                        const MediaModuleOptions& media,
                                                        const LegalVoteOptions& legal_vote,
                                                        const PollsOptions& polls,
                                                        const SpeakersOptions& speakers) {
  std::vector<std::unique_ptr<rooms::Module>> out;
  out.push_back(make_waiting_room());
  out.push_back(make_moderation());
  out.push_back(make_hands());
  out.push_back(make_reactions());
  out.push_back(make_chat(chat));
  out.push_back(make_media(media));
  out.push_back(make_polls(polls));
  out.push_back(make_timer());
  out.push_back(make_points_of_order());
  out.push_back(make_legal_vote(legal_vote));
  out.push_back(make_speakers(speakers));
  return out;
}

} // namespace plenum::modules
