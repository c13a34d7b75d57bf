// Fuzz target: JSON Lines streams (winnow --input jsonl), through the CLI's
// own reader and writer: one output record per input line, each one valid
// UTF-8 and one JSON object, whatever the lines hold.
#include <sys/mman.h>
#include <unistd.h>

#include <cstdint>
#include <cstring>
#include <iostream>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>
#include <simdjson.h>

#include "args.hpp"
#include "jsonl.hpp"
#include "support.hpp"

namespace {

// A file in memory holding `bytes`; -1 on failure.
int memory_file(std::string_view bytes) {
  int fd = memfd_create("winnow-fuzz", MFD_CLOEXEC);
  if (fd < 0) return -1;
  for (std::size_t done = 0; done < bytes.size();) {
    ssize_t n = write(fd, bytes.data() + done, bytes.size() - done);
    if (n <= 0) return close(fd), -1;
    done += static_cast<std::size_t>(n);
  }
  return fd;
}

std::string read_all(int fd) {
  std::string out;
  char buf[1 << 14];
  lseek(fd, 0, SEEK_SET);
  for (ssize_t n; (n = read(fd, buf, sizeof buf)) > 0;) out.append(buf, static_cast<std::size_t>(n));
  return out;
}

// Run the stream with stdout captured and stderr silenced.
std::string run_captured(const winnow::cli::Args& args) {
  int out = memory_file("");
  int saved_out = dup(STDOUT_FILENO), saved_err = dup(STDERR_FILENO);
  std::cout.flush();
  dup2(out, STDOUT_FILENO);
  int null = memory_file("");
  dup2(null, STDERR_FILENO);
  winnow::cli::run_jsonl(args);
  std::cout.flush();
  std::cerr.flush();
  dup2(saved_out, STDOUT_FILENO);
  dup2(saved_err, STDERR_FILENO);
  close(saved_out);
  close(saved_err);
  close(null);
  std::string captured = read_all(out);
  close(out);
  return captured;
}

}  // namespace

// `json` with every \u escape of a surrogate, paired or not, made \ufffd.
std::string without_surrogate_escapes(std::string_view json) {
  auto in = [](char c, std::string_view set) { return set.find(c) != std::string_view::npos; };
  constexpr std::string_view kHex = "0123456789abcdefABCDEF";
  std::string out(json);
  for (std::size_t i = 0; i + 1 < out.size(); ++i) {
    if (out[i] != '\\') continue;
    if (out[i + 1] == 'u' && i + 5 < out.size() && in(out[i + 2], "dD") && in(out[i + 3], "89abcdefABCDEF") &&
        in(out[i + 4], kHex) && in(out[i + 5], kHex)) {
      out.replace(i + 2, 4, "fffd");
    }
    ++i;  // the escaped character is not an escape itself
  }
  return out;
}

// `json` with every run of digits outside strings cut to its first two:
// JSON sets no limit on a number's size (1e400, or 400 digits, pass through
// as written), which nlohmann-json refuses past a double's range. Cut, a
// number keeps its shape: valid stays valid, "01" stays invalid.
std::string with_short_digit_runs(std::string_view json) {
  std::string out;
  bool in_string = false;
  std::size_t run = 0;
  for (std::size_t i = 0; i < json.size(); ++i) {
    const char c = json[i];
    if (in_string) {
      out.push_back(c);
      if (c == '\\' && i + 1 < json.size()) out.push_back(json[++i]);
      else if (c == '"') in_string = false;
      continue;
    }
    run = c >= '0' && c <= '9' ? run + 1 : 0;
    in_string = c == '"';
    if (run <= 2) out.push_back(c);
  }
  return out;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  FuzzedDataProvider fdp(data, size);
  winnow::cli::Args args;
  args.options = winnow::fuzz::draw_options(fdp);
  args.field = fdp.PickValueInArray({"html", "text", "body", ""});
  args.explain = fdp.ConsumeBool();
  args.site_boilerplate = fdp.ConsumeBool();
  args.format = winnow::cli::OutputFormat::Jsonl;
  args.input_format = winnow::cli::InputFormat::Jsonl;
  args.jobs = 1;
  args.progress = 0;
  std::string input = fdp.ConsumeRemainingBytesAsString();

  int fd = memory_file(input);
  if (fd < 0) return 0;
  args.inputs = {"/proc/self/fd/" + std::to_string(fd)};
  std::string output = run_captured(args);
  close(fd);

  WINNOW_FUZZ_CHECK(winnow::fuzz::is_valid_utf8(output), "output is not valid UTF-8");
  std::size_t records = 0;
  simdjson::dom::parser parser;
  for (std::string_view rest = output; !rest.empty(); ++records) {
    std::size_t eol = rest.find('\n');
    WINNOW_FUZZ_CHECK(eol != std::string_view::npos, "the last record has no newline");
    std::string_view line = rest.substr(0, eol);
    rest.remove_prefix(eol + 1);
    simdjson::dom::element record;
    auto error = parser.parse(line.data(), line.size()).get(record);
    if (error) {
      // Other fields pass through as they came, and JSON numbers have no size
      // limit, but simdjson's DOM refuses integers beyond 64 bits: ask a
      // parser without that limit before calling the record invalid.
      // Nor do both take a lone surrogate escape ("\ud800"), which JSON's
      // grammar allows and which passes through from the input, nor
      // nlohmann-json a number past a double's range (1e400).
      WINNOW_FUZZ_CHECK(nlohmann::json::accept(with_short_digit_runs(without_surrogate_escapes(line))),
                        "a record is not valid JSON: " + std::string(line.substr(0, 200)));
      continue;
    }
    WINNOW_FUZZ_CHECK(record.is_object(), "a record is not an object");
    WINNOW_FUZZ_CHECK(!record["text"].error() || !record["error"].error(),
                      "a record has neither text nor error: " + std::string(line.substr(0, 200)));
  }
  // One record per line (gzip is read through, so count only plain input).
  if (!input.starts_with("\x1F\x8B")) {
    std::size_t lines = 0;
    for (char c : input) lines += c == '\n';
    if (!input.empty() && input.back() != '\n') ++lines;
    WINNOW_FUZZ_CHECK(records == lines, "records: " + std::to_string(records) +
                                            ", input lines: " + std::to_string(lines));
  }
  return 0;
}
