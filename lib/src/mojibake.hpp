// Mojibake repair: text that was UTF-8, decoded once or more as a single-byte
// code page (Windows-1252 / Latin-1 above all; also Windows-1250/1251/1257,
// ISO-8859-2, MacRoman, CP437) and encoded again, as in "â€™" for "’" or
// "Ã©" for "é". See docs/normalize.md for the rules and how they are measured.
//
// Precision comes first: a candidate is only repaired on evidence that the
// text is damaged, since "repairing" correct text destroys it.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace winnow::detail {

struct MojibakeRepair {
  std::size_t spans = 0;  // sequences repaired (C1 controls included)
  // A few "before -> after" pairs, for notes.
  std::vector<std::pair<std::string, std::string>> examples;
};

// Repair `utf8` (valid UTF-8) in place; repeats until nothing changes, so
// mojibake of mojibake is undone too. Leftover C1 controls (U+0080..U+009F)
// are read as the Windows-1252 characters they almost always stand for.
MojibakeRepair repair_mojibake(std::string& utf8);

// The same without a copy when nothing is repaired: sets `result` (which may
// be the text's own string) only when `spans` is not zero.
MojibakeRepair repair_mojibake(std::string_view utf8, std::string& result);

// The same with only the first, coarse pre-check (a suspect pair of
// characters): every line that has one goes through the repair, for tests
// of the finer one.
MojibakeRepair repair_mojibake_reference(std::string_view utf8, std::string& result);

// For tests: whether every reading of the line (a code page over the whole
// line, Windows-1252 mixed with correct text) that finds something to
// repair is one the repair's first round tries, which rules out readings
// that cannot find a span.
bool mojibake_readings_cover(std::string_view line);

}  // namespace winnow::detail
