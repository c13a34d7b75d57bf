#include "normalize.hpp"

#include <cstdlib>

#include <utf8proc.h>

#include "decode.hpp"

namespace winnow::detail {

std::string unicode_form(std::string_view utf8, UnicodeForm form) {
  if (form == UnicodeForm::None) return std::string(utf8);
  int flags = UTF8PROC_STABLE | UTF8PROC_COMPOSE;
  if (form == UnicodeForm::NFKC) flags |= UTF8PROC_COMPAT;
  utf8proc_uint8_t* out = nullptr;
  auto n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(utf8.data()),
                        static_cast<utf8proc_ssize_t>(utf8.size()), &out,
                        static_cast<utf8proc_option_t>(flags));
  if (n < 0) return std::string(utf8);
  std::string result(reinterpret_cast<const char*>(out), static_cast<std::size_t>(n));
  std::free(out);
  return result;
}

}  // namespace winnow::detail

namespace winnow {

std::string normalize(std::string_view text, const NormalizeOptions& options,
                      std::vector<std::string>*) {
  std::string valid = detail::to_valid_utf8(text);
  if (!options.enabled) return valid;
  return detail::unicode_form(valid, options.form);
}

}  // namespace winnow
