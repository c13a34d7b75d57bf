// Python bindings: `import winnow`. Results come back as plain dicts so they
// serialize with json.dumps and need no wrapper classes. The GIL is released
// while a page is processed, so a thread pool runs pages in parallel.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "winnow/names.hpp"
#include "winnow/winnow.hpp"

namespace py = pybind11;

namespace {

// Text a page arrived as: a view of a str's cached UTF-8 or of a bytes
// object, or a copy when the object is mutable or holds lone surrogates. The
// view stays valid while the caller keeps the object alive.
class InputText {
 public:
  explicit InputText(const py::handle& object) {
    PyObject* o = object.ptr();
    if (PyUnicode_Check(o)) {
      Py_ssize_t size = 0;
      const char* data = PyUnicode_AsUTF8AndSize(o, &size);
      if (data != nullptr) {
        view_ = std::string_view(data, static_cast<std::size_t>(size));
        return;
      }
      // Lone surrogates (e.g. from a lenient JSON decoder) cannot be UTF-8;
      // pass them through so decoding turns each into U+FFFD, visibly.
      PyErr_Clear();
      py::bytes encoded = py::reinterpret_steal<py::bytes>(
          PyUnicode_AsEncodedString(o, "utf-8", "surrogatepass"));
      if (!encoded) throw py::error_already_set();
      copy_ = std::string(encoded);
    } else if (PyBytes_Check(o)) {
      view_ = std::string_view(PyBytes_AS_STRING(o), static_cast<std::size_t>(PyBytes_GET_SIZE(o)));
      return;
    } else if (PyByteArray_Check(o)) {
      copy_ = std::string(PyByteArray_AS_STRING(o), static_cast<std::size_t>(PyByteArray_GET_SIZE(o)));
    } else {
      throw py::type_error(std::string("expected str, bytes or bytearray, got ") +
                           Py_TYPE(o)->tp_name);
    }
    view_ = *copy_;
  }

  std::string_view view() const { return view_; }

 private:
  std::optional<std::string> copy_;
  std::string_view view_;
};

// winnow guarantees valid UTF-8; "replace" keeps a bug there from raising.
py::str to_str(std::string_view s) {
  PyObject* o = PyUnicode_DecodeUTF8(s.data(), static_cast<Py_ssize_t>(s.size()), "replace");
  if (o == nullptr) throw py::error_already_set();
  return py::reinterpret_steal<py::str>(o);
}

template <typename Enum>
Enum parse_choice(const char* what, std::string_view value,
                  std::initializer_list<std::pair<std::string_view, Enum>> choices) {
  std::string valid;
  for (const auto& [name, e] : choices) {
    if (name == value) return e;
    valid += valid.empty() ? "" : ", ";
    valid += name;
  }
  throw py::value_error(std::string(what) + " must be one of " + valid + ", not '" +
                        std::string(value) + "'");
}

// A name dictionary as Python sees it: merging builds a new dictionary and
// swaps it in, so a call running without the GIL keeps the one it started
// with and never sees a half-merged dictionary.
class Names {
 public:
  explicit Names(bool builtin)
      : dictionary_(builtin ? std::make_shared<const winnow::NameDictionary>(winnow::NameDictionary::builtin())
                            : std::make_shared<const winnow::NameDictionary>()) {}

  py::list merge(std::string_view text, std::string_view source) {
    return swap_in([&](winnow::NameDictionary& d) { return d.merge(text, source); });
  }
  py::list merge_file(const std::string& path) {
    return swap_in([&](winnow::NameDictionary& d) { return d.merge_file(path); });
  }

  std::size_t size() const { return dictionary_->entries().size(); }
  py::list entries() const {
    py::list out;
    for (const auto& e : dictionary_->entries()) {
      py::list variants;
      for (const auto& v : e.variants) variants.append(to_str(v));
      out.append(py::make_tuple(to_str(e.canonical), variants, e.ignore_case));
    }
    return out;
  }
  std::shared_ptr<const winnow::NameDictionary> snapshot() const { return dictionary_; }

 private:
  template <typename Merge>
  py::list swap_in(Merge merge) {
    auto next = std::make_shared<winnow::NameDictionary>(*dictionary_);
    py::list errors;
    for (const auto& e : merge(*next)) errors.append(to_str(e.to_string()));
    dictionary_ = std::move(next);
    return errors;
  }

  std::shared_ptr<const winnow::NameDictionary> dictionary_;
};

// `names` is True, False or a Names object.
void set_names(winnow::NormalizeOptions& n, const py::object& names) {
  if (py::isinstance<Names>(names)) {
    n.names = true;
    n.dictionary = names.cast<const Names&>().snapshot();
  } else if (PyBool_Check(names.ptr())) {
    n.names = names.cast<bool>();
  } else {
    throw py::type_error(std::string("names must be True, False or a winnow.Names, got ") +
                         Py_TYPE(names.ptr())->tp_name);
  }
}

winnow::NormalizeOptions normalize_options(bool enabled, std::string_view unicode, bool fix_mojibake,
                                           bool ascii_punctuation, const py::object& names) {
  winnow::NormalizeOptions n;
  n.enabled = enabled;
  n.form = parse_choice<winnow::UnicodeForm>(
      "unicode", unicode,
      {{"nfc", winnow::UnicodeForm::NFC}, {"nfkc", winnow::UnicodeForm::NFKC}, {"none", winnow::UnicodeForm::None}});
  n.fix_mojibake = fix_mojibake;
  n.ascii_punctuation = ascii_punctuation;
  set_names(n, names);
  return n;
}

winnow::Options extract_options(std::string_view mode, std::string_view favor, bool tables,
                                std::size_t max_bytes, winnow::NormalizeOptions normalize) {
  winnow::Options o;
  o.mode = parse_choice<winnow::Mode>(
      "mode", mode, {{"auto", winnow::Mode::Auto}, {"text", winnow::Mode::Text}, {"html", winnow::Mode::Html}});
  o.favor = parse_choice<winnow::Favor>("favor", favor,
                                        {{"balanced", winnow::Favor::Balanced},
                                         {"precision", winnow::Favor::Precision},
                                         {"recall", winnow::Favor::Recall}});
  o.tables = tables;
  o.max_bytes = max_bytes;
  o.normalize = std::move(normalize);
  return o;
}

// What the caller asked to be added to the dict beyond the article text.
struct Extras {
  bool explain = false;   // "blocks"
  bool markdown = false;  // "markdown": the article rendered as Markdown
  bool links = false;     // ... with links kept as [text](url)
};

py::dict to_dict(const winnow::Result& r, const Extras& extras, const std::string& markdown) {
  py::dict d;
  d["ok"] = r.ok();
  d["status"] = to_str(winnow::to_string(r.status));
  d["error"] = to_str(r.error);
  d["mode"] = r.mode == winnow::Mode::Html ? "html" : "text";
  d["text"] = to_str(r.text);
  d["title"] = to_str(r.metadata.title);
  py::dict meta;
  meta["title"] = to_str(r.metadata.title);
  meta["author"] = to_str(r.metadata.author);
  meta["date"] = to_str(r.metadata.date);
  meta["site_name"] = to_str(r.metadata.site_name);
  meta["url"] = to_str(r.metadata.url);
  meta["language"] = to_str(r.metadata.language);
  meta["description"] = to_str(r.metadata.description);
  d["metadata"] = meta;
  py::list notes;
  for (const std::string& note : r.notes) notes.append(to_str(note));
  d["notes"] = notes;
  if (extras.markdown) d["markdown"] = to_str(markdown);
  if (extras.explain) {
    py::list blocks;
    for (const winnow::Block& b : r.blocks) {
      py::dict block;
      block["text"] = to_str(b.text);
      block["kind"] = to_str(winnow::to_string(b.kind));
      block["heading_level"] = b.heading_level;
      block["list_number"] = b.list_number;
      block["list_depth"] = b.list_depth;
      block["table_start"] = b.table_start;
      block["table_header"] = b.table_header;
      block["opens_item"] = b.opens_item;
      block["quoted"] = b.quoted;
      block["quote_start"] = b.quote_start;
      block["after_line_break"] = b.after_line_break;
      block["kept"] = b.kept;
      block["reason"] = to_str(winnow::to_string(b.reason));
      block["evidence"] = to_str(b.evidence);
      block["markdown"] = to_str(b.markdown);
      blocks.append(block);
    }
    d["blocks"] = blocks;
  }
  return d;
}

template <typename Run>
py::dict run_unlocked(const py::object& page, const winnow::Options& options, const Extras& extras,
                      Run run) {
  InputText input(page);
  winnow::Result r;
  std::string markdown;
  {
    py::gil_scoped_release unlocked;
    r = run(input.view(), options);
    if (extras.markdown && r.ok()) {
      winnow::RenderOptions ro;
      ro.links = extras.links;
      markdown = winnow::render(r, winnow::Format::Markdown, ro);
    }
  }
  return to_dict(r, extras, markdown);
}

constexpr const char* kModuleDoc = R"(Clean article text from scraped web pages.

    >>> import winnow
    >>> r = winnow.extract(html_bytes, favor="precision")
    >>> r["ok"], r["title"], r["text"]

extract() and clean_text() return a dict:
  ok (bool), status ("ok", "empty-input", "binary-input", "too-large",
  "unsupported"), error (one line, "" when ok), mode ("html" or "text"),
  text (the article), title, metadata (dict: title, author, date, site_name,
  url, language, description), notes (list of str); with markdown=True,
  markdown (the article as Markdown); with explain=True, blocks (list of
  dicts: text, kind, heading_level, list_number, list_depth, table_start,
  table_header, opens_item, quoted, quote_start, after_line_break, kept,
  reason, evidence, markdown).
A refused input is reported in status/error, not raised; bad arguments raise
TypeError or ValueError. Every function releases the GIL while it works and
is safe to call from several threads at once.)";

}  // namespace

PYBIND11_MODULE(winnow, m) {
  m.doc() = kModuleDoc;
  m.attr("__version__") = to_str(winnow::version());

  m.def(
      "extract",
      [](const py::object& page, std::string_view favor, std::string_view mode, bool tables,
         std::size_t max_bytes, bool normalize, std::string_view unicode, bool fix_mojibake,
         bool ascii_punctuation, const py::object& names, bool explain, bool markdown, bool links) {
        winnow::Options o = extract_options(
            mode, favor, tables, max_bytes,
            normalize_options(normalize, unicode, fix_mojibake, ascii_punctuation, names));
        return run_unlocked(page, o, Extras{explain, markdown, links},
                            [](std::string_view in, const winnow::Options& opt) {
                              return winnow::extract(in, opt);
                            });
      },
      py::arg("page"), py::kw_only(), py::arg("favor") = "balanced", py::arg("mode") = "auto",
      py::arg("tables") = true, py::arg("max_bytes") = winnow::Options{}.max_bytes,
      py::arg("normalize") = true, py::arg("unicode") = "nfc", py::arg("fix_mojibake") = true,
      py::arg("ascii_punctuation") = false, py::arg("names") = py::bool_(true), py::arg("explain") = false,
      py::arg("markdown") = false, py::arg("links") = false,
      R"(Extract the article from a page: raw HTML or scraped text (str, bytes or bytearray;
bytes may be in any charset the page declares).

favor: "balanced", "precision" (less chrome) or "recall" (never lose a paragraph).
mode: "auto" (HTML when it looks like markup), "text" or "html".
tables: keep tables inside the article as text rows.
max_bytes: refuse larger inputs with status "too-large" (0 = no limit).
normalize, unicode ("nfc", "nfkc", "none"), fix_mojibake, ascii_punctuation, names:
  the normalize stage, as in normalize(); names may be a winnow.Names.
explain: add "blocks", every block of the page with whether it was kept and why.
markdown: add "markdown", the article as Markdown (headings, lists, emphasis);
  links=True keeps links as [text](url).)");

  m.def(
      "clean_text",
      [](const py::object& text, std::string_view favor, std::size_t max_bytes, bool normalize,
         std::string_view unicode, bool fix_mojibake, bool ascii_punctuation, const py::object& names,
         bool explain, bool markdown) {
        winnow::Options o = extract_options(
            "text", favor, true, max_bytes,
            normalize_options(normalize, unicode, fix_mojibake, ascii_punctuation, names));
        return run_unlocked(text, o, Extras{explain, markdown, false},
                            [](std::string_view in, const winnow::Options& opt) {
                              return winnow::clean_text(in, opt);
                            });
      },
      py::arg("text"), py::kw_only(), py::arg("favor") = "balanced",
      py::arg("max_bytes") = winnow::Options{}.max_bytes, py::arg("normalize") = true,
      py::arg("unicode") = "nfc", py::arg("fix_mojibake") = true,
      py::arg("ascii_punctuation") = false, py::arg("names") = py::bool_(true), py::arg("explain") = false,
      py::arg("markdown") = false,
      R"(Clean text already scraped from a page (one block per line): the same dict as
extract(), whatever the text looks like.)");

  m.def(
      "normalize",
      [](const py::object& text, const py::object& names, std::string_view unicode, bool fix_mojibake,
         bool ascii_punctuation) {
        winnow::NormalizeOptions n =
            normalize_options(true, unicode, fix_mojibake, ascii_punctuation, names);
        InputText input(text);
        std::string out;
        {
          py::gil_scoped_release unlocked;
          out = winnow::normalize(input.view(), n);
        }
        return to_str(out);
      },
      py::arg("text"), py::kw_only(), py::arg("names") = py::bool_(true), py::arg("unicode") = "nfc",
      py::arg("fix_mojibake") = true, py::arg("ascii_punctuation") = false,
      R"(Only the normalize stage; returns str. Makes the text valid UTF-8, puts it in a
Unicode form ("nfc" default, "nfkc", "none"), repairs mojibake ("â€™" -> "’")
unless fix_mojibake=False, folds curly punctuation to ASCII when
ascii_punctuation=True, and unifies name variants unless names=False;
names=winnow.Names(...) uses that dictionary instead of the built-in one.)");

  py::class_<Names>(m, "Names", R"(A dictionary of name variants (format: docs/names.md).

    >>> names = winnow.Names()                 # a copy of the built-in entries
    >>> names.merge("Kiev = Kyiv\n")           # flip a canonical form
    []
    >>> winnow.normalize("Kyiv", names=names)
    'Kiev'

Names(builtin=False) starts empty. merge() and merge_file() return the
problems found, one str per skipped line ("source:line: message"); the other
lines apply. A Names object may be shared by threads.)")
      .def(py::init<bool>(), py::kw_only(), py::arg("builtin") = true)
      .def("merge", &Names::merge, py::arg("text"), py::arg("source") = "<names>",
           "Add entries in the dictionary format; an entry sharing a form with an earlier one replaces it.")
      .def("merge_file", &Names::merge_file, py::arg("path"), "The same, from a file.")
      .def("entries", &Names::entries, "(canonical, [variants], ignore_case) for every entry.")
      .def("__len__", &Names::size);
}
