#include "html_arena.hpp"

#include <algorithm>

namespace winnow::detail {

void Arena::grow(std::size_t size) {
  std::size_t chunk = std::max(size, next_chunk_);
  next_chunk_ = std::min(next_chunk_ * 2, kMaxChunk);
  chunks_.push_back(std::make_unique_for_overwrite<std::byte[]>(chunk));
  cursor_ = chunks_.back().get();
  left_ = chunk;
}

void Arena::gumbo_free(void*, void*) {}

}  // namespace winnow::detail
