// Site-level boilerplate learning: a count-min sketch of (site, block) page
// counts. See <winnow/site_boilerplate.hpp> for the contract.
#include "winnow/site_boilerplate.hpp"

#include <algorithm>
#include <mutex>
#include <unordered_set>
#include <vector>

#include "utf8.hpp"

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

// Blocks compare by their words: runs of letters and digits, lower-cased,
// every run of digits read as one '0', punctuation and spacing ignored. So
// "(c) 2023 Site Inc." matches "© 2024 SITE, Inc" and "12 comments" matches
// "3 Comments". Hashed on the fly: this runs on every block of every page.
std::uint64_t block_hash(std::string_view text) {
  constexpr std::uint64_t kPrime = 0x100000001B3ull;
  std::uint64_t h = 0xCBF29CE484222325ull;
  bool any = false, gap = false, in_digits = false;
  auto byte = [&](unsigned b) { h = (h ^ b) * kPrime; };
  auto word_char = [&] {  // a word goes on: one separator since the last
    if (gap) byte(' ');
    gap = false;
    any = true;
  };
  for (std::size_t i = 0; i < text.size();) {
    auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      ++i;
      if (c >= '0' && c <= '9') {
        if (!in_digits) { word_char(); byte('0'); }
        in_digits = true;
      } else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') {
        word_char();
        byte(c | 0x20);
        in_digits = false;
      } else {
        gap = any;
        in_digits = false;
      }
      continue;
    }
    char32_t cp = detail::next_code_point(text, i);
    if (!detail::is_letter_or_digit(cp)) {
      gap = any;
      in_digits = false;
      continue;
    }
    word_char();
    cp = detail::to_lower(cp);
    for (int shift = 0; shift < 32; shift += 8) byte((cp >> shift) & 0xFF);
    in_digits = false;
  }
  return any ? mix(h) | 1 : 0;  // 0 means "no words"
}

std::string join_kept(const std::vector<Block>& blocks) {
  // The same joining as extract(): kept blocks, separated by a blank line.
  std::string text;
  for (const auto& b : blocks) {
    if (!b.kept) continue;
    if (!text.empty()) text += "\n\n";
    text += b.text;
  }
  return text;
}

}  // namespace

struct SiteBoilerplate::State {
  mutable std::mutex mutex;
  std::vector<std::uint8_t> counters;  // kRows rows of `mask + 1` counters
  std::size_t mask = 0;
  std::size_t sightings = 0;  // increments since the last halving

  std::size_t slot(std::size_t row, std::uint64_t key) const {
    return row * (mask + 1) + (mix(key + row * 0x632BE59BD9B4E019ull) & mask);
  }

  unsigned estimate(std::uint64_t key) const {
    unsigned m = 255;
    for (std::size_t r = 0; r < kRows; ++r) m = std::min<unsigned>(m, counters[slot(r, key)]);
    return m;
  }

  // Conservative update: raise only the counters at the current minimum,
  // which keeps over-estimates from collisions small.
  void add(std::uint64_t key) {
    unsigned m = estimate(key);
    if (m == 255) return;
    for (std::size_t r = 0; r < kRows; ++r) {
      std::uint8_t& c = counters[slot(r, key)];
      if (c == m) c = static_cast<std::uint8_t>(m + 1);
    }
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
  std::vector<std::uint64_t> keys;
  keys.reserve(page.blocks.size());
  for (const auto& b : page.blocks) keys.push_back(block_hash(b.text));
  return keys;
}

void SiteBoilerplate::observe(std::string_view site, const Result& page) {
  if (page.ok()) observe(site, block_keys(page));
}

void SiteBoilerplate::observe(std::string_view site, const std::vector<std::uint64_t>& keys) {
  const std::uint64_t site_hash = fnv1a(site);
  std::vector<std::uint64_t> cells;
  cells.reserve(keys.size());
  for (std::uint64_t h : keys) {
    if (h != 0) cells.push_back(mix(site_hash ^ h));
  }
  std::sort(cells.begin(), cells.end());
  cells.erase(std::unique(cells.begin(), cells.end()), cells.end());
  std::lock_guard lock(state_->mutex);
  for (std::uint64_t c : cells) state_->add(c);
}

std::size_t SiteBoilerplate::apply(std::string_view site, Result& page) const {
  return page.ok() ? apply(site, page, block_keys(page)) : 0;
}

std::size_t SiteBoilerplate::apply(std::string_view site, Result& page,
                                   const std::vector<std::uint64_t>& keys) const {
  if (!page.ok() || keys.size() != page.blocks.size()) return 0;
  const std::uint64_t site_hash = fnv1a(site);
  std::vector<std::size_t> recurring;
  std::vector<unsigned> counts;
  std::size_t kept = 0;
  {
    std::lock_guard lock(state_->mutex);
    for (std::size_t i = 0; i < page.blocks.size(); ++i) {
      if (!page.blocks[i].kept) continue;
      ++kept;
      if (keys[i] == 0) continue;
      unsigned n = state_->estimate(mix(site_hash ^ keys[i]));
      if (n >= options_.min_pages) {
        recurring.push_back(i);
        counts.push_back(n);
      }
    }
  }
  if (recurring.empty()) return 0;
  if (options_.keep_last_block && recurring.size() == kept) return 0;
  std::string where = site.empty() ? std::string("this site") : std::string(site);
  for (std::size_t j = 0; j < recurring.size(); ++j) {
    Block& b = page.blocks[recurring[j]];
    b.kept = false;
    b.reason = Reason::Boilerplate;
    b.evidence = "repeated on ";
    b.evidence += std::to_string(counts[j]);
    b.evidence += counts[j] == 255 ? "+ pages of " : " pages of ";
    b.evidence += where;
  }
  page.text = join_kept(page.blocks);
  return recurring.size();
}

unsigned SiteBoilerplate::pages_with(std::string_view site, std::string_view block_text) const {
  std::uint64_t h = block_hash(block_text);
  if (h == 0) return 0;
  std::lock_guard lock(state_->mutex);
  return state_->estimate(mix(fnv1a(site) ^ h));
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
