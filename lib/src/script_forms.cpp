#include "script_forms.hpp"

#include "utf8.hpp"

namespace winnow::detail {

bool is_script_space(char32_t c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0xA0;
}

char32_t script_form(char32_t c, Script script) {
  for (const ScriptForm& f : kScriptForms) {
    if (f.plain == c) return script == Script::Super ? f.super : f.sub;
  }
  return 0;
}

ScriptWriting script_writing(std::string_view text, Script script) {
  std::size_t begin = 0, end = text.size();
  auto space_at = [&](std::size_t i) {
    std::size_t at = i;
    return is_script_space(next_code_point(text, at));
  };
  while (begin < end && space_at(begin)) next_code_point(text, begin);
  while (end > begin && space_at(code_point_start_before(text, end))) end = code_point_start_before(text, end);
  if (begin == end) return {};
  const std::string_view word = text.substr(begin, end - begin);
  if (script == Script::Super) {
    for (const ScriptWord& w : kSuperscriptWords) {
      if (word == w.word) return {ScriptWriting::Whole, w.sign};
    }
  }
  for (std::size_t i = 0; i < word.size();) {
    const char32_t c = next_code_point(word, i);
    if (!is_script_space(c) && script_form(c, script) == 0) return {};
  }
  return {ScriptWriting::EachCharacter, 0};
}

void append_script_text(std::string& out, std::string_view text, Script script,
                        const ScriptWriting& writing, bool& wrote_sign) {
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t start = i;
    const char32_t c = next_code_point(text, i);
    if (is_script_space(c)) {
      out.append(text, start, i - start);
    } else if (writing.kind == ScriptWriting::Whole) {
      if (!wrote_sign) append_utf8(out, writing.sign);
      wrote_sign = true;
    } else if (const char32_t form = writing.kind == ScriptWriting::EachCharacter ? script_form(c, script) : 0) {
      append_utf8(out, form);
    } else {
      out.append(text, start, i - start);
    }
  }
}

char32_t plain_of_script_form(char32_t c) {
  if (c == 0) return 0;
  for (const ScriptForm& f : kScriptForms) {
    if (f.super == c || f.sub == c) return f.plain;
  }
  return 0;
}

namespace {

// Where a form may begin: C2 (¹ ² ³) or E2 81 / E2 82 (U+2070..U+208F).
bool may_begin_form(std::string_view text, std::size_t i) {
  const auto b = static_cast<unsigned char>(text[i]);
  if (b == 0xC2) return true;
  return b == 0xE2 && i + 1 < text.size() &&
         (static_cast<unsigned char>(text[i + 1]) == 0x81 || static_cast<unsigned char>(text[i + 1]) == 0x82);
}

}  // namespace

bool has_script_forms(std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (!may_begin_form(text, i)) continue;
    std::size_t at = i;
    if (plain_of_script_form(next_code_point(text, at)) != 0) return true;
  }
  return false;
}

std::string plain_script_forms(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const std::size_t start = i;
    if (!may_begin_form(text, i)) {
      out.push_back(text[i++]);
      continue;
    }
    const char32_t c = next_code_point(text, i);
    if (const char32_t plain = plain_of_script_form(c)) {
      append_utf8(out, plain);
    } else {
      out.append(text, start, i - start);
    }
  }
  return out;
}

}  // namespace winnow::detail
