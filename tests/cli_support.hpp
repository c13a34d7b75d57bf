// Helpers for tests that run the built CLI (WINNOW_BINARY) through the shell.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <sys/wait.h>

#include "test_files.hpp"

namespace winnow::test {

struct Outcome {
  int status = -1;  // exit status
  std::string out, err;
};

// A fresh directory under the system temporary directory, removed on exit.
class TempDir {
 public:
  TempDir() {
    std::random_device rd;
    path_ = std::filesystem::temp_directory_path() / ("winnow-test-" + std::to_string(rd()));
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& s) const { return path_ / s; }

 private:
  std::filesystem::path path_;
};

// Outcome `command` with sh; "$W" in it is the winnow binary.
inline Outcome sh(const std::string& command, const TempDir& tmp) {
  std::string err_file = (tmp.path() / ".stderr").string();
  std::string full = "W='" WINNOW_BINARY "'; " + command + " 2>'" + err_file + "'";
  Outcome r;
  FILE* p = ::popen(full.c_str(), "r");
  if (!p) return r;
  char buf[65536];
  std::size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) r.out.append(buf, n);
  int st = ::pclose(p);
  r.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  r.err = read_file(err_file);
  return r;
}

// `s` as one shell word.
inline std::string quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

inline std::vector<std::string> lines_of(const std::string& s) {
  std::vector<std::string> lines;
  std::istringstream in(s);
  for (std::string l; std::getline(in, l);) lines.push_back(l);
  return lines;
}

// A test that runs the CLI with arguments (no shell between them) in a
// directory of its own.
class CliTest : public ::testing::Test {
 protected:
  // The binary with `args`, `input` on its standard input.
  Outcome run(const std::vector<std::string>& args, const std::string& input = "") {
    std::string cmd = quote(WINNOW_BINARY);
    for (const auto& a : args) cmd += " " + quote(a);
    auto in = dir_ / "stdin", out = dir_ / "stdout", err = dir_ / "stderr";
    write_file(in, input);
    cmd += " <" + quote(in.string()) + " >" + quote(out.string()) + " 2>" + quote(err.string());
    int raw = std::system(cmd.c_str());
    Outcome r;
    r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
    r.out = read_file(out);
    r.err = read_file(err);
    return r;
  }

  TempDir dir_;
};

inline std::size_t count_lines(std::string_view s) {
  std::size_t n = 0;
  for (char c : s) n += c == '\n';
  return n;
}

}  // namespace winnow::test
