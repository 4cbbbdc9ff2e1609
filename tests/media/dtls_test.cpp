// DTLS-SRTP (RFC 5763/5764) over memory BIOs: our client against our server in memory, a
// fingerprint mismatch, a lost flight recovered by retransmission, and interop with an
// independent peer, `openssl s_client`, over UDP on 127.0.0.1 (our keying material must equal
// the one openssl prints).
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <chrono>
#include <optional>
#include <random>
#include <stdexcept>
#include <thread>

#include "dtls_openssl_peer.hpp"
#include "media/dtls/dtls_certificate.hpp"
#include "media/dtls/dtls_transport.hpp"
#include "srtp_test_util.hpp"

namespace plenum::media::dtls {
namespace {

using srtp::SrtpProfile;

std::shared_ptr<const DtlsCertificate> make_certificate() {
  auto c = DtlsCertificate::generate();
  PLENUM_ASSERT(c.ok(), "certificate");
  return std::move(c).value();
}

std::unique_ptr<DtlsTransport> make_transport(std::shared_ptr<const DtlsCertificate> cert, DtlsRole role,
                                              const std::string& remote_fingerprint) {
  auto t = DtlsTransport::create(std::move(cert), role, remote_fingerprint);
  PLENUM_ASSERT(t.ok(), "transport");
  return std::move(t).value();
}

// Moves datagrams both ways until neither side has anything to send.
int pump(DtlsTransport& a, DtlsTransport& b) {
  int rounds = 0;
  while (rounds < 100) {
    auto from_a = a.take_outgoing();
    auto from_b = b.take_outgoing();
    if (from_a.empty() && from_b.empty()) break;
    for (const auto& d : from_a) {
      EXPECT_LE(d.size(), static_cast<std::size_t>(kDtlsMtu)); // flights are fragmented to fit
      b.receive(d);
    }
    for (const auto& d : from_b) {
      EXPECT_LE(d.size(), static_cast<std::size_t>(kDtlsMtu));
      a.receive(d);
    }
    ++rounds;
  }
  return rounds;
}

TEST(DtlsCertificate, FingerprintFormatsAndParses) {
  auto cert = make_certificate();
  const std::string& fp = cert->sdp_fingerprint();
  ASSERT_EQ(fp.size(), 8U + 95U);
  EXPECT_EQ(fp.substr(0, 8), "sha-256 ");
  auto digest = parse_sdp_fingerprint(fp);
  ASSERT_TRUE(digest.has_value());
  EXPECT_EQ(*digest, *certificate_sha256(cert->x509()));
  std::string lower = fp;
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  EXPECT_EQ(parse_sdp_fingerprint("SHA-256" + lower.substr(7)), digest);
  EXPECT_FALSE(parse_sdp_fingerprint("sha-1 " + fp.substr(8)).has_value());
  EXPECT_FALSE(parse_sdp_fingerprint(fp.substr(0, fp.size() - 3)).has_value());
  std::string bad = fp;
  bad[10] = ';';
  EXPECT_FALSE(parse_sdp_fingerprint(bad).has_value());
  EXPECT_NE(make_certificate()->sdp_fingerprint(), fp); // a fresh key every time
  EXPECT_FALSE(DtlsTransport::create(cert, DtlsRole::client, "sha-256 nonsense").ok());
}

TEST(DtlsTransport, ClientAndServerAgreeOnKeysAndSrtpWorks) {
  auto client_cert = make_certificate();
  auto server_cert = make_certificate();
  auto client = make_transport(client_cert, DtlsRole::client, server_cert->sdp_fingerprint());
  auto server = make_transport(server_cert, DtlsRole::server, client_cert->sdp_fingerprint());
  server->start();
  client->start();
  pump(*client, *server);
  ASSERT_EQ(client->state(), DtlsState::connected) << client->failure();
  ASSERT_EQ(server->state(), DtlsState::connected) << server->failure();

  auto client_material = client->keying_material();
  auto server_material = server->keying_material();
  ASSERT_TRUE(client_material.ok() && server_material.ok());
  EXPECT_EQ(*client_material, *server_material);
  EXPECT_EQ(client_material->size(), 56U); // GCM preferred: 2 * (16 + 12)

  auto ck = client->srtp_keys();
  auto sk = server->srtp_keys();
  ASSERT_TRUE(ck.ok() && sk.ok());
  EXPECT_EQ(ck->profile, SrtpProfile::aead_aes_128_gcm);
  EXPECT_EQ(ck->local_key, sk->remote_key);
  EXPECT_EQ(ck->local_salt, sk->remote_salt);
  EXPECT_EQ(ck->remote_key, sk->local_key);
  EXPECT_NE(ck->local_key, ck->remote_key);
  // RFC 5764 §4.2 layout: client key first, salts after both keys.
  EXPECT_TRUE(std::equal(ck->local_key.begin(), ck->local_key.end(), client_material->begin()));
  EXPECT_TRUE(std::equal(ck->local_salt.begin(), ck->local_salt.end(), client_material->begin() + 32));

  auto c = client->srtp_contexts();
  auto s = server->srtp_contexts();
  ASSERT_TRUE(c.ok() && s.ok());
  std::mt19937 rng(1);
  for (int i = 0; i < 10; ++i) {
    const auto plain = srtp::testing::make_rtp(rng, static_cast<std::uint16_t>(i), 1234, 300);
    auto buf = plain;
    buf.resize(plain.size() + srtp::kSrtpMaxRtpOverhead);
    auto out = c->send.protect_rtp(buf, plain.size());
    ASSERT_TRUE(out.ok());
    buf.resize(out.size);
    auto in = s->receive.unprotect_rtp(buf);
    ASSERT_TRUE(in.ok()) << srtp::to_string(in.error);
    buf.resize(in.size);
    EXPECT_EQ(buf, plain);
    // The server's own send key is a different one (another SSRC, so no replay check hits).
    auto again = srtp::testing::make_rtp(rng, static_cast<std::uint16_t>(i), 5678, 300);
    const std::size_t again_length = again.size();
    again.resize(again_length + srtp::kSrtpMaxRtpOverhead);
    auto out2 = s->send.protect_rtp(again, again_length);
    ASSERT_TRUE(out2.ok());
    again.resize(out2.size);
    EXPECT_EQ(s->receive.unprotect_rtp(again).error, srtp::SrtpError::auth_failed);
  }
}

TEST(DtlsTransport, FingerprintMismatchFailsTheHandshake) {
  auto client_cert = make_certificate();
  auto server_cert = make_certificate();
  auto other = make_certificate();
  {
    // The server expects someone else's certificate.
    auto client = make_transport(client_cert, DtlsRole::client, server_cert->sdp_fingerprint());
    auto server = make_transport(server_cert, DtlsRole::server, other->sdp_fingerprint());
    client->start();
    pump(*client, *server);
    EXPECT_EQ(server->state(), DtlsState::failed);
    EXPECT_NE(server->failure().find("fingerprint"), std::string::npos) << server->failure();
    EXPECT_NE(client->state(), DtlsState::connected);
    EXPECT_FALSE(server->srtp_keys().ok());
  }
  {
    // The client expects someone else's certificate.
    auto client = make_transport(client_cert, DtlsRole::client, other->sdp_fingerprint());
    auto server = make_transport(server_cert, DtlsRole::server, client_cert->sdp_fingerprint());
    client->start();
    pump(*client, *server);
    EXPECT_EQ(client->state(), DtlsState::failed);
    EXPECT_NE(client->failure().find("fingerprint"), std::string::npos) << client->failure();
    EXPECT_NE(server->state(), DtlsState::connected);
  }
}

TEST(DtlsTransport, LostFlightIsRetransmittedAfterTheTimeout) {
  auto client_cert = make_certificate();
  auto server_cert = make_certificate();
  auto client = make_transport(client_cert, DtlsRole::client, server_cert->sdp_fingerprint());
  auto server = make_transport(server_cert, DtlsRole::server, client_cert->sdp_fingerprint());
  client->start();
  ASSERT_FALSE(client->take_outgoing().empty()); // the ClientHello is lost
  auto timeout = client->timeout();
  ASSERT_TRUE(timeout.has_value());
  EXPECT_LE(*timeout, kDtlsInitialRetransmitTimeout);
  client->handle_timeout(); // not due yet: nothing is resent
  EXPECT_TRUE(client->take_outgoing().empty());
  // OpenSSL reads the clock itself; wait for the timer it reports (bounded).
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(3);
  while (client->timeout().value_or(std::chrono::microseconds(0)).count() > 0 &&
         std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(*client->timeout());
  }
  client->handle_timeout();
  const auto resent = client->take_outgoing();
  ASSERT_FALSE(resent.empty());
  for (const auto& d : resent) server->receive(d);
  pump(*client, *server);
  EXPECT_EQ(client->state(), DtlsState::connected) << client->failure();
  EXPECT_EQ(server->state(), DtlsState::connected) << server->failure();
  EXPECT_FALSE(client->timeout().has_value());
}

// --- Interop with `openssl s_client` over UDP on 127.0.0.1 --------------------------------------

struct InteropCase {
  const char* openssl_profile;
  SrtpProfile profile;
  std::size_t material_length;
};

class DtlsOpensslInterop : public ::testing::TestWithParam<InteropCase> {};

// A UDP socket on 127.0.0.1 and an ephemeral port; closed on destruction.
class LoopbackSocket {
 public:
  LoopbackSocket() : fd_(socket(AF_INET, SOCK_DGRAM, 0)) {
    sockaddr_in local{};
    local.sin_family = AF_INET;
    local.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof(local);
    if (fd_ < 0 || bind(fd_, reinterpret_cast<sockaddr*>(&local), sizeof(local)) != 0 ||
        getsockname(fd_, reinterpret_cast<sockaddr*>(&local), &length) != 0) {
      throw std::runtime_error("udp socket");
    }
    port_ = ntohs(local.sin_port);
  }
  LoopbackSocket(const LoopbackSocket&) = delete;
  LoopbackSocket& operator=(const LoopbackSocket&) = delete;
  ~LoopbackSocket() {
    if (fd_ >= 0) close(fd_);
  }
  int fd() const { return fd_; }
  std::uint16_t port() const { return port_; }

 private:
  int fd_;
  std::uint16_t port_ = 0;
};

// Shuttles datagrams between the socket and `transport` until our side left the handshake and
// openssl printed its "Keying material: <hex>" line, or 8 s passed. `remote` is the peer's
// address if known (we are the client), else learnt from the first datagram.
std::string exchange(DtlsTransport& transport, const LoopbackSocket& sock, testing::ChildProcess& peer,
                     std::optional<sockaddr_in> remote, std::string& output) {
  std::string printed;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(8);
  while (std::chrono::steady_clock::now() < deadline) {
    pollfd fds[2] = {{sock.fd(), POLLIN, 0}, {peer.stdout_fd(), POLLIN, 0}};
    poll(fds, 2, 20);
    if ((fds[0].revents & POLLIN) != 0) {
      std::array<std::uint8_t, 2048> datagram{};
      sockaddr_in from{};
      socklen_t from_length = sizeof(from);
      const ssize_t n = recvfrom(sock.fd(), datagram.data(), datagram.size(), 0,
                                 reinterpret_cast<sockaddr*>(&from), &from_length);
      if (n > 0) {
        remote = from;
        transport.receive(std::span<const std::uint8_t>(datagram.data(), static_cast<std::size_t>(n)));
      }
    }
    if (auto t = transport.timeout(); t && t->count() == 0) transport.handle_timeout();
    for (const auto& d : transport.take_outgoing()) {
      if (remote)
        sendto(sock.fd(), d.data(), d.size(), 0, reinterpret_cast<const sockaddr*>(&*remote),
               sizeof(*remote));
    }
    peer.read_available(output);
    const auto at = output.find("Keying material: ");
    const auto end = at == std::string::npos ? at : output.find('\n', at);
    if (end != std::string::npos) {
      printed = output.substr(at + 17, end - at - 17);
      while (!printed.empty() && printed.back() == '\r') printed.pop_back();
      if (transport.state() != DtlsState::handshaking) break;
    }
    if (transport.state() == DtlsState::failed) break;
  }
  return printed;
}

void expect_same_keys(const DtlsTransport& transport, const std::string& printed, const std::string& output,
                      const InteropCase& param) {
  ASSERT_EQ(transport.state(), DtlsState::connected) << transport.failure() << "\nopenssl said:\n" << output;
  ASSERT_FALSE(printed.empty()) << output;
  EXPECT_NE(output.find(std::string("SRTP Extension negotiated, profile=") + param.openssl_profile),
            std::string::npos)
      << output;
  auto material = transport.keying_material();
  ASSERT_TRUE(material.ok());
  EXPECT_EQ(material->size(), param.material_length);
  std::string ours = srtp::testing::to_hex(*material);
  for (char& c : ours) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  EXPECT_EQ(ours, printed);
  auto keys = transport.srtp_keys();
  ASSERT_TRUE(keys.ok());
  EXPECT_EQ(keys->profile, param.profile);
}

TEST_P(DtlsOpensslInterop, OurServerAgainstOpensslClientExportsTheSameKeys) {
  testing::OpensslIdentity peer;
  auto server = make_transport(make_certificate(), DtlsRole::server, peer.sdp_fingerprint());
  server->start();
  LoopbackSocket sock;
  testing::ChildProcess client(
      {"openssl", "s_client", "-dtls1_2", "-connect", "127.0.0.1:" + std::to_string(sock.port()), "-use_srtp",
       GetParam().openssl_profile, "-keymatexport", "EXTRACTOR-dtls_srtp", "-keymatexportlen",
       std::to_string(GetParam().material_length), "-cert", peer.cert_path(), "-key", peer.key_path()});
  std::string output;
  const std::string printed = exchange(*server, sock, client, std::nullopt, output);
  client.stop();
  expect_same_keys(*server, printed, output, GetParam());
}

TEST_P(DtlsOpensslInterop, OurClientAgainstOpensslServerExportsTheSameKeys) {
  testing::OpensslIdentity peer;
  // s_server needs its port up front: take a free one from the kernel, then hand it over.
  std::uint16_t port = 0;
  {
    LoopbackSocket probe;
    port = probe.port();
  }
  testing::ChildProcess server({"openssl", "s_server", "-dtls1_2", "-accept",
                                "127.0.0.1:" + std::to_string(port), "-use_srtp", GetParam().openssl_profile,
                                "-keymatexport", "EXTRACTOR-dtls_srtp", "-keymatexportlen",
                                std::to_string(GetParam().material_length), "-cert", peer.cert_path(), "-key",
                                peer.key_path(), "-verify", "1"});
  // Wait for "ACCEPT" so the ClientHello does not race the server's bind.
  std::string output;
  const auto ready_by = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (output.find("ACCEPT") == std::string::npos && std::chrono::steady_clock::now() < ready_by) {
    pollfd fd{server.stdout_fd(), POLLIN, 0};
    poll(&fd, 1, 20);
    server.read_available(output);
  }
  ASSERT_NE(output.find("ACCEPT"), std::string::npos) << output;

  auto client = make_transport(make_certificate(), DtlsRole::client, peer.sdp_fingerprint());
  LoopbackSocket sock;
  sockaddr_in remote{};
  remote.sin_family = AF_INET;
  remote.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  remote.sin_port = htons(port);
  client->start();
  const std::string printed = exchange(*client, sock, server, remote, output);
  server.stop();
  expect_same_keys(*client, printed, output, GetParam());
}

INSTANTIATE_TEST_SUITE_P(
    Dtls, DtlsOpensslInterop,
    ::testing::Values(InteropCase{"SRTP_AEAD_AES_128_GCM", SrtpProfile::aead_aes_128_gcm, 56},
                      InteropCase{"SRTP_AES128_CM_SHA1_80", SrtpProfile::aes_cm_128_hmac_sha1_80, 60}),
    [](const ::testing::TestParamInfo<InteropCase>& param) {
      return param.param.profile == SrtpProfile::aead_aes_128_gcm ? std::string("Gcm") : std::string("AesCm");
    });

} // namespace
} // namespace plenum::media::dtls
