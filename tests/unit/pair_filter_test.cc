// The Bloom filter of side-by-side words (util/pair_filter.h): every pair
// put in is found, in either order; pairs not put in are found rarely (the
// false-positive rate its size was chosen for); a filter survives the
// stored record.
#include "util/pair_filter.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "byline/document.h"

namespace byline {
namespace {

TEST(PairFilterTest, EveryPairPutInIsFoundInEitherOrder) {
  struct Case {
    std::vector<std::pair<std::string, std::string>> in;
  } cases[] = {
      {{{"islamic", "state"}}},
      {{{"new", "new"}, {"new", "york"}}},
      {{{"قوات", "سوريا"}, {"سوريا", "الديمقراطية"}}},
  };
  for (const Case& c : cases) {
    std::vector<std::pair<std::uint64_t, std::uint64_t>> pairs;
    for (const auto& [a, b] : c.in) pairs.emplace_back(PairWordHash(a), PairWordHash(b));
    std::string f = MakePairFilter(pairs);
    for (const auto& [a, b] : c.in) {
      EXPECT_TRUE(PairFilterMayHold(f, PairWordHash(a), PairWordHash(b))) << a << " " << b;
      EXPECT_TRUE(PairFilterMayHold(f, PairWordHash(b), PairWordHash(a))) << b << " " << a;
    }
  }
  EXPECT_EQ(MakePairFilter({}), "");
  EXPECT_FALSE(PairFilterMayHold("", 1, 2));
}

TEST(PairFilterTest, PairsNotPutInAreFoundRarely) {
  // An article of 500 pairs, then 20,000 pairs it does not have.
  std::vector<std::pair<std::uint64_t, std::uint64_t>> pairs;
  for (int i = 0; i < 500; ++i) {
    pairs.emplace_back(PairWordHash("w" + std::to_string(i)),
                       PairWordHash("w" + std::to_string(i + 1)));
  }
  std::string f = MakePairFilter(pairs);
  EXPECT_EQ(f.size(), 1 + 500 * kPairFilterBitsPerPair / 8);
  int false_positives = 0;
  for (int i = 0; i < 20000; ++i) {
    false_positives += PairFilterMayHold(f, PairWordHash("x" + std::to_string(i)),
                                         PairWordHash("w" + std::to_string(i % 500)));
  }
  // 8 bits and 5 hashes a pair: about 2.2% in theory.
  EXPECT_LT(false_positives, 20000 * 4 / 100);
  EXPECT_GT(false_positives, 0);
}

TEST(PairFilterTest, TheStoredRecordCarriesIt) {
  Article a{"id-1", "Title", "2018-11-14", "Source", "", "", "en", "", "f.jsonl:3"};
  std::string f = MakePairFilter({{PairWordHash("a"), PairWordHash("b")}});
  Article back;
  std::string got = "stale";
  ASSERT_TRUE(DecodeStoredArticle(EncodeStoredArticle(a, f), &back, &got));
  EXPECT_EQ(got, f);
  EXPECT_EQ(back.id, "id-1");
  EXPECT_EQ(back.path, "f.jsonl:3");
  // A record without one (written before it, or an article of one word).
  ASSERT_TRUE(DecodeStoredArticle(EncodeStoredArticle(a), &back, &got));
  EXPECT_EQ(got, "");
}

}  // namespace
}  // namespace byline
