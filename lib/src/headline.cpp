#include "headline.hpp"

#include "dates.hpp"
#include "utf8.hpp"

namespace winnow::detail {

namespace {

std::uint8_t flags_of(char32_t cp) { return code_point_props(cp).flags; }

bool is_stop(char32_t cp) { return cp == '.' || cp == '!' || cp == '?' || cp == U'\u2026'; }

// Whether two lower-case letters end text[..at).
bool lower_letters_before(std::string_view text, std::size_t at) {
  for (int letters = 0; letters < 2; ++letters) {
    if (at == 0) return false;
    std::size_t start = at - 1;
    while (start > 0 && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) --start;  // a code point's first byte
    std::size_t i = start;
    if (!(flags_of(next_code_point(text, i)) & CodePointProps::kLower)) return false;
    at = start;
  }
  return true;
}

bool is_closing_quote(char32_t cp) { return cp == '"' || cp == '\'' || cp == U'\u2019' || cp == U'\u201D'; }

// Whether the text from `i` on, just after a stop, goes on with a new
// sentence: closing quotes, then spaces and a capital, or a capital and a
// lower-case letter with no space (a caption glued to its credit).
bool new_sentence_at(std::string_view text, std::size_t i) {
  for (std::size_t next = i; next < text.size() && is_closing_quote(next_code_point(text, next));) i = next;
  std::size_t spaces = 0;
  while (i < text.size() && text[i] == ' ') ++i, ++spaces;
  if (i >= text.size() || !(flags_of(next_code_point(text, i)) & CodePointProps::kCapital)) return false;
  if (spaces > 0) return true;
  return i < text.size() && (flags_of(next_code_point(text, i)) & CodePointProps::kLower);
}

}  // namespace

bool headline_like(const PageBlock& b, const BlockStats& s) {
  if (!b.block.kept) return false;
  return s.words >= 2 && s.words <= 40 && s.units >= 10 && !s.has_url &&
         (!s.ends_sentence || b.text().ends_with("?") || b.text().ends_with("!"));
}

bool has_inner_sentence_end(std::string_view text) {
  // Only the stops are looked at: '.', '!', '?' and the lead byte of '…'.
  for (std::size_t at = 0; at < text.size(); ++at) {
    const char c = text[at];
    if (c != '.' && c != '!' && c != '?' && c != '\xE2') continue;
    std::size_t after = at;
    if (!is_stop(next_code_point(text, after)) || !lower_letters_before(text, at)) continue;
    if (new_sentence_at(text, after)) return true;
  }
  return false;
}

bool reads_as_headline(std::string_view text, const BlockStats& s) {
  constexpr std::size_t kFewestWords = 4, kMostWords = 25;
  constexpr std::size_t kCaselessUnits = 30;
  constexpr std::size_t kLongestSentenceCase = 15;
  const bool caseless = s.cased_words == 0;
  if (s.words > kMostWords || (s.words < kFewestWords && !(caseless && s.units >= kCaselessUnits))) return false;
  const bool sentence_case = s.capitalized_words * 3 < s.cased_words;
  if (sentence_case && s.words > kLongestSentenceCase) return false;
  return !text.ends_with(')') && !has_inner_sentence_end(text) && !(s.digits >= kFewestDateDigits && has_date(text));
}

std::size_t find_headline(const Document& doc, std::size_t article_begin) {
  constexpr std::size_t kWindow = 12;
  // A line this many blocks up weighs half as much as one of the same
  // length right before the article.
  constexpr double kHalfWeightDistance = 12;
  const std::size_t none = doc.blocks.size();
  const std::size_t from = article_begin > kWindow ? article_begin - kWindow : 0;
  std::size_t best = none, best_reading = none;
  double best_weight = 0, best_reading_weight = 0;
  for (std::size_t i = from; i < article_begin && i < doc.blocks.size(); ++i) {
    const PageBlock& b = doc.blocks[i];
    if (!headline_like(b, b.stats)) continue;
    const double distance = static_cast<double>(article_begin - i);
    const double weight = static_cast<double>(b.stats.units) / (1 + distance / kHalfWeightDistance);
    if (best == none || weight > best_weight) best = i, best_weight = weight;
    // How a line reads is asked only of one that would win.
    if ((best_reading == none || weight > best_reading_weight) && reads_as_headline(b.text(), b.stats)) {
      best_reading = i, best_reading_weight = weight;
    }
  }
  return best_reading != none ? best_reading : best;
}

}  // namespace winnow::detail
