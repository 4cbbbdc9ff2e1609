#pragma once
// Splits a fuzzer input into records of [length byte][flags byte][up to `length` bytes of data]
// (a sequence of packets, each with a few bits of context), calling f(flags, data) for each.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <span>

namespace plenum::fuzz {

template <class F>
void for_each_record(std::span<const uint8_t> input, F&& f) {
  size_t offset = 0;
  while (offset + 2 <= input.size()) {
    const size_t length = input[offset];
    const uint8_t flags = input[offset + 1];
    offset += 2;
    const auto data = input.subspan(offset, std::min(length, input.size() - offset));
    offset += data.size();
    f(flags, data);
  }
}

} // namespace plenum::fuzz
