#include "html_arena.hpp"

#include <algorithm>

namespace winnow::detail {

void* Arena::allocate(std::size_t size) {
  size = (size + kAlign - 1) & ~(kAlign - 1);
  if (size > left_) {
    std::size_t chunk = std::max(size, next_chunk_);
    next_chunk_ = std::min(next_chunk_ * 2, kMaxChunk);
    chunks_.push_back(std::make_unique_for_overwrite<std::byte[]>(chunk));
    cursor_ = chunks_.back().get();
    left_ = chunk;
  }
  void* p = cursor_;
  cursor_ += size;
  left_ -= size;
  return p;
}

void* Arena::gumbo_allocate(void* arena, std::size_t size) {
  return static_cast<Arena*>(arena)->allocate(size);
}

void Arena::gumbo_free(void*, void*) {}

}  // namespace winnow::detail
