#include "services/accounts.hpp"

#include <algorithm>
#include <chrono>
#include <mutex>

#include "auth/token.hpp"
#include "auth/totp.hpp"
#include "base/utf8.hpp"

namespace plenum::services {
namespace {

constexpr size_t kMaxEmailBytes = 254;     // RFC 5321 path limit
constexpr size_t kMaxDisplayName = 100;    // code points
constexpr size_t kMaxPasswordBytes = 1024; // refuse before hashing megabytes
constexpr std::string_view kTokenPrefix = "plm_";
constexpr const char* kLoginFailed = "wrong e-mail address or password";

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

} // namespace

Now Now::current() {
  return Now{
      std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
          .count(),
      std::chrono::steady_clock::now()};
}

Result<std::string> normalize_email(std::string_view email) {
  email = trim(email);
  if (email.empty()) return field_error("email", "an e-mail address is required");
  if (email.size() > kMaxEmailBytes)
    return field_error("email", "the e-mail address is longer than 254 characters");
  std::string out;
  for (char c : email) {
    if (static_cast<unsigned char>(c) <= ' ' || c == 0x7f) {
      return field_error("email", "the e-mail address contains spaces or control characters");
    }
    out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  if (!utf8::valid(out)) return field_error("email", "the e-mail address is not valid UTF-8");
  const auto at = out.find('@');
  if (at == std::string::npos || at == 0 || at != out.rfind('@') || at + 1 == out.size() ||
      out.find('.', at) == std::string::npos || out.back() == '.') {
    return field_error("email", "not an e-mail address (expected name@example.org)");
  }
  return out;
}

Result<std::string> normalize_display_name(std::string_view name) {
  name = trim(name);
  if (!utf8::valid(name)) return field_error("display_name", "the name is not valid UTF-8");
  if (name.empty()) return field_error("display_name", "a name is required");
  if (utf8::code_points(name) > kMaxDisplayName) {
    return field_error("display_name", "the name is longer than 100 characters");
  }
  if (utf8::has_control_chars(name))
    return field_error("display_name", "the name contains control characters");
  return std::string(name);
}

Accounts::Accounts(storage::Store& store, AccountsOptions options, OidcVerifier* oidc)
    : store_(store), options_(options), oidc_(oidc), throttle_(options_.throttle) {}

const std::string& Accounts::dummy_hash() {
  // Made on first need, not at start-up: one Argon2id hash costs ~90 ms and 64 MiB.
  std::call_once(dummy_once_, [this] {
    auto dummy = auth::hash_password("plenum-unknown-account-placeholder");
    PLENUM_ASSERT(dummy.ok(), "cannot hash the placeholder password");
    dummy_hash_ = std::move(*dummy);
  });
  return dummy_hash_;
}

Result<storage::User> Accounts::create_user(std::string_view email, std::string_view display_name,
                                            std::string_view password, bool admin) {
  auto normalized = normalize_email(email);
  if (!normalized) return normalized.error();
  auto name = normalize_display_name(display_name);
  if (!name) return name.error();
  if (auto ok = auth::check_new_password(password, *normalized, *name, options_.password_policy); !ok) {
    Error e = ok.error();
    e.field = "password";
    return e;
  }
  auto hash = auth::hash_password(password);
  if (!hash) return hash.error();
  return store_.users().create(storage::NewUser{*normalized, *name, std::move(*hash), admin});
}

Error Accounts::login_failed(const LoginRequest& request, const std::string& email, const Now& now) {
  throttle_.record_failure("account:" + email, now.steady);
  throttle_.record_failure("ip:" + request.client_address, now.steady);
  return make_error(ErrorCode::unauthenticated, kLoginFailed);
}

Result<LoginResult> Accounts::login(const LoginRequest& request, const Now& now) {
  auto normalized = normalize_email(request.email);
  const std::string email = normalized ? *normalized : std::string(trim(request.email));
  for (const std::string& key : {"account:" + email, "ip:" + request.client_address}) {
    auto decision = throttle_.check(key, now.steady);
    if (!decision.allowed) {
      Error e =
          make_error(ErrorCode::too_many_requests, "too many failed sign-ins; try again in " +
                                                       std::to_string(decision.retry_after.count()) + " s");
      e.retry_after_seconds = static_cast<int>(std::max<int64_t>(1, decision.retry_after.count()));
      return e;
    }
  }
  if (request.password.size() > kMaxPasswordBytes) return login_failed(request, email, now);

  std::optional<storage::User> user;
  if (normalized) {
    auto found = store_.users().find_by_email(email);
    if (!found) return found.error();
    user = std::move(*found);
  }
  const bool usable = user && !user->disabled && user->password_hash;
  // Unknown and disabled accounts cost the same Argon2id work as a wrong password.
  const bool password_ok =
      auth::verify_password(request.password, usable ? *user->password_hash : dummy_hash());
  if (!usable || !password_ok) return login_failed(request, email, now);

  if (user->totp_secret) {
    if (!request.totp_code || request.totp_code->empty()) {
      return Error{ErrorCode::second_factor_required, "enter the code from your authenticator app", "totp",
                   0};
    }
    auto step =
        auth::verify_totp(*user->totp_secret, *request.totp_code, now.unix_seconds, user->totp_last_step);
    if (!step) return login_failed(request, email, now);
    if (auto r = store_.users().set_totp_last_step(user->id, *step); !r) return r.error();
  }

  // Only the account's counter resets: a success must not clear an address's record of
  // guesses at other accounts.
  throttle_.record_success("account:" + email);
  auto token = auth::issue_token(kTokenPrefix);
  storage::Session session{token.hash, user->id, now.unix_seconds,
                           now.unix_seconds + options_.session_ttl.count()};
  if (auto r = store_.sessions().create(session); !r) return r.error();
  return LoginResult{std::move(token.token), session.expires_at, std::move(*user)};
}

Result<void> Accounts::logout(const std::string& access_token) {
  return store_.sessions().remove(auth::hash_token(access_token));
}

Result<storage::User> Accounts::authenticate(const std::string& access_token, const Now& now) {
  const Error denied =
      make_error(ErrorCode::unauthenticated, "sign in first (missing, expired or revoked token)");
  if (!access_token.starts_with(kTokenPrefix)) {
    if (oidc_ == nullptr) return denied;
    return authenticate_oidc(access_token, now);
  }
  auto session = store_.sessions().find(auth::hash_token(access_token));
  if (!session) return session.error();
  if (!*session || (*session)->expires_at <= now.unix_seconds) return denied;
  auto user = store_.users().find_by_id((*session)->user_id);
  if (!user) return user.error();
  if (!*user || (*user)->disabled) return denied;
  return std::move(**user);
}

Result<storage::User> Accounts::authenticate_oidc(const std::string& token, const Now& now) {
  auto verified = oidc_->verify(token, now.unix_seconds, now.steady);
  if (!verified) return verified.error();
  // Providers that keep access tokens lean (no e-mail or name) answer at their userinfo endpoint.
  if (auto completed = oidc_->complete_profile(token, *verified, now.unix_seconds); !completed)
    return completed.error();
  const auto& t = *verified;
  auto email = normalize_email(t.email);
  if (!email) {
    return make_error(ErrorCode::unauthenticated,
                      "the identity provider sent no usable e-mail address (neither in the access token "
                      "nor from its userinfo endpoint)");
  }
  std::string name = !t.name.empty()                           ? t.name
                     : !(t.given_name + t.family_name).empty() ? t.given_name + " " + t.family_name
                     : !t.preferred_username.empty()           ? t.preferred_username
                                                               : email->substr(0, email->find('@'));
  auto display = normalize_display_name(name);
  const std::string display_name = display ? *display : email->substr(0, email->find('@'));

  auto linked = store_.users().find_by_oidc(t.issuer, t.subject);
  if (!linked) return linked.error();
  std::string id;
  if (*linked) {
    if ((*linked)->disabled) return make_error(ErrorCode::unauthenticated, "this account is disabled");
    id = (*linked)->id;
  } else {
    auto by_email = store_.users().find_by_email(*email);
    if (!by_email) return by_email.error();
    if (*by_email) {
      // Linking an existing account needs the provider's word that the address is the user's.
      if ((*by_email)->oidc_subject || !t.email_verified || (*by_email)->disabled) {
        return make_error(ErrorCode::conflict, "another account uses this e-mail address");
      }
      id = (*by_email)->id;
    } else {
      auto created = store_.users().create(storage::NewUser{*email, display_name, std::nullopt, false});
      if (!created) return created.error();
      id = created->id;
    }
  }
  if (auto r = store_.users().set_oidc_identity(id, t.issuer, t.subject, *email, display_name); !r)
    return r.error();
  auto user = store_.users().find_by_id(id);
  if (!user) return user.error();
  if (!*user) return make_error(ErrorCode::unauthenticated, "sign in first");
  return std::move(**user);
}

Result<storage::User> Accounts::update_profile(const std::string& user_id,
                                               const storage::ProfileUpdate& update) {
  storage::ProfileUpdate checked = update;
  if (update.display_name) {
    auto name = normalize_display_name(*update.display_name);
    if (!name) return name.error();
    checked.display_name = *name;
  }
  if (update.language && *update.language != "de" && *update.language != "en") {
    return field_error("language", "expected \"de\" or \"en\"");
  }
  if (update.theme && *update.theme != "system" && *update.theme != "light" && *update.theme != "dark" &&
      *update.theme != "high_contrast") {
    return field_error("theme", "expected \"system\", \"light\", \"dark\" or \"high_contrast\"");
  }
  if (auto r = store_.users().update_profile(user_id, checked); !r) return r.error();
  auto user = store_.users().find_by_id(user_id);
  if (!user) return user.error();
  if (!*user) return make_error(ErrorCode::not_found, "no such account");
  return std::move(**user);
}

Result<void> Accounts::disable(std::string_view email) {
  auto normalized = normalize_email(email);
  if (!normalized) return normalized.error();
  auto user = store_.users().find_by_email(*normalized);
  if (!user) return user.error();
  if (!*user) return make_error(ErrorCode::not_found, "no account with e-mail address " + *normalized);
  if (auto r = store_.users().set_disabled((*user)->id, true); !r) return r;
  return store_.sessions().remove_for_user((*user)->id);
}

Result<std::vector<storage::User>> Accounts::list(size_t limit, size_t offset) {
  return store_.users().list(limit, offset);
}

Accounts::TotpEnrollment Accounts::begin_totp(const storage::User& user) {
  std::string secret = auth::generate_totp_secret();
  std::string uri = auth::totp_uri(secret, user.email, "Plenum");
  return TotpEnrollment{std::move(secret), std::move(uri)};
}

Result<void> Accounts::confirm_totp(const storage::User& user, const std::string& secret,
                                    const std::string& code, const Now& now) {
  if (user.totp_secret) return make_error(ErrorCode::conflict, "the second factor is on already");
  auto step = auth::verify_totp(secret, code, now.unix_seconds, 0);
  if (!step)
    return field_error("code", "the code does not match; check the time on your device and try again");
  return store_.users().set_totp(user.id, secret, *step);
}

Result<void> Accounts::disable_totp(const storage::User& user, const std::string& code, const Now& now) {
  if (!user.totp_secret) return make_error(ErrorCode::conflict, "the second factor is off already");
  auto step = auth::verify_totp(*user.totp_secret, code, now.unix_seconds, user.totp_last_step);
  if (!step) return field_error("code", "the code does not match");
  return store_.users().set_totp(user.id, std::nullopt, 0);
}

Result<std::vector<storage::User>> Accounts::search(std::string_view text, size_t limit) {
  return store_.users().search(std::string(trim(text)), limit);
}

} // namespace plenum::services
