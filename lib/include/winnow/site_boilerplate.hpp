// Site-level boilerplate: blocks that recur on many pages of one site
// (taglines, disclaimers, newsletter boxes, standard footers) are chrome
// however they are worded. SiteBoilerplate learns them from a stream of
// extracted pages and drops them from later (or earlier, buffered) pages.
//
//   winnow::SiteBoilerplate learner;                // one per batch or stream
//   for (auto& page : pages) {
//     winnow::Result r = winnow::extract(page.html);
//     std::string site = winnow::SiteBoilerplate::site_key(page.url);
//     learner.observe(site, r);                     // count its blocks
//     learner.apply(site, r);                       // drop the recurring ones
//   }
//
// A block counts once per page it appears on. Once a block (compared after
// folding case, spacing and digits) has been seen on `min_pages` pages of the
// same site, apply() drops it with Reason::Boilerplate. Observing a few pages
// ahead before applying (the CLI holds a window of pages) also cleans the
// first pages of each site.
//
// Memory is bounded: counts live in a count-min sketch of fixed size (about
// 512 KiB by default), whatever the number of pages or sites. When the sketch
// has absorbed as many block sightings as it has counters, every counter is
// halved, so old evidence fades on an endless stream instead of saturating it.
//
// Results depend only on the order of observe()/apply() calls: the same
// calls in the same order give the same drops. Every method may be called
// from several threads (an internal mutex serializes them), but for
// deterministic results call them in a fixed order, e.g. input order.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "winnow/winnow.hpp"

namespace winnow {

struct SiteBoilerplateOptions {
  // A block seen on at least this many pages of one site is boilerplate.
  unsigned min_pages = 3;
  // Counters per sketch row, rounded up to a power of two; four rows of one
  // byte each, so memory is 4 * width bytes.
  std::size_t width = std::size_t{1} << 17;
  // Never drop every kept block of a page: a page whose whole text recurs is
  // more likely a short page than pure chrome.
  bool keep_last_block = true;
  // Write the evidence ("repeated on 5 pages of example.com") of the blocks
  // apply() drops. Off, they get Reason::Boilerplate and empty evidence, as
  // with Options::evidence off.
  bool evidence = true;
};

class SiteBoilerplate {
 public:
  explicit SiteBoilerplate(SiteBoilerplateOptions options = {});
  ~SiteBoilerplate();
  SiteBoilerplate(const SiteBoilerplate&) = delete;
  SiteBoilerplate& operator=(const SiteBoilerplate&) = delete;

  // Count the blocks of one page of `site` (kept or dropped; each distinct
  // block once). A page that failed (!page.ok()) is ignored.
  void observe(std::string_view site, const Result& page);

  // Drop the kept blocks of `page` that recur on the site: Reason::Boilerplate
  // with evidence naming the page count, and rebuild page.text from the
  // blocks still kept. Returns how many blocks were dropped.
  std::size_t apply(std::string_view site, Result& page) const;

  // The comparison key of each block of `page`, in block order (0 for a
  // block without letters or digits): page.block_keys when extract() made
  // them (Options::block_keys, which saves walking every block's text
  // again), else computed from the blocks' text. A pure function: compute
  // the keys on worker threads and pass them to the overloads below, which
  // then only touch the sketch.
  static std::vector<std::uint64_t> block_keys(const Result& page);
  void observe(std::string_view site, const std::vector<std::uint64_t>& keys);
  std::size_t apply(std::string_view site, Result& page,
                    const std::vector<std::uint64_t>& keys) const;

  // How many pages of `site` the block text has been seen on (an upper
  // bound, as with any count-min sketch; exact while the sketch is sparse).
  unsigned pages_with(std::string_view site, std::string_view block_text) const;

  // The site of a page from its URL: the host name, lower-cased, without
  // "www." and port ("https://www.Example.com:8080/a" -> "example.com").
  // Empty when the URL has no host.
  static std::string site_key(std::string_view url);

 private:
  struct State;
  std::unique_ptr<State> state_;
  SiteBoilerplateOptions options_;
};

}  // namespace winnow
