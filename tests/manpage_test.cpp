// docs/winnow.1 is written by hand from `winnow --help`; this keeps the two
// in step: every long option the CLI accepts must be documented there.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>

namespace {

std::string command_output(const std::string& command) {
  std::string out;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return out;
  char buffer[4096];
  size_t n;
  while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) out.append(buffer, n);
  pclose(pipe);
  return out;
}

std::set<std::string> long_options(const std::string& help) {
  std::set<std::string> options;
  static const std::regex kOption(R"((^|[\s,])(--[a-z][a-z0-9-]*))");
  for (std::sregex_iterator it(help.begin(), help.end(), kOption), end; it != end; ++it) {
    options.insert((*it)[2]);
  }
  return options;
}

// The man page with troff's escaped hyphens ("\-") made plain.
std::string manual_text() {
  std::ifstream in(WINNOW_SOURCE_DIR "/docs/winnow.1");
  std::stringstream ss;
  ss << in.rdbuf();
  std::string text = ss.str();
  std::string plain;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\\' && i + 1 < text.size() && text[i + 1] == '-') continue;
    plain += text[i];
  }
  return plain;
}

TEST(ManPage, DocumentsEveryLongOption) {
  std::string manual = manual_text();
  ASSERT_FALSE(manual.empty()) << "docs/winnow.1 missing";
  for (const char* command : {" --help", " normalize --help", " variants --help"}) {
    std::string help = command_output(std::string("\"") + WINNOW_BINARY + "\"" + command);
    std::set<std::string> options = long_options(help);
    ASSERT_GE(options.size(), 2u) << "could not read options from winnow" << command;
    for (const std::string& option : options) {
      EXPECT_NE(manual.find(option), std::string::npos)
          << option << " (from winnow" << command << ") is not in docs/winnow.1";
    }
  }
}

TEST(ManPage, ShowsTheCliVersion) {
  std::string version = command_output(std::string("\"") + WINNOW_BINARY + "\" --version");
  ASSERT_EQ(version.rfind("winnow ", 0), 0u) << version;
  version = version.substr(0, version.find_first_of("\r\n"));
  EXPECT_NE(manual_text().find("\"" + version + "\""), std::string::npos)
      << "the .TH line of docs/winnow.1 should name \"" << version << "\"";
}

}  // namespace
