#include "parse_html.hpp"

#include <gumbo.h>

#include <algorithm>

#include "html_arena.hpp"
#include "html_metadata.hpp"
#include "html_prescan.hpp"
#include "html_score.hpp"
#include "html_tree.hpp"
#include "url.hpp"

namespace winnow::detail {

namespace {

// The URL the page's relative links are relative to: its <base href>, read
// against the page's own URL when it is relative, else the page's URL (from
// <link rel=canonical> or og:url); empty when no absolute one is known.
std::string link_base(const std::string& page_url, const std::string& base_href) {
  if (!base_href.empty()) {
    if (auto base = resolve_url(base_href, "")) return *base;
    if (auto base = resolve_url(page_url, base_href)) return *base;
  }
  return resolve_url(page_url, "").value_or("");
}

}  // namespace

bool parse_html(std::string_view utf8, const Options& options, Document& doc, std::string& error) {
  return parse_html(utf8, options, doc, error, true);
}

bool parse_html(std::string_view utf8, const Options& options, Document& doc, std::string& error,
                bool lean_prescan) {
  Prescanned page = prescan_html(utf8, lean_prescan, TextAside::SetAside);
  // Sized to the page: Gumbo's tree takes a few times the markup it is given.
  Arena arena(std::max<std::size_t>(std::size_t{1} << 16, page.html.size() * 2));
  GumboOptions gumbo = kGumboDefaultOptions;
  gumbo.allocator = &Arena::gumbo_allocate;
  gumbo.deallocator = &Arena::gumbo_free;
  gumbo.userdata = &arena;
  gumbo.max_errors = 0;  // parse errors are not reported; don't record them
  GumboOutput* out = gumbo_parse_with_options(&gumbo, page.html.data(), page.html.size());
  if (!out) {
    error = "the HTML parser failed";
    return false;
  }
  doc.mode = Mode::Html;
  HtmlTree tree = walk_html(out->document, options, doc, &page);
  doc.metadata = resolve_metadata(tree.metadata, page.json_ld);
  doc.link_base = link_base(doc.metadata.url, tree.metadata.base_href);
  select_main_region(tree, options, doc);
  // No gumbo_destroy_output: the arena frees the tree in one go.
  return true;
}

}  // namespace winnow::detail
