// `byline timeline` and `byline search --facets` end to end: the real
// binary on corpus/. Label `cli`.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "process.h"
#include "sample_corpus.h"
#include "testutil.h"

namespace {

using byline::test::Byline;
using byline::test::JsonLines;
using byline::test::RunResult;
using byline::test::Slurp;
using nlohmann::json;

class CoverageCli : public byline::test::SampleCorpusTest {
 protected:
  static std::uint64_t Count(const std::string& query) {
    RunResult r = Byline({"search", "--db", Db(), "--count", query});
    EXPECT_EQ(r.code, 0) << r.err;
    return std::stoull(r.out);
  }
};

// Every match counted once: the bars and the undated add up to the count
// that search gives, periods follow each other without a gap, and the
// summary names the peak.
TEST_F(CoverageCli, TimelineJsonAddsUpToTheSearchCount) {
  for (const std::string by : {"day", "week", "month", "year"}) {
    RunResult r = Byline({"timeline", "--db", Db(), "--json", "--by", by, "*"});
    ASSERT_EQ(r.code, 0) << r.err;
    auto lines = JsonLines(r.out);
    ASSERT_GE(lines.size(), 2u);
    const json& summary = lines.back();
    ASSERT_EQ(summary["type"], "summary");
    EXPECT_EQ(summary["by"], by);
    std::uint64_t sum = 0, most = 0;
    std::string last_end;
    for (std::size_t i = 0; i + 1 < lines.size(); ++i) {
      ASSERT_EQ(lines[i]["type"], "bucket");
      const std::uint64_t n = lines[i]["count"];
      sum += n;
      most = std::max(most, n);
      // Gaps are shown: each period starts the day after the last ended
      // (compared as the next bucket's start being after the previous end).
      if (!last_end.empty()) {
        EXPECT_GT(lines[i]["start"].get<std::string>(), last_end);
      }
      last_end = lines[i]["end"];
    }
    EXPECT_EQ(sum + summary["undated"].get<std::uint64_t>(),
              summary["matches"].get<std::uint64_t>());
    EXPECT_EQ(summary["matches"].get<std::uint64_t>(), Count("*")) << by;
    EXPECT_EQ(summary["undated"], 3) << "corpus/ has three undated articles";
    EXPECT_EQ(summary["peak"]["count"], most);
    EXPECT_EQ(summary["buckets"], lines.size() - 1);
  }
}

TEST_F(CoverageCli, TimelineShowsEmptyMonthsAndThePeak) {
  RunResult r = Byline({"timeline", "--db", Db(), "--by", "month", "*"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("41 articles, by month from 2017-05-01 to 2019-12-31 (3 undated"),
            std::string::npos)
      << r.out;
  // June 2017 has no article: its line is there, with no bar and 0.
  EXPECT_NE(r.out.find("\n2017-06 "), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("◀ peak"), r.out.rfind("◀ peak")) << "one peak";
  EXPECT_NE(r.out.find("2018-11 ████"), std::string::npos) << r.out;
  // Default bar length chosen from the span (2017-05..2019-12: months).
  RunResult d = Byline({"timeline", "--db", Db(), "*"});
  ASSERT_EQ(d.code, 0) << d.err;
  EXPECT_EQ(d.out, r.out);
}

TEST_F(CoverageCli, TimelineOfAQueryWithinDatesAndFilters) {
  RunResult r = Byline({"timeline", "--db", Db(), "--json", "--by", "month", "--since", "2018-01",
                        "--until", "2018-12", "lang:en"});
  ASSERT_EQ(r.code, 0) << r.err;
  auto lines = JsonLines(r.out);
  ASSERT_EQ(lines.size(), 13u) << r.out;  // every month of 2018, then the summary
  EXPECT_EQ(lines.front()["label"], "2018-01");
  EXPECT_EQ(lines[11]["label"], "2018-12");
  EXPECT_EQ(lines.back()["matches"].get<std::uint64_t>(), Count("lang:en date:2018"));
  EXPECT_EQ(lines.back()["undated"], 0);
}

TEST_F(CoverageCli, TimelinePlotsAnSvg) {
  byline::test::TempDir dir;
  const std::string svg = (dir.path() / "t.svg").string();
  RunResult r = Byline({"timeline", "--db", Db(), "--by", "year", "--plot", svg, "*"});
  ASSERT_EQ(r.code, 0) << r.err;
  const std::string s = Slurp(svg);
  EXPECT_EQ(s.rfind("<svg ", 0), 0u);
  EXPECT_NE(s.find("Matches of &quot;*&quot; by year (41 articles"), std::string::npos) << s;
  for (const char* year : {">2017<", ">2018<", ">2019<"}) {
    EXPECT_NE(s.find(year), std::string::npos) << year;
  }
  EXPECT_NE(s.find("peak 2019"), std::string::npos);
  EXPECT_NE(s.find("</svg>"), std::string::npos);
}

TEST_F(CoverageCli, TimelineRefusesNothingAndBadPeriods) {
  RunResult none = Byline({"timeline", "--db", Db()});
  EXPECT_EQ(none.code, 2) << none.err;
  EXPECT_NE(none.err.find("nothing to count"), std::string::npos) << none.err;
  RunResult bad = Byline({"timeline", "--db", Db(), "--by", "fortnight", "*"});
  EXPECT_EQ(bad.code, 2) << bad.err;
  RunResult query = Byline({"timeline", "--db", Db(), "title:(oil"});
  EXPECT_EQ(query.code, 0) << "read as plain words, with a note: " << query.err;
  EXPECT_NE(query.err.find("note:"), std::string::npos) << query.err;
  RunResult plot = Byline({"timeline", "--db", Db(), "--plot", "/nonexistent/dir/t.svg", "*"});
  EXPECT_NE(plot.code, 0);
  EXPECT_NE(plot.err.find("/nonexistent/dir/t.svg: cannot write plot: No such file or directory"),
            std::string::npos)
      << plot.err;
}

// Facets count every match (not the page), with whole values and the filter
// that narrows to each; the filter given back finds that many.
TEST_F(CoverageCli, FacetsCountEveryMatchWithWholeValuesAndTheirFilters) {
  RunResult r = Byline({"search", "--db", Db(), "--json", "-n", "1", "--facets",
                        "source,author,lang,year,month", "--facets-top", "100", "*"});
  ASSERT_EQ(r.code, 0) << r.err;
  auto lines = JsonLines(r.out);
  ASSERT_EQ(lines.size(), 3u);  // one hit, the summary, the facets
  const json& f = lines.back();
  ASSERT_EQ(f["type"], "facets");
  EXPECT_EQ(f["matches"].get<std::uint64_t>(), Count("*"));
  EXPECT_EQ(f["counts"], "articles");  // corpus/ has no copies
  const json& source = f["facets"]["source"];
  EXPECT_TRUE(source["available"].get<bool>());
  ASSERT_FALSE(source["values"].empty());
  EXPECT_EQ(source["values"][0]["value"], "Byline Wire");  // whole, not "byline", "wire"
  std::uint64_t sum = source["missing"];
  for (const json& v : source["values"]) sum += v["count"].get<std::uint64_t>();
  EXPECT_EQ(sum, f["matches"].get<std::uint64_t>()) << "every value shown";
  for (const char* facet : {"source", "author", "lang", "year", "month"}) {
    for (const json& v : f["facets"][facet]["values"]) {
      EXPECT_EQ(Count(v["filter"].get<std::string>()), v["count"].get<std::uint64_t>())
          << facet << " " << v["filter"];
    }
  }
  EXPECT_EQ(f["facets"]["lang"]["values"][0]["filter"], "lang:en");
  EXPECT_EQ(f["facets"]["year"]["missing"], 3);
}

TEST_F(CoverageCli, FacetsInTheListingAndTheirTop) {
  RunResult r = Byline(
      {"search", "--db", Db(), "-n", "1", "--facets", "source,year", "--facets-top", "2", "*"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("Facets: articles, counted over all 41 matches"), std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("source:\"Byline Wire\""), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("(9 more values; 3 without one)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("  2019 "), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("  2017 "), std::string::npos) << "top 2 only: " << r.out;
  RunResult bad = Byline({"search", "--db", Db(), "--facets", "colour", "*"});
  EXPECT_EQ(bad.code, 2) << bad.err;
  RunResult ids = Byline({"search", "--db", Db(), "--format", "ids", "--facets", "lang", "*"});
  EXPECT_EQ(ids.code, 2) << ids.err;
  for (const char* none : {"", " , "}) {
    RunResult empty = Byline({"search", "--db", Db(), "--facets", none, "*"});
    EXPECT_EQ(empty.code, 2) << "'" << none << "'";
    EXPECT_NE(empty.err.find("name one or more of source"), std::string::npos) << empty.err;
  }
  // Facets alone: -n 0 prints the count and the facets, no hit.
  RunResult alone = Byline({"search", "--db", Db(), "-n", "0", "--facets", "year", "*"});
  ASSERT_EQ(alone.code, 0) << alone.err;
  EXPECT_EQ(alone.out.rfind("41 matches\n", 0), 0u) << alone.out;
  EXPECT_NE(alone.out.find("Facets: articles, counted over all 41 matches"), std::string::npos)
      << alone.out;
  EXPECT_EQ(alone.out.find(" 1. "), std::string::npos) << alone.out;
  // A search relaxed to any word counts the same query for its facets, for
  // explicit AND and required words alike.
  for (const char* q : {"water AND zzqqxx", "+water +zzqqxx pumping"}) {
    RunResult relaxed =
        Byline({"search", "--db", Db(), "--op", "and", "-n", "0", "--json", "--facets", "year", q});
    ASSERT_EQ(relaxed.code, 0) << relaxed.err;
    auto lines = JsonLines(relaxed.out);
    ASSERT_EQ(lines.size(), 2u) << relaxed.out;
    EXPECT_EQ(lines[0]["relaxed"], true) << q;
    EXPECT_GT(lines[0]["matches_lower"], 0) << q;
    EXPECT_EQ(lines[1]["matches"], lines[0]["matches_lower"]) << q;
  }
  // Spaces after the commas are no part of a name; a name twice counts once.
  RunResult spaced =
      Byline({"search", "--db", Db(), "-n", "1", "--json", "--facets", "source, year,year", "*"});
  ASSERT_EQ(spaced.code, 0) << spaced.err;
  const json facets = JsonLines(spaced.out).back();
  EXPECT_EQ(facets["type"], "facets");
  EXPECT_EQ(facets["facets"].size(), 2u) << spaced.out;
  EXPECT_TRUE(facets["facets"].contains("year"));
}

}  // namespace
