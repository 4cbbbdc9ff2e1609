#pragma once
// The loaders through which the polls and legal_vote modules get the templates prepared on the
// room's event: the reads run on the blocking pool, never on a room strand.

#include <boost/asio/thread_pool.hpp>

#include "modules/modules.hpp"
#include "services/templates.hpp"

namespace plenum::app {

modules::TemplateLoader<proto::PollTemplate> poll_template_loader(boost::asio::thread_pool& blocking,
                                                                  services::Templates& templates);
modules::TemplateLoader<proto::LegalVoteTemplate> vote_template_loader(boost::asio::thread_pool& blocking,
                                                                       services::Templates& templates);

} // namespace plenum::app
