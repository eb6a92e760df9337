// Did you mean: the spelling table kept by every write path (index/spelling.h)
// and the suggestions a search makes from it (search/spelling.h).
#include <gtest/gtest.h>
#include <xapian.h>

#include <string>
#include <vector>

#include "byline/index_writer.h"
#include "byline/schema.h"
#include "byline/searcher.h"
#include "index/spelling.h"
#include "search/spelling.h"
#include "testutil.h"

namespace byline {
namespace {

// The words the spelling index holds under `key` (without the prefix).
std::vector<std::string> WordsUnder(const std::string& path, const std::string& key) {
  Xapian::Database db(path);
  const std::string k = schema::kPrefixSpelling + key;
  return std::vector<std::string>(db.synonyms_begin(k), db.synonyms_end(k));
}

Article MakeArticle(const std::string& id, const std::string& lang, const std::string& title,
                    const std::string& body) {
  Article a;
  a.id = id;
  a.lang = lang;
  a.title = title;
  a.body = body;
  a.date = "2018-11-14";
  return a;
}

TEST(SpellingWordTest, WhichTermsGoIntoTheTable) {
  struct Case {
    const char* term;
    bool want;
  } cases[] = {
      {"afghanistan", true},
      {"hajin", true},
      {"москва", true},
      {"بغداد", true},
      {"bundeslander", true},
      {"abc", true},
      {"ab", false},
      {"", false},
      {"Zafghan", false},
      {"XSreuters", false},
      {"covid19", false},
      {"1987", false},
      {"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", false},  // 41 characters
  };
  for (const Case& c : cases) EXPECT_EQ(IsSpellingWord(c.term), c.want) << c.term;
}

TEST(SpellingKeysTest, ThePrefixAndItsDeletions) {
  using Keys = std::vector<std::string>;
  struct Case {
    const char* word;
    unsigned deletions;
    Keys want;  // without the prefix
    std::size_t keep = 0;
  } cases[] = {
      {"abc", 0, {"abc"}},
      {"abc", 1, {"ab", "abc", "ac", "bc"}},
      {"aab", 1, {"aa", "aab", "ab"}},
      {"abcd", 2, {"ab", "abc", "abcd", "abd", "ac", "acd", "ad", "bc", "bcd", "bd", "cd"}},
      {"afghanistan", 0, {"afghani"}},  // kSpellingPrefixChars characters
      {"мос", 1, {"мо", "мос", "мс", "ос"}},
      // The search keeps the first character.
      {"abc", 1, {"ab", "abc", "ac"}, 1},
      {"abcd", 2, {"ab", "abc", "abcd", "abd", "ac", "acd", "ad"}, 1},
      {"мос", 1, {"мо", "мос", "мс"}, 1},
  };
  for (const Case& c : cases) {
    Keys got;
    for (const std::string& k : SpellingKeys(c.word, c.deletions, c.keep)) {
      got.push_back(k.substr(std::string(schema::kPrefixSpelling).size()));
    }
    EXPECT_EQ(got, c.want) << c.word;
  }
}

class SpellingSearchTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto w = IndexWriter::Open(Db(), false);
    ASSERT_TRUE(w.ok()) << w.status().message();
    const std::vector<Article> articles = {
        MakeArticle("en1", "en", "Strike near Hajin",
                    "Coalition aircraft struck near Hajin on the Euphrates in Deir Ezzor. "
                    "The government of Afghanistan said so."),
        MakeArticle("en2", "en", "Afghanistan talks", "The government met in Afghanistan."),
        MakeArticle("en3", "en", "Government budget", "The government budget for Afghanistan."),
        MakeArticle("en4", "en", "A typo", "The goverment budget."),
        MakeArticle("de1", "de", "Bundesländer einigen sich",
                    "Die Bundesländer einigen sich über die Finanzierung."),
        MakeArticle("fr1", "fr", "Élection présidentielle",
                    "L'élection présidentielle française aura lieu en avril."),
        MakeArticle("ar1", "ar", "بغداد", "انفجار في بغداد اليوم"),
        MakeArticle("ru1", "ru", "Москва", "В Москве и в Москва прошли переговоры."),
    };
    for (int copies = 0; copies < 12; ++copies) {
      for (const Article& a : articles) {
        Article c = a;
        c.id += "-" + std::to_string(copies);
        ASSERT_TRUE((*w)->Add(c).ok());
      }
    }
    ASSERT_TRUE((*w)->Commit().ok());
  }
  std::string Db() const { return (dir_.path() / "db").string(); }

  SearchResults Search(const std::string& q, bool run_suggestion = true) {
    auto s = Searcher::Open(Db());
    EXPECT_TRUE(s.ok()) << s.status().message();
    SearchRequest req;
    req.query = q;
    req.suggest_spelling = true;
    req.run_suggestion = run_suggestion;
    auto r = (*s)->Search(req);
    EXPECT_TRUE(r.ok()) << q << ": " << r.status().message();
    return r.ok() ? *r : SearchResults{};
  }

  test::TempDir dir_;
};

// Names and words of five languages, misspelt by a letter dropped, doubled
// or swapped: the suggestion is the word the articles have, in the case
// typed; a word that is common or absent without a close spelling gets none.
TEST_F(SpellingSearchTest, SuggestsTheCommonSpellingOfARareWord) {
  struct Case {
    const char* query;
    const char* suggestion;  // "" for none
    bool ran;                // the suggestion's hits were returned
  } cases[] = {
      {"afganistan", "afghanistan", true},
      {"Hajiin", "Hajin", true},
      {"Euphrtes", "Euphrates", true},
      {"HAJIIN", "HAJIN", true},
      // The typo has articles, and "government" is not 10 times as common.
      {"goverment budget", "", false},
      {"Bundeslandr", "Bundeslander", true},  // folded as the analyzer does
      // Found through its French stem, and still told the spelling.
      {"presidentiele", "presidentielle", false},
      {"بغدد", "بغداد", true},
      {"Мосвка", "Москва", true},
      {"government", "", false},
      {"zzyzzyva", "", false},
      // Four letters or five: one edit. Six or more: two.
      {"neer", "near", true},
      {"bidgt", "", false},  // budget, 2 edits away
      {"buddgget", "budget", true},
      {"nar", "", false},                 // three letters: not respelt
      {"Ifghanistan", "", false},         // the first letter is kept
      {"-afganistan budget", "", false},  // an excluded word is not corrected
  };
  for (const Case& c : cases) {
    SearchResults r = Search(c.query);
    EXPECT_EQ(r.suggestion, c.suggestion) << c.query;
    EXPECT_EQ(r.suggestion_ran, c.ran) << c.query;
    if (c.ran) {
      EXPECT_FALSE(r.hits.empty()) << c.query;
    }
  }
}

// --exact: the suggestion is still given, the query as typed still runs.
TEST_F(SpellingSearchTest, ExactRunsTheQueryAsTyped) {
  SearchResults r = Search("afganistan", false);
  EXPECT_EQ(r.suggestion, "afghanistan");
  EXPECT_FALSE(r.suggestion_ran);
  EXPECT_TRUE(r.hits.empty());
  EXPECT_EQ(r.matches_upper, 0u);
}

// Removed articles leave their words' keys, but a word no article has any
// more is never suggested.
TEST_F(SpellingSearchTest, WordsOfRemovedArticlesAreNotSuggested) {
  EXPECT_EQ(WordsUnder(Db(), "hajn"), std::vector<std::string>({"hajin"}));
  EXPECT_EQ(Search("Hajiin").suggestion, "Hajin");
  {
    auto w = IndexWriter::Open(Db(), false);
    ASSERT_TRUE(w.ok());
    for (int i = 0; i < 12; ++i) ASSERT_TRUE((*w)->Remove("en1-" + std::to_string(i)).ok());
    // An update in place indexes the words new to the database.
    ASSERT_TRUE((*w)->Add(MakeArticle("n1", "en", "Raqqa", "Fighting in Raqqa")).ok());
    ASSERT_TRUE((*w)->Commit().ok());
  }
  EXPECT_EQ(Search("Hajiin").suggestion, "");
  EXPECT_EQ(Search("Rakqa").suggestion, "Raqqa");
}

// A bulk build writes segments and merges them with compaction: the merged
// index has the words of every segment.
TEST(SpellingBuildTest, BulkBuildMergesTheSegmentsIndexes) {
  test::TempDir dir;
  std::string lines;
  for (int i = 0; i < 40; ++i) {
    lines += "{\"id\": \"a" + std::to_string(i % 30) + "\", \"title\": \"Word" +
             std::string(1, static_cast<char>('a' + i % 26)) +
             "\", \"body\": \"Hajin on the Euphrates, copy " + std::to_string(i) + "\"}\n";
  }
  dir.Write("in.jsonl", lines);
  IndexOptions opts;
  opts.db_path = (dir.path() / "db").string();
  opts.threads = 2;
  opts.shard_batch = 3;
  opts.segment_size = 7;
  auto stats = IndexPaths({(dir.path() / "in.jsonl").string()}, opts);
  ASSERT_TRUE(stats.ok()) << stats.status().message();
  ASSERT_GT(stats->segments, 2u);
  EXPECT_EQ(stats->total_articles, 30u);
  EXPECT_EQ(WordsUnder(opts.db_path, "euphrat"), std::vector<std::string>({"euphrates"}));
  // "worda" to "wordz", written by different shards and segments, under "word".
  EXPECT_EQ(WordsUnder(opts.db_path, "word").size(), 26u);
  auto s = Searcher::Open(opts.db_path);
  ASSERT_TRUE(s.ok());
  SearchRequest req;
  req.query = "Euphrtes";
  req.suggest_spelling = true;
  auto r = (*s)->Search(req);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->suggestion, "Euphrates");
  EXPECT_TRUE(r->suggestion_ran);
}

TEST(RewriteQueryTextTest, ReplacesOnlyTheFixedWordsKeepingTheRest) {
  Analyzer analyzer;
  const std::vector<SpellingFix> fixes = {{"afganistan", "afghanistan"}, {"hajiin", "hajin"}};
  struct Case {
    const char* query;
    const char* want;
  } cases[] = {
      {"afganistan", "afghanistan"},
      {"Afganistan war", "Afghanistan war"},
      {"title:Hajiin AND \"near afganistan\"", "title:Hajin AND \"near afghanistan\""},
      {"HAJIIN -strike", "HAJIN -strike"},
      {"nothing here", "nothing here"},
  };
  for (const Case& c : cases) EXPECT_EQ(RewriteQueryText(c.query, analyzer, fixes), c.want);
}

}  // namespace
}  // namespace byline
