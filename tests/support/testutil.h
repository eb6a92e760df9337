/** @file testutil.h
 *  @brief Helpers shared by the tests: temporary folders and files.
 */
#ifndef BYLINE_TESTS_TESTUTIL_H
#define BYLINE_TESTS_TESTUTIL_H

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "byline/document.h"
#include "byline/index_writer.h"
#include "byline/status.h"

#define ASSERT_BYLINE_OK(expr)             \
  do {                                     \
    const ::byline::Status _s = (expr);    \
    ASSERT_TRUE(_s.ok()) << _s.ToString(); \
  } while (0)

namespace byline::test {

/// A fresh folder under the system temp dir, removed when the object dies.
class TempDir {
 public:
  TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "byline-test-XXXXXX").string();
    char* made = mkdtemp(tmpl.data());
    if (made) path_ = made;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  const std::filesystem::path& path() const { return path_; }
  /// Writes `content` to `name` (creating folders) and returns its full path.
  std::string Write(const std::string& name, const std::string& content) const {
    std::filesystem::path p = path_ / name;
    std::filesystem::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << content;
    return p.string();
  }

 private:
  std::filesystem::path path_;
};

/// Indexes `lines` (JSON Lines, written to in/a.jsonl under `dir`) into a
/// database at db under `dir`, failing the test on any problem reported;
/// returns the database's path, or "" if it could not be built.
inline std::string IndexLines(const TempDir& dir, const std::string& lines) {
  dir.Write("in/a.jsonl", lines);
  IndexOptions opts;
  opts.db_path = (dir.path() / "db").string();
  opts.on_problem = [](const Status& s) { ADD_FAILURE() << s.message(); };
  auto stats = IndexPaths({(dir.path() / "in").string()}, opts);
  EXPECT_TRUE(stats.ok()) << stats.status().message();
  return stats.ok() ? opts.db_path : std::string();
}

/// An article's stored record as databases written before whitening held
/// it: version byte 1, then each field as a varint length and its bytes.
inline std::string PlainStoredRecord(const Article& a) {
  std::string out(1, '\x01');
  for (const std::string* f :
       {&a.id, &a.title, &a.date, &a.source, &a.author, &a.url, &a.lang, &a.path, &a.body}) {
    for (std::size_t n = f->size();; n >>= 7) {
      out.push_back(static_cast<char>((n & 0x7F) | (n >= 0x80 ? 0x80 : 0)));
      if (n < 0x80) break;
    }
    out += *f;
  }
  return out;
}

/// A hit as a test compares rankings: an article id and its score.
struct RankedHit {
  std::string id;
  double score = 0;
};

/// Scores equal within 1e-6 relative (Xapian sums weights in float order
/// that may differ between one database and shards).
inline bool SameScore(double a, double b) {
  return std::fabs(a - b) <= 1e-6 * std::max(std::fabs(a), 1.0);
}

/// Same ids in the same order with the same scores. Hits of equal score may
/// come in either order: Xapian breaks a tie by document number, and shards
/// number their documents apart; so a run of equal scores is compared as a
/// set.
inline void ExpectSameRanking(const std::vector<RankedHit>& one,
                              const std::vector<RankedHit>& other, const std::string& what) {
  ASSERT_EQ(one.size(), other.size()) << what;
  for (std::size_t i = 0; i < one.size();) {
    std::size_t j = i + 1;
    while (j < one.size() && SameScore(one[j].score, one[i].score)) ++j;
    std::vector<std::string> a, b;
    for (std::size_t k = i; k < j; ++k) {
      EXPECT_TRUE(SameScore(one[k].score, other[k].score))
          << what << " hit " << k << ": " << one[k].score << " vs " << other[k].score;
      a.push_back(one[k].id);
      b.push_back(other[k].id);
    }
    std::sort(a.begin(), a.end());
    std::sort(b.begin(), b.end());
    EXPECT_EQ(a, b) << what << " hits " << i << ".." << j - 1;
    i = j;
  }
}

}  // namespace byline::test

#endif  // BYLINE_TESTS_TESTUTIL_H
