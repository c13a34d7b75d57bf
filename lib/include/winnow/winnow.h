/* winnow C API: the C++ API of <winnow/winnow.hpp> for C and for bindings
 * to other languages.
 *
 *   #include <winnow/winnow.h>
 *
 *   winnow_result *r = NULL;
 *   winnow_status s = winnow_extract(page, page_length, NULL, &r);
 *   if (s == WINNOW_OK) fputs(winnow_result_text(r, NULL), stdout);
 *   else fprintf(stderr, "%s\n", r ? winnow_result_error(r) : winnow_status_name(s));
 *   winnow_result_free(r);
 *
 * Conventions:
 * - Text is UTF-8 in and out. Input is (pointer, length) and need not be
 *   NUL-terminated; output strings are NUL-terminated and their length is
 *   also given, since valid UTF-8 may contain U+0000.
 * - Handles (winnow_options, winnow_result) are opaque. Whoever receives a
 *   handle or a char* from a winnow_*_new / winnow_extract / winnow_render /
 *   winnow_normalize call owns it and frees it with the matching *_free
 *   function. const char* returned by accessors is borrowed: valid until the
 *   handle it came from is freed.
 * - Errors are values (winnow_status); nothing is thrown or aborted.
 * - Thread safety: functions are reentrant; a handle may be read from several
 *   threads at once but not read and modified concurrently.
 */
#ifndef WINNOW_WINNOW_H
#define WINNOW_WINNOW_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum winnow_status {
  WINNOW_OK = 0,
  WINNOW_EMPTY_INPUT = 1,      /* zero bytes, or only whitespace */
  WINNOW_BINARY_INPUT = 2,     /* not text */
  WINNOW_TOO_LARGE = 3,        /* over the max_bytes option */
  WINNOW_UNSUPPORTED = 4,      /* a mode or option this build cannot honour */
  WINNOW_INVALID_ARGUMENT = 5, /* a NULL where a value is needed, an unknown enum value */
  WINNOW_OUT_OF_MEMORY = 6,
  WINNOW_INTERNAL_ERROR = 7,   /* a bug in winnow; please report it */
  WINNOW_READ_ERROR = 8        /* the input could not be read (never set by the library itself) */
} winnow_status;

/* How the input is read. */
typedef enum winnow_mode {
  WINNOW_MODE_AUTO = 0, /* HTML when the content looks like markup (default) */
  WINNOW_MODE_TEXT = 1, /* text already scraped from a page */
  WINNOW_MODE_HTML = 2  /* a raw web page */
} winnow_mode;

/* Where extraction leans when a block is uncertain. */
typedef enum winnow_favor {
  WINNOW_FAVOR_BALANCED = 0,  /* default */
  WINNOW_FAVOR_PRECISION = 1, /* less chrome, may lose a paragraph */
  WINNOW_FAVOR_RECALL = 2     /* no lost paragraph, more chrome */
} winnow_favor;

/* The Unicode normalization form of the output. */
typedef enum winnow_unicode_form {
  WINNOW_UNICODE_NFC = 0, /* default */
  WINNOW_UNICODE_NFKC = 1,
  WINNOW_UNICODE_NONE = 2
} winnow_unicode_form;

typedef enum winnow_format {
  WINNOW_FORMAT_TEXT = 0,
  WINNOW_FORMAT_MARKDOWN = 1,
  WINNOW_FORMAT_JSON = 2
} winnow_format;

/* Flags for winnow_render(), or-ed together. */
enum {
  WINNOW_RENDER_TITLE = 1,   /* text/markdown: put the title first */
  WINNOW_RENDER_EXPLAIN = 2, /* json: include every block with its reason */
  WINNOW_RENDER_PRETTY = 4,  /* json: indented over several lines */
  WINNOW_RENDER_LINKS = 8    /* markdown: keep links as [text](url) */
};

/* Which metadata field winnow_result_metadata() returns. */
typedef enum winnow_metadata_field {
  WINNOW_META_TITLE = 0,
  WINNOW_META_AUTHOR = 1,
  WINNOW_META_DATE = 2,
  WINNOW_META_SITE_NAME = 3,
  WINNOW_META_URL = 4,
  WINNOW_META_LANGUAGE = 5,
  WINNOW_META_DESCRIPTION = 6
} winnow_metadata_field;

typedef struct winnow_options winnow_options;
typedef struct winnow_result winnow_result;

/* "MAJOR.MINOR.PATCH" of the library actually linked. */
const char *winnow_version(void);

/* A stable lower-case name, e.g. "too-large"; "unknown" for other values. */
const char *winnow_status_name(winnow_status status);

/* ---- Options: the defaults of winnow::Options, changed by setters. ---- */

/* NULL only when out of memory. */
winnow_options *winnow_options_new(void);
void winnow_options_free(winnow_options *options); /* NULL is a no-op */

/* Each setter returns WINNOW_INVALID_ARGUMENT for a NULL handle or an
 * unknown enum value, and leaves the options unchanged then. Booleans are
 * ints: 0 is false, anything else true. */
winnow_status winnow_options_set_mode(winnow_options *options, winnow_mode mode);
winnow_status winnow_options_set_favor(winnow_options *options, winnow_favor favor);
winnow_status winnow_options_set_tables(winnow_options *options, int tables);
/* Write each dropped block's evidence (on by default); off, the evidence of
 * every block reads "" and the reasons stay. */
winnow_status winnow_options_set_evidence(winnow_options *options, int evidence);
/* Keep the text of dropped blocks (on by default); off, their text and
 * markdown read "" and their kind, reason and evidence stay. */
winnow_status winnow_options_set_dropped_text(winnow_options *options, int dropped_text);
/* 0 = no limit; 64 MiB by default. */
winnow_status winnow_options_set_max_bytes(winnow_options *options, size_t max_bytes);
/* The normalize stage on or off (on by default). */
winnow_status winnow_options_set_normalize(winnow_options *options, int enabled);
winnow_status winnow_options_set_unicode_form(winnow_options *options, winnow_unicode_form form);
winnow_status winnow_options_set_fix_mojibake(winnow_options *options, int fix);
winnow_status winnow_options_set_ascii_punctuation(winnow_options *options, int ascii);
/* Unify name variants (on by default) with the built-in dictionary. */
winnow_status winnow_options_set_names(winnow_options *options, int names);
/* Add name-variant entries to these options' dictionary (the built-in one
 * plus what was added before), in the format of <winnow/names.hpp>:
 * "Sergey Lavrov = Sergei Lavrov | Sergej Lavrov", one entry a line. A bad
 * line is skipped and the others apply; when `problems` is not NULL it
 * receives NULL if every line was fine, else a new string the caller frees
 * with winnow_free(), one "source:line: message" a line. */
winnow_status winnow_options_add_names(winnow_options *options, const char *text, size_t length,
                                       char **problems);

/* ---- Extraction ---- */

/* Extract the article from `input` (HTML or scraped text, per the mode
 * option). `options` may be NULL for the defaults; `input` may be NULL when
 * `length` is 0. On return *result holds a new result the caller frees,
 * also when the input was refused (then winnow_result_error() says why);
 * it is NULL only for WINNOW_INVALID_ARGUMENT, WINNOW_OUT_OF_MEMORY and
 * WINNOW_INTERNAL_ERROR. Returns the result's status. */
winnow_status winnow_extract(const char *input, size_t length, const winnow_options *options,
                             winnow_result **result);

/* The same for text already scraped from a page, whatever the mode option. */
winnow_status winnow_clean_text(const char *text, size_t length, const winnow_options *options,
                                winnow_result **result);

void winnow_result_free(winnow_result *result); /* NULL is a no-op */

winnow_status winnow_result_status(const winnow_result *result);
/* One line saying why the input was refused; "" when the status is OK. */
const char *winnow_result_error(const winnow_result *result);
/* The article: kept blocks, normalized, separated by blank lines (a
 * paragraph's lines by a newline). `length` may be NULL. */
const char *winnow_result_text(const winnow_result *result, size_t *length);
/* "" when the field is unknown or not found in the page. */
const char *winnow_result_metadata(const winnow_result *result, winnow_metadata_field field);
/* The mode actually used (text or html). */
winnow_mode winnow_result_mode(const winnow_result *result);

/* Every block of the page in order, kept or dropped. An index out of range
 * gives "" / 0. */
size_t winnow_result_block_count(const winnow_result *result);
const char *winnow_result_block_text(const winnow_result *result, size_t index, size_t *length);
int winnow_result_block_kept(const winnow_result *result, size_t index);
/* Stable names: "paragraph", "heading", ...; "kept", "ad-marker", ... */
const char *winnow_result_block_kind(const winnow_result *result, size_t index);
const char *winnow_result_block_reason(const winnow_result *result, size_t index);
/* HTML input: the text with inline Markdown (emphasis, code, links); "" when
 * the block has none. */
const char *winnow_result_block_markdown(const winnow_result *result, size_t index);
/* A human-readable why, e.g. "marker 'Advertisement'". */
const char *winnow_result_block_evidence(const winnow_result *result, size_t index);
/* 1..6 for headings, else 0. */
int winnow_result_block_heading_level(const winnow_result *result, size_t index);
/* List items (HTML): the number in an ordered list, 0 in a bulleted one. */
int winnow_result_block_list_number(const winnow_result *result, size_t index);
/* List items (HTML): 1 in a list, 2 in a list inside it, ...; also set on
 * a paragraph, a table's rows, a heading or code inside an item. 0 outside
 * lists. */
int winnow_result_block_list_depth(const winnow_result *result, size_t index);
/* Table rows (HTML): 1 on the first row of each table, else 0. */
int winnow_result_block_table_start(const winnow_result *result, size_t index);
/* Table rows (HTML): 1 on a first row that is the table's header row, else 0. */
int winnow_result_block_table_header(const winnow_result *result, size_t index);
/* HTML: 1 on a table's first row, a heading or code that opens a list item
 * (before any text of the item), which Markdown writes on the line of the
 * item's marker; else 0. */
int winnow_result_block_opens_item(const winnow_result *result, size_t index);
/* HTML: 1 on a block inside a <blockquote>, else 0. */
int winnow_result_block_quoted(const winnow_result *result, size_t index);
/* HTML: 1 on the first block of each quote (two quotes in a row stay two), else 0. */
int winnow_result_block_quote_start(const winnow_result *result, size_t index);
/* 1 on a block that is the next line of the block right before it, in one
 * paragraph (HTML: a <br> between; text mode: a line of a poem's stanza),
 * which the text joins to the kept line before it with a newline; else 0. */
int winnow_result_block_after_line_break(const winnow_result *result, size_t index);

/* Normalization changes worth telling a user about. */
size_t winnow_result_note_count(const winnow_result *result);
const char *winnow_result_note(const winnow_result *result, size_t index);

/* Render a result as text, markdown or JSON (flags: WINNOW_RENDER_*).
 * `input_name`, when not NULL, names the input in JSON. On WINNOW_OK, *out
 * holds a new NUL-terminated string the caller frees with winnow_free();
 * `out_length` may be NULL. */
winnow_status winnow_render(const winnow_result *result, winnow_format format, unsigned flags,
                            const char *input_name, char **out, size_t *out_length);

/* ---- Normalize only ---- */

/* Only the normalize stage (valid UTF-8, Unicode form, mojibake, names),
 * with the normalize settings of `options` (NULL for the defaults). On
 * WINNOW_OK, *out holds a new string the caller frees with winnow_free(). */
winnow_status winnow_normalize(const char *text, size_t length, const winnow_options *options,
                               char **out, size_t *out_length);

/* Free a string returned by winnow_render() or winnow_normalize(). */
void winnow_free(char *string);

#ifdef __cplusplus
}
#endif

#endif /* WINNOW_WINNOW_H */
