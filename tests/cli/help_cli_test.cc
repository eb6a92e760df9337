// End-to-end tests of the command line that helps (issue 18, items 4 and 5):
// the overview, `byline help`, did you mean, one style for every error, help
// pages without type noise, --explain in the query language, `index --json`,
// -v, plurals, --title-weight on an existing database, an empty database,
// entities, wrapped titles and `byline info`.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "byline/schema.h"
#include "process.h"
#include "sample_corpus.h"
#include "testutil.h"

namespace {

namespace fs = std::filesystem;
using byline::test::Byline;
using byline::test::JsonLines;
using byline::test::RunResult;
using nlohmann::json;

// Every line of `err` is a message of byline's own ("byline: ..."), or the
// query and the caret under it that a query error shows.
void ExpectOneStyle(const std::string& err) {
  std::istringstream lines(err);
  std::string line;
  int n = 0;
  while (std::getline(lines, line)) {
    ++n;
    if (line.rfind("  ", 0) == 0) continue;  // the query and its caret
    EXPECT_EQ(line.rfind("byline: ", 0), 0u) << "not in byline's style: " << line;
  }
  EXPECT_GT(n, 0) << "no message at all";
}

TEST(HelpCli, BylineAloneShowsTheCommandsAndWhatToTryFirst) {
  RunResult r = Byline({});
  EXPECT_EQ(r.code, 0) << r.err;
  for (const char* command :
       {"index", "search", "show", "similar", "timeline", "info", "eval", "bench", "help"}) {
    EXPECT_NE(r.out.find("\n  " + std::string(command) + " "), std::string::npos) << command;
  }
  EXPECT_NE(r.out.find("byline index corpus/"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("byline help search"), std::string::npos) << r.out;
  EXPECT_EQ(Byline({"help"}).out, r.out);
}

TEST(HelpCli, HelpCommandIsTheCommandsHelpPage) {
  for (const char* command : {"search", "index", "info", "show"}) {
    RunResult help = Byline({"help", command});
    RunResult flag = Byline({command, "--help"});
    EXPECT_EQ(help.code, 0) << help.err;
    EXPECT_EQ(flag.code, 0) << flag.err;
    EXPECT_EQ(help.out, flag.out) << command;
    EXPECT_NE(help.out.find(std::string("Usage: byline ") + command), std::string::npos)
        << help.out;
  }
  RunResult typo = Byline({"help", "serch"});
  EXPECT_EQ(typo.code, 2);
  EXPECT_EQ(typo.err,
            "byline: help: no command 'serch': did you mean search? (byline help lists the "
            "commands)\n");
}

TEST(HelpCli, MistypedCommandsAndOptionsGetDidYouMean) {
  RunResult command = Byline({"serch", "foo"});
  EXPECT_EQ(command.code, 2);
  EXPECT_EQ(command.err,
            "byline: no command 'serch': did you mean search? (byline help lists the "
            "commands)\n");
  RunResult far = Byline({"frobnicate"});
  EXPECT_EQ(far.code, 2);
  EXPECT_EQ(far.err, "byline: no command 'frobnicate' (byline help lists the commands)\n");
  RunResult option = Byline({"search", "--sortt", "newest", "crane"});
  EXPECT_EQ(option.code, 2);
  EXPECT_NE(option.err.find("byline: search: unknown option --sortt: did you mean --sort?"),
            std::string::npos)
      << option.err;
  RunResult index_option = Byline({"index", "--rebuld", byline::test::SampleCorpus()});
  EXPECT_EQ(index_option.code, 2);
  EXPECT_NE(index_option.err.find("unknown option --rebuld: did you mean --rebuild?"),
            std::string::npos)
      << index_option.err;
  ExpectOneStyle(command.err + option.err + index_option.err);
}

TEST(HelpCli, AnExcludedWordThatLooksLikeAnOptionSaysHowToWriteIt) {
  RunResult r = Byline({"search", "hajin", "-sdf"});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("unknown option -sdf"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("quote the query (byline search 'crane -sdf')"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("put -- before it (byline search -- crane -sdf)"), std::string::npos)
      << r.err;
  ExpectOneStyle(r.err);
}

TEST(HelpCli, EveryParseErrorIsInOneStyle) {
  const std::vector<std::vector<std::string>> bad = {
      {"search", "--limit", "0x", "crane"},
      {"search", "--color", "purple", "crane"},
      {"show"},
      {"index", "/no/such/folder"},
      {"info", "--top", "0"},
      {"--frobnicate"},
  };
  for (const auto& args : bad) {
    RunResult r = Byline(args);
    EXPECT_EQ(r.code, 2) << args[0] << ": " << r.err;
    ExpectOneStyle(r.err);
    EXPECT_EQ(r.err.find("Run with --help"), std::string::npos) << r.err;
  }
}

TEST(HelpCli, HelpPagesShowDefaultsAndExamplesWithoutTypeNoise) {
  RunResult r = Byline({"search", "--help"});
  ASSERT_EQ(r.code, 0);
  for (const char* noise : {"UINT", "INT in [", "TEXT:{", "FLOAT", "POSITIVE", "Run with"}) {
    EXPECT_EQ(r.out.find(noise), std::string::npos) << noise << " in\n" << r.out;
  }
  EXPECT_NE(r.out.find("-n,--limit N"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("(default: 10)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("--color auto|always|never"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("--since DATE"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Query syntax:"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Examples:"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("see README"), std::string::npos) << r.out;
  // Wrapped for an 80-column terminal.
  std::istringstream lines(r.out);
  std::string line;
  while (std::getline(lines, line)) EXPECT_LE(line.size(), 80u) << line;
}

class HelpCorpusCli : public byline::test::SampleCorpusTest {};

// Indexing writes: the tests of `byline index` on corpus/ have a database
// of their own.
TEST(IndexCli, IndexJsonIsOneSummaryObjectOnStdout) {
  byline::test::TempDir dir;
  const std::string db = (dir.path() / "db").string();
  RunResult first = byline::test::IndexSampleCorpus(db, {"--json"});
  ASSERT_EQ(first.code, 0) << first.err;
  const json s = json::parse(first.out);
  EXPECT_EQ(s["type"], "summary");
  EXPECT_EQ(s["articles"], 41);
  EXPECT_EQ(s["files_read"], 27);
  EXPECT_EQ(s["files_new"], 27);
  EXPECT_EQ(s["errors"], 0);
  EXPECT_EQ(s["total_articles"], 41);
  EXPECT_EQ(s["database"], db);
  EXPECT_GT(s["bytes"].get<std::uint64_t>(), 0u);
  RunResult again = byline::test::IndexSampleCorpus(db, {"--json"});
  ASSERT_EQ(again.code, 0) << again.err;
  EXPECT_EQ(again.err, "");
  json j = json::parse(again.out);
  EXPECT_EQ(j["files_unchanged"], 27);
  EXPECT_EQ(j["articles"], 0);
}

TEST_F(HelpCorpusCli, ExplainSpeaksTheQueryLanguage) {
  RunResult r = Byline({"search", "--db", Db(), "--explain", "--color", "never",
                        "water author:haddad source:\"byline wire\" lang:en date:2019"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("author:haddad"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("source:\"byline wire\""), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("lang:en"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("date:2019-01-01..2019-12-31"), std::string::npos) << r.out;
  for (const char* internal : {"Ahaddad", "XS", "Len", "20190101"}) {
    EXPECT_EQ(r.out.find(internal), std::string::npos) << internal << " in " << r.out;
  }
  // With a list of ids, the explanation goes to stderr and the list stays alone.
  RunResult ids = Byline({"search", "--db", Db(), "--explain", "--format", "ids", "water"});
  ASSERT_EQ(ids.code, 0) << ids.err;
  EXPECT_NE(ids.err.find("query: water"), std::string::npos) << ids.err;
  EXPECT_EQ(ids.out.find("query:"), std::string::npos) << ids.out;
  EXPECT_FALSE(ids.out.empty());
}

TEST_F(HelpCorpusCli, LanguageNamesAreReadAsCodesAndUnknownOnesNameTheCodes) {
  RunResult code = Byline({"search", "--db", Db(), "--count", "lang:ar"});
  RunResult name = Byline({"search", "--db", Db(), "--count", "lang:arabic"});
  ASSERT_EQ(code.code, 0) << code.err;
  EXPECT_NE(code.out, "0\n");
  EXPECT_EQ(name.out, code.out) << name.err;
  RunResult unknown = Byline({"search", "--db", Db(), "lang:klingon"});
  EXPECT_EQ(unknown.code, 2);
  EXPECT_NE(unknown.err.find("takes a language code (en, de, fr, es, ar, zh, ru, ...; ISO "
                             "639-1), not 'klingon'"),
            std::string::npos)
      << unknown.err;
  ExpectOneStyle(unknown.err);
}

TEST_F(HelpCorpusCli, InfoSaysWhatTheDatabaseHolds) {
  RunResult text = Byline({"info", "--db", Db()});
  ASSERT_EQ(text.code, 0) << text.err;
  EXPECT_NE(text.out.find("articles    41 from 27 files\n"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("dates       "), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("languages   6:"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("Valley Courier"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("format      " + std::to_string(byline::schema::kFormatVersion)),
            std::string::npos)
      << text.out;
  EXPECT_NE(text.out.find("settings    title weight 3; no synonyms"), std::string::npos)
      << text.out;
  EXPECT_NE(text.out.find(" on disk"), std::string::npos) << text.out;
  RunResult js = Byline({"info", "--db", Db(), "--json", "--top", "2"});
  ASSERT_EQ(js.code, 0) << js.err;
  json j = json::parse(js.out);
  EXPECT_EQ(j["articles"], 41);
  EXPECT_EQ(j["files"], 27);
  EXPECT_EQ(j["format"], byline::schema::kFormatVersion);
  EXPECT_EQ(j["title_weight"], 3);
  EXPECT_EQ(j["sources"].size(), 2u);
  EXPECT_EQ(j["language_count"], 6);
  EXPECT_GT(j["bytes"].get<std::uint64_t>(), 0u);
  EXPECT_LE(j["first_date"].get<std::string>(), j["last_date"].get<std::string>());
  EXPECT_TRUE(j["updated"].is_string());
  std::uint64_t by_lang = 0;
  RunResult all = Byline({"info", "--db", Db(), "--json"});
  const json every = json::parse(all.out);
  for (const auto& l : every["languages"]) by_lang += l["articles"].get<std::uint64_t>();
  EXPECT_EQ(by_lang, 41u);
  byline::test::TempDir empty;
  RunResult missing = Byline({"info", "--db", (empty.path() / "nothing").string()});
  EXPECT_EQ(missing.code, 1);
  ExpectOneStyle(missing.err);
}

TEST(IndexCli, TitleWeightOnAnExistingDatabaseSaysItCannotApply) {
  byline::test::TempDir dir;
  const std::string db = (dir.path() / "db").string();
  ASSERT_EQ(byline::test::IndexSampleCorpus(db, {"-q"}).code, 0);
  RunResult r = byline::test::IndexSampleCorpus(db, {"--title-weight", "5"});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("byline: index: --title-weight 5 cannot apply to " + db +
                       ": its 41 articles were indexed with title weight 3; add --rebuild"),
            std::string::npos)
      << r.err;
  // The weight it was built with is accepted, and kept by later runs.
  RunResult same = byline::test::IndexSampleCorpus(db, {"--title-weight", "3", "-q"});
  EXPECT_EQ(same.code, 0) << same.err;
}

TEST(IndexCli, PluralsUnknownTypesAndVerbose) {
  byline::test::TempDir dir;
  dir.Write("in/one.txt", "Title: Harbour cranes\n\nThe cranes stood still all week.\n");
  dir.Write("in/notes.docx", "not a news file");
  dir.Write("in/sub/table.xlsx", "neither");
  const std::string db = (dir.path() / "db").string();
  RunResult r = Byline({"index", (dir.path() / "in").string(), "--db", db});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.err.find("indexed 1 article from 1 file ("), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("2 of unknown type skipped (-v names them); 0 errors"), std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("1 article in " + db), std::string::npos) << r.err;
  // -v names each, and why.
  RunResult v = Byline({"index", "-v", (dir.path() / "in").string(), "--db", db});
  ASSERT_EQ(v.code, 0) << v.err;
  EXPECT_NE(v.err.find("byline: note: " + (dir.path() / "in/notes.docx").string() +
                       ": not a type byline reads (.txt, .md, .html, .htm, .json, .jsonl, "
                       ".ndjson, or one of them .gz); skipped\n"),
            std::string::npos)
      << v.err;
  EXPECT_NE(v.err.find("in/sub/table.xlsx: not a type byline reads"), std::string::npos) << v.err;
  // A file of another type named on the command line is an error, not silence.
  RunResult named = Byline({"index", (dir.path() / "in/notes.docx").string(), "--db", db});
  EXPECT_EQ(named.code, 3) << named.err;
  EXPECT_NE(named.err.find("byline: " + (dir.path() / "in/notes.docx").string() +
                           ": not a type byline reads"),
            std::string::npos)
      << named.err;
  EXPECT_NE(named.err.find("1 error\n"), std::string::npos) << named.err;
}

TEST(IndexCli, EntitiesAreDecodedInEveryField) {
  byline::test::TempDir dir;
  dir.Write("a.jsonl",
            "{\"id\": \"e1\", \"title\": \"Mayor says &quot;no&quot; to the &#8220;tower&#8221;\","
            " \"source\": \"Smith &amp; Sons Gazette\", \"author\": \"Ana &Aacute;lvarez\","
            " \"body\": \"The council&#39;s vote was 5&ndash;2.\"}\n");
  const std::string db = (dir.path() / "db").string();
  ASSERT_EQ(Byline({"index", dir.path().string(), "--db", db, "-q"}).code, 0);
  RunResult r = Byline({"search", "--db", db, "--json", "tower"});
  ASSERT_EQ(r.code, 0) << r.err;
  json hit = JsonLines(r.out).at(0);
  EXPECT_EQ(hit["title"], "Mayor says \"no\" to the \u201ctower\u201d");
  EXPECT_EQ(hit["source"], "Smith & Sons Gazette");
  EXPECT_EQ(hit["author"], "Ana &Aacute;lvarez");  // an entity it does not know stays
  EXPECT_NE(hit["snippet"].get<std::string>().find("council's vote was 5\u20132"),
            std::string::npos)
      << hit;
}

TEST(SearchCli, AnEmptyDatabaseSaysSoInsteadOfNoMatches) {
  byline::test::TempDir dir;
  dir.Write("in/notes.docx", "nothing byline reads");
  const std::string db = (dir.path() / "db").string();
  ASSERT_EQ(Byline({"index", (dir.path() / "in").string(), "--db", db, "-q"}).code, 0);
  RunResult r = Byline({"search", "--db", db, "crane"});
  if (r.code != 0) GTEST_SKIP() << "no database was created for no articles: " << r.err;
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, "byline: " + db +
                       " holds no articles yet: byline index FOLDER adds them (byline info says "
                       "what a database holds)\n");
}

TEST(SearchCli, TitlesAndMetadataWrapOnWords) {
  byline::test::TempDir dir;
  const std::string title =
      "Harbour authority approves the long awaited replacement of the three oldest container "
      "cranes along the northern quay";
  dir.Write("in/crane.txt", "Title: " + title +
                                "\nSource: The Northern Ledger Evening Edition\n"
                                "Author: Margarethe Oberhollenzer-Castellanos\n"
                                "Date: 2019-04-01\n\nCranes were replaced.\n");
  const std::string db = (dir.path() / "db").string();
  ASSERT_EQ(Byline({"index", (dir.path() / "in").string(), "--db", db, "-q"}).code, 0);
  RunResult r = Byline({"search", "--db", db, "--color", "never", "cranes"});
  ASSERT_EQ(r.code, 0) << r.err;
  std::istringstream lines(r.out);
  std::string line, joined_title;
  std::getline(lines, line);
  EXPECT_EQ(line.rfind("  1. Harbour", 0), 0u) << r.out;
  EXPECT_LE(line.size(), 80u) << r.out;
  joined_title = line.substr(5);
  while (std::getline(lines, line) && line.rfind("     ", 0) == 0 &&
         line.find("2019-04-01") == std::string::npos) {
    EXPECT_LE(line.size(), 80u);
    joined_title += " " + line.substr(5);
  }
  EXPECT_EQ(joined_title, title) << r.out;  // broken between words only
}

}  // namespace
