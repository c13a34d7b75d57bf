// Turning a Result into what the user asked for (-f, --explain, --title).
#pragma once

#include <string>
#include <string_view>

#include "args.hpp"

namespace winnow::cli {

// The whole output for one input, as printed or written to its file.
std::string format_result(const Args& args, const std::string& input, const Result& r);

// The output file extension for a format: ".txt", ".md", ".json", ".jsonl".
std::string_view output_extension(OutputFormat f);

}  // namespace winnow::cli
