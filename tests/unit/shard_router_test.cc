// The shard router: an id hash keeps the shard it got first, in a compact table.
#include "index/shard_router.h"

#include <gtest/gtest.h>

#include "byline/text.h"

namespace byline {
namespace {

TEST(ShardRouterTest, AnIdKeepsTheShardItGotFirst) {
  ShardRouter r;
  bool seen = true;
  EXPECT_EQ(r.Route(42, 3, &seen), 3);
  EXPECT_FALSE(seen);
  EXPECT_EQ(r.Route(42, 5, &seen), 3);
  EXPECT_TRUE(seen);
  EXPECT_EQ(r.Route(0, 1, &seen), 1);  // 0 is a hash like any other
  EXPECT_FALSE(seen);
  EXPECT_EQ(r.Route(0, 2, &seen), 1);
  EXPECT_TRUE(seen);
  EXPECT_EQ(r.size(), 2u);
}

TEST(ShardRouterTest, GrowingKeepsEveryEntryAndStaysWithinItsBudget) {
  ShardRouter r;
  constexpr std::uint64_t kIds = 200000;
  bool seen = false;
  for (std::uint64_t i = 0; i < kIds; ++i) {
    r.Route(Fnv1a64("Qid" + std::to_string(i)), static_cast<std::uint16_t>(i % 7), &seen);
    ASSERT_FALSE(seen) << i;
  }
  for (std::uint64_t i = 0; i < kIds; ++i) {
    ASSERT_EQ(r.Route(Fnv1a64("Qid" + std::to_string(i)), 99, &seen), i % 7) << i;
    ASSERT_TRUE(seen);
  }
  EXPECT_EQ(r.size(), kIds);
  // 10 bytes a slot, at most 80% and at least 40% full.
  EXPECT_LE(r.bytes(), kIds * 25);
  EXPECT_GE(r.bytes(), kIds * 12);
}

TEST(ShardRouterTest, SequentialHashesDoNotPileUp) {
  ShardRouter r;
  bool seen = false;
  for (std::uint64_t i = 1; i <= 50000; ++i) r.Route(i, 0, &seen);
  EXPECT_EQ(r.size(), 50000u);
}

}  // namespace
}  // namespace byline
