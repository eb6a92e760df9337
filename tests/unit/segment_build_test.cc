// The segment build: shards, segments, the last copy of an id, merge order.
#include "index/segment_build.h"

#include <gtest/gtest.h>
#include <xapian.h>

#include "byline/index_writer.h"
#include "byline/text.h"
#include "index/in_place_target.h"
#include "testutil.h"
#include "util/xapian_error.h"

namespace byline {
namespace {

// A document with the id term of `id` and a term naming its version.
Xapian::Document Doc(const std::string& id, int version) {
  Xapian::Document doc;
  doc.add_boolean_term(IdTerm(id));
  doc.add_term("v" + std::to_string(version));
  doc.set_data(id + "@" + std::to_string(version));
  return doc;
}

class SegmentBuildTest : public ::testing::Test {
 protected:
  // Builds `docs` (id, version) into a fresh database; returns its path.
  std::string Build(const std::vector<std::pair<std::string, int>>& docs,
                    SegmentBuildOptions options) {
    std::string db = (dir_.path() / ("db" + std::to_string(++runs_))).string();
    {
      auto target = InPlaceTarget::Open(db, false);  // the database swapped out
      EXPECT_TRUE(target.ok());
    }
    SegmentBuild build(db, options);
    EXPECT_TRUE(build.Start().ok());
    for (const auto& [id, version] : docs) {
      EXPECT_TRUE(build.Add(IdTerm(id), Doc(id, version)).ok());
    }
    EXPECT_TRUE(build.RecordFile("file:x", "1 2 3 /x").ok());
    auto count = build.Finish();
    EXPECT_TRUE(count.ok()) << count.status().message();
    segments_ = build.Segments();
    return db;
  }
  test::TempDir dir_;
  int runs_ = 0;
  std::uint64_t segments_ = 0;
};

// Every id has one document, of the last version given.
void ExpectLastCopiesOnly(const std::string& path, int ids, int last_version) {
  Xapian::Database db(path);
  EXPECT_EQ(db.get_doccount(), static_cast<unsigned>(ids));
  for (int i = 0; i < ids; ++i) {
    std::string id = "a" + std::to_string(i);
    ASSERT_EQ(db.get_termfreq(IdTerm(id)), 1u) << id;
    Xapian::Document doc = db.get_document(*db.postlist_begin(IdTerm(id)));
    EXPECT_EQ(doc.get_data(), id + "@" + std::to_string(last_version)) << id;
  }
  EXPECT_EQ(db.get_metadata("file:x"), "1 2 3 /x");
}

std::uint64_t SevenBuckets(std::string_view s) { return Fnv1a64(s) % 7; }
std::uint64_t OneBucket(std::string_view) { return 12345; }

TEST_F(SegmentBuildTest, CollidingIdsStillLeaveExactlyTheLastCopyOfEach) {
  // 100 ids, each three times; a hash of 7 values makes most ids collide in
  // the router, and one value makes them all share one entry (and shard).
  std::vector<std::pair<std::string, int>> docs;
  for (int i = 0; i < 300; ++i) docs.emplace_back("a" + std::to_string(i % 100), i / 100);
  for (auto hash : {&SevenBuckets, &OneBucket, static_cast<decltype(&OneBucket)>(nullptr)}) {
    for (unsigned segment_size : {5u, 1000u}) {
      SCOPED_TRACE(segment_size);
      SegmentBuildOptions o{3, 2, segment_size, 4, hash};
      ExpectLastCopiesOnly(Build(docs, o), 100, 2);
    }
  }
}

TEST_F(SegmentBuildTest, CopiesInTheSegmentBeingWrittenAndInClosedOnesAreBothReplaced) {
  // a0 is repeated right away (same segment) and after many others (a
  // closed segment), in a single shard.
  std::vector<std::pair<std::string, int>> docs = {{"a0", 0}, {"a0", 1}};
  for (int i = 1; i < 20; ++i) docs.emplace_back("a" + std::to_string(i), 2);
  docs.emplace_back("a0", 2);
  ExpectLastCopiesOnly(Build(docs, {1, 3, 4, 32, nullptr}), 20, 2);
  EXPECT_GE(segments_, 5u);
}

TEST_F(SegmentBuildTest, DocumentIdsFollowTheRoundRobinAndTheMergeOrder) {
  // Doc k goes to shard k % 3 as its (k / 3)th; segments hold 4; the merge
  // takes segment 0 of every shard, then segment 1...
  std::vector<std::pair<std::string, int>> docs;
  for (int k = 0; k < 30; ++k) docs.emplace_back("a" + std::to_string(k), 0);
  std::string path = Build(docs, {3, 2, 4, 32, nullptr});
  std::vector<int> order;
  for (int seg = 0; seg < 3; ++seg) {
    for (int shard = 0; shard < 3; ++shard) {
      for (int k = 0; k < 30; ++k) {
        if (k % 3 == shard && (k / 3) / 4 == seg) order.push_back(k);
      }
    }
  }
  Xapian::Database db(path);
  for (std::size_t docid = 1; docid <= order.size(); ++docid) {
    EXPECT_EQ(db.get_document(static_cast<Xapian::docid>(docid)).get_data(),
              "a" + std::to_string(order[docid - 1]) + "@0");
  }
}

// A commit goes ahead only with room for it: 48 times the batch's stored
// records, plus the blocks it may rewrite (the segment's size, at most
// 2 MiB); else a disk-full error naming the segment, the room and the need.
TEST(CommitMarginTest, ACommitNeedsRoomForItsRecordsAndTheBlocksItRewrites) {
  constexpr std::uint64_t kB = 1 << 10, MB = 1 << 20;
  struct Case {
    std::uint64_t free, pending, segment;
    bool room;
  } cases[] = {
      {100 * MB, 60 * kB, 40 * MB, true},   // a usual batch, plenty of room
      {4 * MB, 60 * kB, 40 * MB, false},    // 2 MiB + 2.8 MiB needed
      {5 * MB, 60 * kB, 40 * MB, true},     //
      {2 * MB, 16 * kB, 25 * MB, false},    // news-de's small last batch grew 2.6 MB
      {3 * MB, 16 * kB, 25 * MB, true},     //
      {1 * MB, 10 * kB, 64 * kB, true},     // a first batch: the segment is small
      {512 * kB, 10 * kB, 64 * kB, false},  //
      {0, 0, 0, true},                      // nothing to commit needs nothing
      {0, 1, 0, false},                     //
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(std::to_string(c.free) + " free, " + std::to_string(c.pending) + " pending, " +
                 std::to_string(c.segment) + " in the segment");
    EXPECT_EQ(CommitMargin(c.pending, c.segment),
              std::min<std::uint64_t>(c.segment, 2 * MB) + 48 * c.pending);
    Status s = CheckRoomForCommit(c.free, c.pending, c.segment, "/d/db.building/shard0-1");
    EXPECT_EQ(s.ok(), c.room) << s.message();
    if (!c.room) {
      EXPECT_TRUE(IsDiskFull(s)) << s.message();
      EXPECT_EQ(s.message().rfind("disk full writing /d/db.building/shard0-1: ", 0), 0u)
          << s.message();
      EXPECT_NE(s.message().find(std::to_string(c.free >> 20) + " MB free, about "),
                std::string::npos)
          << s.message();
      EXPECT_NE(s.message().find(" MB needed"), std::string::npos) << s.message();
    }
  }
}

}  // namespace
}  // namespace byline
