/* The C API, compiled as C (C11) and linked against the shared library, so
 * it also checks that the header is valid C and the symbols are exported. */
#include <winnow/winnow.h>

#include <stdio.h>
#include <string.h>

static int failures = 0;

#define CHECK(cond)                                                   \
  do {                                                                \
    if (!(cond)) {                                                    \
      fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
      ++failures;                                                     \
    }                                                                 \
  } while (0)

static const char kArticle[] =
    "A first paragraph that is long enough to read as prose.\n\n"
    "Advertisement\n\n"
    "A second paragraph that is long enough to read as prose too.\n";

static void test_version(void) {
  CHECK(strcmp(winnow_version(), WINNOW_EXPECTED_VERSION) == 0);
  CHECK(strcmp(winnow_status_name(WINNOW_TOO_LARGE), "too-large") == 0);
  CHECK(strcmp(winnow_status_name((winnow_status)99), "unknown") == 0);
  CHECK(strcmp(winnow_status_name(WINNOW_READ_ERROR), "read-error") == 0);
}

static void test_clean_text_drops_marker_with_reason(void) {
  winnow_result *r = NULL;
  CHECK(winnow_clean_text(kArticle, strlen(kArticle), NULL, &r) == WINNOW_OK);
  CHECK(r != NULL);
  if (r == NULL) return;
  size_t length = 0;
  const char *text = winnow_result_text(r, &length);
  CHECK(length == strlen(text));
  CHECK(strstr(text, "first paragraph") != NULL);
  CHECK(strstr(text, "second paragraph") != NULL);
  CHECK(strstr(text, "Advertisement") == NULL);
  CHECK(strcmp(winnow_result_error(r), "") == 0);
  CHECK(winnow_result_mode(r) == WINNOW_MODE_TEXT);

  int found = 0;
  for (size_t i = 0; i < winnow_result_block_count(r); ++i) {
    if (strcmp(winnow_result_block_text(r, i, NULL), "Advertisement") != 0) continue;
    found = 1;
    CHECK(!winnow_result_block_kept(r, i));
    CHECK(strcmp(winnow_result_block_reason(r, i), "ad-marker") == 0);
    CHECK(strcmp(winnow_result_block_kind(r, i), "paragraph") == 0);
    CHECK(strlen(winnow_result_block_evidence(r, i)) > 0);
  }
  CHECK(found);
  /* Out of range reads are harmless. */
  size_t n = winnow_result_block_count(r);
  CHECK(strcmp(winnow_result_block_text(r, n, &length), "") == 0 && length == 0);
  CHECK(strcmp(winnow_result_block_reason(r, n), "") == 0);
  CHECK(winnow_result_block_kept(r, n) == 0);
  CHECK(strcmp(winnow_result_note(r, winnow_result_note_count(r)), "") == 0);
  winnow_result_free(r);
}

static void test_input_need_not_be_nul_terminated(void) {
  /* Only the first sentence is passed; the rest of the buffer is not input. */
  static const char kBuffer[] = "Only this sentence is the input to read here.SECRET";
  winnow_result *r = NULL;
  CHECK(winnow_clean_text(kBuffer, strlen(kBuffer) - 6, NULL, &r) == WINNOW_OK);
  CHECK(r != NULL && strstr(winnow_result_text(r, NULL), "SECRET") == NULL);
  CHECK(r != NULL && strstr(winnow_result_text(r, NULL), "Only this sentence") != NULL);
  winnow_result_free(r);
}

static void test_refused_input_gives_result_with_error(void) {
  winnow_result *r = NULL;
  CHECK(winnow_extract("", 0, NULL, &r) == WINNOW_EMPTY_INPUT);
  CHECK(r != NULL);
  CHECK(winnow_result_status(r) == WINNOW_EMPTY_INPUT);
  CHECK(strlen(winnow_result_error(r)) > 0);
  CHECK(strcmp(winnow_result_text(r, NULL), "") == 0);
  winnow_result_free(r);

  r = NULL;
  CHECK(winnow_extract(NULL, 0, NULL, &r) == WINNOW_EMPTY_INPUT);
  winnow_result_free(r);

  static const char kPng[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
  r = NULL;
  CHECK(winnow_extract(kPng, 16, NULL, &r) == WINNOW_BINARY_INPUT);
  winnow_result_free(r);
}

static void test_invalid_arguments(void) {
  winnow_result *r = (winnow_result *)&failures; /* must be reset to NULL */
  CHECK(winnow_extract(NULL, 5, NULL, &r) == WINNOW_INVALID_ARGUMENT);
  CHECK(r == NULL);
  CHECK(winnow_extract("text", 4, NULL, NULL) == WINNOW_INVALID_ARGUMENT);
  CHECK(winnow_result_status(NULL) == WINNOW_INVALID_ARGUMENT);
  CHECK(winnow_options_set_favor(NULL, WINNOW_FAVOR_RECALL) == WINNOW_INVALID_ARGUMENT);
  char *out = NULL;
  CHECK(winnow_render(NULL, WINNOW_FORMAT_TEXT, 0, NULL, &out, NULL) == WINNOW_INVALID_ARGUMENT);
  CHECK(winnow_normalize(NULL, 3, NULL, &out, NULL) == WINNOW_INVALID_ARGUMENT);
  winnow_result_free(NULL);
  winnow_options_free(NULL);
  winnow_free(NULL);
}

static void test_options(void) {
  winnow_options *o = winnow_options_new();
  CHECK(o != NULL);
  if (o == NULL) return;
  CHECK(winnow_options_set_mode(o, (winnow_mode)99) == WINNOW_INVALID_ARGUMENT);
  CHECK(winnow_options_set_unicode_form(o, (winnow_unicode_form)-1) == WINNOW_INVALID_ARGUMENT);
  CHECK(winnow_options_set_mode(o, WINNOW_MODE_TEXT) == WINNOW_OK);
  CHECK(winnow_options_set_favor(o, WINNOW_FAVOR_PRECISION) == WINNOW_OK);
  CHECK(winnow_options_set_max_bytes(o, 10) == WINNOW_OK);

  winnow_result *r = NULL;
  CHECK(winnow_extract(kArticle, strlen(kArticle), o, &r) == WINNOW_TOO_LARGE);
  CHECK(r != NULL && strlen(winnow_result_error(r)) > 0);
  winnow_result_free(r);

  CHECK(winnow_options_set_max_bytes(o, 0) == WINNOW_OK);
  r = NULL;
  CHECK(winnow_extract(kArticle, strlen(kArticle), o, &r) == WINNOW_OK);
  winnow_result_free(r);

  /* Without evidence the reasons stay and the evidence reads "". */
  CHECK(winnow_options_set_evidence(NULL, 0) == WINNOW_INVALID_ARGUMENT);
  CHECK(winnow_options_set_evidence(o, 0) == WINNOW_OK);
  r = NULL;
  CHECK(winnow_extract(kArticle, strlen(kArticle), o, &r) == WINNOW_OK);
  int dropped = 0;
  for (size_t i = 0; r != NULL && i < winnow_result_block_count(r); ++i) {
    if (winnow_result_block_kept(r, i)) continue;
    ++dropped;
    CHECK(strlen(winnow_result_block_reason(r, i)) > 0);
    CHECK(strcmp(winnow_result_block_evidence(r, i), "") == 0);
  }
  CHECK(dropped > 0);
  winnow_result_free(r);

  /* Without the dropped blocks' text, those read "" and the kept ones stay. */
  CHECK(winnow_options_set_dropped_text(NULL, 0) == WINNOW_INVALID_ARGUMENT);
  CHECK(winnow_options_set_dropped_text(o, 0) == WINNOW_OK);
  r = NULL;
  CHECK(winnow_extract(kArticle, strlen(kArticle), o, &r) == WINNOW_OK);
  dropped = 0;
  for (size_t i = 0; r != NULL && i < winnow_result_block_count(r); ++i) {
    size_t length = 0;
    const char *text = winnow_result_block_text(r, i, &length);
    if (winnow_result_block_kept(r, i)) {
      CHECK(length > 0 && strlen(text) == length);
      continue;
    }
    ++dropped;
    CHECK(length == 0 && strcmp(text, "") == 0);
  }
  CHECK(dropped > 0);
  winnow_result_free(r);
  winnow_options_free(o);
}

static void test_render_json(void) {
  winnow_result *r = NULL;
  CHECK(winnow_clean_text(kArticle, strlen(kArticle), NULL, &r) == WINNOW_OK);
  char *json = NULL;
  size_t length = 0;
  CHECK(winnow_render(r, WINNOW_FORMAT_JSON, WINNOW_RENDER_EXPLAIN, "a.txt", &json, &length) ==
        WINNOW_OK);
  CHECK(json != NULL);
  if (json != NULL) {
    CHECK(length == strlen(json));
    CHECK(strncmp(json, "{\"input\":\"a.txt\",", 17) == 0);
    CHECK(strstr(json, "ad-marker") != NULL); /* explain lists the dropped block */
  }
  winnow_free(json);
  CHECK(winnow_render(r, (winnow_format)7, 0, NULL, &json, NULL) == WINNOW_INVALID_ARGUMENT);
  CHECK(json == NULL);
  winnow_result_free(r);
}

static void test_normalize(void) {
  char *out = NULL;
  size_t length = 0;
  /* Invalid UTF-8 becomes U+FFFD; "e" + combining acute composes to U+00E9. */
  static const char kInput[] = "Caf\xC3 au lait, cafe\xCC\x81";
  CHECK(winnow_normalize(kInput, strlen(kInput), NULL, &out, &length) == WINNOW_OK);
  CHECK(out != NULL && strcmp(out, "Caf\xEF\xBF\xBD au lait, caf\xC3\xA9") == 0);
  CHECK(out != NULL && length == strlen(out));
  winnow_free(out);

  winnow_options *o = winnow_options_new();
  CHECK(winnow_options_set_unicode_form(o, WINNOW_UNICODE_NONE) == WINNOW_OK);
  out = NULL;
  CHECK(winnow_normalize("cafe\xCC\x81", 6, o, &out, NULL) == WINNOW_OK);
  CHECK(out != NULL && strcmp(out, "cafe\xCC\x81") == 0);
  winnow_free(out);
  winnow_options_free(o);

  /* The text is (pointer, length): an embedded NUL does not end it (what
   * normalize makes of the NUL itself is its own business). */
  out = NULL;
  CHECK(winnow_normalize("ab\0cd", 5, NULL, &out, &length) == WINNOW_OK);
  CHECK(out != NULL && length >= 4 && memcmp(out, "ab", 2) == 0 &&
        memcmp(out + length - 2, "cd", 2) == 0);
  winnow_free(out);
}

static void test_html_markdown_and_links(void) {
  static const char kPage[] =
      "<!DOCTYPE html><html><head><title>A Story</title></head><body>"
      "<nav><a href=\"/\">Home</a> <a href=\"/world\">World</a></nav>"
      "<article><h1>A Story</h1><p>The first paragraph of the story is long enough to be "
      "prose, with <a href=\"https://example.com/source\">a source link</a> and "
      "<em>some emphasis</em> in it.</p><p>The second paragraph goes on in the same way "
      "for a while longer, as stories do.</p></article></body></html>";
  winnow_result *r = NULL;
  CHECK(winnow_extract(kPage, strlen(kPage), NULL, &r) == WINNOW_OK);
  if (r == NULL) return;
  CHECK(winnow_result_mode(r) == WINNOW_MODE_HTML);
  CHECK(strcmp(winnow_result_metadata(r, WINNOW_META_TITLE), "A Story") == 0);
  CHECK(strstr(winnow_result_text(r, NULL), "Home") == NULL);
  int found = 0;
  for (size_t i = 0; i < winnow_result_block_count(r); ++i) {
    if (strstr(winnow_result_block_text(r, i, NULL), "a source link") == NULL) continue;
    found = 1;
    CHECK(strstr(winnow_result_block_markdown(r, i), "*some emphasis*") != NULL);
  }
  CHECK(found);

  char *md = NULL;
  CHECK(winnow_render(r, WINNOW_FORMAT_MARKDOWN, WINNOW_RENDER_LINKS, NULL, &md, NULL) == WINNOW_OK);
  CHECK(md != NULL && strstr(md, "[a source link](https://example.com/source)") != NULL);
  winnow_free(md);
  md = NULL;
  CHECK(winnow_render(r, WINNOW_FORMAT_MARKDOWN, 0, NULL, &md, NULL) == WINNOW_OK);
  CHECK(md != NULL && strstr(md, "](") == NULL && strstr(md, "a source link") != NULL);
  winnow_free(md);
  winnow_result_free(r);
}

static void test_added_names(void) {
  static const char kText[] = "Zbyszek Testowy spoke to Sergei Lavrov.";
  winnow_options *o = winnow_options_new();
  char *problems = (char *)kText; /* must be reset */
  static const char kNames[] = "Zbigniew Testowy = Zbyszek Testowy\n[bogus]\n";
  CHECK(winnow_options_add_names(o, kNames, strlen(kNames), &problems) == WINNOW_OK);
  CHECK(problems != NULL && strstr(problems, ":2: ") != NULL && strstr(problems, "bogus") != NULL);
  winnow_free(problems);

  char *out = NULL;
  CHECK(winnow_normalize(kText, strlen(kText), o, &out, NULL) == WINNOW_OK);
  /* The added entry applies, and the built-in ones still do. */
  CHECK(out != NULL && strcmp(out, "Zbigniew Testowy spoke to Sergey Lavrov.") == 0);
  winnow_free(out);

  /* Defaults know nothing of the added entry. */
  out = NULL;
  CHECK(winnow_normalize(kText, strlen(kText), NULL, &out, NULL) == WINNOW_OK);
  CHECK(out != NULL && strncmp(out, "Zbyszek Testowy", 15) == 0);
  winnow_free(out);

  static const char kGood[] = "Kyiv = Kiev\n";
  problems = (char *)kText;
  CHECK(winnow_options_add_names(o, kGood, strlen(kGood), &problems) == WINNOW_OK);
  CHECK(problems == NULL);
  CHECK(winnow_options_add_names(NULL, kGood, 4, NULL) == WINNOW_INVALID_ARGUMENT);
  CHECK(winnow_options_add_names(o, NULL, 4, NULL) == WINNOW_INVALID_ARGUMENT);
  winnow_options_free(o);
}

static void test_table_rows(void) {
  static const char kPage[] =
      "<html><body><article><p>The first paragraph of the story is long enough to be prose, "
      "as stories are.</p><table><thead><tr><th>City</th><th>Rain</th></tr></thead>"
      "<tbody><tr><td>Oslo</td><td>12</td></tr><tr><td>Rome</td><td>3</td></tr></tbody></table>"
      "<p>The last paragraph of the story is long enough to be prose, as stories are.</p>"
      "</article></body></html>";
  winnow_result *r = NULL;
  CHECK(winnow_extract(kPage, strlen(kPage), NULL, &r) == WINNOW_OK);
  if (r == NULL) return;
  int rows = 0;
  for (size_t i = 0; i < winnow_result_block_count(r); ++i) {
    if (winnow_result_block_kind(r, i) == NULL || strcmp(winnow_result_block_kind(r, i), "table-row") != 0) continue;
    const char *text = winnow_result_block_text(r, i, NULL);
    ++rows;
    if (strcmp(text, "City | Rain") == 0) {
      CHECK(winnow_result_block_table_start(r, i) == 1 && winnow_result_block_table_header(r, i) == 1);
    } else {
      CHECK(winnow_result_block_table_start(r, i) == 0 && winnow_result_block_table_header(r, i) == 0);
    }
  }
  CHECK(rows == 3);
  size_t past = winnow_result_block_count(r);
  CHECK(winnow_result_block_table_start(r, past) == 0 && winnow_result_block_table_header(r, past) == 0);
  winnow_result_free(r);
}

static void test_list_items(void) {
  static const char kPage[] =
      "<html><body><article><p>The first paragraph of the story is long enough to be prose, "
      "as stories are.</p><ol start=\"4\"><li>Fourth step of the recipe.</li><li>Fifth step"
      "<ul><li>A nested note on the fifth step.</li></ul></li></ol></article></body></html>";
  winnow_result *r = NULL;
  CHECK(winnow_extract(kPage, strlen(kPage), NULL, &r) == WINNOW_OK);
  if (r == NULL) return;
  int items = 0;
  for (size_t i = 0; i < winnow_result_block_count(r); ++i) {
    const char *text = winnow_result_block_text(r, i, NULL);
    if (strcmp(text, "Fourth step of the recipe.") == 0) {
      ++items;
      CHECK(winnow_result_block_list_number(r, i) == 4 && winnow_result_block_list_depth(r, i) == 1);
    } else if (strcmp(text, "A nested note on the fifth step.") == 0) {
      ++items;
      CHECK(winnow_result_block_list_number(r, i) == 0 && winnow_result_block_list_depth(r, i) == 2);
    }
  }
  CHECK(items == 2);
  size_t past = winnow_result_block_count(r);
  CHECK(winnow_result_block_list_number(r, past) == 0 && winnow_result_block_list_depth(r, past) == 0);
  winnow_result_free(r);
}

/* A table that opens a list item, in a quote; a second quote after it. */
/* The lines of a paragraph (<br>): the second goes on after a line break,
 * and the text joins them with a newline. */
static void test_lines_of_a_paragraph(void) {
  static const char kPage[] =
      "<html><body><article><p>The first paragraph of the story is long enough to be prose, "
      "as stories are.</p><p>Media Contact<br>Jordan Lee</p></article></body></html>";
  winnow_result *r = NULL;
  CHECK(winnow_extract(kPage, strlen(kPage), NULL, &r) == WINNOW_OK);
  if (r == NULL) return;
  int seen = 0;
  for (size_t i = 0; i < winnow_result_block_count(r); ++i) {
    const char *text = winnow_result_block_text(r, i, NULL);
    const int after = winnow_result_block_after_line_break(r, i);
    if (strcmp(text, "Jordan Lee") == 0) {
      ++seen;
      CHECK(after == 1);
    } else {
      CHECK(after == 0);
    }
  }
  CHECK(seen == 1);
  CHECK(strstr(winnow_result_text(r, NULL), "as stories are.\n\nMedia Contact\nJordan Lee") != NULL);
  CHECK(winnow_result_block_after_line_break(r, winnow_result_block_count(r)) == 0);
  winnow_result_free(r);
}

static void test_quotes_and_tables_in_items(void) {
  static const char kPage[] =
      "<html><body><article><p>The first paragraph of the story is long enough to be prose, "
      "as stories are.</p><blockquote><ul><li><table><tr><th>City</th><th>Rain</th></tr>"
      "<tr><td>Oslo</td><td>12</td></tr></table></li></ul></blockquote><blockquote><p>Another "
      "quote.</p></blockquote><p>The last paragraph of the story is long enough to be prose, as "
      "stories are.</p></article></body></html>";
  winnow_result *r = NULL;
  CHECK(winnow_extract(kPage, strlen(kPage), NULL, &r) == WINNOW_OK);
  if (r == NULL) return;
  int seen = 0;
  for (size_t i = 0; i < winnow_result_block_count(r); ++i) {
    const char *text = winnow_result_block_text(r, i, NULL);
    const int quoted = winnow_result_block_quoted(r, i), start = winnow_result_block_quote_start(r, i);
    const int opens = winnow_result_block_opens_item(r, i);
    if (strcmp(text, "City | Rain") == 0 || strcmp(text, "Another quote.") == 0) {
      ++seen;
      CHECK(quoted == 1 && start == 1);
      CHECK(opens == (text[0] == 'C'));
    } else if (strcmp(text, "Oslo | 12") == 0) {
      ++seen;
      CHECK(quoted == 1 && start == 0 && opens == 0);
    } else {
      CHECK(quoted == 0 && start == 0 && opens == 0);
    }
  }
  CHECK(seen == 3);
  size_t past = winnow_result_block_count(r);
  CHECK(winnow_result_block_quoted(r, past) == 0 && winnow_result_block_quote_start(r, past) == 0);
  CHECK(winnow_result_block_opens_item(r, past) == 0);
  winnow_result_free(r);
}

int main(void) {
  test_version();
  test_clean_text_drops_marker_with_reason();
  test_input_need_not_be_nul_terminated();
  test_refused_input_gives_result_with_error();
  test_invalid_arguments();
  test_options();
  test_render_json();
  test_normalize();
  test_html_markdown_and_links();
  test_list_items();
  test_quotes_and_tables_in_items();
  test_lines_of_a_paragraph();
  test_table_rows();
  test_added_names();
  if (failures != 0) {
    fprintf(stderr, "%d check(s) failed\n", failures);
    return 1;
  }
  puts("c_api_test: all checks passed");
  return 0;
}
