#include "batch.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <deque>
#include <filesystem>
#include <functional>
#include <iostream>
#include <optional>
#include <string_view>
#include <thread>
#include <vector>

#include "commands.hpp"
#include "gzip.hpp"
#include "io.hpp"
#include "ordered.hpp"
#include "output.hpp"
#include "progress.hpp"
#include "winnow/site_boilerplate.hpp"

namespace winnow::cli {

namespace fs = std::filesystem;

namespace {

// Pages held back so that boilerplate seen on the next pages of a site is
// also removed from the first ones. Bounded, so memory is too.
constexpr std::size_t kLookahead = 32;

// One input of the batch, as the walk found it.
struct Item {
  std::string path;      // as given or found; "-" = stdin
  std::string out_path;  // -o: where its output goes; empty = stdout
  std::string site;      // the site when the page names no URL: its directory
  std::string failure;   // set: fails without being read (e.g. an output clash)
  bool skip = false;     // --skip-existing and the output exists
};

struct Done {
  Item item;
  Result result;
  std::vector<std::uint64_t> keys;  // block keys for site boilerplate
  std::string out;                  // the output, rendered by the worker
  std::uint64_t bytes = 0;          // bytes read
  unsigned home = 0;                // the worker that built it, to free it
  std::string site;                 // site boilerplate: the site it counts for
};

// "a/b.html.gz" -> "a/b" + ext
fs::path replace_extension(fs::path p, std::string_view ext) {
  if (is_gzip_name(p.filename().string())) p.replace_extension();
  p.replace_extension(ext);
  return p;
}

// The output paths that the inputs of a batch with several arguments claim:
// two arguments mirrored into the same -o directory can name the same file
// (site1/index.html and site2/index.html both write OUT/index.txt). The
// paths are kept as 64-bit hashes in one open-addressing table (at most 16
// bytes a file), so that a batch of millions of files does not hold every
// path. Two paths with the same hash (at a million files, about once in 30
// million batches) would be reported as a clash that is not one; an output
// is never overwritten. With one argument only the files of one directory
// can clash, and each directory has a table of its own (Walker::Frame::seen),
// freed when the walk leaves it.
class OutputClaims {
 public:
  // False when an earlier input claimed `path`.
  bool claim(std::string_view path) {
    if (2 * (used_ + 1) > slots_.size()) grow();
    const std::uint64_t h = std::hash<std::string_view>{}(path);
    return insert(h == 0 ? 1 : h);
  }

 private:
  bool insert(std::uint64_t h) {
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = h & mask;; i = (i + 1) & mask) {
      if (slots_[i] == 0) {
        slots_[i] = h;
        ++used_;
        return true;
      }
      if (slots_[i] == h) return false;
    }
  }

  void grow() {
    std::vector<std::uint64_t> old(std::max<std::size_t>(64, 2 * slots_.size()), 0);
    old.swap(slots_);
    used_ = 0;
    for (std::uint64_t h : old) {
      if (h != 0) insert(h);
    }
  }

  std::vector<std::uint64_t> slots_;  // 0: free
  std::size_t used_ = 0;
};

// The inputs in order: command-line arguments as given, directories walked
// depth-first with entries sorted by name, so the order (and with it every
// result) is the same on every run and machine.
class Walker {
 public:
  explicit Walker(const Args& args) : args_(args), inputs_(args.inputs) {
    if (inputs_.empty()) inputs_.push_back("-");
    if (!args.output_dir.empty()) {
      out_dir_ = canonical_dir(args.output_dir);
      if (inputs_.size() > 1) claims_.emplace();
      find_inputs_among_outputs();
    }
  }

  bool next(Item& item) {
    for (;;) {
      if (!frames_.empty()) {
        Frame& f = frames_.back();
        if (f.index == f.entries.size()) {
          frames_.pop_back();
          continue;
        }
        const std::uint64_t entry = f.entries[f.index++];
        const fs::path p = f.dir / (f.names.c_str() + (entry >> 1));
        if (entry & kDirectoryEntry) {
          std::error_code ec;
          if (!out_dir_.empty() && fs::weakly_canonical(p, ec) == out_dir_) continue;
          if (unlistable(p, f.root, item)) return true;
          continue;
        }
        // The entries of a directory share its parent path: worked out once.
        if (!f.site) f.site = p.parent_path().string();
        item = make_item(p.string(), *f.site,
                         [&] { return replace_extension(p.lexically_relative(f.root), ext()); }, &f.seen,
                         f.outputs_in_walked_directory);
        return true;
      }
      if (arg_ == inputs_.size()) return false;
      const std::string& name = inputs_[arg_++];
      std::error_code ec;
      if (name != "-" && fs::is_directory(name, ec)) {
        if (unlistable(name, name, item)) return true;
        continue;
      }
      std::string site = name == "-" ? "" : fs::path(name).parent_path().string();
      item = make_item(name, std::move(site), [&] {
        fs::path stem = name == "-" ? fs::path("stdin") : replace_extension(fs::path(name).filename(), "");
        return fs::path(stem.string() + std::string(ext()));
      }, nullptr, out_dir_walked_);
      return true;
    }
  }

 private:
  // A directory being walked. Its listing is held compactly, as a crawl's
  // directory may hold millions of pages: each wanted entry is its name in
  // one buffer and a 64-bit word (where the name starts, and whether it is a
  // directory), some 10 bytes beside the name where a directory_entry took
  // about 250.
  struct Frame {
    fs::path root;                     // the directory argument
    fs::path dir;
    std::string names;                 // the entries' names, each ended by '\0'
    std::vector<std::uint64_t> entries;  // sorted by name: start << 1 | kDirectoryEntry
    std::size_t index = 0;
    // One argument: the output paths of this directory's files, the only
    // ones that can clash (page.html and page.html.gz).
    OutputClaims seen;
    std::optional<std::string> site;   // the parent path of its entries
    // -o: its files' outputs go to a directory this run walks.
    bool outputs_in_walked_directory = false;
  };
  static constexpr std::uint64_t kDirectoryEntry = 1;

  std::string_view ext() const { return output_extension(args_.format); }

  // Walks into `dir`; true when it cannot be listed (whole or in part),
  // with `item` the failure that says why: a directory left out without a
  // word would look like a batch that read everything.
  bool unlistable(const fs::path& dir, const fs::path& root, Item& item) {
    const std::error_code ec = push_directory(dir, root);
    if (!ec) return false;
    item = Item();
    item.path = dir.string();
    item.failure = ec.message();
    return true;
  }

  // Lists `dir`: its subdirectories (a symbolic link to one is not followed,
  // so the walk has no cycles) and the files the batch reads, sorted by name.
  // The entry's type comes from the directory listing where the file system
  // gives it: no stat per file on the thread that feeds the workers. A file
  // whose type cannot be had (a dangling symbolic link) is listed when its
  // name is wanted, so that reading it says why, as it does for the same
  // file named as an argument. Returns the error that ended the listing
  // early, if any; what was listed before it is walked.
  std::error_code push_directory(const fs::path& dir, const fs::path& root) {
    Frame f;
    f.root = root;
    f.dir = dir;
    if (!walked_roots_in_out_.empty()) {
      const fs::path out = without_trailing_separator((out_dir_ / dir.lexically_relative(root)).lexically_normal());
      f.outputs_in_walked_directory = std::any_of(walked_roots_in_out_.begin(), walked_roots_in_out_.end(),
                                                  [&](const fs::path& r) { return within(out, r); });
    }
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
      std::error_code type_ec;
      std::uint64_t kind = 0;
      if (it->is_directory(type_ec)) {
        if (it->is_symlink(type_ec)) continue;
        kind = kDirectoryEntry;
      } else if (!it->is_regular_file(type_ec) && !type_ec) {
        continue;
      }
      std::string name = it->path().filename().string();
      if (kind == 0 && !wanted_file(name)) continue;
      f.entries.push_back(static_cast<std::uint64_t>(f.names.size()) << 1 | kind);
      f.names += name;
      f.names.push_back('\0');
    }
    const char* names = f.names.c_str();
    std::sort(f.entries.begin(), f.entries.end(), [names](std::uint64_t a, std::uint64_t b) {
      return std::strcmp(names + (a >> 1), names + (b >> 1)) < 0;
    });
    f.entries.shrink_to_fit();
    f.names.shrink_to_fit();
    frames_.push_back(std::move(f));
    return ec;
  }

  // `relative_out()` gives the output path under -o; called only with -o,
  // since working it out is most of the cost of an item.
  // `site` is the path's parent (the site of a page with no URL); `seen`,
  // its directory's Frame::seen (null for a file given by name);
  // `in_walked_directory`, whether the output goes to a directory the run
  // walks.
  template <class RelativeOut>
  Item make_item(std::string path, std::string site, RelativeOut&& relative_out,
                 OutputClaims* seen, bool in_walked_directory) {
    Item item;
    item.path = std::move(path);
    item.site = std::move(site);
    if (args_.output_dir.empty()) return item;
    item.out_path = (fs::path(args_.output_dir) / relative_out()).string();
    if (replaces_input(item.out_path, in_walked_directory)) {
      item.failure = replaces_input_error(item.out_path);
    } else if (claimed_before(item.out_path, seen)) {
      item.failure = "another input already writes " + item.out_path;
    } else if (args_.skip_existing) {
      std::error_code ec;
      item.skip = fs::exists(item.out_path, ec);
    }
    return item;
  }

  // With -o, where outputs can land on inputs. Outputs mirror the inputs
  // under OUT, so they reach a directory the run walks only when a directory
  // argument is OUT or lies inside it (a directory argument around OUT has
  // OUT left out of its walk); and they reach a file named on the command
  // line when OUT holds it. Both are found once here: a batch whose -o
  // directory is apart from its inputs pays nothing per file.
  void find_inputs_among_outputs() {
    named_inputs_ = NamedInputs(inputs_);
    for (const auto& name : inputs_) {
      std::error_code ec;
      if (name == "-" || !fs::is_directory(name, ec)) continue;
      fs::path root = canonical_dir(name);
      if (!within(root, out_dir_)) continue;
      out_dir_walked_ = out_dir_walked_ || root == out_dir_;
      walked_roots_in_out_.push_back(std::move(root));
    }
  }

  // Whether the output file `out_path` exists and is an input of this run:
  // a file named on the command line, or a file the walk reads in a
  // directory it walks (`in_walked_directory`).
  bool replaces_input(const std::string& out_path, bool in_walked_directory) const {
    if (!in_walked_directory && named_inputs_.empty()) return false;
    const auto id = file_id(out_path);
    if (!id) return false;
    return named_inputs_.contains(*id) ||
           (in_walked_directory && wanted_file(fs::path(out_path).filename().string()));
  }

  static fs::path without_trailing_separator(fs::path p) {
    return p.has_filename() || !p.has_relative_path() ? p : p.parent_path();
  }

  static fs::path canonical_dir(const fs::path& p) {
    std::error_code ec;
    return without_trailing_separator(fs::weakly_canonical(p, ec));
  }

  // Whether `p` is `dir` or lies inside it (both canonical).
  static bool within(const fs::path& p, const fs::path& dir) {
    return std::mismatch(dir.begin(), dir.end(), p.begin(), p.end()).first == dir.end();
  }

  // Whether an earlier input writes `out_path`: with several arguments the
  // claims of all of them decide, with one its directory's names.
  bool claimed_before(const std::string& out_path, OutputClaims* seen) {
    if (claims_) return !claims_->claim(out_path);
    return seen != nullptr && !seen->claim(out_path);
  }

  const Args& args_;
  std::vector<std::string> inputs_;
  std::size_t arg_ = 0;
  std::vector<Frame> frames_;
  std::optional<OutputClaims> claims_;  // with -o and several arguments
  fs::path out_dir_;                    // canonical
  NamedInputs named_inputs_;            // -o: the files named as arguments
  std::vector<fs::path> walked_roots_in_out_;  // -o: directory arguments at or inside OUT, canonical
  bool out_dir_walked_ = false;         // -o: OUT is itself a directory argument
};

// Counts the inputs and their bytes ahead of time, for the bar's ETA.
std::pair<std::size_t, std::uint64_t> measure(const Args& args) {
  Args counting = args;
  counting.skip_existing = false;
  Walker walker(counting);
  Item item;
  std::size_t n = 0;
  std::uint64_t bytes = 0;
  while (walker.next(item)) {
    ++n;
    std::error_code ec;
    if (item.path != "-") {
      auto size = fs::file_size(item.path, ec);
      if (!ec) bytes += size;
    }
  }
  return {n, bytes};
}

// Whether an input gets output: a file, or a record on stdout. JSON to
// stdout keeps failed inputs as error records.
bool has_output(const Args& args, const Done& d) {
  if (d.item.skip) return false;
  bool json = args.format == OutputFormat::Json || args.format == OutputFormat::Jsonl;
  return d.result.ok() || (json && args.output_dir.empty());
}

// The site a page counts for: the host of its URL, else its directory.
std::string site_of(const Done& d) {
  std::string host = SiteBoilerplate::site_key(d.result.metadata.url);
  return host.empty() ? d.item.site : host;
}

// Read and extract one input.
void extract_item(const Args& args, bool learn, Done& d) {
  if (d.item.skip) return;
  if (!d.item.failure.empty()) {
    d.result.status = Status::ReadError;
    d.result.error = d.item.failure;
    return;
  }
  std::string error;
  auto input = read_page_file(d.item.path, args.options.max_bytes, error);
  if (!input || input->too_large) {
    d.result.status = input ? Status::TooLarge : Status::ReadError;
    d.result.error = error;
    return;
  }
  d.bytes = input->bytes.size();
  d.result = extract_named(input->bytes, args.options, named_as_page(d.item.path));
  if (learn && d.result.ok()) {
    d.keys = take_block_keys(d.result);
    d.site = site_of(d);
  }
}

// Runs on a worker: everything up to the output, rendered as if site
// learning dropped nothing (the sink renders again the pages it changes).
Done work(const Args& args, bool learn, Disposal<Done>& disposal, Item&& item) {
  disposal.drain(worker_index);
  Done d;
  d.home = worker_index;
  d.item = std::move(item);
  extract_item(args, learn, d);
  if (has_output(args, d)) d.out = format_result(args, d.item.path, d.result);
  return d;
}

// The in-order end of the batch: site boilerplate, output, counts.
class Sink {
 public:
  Sink(const Args& args, bool learn, Progress& progress, Disposal<Done>& disposal)
      : args_(args), progress_(progress), disposal_(disposal) {
    if (learn) learner_.emplace(learner_options(args));
  }

  void take(Done&& d) {
    if (!learner_) return finish(std::move(d));
    if (d.result.ok()) learner_->observe(d.site, d.keys);
    held_.push_back(std::move(d));
    if (held_.size() > kLookahead) pop();
  }

  void flush() {
    while (!held_.empty()) pop();
    stdout_.flush();
  }

  std::size_t ok = 0, failed = 0, skipped = 0;

 private:
  void pop() {
    Done d = std::move(held_.front());
    held_.pop_front();
    if (d.result.ok() && learner_->apply(d.site, d.result, d.keys) > 0) {
      d.out = format_result(args_, d.item.path, d.result);
    }
    finish(std::move(d));
  }

  void finish(Done&& d) {
    emit(d);
    disposal_.put(d.home, std::move(d));
  }

  void emit(const Done& d) {
    progress_.advance(d.bytes);
    if (d.item.skip) {
      ++skipped;
      return;
    }
    const Result& r = d.result;
    if (!r.ok()) {
      progress_.report(display_name(d.item.path), r.error);
      ++failed;
    }
    if (!has_output(args_, d)) return;
    const std::string& out = d.out;
    if (!d.item.out_path.empty()) {
      std::string error;
      if (!write_output(d.item.out_path, out, error)) {
        progress_.report(display_name(d.item.path), error);
        ++failed;
        return;
      }
    } else {
      if (!first_output_ && args_.format != OutputFormat::Jsonl) stdout_.write("\n");
      first_output_ = false;
      stdout_.write(out);
    }
    if (r.ok()) ++ok;
  }

  bool write_output(const std::string& path, const std::string& out, std::string& error) {
    fs::path dir = fs::path(path).parent_path();
    if (!dir.empty() && dir != made_dir_) {
      std::error_code ec;
      fs::create_directories(dir, ec);
      if (ec) {
        error = "cannot create directory " + dir.string() + ": " + ec.message();
        return false;
      }
      made_dir_ = dir;
    }
    return write_file_atomic(path, out, error);
  }

  const Args& args_;
  Progress& progress_;
  Disposal<Done>& disposal_;
  std::optional<SiteBoilerplate> learner_;
  std::deque<Done> held_;
  bool first_output_ = true;
  GatheredStdout stdout_;
  fs::path made_dir_;
};

bool is_batch(const Args& args) {
  if (!args.output_dir.empty() || args.inputs.size() > 1) return true;
  std::error_code ec;
  return std::any_of(args.inputs.begin(), args.inputs.end(),
                     [&](const std::string& n) { return n != "-" && fs::is_directory(n, ec); });
}

}  // namespace

bool site_boilerplate_enabled(const Args& args) {
  if (args.site_boilerplate >= 0) return args.site_boilerplate == 1;
  return args.input_format == InputFormat::Jsonl || is_batch(args);
}

SiteBoilerplateOptions learner_options(const Args& args) {
  SiteBoilerplateOptions options;
  options.evidence = args.explain;
  return options;
}

std::vector<std::uint64_t> take_block_keys(Result& page) {
  if (page.block_keys.size() == page.blocks.size()) return std::move(page.block_keys);
  return SiteBoilerplate::block_keys(page);
}

unsigned worker_count(const Args& args) {
  if (args.jobs > 0) return args.jobs;
  unsigned n = std::thread::hardware_concurrency();
  return n == 0 ? 1 : n;
}

int run_batch(const Args& args) {
  if (args.skip_existing && args.output_dir.empty()) {
    std::cerr << "winnow: --skip-existing leaves out inputs whose output file exists: it needs -o\n";
    return kExitUsage;
  }
  if (args.field_given) {
    std::cerr << "winnow: --field names the field of a JSON record that holds the page: it needs --input jsonl\n";
    return kExitUsage;
  }
  if (!args.output_dir.empty()) {
    if (const int status = make_output_directory(args.output_dir); status != kExitOk) return status;
  }
  const bool batch = is_batch(args);
  const bool learn = site_boilerplate_enabled(args);
  const bool show = args.progress == 1 || (args.progress < 0 && batch && stderr_is_terminal());
  auto [total, total_bytes] = show ? measure(args) : std::pair<std::size_t, std::uint64_t>{0, 0};
  Progress progress(show, total, total_bytes);
  unsigned threads = worker_count(args);
  Disposal<Done> disposal(threads);
  Sink sink(args, learn, progress, disposal);
  Walker walker(args);
  const unsigned ran = ordered_map<Item, Done>(
      threads, std::size_t{8} * threads, [&](Item& item) { return walker.next(item); },
      [&](Item&& item) { return work(args, learn, disposal, std::move(item)); },
      [&](Done&& d) { sink.take(std::move(d)); });
  sink.flush();
  if (ran < threads) progress.line(fewer_threads_note(threads, ran));
  if (batch) {
    progress.line(std::to_string(sink.ok) + " ok, " + std::to_string(sink.failed) + " failed, " +
                  std::to_string(sink.skipped) + " skipped");
  }
  return sink.failed > 0 ? kExitInputFailed : kExitOk;
}

}  // namespace winnow::cli
