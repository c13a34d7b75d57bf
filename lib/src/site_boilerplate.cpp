// Site-level boilerplate learning: a count-min sketch of (site, block) page
// counts. See <winnow/site_boilerplate.hpp> for the contract.
#include "winnow/site_boilerplate.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <mutex>
#include <unordered_set>
#include <vector>

#include "block_key.hpp"
#include "render.hpp"

namespace winnow {

namespace {

constexpr std::size_t kRows = 4;

std::uint64_t mix(std::uint64_t x) {  // splitmix64 finalizer
  x += 0x9E3779B97F4A7C15ull;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
  return x ^ (x >> 31);
}

std::uint64_t fnv1a(std::string_view s, std::uint64_t h = 0xCBF29CE484222325ull) {
  for (unsigned char c : s) h = (h ^ c) * 0x100000001B3ull;
  return h;
}

std::string join_kept(const std::vector<Block>& blocks) {
  // The same joining as extract(): kept blocks, separated by a blank line
  // (a paragraph's lines by a newline), in room made once.
  std::size_t size = 0;
  for (const auto& b : blocks) size += b.kept ? b.text.size() + 2 : 0;
  std::string text;
  text.reserve(size);
  detail::LineJoiner lines;
  for (const auto& b : blocks) {
    const bool next_line = lines.joins(b);
    if (!b.kept) continue;
    if (!text.empty()) text += next_line ? "\n" : "\n\n";
    text += b.text;
  }
  return text;
}

// The sketch cells of a page's blocks (site and block key mixed), each
// distinct one once (a block counts once per page), in page order, into
// `cells`: a small open-addressing set, `seen`, finds the repeats, where
// sorting the cells cost more. Both are the caller's room, reused page to
// page.
void distinct_cells(std::uint64_t site_hash, const std::vector<std::uint64_t>& keys,
                    std::vector<std::uint64_t>& seen, std::vector<std::uint64_t>& cells) {
  cells.clear();
  const std::size_t slots = std::bit_ceil(2 * keys.size() + 2);
  seen.assign(slots, 0);  // 0: a free slot; a cell of 0 is noted apart
  bool zero_seen = false;
  for (std::uint64_t h : keys) {
    if (h == 0) continue;
    const std::uint64_t cell = mix(site_hash ^ h);
    if (cell == 0) {
      if (!zero_seen) cells.push_back(cell);
      zero_seen = true;
      continue;
    }
    for (std::size_t i = cell & (slots - 1);; i = (i + 1) & (slots - 1)) {
      if (seen[i] == 0) {
        seen[i] = cell;
        cells.push_back(cell);
        break;
      }
      if (seen[i] == cell) break;
    }
  }
}

}  // namespace

struct SiteBoilerplate::State {
  // The counters of one cell, one per row.
  using Slots = std::array<std::size_t, kRows>;

  mutable std::mutex mutex;
  std::vector<std::uint8_t> counters;  // kRows rows of `mask + 1` counters
  std::size_t mask = 0;
  std::size_t sightings = 0;  // increments since the last halving
  mutable std::vector<Slots> slots_scratch;  // slots_prefetched()'s answer
  mutable std::vector<std::uint64_t> seen_scratch, cells_scratch;  // observe()'s room for distinct_cells()

  Slots slots(std::uint64_t key) const {
    Slots s;
    for (std::size_t r = 0; r < kRows; ++r) s[r] = r * (mask + 1) + (mix(key + r * 0x632BE59BD9B4E019ull) & mask);
    return s;
  }

  // The sketch is larger than a core's first-level cache and each counter
  // is a random access: ask for all of a page's counters before reading
  // any, so the cache misses overlap instead of following one another.
  // A huge page's list is not kept for the learner's lifetime.
  void trim_scratch() const {
    if (slots_scratch.capacity() > (std::size_t{1} << 16)) std::vector<Slots>().swap(slots_scratch);
    if (seen_scratch.capacity() > (std::size_t{1} << 17)) std::vector<std::uint64_t>().swap(seen_scratch);
    if (cells_scratch.capacity() > (std::size_t{1} << 16)) std::vector<std::uint64_t>().swap(cells_scratch);
  }

  // Called under the mutex; the list is the state's, reused page to page.
  const std::vector<Slots>& slots_prefetched(const std::vector<std::uint64_t>& cells) const {
    std::vector<Slots>& all = slots_scratch;
    all.clear();
    for (std::uint64_t c : cells) {
      all.push_back(slots(c));
      for (std::size_t i : all.back()) __builtin_prefetch(&counters[i]);
    }
    return all;
  }

  unsigned estimate(const Slots& s) const {
    unsigned m = 255;
    for (std::size_t i : s) m = std::min<unsigned>(m, counters[i]);
    return m;
  }

  // Conservative update: raise only the counters at the current minimum,
  // which keeps over-estimates from collisions small.
  void add(const Slots& s) {
    unsigned m = estimate(s);
    if (m == 255) return;
    // Which counters sit at the minimum is as good as random: added
    // without a branch.
    for (std::size_t i : s) counters[i] = static_cast<std::uint8_t>(counters[i] + (counters[i] == m));
    if (++sightings > mask + 1) {
      for (auto& c : counters) c = static_cast<std::uint8_t>(c >> 1);
      sightings = 0;
    }
  }
};

SiteBoilerplate::SiteBoilerplate(SiteBoilerplateOptions options)
    : state_(std::make_unique<State>()), options_(options) {
  std::size_t width = 64;
  while (width < options_.width) width <<= 1;
  state_->mask = width - 1;
  state_->counters.assign(kRows * width, 0);
  options_.min_pages = std::clamp(options_.min_pages, 2u, 255u);
}

SiteBoilerplate::~SiteBoilerplate() = default;

std::vector<std::uint64_t> SiteBoilerplate::block_keys(const Result& page) {
  if (page.block_keys.size() == page.blocks.size()) return page.block_keys;  // extract() made them
  std::vector<std::uint64_t> keys;
  keys.reserve(page.blocks.size());
  for (const auto& b : page.blocks) keys.push_back(detail::block_key(b.text));
  return keys;
}

void SiteBoilerplate::observe(std::string_view site, const Result& page) {
  if (page.ok()) observe(site, block_keys(page));
}

void SiteBoilerplate::observe(std::string_view site, const std::vector<std::uint64_t>& keys) {
  const std::uint64_t site_hash = fnv1a(site);
  std::lock_guard lock(state_->mutex);
  distinct_cells(site_hash, keys, state_->seen_scratch, state_->cells_scratch);
  for (const auto& s : state_->slots_prefetched(state_->cells_scratch)) state_->add(s);
  state_->trim_scratch();
}

std::size_t SiteBoilerplate::apply(std::string_view site, Result& page) const {
  return page.ok() ? apply(site, page, block_keys(page)) : 0;
}

std::size_t SiteBoilerplate::apply(std::string_view site, Result& page,
                                   const std::vector<std::uint64_t>& keys) const {
  if (!page.ok() || keys.size() != page.blocks.size()) return 0;
  const std::uint64_t site_hash = fnv1a(site);
  // The kept blocks with words, and their cells; then, in the same room,
  // those of them that recur and their page counts. Sized once: a page has
  // tens of kept blocks, and growing four lists cost an allocation each a
  // few blocks.
  std::vector<std::size_t> recurring;
  std::vector<std::uint64_t> cells;
  recurring.reserve(page.blocks.size());
  cells.reserve(page.blocks.size());
  std::size_t kept = 0;
  for (std::size_t i = 0; i < page.blocks.size(); ++i) {
    if (!page.blocks[i].kept) continue;
    ++kept;
    if (keys[i] == 0) continue;
    recurring.push_back(i);
    cells.push_back(mix(site_hash ^ keys[i]));
  }
  std::vector<std::uint64_t>& counts = cells;
  {
    std::lock_guard lock(state_->mutex);
    const auto& slots = state_->slots_prefetched(cells);
    std::size_t found = 0;
    for (std::size_t j = 0; j < recurring.size(); ++j) {
      const unsigned n = state_->estimate(slots[j]);
      if (n >= options_.min_pages) {
        recurring[found] = recurring[j];
        counts[found] = n;
        ++found;
      }
    }
    recurring.resize(found);
    state_->trim_scratch();
  }
  if (recurring.empty()) return 0;
  if (options_.keep_last_block && recurring.size() == kept) return 0;
  for (std::size_t i : recurring) {
    page.blocks[i].kept = false;
    page.blocks[i].reason = Reason::Boilerplate;
  }
  if (options_.evidence) {
    const std::string_view where = site.empty() ? std::string_view("this site") : site;
    for (std::size_t j = 0; j < recurring.size(); ++j) {
      std::string& evidence = page.blocks[recurring[j]].evidence;
      evidence = "repeated on ";
      evidence += std::to_string(counts[j]);
      evidence += counts[j] == 255 ? "+ pages of " : " pages of ";
      evidence += where;
    }
  }
  page.text = join_kept(page.blocks);
  return recurring.size();
}

unsigned SiteBoilerplate::pages_with(std::string_view site, std::string_view block_text) const {
  std::uint64_t h = detail::block_key(block_text);
  if (h == 0) return 0;
  std::lock_guard lock(state_->mutex);
  return state_->estimate(state_->slots(mix(fnv1a(site) ^ h)));
}

std::string SiteBoilerplate::site_key(std::string_view url) {
  std::size_t scheme = url.find("://");
  if (scheme != std::string_view::npos) {
    url.remove_prefix(scheme + 3);
  } else if (url.starts_with("//")) {
    url.remove_prefix(2);
  } else {
    return {};
  }
  url = url.substr(0, url.find_first_of("/?#"));
  if (std::size_t at = url.rfind('@'); at != std::string_view::npos) url.remove_prefix(at + 1);
  if (!url.starts_with('[')) url = url.substr(0, url.find(':'));
  std::string host;
  for (char c : url) host.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
  while (!host.empty() && host.back() == '.') host.pop_back();
  if (host.starts_with("www.")) host.erase(0, 4);
  return host;
}

}  // namespace winnow
