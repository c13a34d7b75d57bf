#include "parse_html.hpp"

namespace winnow::detail {

bool parse_html(std::string_view, const Options&, Document&, std::string& error) {
  error = "HTML extraction is not available in this build yet; use --mode text";
  return false;
}

}  // namespace winnow::detail
