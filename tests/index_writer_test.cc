// IndexWriter: adding, replacing and removing articles one at a time, in memory.
#include "byline/index_writer.h"

#include <gtest/gtest.h>

#include "testutil.h"

namespace byline {
namespace {

Article Make(const std::string& id, const std::string& title) {
  Article a;
  a.id = id;
  a.title = title;
  a.body = "Body of " + title;
  return a;
}

TEST(IndexWriterTest, AddsReplacesAndRemovesByIdInMemory) {
  auto w = IndexWriter::OpenInMemory();
  ASSERT_TRUE(w.ok()) << w.status().message();
  IndexWriter& writer = **w;
  ASSERT_BYLINE_OK(writer.Add(Make("a", "Alpha")));
  ASSERT_BYLINE_OK(writer.Add(Make("b", "Bravo")));
  EXPECT_EQ(writer.ArticleCount(), 2u);
  ASSERT_BYLINE_OK(writer.Add(Make("a", "Alpha again")));  // replaces
  EXPECT_EQ(writer.ArticleCount(), 2u);
  ASSERT_BYLINE_OK(writer.Remove("b"));
  ASSERT_BYLINE_OK(writer.Remove("never-added"));
  EXPECT_EQ(writer.ArticleCount(), 1u);
  ASSERT_BYLINE_OK(writer.Commit());
  EXPECT_EQ(writer.ArticleCount(), 1u);
}

TEST(IndexWriterTest, CommittedArticlesAreThereWhenReopened) {
  test::TempDir dir;
  std::string db = (dir.path() / "db").string();
  {
    auto w = IndexWriter::Open(db, false);
    ASSERT_TRUE(w.ok()) << w.status().message();
    ASSERT_BYLINE_OK((*w)->Add(Make("a", "Alpha")));
    ASSERT_BYLINE_OK((*w)->Commit());
    ASSERT_BYLINE_OK((*w)->Add(Make("b", "Bravo")));  // committed by closing
  }
  auto w = IndexWriter::Open(db, false);
  ASSERT_TRUE(w.ok()) << w.status().message();
  EXPECT_EQ((*w)->ArticleCount(), 2u);
  ASSERT_BYLINE_OK((*w)->Remove("a"));
  ASSERT_BYLINE_OK((*w)->Commit());
  EXPECT_EQ((*w)->ArticleCount(), 1u);
}

}  // namespace
}  // namespace byline
