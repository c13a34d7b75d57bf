// Storage for many short strings that live as long as a page does (the
// keys of its blocks): back to back in a few large allocations rather than
// one allocation each.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <memory>
#include <string_view>
#include <vector>

namespace winnow::detail {

// What add() returns stays valid, and in place, for the arena's life,
// however the arena is moved. Each key is followed by at least kPadding
// readable bytes (zeros, or the keys added after it), so that a fast path
// may read 64 bytes at once from anywhere in a key.
class KeyArena {
 public:
  static constexpr std::size_t kPadding = 64;

  // Room for about this many bytes of keys before another chunk is needed.
  void reserve(std::size_t bytes) {
    if (bytes + kPadding > room()) add_chunk(bytes + kPadding);
  }

  // A key of `size` bytes from `bytes`, which have kPadding readable bytes
  // past `size` (whatever they hold; the stats walk writes its keys into
  // such room): copied 64 bytes at a time, so that most keys are one fixed
  // copy, where a copy of `size` bytes branches on the size.
  std::string_view add(const char* bytes, std::size_t size) {
    if (size == 0) return {};
    if (size + kPadding > room()) add_chunk(std::max(size + kPadding, 2 * capacity_));
    char* at = chunks_.back().get() + used_;
    for (std::size_t done = 0; done < size; done += kPadding) std::memcpy(at + done, bytes + done, kPadding);
    std::memset(at + size, 0, kPadding);  // over what the last piece brought past the key
    used_ += size;
    return {at, size};
  }

 private:
  std::size_t room() const { return capacity_ - used_; }

  void add_chunk(std::size_t bytes) {
    chunks_.push_back(std::make_unique_for_overwrite<char[]>(bytes));
    capacity_ = bytes;
    used_ = 0;
  }

  std::vector<std::unique_ptr<char[]>> chunks_;
  std::size_t capacity_ = 0, used_ = 0;
};

}  // namespace winnow::detail
