// Tests of the corpus readers: every format, metadata, ids and problems.
#include "byline/corpus_reader.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <map>
#include <vector>

#include "testutil.h"

namespace byline {
namespace {

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

std::string Gzip(const std::string& data) {
  std::string out(compressBound(data.size()) + 64, '\0');
  z_stream zs{};
  deflateInit2(&zs, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  deflate(&zs, Z_FINISH);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return out;
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
