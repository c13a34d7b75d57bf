// Batches of files: inputs given on the command line, directories walked
// recursively, processed on -j threads with results in input order, written
// to stdout or mirrored under -o DIR.
#pragma once

#include "args.hpp"
#include "winnow/site_boilerplate.hpp"

namespace winnow::cli {

// Extract every input of `args` (files, directories, "-"). Returns the exit
// status: kExitOk, or kExitInputFailed when any input failed.
int run_batch(const Args& args);

// Whether site boilerplate learning is on for this command line: as asked,
// else on for batches (directories, -o, several inputs) and streams.
bool site_boilerplate_enabled(const Args& args);

// The learner's options for this command line: evidence only with --explain.
SiteBoilerplateOptions learner_options(const Args& args);

// The page's block keys for the learner, moved out of the page when
// extract() made them (Options::block_keys) rather than copied.
std::vector<std::uint64_t> take_block_keys(Result& page);

// The number of worker threads -j asks for (0 = every core).
unsigned worker_count(const Args& args);

}  // namespace winnow::cli
