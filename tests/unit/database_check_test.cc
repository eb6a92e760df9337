// The database check (lib/src/util/database_check.h): the format version,
// what sits at a database path, and what IndexWriter, IndexPaths and
// Searcher make of each: a legacy database without the format key, a newer
// Byline's, another program's, a folder of other files.
#include "util/database_check.h"

#include <gtest/gtest.h>
#include <xapian.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "byline/document.h"
#include "byline/index_writer.h"
#include "byline/schema.h"
#include "byline/searcher.h"
#include "testutil.h"

namespace byline {
namespace {

namespace fs = std::filesystem;

std::string Format(const std::string& db) {
  return Xapian::Database(db).get_metadata(schema::kMetaFormat);
}

// A database as an older Byline left it: one article, no format key.
void WriteLegacy(const std::string& db) {
  Xapian::WritableDatabase w(db, Xapian::DB_CREATE);
  Xapian::Document doc;
  doc.add_term("harbour");
  Article a;
  a.id = "old-1";
  a.title = "Harbour";
  doc.set_data(EncodeStoredArticle(a));
  w.add_document(doc);
  w.commit();
}

void SetFormat(const std::string& db, const std::string& value) {
  Xapian::WritableDatabase w(db, Xapian::DB_OPEN);
  w.set_metadata(schema::kMetaFormat, value);
  w.commit();
}

TEST(FormatVersionTest, ThisVersionAndOlderAreRead) {
  EXPECT_TRUE(CheckFormatVersion("1", "/db").ok());
  EXPECT_TRUE(CheckFormatVersion(std::to_string(schema::kFormatVersion), "/db").ok());
}

TEST(FormatVersionTest, ANewerVersionIsRefusedNamingBoth) {
  Status s = CheckFormatVersion(std::to_string(schema::kFormatVersion + 1), "/some/db");
  EXPECT_EQ(s.code(), StatusCode::kNotOurDatabase);
  EXPECT_EQ(s.message(), "/some/db: written by a newer Byline (format " +
                             std::to_string(schema::kFormatVersion + 1) +
                             "; this one reads up to " + std::to_string(schema::kFormatVersion) +
                             ")");
  EXPECT_EQ(CheckFormatVersion("4294967296", "/db").code(), StatusCode::kNotOurDatabase);
}

TEST(FormatVersionTest, AValueThatIsNoVersionIsRefused) {
  for (const char* v : {"0", "x", "1.5", "-1", " 1", "1234567890123"}) {
    Status s = CheckFormatVersion(v, "/db");
    EXPECT_EQ(s.code(), StatusCode::kNotOurDatabase) << v;
    EXPECT_NE(s.message().find("/db: "), std::string::npos) << v;
  }
}

TEST(DatabasePlaceTest, EachKindOfPlace) {
  test::TempDir dir;
  auto place = [](const fs::path& p) {
    auto r = InspectDatabasePlace(p.string());
    EXPECT_TRUE(r.ok()) << r.status().message();
    return r.ok() ? *r : DatabasePlace::kMissing;
  };
  EXPECT_EQ(place(dir.path() / "none"), DatabasePlace::kMissing);
  fs::create_directories(dir.path() / "empty");
  EXPECT_EQ(place(dir.path() / "empty"), DatabasePlace::kEmptyFolder);
  dir.Write("locked/flintlock", "");
  EXPECT_EQ(place(dir.path() / "locked"), DatabasePlace::kEmptyFolder);
  EXPECT_EQ(place(dir.Write("file", "x")), DatabasePlace::kNotAFolder);
  dir.Write("docs/notes.txt", "x");
  EXPECT_EQ(place(dir.path() / "docs"), DatabasePlace::kOtherFiles);
  dir.Write("tables/postlist.glass", "x");
  EXPECT_EQ(place(dir.path() / "tables"), DatabasePlace::kTablesOnly);
  dir.Write("chert/iamchert", "x");
  EXPECT_EQ(place(dir.path() / "chert"), DatabasePlace::kOtherDatabase);
  WriteLegacy((dir.path() / "db").string());
  EXPECT_EQ(place(dir.path() / "db"), DatabasePlace::kGlass);
}

TEST(DatabaseFormatTest, EveryWriteRecordsTheFormat) {
  test::TempDir dir;
  std::string one = (dir.path() / "one").string();
  {
    auto w = IndexWriter::Open(one, false);
    ASSERT_TRUE(w.ok()) << w.status().message();
    ASSERT_BYLINE_OK((*w)->Commit());
  }
  EXPECT_EQ(Format(one), std::to_string(schema::kFormatVersion));
  // A build (into an empty database) and an update in place.
  dir.Write("in/a.txt", "Title: Harbour\n\nThe ferry left.\n");
  IndexOptions opts;
  opts.db_path = (dir.path() / "built").string();
  ASSERT_TRUE(IndexPaths({(dir.path() / "in").string()}, opts).ok());
  EXPECT_EQ(Format(opts.db_path), std::to_string(schema::kFormatVersion));
  SetFormat(opts.db_path, "");  // as if written before the key
  dir.Write("in/b.txt", "Title: Glacier\n\nThe ice moved.\n");
  auto again = IndexPaths({(dir.path() / "in").string()}, opts);
  ASSERT_TRUE(again.ok()) << again.status().message();
  EXPECT_EQ(again->shards, 0u);  // in place
  EXPECT_EQ(Format(opts.db_path), std::to_string(schema::kFormatVersion));
}

TEST(DatabaseFormatTest, ALegacyDatabaseWithoutTheKeyOpensAndGetsIt) {
  test::TempDir dir;
  std::string db = (dir.path() / "db").string();
  WriteLegacy(db);
  {
    auto s = Searcher::Open(db);
    ASSERT_TRUE(s.ok()) << s.status().message();
    EXPECT_EQ((*s)->ArticleCount(), 1u);
  }
  {
    auto w = IndexWriter::Open(db, false);
    ASSERT_TRUE(w.ok()) << w.status().message();
    ASSERT_BYLINE_OK((*w)->Commit());
    EXPECT_EQ((*w)->ArticleCount(), 1u);
  }
  EXPECT_EQ(Format(db), std::to_string(schema::kFormatVersion));
}

TEST(DatabaseFormatTest, AnEmptyDatabaseWithoutTheKeyOpens) {
  test::TempDir dir;
  std::string db = (dir.path() / "db").string();
  Xapian::WritableDatabase(db, Xapian::DB_CREATE).commit();  // a build killed early
  EXPECT_TRUE(Searcher::Open(db).ok());
  EXPECT_TRUE(IndexWriter::Open(db, false).ok());
}

TEST(DatabaseFormatTest, ANewerFormatIsRefusedUnlessRebuilding) {
  test::TempDir dir;
  std::string db = (dir.path() / "db").string();
  WriteLegacy(db);
  const std::string newer = std::to_string(schema::kFormatVersion + 1);
  SetFormat(db, newer);
  const std::string message = db + ": written by a newer Byline (format " + newer +
                              "; this one reads up to " + std::to_string(schema::kFormatVersion) +
                              ")";
  auto s = Searcher::Open(db);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), StatusCode::kNotOurDatabase);
  EXPECT_EQ(s.status().message(), message);
  auto w = IndexWriter::Open(db, false);
  ASSERT_FALSE(w.ok());
  EXPECT_EQ(w.status().message(), message);
  EXPECT_EQ(Format(db), newer);  // untouched
  {
    auto r = IndexWriter::Open(db, true);
    ASSERT_TRUE(r.ok()) << r.status().message();
    EXPECT_EQ((*r)->ArticleCount(), 0u);
    ASSERT_BYLINE_OK((*r)->Commit());
  }
  EXPECT_EQ(Format(db), std::to_string(schema::kFormatVersion));
}

TEST(DatabaseFormatTest, AnotherProgramsDatabaseIsNeverWritten) {
  test::TempDir dir;
  std::string db = (dir.path() / "db").string();
  {
    Xapian::WritableDatabase w(db, Xapian::DB_CREATE);
    Xapian::Document doc;
    doc.add_term("Qmessage-1");
    doc.set_data("url=/mail/1\nsample=hello");
    w.add_document(doc);
    w.set_metadata("version", "3");
    w.commit();
  }
  auto s = Searcher::Open(db);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), StatusCode::kNotOurDatabase);
  EXPECT_NE(s.status().message().find(db + ": not a Byline database"), std::string::npos);
  for (bool rebuild : {false, true}) {
    auto w = IndexWriter::Open(db, rebuild);
    ASSERT_FALSE(w.ok()) << rebuild;
    EXPECT_EQ(w.status().code(), StatusCode::kNotOurDatabase);
  }
  Xapian::Database check(db);
  EXPECT_EQ(check.get_doccount(), 1u);
  EXPECT_EQ(check.get_metadata(schema::kMetaFormat), "");
}

TEST(DatabaseFormatTest, AFolderOfOtherFilesIsNeverSwappedAway) {
  test::TempDir dir;
  dir.Write("in/a.txt", "Title: Harbour\n\nThe ferry left.\n");
  std::string notes = dir.Write("docs/notes.txt", "my notes");
  IndexOptions opts;
  opts.db_path = (dir.path() / "docs").string();
  for (bool rebuild : {false, true}) {
    opts.rebuild = rebuild;
    auto r = IndexPaths({(dir.path() / "in").string()}, opts);
    ASSERT_FALSE(r.ok()) << rebuild;
    EXPECT_EQ(r.status().code(), StatusCode::kNotOurDatabase);
    EXPECT_NE(r.status().message().find("a folder of other files"), std::string::npos);
  }
  std::ifstream in(notes);
  std::string kept((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(kept, "my notes");
  EXPECT_EQ(std::distance(fs::directory_iterator(dir.path() / "docs"), fs::directory_iterator()),
            1);
}

TEST(DatabaseFormatTest, DamageIsReportedAndARebuildReplacesIt) {
  test::TempDir dir;
  dir.Write("in/a.txt", "Title: Harbour\n\nThe ferry left.\n");
  IndexOptions opts;
  opts.db_path = (dir.path() / "db").string();
  ASSERT_TRUE(IndexPaths({(dir.path() / "in").string()}, opts).ok());
  // Overwrite every table with zeros, keeping its length.
  for (const auto& e : fs::directory_iterator(opts.db_path)) {
    if (e.path().extension() != ".glass") continue;
    std::string zeros(fs::file_size(e.path()), '\0');
    dir.Write(fs::relative(e.path(), dir.path()).string(), zeros);
  }
  auto s = Searcher::Open(opts.db_path);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), StatusCode::kDamaged) << s.status().message();
  EXPECT_NE(s.status().message().find(opts.db_path + ": the database is damaged"),
            std::string::npos)
      << s.status().message();
  auto r = IndexPaths({(dir.path() / "in").string()}, opts);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kDamaged) << r.status().message();
  opts.rebuild = true;
  r = IndexPaths({(dir.path() / "in").string()}, opts);
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->total_articles, 1u);
  EXPECT_TRUE(Searcher::Open(opts.db_path).ok());
}

TEST(StubPlaceTest, AStubIsToldFromOtherFilesByItsContent) {
  test::TempDir dir;
  struct Case {
    const char* content;
    DatabasePlace place;
  } cases[] = {
      {"auto a\nauto b\n", DatabasePlace::kStub},
      {"# shards\n\nremote 10.0.0.2:7001\n", DatabasePlace::kStub},
      {"remote :ssh host xapian-progsrv /db\n", DatabasePlace::kStub},
      {"glass /srv/a\nnonsense\n", DatabasePlace::kStub},  // ReadStub names line 2
      {"inmemory\n", DatabasePlace::kStub},
      {"", DatabasePlace::kNotAFolder},
      {"# only a comment\n", DatabasePlace::kNotAFolder},
      {"auto\n", DatabasePlace::kNotAFolder},
      {"automatic text\n", DatabasePlace::kNotAFolder},
      {"{\"id\": \"a\"}\n", DatabasePlace::kNotAFolder},
      {"auto a\n", DatabasePlace::kStub},
  };
  int n = 0;
  for (const Case& c : cases) {
    std::string file = dir.Write("f" + std::to_string(n++), c.content);
    auto r = InspectDatabasePlace(file);
    ASSERT_TRUE(r.ok()) << r.status().message();
    EXPECT_EQ(*r, c.place) << c.content;
  }
  EXPECT_EQ(*InspectDatabasePlace(dir.Write("binary", std::string("auto a\n\0x", 9))),
            DatabasePlace::kNotAFolder);
  EXPECT_EQ(*InspectDatabasePlace(dir.Write("big", "auto a\n" + std::string(70000, '#'))),
            DatabasePlace::kNotAFolder);
}

TEST(StubReadTest, EachKindOfLine) {
  test::TempDir dir;
  std::string stub = dir.Write(
      "shards/stub",
      "# the archive\nauto a\nglass /abs/b\n\nremote 10.0.0.2:7001\nremote :ssh -x h srv /db\n"
      "remote :prog\n");
  auto r = ReadStub(stub);
  ASSERT_TRUE(r.ok()) << r.status().message();
  ASSERT_EQ(r->size(), 5u);
  const auto& s = *r;
  EXPECT_EQ(s[0].kind, StubShard::Kind::kLocal);
  EXPECT_EQ(s[0].line, 2u);
  EXPECT_EQ(s[0].path, (dir.path() / "shards" / "a").string());  // beside the stub
  EXPECT_EQ(s[1].backend, "glass");
  EXPECT_EQ(s[1].path, "/abs/b");
  EXPECT_EQ(s[2].kind, StubShard::Kind::kTcp);
  EXPECT_EQ(s[2].line, 5u);
  EXPECT_EQ(s[2].host, "10.0.0.2");
  EXPECT_EQ(s[2].port, 7001u);
  EXPECT_EQ(s[2].text, "remote 10.0.0.2:7001");
  EXPECT_EQ(s[3].kind, StubShard::Kind::kProg);
  EXPECT_EQ(s[3].path, "ssh");
  EXPECT_EQ(s[3].args, "-x h srv /db");
  EXPECT_EQ(s[4].path, "prog");
  EXPECT_EQ(s[4].args, "");
}

TEST(StubReadTest, ABadLineIsNamed) {
  test::TempDir dir;
  for (const char* bad : {"remote host", "remote host:", "remote host:99999", "remote host:7x",
                          "remote :", "auto ", "glas /a", "inmemory x"}) {
    std::string stub = dir.Write("stub", std::string("auto a\n") + bad + "\n");
    auto r = ReadStub(stub);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument) << bad;
    EXPECT_EQ(r.status().message().rfind(stub + ":2: not a stub line", 0), 0u)
        << r.status().message();
  }
  auto none = ReadStub(dir.Write("empty", "# nothing yet\n"));
  ASSERT_FALSE(none.ok());
  EXPECT_NE(none.status().message().find("lists no database"), std::string::npos);
}

// Two local shards indexed apart, searched through a stub as one.
class StubOpenTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_.Write("in-a/a.txt", "Title: Harbour\n\nThe ferry left the harbour.\n");
    dir_.Write("in-b/b.txt", "Title: Glacier\n\nThe glacier moved.\n");
    for (const char* shard : {"a", "b"}) {
      IndexOptions opts;
      opts.db_path = (dir_.path() / "shards" / shard).string();
      ASSERT_TRUE(IndexPaths({(dir_.path() / (std::string("in-") + shard)).string()}, opts).ok());
    }
  }
  test::TempDir dir_;
};

TEST_F(StubOpenTest, ReadersOpenEveryShardAsOne) {
  std::string stub =
      dir_.Write("shards/stub", "auto a\nauto " + (dir_.path() / "shards" / "b").string() + "\n");
  auto db = OpenStub(stub);
  ASSERT_TRUE(db.ok()) << db.status().message();
  EXPECT_EQ(db->get_doccount(), 2u);
  auto s = Searcher::Open(stub);
  ASSERT_TRUE(s.ok()) << s.status().message();
  EXPECT_EQ((*s)->ArticleCount(), 2u);
}

TEST_F(StubOpenTest, AShardThatCannotBeOpenedFailsTheOpenNamingIt) {
  SetFormat((dir_.path() / "shards" / "b").string(), std::to_string(schema::kFormatVersion + 1));
  dir_.Write("shards/files/notes.txt", "x");
  struct Case {
    std::string stub, message;
    StatusCode code;
  } cases[] = {
      {"auto a\nauto gone\n", ":2 (auto gone): no database at ", StatusCode::kNotFound},
      {"auto a\nauto b\n",
       ":2 (auto b): written by a newer Byline (format " +
           std::to_string(schema::kFormatVersion + 1),
       StatusCode::kNotOurDatabase},
      {"auto files\n",
       ":1 (auto files): " + (dir_.path() / "shards" / "files").string() +
           ": not a Byline database",
       StatusCode::kNotOurDatabase},
      {"auto a\nauto stub\n", ":2 (auto stub): ", StatusCode::kInvalidArgument},
      {"inmemory\n", ":1 (inmemory): an in-memory database", StatusCode::kNotOurDatabase},
  };
  for (const Case& c : cases) {
    std::string stub = dir_.Write("shards/stub", c.stub);
    auto s = Searcher::Open(stub);
    ASSERT_FALSE(s.ok()) << c.stub;
    EXPECT_EQ(s.status().code(), c.code) << s.status().message();
    EXPECT_EQ(s.status().message().rfind(stub + c.message, 0), 0u) << s.status().message();
  }
}

TEST_F(StubOpenTest, AnUnreachableRemoteShardIsNamedWithWhatToDo) {
  // Port 1 on loopback: nothing listens there without root.
  std::string stub = dir_.Write("shards/stub", "auto a\nremote 127.0.0.1:1\n");
  auto s = Searcher::Open(stub);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), StatusCode::kIOError);
  const std::string& m = s.status().message();
  EXPECT_EQ(m.rfind(stub + ":2 (remote 127.0.0.1:1): cannot reach the shard (", 0), 0u) << m;
  EXPECT_NE(m.find("start `xapian-tcpsrv --port 1 SHARD_FOLDER` on 127.0.0.1"), std::string::npos)
      << m;
}

TEST_F(StubOpenTest, TheWriterRefusesAStub) {
  std::string stub = dir_.Write("shards/stub", "auto a\nauto b\n");
  IndexOptions opts;
  opts.db_path = stub;
  for (bool rebuild : {false, true}) {
    opts.rebuild = rebuild;
    auto r = IndexPaths({(dir_.path() / "in-a").string()}, opts);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(r.status().message(), stub +
                                        ": a stub of several databases: index each shard's "
                                        "folder (give --db the shard's folder, not the stub); "
                                        "byline index --shards did not write it");
    EXPECT_FALSE(IndexWriter::Open(stub, rebuild).ok());
  }
  std::ifstream in(stub);
  EXPECT_EQ(std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()),
            "auto a\nauto b\n");
}

}  // namespace
}  // namespace byline
