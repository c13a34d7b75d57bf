// File and stream I/O for the CLI: whole-input reads with one-line errors,
// and all-or-nothing output files.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace winnow::cli {

struct Input {
  std::string name;   // as the user gave it; "-" (shown as "<stdin>") for stdin
  std::string bytes;
  // The input is over max_bytes: `bytes` is left empty (an oversized file is
  // never read, a stream is dropped as soon as it passes the limit) and
  // read_input's `error` says so.
  bool too_large = false;
};

// Read a whole file ("-" = stdin). On failure returns nullopt and sets
// `error` to a short reason ("no such file", "is a directory", ...). An input
// over `max_bytes` (0 = no limit) comes back with too_large set and `error`
// saying so; it is refused without being held in memory.
std::optional<Input> read_input(const std::string& name, std::size_t max_bytes, std::string& error);

// The error for an input refused as too large once read past `max_bytes`.
std::string over_limit(std::size_t max_bytes);

// Write `data` to `path` whole or not at all: a temporary file in the same
// directory, then rename. Returns false with `error` set on failure.
bool write_file_atomic(const std::string& path, const std::string& data, std::string& error);

// The identity of a file: its device and inode, through symbolic links, so
// that two paths to one file compare equal.
struct FileId {
  std::uint64_t device = 0;
  std::uint64_t inode = 0;
  auto operator<=>(const FileId&) const = default;
};

// The identity of the file at `path`; nullopt when there is none.
std::optional<FileId> file_id(const std::string& path);

// The error of an input whose output, `out_path`, is a file the run reads.
std::string replaces_input_error(const std::string& out_path);

// The files of a run named on its command line, with -o: an output must not
// replace one of them (winnow -o . page.txt would write the article over the
// page). Held sorted; a command line names thousands at most.
class NamedInputs {
 public:
  NamedInputs() = default;
  // The files among `paths` (directories, "-" and missing files left out).
  explicit NamedInputs(const std::vector<std::string>& paths);
  bool contains(const FileId& id) const;
  bool empty() const { return ids_.empty(); }

 private:
  std::vector<FileId> ids_;  // sorted
};

// From here on, a signal that ends winnow (SIGINT from Ctrl-C, SIGTERM,
// SIGHUP) first removes the temporary files write_file_atomic() is writing,
// then ends it as the signal would have: an interrupted batch leaves only
// whole output files, which --skip-existing resumes from. A signal the
// caller ignores (nohup, a shell's background job) stays ignored.
void remove_temporary_files_on_signals();

// Standard output for many inputs' outputs in turn. The stream writes any
// piece of 1 KiB or more straight through, one system call per page;
// gathered here, a batch writes once per kGather bytes. On a terminal each
// piece goes out at once, so a reader there sees every page when it is
// done. flush() writes what is held; call it before the process ends.
class GatheredStdout {
 public:
  static constexpr std::size_t kGather = std::size_t{1} << 16;

  GatheredStdout();
  void write(std::string_view piece);
  void flush();

 private:
  bool terminal_;
  std::string held_;
};

// Stops winnow when standard output failed (a full disk, an I/O error):
// what is left could not be written, so winnow ends there, as a write to a
// closed pipe would end it, with one line on stderr saying why and exit
// status 1. Call after writing to std::cout; does nothing while it is good.
void stop_if_stdout_failed();

// The name to show for an input in messages: "<stdin>" for "-", and
// control characters written as \n, \t or \xHH, so that a message stays
// one line.
std::string display_name(const std::string& name);

}  // namespace winnow::cli
