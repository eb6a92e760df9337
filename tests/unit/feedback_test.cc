// Choosing the articles pseudo-relevance feedback learns from.
#include "search/feedback.h"

#include <gtest/gtest.h>
#include <xapian.h>

#include <set>
#include <string>
#include <vector>

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
  // Words of every script: German, Russian, Arabic, Chinese.
  for (const char* word : {"Zärzt", "Zметро", "Zحكوم", "Z科技"}) {
    EXPECT_TRUE(IsExpansionTerm(word)) << word;
  }
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
  const std::string path = test::IndexLines(dir, lines);
  ASSERT_FALSE(path.empty());

  Xapian::Database db(path);
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

// A first pass of `matches` articles for the query "Zgrain Zwheat": the first
// holds both words, the others only "Zwheat" when `peaked`, both words too
// when not (a flat top: every article scores the same).
Xapian::MSet FirstPass(Xapian::WritableDatabase* db, int matches, bool peaked) {
  for (int i = 0; i < matches; ++i) {
    Xapian::Document doc;
    if (i == 0 || !peaked) doc.add_term("Zgrain");
    doc.add_term("Zwheat");
    doc.add_term("Zpad" + std::to_string(i));
    db->add_document(doc);
  }
  for (int i = 0; i < 20; ++i) {  // articles without either word, for IDF
    Xapian::Document doc;
    doc.add_term("Zother");
    db->add_document(doc);
  }
  Xapian::Enquire enquire(*db);
  enquire.set_query(
      Xapian::Query(Xapian::Query::OP_OR, Xapian::Query("Zgrain"), Xapian::Query("Zwheat")));
  return enquire.get_mset(0, 10);
}

TEST(FeedbackTest, PlanExpandsFlatTopsAndLongQueriesOnly) {
  const Xapian::Query two_words(Xapian::Query::OP_OR, Xapian::Query("Zgrain"),
                                Xapian::Query("Zwheat"));
  std::vector<Xapian::Query> many;
  for (const char* w : {"Zgrain", "Zwheat", "Zexport", "Zprice"}) many.emplace_back(w);
  const Xapian::Query four_words(Xapian::Query::OP_OR, many.begin(), many.end());
  struct Case {
    const char* name;
    int matches;
    bool peaked;
    double gate, width;
    unsigned long_query, short_terms;
    const Xapian::Query* query;
    unsigned terms;
    double weight;  // of expand_weight 0.2
  };
  for (const Case& c : {
           Case{"no gate: every query in full", 10, true, 0, 0, 4, 10, &two_words, 20, 0.2},
           Case{"flat top ten", 10, false, 0.7, 0, 4, 10, &two_words, 10, 0.2},
           Case{"flat, no short-query size", 10, false, 0.7, 0, 4, 0, &two_words, 20, 0.2},
           Case{"one article above the rest", 10, true, 0.7, 0, 4, 10, &two_words, 0, 0},
           Case{"fewer matches than feedback articles", 5, false, 0.7, 0, 4, 10, &two_words, 0, 0},
           Case{"a long query whatever its top", 10, true, 0.7, 0, 4, 10, &four_words, 20, 0.2},
           Case{"long-query rule off", 10, true, 0.7, 0, 0, 10, &four_words, 0, 0},
           Case{"ramp: flat is past its end", 10, false, 0.7, 0.2, 4, 10, &two_words, 10, 0.2},
       }) {
    SCOPED_TRACE(c.name);
    Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
    Xapian::MSet top = FirstPass(&db, c.matches, c.peaked);
    RankingOptions r;
    r.expand_terms = 20;
    r.expand_weight = 0.2;
    r.feedback_gate = c.gate;
    r.feedback_gate_width = c.width;
    r.feedback_long_query = c.long_query;
    r.feedback_short_terms = c.short_terms;
    FeedbackPlan plan = PlanFeedback(*c.query, top, r);
    EXPECT_EQ(plan.terms, c.terms);
    EXPECT_DOUBLE_EQ(plan.weight, c.weight);
  }
}

TEST(FeedbackTest, PlanRampsTheWeightBetweenGateAndGatePlusWidth) {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  Xapian::MSet top = FirstPass(&db, 10, true);
  const double ratio = top[9].get_weight() / top[0].get_weight();
  ASSERT_GT(ratio, 0.1);
  ASSERT_LT(ratio, 0.9);
  const Xapian::Query q(Xapian::Query::OP_OR, Xapian::Query("Zgrain"), Xapian::Query("Zwheat"));
  RankingOptions r;
  r.expand_terms = 20;
  r.expand_weight = 0.2;
  r.feedback_gate = ratio - 0.05;  // a quarter of the way up a ramp of 0.2
  r.feedback_gate_width = 0.2;
  FeedbackPlan plan = PlanFeedback(q, top, r);
  EXPECT_EQ(plan.terms, 20u);
  EXPECT_NEAR(plan.weight, 0.2 * 0.25, 1e-9);
}

TEST(FeedbackTest, PlanCapsTheExpansionAgainstTheQueryAndNarrowsShortQueries) {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  Xapian::MSet top = FirstPass(&db, 10, false);
  const Xapian::Query q(Xapian::Query::OP_OR, Xapian::Query("Zgrain"), Xapian::Query("Zwheat"));
  RankingOptions r;
  r.expand_terms = 20;
  r.expand_weight = 0.2;
  r.feedback_gate = 0.7;
  r.feedback_long_query = 4;
  r.feedback_short_terms = 10;
  r.feedback_short_docs = 5;
  r.feedback_term_share = 0.5;
  r.feedback_query_share = 0.5;  // 10 terms together at most 0.5 x 2 words
  r.feedback_keep_top = 2;
  FeedbackPlan plan = PlanFeedback(q, top, r);
  EXPECT_EQ(plan.terms, 10u);
  EXPECT_NEAR(plan.weight, 0.1, 1e-9);
  EXPECT_EQ(plan.docs, 5u);
  EXPECT_DOUBLE_EQ(plan.share, 0.5);
  EXPECT_EQ(plan.keep, 2u);
  r.feedback_keep_below = 0.7;  // the first pass is a near tie: nothing kept
  EXPECT_EQ(PlanFeedback(q, top, r).keep, 0u);
  r.feedback_gate = 0;  // every query in full: no short-query narrowing
  plan = PlanFeedback(q, top, r);
  EXPECT_EQ(plan.terms, 20u);
  EXPECT_NEAR(plan.weight, 0.05, 1e-9);
  EXPECT_EQ(plan.docs, 0u);
  EXPECT_DOUBLE_EQ(plan.share, 0);
  EXPECT_EQ(plan.keep, 0u);
  r.feedback_gate = 0.7;  // a long query keeps nothing either
  const std::vector<Xapian::Query> words{Xapian::Query("Zgrain"), Xapian::Query("Zwheat"),
                                         Xapian::Query("Zmaiz"), Xapian::Query("Zsoybean")};
  const Xapian::Query four(Xapian::Query::OP_OR, words.begin(), words.end());
  EXPECT_EQ(PlanFeedback(four, top, r).keep, 0u);
}

TEST(FeedbackTest, KeptArticlesRankFirstInTheirOrderAtAnyDepth) {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  for (int i = 0; i < 6; ++i) {  // "Zgrain" i + 1 times: the last scores most
    Xapian::Document doc;
    doc.add_term("Zgrain", static_cast<Xapian::termcount>(i + 1));
    if (i != 2) doc.add_boolean_term("Qa" + std::to_string(i));  // 3 has no id term
    db.add_document(doc);
  }
  Xapian::Document twin;  // 7: another database's article with 4's id
  twin.add_term("Zother");
  twin.add_boolean_term("Qa3");
  db.add_document(twin);
  const Xapian::Query q("Zgrain");
  Xapian::Enquire enquire(db);
  enquire.set_query(q);
  const double above = 2 * enquire.get_mset(0, 0).get_max_possible() + 1;
  std::vector<double> lifts;
  // Documents 2 and 1 (the two weakest) kept in that order; 3 cannot be
  // (no id term), nor 4 (its id is 7's too).
  const Xapian::Query kept = KeepOnTop(db, q, {2, 1, 3, 4}, above, &lifts);
  ASSERT_EQ(lifts.size(), 4u);
  EXPECT_DOUBLE_EQ(lifts[0], 4 * above);
  EXPECT_DOUBLE_EQ(lifts[1], 3 * above);
  EXPECT_DOUBLE_EQ(lifts[2], 0);
  EXPECT_DOUBLE_EQ(lifts[3], 0);
  enquire.set_query(kept);
  std::vector<Xapian::docid> order;
  Xapian::MSet all = enquire.get_mset(0, 10);
  for (auto it = all.begin(); it != all.end(); ++it) order.push_back(*it);
  EXPECT_EQ(order, (std::vector<Xapian::docid>{2, 1, 6, 5, 4, 3}));
  EXPECT_EQ(all.size(), 6u);                   // the same matches
  Xapian::MSet page = enquire.get_mset(2, 2);  // a page below them continues
  ASSERT_EQ(page.size(), 2u);
  EXPECT_EQ(*page.begin(), 6u);
  // Nothing kept: the query as it was.
  EXPECT_EQ(KeepOnTop(db, q, {}, above, &lifts).get_description(), q.get_description());
}

TEST(FeedbackTest, ExpansionTermsWeighByTheirShareOfTheFeedbackArticles) {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  for (int i = 0; i < 4; ++i) {  // "Zgrain" in all four, "Zrare" in one
    Xapian::Document doc;
    doc.add_term("Zgrain");
    doc.add_term("Zwheat");
    if (i == 0) doc.add_term("Zrare");
    db.add_document(doc);
  }
  for (int i = 0; i < 20; ++i) {
    Xapian::Document doc;
    doc.add_term(i < 12 ? "Zcommon" : "Zother");
    if (i == 0) doc.add_term("Zrare");
    db.add_document(doc);
  }
  Xapian::Enquire enquire(db);
  enquire.set_query(Xapian::Query("Zwheat"));
  Xapian::MSet top = enquire.get_mset(0, 10);
  Xapian::RSet rset;
  std::vector<Xapian::docid> docs;
  for (auto it = top.begin(); it != top.end(); ++it) {
    rset.add_document(*it);
    docs.push_back(*it);
  }
  Xapian::ESet eset = enquire.get_eset(10, rset);
  const Xapian::Query q("Zwheat");
  auto described = [&](double share, double max_df) {
    RankingOptions r;
    r.feedback_max_df = max_df;
    FeedbackPlan plan{10, 0.2, 0, share};
    return ExpandedQuery(db, q, eset, docs, plan, r).get_description();
  };
  const std::string even = described(0, 0);
  EXPECT_NE(even.find("0.2000000000000000111 * Zgrain"), std::string::npos) << even;
  EXPECT_NE(even.find("0.2000000000000000111 * Zrare"), std::string::npos) << even;
  const std::string shared = described(1, 0);  // Zrare in 1 of 4
  EXPECT_NE(shared.find("0.2000000000000000111 * Zgrain"), std::string::npos) << shared;
  EXPECT_NE(shared.find("0.050000000000000002776 * Zrare"), std::string::npos) << shared;
  // Zgrain is in 4 of 24 articles, Zrare in 2: a ceiling of 0.1 drops Zgrain.
  const std::string floor = described(0, 0.1);
  EXPECT_EQ(floor.find("Zgrain"), std::string::npos) << floor;
  EXPECT_NE(floor.find("Zrare"), std::string::npos) << floor;
}

TEST(FeedbackTest, ExpansionIsKeptOnlyWhileItsTopOverlapsTheFirstPass) {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  for (int i = 0; i < 8; ++i) {
    Xapian::Document doc;
    doc.add_term(i < 4 ? "Za" : "Zb");
    if (i == 0 || i == 4) doc.add_term("Zboth");
    db.add_document(doc);
  }
  Xapian::Enquire enquire(db);
  enquire.set_query(Xapian::Query("Za"));
  Xapian::MSet first = enquire.get_mset(0, 4);
  enquire.set_query(Xapian::Query("Zb"));
  Xapian::MSet drifted = enquire.get_mset(0, 4);
  enquire.set_query(
      Xapian::Query(Xapian::Query::OP_OR, Xapian::Query("Za"), Xapian::Query("Zboth")));
  Xapian::MSet half = enquire.get_mset(0, 4);  // Za's four, or three of them and one of Zb's
  RankingOptions r;
  EXPECT_TRUE(KeepExpansion(first, drifted, r));  // check off
  r.feedback_min_overlap = 0.5;
  EXPECT_FALSE(KeepExpansion(first, drifted, r));
  EXPECT_TRUE(KeepExpansion(first, half, r));
  EXPECT_TRUE(KeepExpansion(first, first, r));
}

TEST(FeedbackTest, AtMostSoManyFeedbackDocuments) {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  Xapian::MSet top = FirstPass(&db, 10, false);
  EXPECT_EQ(FeedbackDocuments(db, top, 0).size(), 10u);
  EXPECT_EQ(FeedbackDocuments(db, top, 0, 3).size(), 3u);
}

}  // namespace
}  // namespace byline
