// Stage 1, decode: decide what the input is (empty, binary, too large, HTML
// or text) and turn its bytes into UTF-8 for the parsers.
#pragma once

#include <string>
#include <string_view>

#include "winnow/winnow.hpp"

namespace winnow::detail {

struct Decoded {
  Status status = Status::Ok;
  std::string error;  // one line when status != Ok
  Mode mode = Mode::Text;
  std::string charset;  // what the bytes were read as, e.g. "utf-8"
  // For Result::notes: a charset guessed without a label, or bytes replaced.
  std::string note;

  // The input as UTF-8 (invalid sequences -> U+FFFD): the caller's input
  // itself when it was valid UTF-8 already (valid only as long as the
  // input is), else text of its own.
  std::string_view utf8() const { return converted ? std::string_view(own_text) : input_text; }

  bool converted = false;
  std::string own_text;         // when converted
  std::string_view input_text;  // when not
};

// `mode` Auto sniffs the content; Text and Html are taken as given. The
// result may refer to `input` (Decoded::utf8()).
Decoded decode(std::string_view input, const Options& options);

// True when the bytes look like markup rather than prose.
bool looks_like_html(std::string_view input);

// True when the bytes are not text at all: a binary signature, or NUL bytes
// among many control characters. UTF-16 is widened before this is asked.
bool looks_binary(std::string_view input);

// Text in UTF-16 with a byte-order mark, widened to UTF-8 in `widened` and
// returned as a view of it; any other input comes back as it is.
std::string_view widen_utf16(std::string_view input, std::string& widened);

// Text without a charset label (scraped text, a string given to normalize())
// as UTF-8: read with the code page guess_text_charset() (charset.hpp)
// names, else with its bad bytes replaced (to_valid_utf8()). `note` says
// which, for Result::notes; empty when the bytes were valid UTF-8.
struct UnlabelledText {
  std::string utf8;
  std::string charset;  // what the bytes were read as
  std::string note;
};
UnlabelledText read_unlabelled_text(std::string_view bytes);

// Text as normalize() reads it: UTF-16 by its byte-order mark, bytes that
// are not UTF-8 by read_unlabelled_text() (its note into `note`), valid
// UTF-8 as it is. The result views `input` or `storage`.
std::string_view read_text(std::string_view input, std::string& storage, std::string& note);

// `bytes` read as `charset` by the converter; as UTF-8 with the bad bytes
// replaced when `charset` is "utf-8" or unknown to it. `guessed`: no label
// named the charset, so the note says what was read.
UnlabelledText read_not_utf8(std::string_view bytes, std::string charset, bool guessed);

// Replace every invalid UTF-8 sequence with U+FFFD (one per maximal invalid
// subpart, as the Unicode standard recommends), and every NUL byte too.
// `replaced`, when given, is increased by the number of bytes replaced.
std::string to_valid_utf8(std::string_view bytes, std::size_t* replaced = nullptr);

}  // namespace winnow::detail
