// The CLI on JSON Lines streams: passthrough, error records, one record per
// line in order, -j, and GNU parallel --pipe.
#include <gtest/gtest.h>

#include <filesystem>

#include <nlohmann/json.hpp>

#include "cli_support.hpp"

namespace fs = std::filesystem;
using nlohmann::json;
using winnow::test::count_lines;
using winnow::test::read_file;
using winnow::test::sh;
using winnow::test::TempDir;
using winnow::test::write_file;

namespace {

std::vector<std::string> sample_texts() {
  std::vector<fs::path> v;
  for (auto& e : fs::directory_iterator(WINNOW_SOURCE_DIR "/samples")) v.push_back(e.path());
  std::sort(v.begin(), v.end());
  std::vector<std::string> texts;
  for (auto& p : v) texts.push_back(read_file(p));
  return texts;
}

std::vector<json> parse_lines(const std::string& out) {
  std::vector<json> v;
  std::size_t start = 0;
  while (start < out.size()) {
    std::size_t nl = out.find('\n', start);
    v.push_back(json::parse(out.substr(start, nl - start)));
    start = nl + 1;
  }
  return v;
}

// `n` good records, the page in "text", with id, url and nested fields.
std::string good_records(int n) {
  auto texts = sample_texts();
  std::string in;
  for (int i = 0; i < n; ++i) {
    json j;
    j["id"] = i;
    j["text"] = "Record " + std::to_string(i) + " opens with this line of its own.\n\n" +
                texts[static_cast<std::size_t>(i) % texts.size()];
    j["url"] = "https://site" + std::to_string(i % 3) + ".example/article/" + std::to_string(i);
    j["meta"] = {{"lang", "en"}, {"tags", {"a", "b"}}};
    in += j.dump() + "\n";
  }
  return in;
}

const std::string kFirst =
    "The council voted on Tuesday to rebuild the old harbour wall, which storms damaged last "
    "winter, at a cost the mayor called painful but necessary.";
const std::string kSecond =
    "Work will start in the spring and last two years, during which the fishing fleet will moor "
    "at the northern quay, the council said in a statement.";
const std::string kThird =
    "Residents who objected to the plan said they would keep pressing for a cheaper repair, and "
    "asked the council to publish the engineers' report in full.";

TEST(Jsonl, FieldsPassThroughAndTextIsAdded) {
  TempDir t;
  write_file(t / "in.jsonl",
            "{\"id\": 7, \"html\": \"" + kFirst + "\\n\\nAdvertisement\\n\\n" + kSecond + "\\n\\n" + kThird + "\", "
            "\"score\": 1.50, \"tags\": [1, {\"k\": null}], \"url\": \"https:\\/\\/a.example\\/x\"}\n");
  auto r = sh("\"$W\" --input jsonl --mode text < '" + (t / "in.jsonl").string() + "'", t);
  EXPECT_EQ(r.status, 0) << r.err;
  // Other fields are copied byte for byte (1.50 stays 1.50), the page is not.
  EXPECT_NE(r.out.find("\"score\":1.50"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\"tags\":[1, {\"k\": null}]"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\"url\":\"https:\\/\\/a.example\\/x\""), std::string::npos) << r.out;
  auto records = parse_lines(r.out);
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0]["id"], 7);
  EXPECT_FALSE(records[0].contains("html"));
  EXPECT_EQ(records[0]["text"], kFirst + "\n\n" + kSecond + "\n\n" + kThird);
}

// A record's "html" field is a page: a fragment too small for the content
// to say it is HTML is read as HTML, as a file named *.html is. Another
// field is read by its content.
TEST(Jsonl, HtmlFieldWithAnyTagIsReadAsHtml) {
  TempDir t;
  write_file(t / "html.jsonl", "{\"html\": \"<p>Storm <b>closes</b> schools\"}\n");
  write_file(t / "text.jsonl", "{\"text\": \"<p>Storm <b>closes</b> schools\"}\n");
  auto html = sh("\"$W\" --input jsonl -f jsonl < '" + (t / "html.jsonl").string() + "'", t);
  EXPECT_EQ(html.status, 0) << html.err;
  EXPECT_NE(html.out.find("\"mode\":\"html\",\"text\":\"Storm closes schools\""), std::string::npos) << html.out;
  auto text = sh("\"$W\" --input jsonl --field text -f jsonl < '" + (t / "text.jsonl").string() + "'", t);
  EXPECT_NE(text.out.find("\"mode\":\"text\""), std::string::npos) << text.out;
}

// Scraped text in the "html" field with a '<' before a letter that no '>'
// closes ("x<y") holds no tag: it is read by its content, as text.
TEST(Jsonl, HtmlFieldWithALessThanSignIsText) {
  TempDir t;
  write_file(t / "less.jsonl", "{\"html\": \"Rates fall when x<y holds.\\n\\nThe rest of the story goes on.\"}\n");
  auto less = sh("\"$W\" --input jsonl -f jsonl < '" + (t / "less.jsonl").string() + "'", t);
  EXPECT_EQ(less.status, 0) << less.err;
  EXPECT_NE(less.out.find("\"mode\":\"text\""), std::string::npos) << less.out;
  EXPECT_NE(less.out.find("The rest of the story goes on."), std::string::npos) << less.out;
}

TEST(Jsonl, BadRecordsGiveErrorRecordsAndLineCountsMatch) {
  TempDir t;
  std::string in = good_records(2);
  in += "this is not json\n";
  in += "{\"id\": 10, \"body\": \"no text field here\"}\n";
  in += "\n";
  in += "{\"id\": 11, \"text\": 42}\n";
  in += "{\"id\": 12, \"text\": \"   \"}\n";
  in += "{\"id\": 13, \"text\": \"unterminated}\n";
  in += "{\"id\": 14} trailing\n";
  in += good_records(1);
  write_file(t / "in.jsonl", in);
  auto r = sh("\"$W\" --input jsonl --field text < '" + (t / "in.jsonl").string() + "'", t);
  EXPECT_EQ(r.status, 1);
  ASSERT_EQ(count_lines(r.out), count_lines(in));
  auto rec = parse_lines(r.out);
  EXPECT_FALSE(rec[0].contains("error"));
  EXPECT_EQ(rec[1]["id"], 1);
  for (std::size_t i = 2; i <= 8; ++i) EXPECT_TRUE(rec[i].contains("error")) << rec[i].dump();
  EXPECT_EQ(rec[2]["line"], 3);
  EXPECT_EQ(rec[3]["id"], 10);  // what could be read passes through
  EXPECT_EQ(rec[3]["body"], "no text field here");
  EXPECT_EQ(rec[5]["id"], 11);
  EXPECT_EQ(rec[6]["id"], 12);
  EXPECT_EQ(rec[6]["status"], "empty-input");
  EXPECT_EQ(rec[7]["line"], 8);
  EXPECT_FALSE(rec[9].contains("error"));
  EXPECT_NE(r.err.find("<stdin>:3: invalid JSON"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("3 ok, 7 failed, 0 skipped"), std::string::npos) << r.err;
}

// A nested object or array passes through only when it is valid JSON all
// the way down: every output line must parse.
TEST(Jsonl, NestedValuesAreCheckedBeforeTheyPassThrough) {
  TempDir t;
  std::string in = "{\"meta\": {\"tags\": [1, {\"a\": null}]}, \"text\": \"A paragraph of words.\"}\n";
  in += "{\"url\": {<p>\"x\"}, \"text\": \"A paragraph of words.\"}\n";
  in += "{\"tags\": [1, {x}], \"text\": \"A paragraph of words.\"}\n";
  write_file(t / "in.jsonl", in);
  auto r = sh("\"$W\" --input jsonl --field text < '" + (t / "in.jsonl").string() + "'", t);
  EXPECT_EQ(r.status, 1);
  ASSERT_EQ(count_lines(r.out), 3u);
  auto rec = parse_lines(r.out);
  EXPECT_EQ(rec[0]["meta"]["tags"][1]["a"], nullptr);
  EXPECT_FALSE(rec[0].contains("error"));
  for (std::size_t i = 1; i <= 2; ++i) {
    EXPECT_TRUE(rec[i]["error"].get<std::string>().starts_with("invalid JSON")) << rec[i].dump();
    EXPECT_EQ(rec[i]["line"], i + 1);
  }
}

// A nested value is checked one level at a time: a field nested a hundred
// thousand levels deep is a bad record, as it was when simdjson's DOM
// parser checked it, not a stack overflow; 1,024 levels pass through.
TEST(Jsonl, DeeplyNestedValuesAreBadRecordsNotCrashes) {
  TempDir t;
  auto nested = [](std::size_t depth, char open, char close) {
    return std::string(depth, open) + std::string(depth, close);
  };
  std::string in = "{\"deep\":" + nested(100000, '[', ']') + ",\"text\":\"A paragraph of words.\"}\n";
  std::string objects;
  for (int i = 0; i < 100000; ++i) objects += "{\"a\":";
  objects += "1" + std::string(100000, '}');
  in += "{\"deep\":" + objects + ",\"text\":\"A paragraph of words.\"}\n";
  in += "{\"deep\":" + nested(1024, '[', ']') + ",\"text\":\"A paragraph of words.\"}\n";
  in += "{\"deep\":" + nested(1025, '[', ']') + ",\"text\":\"A paragraph of words.\"}\n";
  write_file(t / "in.jsonl", in);
  auto r = sh("\"$W\" --input jsonl --field text < '" + (t / "in.jsonl").string() + "'", t);
  EXPECT_EQ(r.status, 1) << r.err;
  ASSERT_EQ(count_lines(r.out), 4u);
  auto rec = parse_lines(r.out);
  for (std::size_t i : {0u, 1u, 3u}) {
    EXPECT_NE(rec[i]["error"].get<std::string>().find("too deep"), std::string::npos) << rec[i].dump().substr(0, 200);
  }
  EXPECT_FALSE(rec[2].contains("error"));
  EXPECT_EQ(rec[2]["text"], "A paragraph of words.");
}

// Values JSON allows but simdjson's DOM parser refuses (a lone surrogate,
// a number past 64 bits or past a double's range, a name with a lone
// surrogate) made the record "invalid JSON" when they sat inside a nested
// field, and passed at the top level. They pass through as written, as
// does every field but the page; names too, escapes and all.
TEST(Jsonl, NestedValuesJsonAllowsPassThroughAsWritten) {
  TempDir t;
  const std::string page = ",\"text\":\"" + kFirst + "\"}\n";
  const std::vector<std::string> fields = {
      R"("headers":{"x":"caf\udce9"})",
      R"("tags":["\ud800"])",
      R"("meta":{"n":1234567890123456789012345678901234567890})",
      R"("\ud800":1)",
      R"("big":1e400,"nested":[1e400, -0.5E-400, {"deep":[[1234567890123456789012345678901234567890]]}])",
      R"("x\u0041":{"k\"ey\/\ud800":[true, false, null, "\ud83d\ude00"]})",
  };
  std::string in;
  for (std::size_t i = 0; i < fields.size(); ++i) in += "{\"id\":" + std::to_string(i) + "," + fields[i] + page;
  write_file(t / "in.jsonl", in);
  auto r = sh("\"$W\" --input jsonl --field text '" + (t / "in.jsonl").string() + "'", t);
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.err, std::to_string(fields.size()) + " ok, 0 failed, 0 skipped\n");
  auto lines = winnow::test::lines_of(r.out);
  ASSERT_EQ(lines.size(), fields.size()) << r.out;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    EXPECT_EQ(lines[i].rfind("{\"id\":" + std::to_string(i) + "," + fields[i] + ",", 0), 0u) << lines[i];
    EXPECT_NE(lines[i].find("\"text\":\"" + kFirst + "\""), std::string::npos) << lines[i];
    EXPECT_EQ(lines[i].find("\"error\""), std::string::npos) << lines[i];
  }
  // What JSON does not allow, nested or not, is still a bad record.
  std::string bad;
  for (const char* field : {R"("m":{"n":01})", R"("m":[1.])", R"("m":[-])", R"("m":{"a":+1})", R"("m":.5)",
                            R"("m":["\x"])", R"("m":{"\q":1})", R"("\q":1)", R"("m":[1e])"}) {
    bad += std::string("{") + field + page;
  }
  write_file(t / "bad.jsonl", bad);
  r = sh("\"$W\" --input jsonl --field text '" + (t / "bad.jsonl").string() + "'", t);
  EXPECT_EQ(r.status, 1);
  lines = winnow::test::lines_of(r.out);
  ASSERT_EQ(lines.size(), 9u) << r.out;
  for (const auto& line : lines) EXPECT_NE(line.find("\"error\":\"invalid JSON"), std::string::npos) << line;
}

TEST(Jsonl, ParallelOutputIsIdenticalToOneJob) {
  TempDir t;
  std::string in = good_records(80);
  write_file(t / "in.jsonl", in);
  auto one = sh("\"$W\" --input jsonl --field text -j 1 '" + (t / "in.jsonl").string() + "'", t);
  auto four = sh("\"$W\" --input jsonl --field text -j 4 '" + (t / "in.jsonl").string() + "'", t);
  ASSERT_EQ(one.status, 0) << one.err;
  EXPECT_EQ(one.out, four.out);
  auto rec = parse_lines(one.out);
  ASSERT_EQ(rec.size(), 80u);
  for (int i = 0; i < 80; ++i) EXPECT_EQ(rec[static_cast<std::size_t>(i)]["id"], i);
}

// The output lines are written in pieces of 64 KiB rather than a write per
// record: every record still comes out whole and in order, none lost at a
// piece's edge or at the end, as running winnow on each record alone gives
// it.
TEST(Jsonl, StandardOutputHoldsEveryRecordInOrder) {
  TempDir t;
  write_file(t / "in.jsonl", good_records(80));
  const std::string in = "'" + (t / "in.jsonl").string() + "'";
  auto stream = sh("\"$W\" --input jsonl --field text --no-site-boilerplate " + in, t);
  auto each = sh("while IFS= read -r line; do printf '%s\\n' \"$line\" | "
                 "\"$W\" --input jsonl --field text --no-site-boilerplate || exit 1; done < " + in, t);
  ASSERT_EQ(stream.status, 0) << stream.err;
  ASSERT_EQ(each.status, 0) << each.err;
  EXPECT_GT(stream.out.size(), 3 * 65536u);  // several pieces, and a last part-filled one
  EXPECT_EQ(count_lines(stream.out), 80u);
  EXPECT_EQ(stream.out, each.out);
}

TEST(Jsonl, ByteOrderMarksAreNotPartOfRecords) {
  // A file that opens with one (written on Windows), and two such files
  // joined with cat: every record is read, and no mark is passed on.
  TempDir t;
  const std::string kMark = "\xEF\xBB\xBF";
  write_file(t / "in.jsonl", kMark + good_records(2) + kMark + good_records(1));
  auto r = sh("\"$W\" --input jsonl --field text '" + (t / "in.jsonl").string() + "'", t);
  EXPECT_EQ(r.status, 0) << r.err;
  auto rec = parse_lines(r.out);
  ASSERT_EQ(rec.size(), 3u);
  for (const auto& record : rec) EXPECT_FALSE(record.contains("error")) << record.dump();
  EXPECT_EQ(rec[0]["id"], 0);
  EXPECT_EQ(rec[2]["id"], 0);
  EXPECT_EQ(r.out.find(kMark), std::string::npos);
}

TEST(Jsonl, LoneSurrogateEscapesAreReadAsReplacementCharacters) {
  // JSON allows "\ud800" alone (Python writes it for bytes it decoded with
  // surrogateescape); such a page or field is read, not refused.
  TempDir t;
  write_file(t / "in.jsonl", "{\"text\":\"" + kFirst + " Caf\\udce9 \\ud83d\\ude00 " + kSecond +
                                 "\",\"id\":1}\n"
                                 "{\"text\":\"" + kThird + "\",\"title\":\"caf\\udce9\"}\n"
                                 "{\"text\":\"a \\x is no escape\"}\n");
  auto r = sh("\"$W\" --input jsonl --field text '" + (t / "in.jsonl").string() + "'", t);
  EXPECT_EQ(r.status, 1) << r.err;  // the third line
  auto lines = winnow::test::lines_of(r.out);
  ASSERT_EQ(lines.size(), 3u) << r.out;
  json first = json::parse(lines[0]);
  EXPECT_EQ(first["id"], 1);
  EXPECT_NE(first["text"].get<std::string>().find("Caf\xEF\xBF\xBD \xF0\x9F\x98\x80"), std::string::npos)
      << first.dump();
  EXPECT_EQ(first["notes"][0], "lone surrogates in the JSON string replaced with U+FFFD: 1");
  // A passthrough field is passed on byte for byte, escape and all.
  EXPECT_NE(lines[1].find("\"title\":\"caf\\udce9\""), std::string::npos) << lines[1];
  EXPECT_NE(lines[1].find(kThird), std::string::npos) << lines[1];
  EXPECT_EQ(lines[1].find("\"error\""), std::string::npos) << lines[1];
  EXPECT_NE(lines[2].find("\"error\":\"invalid JSON"), std::string::npos) << lines[2];
}

TEST(Jsonl, GzipStreamIsRead) {
  TempDir t;
  write_file(t / "in.jsonl", good_records(5));
  auto r = sh("gzip -c '" + (t / "in.jsonl").string() + "' > '" + (t / "in.jsonl.gz").string() +
                  "' && \"$W\" --input jsonl --field text '" + (t / "in.jsonl.gz").string() + "'",
              t);
  auto plain = sh("\"$W\" --input jsonl --field text '" + (t / "in.jsonl").string() + "'", t);
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, plain.out);
  EXPECT_EQ(count_lines(r.out), 5u);
}

// A gzip stream cut short, or one that is not gzip past its header, is a
// read error naming the input: it read as a short stream, exit 0.
TEST(Jsonl, GzipStreamCutShortIsAReadError) {
  TempDir t;
  write_file(t / "in.jsonl", good_records(200));
  ASSERT_EQ(sh("gzip -c '" + (t / "in.jsonl").string() + "' | head -c 2000 > '" + (t / "cut.jsonl.gz").string() + "'",
               t).status, 0);
  auto r = sh("\"$W\" --input jsonl --field text '" + (t / "cut.jsonl.gz").string() + "'", t);
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("cut.jsonl.gz: read error: gzip stream cut short\n"), std::string::npos) << r.err;
  r = sh("printf '\\037\\213\\010\\000garbage' | \"$W\" --input jsonl", t);
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("winnow: <stdin>: read error: gzip stream cut short\n"), std::string::npos) << r.err;
  // A directory as standard input: the reason, not zlib's name for it.
  r = sh("\"$W\" --input jsonl < '" + t.path().string() + "'", t);
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("winnow: <stdin>: read error: Is a directory\n"), std::string::npos) << r.err;
}

// A bad check at the end of a gzip stream (its CRC or its length) is a
// read error naming the input, after every line decoded before it: gzread()
// dropped all it had decoded in its last call (up to 128 KiB of intact
// records), the next line read as "invalid JSON", and the message named
// zlib's "<fd:3>" for the input.
TEST(Jsonl, GzipStreamWithABadCheckKeepsEveryLineBeforeIt) {
  TempDir t;
  std::string in;
  for (int i = 0; i < 20000; ++i) in += "{\"id\":" + std::to_string(i) + ",\"html\":\"<p>record " + std::to_string(i) + " with words</p>\"}\n";
  write_file(t / "m.jsonl", in);
  ASSERT_EQ(sh("gzip -c '" + (t / "m.jsonl").string() + "' > '" + (t / "m.jsonl.gz").string() + "'", t).status, 0);
  const std::string gz = read_file(t / "m.jsonl.gz");
  for (const auto& [at, reason] : {std::pair{6, "incorrect data check"}, std::pair{2, "incorrect length check"}}) {
    std::string damaged = gz;
    damaged[damaged.size() - at] ^= 0x01;
    write_file(t / "bad.jsonl.gz", damaged);
    auto r = sh("\"$W\" --input jsonl --no-site-boilerplate -j1 '" + (t / "bad.jsonl.gz").string() + "'", t);
    EXPECT_EQ(r.status, 1);
    EXPECT_EQ(count_lines(r.out), 20000u) << reason;
    EXPECT_NE(r.out.rfind("{\"id\":19999,"), std::string::npos) << reason;
    EXPECT_EQ(r.err, "winnow: " + (t / "bad.jsonl.gz").string() + ": read error: " + reason +
                         "\n20000 ok, 1 failed, 0 skipped\n");
  }
}

TEST(Jsonl, GnuParallelPipeRoundTrip) {
  TempDir t;
  if (sh("command -v parallel", t).status != 0) GTEST_SKIP() << "GNU parallel is not installed";
  std::string in = good_records(50);
  in.insert(in.find('\n', in.size() / 2) + 1, "{\"id\": 99}\n");  // no page
  write_file(t / "in.jsonl", in);
  std::string file = (t / "in.jsonl").string();
  // Site learning is per chunk under parallel; compare without it.
  auto direct = sh("\"$W\" --input jsonl --field text --no-site-boilerplate -j 1 < '" + file + "'", t);
  auto piped = sh("parallel --will-cite --pipe -k -N 7 -j 2 \"$W\" --input jsonl --field text "
                  "--no-site-boilerplate -j 1 < '" + file + "'",
                  t);
  EXPECT_EQ(piped.status, 1) << piped.err;  // the bad record fails its chunk
  EXPECT_EQ(count_lines(piped.out), count_lines(in));
  EXPECT_EQ(piped.out, direct.out);
}

}  // namespace
