#include "media_source.hpp"

#include <algorithm>
#include <fstream>
#include <iterator>
#include <stdexcept>

namespace plenum::bench::sfu {
namespace {

std::vector<uint8_t> read_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open " + file.string());
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

uint32_t le32(const uint8_t* p) { return p[0] | (p[1] << 8) | (p[2] << 16) | (uint32_t{p[3]} << 24); }
uint16_t le16(const uint8_t* p) { return static_cast<uint16_t>(p[0] | (p[1] << 8)); }

// RFC 7741 §4.2: X|R|N|S|R|PID, then I|L|T|K|RSV, then M + 15-bit PictureID.
void add_vp8_frame(MediaTrack& track, const uint8_t* data, size_t size, uint16_t picture_id) {
  MediaFrame frame;
  frame.key = size > 0 && (data[0] & 0x01) == 0; // RFC 6386 §9.1: P bit 0 = key frame
  constexpr size_t kDescriptor = 4;
  const size_t room = kMaxRtpPayload - kDescriptor - kTailSize;
  const size_t count = (size + room - 1) / room;
  const size_t per = (size + count - 1) / count; // even slices
  for (size_t off = 0; off < size; off += per) {
    const size_t n = std::min(per, size - off);
    std::vector<uint8_t> p(kDescriptor + n + kTailSize, 0);
    p[0] = static_cast<uint8_t>(0x80 | (off == 0 ? 0x10 : 0x00));
    p[1] = 0x80;
    p[2] = static_cast<uint8_t>(0x80 | ((picture_id >> 8) & 0x7F));
    p[3] = static_cast<uint8_t>(picture_id & 0xFF);
    std::copy_n(data + off, n, p.begin() + kDescriptor);
    track.bytes += p.size();
    ++track.packets;
    frame.payloads.push_back(std::move(p));
  }
  track.frames.push_back(std::move(frame));
}

} // namespace

double MediaTrack::bitrate_kbps() const {
  const double seconds = static_cast<double>(frames.size()) * frame_interval_s;
  return seconds > 0 ? static_cast<double>(bytes) * 8 / seconds / 1000 : 0;
}

// IVF: 32-byte file header ("DKIF", version, header size, FourCC, width, height, rate, scale,
// frame count), then per frame a 12-byte header (size LE32, pts LE64) and the frame.
MediaTrack load_vp8_ivf(const std::filesystem::path& file) {
  const auto bytes = read_file(file);
  if (bytes.size() < 32 || std::string(bytes.begin(), bytes.begin() + 4) != "DKIF" ||
      std::string(bytes.begin() + 8, bytes.begin() + 12) != "VP80")
    throw std::runtime_error(file.string() + ": not a VP8 IVF file");
  const uint32_t rate = le32(&bytes[16]);
  const uint32_t scale = le32(&bytes[20]);
  MediaTrack track;
  track.clock_rate = 90'000;
  // ffmpeg writes the time base (1/fps or 1/1000-ish); frames are at the encoder's fps.
  track.frame_interval_s = rate > 0 && scale > 0 ? static_cast<double>(scale) / rate : 1.0 / 30;
  if (track.frame_interval_s < 1.0 / 120 || track.frame_interval_s > 1) track.frame_interval_s = 1.0 / 30;
  size_t pos = le16(&bytes[6]);
  uint16_t picture_id = 0;
  while (pos + 12 <= bytes.size()) {
    const uint32_t size = le32(&bytes[pos]);
    pos += 12;
    if (pos + size > bytes.size()) throw std::runtime_error(file.string() + ": truncated frame");
    add_vp8_frame(track, &bytes[pos], size, picture_id);
    picture_id = static_cast<uint16_t>((picture_id + 1) & 0x7FFF);
    pos += size;
  }
  if (track.frames.empty() || !track.frames.front().key)
    throw std::runtime_error(file.string() + ": no frames or no key frame first");
  const auto step = static_cast<uint32_t>(track.frame_interval_s * 90'000 + 0.5);
  for (auto& f : track.frames) f.timestamp_step = step;
  return track;
}

// Ogg (RFC 3533 §6): pages of "OggS", version, type, granule (8), serial, sequence, CRC, segment
// count and table; a packet ends at the first lacing value below 255. The first two packets of
// an Opus stream are OpusHead and OpusTags (RFC 7845 §5); every other one is an audio packet.
MediaTrack load_opus_ogg(const std::filesystem::path& file) {
  const auto bytes = read_file(file);
  MediaTrack track;
  track.clock_rate = 48'000;
  track.frame_interval_s = 0.020;
  std::vector<uint8_t> packet;
  size_t index = 0;
  size_t pos = 0;
  while (pos + 27 <= bytes.size()) {
    if (std::string(bytes.begin() + static_cast<long>(pos), bytes.begin() + static_cast<long>(pos) + 4) !=
        "OggS")
      throw std::runtime_error(file.string() + ": lost Ogg page sync");
    const size_t segments = bytes[pos + 26];
    size_t data = pos + 27 + segments;
    if (data > bytes.size()) throw std::runtime_error(file.string() + ": truncated page");
    for (size_t s = 0; s < segments; ++s) {
      const size_t lacing = bytes[pos + 27 + s];
      if (data + lacing > bytes.size()) throw std::runtime_error(file.string() + ": truncated segment");
      packet.insert(packet.end(), bytes.begin() + static_cast<long>(data),
                    bytes.begin() + static_cast<long>(data + lacing));
      data += lacing;
      if (lacing < 255) {
        if (index++ >= 2) {
          MediaFrame frame;
          frame.key = true;
          frame.timestamp_step = 960; // 20 ms at 48 kHz (ffmpeg's libopus default frame size)
          packet.resize(packet.size() + kTailSize, 0);
          track.bytes += packet.size();
          ++track.packets;
          frame.payloads.push_back(std::move(packet));
          track.frames.push_back(std::move(frame));
        }
        packet.clear();
      }
    }
    pos = data;
  }
  if (track.frames.empty()) throw std::runtime_error(file.string() + ": no Opus packets");
  return track;
}

} // namespace plenum::bench::sfu
