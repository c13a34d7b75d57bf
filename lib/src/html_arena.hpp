// A bump allocator for Gumbo (GumboOptions::allocator). Gumbo makes many
// small allocations and frees them all at the end; here freeing is a no-op
// and the whole tree goes at once when the arena does, without walking it.
#pragma once

#include <cstddef>
#include <memory>
#include <vector>

namespace winnow::detail {

class Arena {
 public:
  explicit Arena(std::size_t first_chunk = std::size_t{1} << 16) : next_chunk_(first_chunk) {}
  Arena(const Arena&) = delete;
  Arena& operator=(const Arena&) = delete;

  // Inline: Gumbo allocates for nearly every character it buffers.
  void* allocate(std::size_t size) {
    size = (size + kAlign - 1) & ~(kAlign - 1);
    if (size > left_) grow(size);
    void* p = cursor_;
    cursor_ += size;
    left_ -= size;
    return p;
  }

  // Callbacks with the signatures GumboOptions wants; userdata is the Arena.
  static void* gumbo_allocate(void* arena, std::size_t size) {
    return static_cast<Arena*>(arena)->allocate(size);
  }
  static void gumbo_free(void* arena, void* ptr);

 private:
  void grow(std::size_t size);  // a new chunk of at least `size` bytes

  static constexpr std::size_t kAlign = alignof(std::max_align_t);
  static constexpr std::size_t kMaxChunk = std::size_t{4} << 20;

  std::vector<std::unique_ptr<std::byte[]>> chunks_;
  std::byte* cursor_ = nullptr;
  std::size_t left_ = 0;
  std::size_t next_chunk_;
};

}  // namespace winnow::detail
