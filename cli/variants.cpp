// `winnow variants FILE|DIR...`: candidate name-variant groups in a corpus,
// printed in the name dictionary format for a person to review.
#include <algorithm>
#include <charconv>
#include <cstdint>
#include <filesystem>
#include <map>
#include <iostream>

#include "args.hpp"
#include "commands.hpp"
#include "gzip.hpp"
#include "io.hpp"
#include "variants.hpp"

namespace winnow::cli {

namespace {

// The files the batch walk takes under `dir` (pages, .gz ones included;
// hidden names skipped), added to `found`. A file whose type cannot be had
// (a dangling symbolic link) is taken when its name is wanted, so that
// reading it says why; a directory that cannot be listed is reported and
// the walk goes on, as the batch walk does.
void walk(const std::filesystem::path& dir, std::vector<std::string>& found, int& status) {
  namespace fs = std::filesystem;
  std::vector<fs::path> pending{dir};
  while (!pending.empty()) {
    const fs::path current = std::move(pending.back());
    pending.pop_back();
    std::error_code ec;
    for (fs::directory_iterator it(current, ec), end; !ec && it != end; it.increment(ec)) {
      const std::string name = it->path().filename().string();
      if (name.starts_with(".")) continue;
      std::error_code type_ec;
      if (it->is_directory(type_ec)) {
        if (!it->is_symlink(type_ec)) pending.push_back(it->path());
      } else if ((it->is_regular_file(type_ec) || type_ec) && wanted_file(name)) {
        found.push_back(it->path().string());
      }
    }
    if (ec) {
      std::cerr << "winnow: " << display_name(current.string()) << ": " << ec.message() << '\n';
      status = kExitInputFailed;
    }
  }
}

// Files under each argument: a directory is walked (walk(), sorted); a file
// is taken as it is.
std::vector<std::string> expand_inputs(const std::vector<std::string>& inputs, int& status) {
  std::vector<std::string> files;
  for (const auto& in : inputs) {
    std::error_code ec;
    if (in != "-" && std::filesystem::is_directory(in, ec)) {
      std::vector<std::string> found;
      walk(in, found, status);
      std::sort(found.begin(), found.end());
      files.insert(files.end(), found.begin(), found.end());
    } else {
      files.push_back(in);
    }
  }
  return files;
}

// The reason `text` is not a count, or empty when it is one. CLI11 reads a
// count with strtoull, which takes -1 as 2^64 - 1 and a number past that as
// that too: both a count that no group reaches, not an error.
std::string whole_count(const std::string& text) {
  std::size_t count = 0;
  const char* end = text.data() + text.size();
  const auto [stop, error] = std::from_chars(text.data(), end, count);
  if (text.empty() || error == std::errc::invalid_argument || stop != end) {
    return "a count is a whole number, 0 or more: " + text;
  }
  if (error == std::errc::result_out_of_range) return "a count is at most " + std::to_string(SIZE_MAX) + ": " + text;
  return {};
}

}  // namespace

CLI::App* add_variants_command(CLI::App& app, VariantsArgs& args) {
  CLI::App* cmd = app.add_subcommand(
      "variants",
      "Find candidate name-variant groups in a corpus (pages or scraped text) and print them in "
      "the --names file format, with counts, for review");
  cmd->add_option("inputs", args.inputs, "Files or directories (walked recursively); - for stdin")
      ->type_name("FILE|DIR")
      ->required();
  cmd->add_option("--min-count", args.min_count,
                  "Only groups seen at least N times in all (default 2)")
      ->type_name("N")
      ->check(whole_count);
  cmd->add_option("-m,--mode", args.mode, "Input kind, as for extraction: auto (default), text, html")
      ->transform(CLI::CheckedTransformer(std::map<std::string, Mode>{{"auto", Mode::Auto},
                                                                     {"text", Mode::Text},
                                                                     {"html", Mode::Html}},
                                          CLI::ignore_case))
      ->option_text("auto|text|html");
  add_max_bytes_option(*cmd, args.max_bytes);
  cmd->footer(R"(Examples:
  winnow variants pages/ > names.txt        groups seen at least twice, to review
  winnow variants --min-count 5 crawl/      only groups seen 5 times or more
  winnow --names names.txt -o out/ pages/   extract with the reviewed groups

Each group is printed as a --names entry (docs/names.md), the most frequent
spelling first, after a comment with the counts. Nothing is unified until
the file is passed back with --names.

Exit status: 0 every input was read; 1 some input failed (reported on
stderr, the others are still counted); 2 the command line was wrong.)");
  return cmd;
}

int run_variants(const VariantsArgs& args) {
  int status = kExitOk;
  Options options;
  options.mode = args.mode;
  options.max_bytes = args.max_bytes;
  options.normalize.names = false;  // the variants are what we are looking for
  detail::VariantCollector collector;
  for (const auto& name : expand_inputs(args.inputs, status)) {
    std::string error;
    auto input = read_page_file(name, options.max_bytes, error);
    if (!input || input->too_large) {
      std::cerr << "winnow: " << display_name(name) << ": " << error << '\n';
      status = kExitInputFailed;
      continue;
    }
    Result r = extract(input->bytes, options);
    if (!r.ok()) {
      // An empty or binary file in a corpus directory is not worth failing for.
      if (r.status != Status::EmptyInput && r.status != Status::BinaryInput) {
        std::cerr << "winnow: " << display_name(name) << ": " << r.error << '\n';
        status = kExitInputFailed;
      }
      continue;
    }
    collector.add_text(r.metadata.title);
    collector.add_text(r.text);
  }
  std::cout << detail::format_clusters(collector.clusters(args.min_count));
  std::cout.flush();
  return status;
}

}  // namespace winnow::cli
