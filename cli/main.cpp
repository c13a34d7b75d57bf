// winnow command-line tool: parse the command line, dispatch to a command.
#include <iostream>

#include "args.hpp"
#include "batch.hpp"
#include "commands.hpp"

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  CLI::App app;
  winnow::cli::Args args;
  winnow::cli::Args normalize_args;
  winnow::cli::VariantsArgs variants_args;
  winnow::cli::Commands commands = winnow::cli::configure(app, args, normalize_args, variants_args);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int status = app.exit(e);
    return status == 0 ? 0 : winnow::cli::kExitUsage;
  }
  if (commands.variants->parsed()) return winnow::cli::run_variants(variants_args);
  if (commands.normalize->parsed()) {
    if (!winnow::cli::load_name_files(normalize_args)) return winnow::cli::kExitUsage;
    return winnow::cli::run_normalize(normalize_args);
  }
  if (!winnow::cli::load_name_files(args)) return winnow::cli::kExitUsage;
  // Only --explain shows dropped blocks (why, and their text); without it
  // those strings would be made for nothing. Site learning reads the block
  // keys extract() can make along the way.
  args.options.evidence = args.explain;
  args.options.dropped_text = args.explain;
  args.options.block_keys = winnow::cli::site_boilerplate_enabled(args);
  return winnow::cli::run_extract(args);
}
