// winnow command-line tool: parse the command line, dispatch to a command.
#include <iostream>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

#include "args.hpp"
#include "batch.hpp"
#include "commands.hpp"
#include "io.hpp"

namespace {

// A batch allocates and frees about the same memory for every input. By
// default glibc hands the top of its heap back to the system whenever
// 128 KiB of it are free, and the next input faults the same pages in
// again: 60% of the page faults of a run over many small pages. The heap
// keeps up to 16 MiB free instead. Blocks of 1 MiB or more are still
// mapped on their own and unmapped when freed (setting the first value
// turns off glibc's own raising of this one), so that a huge input's
// memory neither stays nor leaves holes in the heap: peak memory on the
// hostile inputs of bench/hostile.sh is what it was.
void keep_heap_between_inputs() {
#if defined(__GLIBC__)
  mallopt(M_TRIM_THRESHOLD, 16 << 20);
  mallopt(M_MMAP_THRESHOLD, 1 << 20);
#endif
}

// The command the command line names, run; its exit status.
int run_command(CLI::App& app, winnow::cli::Commands& commands, winnow::cli::Args& args,
                winnow::cli::Args& normalize_args, winnow::cli::VariantsArgs& variants_args) {
  for (const CLI::App* command : {commands.variants, commands.normalize}) {
    if (!command->parsed()) continue;
    // What comes before the command's name is extraction's: ignoring it
    // (winnow --no-names normalize) would quietly do something else.
    const CLI::Option* misplaced = winnow::cli::misplaced_before_command(app);
    if (misplaced == nullptr) continue;
    std::cerr << "winnow: " << winnow::cli::misplaced_error(*misplaced, *command) << '\n';
    return winnow::cli::kExitUsage;
  }
  if (commands.variants->parsed()) return winnow::cli::run_variants(variants_args);
  if (commands.normalize->parsed()) {
    if (!winnow::cli::load_name_files(normalize_args)) return winnow::cli::kExitUsage;
    return winnow::cli::run_normalize(normalize_args);
  }
  args.format_given = app.count("--format") > 0;
  args.field_given = app.count("--field") > 0;
  if (!winnow::cli::load_name_files(args)) return winnow::cli::kExitUsage;
  // Only --explain shows dropped blocks (why, and their text); without it
  // those strings would be made for nothing. Site learning reads the block
  // keys extract() can make along the way.
  args.options.evidence = args.explain;
  args.options.dropped_text = args.explain;
  args.options.block_keys = winnow::cli::site_boilerplate_enabled(args);
  return winnow::cli::run_extract(args);
}

}  // namespace

int main(int argc, char** argv) {
  std::ios::sync_with_stdio(false);
  keep_heap_between_inputs();
  CLI::App app;
  winnow::cli::Args args;
  winnow::cli::Args normalize_args;
  winnow::cli::VariantsArgs variants_args;
  winnow::cli::Commands commands = winnow::cli::configure(app, args, normalize_args, variants_args);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int status = app.exit(e);
    // --help and --version print to standard output: that it could not be
    // written is an error there too.
    std::cout.flush();
    winnow::cli::stop_if_stdout_failed();
    return status == 0 ? 0 : winnow::cli::kExitUsage;
  }
  winnow::cli::remove_temporary_files_on_signals();
  const int status = run_command(app, commands, args, normalize_args, variants_args);
  // What is still buffered goes out here, for every command.
  std::cout.flush();
  winnow::cli::stop_if_stdout_failed();
  return status;
}
