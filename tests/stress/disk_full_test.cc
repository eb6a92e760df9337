// Stress tests: `byline index` running out of space, on a small tmpfs
// mounted by the test (root or CAP_SYS_ADMIN; skipped otherwise), during a
// bulk build, an update in place and the final merge. Each time: exit 1, a
// message that says "disk full" and where, the database opens and answers as
// of its last commit, and no build folder is left. Label `stress`.
#include <gtest/gtest.h>
#include <sys/mount.h>
#include <algorithm>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>

#include "process.h"
#include "stress_corpus.h"
#include "testutil.h"

namespace {

namespace fs = std::filesystem;
using byline::test::Byline;
using byline::test::DatabaseTitles;
using byline::test::Quote;
using byline::test::RunResult;
using byline::test::WriteFeeds;

// A tmpfs of `size` (mount -o size=...) on a fresh folder, unmounted at the end.
class SmallDisk {
 public:
  explicit SmallDisk(const std::string& size) {
    path_ = dir_.path() / "disk";
    fs::create_directories(path_);
    if (mount("tmpfs", path_.c_str(), "tmpfs", 0, ("size=" + size).c_str()) == 0) {
      mounted_ = true;
    } else {
      error_ = std::strerror(errno);
    }
  }
  ~SmallDisk() {
    if (mounted_) umount2(path_.c_str(), MNT_DETACH);
  }
  bool mounted() const { return mounted_; }
  const std::string& error() const { return error_; }
  std::string operator/(const std::string& name) const { return (path_ / name).string(); }

 private:
  byline::test::TempDir dir_;
  fs::path path_;
  bool mounted_ = false;
  std::string error_;
};

#define MOUNT_OR_SKIP(disk)                                       \
  if (!(disk).mounted())                                          \
  GTEST_SKIP() << "cannot mount a tmpfs here (" << (disk).error() \
               << "): the disk-full tests need root or CAP_SYS_ADMIN, as in CI"

// What every case checks: exit 1 with "disk full" and `where` in the
// message, no build folder left, and the database answering with `want`.
void ExpectDiskFull(const RunResult& r, const std::string& where, const std::string& db,
                    const std::map<std::string, std::string>& want) {
  std::printf("[ disk full ] %s", r.err.c_str());
  EXPECT_EQ(r.code, 1) << r.err;
  EXPECT_EQ(r.err.rfind("byline: disk full ", 0), 0u) << r.err;
  EXPECT_NE(r.err.find(where), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("; the database is as of its last commit\n"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(db + ".building"));
  int code = -1;
  EXPECT_EQ(DatabaseTitles(db, &code), want);
  EXPECT_EQ(code, 0);
  int check = std::system(("xapian-check " + Quote(db) + " >/dev/null 2>&1").c_str());
  EXPECT_EQ(WEXITSTATUS(check), 0) << "xapian-check " << db;
}

TEST(DiskFullCli, ABulkBuildIntoAnEmptyDatabase) {
  SmallDisk disk("2m");
  MOUNT_OR_SKIP(disk);
  byline::test::TempDir dir;
  WriteFeeds(dir, "corpus", 6, 500);
  std::string db = disk / "db";
  RunResult r = Byline({"index", "-q", (dir.path() / "corpus").string(), "--db", db});
  ExpectDiskFull(r, "writing " + db + ".building/shard", db, {});
}

TEST(DiskFullCli, AnUpdateInPlace) {
  SmallDisk disk("2m");
  MOUNT_OR_SKIP(disk);
  byline::test::TempDir dir;
  WriteFeeds(dir, "small", 1, 50, /*seed=*/7);  // the same ids as feed 0, other titles
  WriteFeeds(dir, "corpus", 6, 500);
  std::string db = disk / "db";
  RunResult first = Byline({"index", "-q", (dir.path() / "small").string(), "--db", db});
  ASSERT_EQ(first.code, 0) << first.err;
  int code = -1;
  auto before = DatabaseTitles(db, &code);
  ASSERT_EQ(before.size(), 50u);
  // Xapian's flush threshold (50,000 documents) is not reached: the last
  // commit is the first run's, and the update fails in its commit.
  RunResult r = Byline({"index", "-q", (dir.path() / "corpus").string(), "--db", db});
  ExpectDiskFull(r, " " + db + ": ", db, before);
}

// The merge needs room for the segments and the merged database at once:
// with space for the segments only, the build fails in the merge. The room
// left is found by bisection over a file that fills part of the disk. Two
// shards are written at once, and how the articles fall between them moves
// with the scheduler: under load the shards' peak can exceed the merge's,
// and a bisection can end between a success and a failure in a shard with
// no filling between at which the merge alone fails (seen twice in a few
// dozen runs under load: 384 bytes apart). Then it starts again, at most
// three times.
TEST(DiskFullCli, TheMergeOfARebuild) {
  SmallDisk disk("24m");
  MOUNT_OR_SKIP(disk);
  byline::test::TempDir dir;
  WriteFeeds(dir, "corpus", 4, 250);
  std::string corpus = (dir.path() / "corpus").string();
  std::string feed0 = (dir.path() / "corpus/feed0.jsonl").string();
  std::string db = disk / "db", filler = disk / "filler";
  std::map<std::string, std::string> before;
  for (int round = 0; round < 3; ++round) {
    std::uintmax_t lo = 0, hi = 24u << 20;  // filled bytes: the run succeeds / fails in a shard
    for (int attempt = 0; attempt < 16; ++attempt) {
      std::error_code ec;
      fs::remove(filler, ec);
      fs::remove_all(db, ec);
      fs::remove_all(db + ".building", ec);
      RunResult first = Byline({"index", "-q", feed0, "--db", db});
      ASSERT_EQ(first.code, 0) << first.err;
      int code = -1;
      before = DatabaseTitles(db, &code);
      ASSERT_EQ(before.size(), 250u);
      std::uintmax_t fill = (lo + hi) / 2;
      {
        std::ofstream out(filler, std::ios::binary);
        // Exactly `fill` bytes: whole blocks only made a fill just above a
        // block's end write more than one just below the next block's end.
        std::string block(1 << 16, 'x');
        for (std::uintmax_t n = 0; n < fill && out;) {
          const std::uintmax_t len = std::min<std::uintmax_t>(block.size(), fill - n);
          out.write(block.data(), static_cast<std::streamsize>(len));
          n += len;
        }
      }
      RunResult r = Byline({"index", "-q", corpus, "--db", db, "--rebuild"});
      if (r.code == 0) {
        lo = fill;
      } else if (r.err.find("merging") == std::string::npos) {
        ASSERT_NE(r.err.find("disk full"), std::string::npos) << r.err;
        hi = fill;
      } else {
        std::printf(
            "[ disk full ] the merge ran out of space with %ju kB filled (round %d, attempt %d)\n",
            fill >> 10, round, attempt);
        ExpectDiskFull(r, "merging the segments in " + db + ".building", db, before);
        return;
      }
    }
    std::printf("[ disk full ] round %d: no filling between %ju and %ju failed in the merge\n",
                round, lo, hi);
  }
  FAIL() << "no filling made the merge run out of space in three rounds";
}

}  // namespace
