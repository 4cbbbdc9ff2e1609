#include "media/srtp/srtp_context.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <array>
#include <string>
#include <vector>

#include "media/hmac_sha1.hpp"
#include "media/srtp/replay_window.hpp"

namespace plenum::media::srtp {

namespace {

constexpr std::size_t kRtpHeaderLength = 12;
constexpr std::size_t kRtcpHeaderLength = 8; // V/P/RC, PT, length, sender SSRC
constexpr std::size_t kSrtcpIndexLength = 4;
constexpr std::size_t kGcmTagLength = 16;
constexpr std::size_t kHmacTagLength = 10;
constexpr std::uint32_t kSrtcpEncryptedFlag = 0x80000000U;
constexpr std::uint32_t kSrtcpIndexMask = 0x7fffffffU;

std::uint16_t load16(const std::uint8_t* p) noexcept {
  return static_cast<std::uint16_t>((static_cast<unsigned>(p[0]) << 8) | p[1]);
}
std::uint32_t load32(const std::uint8_t* p) noexcept {
  return (static_cast<std::uint32_t>(p[0]) << 24) | (static_cast<std::uint32_t>(p[1]) << 16) |
         (static_cast<std::uint32_t>(p[2]) << 8) | p[3];
}
void store32(std::uint8_t* p, std::uint32_t v) noexcept {
  p[0] = static_cast<std::uint8_t>(v >> 24);
  p[1] = static_cast<std::uint8_t>(v >> 16);
  p[2] = static_cast<std::uint8_t>(v >> 8);
  p[3] = static_cast<std::uint8_t>(v);
}

struct CipherCtxDeleter {
  void operator()(EVP_CIPHER_CTX* ctx) const noexcept { EVP_CIPHER_CTX_free(ctx); }
};
using CipherCtx = std::unique_ptr<EVP_CIPHER_CTX, CipherCtxDeleter>;

// Length of the RTP header including CSRCs and the extension (RFC 3550 §5.1, §5.3.1); 0 when
// the packet is not RTP version 2 or the header runs past `length`.
std::size_t rtp_header_length(const std::uint8_t* p, std::size_t length) noexcept {
  if (length < kRtpHeaderLength || (p[0] >> 6) != 2) return 0;
  std::size_t header = kRtpHeaderLength + std::size_t{4} * (p[0] & 0x0fU);
  if ((p[0] & 0x10U) != 0) {
    if (header + 4 > length) return 0;
    header += 4 + std::size_t{4} * load16(p + header + 2);
  }
  return header <= length ? header : 0;
}

// Per-SSRC state of one direction (RFC 3711 §3.2.1 "implicit" context parameters).
struct Stream {
  std::uint32_t ssrc = 0;
  std::uint32_t roc = 0;         // RTP rollover counter
  std::uint16_t highest_seq = 0; // s_l of Appendix A
  bool seq_known = false;
  std::uint32_t srtcp_index = 0; // last SRTCP index sent
  ReplayWindow replay;
};

Stream new_stream(std::uint32_t ssrc) noexcept {
  Stream s;
  s.ssrc = ssrc;
  return s;
}

class StreamTable {
 public:
  StreamTable() { streams_.reserve(kSrtpMaxStreams); }

  Stream* find(std::uint32_t ssrc) noexcept {
    if (last_ < streams_.size() && streams_[last_].ssrc == ssrc) return &streams_[last_];
    for (std::size_t i = 0; i < streams_.size(); ++i) {
      if (streams_[i].ssrc == ssrc) {
        last_ = i;
        return &streams_[i];
      }
    }
    return nullptr;
  }

  // Adds a stream; nullptr when the table is full. Never allocates (capacity reserved).
  Stream* add(const Stream& stream) noexcept {
    if (streams_.size() == kSrtpMaxStreams) return nullptr;
    streams_.push_back(stream);
    last_ = streams_.size() - 1;
    return &streams_.back();
  }

  // Finds or adds (the sending side: our own SSRCs).
  Stream* get(std::uint32_t ssrc) noexcept {
    Stream* s = find(ssrc);
    return s != nullptr ? s : add(new_stream(ssrc));
  }

 private:
  std::vector<Stream> streams_;
  std::size_t last_ = 0;
};

// RFC 3711 Appendix A: the rollover counter a sequence number most likely belongs to.
std::uint32_t estimate_roc(const Stream& s, std::uint16_t seq) noexcept {
  if (!s.seq_known) return s.roc;
  const std::uint16_t s_l = s.highest_seq;
  if (s_l < 32768) {
    if (seq > s_l && seq - s_l > 32768) return s.roc - 1;
    return s.roc;
  }
  if (s_l - 32768 > seq) return s.roc + 1;
  return s.roc;
}

// After authentication (Appendix A, "update").
void update_roc(Stream& s, std::uint32_t v, std::uint16_t seq) noexcept {
  if (!s.seq_known) {
    s.seq_known = true;
    s.roc = v;
    s.highest_seq = seq;
    return;
  }
  if (v == s.roc) {
    if (seq > s.highest_seq) s.highest_seq = seq;
  } else if (v == s.roc + 1) {
    s.roc = v;
    s.highest_seq = seq;
  }
}

std::uint64_t rtp_index(std::uint32_t roc, std::uint16_t seq) noexcept {
  return (static_cast<std::uint64_t>(roc) << 16) | seq;
}

} // namespace

std::string_view to_string(SrtpError error) noexcept {
  switch (error) {
    case SrtpError::none: return "none";
    case SrtpError::too_short: return "too_short";
    case SrtpError::malformed: return "malformed";
    case SrtpError::no_room: return "no_room";
    case SrtpError::auth_failed: return "auth_failed";
    case SrtpError::replayed: return "replayed";
    case SrtpError::too_many_streams: return "too_many_streams";
    case SrtpError::crypto: return "crypto";
  }
  return "unknown";
}

// Keys and reusable cipher state for RTP or RTCP.
struct Keys {
  std::array<std::uint8_t, 14> salt{};
  CipherCtx encrypt;    // AES-CTR (both directions) or AES-GCM encrypt
  CipherCtx decrypt;    // AES-GCM decrypt; unused for AES-CM
  media::HmacSha1 hmac; // AES-CM only
};

struct SrtpContext::State {
  SrtpProfile profile = SrtpProfile::aead_aes_128_gcm;
  Keys rtp;
  Keys rtcp;
  StreamTable send_rtp;
  StreamTable recv_rtp;
  StreamTable send_rtcp;
  StreamTable recv_rtcp;

  bool gcm() const noexcept { return profile == SrtpProfile::aead_aes_128_gcm; }

  // AES-CM initial counter (RFC 3711 §4.1.1): salt * 2^16 XOR SSRC * 2^64 XOR index * 2^16.
  static void cm_iv(const Keys& keys, std::uint32_t ssrc, std::uint64_t index,
                    std::array<std::uint8_t, 16>& iv) {
    std::copy(keys.salt.begin(), keys.salt.end(), iv.begin());
    iv[14] = 0;
    iv[15] = 0;
    for (int i = 0; i < 4; ++i) iv[4 + i] ^= static_cast<std::uint8_t>(ssrc >> (24 - 8 * i));
    for (int i = 0; i < 6; ++i) iv[8 + i] ^= static_cast<std::uint8_t>(index >> (40 - 8 * i));
  }

  // GCM IV (RFC 7714 §8.1, §9.1): 00 00 || SSRC || high 32 bits || low 16 bits XOR salt.
  // RTP: ROC and SEQ; RTCP: 00 00 and the 31-bit SRTCP index over the last six bytes.
  static void gcm_iv(const Keys& keys, std::uint32_t ssrc, std::uint64_t index48,
                     std::array<std::uint8_t, 12>& iv) {
    iv[0] = 0;
    iv[1] = 0;
    store32(iv.data() + 2, ssrc);
    for (int i = 0; i < 6; ++i) iv[6 + i] = static_cast<std::uint8_t>(index48 >> (40 - 8 * i));
    for (std::size_t i = 0; i < 12; ++i) iv[i] ^= keys.salt[i];
  }

  static bool ctr_xor(const Keys& keys, const std::array<std::uint8_t, 16>& iv, std::uint8_t* data,
                      std::size_t n) noexcept {
    int out = 0;
    return EVP_EncryptInit_ex(keys.encrypt.get(), nullptr, nullptr, nullptr, iv.data()) == 1 &&
           (n == 0 || EVP_EncryptUpdate(keys.encrypt.get(), data, &out, data, static_cast<int>(n)) == 1);
  }

  // Encrypts data[0, n) in place and writes the tag behind it.
  static bool gcm_seal(const Keys& keys, const std::array<std::uint8_t, 12>& iv,
                       std::span<const std::uint8_t> aad1, std::span<const std::uint8_t> aad2,
                       std::uint8_t* data, std::size_t n, std::uint8_t* tag) noexcept {
    EVP_CIPHER_CTX* ctx = keys.encrypt.get();
    int out = 0;
    if (EVP_EncryptInit_ex(ctx, nullptr, nullptr, nullptr, iv.data()) != 1) return false;
    if (EVP_EncryptUpdate(ctx, nullptr, &out, aad1.data(), static_cast<int>(aad1.size())) != 1) return false;
    if (!aad2.empty() &&
        EVP_EncryptUpdate(ctx, nullptr, &out, aad2.data(), static_cast<int>(aad2.size())) != 1) {
      return false;
    }
    if (n > 0 && EVP_EncryptUpdate(ctx, data, &out, data, static_cast<int>(n)) != 1) return false;
    if (EVP_EncryptFinal_ex(ctx, data + n, &out) != 1) return false;
    return EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_GET_TAG, static_cast<int>(kGcmTagLength), tag) == 1;
  }

  // Decrypts data[0, n) in place; false when the tag does not verify.
  static bool gcm_open(const Keys& keys, const std::array<std::uint8_t, 12>& iv,
                       std::span<const std::uint8_t> aad1, std::span<const std::uint8_t> aad2,
                       std::uint8_t* data, std::size_t n, const std::uint8_t* tag) noexcept {
    EVP_CIPHER_CTX* ctx = keys.decrypt.get();
    int out = 0;
    // EVP_CTRL_GCM_SET_TAG takes a non-const pointer but only reads from it.
    std::array<std::uint8_t, kGcmTagLength> tag_copy{};
    std::copy(tag, tag + kGcmTagLength, tag_copy.begin());
    if (EVP_DecryptInit_ex(ctx, nullptr, nullptr, nullptr, iv.data()) != 1) return false;
    if (EVP_DecryptUpdate(ctx, nullptr, &out, aad1.data(), static_cast<int>(aad1.size())) != 1) return false;
    if (!aad2.empty() &&
        EVP_DecryptUpdate(ctx, nullptr, &out, aad2.data(), static_cast<int>(aad2.size())) != 1) {
      return false;
    }
    if (n > 0 && EVP_DecryptUpdate(ctx, data, &out, data, static_cast<int>(n)) != 1) return false;
    if (EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_TAG, static_cast<int>(kGcmTagLength), tag_copy.data()) !=
        1) {
      return false;
    }
    return EVP_DecryptFinal_ex(ctx, data + n, &out) == 1;
  }
};

namespace {

Result<void> init_keys(SrtpProfile profile, const SrtpSessionKeys& session, Keys& keys) {
  keys.salt = session.salt;
  keys.encrypt.reset(EVP_CIPHER_CTX_new());
  if (!keys.encrypt) return make_error(ErrorCode::internal, "srtp: EVP_CIPHER_CTX_new");
  if (profile == SrtpProfile::aead_aes_128_gcm) {
    keys.decrypt.reset(EVP_CIPHER_CTX_new());
    if (!keys.decrypt) return make_error(ErrorCode::internal, "srtp: EVP_CIPHER_CTX_new");
    // The default GCM IV length is 12 bytes, the length RFC 7714 uses.
    if (EVP_EncryptInit_ex(keys.encrypt.get(), EVP_aes_128_gcm(), nullptr, session.cipher_key.data(),
                           nullptr) != 1 ||
        EVP_DecryptInit_ex(keys.decrypt.get(), EVP_aes_128_gcm(), nullptr, session.cipher_key.data(),
                           nullptr) != 1) {
      return make_error(ErrorCode::internal, "srtp: AES-GCM init");
    }
  } else {
    if (EVP_EncryptInit_ex(keys.encrypt.get(), EVP_aes_128_ctr(), nullptr, session.cipher_key.data(),
                           nullptr) != 1) {
      return make_error(ErrorCode::internal, "srtp: AES-CTR init");
    }
    keys.hmac.set_key(session.auth_key);
  }
  return {};
}

} // namespace

Result<SrtpContext> SrtpContext::create(SrtpProfile profile, std::span<const std::uint8_t> master_key,
                                        std::span<const std::uint8_t> master_salt) {
  auto session = derive_session_keys(profile, master_key, master_salt);
  if (!session) return session.error();
  auto context = create_from_session_keys(profile, *session);
  OPENSSL_cleanse(&*session, sizeof(SrtpSessionKeySet));
  return context;
}

Result<SrtpContext> SrtpContext::create_from_session_keys(SrtpProfile profile,
                                                          const SrtpSessionKeySet& keys) {
  auto state = std::make_unique<State>();
  state->profile = profile;
  if (auto r = init_keys(profile, keys.rtp, state->rtp); !r) return r.error();
  if (auto r = init_keys(profile, keys.rtcp, state->rtcp); !r) return r.error();
  return SrtpContext(std::move(state));
}

SrtpContext::SrtpContext(std::unique_ptr<State> state) noexcept : state_(std::move(state)) {}
SrtpContext::SrtpContext(SrtpContext&&) noexcept = default;
SrtpContext& SrtpContext::operator=(SrtpContext&&) noexcept = default;
SrtpContext::~SrtpContext() = default;

SrtpProfile SrtpContext::profile() const noexcept { return state_->profile; }

SrtpError SrtpContext::set_send_roc(std::uint32_t ssrc, std::uint32_t roc) noexcept {
  Stream* s = state_->send_rtp.get(ssrc);
  if (s == nullptr) return SrtpError::too_many_streams;
  s->roc = roc;
  return SrtpError::none;
}

SrtpOutcome SrtpContext::protect_rtp(std::span<std::uint8_t> buffer, std::size_t length) noexcept {
  State& st = *state_;
  if (length > buffer.size()) return {SrtpError::no_room, 0};
  std::uint8_t* p = buffer.data();
  const std::size_t header = rtp_header_length(p, length);
  if (header == 0) return {length < kRtpHeaderLength ? SrtpError::too_short : SrtpError::malformed, 0};
  const std::size_t tag = auth_tag_length(st.profile);
  if (buffer.size() - length < tag) return {SrtpError::no_room, 0};
  const std::uint16_t seq = load16(p + 2);
  const std::uint32_t ssrc = load32(p + 8);
  Stream* s = st.send_rtp.get(ssrc);
  if (s == nullptr) return {SrtpError::too_many_streams, 0};
  const std::uint32_t roc = estimate_roc(*s, seq);
  update_roc(*s, roc, seq);
  if (st.gcm()) {
    std::array<std::uint8_t, 12> iv{};
    State::gcm_iv(st.rtp, ssrc, rtp_index(roc, seq), iv);
    if (!State::gcm_seal(st.rtp, iv, {p, header}, {}, p + header, length - header, p + length)) {
      return {SrtpError::crypto, 0};
    }
  } else {
    std::array<std::uint8_t, 16> iv{};
    State::cm_iv(st.rtp, ssrc, rtp_index(roc, seq), iv);
    if (!State::ctr_xor(st.rtp, iv, p + header, length - header)) return {SrtpError::crypto, 0};
    // RFC 3711 §4.2: the tag covers the packet and the ROC.
    std::array<std::uint8_t, 4> roc_bytes{};
    store32(roc_bytes.data(), roc);
    std::array<std::uint8_t, 20> mac{};
    st.rtp.hmac.compute({p, length}, roc_bytes, mac);
    std::copy(mac.begin(), mac.begin() + kHmacTagLength, p + length);
  }
  return {SrtpError::none, length + tag};
}

SrtpOutcome SrtpContext::unprotect_rtp(std::span<std::uint8_t> packet) noexcept {
  State& st = *state_;
  std::uint8_t* p = packet.data();
  const std::size_t tag = auth_tag_length(st.profile);
  if (packet.size() < kRtpHeaderLength + tag) return {SrtpError::too_short, 0};
  const std::size_t length = packet.size() - tag; // header + encrypted payload
  const std::size_t header = rtp_header_length(p, length);
  if (header == 0) return {SrtpError::malformed, 0};
  const std::uint16_t seq = load16(p + 2);
  const std::uint32_t ssrc = load32(p + 8);
  // A new SSRC gets a table entry only once a packet of it authenticated: forged packets with
  // random SSRCs must not fill the table.
  Stream fresh = new_stream(ssrc);
  Stream* known = st.recv_rtp.find(ssrc);
  Stream& s = known != nullptr ? *known : fresh;
  const std::uint32_t roc = estimate_roc(s, seq);
  const std::uint64_t index = rtp_index(roc, seq);
  if (!s.replay.check(index)) return {SrtpError::replayed, 0};
  if (st.gcm()) {
    std::array<std::uint8_t, 12> iv{};
    State::gcm_iv(st.rtp, ssrc, index, iv);
    if (!State::gcm_open(st.rtp, iv, {p, header}, {}, p + header, length - header, p + length)) {
      return {SrtpError::auth_failed, 0};
    }
  } else {
    std::array<std::uint8_t, 4> roc_bytes{};
    store32(roc_bytes.data(), roc);
    std::array<std::uint8_t, 20> mac{};
    st.rtp.hmac.compute({p, length}, roc_bytes, mac);
    if (CRYPTO_memcmp(mac.data(), p + length, kHmacTagLength) != 0) return {SrtpError::auth_failed, 0};
    std::array<std::uint8_t, 16> iv{};
    State::cm_iv(st.rtp, ssrc, index, iv);
    if (!State::ctr_xor(st.rtp, iv, p + header, length - header)) return {SrtpError::crypto, 0};
  }
  s.replay.accept(index);
  update_roc(s, roc, seq);
  if (known == nullptr && st.recv_rtp.add(s) == nullptr) return {SrtpError::too_many_streams, 0};
  return {SrtpError::none, length};
}

SrtpOutcome SrtpContext::protect_rtcp(std::span<std::uint8_t> buffer, std::size_t length) noexcept {
  State& st = *state_;
  if (length > buffer.size()) return {SrtpError::no_room, 0};
  if (length < kRtcpHeaderLength) return {SrtpError::too_short, 0};
  std::uint8_t* p = buffer.data();
  if ((p[0] >> 6) != 2) return {SrtpError::malformed, 0};
  const std::size_t tag = auth_tag_length(st.profile);
  if (buffer.size() - length < tag + kSrtcpIndexLength) return {SrtpError::no_room, 0};
  const std::uint32_t ssrc = load32(p + 4);
  Stream* s = st.send_rtcp.get(ssrc);
  if (s == nullptr) return {SrtpError::too_many_streams, 0};
  // A 31-bit index per SSRC; it would take years of RTCP to wrap (RFC 3711 §3.4 asks for a
  // re-key first; DTLS-SRTP sessions never live that long).
  s->srtcp_index = (s->srtcp_index + 1) & kSrtcpIndexMask;
  const std::uint32_t index = s->srtcp_index;
  std::array<std::uint8_t, 4> trailer{};
  store32(trailer.data(), kSrtcpEncryptedFlag | index);
  if (st.gcm()) {
    // RFC 7714 §9.1: AAD = first 8 bytes || E+index; packet = header || ciphertext || tag || E+index.
    std::array<std::uint8_t, 12> iv{};
    State::gcm_iv(st.rtcp, ssrc, index, iv);
    if (!State::gcm_seal(st.rtcp, iv, {p, kRtcpHeaderLength}, trailer, p + kRtcpHeaderLength,
                         length - kRtcpHeaderLength, p + length)) {
      return {SrtpError::crypto, 0};
    }
    std::copy(trailer.begin(), trailer.end(), p + length + tag);
  } else {
    // RFC 3711 §3.4: header || ciphertext || E+index || tag over all before it.
    std::array<std::uint8_t, 16> iv{};
    State::cm_iv(st.rtcp, ssrc, index, iv);
    if (!State::ctr_xor(st.rtcp, iv, p + kRtcpHeaderLength, length - kRtcpHeaderLength)) {
      return {SrtpError::crypto, 0};
    }
    std::copy(trailer.begin(), trailer.end(), p + length);
    std::array<std::uint8_t, 20> mac{};
    st.rtcp.hmac.compute({p, length + kSrtcpIndexLength}, {}, mac);
    std::copy(mac.begin(), mac.begin() + kHmacTagLength, p + length + kSrtcpIndexLength);
  }
  return {SrtpError::none, length + tag + kSrtcpIndexLength};
}

SrtpOutcome SrtpContext::unprotect_rtcp(std::span<std::uint8_t> packet) noexcept {
  State& st = *state_;
  std::uint8_t* p = packet.data();
  const std::size_t tag = auth_tag_length(st.profile);
  if (packet.size() < kRtcpHeaderLength + tag + kSrtcpIndexLength) return {SrtpError::too_short, 0};
  if ((p[0] >> 6) != 2) return {SrtpError::malformed, 0};
  const std::size_t length = packet.size() - tag - kSrtcpIndexLength; // header + (encrypted) body
  const std::uint8_t* trailer = st.gcm() ? p + length + tag : p + length;
  const std::uint32_t word = load32(trailer);
  const bool encrypted = (word & kSrtcpEncryptedFlag) != 0;
  const std::uint32_t index = word & kSrtcpIndexMask;
  const std::uint32_t ssrc = load32(p + 4);
  Stream fresh = new_stream(ssrc);
  Stream* known = st.recv_rtcp.find(ssrc);
  Stream& s = known != nullptr ? *known : fresh;
  if (!s.replay.check(index)) return {SrtpError::replayed, 0};
  if (st.gcm()) {
    std::array<std::uint8_t, 12> iv{};
    State::gcm_iv(st.rtcp, ssrc, index, iv);
    const std::span<const std::uint8_t> trailer_span(trailer, kSrtcpIndexLength);
    // RFC 7714 §9.2: without the E flag the whole packet is associated data.
    const bool ok = encrypted
                        ? State::gcm_open(st.rtcp, iv, {p, kRtcpHeaderLength}, trailer_span,
                                          p + kRtcpHeaderLength, length - kRtcpHeaderLength, p + length)
                        : State::gcm_open(st.rtcp, iv, {p, length}, trailer_span, p + length, 0, p + length);
    if (!ok) return {SrtpError::auth_failed, 0};
  } else {
    std::array<std::uint8_t, 20> mac{};
    st.rtcp.hmac.compute({p, length + kSrtcpIndexLength}, {}, mac);
    if (CRYPTO_memcmp(mac.data(), p + length + kSrtcpIndexLength, kHmacTagLength) != 0) {
      return {SrtpError::auth_failed, 0};
    }
    if (encrypted) {
      std::array<std::uint8_t, 16> iv{};
      State::cm_iv(st.rtcp, ssrc, index, iv);
      if (!State::ctr_xor(st.rtcp, iv, p + kRtcpHeaderLength, length - kRtcpHeaderLength)) {
        return {SrtpError::crypto, 0};
      }
    }
  }
  s.replay.accept(index);
  if (known == nullptr && st.recv_rtcp.add(s) == nullptr) return {SrtpError::too_many_streams, 0};
  return {SrtpError::none, length};
}

} // namespace plenum::media::srtp
