// The timeline's and the facets' printers (searcher/coverage_printer.h):
// bars fitted to the width, gaps and the peak shown, JSON lines, the SVG,
// the facet filters.
#include "searcher/coverage_printer.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "searcher/wrap.h"
#include "testutil.h"

namespace byline {
namespace {

Timeline Sample() {
  Timeline t;
  t.query = "oil <prices>";
  t.by = Period::kMonth;
  t.buckets = BucketDays({{"20180105", 3}, {"20180320", 12}, {"20180321", 1}}, Period::kMonth);
  t.matches = 18;
  t.undated = 2;
  t.collapsed = true;
  return t;
}

std::vector<std::string> Lines(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

TEST(TimelineTextTest, BarsFitTheWidthWithGapsAndOnePeak) {
  const std::string head =
      "\"oil <prices>\": 18 stories, by month from 2018-01-01 to 2018-03-31 (2 undated, not "
      "shown)";
  for (std::size_t width : {40u, 80u, 200u}) {
    std::ostringstream out;
    WriteTimelineText(out, Sample(), width);
    auto all = Lines(out.str());
    // The header wraps at the width, as the bars do.
    std::vector<std::string> lines;
    std::string joined;
    for (const std::string& l : all) {
      if (l.rfind("2018-", 0) == 0) {
        lines.push_back(l);
      } else {
        EXPECT_LE(DisplayWidth(l), width) << l;
        joined += (joined.empty() ? "" : " ") + l;
      }
    }
    EXPECT_EQ(joined, head);
    if (width >= head.size()) {
      EXPECT_EQ(all.size() - lines.size(), 1u) << out.str();
    } else {
      EXPECT_GT(all.size() - lines.size(), 1u) << out.str();
    }
    lines.insert(lines.begin(), head);
    ASSERT_EQ(lines.size(), 4u) << out.str();  // header, Jan, Feb (empty), Mar
    for (std::size_t i = 1; i < lines.size(); ++i) {
      EXPECT_EQ(DisplayWidth(lines[i]), lines[i] == lines[3] ? width : width - 7) << lines[i];
    }
    EXPECT_EQ(lines[2].rfind("2018-02 ", 0), 0u);
    EXPECT_EQ(lines[2].find("█"), std::string::npos) << "no bar for an empty month";
    EXPECT_NE(lines[2].find(" 0"), std::string::npos);
    EXPECT_NE(lines[3].find("13 ◀ peak"), std::string::npos) << lines[3];
  }
}

TEST(TimelineJsonTest, BucketsThenASummary) {
  std::ostringstream out;
  WriteTimelineJson(out, Sample());
  auto lines = Lines(out.str());
  ASSERT_EQ(lines.size(), 4u);
  auto feb = nlohmann::json::parse(lines[1]);
  EXPECT_EQ(feb["type"], "bucket");
  EXPECT_EQ(feb["label"], "2018-02");
  EXPECT_EQ(feb["end"], "2018-02-28");
  EXPECT_EQ(feb["count"], 0);
  auto summary = nlohmann::json::parse(lines[3]);
  EXPECT_EQ(summary["counts"], "stories");
  EXPECT_EQ(summary["peak"]["label"], "2018-03");
  EXPECT_EQ(summary["undated"], 2);
}

TEST(TimelineSvgTest, TitleBarsAndEscapedQuery) {
  test::TempDir dir;
  const std::string path = (dir.path() / "t.svg").string();
  ASSERT_TRUE(WriteTimelineSvg(path, Sample()).ok());
  std::ifstream in(path);
  const std::string s((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_NE(s.find("Matches of &quot;oil &lt;prices&gt;&quot; by month (18 stories, 2 undated"),
            std::string::npos)
      << s;
  std::size_t bars = 0;
  for (std::size_t p = s.find("<rect x="); p != std::string::npos; p = s.find("<rect x=", p + 1)) {
    ++bars;
  }
  EXPECT_EQ(bars, 3u);
  EXPECT_NE(s.find("peak 2018-03: 13"), std::string::npos);
  EXPECT_FALSE(WriteTimelineSvg((dir.path() / "no" / "such" / "t.svg").string(), Sample()).ok());
}

TEST(FacetFilterTest, NarrowsToTheValue) {
  EXPECT_EQ(FacetFilter("source", "BBC News"), "source:\"BBC News\"");
  EXPECT_EQ(FacetFilter("author", "Said \"Sam\" Lee"), "author:\"Said  Sam  Lee\"");
  EXPECT_EQ(FacetFilter("lang", "de"), "lang:de");
  EXPECT_EQ(FacetFilter("year", "2018"), "date:2018");
  EXPECT_EQ(FacetFilter("month", "2018-11"), "date:2018-11");
}

TEST(FacetsTextTest, SaysWhatIsCountedAndWhenToRebuild) {
  CoverageCounts c;
  c.matches = 5;
  c.collapsed = true;
  c.facets.push_back({"source", {{"A", 3}, {"B", 1}, {"C", 1}}, 0, true});
  c.facets.push_back({"author", {}, 5, false});
  std::ostringstream out;
  WriteFacetsText(out, c, 2);
  const std::string s = out.str();
  EXPECT_NE(s.find("Facets: stories, counted over all 5 stories"), std::string::npos) << s;
  EXPECT_NE(s.find("(1 more values)"), std::string::npos) << s;
  EXPECT_EQ(s.find("source:\"C\""), std::string::npos) << "top 2: " << s;
  EXPECT_NE(s.find("rebuild to get author facets"), std::string::npos) << s;
}

}  // namespace
}  // namespace byline
