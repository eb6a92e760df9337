// The document builder: an Article as the terms, values and data of the schema.
#include "index/document_builder.h"

#include <gtest/gtest.h>
#include <xapian.h>

#include <set>
#include <string>

#include "byline/index_writer.h"
#include "byline/schema.h"

namespace byline {
namespace {

std::set<std::string> Terms(const Xapian::Document& doc) {
  std::set<std::string> out;
  for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) out.insert(*t);
  return out;
}

TEST(DocumentBuilderTest, TitleAndBodyTermsFollowTheSchema) {
  Analyzer analyzer;
  Article a;
  a.id = "r-1";
  a.title = "Harbour";
  a.body = "Ferries sailed";
  a.lang = "en";
  Xapian::Document doc = BuildDocument(a, analyzer, 3);
  std::set<std::string> terms = Terms(doc);
  EXPECT_TRUE(terms.count("Qr-1"));
  EXPECT_TRUE(terms.count("harbour"));  // unstemmed, positional
  EXPECT_TRUE(terms.count("Sharbour"));
  EXPECT_TRUE(terms.count("ZSharbor"));  // stemmed as the American spelling
  EXPECT_TRUE(terms.count("Zharbor"));
  EXPECT_TRUE(terms.count("Zferri"));  // stemmed
  EXPECT_TRUE(terms.count("Len"));
  EXPECT_FALSE(terms.count("XF"));  // no file term: the pipeline adds it
  for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
    if (*t == "Zharbour") {
      EXPECT_EQ(t.get_wdf(), 3u);  // the title weight
    } else if (*t == "harbour") {
      EXPECT_EQ(*t.positionlist_begin(), 1u);
    } else if (*t == "ferries") {
      EXPECT_GT(*t.positionlist_begin(), 1u + schema::kTitleBodyGap);
    }
  }
}

TEST(DocumentBuilderTest, DatesAuthorsAndSourcesAreFilterTermsAndTheBodyAValue) {
  Analyzer analyzer;
  Article a;
  a.id = "d";
  a.date = "2018-11-14";
  a.author = "Ann Lee";
  a.source = "Wire";
  a.body = "Text.";
  Xapian::Document doc = BuildDocument(a, analyzer, schema::kTitleWdf);
  std::set<std::string> terms = Terms(doc);
  EXPECT_TRUE(terms.count("Y2018"));
  EXPECT_TRUE(terms.count("M201811"));
  EXPECT_TRUE(terms.count("D20181114"));
  EXPECT_TRUE(terms.count("Aann"));
  EXPECT_TRUE(terms.count("Alee"));
  EXPECT_TRUE(terms.count("XSwire"));
  EXPECT_EQ(doc.get_value(schema::kSlotDate), "20181114");
  EXPECT_EQ(doc.get_value(schema::kSlotBody), "Text.");
  Article stored;
  ASSERT_TRUE(DecodeStoredArticle(doc.get_data(), &stored));
  EXPECT_EQ(stored.id, "d");
  EXPECT_EQ(stored.author, "Ann Lee");
  EXPECT_TRUE(stored.body.empty());  // the body is the value, not stored twice
  // A news-length body is kept deflated (PackBody), and reads back whole.
  for (int i = 0; i < 20; ++i) a.body += " The harbour reopened after the storm.";
  doc = BuildDocument(a, analyzer, schema::kTitleWdf);
  const std::string value = doc.get_value(schema::kSlotBody);
  EXPECT_EQ(value[0], '\xFF');
  EXPECT_LT(value.size(), a.body.size() / 2);
  EXPECT_EQ(UnpackBody(value), a.body);
}

TEST(DocumentBuilderTest, FileTermsAreAHashOfThePath) {
  std::string t = FileTerm("/corpus/a.jsonl");
  EXPECT_EQ(t.substr(0, 2), "XF");
  EXPECT_EQ(t.size(), 2u + 16u);
  EXPECT_EQ(t, FileTerm("/corpus/a.jsonl"));
  EXPECT_NE(t, FileTerm("/corpus/b.jsonl"));
}

}  // namespace
}  // namespace byline
