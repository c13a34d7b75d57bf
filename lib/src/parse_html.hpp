// Stage 2b, parse a web page into blocks with Gumbo, carrying the DOM's
// evidence (tags, links, containers) and the page metadata.
#pragma once

#include <string_view>

#include "document.hpp"

namespace winnow::detail {

// Fills `doc`; returns false (with `error`) when the page cannot be parsed.
bool parse_html(std::string_view utf8, const Options& options, Document& doc,
                std::string& error);

// The same with the prescan's `lean` setting chosen (html_prescan.hpp): the
// result does not depend on it, which the tests check.
bool parse_html(std::string_view utf8, const Options& options, Document& doc,
                std::string& error, bool lean_prescan);

}  // namespace winnow::detail
