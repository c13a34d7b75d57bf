#include "commands.hpp"

#include <filesystem>
#include <iostream>

#include "io.hpp"
#include "winnow/names.hpp"

namespace winnow::cli {

namespace {

void report(const std::string& input, std::string_view reason) {
  std::cerr << "winnow: " << display_name(input) << ": " << reason << '\n';
}

std::string_view extension(OutputFormat f) {
  switch (f) {
    case OutputFormat::Markdown: return ".md";
    case OutputFormat::Json: return ".json";
    case OutputFormat::Jsonl: return ".jsonl";
    case OutputFormat::Text: break;
  }
  return ".txt";
}

std::string output_path(const Args& args, const std::string& input) {
  namespace fs = std::filesystem;
  std::string stem = input == "-" ? "stdin" : fs::path(input).stem().string();
  return (fs::path(args.output_dir) / (stem + std::string(extension(args.format)))).string();
}

std::string explain_text(const Result& r) {
  std::string out;
  for (const auto& n : r.notes) out += "note  " + n + "\n";
  for (const auto& b : r.blocks) {
    out += b.kept ? "keep  " : "drop  ";
    out += b.kept ? std::string(to_string(b.kind)) : std::string(to_string(b.reason));
    if (!b.kept && !b.evidence.empty()) out += " (" + b.evidence + ")";
    out += "\n      | ";
    out += b.text;
    out += '\n';
  }
  return out;
}

}  // namespace

namespace {

std::string format_result(const Args& args, const std::string& input, const Result& r) {
  RenderOptions ro;
  ro.title = args.title;
  ro.explain = args.explain;
  ro.links = args.links;
  switch (args.format) {
    case OutputFormat::Json:
    case OutputFormat::Jsonl: {
      ro.pretty = args.format == OutputFormat::Json;
      std::string shown = display_name(input);
      ro.input_name = shown;
      return render(r, Format::Json, ro);
    }
    case OutputFormat::Markdown:
      return args.explain ? explain_text(r) : render(r, Format::Markdown, ro) + "\n";
    case OutputFormat::Text:
      break;
  }
  return args.explain ? explain_text(r) : render(r, Format::Text, ro);
}

// Process one input; returns false when it failed (already reported).
bool process(const Args& args, const std::string& name, bool& first_output) {
  std::string error;
  auto input = read_input(name, args.options.max_bytes, error);
  Result r;
  if (!input) {
    r.status = Status::Unsupported;
    r.error = error;
  } else if (input->too_large) {
    r.status = Status::TooLarge;
    r.error = error;
  } else {
    r = extract(input->bytes, args.options);
  }
  if (!r.ok()) report(name, r.error);
  bool json = args.format == OutputFormat::Json || args.format == OutputFormat::Jsonl;
  if (!r.ok() && !json) return false;  // JSON keeps one record per input, errors included
  std::string out = format_result(args, name, r);
  if (!args.output_dir.empty()) {
    if (!r.ok()) return false;
    std::string path = output_path(args, name);
    if (!write_file_atomic(path, out, error)) {
      report(name, error);
      return false;
    }
    return true;
  }
  if (!first_output && args.format != OutputFormat::Jsonl) std::cout << '\n';
  first_output = false;
  std::cout << out;
  return r.ok();
}

}  // namespace

int run_extract(const Args& args) {
  std::vector<std::string> inputs = args.inputs;
  if (inputs.empty()) inputs.push_back("-");
  if (!args.output_dir.empty()) {
    std::error_code ec;
    std::filesystem::create_directories(args.output_dir, ec);
    if (ec) {
      std::cerr << "winnow: " << args.output_dir << ": cannot create directory: " << ec.message() << '\n';
      return kExitUsage;
    }
  }
  bool first_output = true;
  int status = kExitOk;
  for (const auto& name : inputs) {
    if (!process(args, name, first_output)) status = kExitInputFailed;
  }
  std::cout.flush();
  return status;
}

int run_normalize(const Args& args) {
  std::vector<std::string> inputs = args.inputs;
  if (inputs.empty()) inputs.push_back("-");
  int status = kExitOk;
  for (const auto& name : inputs) {
    std::string error;
    auto input = read_input(name, args.options.max_bytes, error);
    if (!input || input->too_large) {
      report(name, error);
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
    } else if (!write_file_atomic(output_path(args, name), out, error)) {
      report(name, error);
      status = kExitInputFailed;
    }
  }
  return status;
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
