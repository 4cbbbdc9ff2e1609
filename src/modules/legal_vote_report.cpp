#include "modules/legal_vote_report.hpp"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include <ctime>
#include <map>
#include <vector>

#include <boost/json/value.hpp>

namespace plenum::modules::legal_vote {
namespace json = boost::json;

namespace {

constexpr double kPageWidth = 595.0; // A4 in points
constexpr double kPageHeight = 842.0;
constexpr double kMargin = 56.0;

struct Texts {
  const char* title;
  const char* subtitle;
  const char* topic;
  const char* kind;
  const char* roll_call;
  const char* secret;
  const char* abstain_allowed;
  const char* live_results;
  const char* auto_close;
  const char* duration;
  const char* none;
  const char* yes;
  const char* no;
  const char* abstain;
  const char* started;
  const char* initiator;
  const char* voters;
  const char* result;
  const char* voted_of;
  const char* outcome;
  const char* valid;
  const char* invalid;
  const char* entries;
  const char* verification;
  const char* verification_hint;
  const char* final_hash;
  const char* signature;
  const char* public_key;
  const char* vote_id;
  const char* room_id;
  const char* minutes;
  const char* page;
  std::map<std::string, std::string> words; // entry types, outcomes, choices
};

const Texts& texts(std::string_view lang) {
  static const Texts en{"Vote protocol",
                        "Subtitle",
                        "Topic",
                        "Kind",
                        "roll-call (named)",
                        "secret",
                        "Abstaining allowed",
                        "Live results",
                        "Close when everyone voted",
                        "Duration",
                        "none",
                        "Yes",
                        "No",
                        "Abstain",
                        "Started",
                        "Initiator",
                        "Eligible voters",
                        "Result",
                        "voted of",
                        "Outcome",
                        "valid",
                        "invalid",
                        "Protocol entries",
                        "Verification",
                        "Check the downloaded protocol (JSON) with: plenum vote verify PROTOCOL.json "
                        "--public-key KEY. A voter's receipt is the hash of their entry.",
                        "Verification hash (final entry)",
                        "Signature (Ed25519)",
                        "Server public key",
                        "Vote",
                        "Room",
                        "min",
                        "Page",
                        {{"start", "start"},
                         {"vote", "vote"},
                         {"stop", "stopped"},
                         {"cancel", "cancelled"},
                         {"close", "closed"},
                         {"result", "result"},
                         {"stopped", "stopped by a moderator"},
                         {"expired", "time ran out"},
                         {"auto_closed", "everyone voted"},
                         {"cancelled", "cancelled by a moderator"},
                         {"initiator_left", "cancelled: the initiator left"},
                         {"room_closed", "cancelled: the room closed"},
                         {"yes", "yes"},
                         {"no", "no"},
                         {"abstain", "abstain"},
                         {"true", "yes"},
                         {"false", "no"}}};
  static const Texts de{"Abstimmungsprotokoll",
                        "Untertitel",
                        "Thema",
                        "Art",
                        "namentlich",
                        "geheim",
                        "Enthaltung erlaubt",
                        "Live-Ergebnisse",
                        "Ende, wenn alle abgestimmt haben",
                        "Dauer",
                        "keine",
                        "Ja",
                        "Nein",
                        "Enthaltung",
                        "Beginn",
                        "Eingeleitet von",
                        "Stimmberechtigte",
                        "Ergebnis",
                        "abgestimmt von",
                        "Ausgang",
                        "gültig",
                        "ungültig",
                        "Protokolleinträge",
                        "Prüfung",
                        "Das heruntergeladene Protokoll (JSON) prüfen: plenum vote verify PROTOKOLL.json "
                        "--public-key SCHLÜSSEL. Die Quittung einer Stimme ist der Hash ihres Eintrags.",
                        "Prüf-Hash (letzter Eintrag)",
                        "Signatur (Ed25519)",
                        "Öffentlicher Schlüssel des Servers",
                        "Abstimmung",
                        "Raum",
                        "Min.",
                        "Seite",
                        {{"start", "Beginn"},
                         {"vote", "Stimme"},
                         {"stop", "beendet"},
                         {"cancel", "abgebrochen"},
                         {"close", "geschlossen"},
                         {"result", "Ergebnis"},
                         {"stopped", "von der Moderation beendet"},
                         {"expired", "Zeit abgelaufen"},
                         {"auto_closed", "alle haben abgestimmt"},
                         {"cancelled", "von der Moderation abgebrochen"},
                         {"initiator_left", "abgebrochen: Initiator hat die Sitzung verlassen"},
                         {"room_closed", "abgebrochen: Raum wurde geschlossen"},
                         {"yes", "ja"},
                         {"no", "nein"},
                         {"abstain", "Enthaltung"},
                         {"true", "ja"},
                         {"false", "nein"}}};
  return lang == "de" ? de : en;
}

std::string word(const Texts& t, const std::string& key) {
  auto it = t.words.find(key);
  return it == t.words.end() ? key : it->second;
}

std::string s(const json::object& o, std::string_view key) {
  auto* v = o.if_contains(key);
  if (v == nullptr) return {};
  if (v->is_string()) return std::string(v->get_string());
  if (v->is_int64()) return std::to_string(v->get_int64());
  if (v->is_bool()) return v->get_bool() ? "true" : "false";
  return {};
}

std::string utc(const json::object& o, std::string_view key) {
  auto* v = o.if_contains(key);
  if (v == nullptr || !v->is_int64()) return {};
  std::time_t t = static_cast<std::time_t>(v->get_int64() / 1000);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[40];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S UTC", &tm);
  return buf;
}

cairo_status_t append_bytes(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

// Paragraphs top to bottom, a new page when the next one does not fit.
class Writer {
 public:
  Writer(std::string& out, std::string page_word) : page_word_(std::move(page_word)) {
    surface_ = cairo_pdf_surface_create_for_stream(append_bytes, &out, kPageWidth, kPageHeight);
    cr_ = cairo_create(surface_);
    y_ = kMargin;
  }
  ~Writer() {
    footer();
    cairo_show_page(cr_);
    cairo_destroy(cr_);
    cairo_surface_finish(surface_);
    cairo_surface_destroy(surface_);
  }
  Writer(const Writer&) = delete;
  Writer& operator=(const Writer&) = delete;

  void text(const std::string& content, double size = 10, bool bold = false, bool mono = false,
            double gap = 4) {
    PangoLayout* layout = pango_cairo_create_layout(cr_);
    PangoFontDescription* font = pango_font_description_new();
    pango_font_description_set_family(font, mono ? "DejaVu Sans Mono,monospace" : "DejaVu Sans,sans-serif");
    pango_font_description_set_absolute_size(font, size * PANGO_SCALE);
    pango_font_description_set_weight(font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_layout_set_font_description(layout, font);
    pango_layout_set_width(layout, static_cast<int>((kPageWidth - 2 * kMargin) * PANGO_SCALE));
    pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
    pango_layout_set_text(layout, content.c_str(), static_cast<int>(content.size()));
    int w = 0, h = 0;
    pango_layout_get_size(layout, &w, &h);
    const double height = static_cast<double>(h) / PANGO_SCALE;
    if (y_ + height > kPageHeight - kMargin && y_ > kMargin) new_page();
    cairo_move_to(cr_, kMargin, y_);
    cairo_set_source_rgb(cr_, 0, 0, 0);
    pango_cairo_show_layout(cr_, layout);
    y_ += height + gap;
    pango_font_description_free(font);
    g_object_unref(layout);
  }
  void space(double points) { y_ += points; }

 private:
  void new_page() {
    footer();
    cairo_show_page(cr_);
    ++page_;
    y_ = kMargin;
  }
  void footer() {
    const double y = y_;
    y_ = kPageHeight - kMargin + 16;
    const std::string label = page_word_ + " " + std::to_string(page_);
    PangoLayout* layout = pango_cairo_create_layout(cr_);
    PangoFontDescription* font = pango_font_description_from_string("DejaVu Sans 8");
    pango_layout_set_font_description(layout, font);
    pango_layout_set_text(layout, label.c_str(), -1);
    cairo_move_to(cr_, kMargin, y_);
    pango_cairo_show_layout(cr_, layout);
    pango_font_description_free(font);
    g_object_unref(layout);
    y_ = y;
  }

  cairo_surface_t* surface_ = nullptr;
  cairo_t* cr_ = nullptr;
  double y_ = 0;
  int page_ = 1;
  std::string page_word_;
};

} // namespace

std::string render_report(const json::object& protocol, std::string_view lang) {
  const auto& t = texts(lang);
  std::string out;
  const auto* entries_value = protocol.if_contains("entries");
  if (entries_value == nullptr || !entries_value->is_array() || entries_value->get_array().empty())
    return out;
  const auto& entries = entries_value->get_array();
  const auto& start = entries.front().as_object();
  std::map<std::string, std::string> names; // participant id -> name (from the start entry)
  {
    Writer w(out, t.page);
    w.text(t.title, 18, true, false, 2);
    w.text(s(start, "name"), 15, true, false, 2);
    if (!s(start, "subtitle").empty()) w.text(s(start, "subtitle"), 12);
    if (!s(start, "topic").empty()) w.text(std::string(t.topic) + ": " + s(start, "topic"));
    w.space(6);
    std::string duration = t.none;
    if (auto* d = start.if_contains("duration_seconds"); d != nullptr && d->is_int64())
      duration = std::to_string(d->get_int64() / 60) + " " + t.minutes;
    const auto* initiator = start.if_contains("initiator");
    const std::string initiator_name =
        initiator != nullptr && initiator->is_object() ? s(initiator->get_object(), "display_name") : "";
    w.text(std::string(t.vote_id) + ": " + s(protocol, "vote_id") + "\n" + t.room_id + ": " +
           s(start, "room_id") + "\n" + t.kind + ": " +
           (s(start, "kind") == "secret" ? t.secret : t.roll_call) + "\n" + t.abstain_allowed + ": " +
           word(t, s(start, "allow_abstain")) + "\n" + t.live_results + ": " +
           word(t, s(start, "live_results")) + "\n" + t.auto_close + ": " + word(t, s(start, "auto_close")) +
           "\n" + t.duration + ": " + duration + "\n" + t.started + ": " + utc(start, "at") + "\n" +
           t.initiator + ": " + initiator_name);
    w.space(6);
    std::string voter_list;
    if (auto* vs = start.if_contains("voters"); vs != nullptr && vs->is_array())
      for (const auto& v : vs->get_array()) {
        if (!v.is_object()) continue;
        names[s(v.get_object(), "participant_id")] = s(v.get_object(), "display_name");
        voter_list += "• " + s(v.get_object(), "display_name") + "\n";
      }
    w.text(std::string(t.voters) + " (" + std::to_string(names.size()) + ")", 12, true);
    w.text(voter_list.empty() ? std::string(t.none) : voter_list.substr(0, voter_list.size() - 1));
    w.space(6);
    const auto& last = entries.back().as_object();
    if (s(last, "type") == "result") {
      w.text(t.result, 12, true);
      std::string valid = s(last, "valid") == "true"
                              ? t.valid
                              : std::string(t.invalid) + " (" + s(last, "invalid_reason") + ")";
      w.text(std::string(t.yes) + ": " + s(last, "yes") + "    " + t.no + ": " + s(last, "no") + "    " +
                 t.abstain + ": " + s(last, "abstain") + "\n" + s(last, "voted") + " " + t.voted_of + " " +
                 s(last, "eligible") + "\n" + t.outcome + ": " + word(t, s(last, "outcome")) + " — " + valid,
             11);
      w.space(6);
    }
    w.text(t.entries, 12, true);
    for (const auto& v : entries) {
      if (!v.is_object()) continue;
      const auto& e = v.get_object();
      const auto type = s(e, "type");
      std::string line = "#" + s(e, "seq") + "  " + word(t, type);
      if (!utc(e, "at").empty()) line += "  " + utc(e, "at");
      if (type == "vote") {
        if (!s(e, "participant_id").empty())
          line += "  " + names[s(e, "participant_id")];
        else
          line += "  token " + s(e, "token_hash").substr(0, 16) + "…";
        line += ": " + word(t, s(e, "choice"));
      } else if (type == "cancel") {
        line += ": " + word(t, s(e, "reason_code")) + (s(e, "reason").empty() ? "" : " — " + s(e, "reason"));
      } else if (type == "close") {
        line += ": " + word(t, s(e, "reason"));
      }
      w.text(line, 9, false, false, 0);
      w.text("hash " + s(e, "hash"), 7.5, false, true, 3);
    }
    w.space(8);
    w.text(t.verification, 12, true);
    w.text(std::string(t.final_hash) + ":", 9, true, false, 1);
    w.text(s(protocol, "final_hash"), 9, false, true);
    w.text(std::string(t.signature) + ":", 9, true, false, 1);
    w.text(s(protocol, "signature"), 8, false, true);
    w.text(std::string(t.public_key) + ":", 9, true, false, 1);
    w.text(s(protocol, "public_key"), 9, false, true);
    w.space(4);
    w.text(t.verification_hint, 9);
  }
  return out;
}

} // namespace plenum::modules::legal_vote

#if defined(__SANITIZE_ADDRESS__)
// fontconfig (under pango) keeps its configuration and font cache for the whole process and
// frees it only in FcFini(), which must not run while pango may still use it: LeakSanitizer
// would report that cache at exit of every binary that rendered a report.
extern "C" const char* __lsan_default_suppressions() { return "leak:libfontconfig.so\n"; }
#endif
