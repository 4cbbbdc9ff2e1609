#pragma once
// The printable report of a legal vote (PDF, German or English): every protocol entry, the
// result, the voter list and the verification data (final hash, signature, public key).
// Rendered with cairo + pango from the signed protocol document.

#include <string>
#include <string_view>

#include <boost/json/object.hpp>

namespace plenum::modules::legal_vote {

// `lang`: "de" or "en" (anything else is English). Returns the PDF bytes.
std::string render_report(const boost::json::object& protocol, std::string_view lang);

} // namespace plenum::modules::legal_vote
