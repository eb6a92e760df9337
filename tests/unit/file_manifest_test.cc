// The file manifest: the record codec and the plan of a run, without I/O.
#include "index/file_manifest.h"

#include <gtest/gtest.h>
#include <xapian.h>

#include "testutil.h"

namespace byline {
namespace {

TEST(FileManifestTest, RecordsRoundTripWithSpacesInThePath) {
  FileRecord r{1234, 0xFFFFFFFFFFFFFFFFull, -5, "/news/2020 archive/a b.jsonl"};
  FileRecord back;
  ASSERT_TRUE(DecodeFileRecord(EncodeFileRecord(r), &back));
  EXPECT_EQ(back.size, r.size);
  EXPECT_EQ(back.hash, r.hash);
  EXPECT_EQ(back.mtime_ns, r.mtime_ns);
  EXPECT_EQ(back.path, r.path);
  EXPECT_FALSE(DecodeFileRecord("", &back));
  EXPECT_FALSE(DecodeFileRecord("12 x 3 /a", &back));
  EXPECT_FALSE(DecodeFileRecord("1 2 3", &back));  // no path
  EXPECT_EQ(FileRecordKey("/a").substr(0, 5), "file:");
}

TEST(FileManifestTest, PlanReadsNewAndChangedFilesSkipsUnchangedAndRemovesVanished) {
  std::vector<CorpusFile> listed = {
      {"/in/new.jsonl", 10, 1}, {"/in/same.jsonl", 20, 2}, {"/in/touched.jsonl", 30, 9}};
  std::map<std::string, FileRecord> known = {
      {"/in/same.jsonl", {20, 7, 2, "/in/same.jsonl"}},
      {"/in/touched.jsonl", {30, 8, 3, "/in/touched.jsonl"}},
      {"/in/gone.jsonl", {1, 1, 1, "/in/gone.jsonl"}},
      {"/inner/other.jsonl", {1, 1, 1, "/inner/other.jsonl"}},  // not under /in
      {"/elsewhere/x.jsonl", {1, 1, 1, "/elsewhere/x.jsonl"}}};
  RunPlan plan = PlanRun(listed, known, {"/in"});
  ASSERT_EQ(plan.read.size(), 2u);
  EXPECT_EQ(plan.read[0].file.path, "/in/new.jsonl");
  EXPECT_FALSE(plan.read[0].known);
  EXPECT_EQ(plan.read[1].file.path, "/in/touched.jsonl");  // mtime differs: hashed again
  EXPECT_TRUE(plan.read[1].known);
  EXPECT_EQ(plan.read[1].previous.hash, 8u);
  EXPECT_EQ(plan.unchanged, 1u);
  ASSERT_EQ(plan.vanished.size(), 1u);
  EXPECT_EQ(plan.vanished[0].path, "/in/gone.jsonl");
}

TEST(FileManifestTest, NothingVanishesUnderARootThatIsMissing) {
  std::map<std::string, FileRecord> known = {{"/in/a.txt", {1, 1, 1, "/in/a.txt"}}};
  EXPECT_TRUE(PlanRun({}, known, {}).vanished.empty());
  EXPECT_TRUE(ExistingRoots({"/nonexistent/byline-root"}).empty());
  EXPECT_EQ(PlanRun({}, known, {"/in/a.txt"}).vanished.size(), 1u);  // a file as root
}

TEST(FileManifestTest, ReadsTheRecordsOfADatabaseAndSkipsMalformedOnes) {
  // The in-memory backend cannot list metadata keys: a glass database.
  test::TempDir dir;
  Xapian::WritableDatabase db((dir.path() / "db").string(), Xapian::DB_CREATE);
  db.set_metadata(FileRecordKey("/in/a.txt"), EncodeFileRecord({5, 6, 7, "/in/a.txt"}));
  db.set_metadata(FileRecordKey("/in/b.txt"), "garbage");
  db.set_metadata("other", EncodeFileRecord({1, 1, 1, "/not/a/record"}));
  std::map<std::string, FileRecord> records;
  ASSERT_TRUE(ReadFileRecords(db, &records).ok());
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records["/in/a.txt"].size, 5u);
  EXPECT_EQ(records["/in/a.txt"].hash, 6u);
  EXPECT_EQ(records["/in/a.txt"].mtime_ns, 7);
}

}  // namespace
}  // namespace byline
