#include "commands.hpp"

#include <filesystem>
#include <iostream>
#include <string>
#include <unordered_set>
#include <vector>

#include "batch.hpp"
#include "decode.hpp"
#include "gzip.hpp"
#include "io.hpp"
#include "jsonl.hpp"
#include "output.hpp"
#include "winnow/names.hpp"

namespace winnow::cli {

namespace {

void report(const std::string& input, std::string_view reason) {
  std::cerr << "winnow: " << display_name(input) << ": " << reason << '\n';
}

std::string output_path(const Args& args, const std::string& input) {
  namespace fs = std::filesystem;
  fs::path name(input);
  if (is_gzip_name(input)) name.replace_extension();  // notes.txt.gz -> notes.txt
  std::string stem = input == "-" ? "stdin" : name.stem().string();
  return (fs::path(args.output_dir) / (stem + std::string(output_extension(args.format)))).string();
}

}  // namespace

int run_extract(const Args& args) {
  if (args.input_format == InputFormat::Jsonl) return run_jsonl(args);
  return run_batch(args);
}

int run_normalize(const Args& args) {
  std::vector<std::string> inputs = args.inputs;
  if (inputs.empty()) inputs.push_back("-");
  if (!args.output_dir.empty()) {
    if (const int status = make_output_directory(args.output_dir); status != kExitOk) return status;
  }
  int status = kExitOk;
  // Inputs named alike in different directories (a/p.txt, b/p.txt) would
  // write the same file: the first writes it, the others are reported.
  std::unordered_set<std::string> claimed;
  // An output never replaces an input (winnow normalize -o . notes.txt).
  const NamedInputs named = args.output_dir.empty() ? NamedInputs() : NamedInputs(inputs);
  for (const auto& name : inputs) {
    std::string error;
    const std::string out_path = args.output_dir.empty() ? std::string() : output_path(args, name);
    const auto out_id = out_path.empty() || named.empty() ? std::nullopt : file_id(out_path);
    if (out_id && named.contains(*out_id)) {
      report(name, replaces_input_error(out_path));
      status = kExitInputFailed;
      continue;
    }
    if (!out_path.empty() && !claimed.insert(out_path).second) {
      report(name, "another input already writes " + out_path);
      status = kExitInputFailed;
      continue;
    }
    auto input = read_page_file(name, args.options.max_bytes, error);
    if (!input || input->too_large) {
      report(name, error);
      status = kExitInputFailed;
      continue;
    }
    // Normalized, a binary file would come out as a page of mojibake.
    std::string widened;
    if (detail::looks_binary(detail::widen_utf16(input->bytes, widened))) {
      report(name, "input is binary, not text");
      status = kExitInputFailed;
      continue;
    }
    std::vector<std::string> notes;
    std::string out = normalize(input->bytes, args.options.normalize, &notes);
    if (args.explain) {
      for (const auto& n : notes) std::cerr << "winnow: " << display_name(name) << ": " << n << '\n';
    }
    if (args.output_dir.empty()) {
      std::cout << out;
      stop_if_stdout_failed();
    } else if (!write_file_atomic(out_path, out, error)) {
      report(name, error);
      status = kExitInputFailed;
    }
  }
  return status;
}

int make_output_directory(const std::string& dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::file_status status = fs::status(dir, ec);
  if (fs::exists(status) && !fs::is_directory(status)) {
    std::cerr << "winnow: " << display_name(dir) << ": not a directory (-o names the directory outputs go to)\n";
    return kExitUsage;
  }
  fs::create_directories(dir, ec);
  if (ec) {
    std::cerr << "winnow: " << display_name(dir) << ": cannot create directory: " << ec.message() << '\n';
    return kExitInputFailed;
  }
  return kExitOk;
}

bool load_name_files(Args& args) {
  if (args.name_files.empty() || !args.options.normalize.names) return true;
  auto dictionary = std::make_shared<NameDictionary>(NameDictionary::builtin());
  bool ok = true;
  for (const auto& path : args.name_files) {
    for (const auto& error : dictionary->merge_file(path)) {
      std::cerr << "winnow: --names " << error.to_string() << '\n';
      ok = false;
    }
  }
  args.options.normalize.dictionary = std::move(dictionary);
  return ok;
}

}  // namespace winnow::cli
