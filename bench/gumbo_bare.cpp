// The floor for HTML throughput: parse each page with Gumbo and walk the
// tree touching every text node, nothing else. bench/throughput.sh prints its
// figure beside winnow's.
//
//   gumbo_bare [--repeat N] [--lean] FILE_OR_DIR...   -> "pages N bytes N seconds S"
//
// --lean gives Gumbo a bump allocator reset after each page and no parse-error list (as winnow's
// HTML parser does) instead of malloc/free for every node and a record of every error.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <gumbo.h>

namespace {

// A bump allocator: Gumbo's many small allocations become pointer bumps and
// its frees no-ops; the memory is reused for the next page.
class Arena {
 public:
  void* allocate(std::size_t size) {
    size = (size + 15) & ~std::size_t{15};
    if (used_ + size > chunks_[current_].size()) {
      if (++current_ == chunks_.size()) chunks_.emplace_back(std::max<std::size_t>(size, 1 << 20));
      if (chunks_[current_].size() < size) chunks_[current_].resize(size);
      used_ = 0;
    }
    void* p = chunks_[current_].data() + used_;
    used_ += size;
    return p;
  }
  void reset() { current_ = 0; used_ = 0; }
  static void* alloc(void* self, std::size_t size) { return static_cast<Arena*>(self)->allocate(size); }
  static void free(void*, void*) {}

 private:
  std::vector<std::vector<unsigned char>> chunks_ = std::vector<std::vector<unsigned char>>(1, std::vector<unsigned char>(1 << 20));
  std::size_t current_ = 0, used_ = 0;
};

std::size_t walk(const GumboNode* node) {
  if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_WHITESPACE) {
    return std::strlen(node->v.text.text);
  }
  if (node->type != GUMBO_NODE_ELEMENT && node->type != GUMBO_NODE_DOCUMENT) return 0;
  const GumboVector& children =
      node->type == GUMBO_NODE_ELEMENT ? node->v.element.children : node->v.document.children;
  std::size_t n = 0;
  for (unsigned i = 0; i < children.length; ++i) n += walk(static_cast<const GumboNode*>(children.data[i]));
  return n;
}

}  // namespace

int main(int argc, char** argv) {
  int repeat = 1;
  bool lean = false;
  std::vector<std::string> pages;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--repeat") == 0 && i + 1 < argc) {
      repeat = std::atoi(argv[++i]);
      continue;
    }
    if (std::strcmp(argv[i], "--lean") == 0) {
      lean = true;
      continue;
    }
    std::vector<std::filesystem::path> files;
    if (std::filesystem::is_directory(argv[i])) {
      for (auto& e : std::filesystem::recursive_directory_iterator(argv[i])) {
        if (e.is_regular_file()) files.push_back(e.path());
      }
    } else {
      files.emplace_back(argv[i]);
    }
    for (auto& f : files) {
      std::ifstream in(f, std::ios::binary);
      std::stringstream ss;
      ss << in.rdbuf();
      pages.push_back(ss.str());
    }
  }
  Arena pool;
  GumboOptions options = kGumboDefaultOptions;
  if (lean) {
    options.allocator = Arena::alloc;
    options.deallocator = Arena::free;
    options.userdata = &pool;
    options.max_errors = 0;
  }
  std::size_t bytes = 0, text = 0, count = 0;
  auto start = std::chrono::steady_clock::now();
  for (int r = 0; r < repeat; ++r) {
    for (const auto& p : pages) {
      GumboOutput* out = gumbo_parse_with_options(&options, p.data(), p.size());
      text += walk(out->document);
      gumbo_destroy_output(&options, out);
      pool.reset();
      bytes += p.size();
      ++count;
    }
  }
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("pages %zu bytes %zu seconds %.6f text %zu\n", count, bytes, seconds, text);
  return 0;
}
