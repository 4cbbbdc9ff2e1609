#include "app/template_loaders.hpp"

#include <boost/asio/post.hpp>

#include "base/logging.hpp"

namespace plenum::app {
namespace {

proto::PollTemplate to_proto(const storage::PollTemplate& t) {
  proto::PollTemplate out;
  out.id = t.id;
  out.title = t.title;
  out.topic = t.topic;
  out.choices = t.choices;
  out.multiple = t.multiple;
  out.live = t.live;
  out.duration_seconds = t.duration_seconds;
  return out;
}

proto::LegalVoteTemplate to_proto(const storage::VoteTemplate& t) {
  proto::LegalVoteTemplate out;
  out.id = t.id;
  out.name = t.name;
  out.subtitle = t.subtitle;
  out.topic = t.topic;
  out.kind = t.kind;
  out.allow_abstain = t.allow_abstain;
  out.live_results = t.live_results;
  out.auto_close = t.auto_close;
  out.duration_seconds = t.duration_seconds;
  return out;
}

// `fetch(room_id)` on the blocking pool; its rows converted for the protocol.
template <class T, class Fetch>
modules::TemplateLoader<T> loader(boost::asio::thread_pool& blocking, Fetch fetch) {
  return [&blocking, fetch](const std::string& room_id,
                            std::function<void(std::optional<std::vector<T>>)> done) {
    boost::asio::post(blocking, [fetch, room_id, done = std::move(done)] {
      auto rows = fetch(room_id);
      if (!rows) {
        log::get("app")->error("reading the prepared templates failed: {}", rows.error().message);
        done(std::nullopt);
        return;
      }
      std::vector<T> out;
      out.reserve(rows->size());
      for (const auto& row : *rows) out.push_back(to_proto(row));
      done(std::move(out));
    });
  };
}

} // namespace

modules::TemplateLoader<proto::PollTemplate> poll_template_loader(boost::asio::thread_pool& blocking,
                                                                  services::Templates& templates) {
  return loader<proto::PollTemplate>(
      blocking, [&templates](const std::string& room_id) { return templates.polls_in_room(room_id); });
}

modules::TemplateLoader<proto::LegalVoteTemplate> vote_template_loader(boost::asio::thread_pool& blocking,
                                                                       services::Templates& templates) {
  return loader<proto::LegalVoteTemplate>(
      blocking, [&templates](const std::string& room_id) { return templates.votes_in_room(room_id); });
}

} // namespace plenum::app
