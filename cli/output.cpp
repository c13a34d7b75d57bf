#include "output.hpp"

#include "io.hpp"

namespace winnow::cli {

namespace {

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

std::string_view output_extension(OutputFormat f) {
  switch (f) {
    case OutputFormat::Markdown: return ".md";
    case OutputFormat::Json: return ".json";
    case OutputFormat::Jsonl: return ".jsonl";
    case OutputFormat::Text: break;
  }
  return ".txt";
}

std::string format_result(const Args& args, const std::string& input, const Result& r) {
  RenderOptions ro;
  ro.title = args.title;
  ro.explain = args.explain;
  ro.links = args.links;
  switch (args.format) {
    case OutputFormat::Json:
    case OutputFormat::Jsonl: {
      ro.pretty = args.format == OutputFormat::Json;
      // The name itself: JSON escapes what display_name() would (a newline
      // in it comes back a newline), and bytes that are not UTF-8 become
      // U+FFFD.
      ro.input_name = input == "-" ? std::string_view("<stdin>") : std::string_view(input);
      return render(r, Format::Json, ro);
    }
    case OutputFormat::Markdown:
      return args.explain ? explain_text(r) : render(r, Format::Markdown, ro) + "\n";
    case OutputFormat::Text:
      break;
  }
  return args.explain ? explain_text(r) : render(r, Format::Text, ro);
}

}  // namespace winnow::cli
