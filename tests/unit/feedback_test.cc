// Choosing the articles pseudo-relevance feedback learns from.
#include "search/feedback.h"

#include <gtest/gtest.h>
#include <xapian.h>

#include <set>
#include <string>

#include "byline/document.h"
#include "byline/index_writer.h"
#include "testutil.h"

namespace byline {
namespace {

TEST(FeedbackTest, ExpansionTermsAreStemmedWordsOnly) {
  EXPECT_TRUE(IsExpansionTerm("Zharbour"));
  EXPECT_FALSE(IsExpansionTerm("harbour"));    // unstemmed, positional
  EXPECT_FALSE(IsExpansionTerm("ZSharbour"));  // a title stem
  EXPECT_FALSE(IsExpansionTerm("Z1987"));      // a number
  EXPECT_FALSE(IsExpansionTerm("Qa1"));        // an id
  EXPECT_FALSE(IsExpansionTerm("Z"));
}

TEST(FeedbackTest, NearDuplicatesWithTheSameTitleCountOnce) {
  test::TempDir dir;
  const std::string title = "Weekly grain export prices";
  const std::string body =
      "Argentine grain export prices were adjusted for wheat maize sorghum and soybeans "
      "as registrations rose in the week";
  auto line = [](const std::string& id, const std::string& t, const std::string& b) {
    return "{\"id\": \"" + id + "\", \"title\": \"" + t + "\", \"body\": \"" + b + "\"}\n";
  };
  std::string lines =
      line("original", title, body) + line("repeat", title, body) +  // the same story again
      line("revised", title,                                         // one word changed
           "Argentine grain export prices were adjusted for wheat maize sorghum and sunflower "
           "as registrations rose in the week") +
      line("series", title,  // the same headline over another story
           "Grain handlers in Rotterdam said port stocks of barley fell while freight rates on "
           "the Rhine climbed") +
      line("retitled", "Grain exporters adjust prices", body);  // another headline
  dir.Write("in/a.jsonl", lines);
  IndexOptions opts;
  opts.db_path = (dir.path() / "db").string();
  ASSERT_TRUE(IndexPaths({(dir.path() / "in").string()}, opts).ok());

  Xapian::Database db(opts.db_path);
  Xapian::Enquire enquire(db);
  enquire.set_query(Xapian::Query("Zgrain"));
  Xapian::MSet top = enquire.get_mset(0, 10);
  ASSERT_EQ(top.size(), 5u);
  auto kept = [&](double overlap) {
    std::set<std::string> ids;
    for (Xapian::docid d : FeedbackDocuments(db, top, overlap)) {
      Article a;
      EXPECT_TRUE(DecodeStoredArticle(db.get_document(d).get_data(), &a));
      ids.insert(a.id);
    }
    return ids;
  };
  struct Case {
    double overlap;
    std::size_t size;
    std::set<std::string> always;  // kept whichever of a group ranks first
  };
  for (const Case& c : {
           Case{0, 5, {"original", "repeat", "revised", "series", "retitled"}},
           Case{0.5, 3, {"series", "retitled"}},             // one of original/repeat/revised
           Case{1.0, 4, {"revised", "series", "retitled"}},  // one of original/repeat
       }) {
    SCOPED_TRACE(c.overlap);
    std::set<std::string> ids = kept(c.overlap);
    EXPECT_EQ(ids.size(), c.size);
    for (const std::string& id : c.always) EXPECT_EQ(ids.count(id), 1u) << id;
  }
}

}  // namespace
}  // namespace byline
