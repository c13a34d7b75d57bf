#include "classify.hpp"

#include "markers.hpp"

namespace winnow::detail {

namespace {

// Teasers are one line; a long block that opens with "Read more:" is prose.
constexpr std::size_t kMaxTeaserBytes = 300;

void classify_block(PageBlock& b, const MarkerSet& markers) {
  std::string key = marker_key(b.block.text);
  if (key.empty()) {
    drop(b, Reason::Empty, "no letters or digits", true);
    return;
  }
  if (auto reason = markers.match_whole(key)) {
    drop(b, *reason, "marker '" + key + "'", *reason == Reason::AdMarker);
    return;
  }
  if (b.block.text.size() <= kMaxTeaserBytes) {
    if (auto prefix = markers.match_teaser(key)) {
      drop(b, Reason::Teaser, "teaser prefix '" + std::string(*prefix) + "'");
      return;
    }
  }
  keep(b);
}

}  // namespace

void classify(Document& doc, const Options&) {
  const MarkerSet& markers = builtin_markers();
  for (auto& b : doc.blocks) classify_block(b, markers);
}

}  // namespace winnow::detail
