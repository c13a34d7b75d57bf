// The command line: what the user asked for, and its CLI11 definition.
#pragma once

#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "winnow/winnow.hpp"

namespace winnow::cli {

enum class OutputFormat { Text, Markdown, Json, Jsonl };

struct Args {
  std::vector<std::string> inputs;  // empty or "-" = stdin
  std::string output_dir;           // -o: one file per input
  OutputFormat format = OutputFormat::Text;
  bool explain = false;
  bool title = false;
  bool links = false;  // markdown: keep links
  std::vector<std::string> name_files;  // --names, repeatable
  Options options;
};

// Options shared by extraction and `winnow normalize`.
void add_normalize_options(CLI::App& app, Args& args);

// The whole command line; `normalize` is the subcommand for normalization alone.
struct Commands {
  CLI::App* normalize = nullptr;
  CLI::App* variants = nullptr;
};

// `winnow variants FILE|DIR...` (cli/variants.cpp).
struct VariantsArgs {
  std::vector<std::string> inputs;
  std::size_t min_count = 2;
  Mode mode = Mode::Auto;
};
CLI::App* add_variants_command(CLI::App& app, VariantsArgs& args);
Commands configure(CLI::App& app, Args& args, Args& normalize_args, VariantsArgs& variants_args);

}  // namespace winnow::cli
