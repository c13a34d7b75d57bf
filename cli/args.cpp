#include "args.hpp"

#include <cstdint>
#include <map>

namespace winnow::cli {

namespace {

constexpr const char* kFooter = R"(Examples:
  winnow page.html > page.txt          extract the article from a saved page
  winnow scraped.txt                   clean text already scraped from a page
  winnow --explain scraped.txt         show every block, kept or dropped, and why
  winnow --format json --explain a.txt the text, metadata and removed blocks as JSON
  winnow -f markdown --links page.html the article as Markdown, links kept
  winnow -o out/ pages/*.html          one output file per input, written atomically
  winnow -o out/ -j 4 crawl/           a whole tree (*.html, *.htm, *.txt, and .gz),
                                       mirrored under out/, on 4 cores
  winnow --input jsonl < pages.jsonl   JSON Lines in and out, one record per line
  cat page.txt | winnow -              read standard input
  winnow normalize notes.txt           only normalize (Unicode, mojibake, names)
  winnow variants pages/ > names.txt   find spelling variants of names in a corpus

Exit status: 0 every input succeeded; 1 some input failed (each failure is
reported on stderr as "winnow: INPUT: reason", the others are still done);
2 the command line was wrong.)";

constexpr const char* kNormalizeFooter = R"(Examples:
  winnow normalize notes.txt > clean.txt  valid UTF-8, NFC, spaces, mojibake, names
  winnow normalize -e old.txt             the same, and what changed, on stderr
  winnow normalize -o clean/ a.txt b.txt  one output file per input
  cat notes.txt | winnow normalize        read standard input

Text that is not UTF-8 is read with the code page its bytes point to
(Windows-1252, -1251, KOI8-R, ...), else its bad bytes become U+FFFD;
-e says which.

Exit status: 0 every input succeeded; 1 some input failed (reported on
stderr, the others are still done); 2 the command line was wrong.)";

}  // namespace

const CLI::Option* misplaced_before_command(const CLI::App& app) {
  for (const CLI::Option* option : app.get_options()) {
    if (option->count() > 0) return option;
  }
  return nullptr;
}

std::string misplaced_error(const CLI::Option& misplaced, const CLI::App& command) {
  const std::string& name = command.get_name();
  if (misplaced.get_positional() || command.get_option_no_throw(misplaced.get_name()) != nullptr) {
    const std::string shown = misplaced.get_positional() ? misplaced.results().front() : misplaced.get_name();
    return shown + " comes before the command '" + name + "': put it after (winnow " + name +
           " [OPTIONS] FILE...)";
  }
  return misplaced.get_name() + " comes before the command '" + name + "', which does not take it (winnow " + name +
         " --help lists what it takes)";
}

void add_max_bytes_option(CLI::App& app, std::size_t& max_bytes) {
  app.add_option("--max-bytes", max_bytes,
                 "Refuse inputs larger than this: bytes, or with a unit, K, M or G (1024s: "
                 "10M = 10485760), KiB, MiB, GiB alike (default 64M; 0 = no limit)")
      ->check([](const std::string& size) {
        return size.find('-') == std::string::npos ? std::string() : "a size cannot be negative: " + size;
      })
      ->transform(CLI::AsSizeValue(false))
      ->option_text("SIZE");
}

void add_normalize_options(CLI::App& app, Args& args) {
  NormalizeOptions& n = args.options.normalize;
  static const std::map<std::string, UnicodeForm> kForms = {
      {"nfc", UnicodeForm::NFC}, {"nfkc", UnicodeForm::NFKC}, {"none", UnicodeForm::None}};
  app.add_option("--unicode", n.form,
                 "Unicode normalization form: nfc (default), nfkc (folds compatibility "
                 "characters, e.g. \"10³\" -> \"103\"), none")
      ->transform(CLI::CheckedTransformer(kForms, CLI::ignore_case))
      ->option_text("nfc|nfkc|none");
  app.add_flag("--ascii-punct", n.ascii_punctuation,
               "Fold curly quotes, apostrophes, dashes and the ellipsis to ASCII");
  app.add_flag("!--no-fix-mojibake", n.fix_mojibake,
               "Do not repair mojibake (UTF-8 read as Windows-1252, e.g. \"â€™\")");
  app.add_flag("!--no-names", n.names, "Do not unify name variants (Sergei/Sergey Lavrov)");
  // One FILE per --names: taking every word after it, as a list option
  // does, would read the pages named after it as name files.
  app.add_option("--names", args.name_files,
                 "Add or override name-variant entries from FILE (repeat --names for more "
                 "files; format in docs/names.md)")
      ->option_text("FILE")
      ->allow_extra_args(false);
  app.add_flag("!--no-normalize", n.enabled,
               "Skip the normalize stage entirely (output is still valid UTF-8)");
}

void add_batch_options(CLI::App& app, Args& args) {
  app.add_option("-j,--jobs", args.jobs,
                 "Process N inputs at a time (default: every core; at most 4096); output is "
                 "the same as with -j 1")
      ->type_name("N")
      ->check(CLI::Range(0u, 4096u));
  app.add_flag("--skip-existing", args.skip_existing,
               "Needs -o (so not with --input jsonl): leave out inputs whose output file already exists "
               "(resume a batch)");
  static const std::map<std::string, InputFormat> kInputs = {
      {"files", InputFormat::Files}, {"jsonl", InputFormat::Jsonl}};
  app.add_option("--input", args.input_format,
                 "Input kind: files (default: pages, or directories walked for *.html, "
                 "*.htm, *.txt and .gz), jsonl (one JSON record per line, page in --field)")
      ->transform(CLI::CheckedTransformer(kInputs, CLI::ignore_case))
      ->option_text("files|jsonl");
  app.add_option("--field", args.field,
                 "Needs --input jsonl: the field holding the page (default html; e.g. text)")
      ->type_name("NAME");
  app.add_flag_function(
      "--site-boilerplate,!--no-site-boilerplate",
      [&args](std::int64_t n) { args.site_boilerplate = n > 0 ? 1 : 0; },
               "Learn blocks repeated across pages of one site (by URL host, else by "
               "directory) and drop them (default: on for directories, -o, several "
               "inputs and jsonl streams)");
  app.add_flag_function(
      "--progress,!--no-progress", [&args](std::int64_t n) { args.progress = n > 0 ? 1 : 0; },
               "Progress bar on stderr (default: when stderr is a terminal)");
}

Commands configure(CLI::App& app, Args& args, Args& normalize_args, VariantsArgs& variants_args) {
  app.description(
      "winnow: extract the article from scraped web pages (HTML or scraped text) as "
      "clean, normalized text.\nReads FILEs, or standard input when none is given or "
      "FILE is -.");
  app.footer(kFooter);
  app.set_version_flag("-V,--version", std::string("winnow ") + std::string(version()));
  app.add_option("files", args.inputs, "Input files (HTML or scraped text); - for stdin")
      ->type_name("FILE");
  app.add_option("-o,--output-dir", args.output_dir,
                 "Write one output file per input into DIR (created if missing) instead of "
                 "stdout, directories mirrored under it; each file is written whole or not at all, "
                 "and inputs that would write the same file, or over an input, are reported, not written")
      ->type_name("DIR");
  static const std::map<std::string, OutputFormat> kFormats = {
      {"text", OutputFormat::Text}, {"markdown", OutputFormat::Markdown},
      {"json", OutputFormat::Json}, {"jsonl", OutputFormat::Jsonl}};
  app.add_option("-f,--format", args.format,
                 "Output format: text (default), markdown, json (one indented object per "
                 "input), jsonl (one line per input)")
      ->transform(CLI::CheckedTransformer(kFormats, CLI::ignore_case))
      ->option_text("text|markdown|json|jsonl");
  static const std::map<std::string, Mode> kModes = {
      {"auto", Mode::Auto}, {"text", Mode::Text}, {"html", Mode::Html}};
  app.add_option("-m,--mode", args.options.mode,
                 "Input kind: auto (default: HTML when it looks like markup, or when a file named *.html "
                 "or *.htm holds any tag), text, html")
      ->transform(CLI::CheckedTransformer(kModes, CLI::ignore_case))
      ->option_text("auto|text|html");
  static const std::map<std::string, Favor> kFavor = {
      {"balanced", Favor::Balanced}, {"precision", Favor::Precision}, {"recall", Favor::Recall}};
  app.add_option("--favor", args.options.favor,
                 "Lean on uncertain blocks: balanced (default), precision (less chrome), "
                 "recall (never lose a paragraph)")
      ->transform(CLI::CheckedTransformer(kFavor, CLI::ignore_case))
      ->option_text("balanced|precision|recall");
  app.add_flag("-e,--explain", args.explain,
               "Show every block with keep/drop and the reason (with json/jsonl: add the "
               "blocks to the record)");
  app.add_flag("-t,--title", args.title, "Put the title first (text and markdown output)");
  app.add_flag("--links", args.links, "Markdown output: keep links as [text](url) (HTML input)");
  app.add_flag("--no-tables", [&args](std::int64_t) { args.options.tables = false; },
               "HTML: leave data tables out of the article");
  add_max_bytes_option(app, args.options.max_bytes);
  add_normalize_options(app, args);
  add_batch_options(app, args);

  Commands commands;
  commands.normalize = app.add_subcommand(
      "normalize", "Only normalize text: valid UTF-8, NFC, spaces, mojibake, name variants");
  commands.normalize->add_option("files", normalize_args.inputs, "Input files; - for stdin")
      ->type_name("FILE");
  commands.normalize->add_option("-o,--output-dir", normalize_args.output_dir,
                                 "Write one output file per input into DIR (created if missing); "
                                 "inputs that would write the same file are reported, not overwritten")
      ->type_name("DIR");
  commands.normalize->add_flag("-e,--explain", normalize_args.explain,
                                "Report what normalization changed (mojibake, entities, names) on stderr");
  add_max_bytes_option(*commands.normalize, normalize_args.options.max_bytes);
  add_normalize_options(*commands.normalize, normalize_args);
  commands.normalize->footer(kNormalizeFooter);
  commands.variants = add_variants_command(app, variants_args);
  return commands;
}

}  // namespace winnow::cli
