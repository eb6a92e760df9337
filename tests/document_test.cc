// Tests of the stored-field encoding.
#include "byline/document.h"

#include <gtest/gtest.h>

namespace byline {
namespace {

TEST(DocumentTest, StoredFieldsRoundTrip) {
  Article a{"id-1",
            "Title",
            "2018-11-14",
            "Source",
            "Author",
            "https://x",
            "de",
            std::string(300, 'b') + "\n\nQāmishlī",
            "/path/file.jsonl:3"};
  Article b;
  ASSERT_TRUE(DecodeStoredArticle(EncodeStoredArticle(a), &b));
  EXPECT_EQ(b.id, a.id);
  EXPECT_EQ(b.title, a.title);
  EXPECT_EQ(b.date, a.date);
  EXPECT_EQ(b.source, a.source);
  EXPECT_EQ(b.author, a.author);
  EXPECT_EQ(b.url, a.url);
  EXPECT_EQ(b.lang, a.lang);
  EXPECT_EQ(b.body, a.body);
  EXPECT_EQ(b.path, a.path);
}

TEST(DocumentTest, RejectsForeignData) {
  Article out;
  EXPECT_FALSE(DecodeStoredArticle("", &out));
  EXPECT_FALSE(DecodeStoredArticle("{\"json\": 1}", &out));
  std::string truncated = EncodeStoredArticle(Article{"id", "t", "", "", "", "", "", "body", "p"});
  truncated.resize(truncated.size() - 2);
  EXPECT_FALSE(DecodeStoredArticle(truncated, &out));
}

}  // namespace
}  // namespace byline
