// What each CLI command does with its parsed arguments. Each returns the
// process exit status.
#pragma once

#include "args.hpp"

namespace winnow::cli {

constexpr int kExitOk = 0;
constexpr int kExitInputFailed = 1;
constexpr int kExitUsage = 2;

int run_extract(const Args& args);
int run_normalize(const Args& args);
int run_variants(const VariantsArgs& args);  // cli/variants.cpp

// Make the -o directory `dir` when it is missing. Returns kExitOk; else,
// after a one-line error, kExitUsage when `dir` is a file that is not a
// directory (the command line named the wrong thing), kExitInputFailed when
// making it failed (no permission, a read-only or failing disk).
int make_output_directory(const std::string& dir);

// Apply --names files to args.options.normalize. Returns false after printing
// a one-line error.
bool load_name_files(Args& args);

}  // namespace winnow::cli
