// Tests of the corpus readers: every format, metadata, ids and problems.
#include "byline/corpus_reader.h"

#include <gtest/gtest.h>

#include <map>
#include <sstream>
#include <vector>

#include "byline/text.h"

#include "gzip.h"
#include "testutil.h"

namespace byline {
namespace {

using test::Gzip;

struct Read {
  std::vector<Article> articles;
  std::vector<std::string> errors;
  Status status;
};

Read ReadOne(const std::string& path) {
  Read r;
  ReadSink sink;
  sink.on_article = [&](Article&& a) { r.articles.push_back(std::move(a)); };
  sink.on_error = [&](const Status& s) { r.errors.push_back(s.message()); };
  r.status = ReadFile(path, ReadLimits{}, sink);
  return r;
}

// One JSON Lines record with id "n<i>" (or, with `with_id` false, none:
// its id is then the file's path and line).
std::string JsonLine(int i, const std::string& body, bool with_id = true) {
  return "{" + (with_id ? "\"id\": \"n" + std::to_string(i) + "\", " : std::string()) +
         "\"title\": \"Item " + std::to_string(i) + "\", \"body\": \"" + body + "\"}";
}

TEST(CorpusReaderTest, FormatFromFileName) {
  bool gz = false;
  EXPECT_EQ(FormatOfPath("a/b.TXT", &gz), FileFormat::kText);
  EXPECT_FALSE(gz);
  EXPECT_EQ(FormatOfPath("x.md", &gz), FileFormat::kMarkdown);
  EXPECT_EQ(FormatOfPath("x.htm", &gz), FileFormat::kHtml);
  EXPECT_EQ(FormatOfPath("x.ndjson", &gz), FileFormat::kJsonLines);
  EXPECT_EQ(FormatOfPath("x.json.gz", &gz), FileFormat::kJson);
  EXPECT_TRUE(gz);
  EXPECT_EQ(FormatOfPath("x.pdf", &gz), FileFormat::kUnknown);
}

TEST(CorpusReaderTest, TextWithHeaders) {
  test::TempDir dir;
  auto r = ReadOne(dir.Write("a.txt",
                             "Title: Port strike\nDate: Nov 14, 2018\nSource: Byline Wire\n"
                             "Author: M. L.\nURL: https://x.example/a\nLanguage: English\n\n"
                             "Crane operators stopped work.\n\nSecond paragraph.\n"));
  ASSERT_EQ(r.articles.size(), 1u);
  const Article& a = r.articles[0];
  EXPECT_EQ(a.title, "Port strike");
  EXPECT_EQ(a.date, "2018-11-14");
  EXPECT_EQ(a.source, "Byline Wire");
  EXPECT_EQ(a.author, "M. L.");
  EXPECT_EQ(a.url, "https://x.example/a");
  EXPECT_EQ(a.lang, "en");
  EXPECT_EQ(a.body, "Crane operators stopped work.\n\nSecond paragraph.");
  EXPECT_EQ(a.id, a.path);
  EXPECT_TRUE(r.errors.empty());
}

TEST(CorpusReaderTest, TextWithoutHeadersTakesFirstLineAsTitle) {
  test::TempDir dir;
  auto r = ReadOne(dir.Write("b.txt", "\nLibrary opens late\nThe library will stay open.\n"));
  ASSERT_EQ(r.articles.size(), 1u);
  EXPECT_EQ(r.articles[0].title, "Library opens late");
  EXPECT_EQ(r.articles[0].body, "The library will stay open.");
  // A first line that is a whole paragraph is not a title.
  std::string para(300, 'x');
  para = "Long " + para + " paragraph.";
  auto p = ReadOne(dir.Write("p.txt", para + "\nSecond line.\n"));
  ASSERT_EQ(p.articles.size(), 1u);
  EXPECT_EQ(p.articles[0].title, "");
  EXPECT_EQ(p.articles[0].body, para + "\nSecond line.");
  // A line that merely looks like a header is body text, not metadata.
  auto r2 = ReadOne(dir.Write("c.txt", "Warning: storms ahead\nThe coast braces.\n"));
  ASSERT_EQ(r2.articles.size(), 1u);
  EXPECT_EQ(r2.articles[0].title, "Warning: storms ahead");
}

TEST(CorpusReaderTest, MarkdownFrontMatterAndMarkup) {
  test::TempDir dir;
  auto r = ReadOne(dir.Write("m.md",
                             "---\ntitle: \"Bees: a record\"\ndate: 2019-09-28\nlang: en\n---\n"
                             "# Heading here\n\n**Bold** and [a link](https://x) and *em*.\n"));
  ASSERT_EQ(r.articles.size(), 1u);
  EXPECT_EQ(r.articles[0].title, "Bees: a record");
  EXPECT_EQ(r.articles[0].date, "2019-09-28");
  EXPECT_EQ(r.articles[0].body, "Heading here\n\nBold and a link and em.");
  auto r2 = ReadOne(dir.Write("n.md", "# Chess club grows\n\nEvery Thursday.\n"));
  ASSERT_EQ(r2.articles.size(), 1u);
  EXPECT_EQ(r2.articles[0].title, "Chess club grows");
}

TEST(CorpusReaderTest, HtmlMetadataAndCleanBody) {
  test::TempDir dir;
  auto r = ReadOne(
      dir.Write("p.html",
                "<html lang=\"fr-FR\"><head><title>Tag title | Site</title>"
                "<meta property=\"og:title\" content=\"OG title\">"
                "<meta property=\"article:published_time\" content=\"2019-08-26T08:00:00+02:00\">"
                "<meta name=\"author\" content=\"Claire Dubois\">"
                "<meta property=\"og:site_name\" content=\"Le Quotidien\">"
                "<link rel=\"canonical\" href=\"https://q.example/v\">"
                "<script>var tracked = 1;</script><style>p{}</style></head><body>"
                "<nav>Home World</nav><header>Masthead</header><article><h1>OG title</h1>"
                "<p>Les vendanges commencent.</p><p>Deuxième paragraphe.</p></article>"
                "<aside>Most read</aside><footer>Cookies</footer></body></html>"));
  ASSERT_EQ(r.articles.size(), 1u);
  const Article& a = r.articles[0];
  EXPECT_EQ(a.title, "OG title");
  EXPECT_EQ(a.date, "2019-08-26T06:00:00Z");
  EXPECT_EQ(a.author, "Claire Dubois");
  EXPECT_EQ(a.source, "Le Quotidien");
  EXPECT_EQ(a.url, "https://q.example/v");
  EXPECT_EQ(a.lang, "fr");
  EXPECT_EQ(a.body, "Les vendanges commencent.\n\nDeuxième paragraphe.");
  for (const char* absent : {"tracked", "Home", "Masthead", "Most read", "Cookies"}) {
    EXPECT_EQ(a.body.find(absent), std::string::npos) << absent;
  }
}

TEST(CorpusReaderTest, HtmlTitleDropsTheSiteNameWhenH1Agrees) {
  test::TempDir dir;
  auto r = ReadOne(dir.Write(
      "s.html",
      "<title>Elvis fans hold party | The Site</title><h1>Elvis fans hold party</h1><p>Text.</p>"));
  ASSERT_EQ(r.articles.size(), 1u);
  EXPECT_EQ(r.articles[0].title, "Elvis fans hold party");
}

TEST(CorpusReaderTest, HtmlTitleFallsBackToTitleTagThenH1) {
  test::TempDir dir;
  auto r = ReadOne(dir.Write("t.htm", "<title>Only a title tag</title><p>Body text.</p>"));
  ASSERT_EQ(r.articles.size(), 1u);
  EXPECT_EQ(r.articles[0].title, "Only a title tag");
  auto r2 = ReadOne(dir.Write(
      "h.htm",
      "<body><h1>From h1</h1><time datetime=\"2018-06-17\">June 17</time><p>Text.</p></body>"));
  ASSERT_EQ(r2.articles.size(), 1u);
  EXPECT_EQ(r2.articles[0].title, "From h1");
  EXPECT_EQ(r2.articles[0].date, "2018-06-17");
  EXPECT_EQ(r2.articles[0].body, "Text.");
}

TEST(CorpusReaderTest, JsonObjectArrayAndFieldSynonyms) {
  test::TempDir dir;
  auto r = ReadOne(
      dir.Write("a.json",
                R"([{"id": 17, "headline": "H1", "published_at": "2018-11-14", "content": "C1",
           "site": "S", "byline": ["A", "B"], "link": "u", "language": "de"},
          {"title": "T2", "body": "B2"}])"));
  ASSERT_EQ(r.articles.size(), 2u);
  EXPECT_EQ(r.articles[0].id, "17");
  EXPECT_EQ(r.articles[0].title, "H1");
  EXPECT_EQ(r.articles[0].date, "2018-11-14");
  EXPECT_EQ(r.articles[0].body, "C1");
  EXPECT_EQ(r.articles[0].source, "S");
  EXPECT_EQ(r.articles[0].author, "A, B");
  EXPECT_EQ(r.articles[0].url, "u");
  EXPECT_EQ(r.articles[0].lang, "de");
  EXPECT_EQ(r.articles[1].id, (dir.path() / "a.json").string() + "#2");
  auto one = ReadOne(dir.Write("b.json", R"({"id": "x", "title": "One", "text": "Only"})"));
  ASSERT_EQ(one.articles.size(), 1u);
  EXPECT_EQ(one.articles[0].id, "x");
}

TEST(CorpusReaderTest, JsonSyntaxErrorNamesFileLineAndColumn) {
  test::TempDir dir;
  auto r = ReadOne(dir.Write("bad.json", "{\n  \"title\": \"x\",\n  oops\n}"));
  EXPECT_TRUE(r.articles.empty());
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_NE(r.errors[0].find("bad.json:3:"), std::string::npos) << r.errors[0];
  EXPECT_NE(r.errors[0].find("invalid JSON"), std::string::npos) << r.errors[0];
}

TEST(CorpusReaderTest, NumbersOutOfRangeAreErrorsNotCrashes) {
  // Found by tests/fuzz/reader_fuzzer: nlohmann throws out_of_range here.
  test::TempDir dir;
  auto r = ReadOne(dir.Write("n.json", "[11e1111111111^"));
  EXPECT_TRUE(r.articles.empty());
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_NE(r.errors[0].find("number overflow"), std::string::npos) << r.errors[0];
  auto l =
      ReadOne(dir.Write("n.jsonl", "{\"title\": \"a\", \"n\": 1e99999}\n{\"title\": \"ok\"}\n"));
  ASSERT_EQ(l.articles.size(), 1u);
  ASSERT_EQ(l.errors.size(), 1u);
  EXPECT_NE(l.errors[0].find("n.jsonl:1:"), std::string::npos) << l.errors[0];
}

TEST(CorpusReaderTest, JsonLinesKeepsGoodLinesAndReportsBadOnes) {
  test::TempDir dir;
  std::string path = dir.Write("f.jsonl",
                               "{\"id\": \"a\", \"title\": \"First\", \"body\": \"one\"}\n"
                               "{\"id\": \"b\", \"title\": \"Trunc\n"
                               "\n"
                               "not json at all\n"
                               "{\"title\": \"No id\", \"body\": \"four\"}\n"
                               "[1, 2]\n");
  auto r = ReadOne(path);
  ASSERT_EQ(r.articles.size(), 2u);
  EXPECT_EQ(r.articles[0].id, "a");
  EXPECT_EQ(r.articles[1].id, path + ":5");
  EXPECT_EQ(r.articles[1].path, path + ":5");
  ASSERT_EQ(r.errors.size(), 3u);
  EXPECT_NE(r.errors[0].find("f.jsonl:2:"), std::string::npos) << r.errors[0];
  EXPECT_NE(r.errors[1].find("f.jsonl:4:"), std::string::npos) << r.errors[1];
  EXPECT_NE(r.errors[2].find("f.jsonl:6:"), std::string::npos) << r.errors[2];
}

// A bad line of a JSON Lines file, or a bad element of a JSON array, costs
// that line or element, never the file: NUL bytes, control characters,
// bytes that are not UTF-8, broken syntax, an array cut short.
TEST(CorpusReaderTest, ABadLineOrArrayElementCostsOnlyItself) {
  const std::string good1 = R"({"id": "g1", "title": "Good one", "body": "walruses"})";
  const std::string good2 = R"({"id": "g2", "title": "Good two", "body": "narwhals"})";
  struct Case {
    const char* name;
    std::string file;   // file name: its extension picks the format
    std::string bad;    // put between the two good articles
    const char* error;  // what the one error says
  };
  const Case cases[] = {
      {"nul in a line", "a.jsonl", std::string("{\"title\": \"x\0y\", \"body\": \"z\"}", 29),
       "a.jsonl:2: line is binary data (NUL bytes); skipped"},
      {"raw control character", "b.jsonl", "{\"title\": \"x\x01y\", \"body\": \"z\"}",
       "b.jsonl:2: invalid JSON"},
      {"not utf-8", "c.jsonl", "{\"title\": \"caf\xe9\", \"body\": \"z\"}",
       "c.jsonl:2: line is not valid UTF-8; skipped"},
      {"nul in an element", "d.json", std::string("{\"title\": \"x\0y\", \"body\": \"z\"}", 29),
       "d.json [2]: binary data (NUL bytes); skipped"},
      {"not utf-8 in an element", "e.json", "{\"title\": \"caf\xe9\", \"body\": \"z\"}",
       "e.json [2]: not valid UTF-8; skipped"},
      {"broken element", "f.json", "{\"title\": oops, \"body\": [1, {\"a\": \"]}\"}]}",
       "f.json:2:"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    test::TempDir dir;
    bool lines = c.file.find(".jsonl") != std::string::npos;
    std::string content = lines ? good1 + "\n" + c.bad + "\n" + good2 + "\n"
                                : "[" + good1 + ",\n" + c.bad + ",\n" + good2 + "]";
    auto r = ReadOne(dir.Write(c.file, content));
    ASSERT_EQ(r.articles.size(), 2u);
    EXPECT_EQ(r.articles[0].id, "g1");
    EXPECT_EQ(r.articles[1].id, "g2");
    ASSERT_EQ(r.errors.size(), 1u);
    EXPECT_NE(r.errors[0].find(c.error), std::string::npos) << r.errors[0];
    // The parser's words, not its internals or an excerpt of the raw bytes.
    EXPECT_EQ(r.errors[0].find("json.exception"), std::string::npos) << r.errors[0];
    EXPECT_EQ(r.errors[0].find("last read"), std::string::npos) << r.errors[0];
  }
  // An array cut short keeps the elements before the cut; an empty one is no error.
  test::TempDir dir;
  auto cut = ReadOne(dir.Write("cut.json", "[" + good1 + ", " + good2 + ", {\"title\": \"half"));
  ASSERT_EQ(cut.articles.size(), 2u);
  ASSERT_EQ(cut.errors.size(), 1u);
  EXPECT_NE(cut.errors[0].find("[3]: invalid JSON"), std::string::npos) << cut.errors[0];
  auto empty = ReadOne(dir.Write("empty.json", " [ ] "));
  EXPECT_TRUE(empty.articles.empty());
  EXPECT_TRUE(empty.errors.empty());
  // A file that is binary from its first byte is still one error, not one per line.
  auto binary = ReadOne(dir.Write("png.jsonl", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16)));
  EXPECT_TRUE(binary.articles.empty());
  EXPECT_NE(binary.status.message().find("binary data"), std::string::npos);
}

TEST(CorpusReaderTest, GzipOfAnyFormat) {
  test::TempDir dir;
  auto r = ReadOne(dir.Write("x.jsonl.gz", Gzip("{\"title\": \"Zipped\", \"body\": \"b\"}\n")));
  ASSERT_EQ(r.articles.size(), 1u);
  EXPECT_EQ(r.articles[0].title, "Zipped");
  auto t = ReadOne(dir.Write("y.txt.gz", Gzip("Title: Zipped text\n\nBody.\n")));
  ASSERT_EQ(t.articles.size(), 1u);
  EXPECT_EQ(t.articles[0].title, "Zipped text");
  std::string broken = Gzip("{\"title\": \"Cut\", \"body\": \"b\"}\n");
  broken.resize(broken.size() / 2);
  auto b = ReadOne(dir.Write("z.jsonl.gz", broken));
  EXPECT_FALSE(b.status.ok());
  EXPECT_NE(b.status.message().find("z.jsonl.gz"), std::string::npos);
  EXPECT_NE(b.status.message().find("gzip"), std::string::npos);
}

// JSON Lines are streamed a chunk at a time; what comes out must be what
// parsing the whole file at once gives: the same articles, ids ("path:line",
// which existing databases are keyed by) and errors, whatever the layout of
// lines against chunk boundaries and gzip members.
TEST(CorpusReaderTest, StreamedJsonLinesAreTheWholeFilesArticlesAndIds) {
  // Lines of many sizes (a few bytes to past one raw chunk of 64 KiB), blank
  // and bad ones among them, so that lines straddle every boundary.
  std::string content;
  for (int i = 0; i < 120; ++i) {
    if (i % 37 == 5) content += "\n";
    if (i % 53 == 7) content += "{\"title\": \"cut short\n";
    std::string body((i * 7919) % 70000, 'w');
    for (std::size_t k = 5; k < body.size(); k += 6) body[k] = ' ';
    content += JsonLine(i, body, /*with_id=*/i % 4 != 1) + (i % 3 == 0 ? "\r\n" : "\n");
  }
  content += JsonLine(120, "no newline at the end");
  std::string half1 = content.substr(0, content.size() / 3);
  std::string half2 = content.substr(content.size() / 3);
  struct Case {
    const char* name;
    std::string file, bytes;
  };
  const Case cases[] = {
      {"plain", "s.jsonl", content},
      {"gzip", "s.jsonl.gz", Gzip(content)},
      {"two gzip members split mid-line", "s.ndjson.gz", Gzip(half1) + Gzip(half2)},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    test::TempDir dir;
    std::string path = dir.Write(c.file, c.bytes);
    Read whole;  // the reference: the in-memory parser over the whole content
    ReadSink sink;
    sink.on_article = [&](Article&& a) { whole.articles.push_back(std::move(a)); };
    sink.on_error = [&](const Status& s) { whole.errors.push_back(s.message()); };
    ParseArticles(path, FileFormat::kJsonLines, content, sink);
    auto r = ReadOne(path);
    ASSERT_BYLINE_OK(r.status);
    ASSERT_EQ(r.articles.size(), whole.articles.size());
    EXPECT_EQ(r.articles.size(), 121u);
    EXPECT_EQ(r.articles[1].id, path + ":2");  // no "id": the path and line
    for (std::size_t i = 0; i < r.articles.size(); ++i) {
      EXPECT_EQ(r.articles[i].id, whole.articles[i].id);
      EXPECT_EQ(r.articles[i].path, whole.articles[i].path);
      EXPECT_EQ(r.articles[i].body, whole.articles[i].body);
    }
    EXPECT_EQ(r.errors, whole.errors);
    EXPECT_EQ(r.errors.size(), 3u);
  }
}

// The reader reports its position in the raw (compressed) input as it goes,
// and hashes exactly the bytes it read: the file record's hash.
TEST(CorpusReaderTest, StreamingReportsRawBytesConsumedAndHashesThem) {
  std::string content;
  for (int i = 0; content.size() < (3u << 19); ++i) {
    content += JsonLine(i, "Article " + std::to_string(i * 2654435761u) + " about harbours") + "\n";
  }
  const std::string gz = Gzip(content);
  for (const std::string& name : {std::string("p.jsonl.gz"), std::string("p.jsonl")}) {
    SCOPED_TRACE(name);
    const std::string& bytes = name == "p.jsonl" ? content : gz;
    std::istringstream in(bytes);
    std::vector<std::uint64_t> seen;  // positions, with the articles after each
    std::vector<std::size_t> articles_at;
    std::size_t articles = 0;
    ReadSink sink;
    sink.on_article = [&](Article&&) { ++articles; };
    sink.on_error = [](const Status& s) { ADD_FAILURE() << s.message(); };
    sink.on_progress = [&](std::uint64_t b) {
      seen.push_back(b);
      articles_at.push_back(articles);
    };
    FileDigest digest;
    ASSERT_BYLINE_OK(ReadArticles(name, in, ReadLimits{}, sink, &digest));
    EXPECT_EQ(digest.bytes, bytes.size());
    EXPECT_EQ(digest.hash, Fnv1a64(bytes));
    ASSERT_GT(seen.size(), 2u);
    EXPECT_TRUE(std::is_sorted(seen.begin(), seen.end()));
    EXPECT_EQ(seen.back(), bytes.size());
    // Articles come between the reports, not all after the last one.
    EXPECT_GT(articles_at[seen.size() / 2], 0u);
    EXPECT_LT(articles_at[seen.size() / 2], articles);
  }
}

// Damage inside a big .jsonl.gz costs what follows it, never what came
// before; the unfinished line at the damage is not reported as bad JSON.
TEST(CorpusReaderTest, TruncatedGzipKeepsTheLinesBeforeTheDamage) {
  std::string content;
  for (int i = 0; content.size() < (1u << 20); ++i) {
    content += JsonLine(i, "Body number " + std::to_string(i * 2654435761u)) + "\n";
  }
  std::string gz = Gzip(content);
  gz.resize(gz.size() / 2);
  test::TempDir dir;
  auto r = ReadOne(dir.Write("t.jsonl.gz", gz));
  EXPECT_EQ(r.status.code(), StatusCode::kCorruption);
  EXPECT_NE(r.status.message().find("t.jsonl.gz: corrupt or truncated gzip"), std::string::npos)
      << r.status.message();
  EXPECT_GT(r.articles.size(), 500u);
  EXPECT_TRUE(r.errors.empty()) << r.errors.front();
  // Garbage after a whole member is damage too, as before streaming.
  auto g = ReadOne(dir.Write("g.jsonl.gz", Gzip(JsonLine(1, "x") + "\n") + "garbage"));
  EXPECT_EQ(g.status.code(), StatusCode::kCorruption);
  auto e = ReadOne(dir.Write("e.jsonl.gz", ""));
  EXPECT_EQ(e.status.code(), StatusCode::kCorruption);
}

// A JSON Lines file is not held whole, so the caps on a whole file do not
// apply to it: max_line_bytes caps each line, and a longer one is reported
// with its file and line and skipped while the lines after it keep their
// numbers (and ids).
TEST(CorpusReaderTest, ALineOverTheCapIsSkippedAndTheRestKeepTheirNumbers) {
  ReadLimits limits;
  limits.max_line_bytes = 1 << 20;
  limits.max_file_bytes = 1 << 20;  // a whole file's caps: not for JSON Lines
  limits.max_decompressed_bytes = 1 << 20;
  std::string content = JsonLine(1, "first") + "\n" + JsonLine(2, std::string(3 << 20, 'y')) +
                        "\n" + JsonLine(3, "third") + "\n";
  for (int i = 4; content.size() < (3u << 20) + (256u << 10); ++i) {
    content += JsonLine(i, "filler " + std::to_string(i)) + "\n";
  }
  for (const std::string& name : {std::string("c.jsonl"), std::string("c.jsonl.gz")}) {
    SCOPED_TRACE(name);
    std::istringstream in(name == "c.jsonl" ? content : Gzip(content));
    Read r;
    ReadSink sink;
    sink.on_article = [&](Article&& a) { r.articles.push_back(std::move(a)); };
    sink.on_error = [&](const Status& s) { r.errors.push_back(s.message()); };
    ASSERT_BYLINE_OK(ReadArticles(name, in, limits, sink));
    ASSERT_EQ(r.errors.size(), 1u);
    EXPECT_EQ(r.errors[0], name +
                               ":2: line is longer than 1 MiB (the cap on a JSON Lines line); "
                               "skipped");
    ASSERT_GT(r.articles.size(), 2u);
    EXPECT_EQ(r.articles[0].id, "n1");
    EXPECT_EQ(r.articles[1].id, "n3");
  }
  // The same caps still hold a format read whole.
  std::istringstream big(Gzip(std::string(2 << 20, 'x')));
  ReadSink quiet;
  quiet.on_article = [](Article&&) {};
  quiet.on_error = [](const Status&) {};
  Status s = ReadArticles("big.txt.gz", big, limits, quiet);
  EXPECT_NE(s.message().find("decompresses to more than 1 MiB"), std::string::npos) << s.message();
}

TEST(CorpusReaderTest, LegacyEncodingsAndLanguageGuess) {
  test::TempDir dir;
  auto r = ReadOne(dir.Write("l.txt",
                             "Le caf\xE9"
                             " du port\n\nLes p\xEA"
                             "cheurs venaient chez elle avant l'aube et le caf\xE9"
                             " \xE9"
                             "tait plein dans la nuit.\n"));
  ASSERT_EQ(r.articles.size(), 1u);
  EXPECT_EQ(r.articles[0].title, "Le café du port");
  EXPECT_EQ(r.articles[0].lang, "fr");
  auto z = ReadOne(
      dir.Write("z.txt", "城市公园\n\n市园林局表示，今年春季城市公园共种植了五千棵新树。\n"));
  ASSERT_EQ(z.articles.size(), 1u);
  EXPECT_EQ(z.articles[0].lang, "zh");
}

TEST(CorpusReaderTest, EmptyFileIsReported) {
  test::TempDir dir;
  auto r = ReadOne(dir.Write("empty.txt", "  \n\n"));
  EXPECT_TRUE(r.articles.empty());
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_NE(r.errors[0].find("empty.txt"), std::string::npos);
}

TEST(CorpusReaderTest, ListsSupportedFilesRecursivelyInOrder) {
  test::TempDir dir;
  dir.Write("b/two.json", "{}");
  dir.Write("a/one.txt", "x");
  dir.Write("a/deep/three.html", "x");
  dir.Write("a/image.png", "x");
  dir.Write("README.md", "not an article");
  dir.Write(".git/config.txt", "hidden");
  std::size_t unknown = 0;
  std::vector<std::string> errors;
  auto files = ListCorpusFiles({dir.path().string(), (dir.path() / "missing").string()}, &unknown,
                               [&](const Status& s) { errors.push_back(s.message()); });
  ASSERT_EQ(files.size(), 3u);
  EXPECT_NE(files[0].path.find("a/deep/three.html"), std::string::npos);
  EXPECT_NE(files[1].path.find("a/one.txt"), std::string::npos);
  EXPECT_NE(files[2].path.find("b/two.json"), std::string::npos);
  EXPECT_EQ(unknown, 1u);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_NE(errors[0].find("missing"), std::string::npos);
}

}  // namespace
}  // namespace byline
