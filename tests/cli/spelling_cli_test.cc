// Did you mean and synonyms end to end: the real binary on a folder written
// by the test (the one article with Hajin, Euphrates, Deir Ezzor).
// Label `cli`.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "process.h"
#include "testutil.h"

namespace {

using byline::test::Byline;
using byline::test::JsonLines;
using byline::test::RunResult;

class SpellingCli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_.Write("in/a.jsonl",
               "{\"id\": \"a1\", \"title\": \"Strike near Hajin\", \"body\": \"Coalition aircraft "
               "struck positions near Hajin on the Euphrates in Deir Ezzor province.\"}\n"
               "{\"id\": \"k1\", \"title\": \"Talks in Burma\", \"body\": \"Ministers met in Burma "
               "on Monday.\"}\n");
    RunResult r = Byline({"index", "-q", (dir_.path() / "in").string(), "--db", Db()});
    ASSERT_EQ(r.code, 0) << r.err;
  }
  std::string Db() const { return (dir_.path() / "db").string(); }
  byline::test::TempDir dir_;
};

// A misspelt name that finds nothing shows the suggestion's hits and says
// how to search as typed; --exact searches as typed and only suggests.
TEST_F(SpellingCli, MisspeltNameShowsTheSuggestionsHits) {
  RunResult r = Byline({"search", "--db", Db(), "--suggest", "Hajiin"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("No matches for Hajiin; showing results for Hajin."), std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("--exact"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Strike near Hajin"), std::string::npos) << r.out;
  RunResult exact = Byline({"search", "--db", Db(), "--suggest", "--exact", "Euphrtes"});
  ASSERT_EQ(exact.code, 0) << exact.err;
  EXPECT_NE(exact.out.find("Did you mean: Euphrates?"), std::string::npos) << exact.out;
  EXPECT_NE(exact.out.find("No matches."), std::string::npos) << exact.out;
  // Scripts: a count is of the query as typed.
  RunResult count = Byline({"search", "--db", Db(), "--suggest", "--count", "Hajiin"});
  EXPECT_EQ(count.out, "0\n");
  RunResult plain = Byline({"search", "--db", Db(), "--suggest", "Hajin"});
  EXPECT_EQ(plain.out.find("Did you mean"), std::string::npos) << plain.out;
  // Without --suggest (the default) nothing is looked up, and finding
  // nothing says where to look.
  RunResult off = Byline({"search", "--db", Db(), "Hajiin"});
  EXPECT_EQ(off.out.find("Did you mean"), std::string::npos) << off.out;
  EXPECT_NE(off.out.find("No matches.\nMisspelt? --suggest"), std::string::npos) << off.out;
  RunResult found = Byline({"search", "--db", Db(), "Hajin"});
  EXPECT_EQ(found.out.find("Misspelt?"), std::string::npos) << found.out;
  // Nor where --suggest could not help: no word, a short one, only filters,
  // an excluded word.
  for (std::vector<std::string> q : {std::vector<std::string>{"--since", "2030-01-01"},
                                     {"ear"},
                                     {"source:nowhere"},
                                     {"zz -Hajiin"}}) {
    std::vector<std::string> args = {"search", "--db", Db()};
    args.insert(args.end(), q.begin(), q.end());
    RunResult none = Byline(args);
    EXPECT_NE(none.out.find("No matches."), std::string::npos) << q[0] << ": " << none.out;
    EXPECT_EQ(none.out.find("Misspelt?"), std::string::npos) << q[0] << ": " << none.out;
  }
}

// $BYLINE_SUGGEST=1 turns did you mean on for every search; 0 leaves it
// off; anything else is refused, naming the variable.
TEST_F(SpellingCli, EnvironmentTurnsSuggestionsOn) {
  RunResult on = Byline({"search", "--db", Db(), "Hajiin"}, "BYLINE_SUGGEST=1");
  ASSERT_EQ(on.code, 0) << on.err;
  EXPECT_NE(on.out.find("showing results for Hajin."), std::string::npos) << on.out;
  RunResult exact = Byline({"search", "--db", Db(), "--exact", "Hajiin"}, "BYLINE_SUGGEST=yes");
  EXPECT_NE(exact.out.find("Did you mean: Hajin?"), std::string::npos) << exact.out;
  RunResult off = Byline({"search", "--db", Db(), "Hajiin"}, "BYLINE_SUGGEST=0");
  EXPECT_EQ(off.out.find("Hajin"), std::string::npos) << off.out;
  // The command line wins: --no-suggest against 1, --suggest against 0.
  RunResult no = Byline({"search", "--db", Db(), "--no-suggest", "Hajiin"}, "BYLINE_SUGGEST=1");
  EXPECT_EQ(no.out.find("Hajin"), std::string::npos) << no.out;
  RunResult yes = Byline({"search", "--db", Db(), "--suggest", "Hajiin"}, "BYLINE_SUGGEST=0");
  EXPECT_NE(yes.out.find("showing results for Hajin."), std::string::npos) << yes.out;
  RunResult bad = Byline({"search", "--db", Db(), "Hajiin"}, "BYLINE_SUGGEST=maybe");
  EXPECT_EQ(bad.code, 2);
  EXPECT_NE(bad.err.find("BYLINE_SUGGEST must be 1 or 0"), std::string::npos) << bad.err;
  EXPECT_NE(bad.err.find("'maybe'"), std::string::npos) << bad.err;
  // Whatever else is asked.
  EXPECT_EQ(Byline({"search", "--db", Db(), "--suggest", "Hajin"}, "BYLINE_SUGGEST=maybe").code, 2);
}

TEST_F(SpellingCli, JsonSummarySaysWhichQueryRan) {
  RunResult r = Byline({"search", "--db", Db(), "--suggest", "--json", "Euphrtes"});
  ASSERT_EQ(r.code, 0) << r.err;
  auto lines = JsonLines(r.out);
  ASSERT_EQ(lines.size(), 2u) << r.out;
  EXPECT_EQ(lines[0]["id"], "a1");
  EXPECT_EQ(lines[1]["suggestion"], "Euphrates");
  EXPECT_EQ(lines[1]["ran"], "suggestion");
  RunResult exact = Byline({"search", "--db", Db(), "--suggest", "--json", "--exact", "Euphrtes"});
  auto summary = JsonLines(exact.out).back();
  EXPECT_EQ(summary["suggestion"], "Euphrates");
  EXPECT_EQ(summary["ran"], "typed");
  EXPECT_EQ(summary["matches_lower"], 0);
  auto none =
      JsonLines(Byline({"search", "--db", Db(), "--suggest", "--json", "Hajin"}).out).back();
  EXPECT_TRUE(none["suggestion"].is_null());
  // A suggestion that would find nothing either is not made: Euphrates is
  // in the article's text, not its title.
  auto title =
      JsonLines(Byline({"search", "--db", Db(), "--suggest", "--json", "title:Euphrtes"}).out)
          .back();
  EXPECT_TRUE(title["suggestion"].is_null()) << title;
  EXPECT_EQ(title["matches_upper"], 0);
  // Facets count the query that ran: the suggestion's hits, not none.
  RunResult facets =
      Byline({"search", "--db", Db(), "--suggest", "--json", "--facets", "year", "Euphrtes"});
  ASSERT_EQ(facets.code, 0) << facets.err;
  auto last = JsonLines(facets.out).back();
  EXPECT_EQ(last["type"], "facets");
  EXPECT_EQ(last["matches"], 1) << facets.out;
}

// Synonyms given for one search, or stored with the database for every
// later one (search, timeline), shown by --explain; cleared again.
TEST_F(SpellingCli, SynonymsFromTheCommandLineOrStored) {
  const std::string file =
      dir_.Write("syn.txt", "# names\nMyanmar = Burma\nISIS = \"Islamic State\"\n");
  RunResult given = Byline({"search", "--db", Db(), "--synonyms", file, "--explain", "Myanmar"});
  ASSERT_EQ(given.code, 0) << given.err;
  EXPECT_NE(given.out.find("query: (myanmar SYN burma)"), std::string::npos) << given.out;
  EXPECT_NE(given.out.find("Talks in Burma"), std::string::npos) << given.out;
  EXPECT_EQ(Byline({"search", "--db", Db(), "--count", "Myanmar"}).out, "0\n");
  RunResult store = Byline({"index", "--db", Db(), "--synonyms", file});
  ASSERT_EQ(store.code, 0) << store.err;
  EXPECT_EQ(Byline({"search", "--db", Db(), "--count", "Myanmar"}).out, "1\n");
  RunResult timeline = Byline({"timeline", "--db", Db(), "--json", "Myanmar"});
  ASSERT_EQ(timeline.code, 0) << timeline.err;
  EXPECT_EQ(JsonLines(timeline.out).back()["matches"], 1) << timeline.out;
  RunResult clear = Byline({"index", "--db", Db(), "--clear-synonyms"});
  ASSERT_EQ(clear.code, 0) << clear.err;
  EXPECT_EQ(Byline({"search", "--db", Db(), "--count", "Myanmar"}).out, "0\n");
}

TEST_F(SpellingCli, BadSynonymsLineIsAnErrorWithFileAndLine) {
  const std::string file = dir_.Write("bad.txt", "Myanmar = Burma\n\nDaesh\n");
  RunResult r = Byline({"search", "--db", Db(), "--synonyms", file, "Myanmar"});
  EXPECT_NE(r.code, 0);
  EXPECT_NE(r.err.find("bad.txt:3: a group needs two or more entries"), std::string::npos) << r.err;
  RunResult index = Byline({"index", "--db", Db(), "--synonyms", file});
  EXPECT_NE(index.code, 0);
  EXPECT_NE(index.err.find("bad.txt:3:"), std::string::npos) << index.err;
  RunResult nothing = Byline({"index", "--db", Db()});
  EXPECT_EQ(nothing.code, 2) << nothing.err;
}

}  // namespace
