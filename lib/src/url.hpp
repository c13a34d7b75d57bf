// URL references resolved against a base URL (RFC 3986, section 5), so that
// the links of a page's Markdown work away from the page.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace winnow::detail {

// `reference` resolved against `base`, which must be absolute (a scheme and
// an authority: "https://example.com/a/b"); nullopt when it is not. A
// reference with a scheme of its own comes back as it is.
std::optional<std::string> resolve_url(std::string_view base, std::string_view reference);

}  // namespace winnow::detail
