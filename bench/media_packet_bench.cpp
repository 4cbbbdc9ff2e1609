// The SFU's packet layer per packet: RTP parse + in-place rewrite, RTCP compound parse, ICE
// connectivity check (STUN parse + MESSAGE-INTEGRITY + FINGERPRINT) and demultiplexing.
// Also counts heap allocations per iteration (operator new, and OpenSSL's allocator through
// CRYPTO_set_mem_functions) to show the packet path does not allocate.
#include <benchmark/benchmark.h>
#include <openssl/crypto.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cstdint>
#include <cstdlib>
#include <new>
#include <vector>

#include "allocation_counter.hpp"
#include "media/demux.hpp"
#include "media/rtcp.hpp"
#include "media/rtp.hpp"
#include "media/stun.hpp"

namespace {

using plenum::bench::AllocationCounter;
using namespace plenum::media;

// The VP8 fixture of tests/media/rtp_test.cpp padded to a typical 1,100-byte video packet.
std::vector<uint8_t> vp8_packet() {
  const std::array<uint8_t, 31> header = {0x90, 0xe0, 0x12, 0x34, 0x11, 0x22, 0x33, 0x44, 0xaa, 0xbb, 0xcc,
                                          0xdd, 0xbe, 0xde, 0x00, 0x03, 0x40, 0x30, 0x22, 0x12, 0x34, 0x56,
                                          0x31, 0x00, 0x01, 0x00, 0x00, 0x00, 0x90, 0x80, 0x05};
  std::vector<uint8_t> p(1100, 0x5a);
  std::copy(header.begin(), header.end(), p.begin());
  return p;
}

// SR + SDES (what a browser sends every second or so) followed by a NACK and a PLI.
std::vector<uint8_t> rtcp_compound() {
  return {0x81, 0xc8, 0x00, 0x0c, 0x11, 0x11, 0x11, 0x11, 0xe5, 0xa1, 0xb2, 0xc3, 0xd4, 0xe5, 0xf6,
          0x07, 0x00, 0x01, 0x5f, 0x90, 0x00, 0x00, 0x00, 0x64, 0x00, 0x01, 0xd4, 0xc0, 0x22, 0x22,
          0x22, 0x22, 0x19, 0x00, 0x00, 0x05, 0x00, 0x01, 0x02, 0x03, 0x00, 0x00, 0x00, 0x20, 0xb2,
          0xc3, 0xd4, 0xe5, 0x00, 0x01, 0x00, 0x00, 0x81, 0xca, 0x00, 0x04, 0x11, 0x11, 0x11, 0x11,
          0x01, 0x08, 'a',  'b',  'c',  'd',  '1',  '2',  '3',  '4',  0x00, 0x00, 0x81, 0xcd, 0x00,
          0x03, 0x11, 0x11, 0x11, 0x11, 0x22, 0x22, 0x22, 0x22, 0x00, 0x64, 0x00, 0x05, 0x81, 0xce,
          0x00, 0x02, 0x11, 0x11, 0x11, 0x11, 0x22, 0x22, 0x22, 0x22};
}

// RFC 5769 section 2.1: a real ICE connectivity check (USERNAME, PRIORITY, ICE-CONTROLLED,
// MESSAGE-INTEGRITY, FINGERPRINT), 108 bytes.
const std::vector<uint8_t> kStunRequest = {
    0x00, 0x01, 0x00, 0x58, 0x21, 0x12, 0xa4, 0x42, 0xb7, 0xe7, 0xa7, 0x01, 0xbc, 0x34, 0xd6, 0x86,
    0xfa, 0x87, 0xdf, 0xae, 0x80, 0x22, 0x00, 0x10, 0x53, 0x54, 0x55, 0x4e, 0x20, 0x74, 0x65, 0x73,
    0x74, 0x20, 0x63, 0x6c, 0x69, 0x65, 0x6e, 0x74, 0x00, 0x24, 0x00, 0x04, 0x6e, 0x00, 0x01, 0xff,
    0x80, 0x29, 0x00, 0x08, 0x93, 0x2f, 0xf9, 0xb1, 0x51, 0x26, 0x3b, 0x36, 0x00, 0x06, 0x00, 0x09,
    0x65, 0x76, 0x74, 0x6a, 0x3a, 0x68, 0x36, 0x76, 0x59, 0x20, 0x20, 0x20, 0x00, 0x08, 0x00, 0x14,
    0x9a, 0xea, 0xa7, 0x0c, 0xbf, 0xd8, 0xcb, 0x56, 0x78, 0x1e, 0xf2, 0xb5, 0xb2, 0xd3, 0xf2, 0x49,
    0xc1, 0xb5, 0x71, 0xa2, 0x80, 0x28, 0x00, 0x04, 0xe5, 0x7a, 0x3b, 0xcf,
};

void BM_RtpParseRewrite(benchmark::State& state) {
  auto packet = vp8_packet();
  const std::array<uint8_t, 3> abs_send_time = {0x01, 0x02, 0x03};
  uint16_t seq = 0;
  AllocationCounter count(state);
  for (auto _ : state) {
    auto p = RtpPacket::parse(packet);
    p->set_ssrc(0x01020304);
    p->set_sequence_number(seq++);
    p->set_timestamp(0x99887766);
    benchmark::DoNotOptimize(p->set_extension(2, abs_send_time)); // abs-send-time, 3 bytes
    benchmark::ClobberMemory();
  }
}
BENCHMARK(BM_RtpParseRewrite);

void BM_RtcpCompoundParse(benchmark::State& state) {
  const auto compound = rtcp_compound();
  AllocationCounter count(state);
  for (auto _ : state) {
    uint64_t sum = 0;
    RtcpReader reader(compound);
    while (auto p = reader.next()) {
      if (auto report = RtcpReport::parse(*p)) {
        sum += report->ssrc();
        for (size_t i = 0; i < report->block_count(); ++i) sum += report->block(i).highest_sequence;
      } else if (p->type == rtcp_type::kSdes) {
        SdesReader sdes(*p);
        while (auto chunk = sdes.next()) sum += chunk->cname.size();
      } else if (auto fb = RtcpFeedback::parse(*p)) {
        std::array<uint16_t, 17> lost{};
        for (size_t i = 0; i < nack_item_count(*fb); ++i) sum += nack_item(*fb, i).expand(lost);
        sum += fb->media_ssrc;
      }
    }
    benchmark::DoNotOptimize(sum);
  }
}
BENCHMARK(BM_RtcpCompoundParse);

void BM_StunIceCheck(benchmark::State& state) {
  StunIntegrityKey key("VOkJxbRl1RmTxUk/WvJxBt");
  AllocationCounter count(state);
  for (auto _ : state) {
    auto m = StunMessage::parse(kStunRequest);
    benchmark::DoNotOptimize(check_ice_request(*m, "evtj", key));
  }
}
BENCHMARK(BM_StunIceCheck);

void BM_StunCheckAndRespond(benchmark::State& state) {
  StunIntegrityKey key("VOkJxbRl1RmTxUk/WvJxBt");
  std::array<uint8_t, 128> out{};
  const auto mapped = SocketAddress::v4({127, 0, 0, 1}, 50000);
  AllocationCounter count(state);
  for (auto _ : state) {
    auto m = StunMessage::parse(kStunRequest);
    if (check_ice_request(*m, "evtj", key) == IceCheckResult::ok) {
      benchmark::DoNotOptimize(build_binding_success(out, *m, mapped, key));
    }
  }
}
BENCHMARK(BM_StunCheckAndRespond);

void BM_Demux(benchmark::State& state) {
  const auto rtp = vp8_packet();
  const auto rtcp = rtcp_compound();
  const std::array<std::span<const uint8_t>, 4> packets = {std::span<const uint8_t>(rtp), rtcp, kStunRequest,
                                                           rtp};
  size_t i = 0;
  AllocationCounter count(state);
  for (auto _ : state) {
    benchmark::DoNotOptimize(classify_packet(packets[i++ & 3]));
  }
}
BENCHMARK(BM_Demux);

} // namespace

int main(int argc, char** argv) {
  // Must precede OpenSSL's first allocation.
  if (!plenum::bench::count_openssl_allocations()) return 2;
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
