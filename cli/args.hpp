// The command line: what the user asked for, and its CLI11 definition.
#pragma once

#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "winnow/winnow.hpp"

namespace winnow::cli {

enum class OutputFormat { Text, Markdown, Json, Jsonl };
enum class InputFormat { Files, Jsonl };

struct Args {
  std::vector<std::string> inputs;  // empty or "-" = stdin
  std::string output_dir;           // -o: one file per input
  OutputFormat format = OutputFormat::Text;
  bool format_given = false;  // --format was on the command line
  bool explain = false;
  bool title = false;
  bool links = false;  // markdown: keep links
  std::vector<std::string> name_files;  // --names, repeatable
  Options options;

  // Batches and streams (cli/batch.cpp, cli/jsonl.cpp).
  unsigned jobs = 0;                 // -j: worker threads; 0 = every core
  bool skip_existing = false;        // -o: leave inputs whose output exists
  InputFormat input_format = InputFormat::Files;
  std::string field = "html";        // --input jsonl: the field holding the page
  bool field_given = false;          // --field was on the command line
  int site_boilerplate = -1;         // -1 = default (on for batches and streams), 0/1
  int progress = -1;                 // -1 = when stderr is a terminal, 0/1
};

// Options shared by extraction and `winnow normalize`.
void add_normalize_options(CLI::App& app, Args& args);

// --max-bytes, for every command that reads inputs.
void add_max_bytes_option(CLI::App& app, std::size_t& max_bytes);

// The first option or input given before a command's name (`winnow
// --no-names normalize`), which would be extraction's and not the
// command's; null when there is none.
const CLI::Option* misplaced_before_command(const CLI::App& app);

// The usage error for `misplaced` given before `command`: put it after, when
// the command takes it (inputs, --no-names before normalize), else that the
// command does not take it (-j before normalize).
std::string misplaced_error(const CLI::Option& misplaced, const CLI::App& command);

// -j, --skip-existing, --input, --field, --site-boilerplate, --progress.
void add_batch_options(CLI::App& app, Args& args);

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
  std::size_t max_bytes = Options{}.max_bytes;
};
CLI::App* add_variants_command(CLI::App& app, VariantsArgs& args);
Commands configure(CLI::App& app, Args& args, Args& normalize_args, VariantsArgs& variants_args);

}  // namespace winnow::cli
