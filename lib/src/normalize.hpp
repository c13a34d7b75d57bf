// Stage 5, normalize: valid UTF-8, Unicode form, spaces and line breaks,
// mojibake repair, name variants. winnow::normalize() is its public face.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "winnow/winnow.hpp"

namespace winnow::detail {

// Unicode form only (NFC/NFKC/none) of already valid UTF-8.
std::string unicode_form(std::string_view utf8, UnicodeForm form);

}  // namespace winnow::detail
