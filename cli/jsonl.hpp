// JSON Lines streams (--input jsonl): one JSON object per input line with the
// page in a field (--field, default "html"); one output record per input
// line, in order, with every other field passed through unchanged and the
// cleaned text and metadata added. A bad line gives a record with "error".
#pragma once

#include "args.hpp"

namespace winnow::cli {

// Process the JSON Lines inputs of `args` (files, or stdin) to stdout.
// Returns kExitOk, or kExitInputFailed when any record failed.
int run_jsonl(const Args& args);

}  // namespace winnow::cli
