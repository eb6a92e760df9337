// The query compiler: the Xapian queries of the operators, and the bounds of
// a fuzzy word's expansion, on an in-memory database.
#include "search/compile.h"

#include <gtest/gtest.h>
#include <xapian.h>

#include <optional>
#include <string>
#include <vector>

#include "byline/analyzer.h"
#include "byline/query_parser.h"

namespace byline {
namespace {

std::string Compiled(const std::string& q, const Xapian::Database* db = nullptr,
                     std::vector<std::string> languages = {"en"}) {
  static const Analyzer analyzer;
  auto r = ParseQuery(q, analyzer, QueryParseOptions());
  if (!r.ok()) return "ERROR: " + r.status().message();
  CompileContext ctx;
  ctx.analyzer = &analyzer;
  ctx.languages = std::move(languages);
  ctx.ranking.title_weight = 0;  // bare words search the body alone: shorter descriptions
  ctx.ranking.proximity_weight = 0;
  ctx.db = db;
  return CompileQuery(*r, ctx).get_description();
}

TEST(CompileTest, OperatorsBecomeTheirXapianQueries) {
  const std::pair<const char*, const char*> cases[] = {
      // NEAR/n: at most n positions apart, so the window is n + words - 1.
      {"flood NEAR barrier", "Query((flood NEAR 11 barrier))"},
      {"flood NEAR/3 barrier", "Query((flood NEAR 4 barrier))"},
      {"a NEAR/3 b NEAR/3 c", "Query((a NEAR 5 b NEAR 5 c))"},
      {"tidal ADJ/2 barrier", "Query((tidal PHRASE 3 barrier))"},
      {"title:tidal NEAR/2 barrier", "Query((Stidal NEAR 3 barrier))"},
      // A phrase with slack keeps the order: a window of the words plus n.
      {"\"tidal barrier\"~2", "Query((tidal PHRASE 4 barrier))"},
      {"\"tidal barrier\"", "Query((tidal PHRASE 2 barrier))"},
      {"flood^2", "Query(2 * Zflood)"},
      {"flood XOR barrier", "Query((Zflood XOR Zbarrier))"},
      {"flood SYN inundation", "Query((Zflood SYNONYM Zinund))"},
      {"* -flood", "Query((<alldocuments> AND_NOT Zflood))"},
      // Filters side by side on one field: either, and still only a filter.
      {"flood source:a source:b", "Query((Zflood FILTER (XSa OR XSb)))"},
      {"flood author:hadd*", "Query((Zflood FILTER WILDCARD SYNONYM Ahadd))"},
      // Without a database a fuzzy word is only itself.
      {"flod~1", "Query(flod)"},
  };
  for (const auto& [q, want] : cases) EXPECT_EQ(Compiled(q), want) << q;
}

// Date ranges as the fewest year, month and day terms, within the
// database's first and last dates; the slot when the terms cannot serve.
TEST(CompileTest, DateRangesAreYearMonthAndDayTerms) {
  CompileContext ctx;
  ctx.date_terms = true;
  ctx.first_date = "19870101";
  ctx.last_date = "19891231";
  using Terms = std::vector<std::string>;
  const struct {
    const char* from;
    const char* to;
    std::optional<Terms> want;
  } cases[] = {
      {"19870301", "19870331", Terms{"M198703"}},
      {"19870305", "19870305", Terms{"D19870305"}},
      {"19880101", "19881231", Terms{"Y1988"}},
      {"19880228", "19880301", Terms{"D19880228", "D19880229", "D19880301"}},  // a leap year
      {"19870227", "19870301", Terms{"D19870227", "D19870228", "D19870301"}},
      {"19871230", "19880201", Terms{"D19871230", "D19871231", "M198801", "D19880201"}},
      {"19871201", "19890131", Terms{"M198712", "Y1988", "M198901"}},
      {"", "19870131", Terms{"M198701"}},                          // open: from the first date
      {"19890101", "", Terms{"Y1989"}},                            // open: to the last date
      {"19000101", "20501231", Terms{"Y1987", "Y1988", "Y1989"}},  // cut to the database
      {"19870310", "19870301", Terms{}},                           // empty
      {"19950101", "19951231", Terms{}},                           // after the last date
      {"1987", "19870331", std::nullopt},                          // not a key
      {"19871301", "19871231", std::nullopt},                      // no month 13
  };
  for (const auto& c : cases) {
    EXPECT_EQ(DateTerms(c.from, c.to, ctx), c.want) << c.from << ".." << c.to;
  }
  // The most terms a range takes: 30 + 11 days and months at each end, and
  // the years between; past kMaxDateTerms, the slot.
  ctx.first_date = "17000102";
  EXPECT_EQ(DateTerms("", "17011230", ctx)->size(), 30u + 11u + 11u + 30u);
  EXPECT_EQ(DateTerms("", "19001230", ctx), std::nullopt);
  ctx.date_terms = false;  // a database written before the terms
  EXPECT_EQ(DateTerms("19870301", "19870331", ctx), std::nullopt);
}

// The 30 topics of reuters21578 (../shared/corpora/reuters21578/topics.tsv)
// as typed queries, pinned to the Xapian queries they compiled to before
// Arabic words got their exact forms (main at a1bf341): a change for one
// script must leave English queries exactly as they were.
TEST(CompileTest, EnglishQueriesCompileAsBefore) {
  const std::pair<const char*, const char*> cases[] = {
      {"quarterly earnings results", "Query((Zquarter OR Zearn OR Zresult))"},
      {"mergers and acquisitions", "Query((Zmerger OR Zand OR Zacquisit))"},
      {"foreign exchange market", "Query((Zforeign OR Zexchang OR Zmarket))"},
      {"crude oil prices", "Query((Zcrude OR Zoil OR Zprice))"},
      {"grain exports", "Query((Zgrain OR Zexport))"},
      {"trade deficit", "Query((Ztrade OR Zdeficit))"},
      {"interest rates", "Query((Zinterest OR Zrate))"},
      {"wheat", "Query(Zwheat)"},
      {"shipping", "Query(Zship)"},
      {"corn", "Query(Zcorn)"},
      {"us dollar", "Query((Zus OR Zdollar))"},
      {"oilseeds", "Query(Zoilse)"},
      {"money supply", "Query((Zmoney OR Zsuppli))"},
      {"sugar", "Query(Zsugar)"},
      {"gross national product", "Query((Zgross OR Znation OR Zproduct))"},
      {"coffee", "Query(Zcoffe)"},
      {"vegetable oil", "Query((Zveget OR Zoil))"},
      {"gold", "Query(Zgold)"},
      {"natural gas", "Query((Znatur OR Zgas))"},
      {"soybeans", "Query(Zsoybean)"},
      {"balance of payments", "Query((Zbalanc OR Zof OR Zpayment))"},
      {"livestock", "Query(Zlivestock)"},
      {"consumer price inflation", "Query((Zconsum OR Zprice OR Zinflat))"},
      {"foreign currency reserves", "Query((Zforeign OR Zcurrenc OR Zreserv))"},
      {"copper", "Query(Zcopper)"},
      {"cocoa", "Query(Zcocoa)"},
      {"unemployment figures", "Query((Zunemploy OR Zfigur))"},
      {"beef and pork", "Query((Zbeef OR Zand OR Zpork))"},
      {"japanese yen", "Query((Zjapanes OR Zyen))"},
      {"steel production", "Query((Zsteel OR Zproduct))"},
  };
  for (const auto& [q, want] : cases) EXPECT_EQ(Compiled(q), want) << q;
}

// An Arabic word is its stem OR its exact form (weighted up), and an OR's or
// AND's neighbouring bare Arabic words add their phrase of exact forms (weighted
// up): kArabicExactWeight, kArabicPhraseWeight. Quoted words, fields other
// than bare words and other scripts around them keep their queries.
TEST(CompileTest, ArabicWordsRankOnTheirExactFormsToo) {
  const std::pair<const char*, const char*> cases[] = {
      {"بالحوثيين", "Query((Zحوث OR 2 * بالحوثيين))"},
      {"هاني فحص", "Query(((Zهان OR 2 * هاني) OR (Zفحص OR 2 * فحص) OR 4 * (هاني PHRASE 2 فحص)))"},
      {"يزيد بن محمد",
       "Query(((Zيزيد OR 2 * يزيد) OR (Zبن OR 2 * بن) OR (Zمحمد OR 2 * محمد) OR 4 * (يزيد PHRASE 3 "
       "بن PHRASE 3 محمد)))"},
      {"هاني flood فحص", "Query(((Zهان OR 2 * هاني) OR Zflood OR (Zفحص OR 2 * فحص)))"},
      {"هاني title:فحص", "Query(((Zهان OR 2 * هاني) OR (ZSفحص OR 2 * Sفحص)))"},
      {"\"هاني فحص\"", "Query((هاني PHRASE 2 فحص))"},
      {"\"فحص\"", "Query(فحص)"},
      {"هاني AND فحص",
       "Query((((Zهان OR 2 * هاني) AND (Zفحص OR 2 * فحص)) AND_MAYBE 4 * (هاني PHRASE 2 فحص)))"},
  };
  for (const auto& [q, want] : cases) EXPECT_EQ(Compiled(q, nullptr, {"ar"}), want) << q;
  // In a database of English and Arabic articles, each word has both stems.
  EXPECT_EQ(Compiled("بالحوثيين", nullptr, {"ar", "en"}),
            "Query(((Zحوث SYNONYM Zبالحوثيين) OR 2 * بالحوثيين))");
}

class FuzzyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = Xapian::WritableDatabase(std::string(), Xapian::DB_BACKEND_INMEMORY);
    // term -> how many documents have it
    Add("flood", 5);
    Add("floods", 4);
    Add("flod", 1);
    Add("fluid", 2);
    Add("flooding", 3);
    Add("blood", 9);   // one edit away, but another first letter
    Add("Sflood", 1);  // a title term
  }
  void Add(const std::string& term, int docs) {
    for (int i = 0; i < docs; ++i) {
      Xapian::Document d;
      d.add_term(term);
      db_.add_document(d);
    }
  }
  Xapian::WritableDatabase db_;
};

TEST_F(FuzzyTest, TermsWithinTheDistanceMostFrequentFirst) {
  EXPECT_EQ(FuzzyExpansions(db_, "", "flood", 1),
            (std::vector<std::string>{"flood", "floods", "flod"}));
  EXPECT_EQ(FuzzyExpansions(db_, "", "flood", 2),
            (std::vector<std::string>{"flood", "floods", "fluid", "flod"}));
  EXPECT_EQ(FuzzyExpansions(db_, "", "flodo", 2),
            (std::vector<std::string>{"flood", "floods", "flod"}));
  // Only under the field's prefix.
  EXPECT_EQ(FuzzyExpansions(db_, "S", "flod", 1), (std::vector<std::string>{"flood"}));
  EXPECT_TRUE(FuzzyExpansions(db_, "", "zzz", 2).empty());
  EXPECT_EQ(Compiled("flod~1", &db_), "Query((flood SYNONYM flod))");  // floods is 2 away
  EXPECT_EQ(Compiled("title:flod~1", &db_), "Query(Sflood)");
}

TEST_F(FuzzyTest, ExpansionsAreCappedByFrequency) {
  // 26 + 26 terms one edit from "fxy": "fx?" and "f?y".
  for (char c = 'a'; c <= 'z'; ++c) {
    Add(std::string("fx") + c, 1);
    Add(std::string("f") + c + "y", c == 'q' ? 7 : 2);
  }
  std::vector<std::string> got = FuzzyExpansions(db_, "", "fxy", 1);
  ASSERT_EQ(got.size(), kFuzzyMaxExpansions);
  EXPECT_EQ(got[0], "fqy");  // the most frequent first (7 articles)
  EXPECT_EQ(got[1], "fxy");  // in both lists: 3 articles
  EXPECT_EQ(got[2], "fay");  // then by frequency, ties in term order
}

TEST_F(FuzzyTest, CountsCharactersNotBytes) {
  Add("qāmishlī", 1);
  EXPECT_EQ(FuzzyExpansions(db_, "", "qamishli", 2), (std::vector<std::string>{"qāmishlī"}));
  EXPECT_TRUE(FuzzyExpansions(db_, "", "qamishli", 1).empty());
}

}  // namespace
}  // namespace byline
