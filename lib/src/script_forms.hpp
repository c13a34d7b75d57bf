// The text of a <sup> or <sub> in Unicode's superscript and subscript
// forms. "10<sup>6</sup>" read as flat text is "106", a different number,
// and "H<sub>2</sub>O" is "H2O"; written "10⁶" and "H₂O" they keep their
// meaning in plain text and in Markdown alike (CommonMark has no
// superscript syntax, and these characters render everywhere).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace winnow::detail {

enum class Script { Super, Sub };

// A plain character and its forms; 0 where Unicode has none. This is the
// whole list of what is rewritten, so it is kept as data: Unicode encodes
// superscript and subscript forms for digits, + - = ( ) and a scattering of
// letters, not for every character, so a <sup> or <sub> is rewritten only
// when every character of its text is in this table.
struct ScriptForm {
  char32_t plain;
  char32_t super;
  char32_t sub;
};

// Of the letters, only superscript n (x^n, 2^n): its glyph is in the fonts
// that have superscript digits. Superscript i is left out on purpose: it is
// mostly a Roman-numeral note marker, and "i", "ii", "iii" would be
// rewritten while "iv" and "v" could not be, so the markers of one page
// would come out in two styles. The subscript letters (U+2090..) are missing
// from many fonts.
inline constexpr ScriptForm kScriptForms[] = {
    {U'0', 0x2070, 0x2080}, {U'1', 0x00B9, 0x2081}, {U'2', 0x00B2, 0x2082},
    {U'3', 0x00B3, 0x2083}, {U'4', 0x2074, 0x2084}, {U'5', 0x2075, 0x2085},
    {U'6', 0x2076, 0x2086}, {U'7', 0x2077, 0x2087}, {U'8', 0x2078, 0x2088},
    {U'9', 0x2079, 0x2089}, {U'+', 0x207A, 0x208A}, {U'-', 0x207B, 0x208B},
    // The minus sign (&minus;), as pages write negative exponents; the
    // hyphen-minus above comes first, so a form folds back to '-'.
    {0x2212, 0x207B, 0x208B},
    {U'=', 0x207C, 0x208C}, {U'(', 0x207D, 0x208D}, {U')', 0x207E, 0x208E},
    {U'n', 0x207F, 0},
};

// A <sup> whose whole text is one of these words is the sign it spells:
// "Acme<sup>TM</sup>" is "Acme™", as the page shows it and as the sign is
// typed in text. Read flat, "AcmeTM" is a different word (no search for
// "Acme" finds it, and no reader writes it so); the letters have no
// superscript forms, so the sign is the only way to keep them apart. Signs
// that are already characters (® © ™) are left as they are, raised or not.
struct ScriptWord {
  std::string_view word;
  char32_t sign;
};
inline constexpr ScriptWord kSuperscriptWords[] = {
    {"TM", 0x2122},  // ™ trade mark sign
    {"SM", 0x2120},  // ℠ service mark
};

// How the text of a <sup>/<sub> is written.
struct ScriptWriting {
  enum Kind { Plain, EachCharacter, Whole } kind = Plain;
  char32_t sign = 0;  // for Whole: the sign written for the word
};

// Judges the whole text of the element (spaces at its ends and inside are
// kept as spaces): EachCharacter when every other character has a form of
// the kind, Whole when a <sup> holds one of kSuperscriptWords, else Plain
// ("1<sup>st</sup>", "<sup>[1]</sup>", "<sup>1,2</sup>", nothing but spaces).
ScriptWriting script_writing(std::string_view text, Script script);

// Whether `c` is a space inside a <sup>/<sub>: left as it is.
bool is_script_space(char32_t c);

// The form of `c`, or 0.
char32_t script_form(char32_t c, Script script);

// Appends `text` as it is written: each character in its form (a space, or
// a character with none, as it is), or the sign once, at the first
// character that is not a space, and nothing for the rest of the word.
// `wrote_sign` carries over from one piece of an element's text to the next.
void append_script_text(std::string& out, std::string_view text, Script script,
                        const ScriptWriting& writing, bool& wrote_sign);

// The plain character a superscript or subscript form of kScriptForms
// stands for, or 0.
char32_t plain_of_script_form(char32_t c);

// Whether the text holds a superscript or subscript form of kScriptForms.
bool has_script_forms(std::string_view text);

// The text with those forms read back as their plain characters (⁻ as '-'),
// for comparisons: a headline written "CO<sub>2</sub> levels" is the page's
// <title> "CO2 levels", which can hold no markup. The signs of
// kSuperscriptWords stay: a title is as likely to write "Acme™" as "Acme".
std::string plain_script_forms(std::string_view text);

}  // namespace winnow::detail
