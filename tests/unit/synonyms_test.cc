// Synonyms and aliases (byline/synonyms.h): reading the file, expanding
// queries, and the table stored with a database.
#include "byline/synonyms.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <string>

#include "byline/index_writer.h"
#include "byline/searcher.h"
#include "testutil.h"

namespace byline {
namespace {

TEST(SynonymParseTest, BadLinesNameTheFileAndLine) {
  Analyzer analyzer;
  struct Case {
    const char* text;
    const char* error;  // "" for none
  } cases[] = {
      {"Myanmar = Burma\n", ""},
      {"# comment\n\nISIS = ISIL = Daesh = \"Islamic State\"\r\n", ""},
      {"Myanmar = Burma\nBurma\n", "syn.txt:2: a group needs two or more entries"},
      {"Myanmar = \n", "syn.txt:1: an empty entry"},
      {"a = \"Islamic State\n", "syn.txt:1: a quote is not closed"},
      {"Myanmar = ...\n", "syn.txt:1: '...' has no word to search"},
      {"Myanmar = Burma\n\nburma = Birma\n",
       "syn.txt:3: 'burma' is already in the group of line 1"},
      {"Myanmar = myanmar\n", ""},  // read alike: one entry
      {"Kyiv = Kiev\n", ""},        // the analyzer already joins them (names table)
      {"Myanmar = Burma  # renamed\n", ""},
      {"Myanmar = # Burma\n", "syn.txt:1: an empty entry"},
  };
  for (const Case& c : cases) {
    auto t = SynonymTable::Parse(c.text, "syn.txt", analyzer);
    if (*c.error == '\0') {
      EXPECT_TRUE(t.ok()) << c.text << ": " << t.status().message();
    } else {
      ASSERT_FALSE(t.ok()) << c.text;
      EXPECT_EQ(t.status().code(), StatusCode::kInvalidArgument);
      EXPECT_EQ(t.status().message().rfind(c.error, 0), 0u) << t.status().message();
    }
  }
}

// A file that cannot be read to its end is an error, never a shorter table:
// /proc/self/mem opens, and its first read fails (EIO).
TEST(SynonymParseTest, AFileThatFailsMidwayIsAnErrorWithItsReason) {
  if (!std::filesystem::exists("/proc/self/mem")) GTEST_SKIP() << "no /proc/self/mem here";
  const Analyzer analyzer;
  auto r = SynonymTable::ReadFile("/proc/self/mem", analyzer);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kIOError);
  EXPECT_NE(r.status().message().find("cannot read the synonyms file /proc/self/mem: "),
            std::string::npos)
      << r.status().message();
  auto missing = SynonymTable::ReadFile("/nonexistent/synonyms.txt", analyzer);
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.status().message().find("No such file or directory"), std::string::npos)
      << missing.status().message();
}

// A '#' after white space starts a comment; in a word or a quoted entry it
// is text. A file a Windows editor saved (UTF-16 with its byte order mark,
// or UTF-8 with one) reads as UTF-8.
TEST(SynonymParseTest, CommentsAfterEntriesAndWindowsEncodings) {
  const Analyzer analyzer;
  auto t = SynonymTable::Parse(
      "Burma = Myanmar   # renamed in 1989\n"
      "C# = csharp\n"
      "\"Boys # 1\" = Boysone\t# band\n",
      "syn.txt", analyzer);
  ASSERT_TRUE(t.ok()) << t.status().message();
  ASSERT_EQ(t->groups().size(), 3u);
  EXPECT_EQ(t->groups()[0].entries.size(), 2u);
  EXPECT_EQ(t->Find({"myanmar"}), &t->groups()[0]);
  EXPECT_EQ(t->Find({"renamed"}), nullptr);
  EXPECT_EQ(t->Find({"csharp"}), &t->groups()[1]);
  EXPECT_EQ(t->Find({"boysone"}), &t->groups()[2]);
  EXPECT_EQ(t->Find({"band"}), nullptr);

  test::TempDir dir;
  // "Burma = Myanmar\n" in UTF-16LE after its byte order mark.
  std::string utf16 = "\xFF\xFE";
  for (char c : std::string("Burma = Myanmar\n")) utf16 += std::string{c, '\0'};
  for (const std::string& bytes : {utf16, std::string("\xEF\xBB\xBF"
                                                      "Burma = Myanmar\n")}) {
    const std::string path = dir.Write("syn.txt", bytes);
    auto read = SynonymTable::ReadFile(path, analyzer);
    ASSERT_TRUE(read.ok()) << read.status().message();
    ASSERT_EQ(read->groups().size(), 1u);
    EXPECT_EQ(read->Find({"burma"}), &read->groups()[0]);
  }
}

TEST(SynonymApplyTest, WordsAndQuotedNamesBecomeTheirGroup) {
  Analyzer analyzer;
  auto table = SynonymTable::Parse("Myanmar = Burma\nISIS = ISIL = Daesh = \"Islamic State\"\n",
                                   "syn.txt", analyzer);
  ASSERT_TRUE(table.ok()) << table.status().message();
  struct Case {
    const char* query;
    const char* want;
  } cases[] = {
      {"burma", "(myanmar SYN burma)"},
      {"Myanmar talks", "((myanmar SYN burma) OR talks)"},
      {"daesh", "(isis SYN isil SYN daesh SYN \"islamic state\")"},
      {"\"Islamic State\"", "(isis SYN isil SYN daesh SYN \"islamic state\")"},
      {"title:burma", "(title:myanmar SYN title:burma)"},
      {"islamic state", "(islamic OR state)"},  // words side by side: not a name
      {"\"burma\"", "(myanmar SYN =burma)"},    // the exact word typed stays exact
      {"burmese", "burmese"},
      {"source:burma", "source:burma"},  // filters are not text
  };
  for (const Case& c : cases) {
    auto q = ParseQuery(c.query, analyzer, QueryParseOptions{});
    ASSERT_TRUE(q.ok()) << c.query;
    EXPECT_EQ(DescribeQuery(ApplySynonyms(*q, *table)), c.want) << c.query;
  }
}

class SynonymSearchTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto w = IndexWriter::Open(Db(), false);
    ASSERT_TRUE(w.ok()) << w.status().message();
    Article a;
    a.id = "k1";
    a.title = "Talks in Burma";
    a.body = "Ministers met in Burma on Monday.";
    ASSERT_TRUE((*w)->Add(a).ok());
    a.id = "i1";
    a.title = "Islamic State retreats";
    a.body = "Islamic State fighters left the town.";
    ASSERT_TRUE((*w)->Add(a).ok());
    ASSERT_TRUE((*w)->Commit().ok());
  }
  std::string Db() const { return (dir_.path() / "db").string(); }

  SearchResults Search(const std::string& q, std::shared_ptr<const SynonymTable> table = {}) {
    auto s = Searcher::Open(Db());
    EXPECT_TRUE(s.ok()) << s.status().message();
    SearchRequest req;
    req.query = q;
    req.synonyms = std::move(table);
    req.suggest_spelling = false;
    auto r = (*s)->Search(req);
    EXPECT_TRUE(r.ok()) << q << ": " << r.status().message();
    return r.ok() ? *r : SearchResults{};
  }
  Status Store(const SynonymTable* table) {
    auto w = IndexWriter::Open(Db(), false);
    if (!w.ok()) return w.status();
    if (Status s = (*w)->SetSynonyms(table); !s.ok()) return s;
    return (*w)->Commit();
  }

  test::TempDir dir_;
  Analyzer analyzer_;
};

// Stored with the database, every search applies them (and counts); the
// request's own table replaces the stored one; clearing removes them.
TEST_F(SynonymSearchTest, StoredOrGivenSynonymsFindTheOtherNames) {
  EXPECT_EQ(Search("Myanmar").hits.size(), 0u);
  auto table = SynonymTable::Parse("Myanmar = Burma\nISIS = \"Islamic State\"\n", "s", analyzer_);
  ASSERT_TRUE(table.ok());
  ASSERT_TRUE(Store(&*table).ok());
  SearchResults r = Search("Myanmar");
  ASSERT_EQ(r.hits.size(), 1u);
  EXPECT_EQ(r.hits[0].article.id, "k1");
  EXPECT_EQ(r.query_description, "(myanmar SYN burma)");
  ASSERT_EQ(Search("ISIS").hits.size(), 1u);
  auto counts = (*Searcher::Open(Db()))
                    ->CountCoverage(
                        [] {
                          SearchRequest req;
                          req.query = "isis";
                          return req;
                        }(),
                        {});
  ASSERT_TRUE(counts.ok());
  EXPECT_EQ(counts->matches, 1u);
  // A table of the request's own replaces the stored one.
  auto other = SynonymTable::Parse("Myanmar = Ministers\n", "t", analyzer_);
  ASSERT_TRUE(other.ok());
  auto other_ptr = std::make_shared<const SynonymTable>(std::move(*other));
  EXPECT_EQ(Search("ISIS", other_ptr).hits.size(), 0u);
  EXPECT_EQ(Search("Myanmar", other_ptr).hits.size(), 1u);
  ASSERT_TRUE(Store(nullptr).ok());
  EXPECT_EQ(Search("Myanmar").hits.size(), 0u);
}

}  // namespace
}  // namespace byline
