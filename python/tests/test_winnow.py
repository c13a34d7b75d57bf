"""Tests of the Python module, run from CTest with the built module on
PYTHONPATH (python -m unittest discover -s python/tests)."""

import concurrent.futures
import threading
import time
import unittest

import winnow

ARTICLE = (
    "A first paragraph that is long enough to read as prose.\n\n"
    "Advertisement\n\n"
    "A second paragraph that is long enough to read as prose too.\n"
)


class ExtractTest(unittest.TestCase):
    def test_drops_ad_marker_and_keeps_prose(self):
        r = winnow.extract(ARTICLE, favor="precision")
        self.assertTrue(r["ok"], r["error"])
        self.assertEqual(r["status"], "ok")
        self.assertEqual(r["error"], "")
        self.assertEqual(r["mode"], "text")
        self.assertIn("first paragraph", r["text"])
        self.assertIn("second paragraph", r["text"])
        self.assertNotIn("Advertisement", r["text"])
        self.assertNotIn("blocks", r)
        self.assertEqual(
            set(r["metadata"]),
            {"title", "author", "date", "site_name", "url", "language", "description"},
        )

    def test_bytes_str_and_bytearray_give_the_same_text(self):
        expected = winnow.extract(ARTICLE)["text"]
        self.assertEqual(winnow.extract(ARTICLE.encode())["text"], expected)
        self.assertEqual(winnow.extract(bytearray(ARTICLE.encode()))["text"], expected)

    def test_explain_reports_every_block_with_its_reason(self):
        r = winnow.extract(ARTICLE, explain=True)
        ads = [b for b in r["blocks"] if b["text"] == "Advertisement"]
        self.assertEqual(len(ads), 1)
        self.assertFalse(ads[0]["kept"])
        self.assertEqual(ads[0]["reason"], "ad-marker")
        self.assertEqual(ads[0]["kind"], "paragraph")
        self.assertTrue(ads[0]["evidence"])
        kept = [b["text"] for b in r["blocks"] if b["kept"]]
        self.assertEqual(r["text"], "\n\n".join(kept))

    def test_refused_input_is_a_value_not_an_exception(self):
        r = winnow.extract(b"")
        self.assertFalse(r["ok"])
        self.assertEqual(r["status"], "empty-input")
        self.assertTrue(r["error"])
        self.assertEqual(r["text"], "")
        r = winnow.extract(ARTICLE, max_bytes=10)
        self.assertEqual(r["status"], "too-large")
        self.assertTrue(winnow.extract(ARTICLE, max_bytes=0)["ok"])
        r = winnow.extract(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR")
        self.assertEqual(r["status"], "binary-input")

    def test_bad_arguments_raise(self):
        with self.assertRaises(TypeError):
            winnow.extract(42)
        with self.assertRaises(TypeError):
            winnow.extract(ARTICLE, "precision")  # options are keyword-only
        with self.assertRaisesRegex(ValueError, "balanced, precision, recall"):
            winnow.extract(ARTICLE, favor="fast")
        with self.assertRaisesRegex(ValueError, "mode"):
            winnow.extract(ARTICLE, mode="pdf")

    def test_lone_surrogate_becomes_replacement_character(self):
        r = winnow.clean_text("A sentence that is long enough \udc80 to read as prose.\n")
        self.assertTrue(r["ok"], r["error"])
        self.assertIn("\ufffd", r["text"])
        self.assertIn("to read as prose", r["text"])

    def test_html_page(self):
        page = (
            b"<!DOCTYPE html><html><head><title>A Story</title></head><body>"
            b"<nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
            b"<article><h1>A Story</h1>"
            b"<p>The first paragraph of the story is long enough to be prose, with a "
            b"subject, a verb and several more words.</p>"
            b"<p>The second paragraph goes on in the same way for a while longer.</p>"
            b"</article></body></html>"
        )
        r = winnow.extract(page)
        self.assertTrue(r["ok"], r["error"])
        self.assertEqual(r["mode"], "html")
        self.assertIn("The first paragraph of the story", r["text"])
        self.assertIn("The second paragraph", r["text"])


    def test_markdown_with_and_without_links(self):
        page = (
            b"<!DOCTYPE html><html><head><title>A Story</title></head><body>"
            b"<article><h1>A Story</h1>"
            b"<p>The first paragraph of the story is long enough to be prose, with "
            b"<a href='https://example.com/source'>a source link</a> and "
            b"<em>some emphasis</em> in it.</p>"
            b"<p>The second paragraph goes on in the same way for a while longer.</p>"
            b"</article></body></html>"
        )
        r = winnow.extract(page, markdown=True, links=True, explain=True)
        if r["status"] == "unsupported":
            self.skipTest("HTML extraction is not in this build: " + r["error"])
        self.assertIn("[a source link](https://example.com/source)", r["markdown"])
        self.assertIn("*some emphasis*", r["markdown"])
        self.assertNotIn("*", r["text"])
        linked = [b for b in r["blocks"] if "a source link" in b["text"]]
        self.assertEqual(len(linked), 1)
        self.assertIn("*some emphasis*", linked[0]["markdown"])
        r = winnow.extract(page, markdown=True)
        self.assertNotIn("](", r["markdown"])
        self.assertIn("a source link", r["markdown"])
        self.assertNotIn("markdown", winnow.extract(page))

    def test_table_rows_say_where_a_table_starts_and_its_header(self):
        page = (
            b"<html><body><article><p>The first paragraph of the story is long enough to be "
            b"prose, as stories are.</p><table><thead><tr><th>City</th><th>Rain</th></tr></thead>"
            b"<tbody><tr><td>Oslo</td><td>12</td></tr><tr><td>Rome</td><td>3</td></tr></tbody>"
            b"</table><p>The last paragraph of the story is long enough to be prose, as stories "
            b"are.</p></article></body></html>"
        )
        r = winnow.extract(page, markdown=True, explain=True)
        if r["status"] == "unsupported":
            self.skipTest("HTML extraction is not in this build: " + r["error"])
        rows = [b for b in r["blocks"] if b["kind"] == "table-row"]
        self.assertEqual([b["text"] for b in rows], ["City | Rain", "Oslo | 12", "Rome | 3"])
        self.assertEqual([b["table_start"] for b in rows], [True, False, False])
        self.assertEqual([b["table_header"] for b in rows], [True, False, False])
        self.assertIn("| City | Rain |\n| --- | --- |\n| Oslo | 12 |", r["markdown"])

    def test_list_items_carry_their_number_and_depth(self):
        page = (
            b"<html><body><article><p>The first paragraph of the story is long enough to be "
            b"prose, as stories are.</p><ol start='4'><li>Fourth step of the recipe.</li>"
            b"<li>Fifth step<ul><li>A nested note on the fifth step.</li></ul></li></ol>"
            b"</article></body></html>"
        )
        r = winnow.extract(page, markdown=True, explain=True)
        if r["status"] == "unsupported":
            self.skipTest("HTML extraction is not in this build: " + r["error"])
        by_text = {b["text"]: b for b in r["blocks"]}
        self.assertEqual(by_text["Fourth step of the recipe."]["list_number"], 4)
        self.assertEqual(by_text["Fourth step of the recipe."]["list_depth"], 1)
        self.assertEqual(by_text["A nested note on the fifth step."]["list_depth"], 2)
        self.assertIn("4. Fourth step of the recipe.", r["markdown"])
        self.assertIn("   - A nested note on the fifth step.", r["markdown"])


    def test_blocks_say_what_is_quoted_and_what_opens_an_item(self):
        page = (
            b"<html><body><article><p>The first paragraph of the story is long enough to be "
            b"prose, as stories are.</p><blockquote><ol><li><table><tr><th>City</th><th>Rain</th>"
            b"</tr><tr><td>Oslo</td><td>12</td></tr></table></li></ol></blockquote>"
            b"<blockquote><p>Another quote.</p></blockquote></article></body></html>"
        )
        r = winnow.extract(page, markdown=True, explain=True)
        if r["status"] == "unsupported":
            self.skipTest("HTML extraction is not in this build: " + r["error"])
        by_text = {b["text"]: b for b in r["blocks"]}
        self.assertTrue(by_text["City | Rain"]["opens_item"])
        self.assertFalse(by_text["Oslo | 12"]["opens_item"])
        self.assertEqual([by_text[t]["quoted"] for t in ("City | Rain", "Oslo | 12", "Another quote.")],
                         [True, True, True])
        self.assertEqual([by_text[t]["quote_start"] for t in ("City | Rain", "Oslo | 12", "Another quote.")],
                         [True, False, True])
        self.assertIn("> 1. | City | Rain |\n>    | --- | --- |\n>    | Oslo | 12 |\n\n> Another quote.",
                      r["markdown"])

    def test_lines_of_a_paragraph_stay_one_paragraph(self):
        page = (
            b"<html><body><article><p>The first paragraph of the story is long enough to be "
            b"prose, as stories are.</p><p>Media Contact<br>Jordan Lee</p></article></body></html>"
        )
        r = winnow.extract(page, markdown=True, explain=True)
        if r["status"] == "unsupported":
            self.skipTest("HTML extraction is not in this build: " + r["error"])
        self.assertEqual([b["after_line_break"] for b in r["blocks"]], [False, False, True])
        self.assertIn("as stories are.\n\nMedia Contact\nJordan Lee", r["text"])
        self.assertIn("Media Contact\\\nJordan Lee", r["markdown"])

class CleanTextTest(unittest.TestCase):
    def test_markup_is_read_as_text(self):
        page = (
            "<html><body>\n"
            "This line is between markup lines and is long enough to keep.\n"
            "</body></html>\n"
        )
        r = winnow.clean_text(page, explain=True)
        self.assertTrue(r["ok"], r["error"])
        self.assertEqual(r["mode"], "text")
        self.assertIn("This line is between markup lines", r["text"])
        # Each line is a block as written, tags included.
        self.assertEqual(r["blocks"][0]["text"], "<html><body>")

    def test_options_are_keyword_only(self):
        with self.assertRaises(TypeError):
            winnow.clean_text(ARTICLE, "precision")
        self.assertTrue(winnow.clean_text(ARTICLE, favor="recall")["ok"])


class NormalizeTest(unittest.TestCase):
    def test_composes_to_nfc_by_default(self):
        self.assertEqual(winnow.normalize("cafe\u0301"), "caf\u00e9")
        self.assertEqual(winnow.normalize("cafe\u0301", unicode="none"), "cafe\u0301")

    def test_invalid_utf8_bytes_become_replacement_characters(self):
        self.assertEqual(winnow.normalize(b"Caf\xc3 au lait"), "Caf\ufffd au lait")

    def test_names_off_leaves_names_alone(self):
        self.assertEqual(
            winnow.normalize("Sergei Lavrov met reporters.", names=False),
            "Sergei Lavrov met reporters.",
        )

    def test_returns_str(self):
        self.assertIsInstance(winnow.normalize(b"plain"), str)
        with self.assertRaisesRegex(ValueError, "unicode"):
            winnow.normalize("x", unicode="nfd")


class NamesTest(unittest.TestCase):
    def test_builtin_copy_unifies_like_the_default(self):
        names = winnow.Names()
        self.assertGreater(len(names), 100)
        text = "Sergei Lavrov visited Kiev."
        self.assertEqual(winnow.normalize(text, names=names), winnow.normalize(text))
        self.assertEqual(winnow.normalize(text), "Sergey Lavrov visited Kyiv.")

    def test_merge_flips_a_canonical_form(self):
        names = winnow.Names()
        self.assertEqual(names.merge("Kiev = Kyiv\n"), [])
        self.assertEqual(winnow.normalize("Kyiv and Kiev", names=names), "Kiev and Kiev")
        # the default dictionary is untouched
        self.assertEqual(winnow.normalize("Kyiv and Kiev"), "Kyiv and Kyiv")

    def test_empty_dictionary_with_own_entries(self):
        names = winnow.Names(builtin=False)
        self.assertEqual(len(names), 0)
        names.merge("Acme Corporation = ACME Corp | Acme Corp.\n")
        self.assertEqual(names.entries(), [("Acme Corporation", ["ACME Corp", "Acme Corp."], False)])
        self.assertEqual(
            winnow.normalize("ACME Corp hired Sergei Lavrov.", names=names),
            "Acme Corporation hired Sergei Lavrov.",
        )
        r = winnow.clean_text("ACME Corp said the plant will reopen in March after two years of repairs.",
                              names=names)
        self.assertIn("Acme Corporation said", r["text"])

    def test_problems_are_returned_and_other_lines_apply(self):
        names = winnow.Names(builtin=False)
        errors = names.merge("Kyiv = Kiev\n = nothing\n", source="mine.txt")
        self.assertEqual(len(errors), 1)
        self.assertTrue(errors[0].startswith("mine.txt:2:"), errors[0])
        self.assertEqual(len(names), 1)
        missing = names.merge_file("/nonexistent/names.txt")
        self.assertEqual(len(missing), 1)
        self.assertIn("/nonexistent/names.txt", missing[0])

    def test_names_must_be_bool_or_names(self):
        with self.assertRaisesRegex(TypeError, "names"):
            winnow.normalize("x", names="yes")


class ThreadingTest(unittest.TestCase):
    def test_thread_pool_gives_the_same_results(self):
        pages = [ARTICLE.replace("first", "page %d first" % i) for i in range(32)]
        sequential = [winnow.extract(p)["text"] for p in pages]
        with concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:
            parallel = [r["text"] for r in pool.map(winnow.extract, pages)]
        self.assertEqual(parallel, sequential)

    def test_gil_is_released_while_extracting(self):
        # A page big enough that one call takes a while.
        page = ARTICLE * 64
        while True:
            start = time.perf_counter()
            winnow.clean_text(page, max_bytes=0)
            if time.perf_counter() - start >= 0.2 or len(page) > (256 << 20):
                break
            page *= 2

        # While a worker thread is inside clean_text(), this thread keeps
        # running Python code. Holding the GIL would stop it for the whole
        # call: the longest gap between two of its steps would be about as
        # long as the call. Retried, since a loaded machine can stall threads.
        for _attempt in range(3):
            window = {}

            def work():
                window["start"] = time.perf_counter()
                winnow.clean_text(page, max_bytes=0)
                window["end"] = time.perf_counter()

            worker = threading.Thread(target=work)
            steps = []
            worker.start()
            while worker.is_alive():
                steps.append(time.perf_counter())
            worker.join()
            inside = [t for t in steps if window["start"] <= t <= window["end"]]
            duration = window["end"] - window["start"]
            edges = [window["start"]] + inside + [window["end"]]
            longest_gap = max(b - a for a, b in zip(edges, edges[1:]))
            if longest_gap < duration / 2:
                return
        self.fail(
            "the calling thread was blocked for %.3f s of a %.3f s call: GIL held?"
            % (longest_gap, duration)
        )


class ModuleTest(unittest.TestCase):
    def test_version(self):
        parts = winnow.__version__.split(".")
        self.assertEqual(len(parts), 3)
        self.assertTrue(all(p.isdigit() for p in parts))


if __name__ == "__main__":
    unittest.main()
