// IndexPaths stopped through IndexOptions::cancel, and failed writes mapped
// to Status (a full disk says so). The real binary under signals and on a
// full disk is in tests/stress/.
#include <gtest/gtest.h>
#include <xapian.h>

#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <filesystem>
#include <string>

#include "byline/index_writer.h"
#include "testutil.h"
#include "util/xapian_error.h"

namespace byline {
namespace {

void WriteArticles(const test::TempDir& dir, const std::string& folder, int n) {
  for (int i = 0; i < n; ++i) {
    dir.Write(folder + "/a" + std::to_string(i) + ".txt",
              "Title: Harbour story " + std::to_string(i) + "\n\nThe harbour council met.\n");
  }
}

TEST(IndexInterruptTest, AnUpdateInPlaceStoppedBeforeReadingCommitsAndSaysSo) {
  test::TempDir dir;
  WriteArticles(dir, "old", 3);
  WriteArticles(dir, "new", 5);
  IndexOptions options;
  options.db_path = (dir.path() / "db").string();
  auto first = IndexPaths({(dir.path() / "old").string()}, options);
  ASSERT_TRUE(first.ok()) << first.status().message();
  std::atomic<int> cancel{SIGINT};
  options.cancel = &cancel;
  auto r = IndexPaths({(dir.path() / "new").string()}, options);
  ASSERT_EQ(r.status().code(), StatusCode::kCancelled);
  EXPECT_EQ(r.status().message(),
            "interrupted: 0 articles committed; run byline index again to finish");
  options.cancel = nullptr;
  auto w = IndexWriter::Open(options.db_path, false);
  ASSERT_TRUE(w.ok()) << w.status().message();
  EXPECT_EQ((*w)->ArticleCount(), 3u);
}

TEST(IndexInterruptTest, ABulkBuildStoppedIsDiscardedWithItsFolder) {
  test::TempDir dir;
  WriteArticles(dir, "corpus", 5);
  IndexOptions options;
  options.db_path = (dir.path() / "db").string();
  std::atomic<int> cancel{SIGTERM};
  options.cancel = &cancel;
  auto r = IndexPaths({(dir.path() / "corpus").string()}, options);
  ASSERT_EQ(r.status().code(), StatusCode::kCancelled);
  EXPECT_EQ(r.status().message(), "interrupted: bulk build discarded; the database is as it was");
  EXPECT_FALSE(std::filesystem::exists(options.db_path + ".building"));
  // Not set: the run finishes.
  cancel = 0;
  auto again = IndexPaths({(dir.path() / "corpus").string()}, options);
  ASSERT_TRUE(again.ok()) << again.status().message();
  EXPECT_EQ(again->total_articles, 5u);
}

TEST(XapianErrorTest, NoSpaceAndQuotaAreDiskFullWithThePlace) {
  for (int err : {ENOSPC, EDQUOT}) {
    try {
      throw Xapian::DatabaseError("Error writing block", err);
    } catch (const Xapian::Error& e) {
      Status s = StatusFromXapian(e, "writing /x/db.building/shard0-3");
      EXPECT_TRUE(IsDiskFull(s)) << s.message();
      EXPECT_EQ(s.message().rfind("disk full writing /x/db.building/shard0-3: ", 0), 0u)
          << s.message();
      EXPECT_NE(s.message().find(std::strerror(err)), std::string::npos) << s.message();
    }
  }
  try {  // a half-written block read back: the errno text is in the message
    throw Xapian::DatabaseCorruptError("Error reading block: No space left on device");
  } catch (const Xapian::Error& e) {
    EXPECT_TRUE(IsDiskFull(StatusFromXapian(e, "merging /x")));
  }
  try {
    throw Xapian::DatabaseError("Error writing block", EIO);
  } catch (const Xapian::Error& e) {
    Status s = StatusFromXapian(e, "writing /x");
    EXPECT_FALSE(IsDiskFull(s));
    EXPECT_EQ(s.code(), StatusCode::kIOError);
  }
  EXPECT_TRUE(IsDiskFull(StatusFromErrno(ENOSPC, "creating the build folder /x.building")));
  EXPECT_FALSE(IsDiskFull(StatusFromErrno(EACCES, "creating the build folder /x.building")));
}

}  // namespace
}  // namespace byline
