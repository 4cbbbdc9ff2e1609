#include "media/dtls/dtls_transport.hpp"

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <mutex>

namespace plenum::media::dtls {

namespace {

constexpr std::string_view kExporterLabel = "EXTRACTOR-dtls_srtp";

// A BIO method whose every write is one datagram: DTLS writes each record batch with one
// BIO_write, and a memory BIO would merge them into a byte stream.
BIO_METHOD* datagram_method() {
  static BIO_METHOD* method = nullptr;
  static std::once_flag once;
  std::call_once(once, [] {
    method = BIO_meth_new(BIO_get_new_index() | BIO_TYPE_SOURCE_SINK, "plenum dtls datagrams");
    PLENUM_ASSERT(method != nullptr, "BIO_meth_new");
  });
  return method;
}

std::string openssl_error() {
  const unsigned long code = ERR_get_error();
  ERR_clear_error();
  if (code == 0) return "no OpenSSL error queued";
  char text[256];
  ERR_error_string_n(code, text, sizeof(text));
  return text;
}

// RFC 6347 §4.2.4.1 timer with our initial value: OpenSSL calls this with the previous value
// (0 at first) and expects the next one in microseconds.
unsigned int retransmit_timer(SSL* /*ssl*/, unsigned int previous_us) {
  using std::chrono::microseconds;
  if (previous_us == 0) return static_cast<unsigned int>(microseconds(kDtlsInitialRetransmitTimeout).count());
  const auto max_us = static_cast<unsigned int>(microseconds(kDtlsMaxRetransmitTimeout).count());
  return previous_us >= max_us / 2 ? max_us : previous_us * 2;
}

} // namespace

Result<std::unique_ptr<DtlsTransport>> DtlsTransport::create(
    std::shared_ptr<const DtlsCertificate> certificate, DtlsRole role, std::string_view remote_fingerprint) {
  auto digest = parse_sdp_fingerprint(remote_fingerprint);
  if (!digest) return field_error("fingerprint", "expected \"sha-256 AB:CD:...\" with 32 bytes");
  if (!certificate) return make_error(ErrorCode::invalid_argument, "dtls: no certificate");
  std::unique_ptr<DtlsTransport> t(new DtlsTransport(std::move(certificate), role, *digest));

  t->ctx_ = SSL_CTX_new(DTLS_method());
  if (t->ctx_ == nullptr) return make_error(ErrorCode::internal, "dtls: SSL_CTX_new: " + openssl_error());
  SSL_CTX* ctx = t->ctx_;
  // RFC 5764 §4.1.2 asks for use_srtp; SSL_CTX_set_tlsext_use_srtp returns 0 on success.
  if (SSL_CTX_set_min_proto_version(ctx, DTLS1_2_VERSION) != 1 ||
      SSL_CTX_set_max_proto_version(ctx, DTLS1_2_VERSION) != 1 ||
      SSL_CTX_use_certificate(ctx, t->certificate_->x509()) != 1 ||
      SSL_CTX_use_PrivateKey(ctx, t->certificate_->key()) != 1 || SSL_CTX_check_private_key(ctx) != 1 ||
      SSL_CTX_set_tlsext_use_srtp(ctx, kDtlsSrtpProfiles) != 0) {
    return make_error(ErrorCode::internal, "dtls: context setup: " + openssl_error());
  }
  // Both roles demand the peer's certificate: its digest is what authenticates the peer.
  SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT, &DtlsTransport::verify_callback);

  t->ssl_ = SSL_new(ctx);
  if (t->ssl_ == nullptr) return make_error(ErrorCode::internal, "dtls: SSL_new: " + openssl_error());
  SSL_set_app_data(t->ssl_, t.get());
  t->in_ = BIO_new(BIO_s_mem());
  BIO* out = BIO_new(datagram_method());
  if (t->in_ == nullptr || out == nullptr) {
    BIO_free(t->in_);
    BIO_free(out);
    t->in_ = nullptr;
    return make_error(ErrorCode::internal, "dtls: BIO_new");
  }
  BIO_set_mem_eof_return(t->in_, -1); // empty means "wait for more", not end of stream
  BIO_set_data(out, t.get());
  BIO_set_init(out, 1);
  static std::once_flag methods;
  std::call_once(methods, [] {
    BIO_meth_set_write(datagram_method(), &DtlsTransport::write_datagram);
    BIO_meth_set_ctrl(datagram_method(), &DtlsTransport::bio_ctrl);
  });
  SSL_set_bio(t->ssl_, t->in_, out); // the SSL owns both BIOs now
  SSL_set_options(t->ssl_, SSL_OP_NO_QUERY_MTU);
  DTLS_set_link_mtu(t->ssl_, kDtlsMtu);
  DTLS_set_timer_cb(t->ssl_, &retransmit_timer);
  if (role == DtlsRole::client) {
    SSL_set_connect_state(t->ssl_);
  } else {
    SSL_set_accept_state(t->ssl_);
  }
  return t;
}

DtlsTransport::DtlsTransport(std::shared_ptr<const DtlsCertificate> certificate, DtlsRole role,
                             Sha256Digest remote_fingerprint)
    : certificate_(std::move(certificate)), role_(role), remote_fingerprint_(remote_fingerprint) {}

DtlsTransport::~DtlsTransport() {
  SSL_free(ssl_); // frees the BIOs
  SSL_CTX_free(ctx_);
}

int DtlsTransport::verify_callback(int /*preverify_ok*/, X509_STORE_CTX* store) noexcept {
  // Self-signed is expected; the chain result is ignored. The leaf's digest decides.
  auto* ssl = static_cast<SSL*>(X509_STORE_CTX_get_ex_data(store, SSL_get_ex_data_X509_STORE_CTX_idx()));
  auto* self = static_cast<DtlsTransport*>(SSL_get_app_data(ssl));
  if (X509_STORE_CTX_get_error_depth(store) != 0) return 1;
  const auto digest = certificate_sha256(X509_STORE_CTX_get_current_cert(store));
  if (!digest || *digest != self->remote_fingerprint_) {
    self->fingerprint_mismatch_ = true;
    X509_STORE_CTX_set_error(store, X509_V_ERR_CERT_REJECTED);
    return 0;
  }
  X509_STORE_CTX_set_error(store, X509_V_OK);
  return 1;
}

int DtlsTransport::write_datagram(BIO* bio, const char* data, int length) noexcept {
  auto* self = static_cast<DtlsTransport*>(BIO_get_data(bio));
  if (length <= 0) return 0;
  const auto* bytes = reinterpret_cast<const std::uint8_t*>(data);
  self->outgoing_.emplace_back(bytes, bytes + length);
  return length;
}

long DtlsTransport::bio_ctrl(BIO* /*bio*/, int cmd, long /*num*/, void* /*ptr*/) noexcept {
  switch (cmd) {
    case BIO_CTRL_FLUSH: return 1;
    case BIO_CTRL_DGRAM_QUERY_MTU:
    case BIO_CTRL_DGRAM_GET_MTU:
    case BIO_CTRL_DGRAM_GET_FALLBACK_MTU: return kDtlsMtu;
    default: return 0; // nothing pending, no peer address: a pure datagram sink
  }
}

void DtlsTransport::start() { drive(); }

void DtlsTransport::receive(std::span<const std::uint8_t> datagram) {
  if (state_ == DtlsState::failed || state_ == DtlsState::closed || datagram.empty()) return;
  if (BIO_write(in_, datagram.data(), static_cast<int>(datagram.size())) <= 0) return;
  drive();
}

void DtlsTransport::drive() {
  if (state_ == DtlsState::handshaking) {
    const int r = SSL_do_handshake(ssl_);
    if (r == 1) {
      if (SSL_get_selected_srtp_profile(ssl_) == nullptr) {
        fail("peer did not negotiate an SRTP profile (use_srtp)");
        return;
      }
      state_ = DtlsState::connected;
    } else {
      const int error = SSL_get_error(ssl_, r);
      if (error != SSL_ERROR_WANT_READ && error != SSL_ERROR_WANT_WRITE) {
        fail(fingerprint_mismatch_ ? "peer certificate does not match the SDP fingerprint"
                                   : "handshake: " + openssl_error());
      }
      return;
    }
  }
  // Connected: no application data is expected on a media transport (no data channels here);
  // read to process alerts (close_notify) and retransmitted handshake records.
  std::array<std::uint8_t, 2048> sink{};
  while (true) {
    const int r = SSL_read(ssl_, sink.data(), static_cast<int>(sink.size()));
    if (r > 0) continue;
    const int error = SSL_get_error(ssl_, r);
    if (error == SSL_ERROR_ZERO_RETURN) state_ = DtlsState::closed;
    ERR_clear_error();
    break;
  }
}

void DtlsTransport::fail(std::string why) {
  state_ = DtlsState::failed;
  failure_ = std::move(why);
  ERR_clear_error();
}

std::vector<std::vector<std::uint8_t>> DtlsTransport::take_outgoing() {
  std::vector<std::vector<std::uint8_t>> out;
  out.swap(outgoing_);
  return out;
}

std::optional<std::chrono::microseconds> DtlsTransport::timeout() const {
  if (state_ != DtlsState::handshaking) return std::nullopt;
  timeval tv{};
  if (DTLSv1_get_timeout(ssl_, &tv) != 1) return std::nullopt;
  return std::chrono::seconds(tv.tv_sec) + std::chrono::microseconds(tv.tv_usec);
}

void DtlsTransport::handle_timeout() {
  if (state_ != DtlsState::handshaking) return;
  if (DTLSv1_handle_timeout(ssl_) < 0) fail("retransmission: " + openssl_error());
}

Result<std::vector<std::uint8_t>> DtlsTransport::keying_material() const {
  if (state_ != DtlsState::connected) return make_error(ErrorCode::conflict, "dtls: handshake not complete");
  const SRTP_PROTECTION_PROFILE* selected = SSL_get_selected_srtp_profile(ssl_);
  const auto profile = selected->id == SRTP_AEAD_AES_128_GCM ? srtp::SrtpProfile::aead_aes_128_gcm
                                                             : srtp::SrtpProfile::aes_cm_128_hmac_sha1_80;
  std::vector<std::uint8_t> material(2 * srtp::master_keying_length(profile));
  if (SSL_export_keying_material(ssl_, material.data(), material.size(), kExporterLabel.data(),
                                 kExporterLabel.size(), nullptr, 0, 0) != 1) {
    return make_error(ErrorCode::internal, "dtls: SSL_export_keying_material: " + openssl_error());
  }
  return material;
}

Result<DtlsSrtpKeys> DtlsTransport::srtp_keys() const {
  auto material = keying_material();
  if (!material) return material.error();
  const SRTP_PROTECTION_PROFILE* selected = SSL_get_selected_srtp_profile(ssl_);
  DtlsSrtpKeys keys;
  if (selected->id == SRTP_AEAD_AES_128_GCM) {
    keys.profile = srtp::SrtpProfile::aead_aes_128_gcm;
  } else if (selected->id == SRTP_AES128_CM_SHA1_80) {
    keys.profile = srtp::SrtpProfile::aes_cm_128_hmac_sha1_80;
  } else {
    return make_error(ErrorCode::internal, "dtls: unexpected SRTP profile");
  }
  // RFC 5764 §4.2: client_write_key | server_write_key | client_write_salt | server_write_salt.
  const std::size_t key_length = srtp::kSrtpMasterKeyLength;
  const std::size_t salt_length = srtp::master_salt_length(keys.profile);
  const auto* m = material->data();
  const std::vector<std::uint8_t> client_key(m, m + key_length);
  const std::vector<std::uint8_t> server_key(m + key_length, m + 2 * key_length);
  const std::vector<std::uint8_t> client_salt(m + 2 * key_length, m + 2 * key_length + salt_length);
  const std::vector<std::uint8_t> server_salt(m + 2 * key_length + salt_length,
                                              m + 2 * key_length + 2 * salt_length);
  const bool client = role_ == DtlsRole::client;
  keys.local_key = client ? client_key : server_key;
  keys.local_salt = client ? client_salt : server_salt;
  keys.remote_key = client ? server_key : client_key;
  keys.remote_salt = client ? server_salt : client_salt;
  OPENSSL_cleanse(material->data(), material->size());
  return keys;
}

Result<DtlsSrtpContexts> DtlsTransport::srtp_contexts() const {
  auto keys = srtp_keys();
  if (!keys) return keys.error();
  auto send = srtp::SrtpContext::create(keys->profile, keys->local_key, keys->local_salt);
  auto receive = srtp::SrtpContext::create(keys->profile, keys->remote_key, keys->remote_salt);
  OPENSSL_cleanse(keys->local_key.data(), keys->local_key.size());
  OPENSSL_cleanse(keys->remote_key.data(), keys->remote_key.size());
  if (!send) return send.error();
  if (!receive) return receive.error();
  return DtlsSrtpContexts{std::move(send).value(), std::move(receive).value()};
}

} // namespace plenum::media::dtls
