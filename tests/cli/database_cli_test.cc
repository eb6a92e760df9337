// The database itself gone wrong, through the real binary: for each kind of
// --db (missing, an empty folder, a file, a folder of other files, damaged
// tables, a newer Byline's format, another program's database, read-only,
// unreadable) and each command that opens it (index, search, eval, bench),
// the exit status and the one line that says what is wrong. Label `cli`.
#include <gtest/gtest.h>
#include <unistd.h>
#include <xapian.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <regex>
#include <string>
#include <vector>

#include "byline/schema.h"
#include "process.h"
#include "testutil.h"

namespace {

namespace fs = std::filesystem;
using byline::test::Byline;
using byline::test::RunResult;

// As root every file is readable and writable: the permission cases run
// byline as nobody instead (and are skipped without setpriv).
std::string AsNobody() {
  return geteuid() == 0 ? "setpriv --reuid=65534 --regid=65534 --clear-groups" : "";
}

class DatabaseCli : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new byline::test::TempDir();
    fs::permissions(dir_->path(), fs::perms::all);  // for the runs as nobody
    dir_->Write("corpus/a.txt", "Title: Harbour reopens\n\nThe ferry left the harbour.\n");
    dir_->Write("corpus/b.txt", "Title: Glacier\n\nThe glacier moved.\n");
    dir_->Write("topics.tsv", "1\tharbour\n");
    dir_->Write("qrels.txt", "1 0 a 1\n");
    dir_->Write("queries.jsonl", "{\"query\": \"harbour\", \"tags\": [\"union\"]}\n");
    for (const auto& e : fs::recursive_directory_iterator(dir_->path())) {
      fs::permissions(e.path(), fs::perms::all);
    }
    RunResult r = Byline({"index", "-q", Corpus(), "--db", Good()});
    ASSERT_EQ(r.code, 0) << r.err;
  }
  static void TearDownTestSuite() { delete dir_; }
  static std::string Path(const std::string& name) { return (dir_->path() / name).string(); }
  static std::string Corpus() { return Path("corpus"); }
  static std::string Good() { return Path("good"); }
  // A copy of the good database, to be spoilt.
  static std::string Copy(const std::string& name) {
    fs::copy(Good(), Path(name), fs::copy_options::recursive);
    return Path(name);
  }
  static byline::test::TempDir* dir_;
};
byline::test::TempDir* DatabaseCli::dir_ = nullptr;

// Each command that opens the database, on `db`.
std::vector<std::string> Command(const std::string& cmd, const std::string& db,
                                 const std::function<std::string(const std::string&)>& path,
                                 const std::string& corpus) {
  if (cmd == "search") return {"search", "--db", db, "harbour"};
  if (cmd == "eval") {
    return {"eval", "--db", db, "--topics", path("topics.tsv"), "--qrels", path("qrels.txt")};
  }
  if (cmd == "bench") {
    return {"bench", "--db", db, "--queries", path("queries.jsonl"), "--repeat", "1"};
  }
  if (cmd == "index --rebuild") return {"index", "-q", "--rebuild", corpus, "--db", db};
  return {"index", "-q", corpus, "--db", db};
}

struct Case {
  std::string name;
  std::function<std::string()> make;  // makes the --db and returns its path
  std::vector<std::string> commands;
  int code;
  std::string message;  // after "byline: PATH" ("" for a success)
  bool as_nobody = false;
};

TEST_F(DatabaseCli, EachWrongDatabaseGetsOneLineAndItsExitStatus) {
  const std::string newer = std::to_string(byline::schema::kFormatVersion + 1);
  const std::string reads = std::to_string(byline::schema::kFormatVersion);
  const std::vector<std::string> readers = {"search", "eval", "bench"};
  const std::vector<std::string> all = {"search", "eval", "bench", "index", "index --rebuild"};
  auto damage = [](const std::string& db, bool truncate) {
    for (const auto& e : fs::directory_iterator(db)) {
      if (e.path().extension() != ".glass") continue;
      if (truncate) {
        fs::resize_file(e.path(), 0);
      } else {
        std::ofstream(e.path(), std::ios::binary) << std::string(fs::file_size(e.path()), '\xab');
      }
    }
    return db;
  };
  std::vector<Case> cases = {
      {"missing", [&] { return Path("none"); }, readers, 1,
       " (run `byline index` first, or give --db)"},
      {"empty folder",
       [&] {
         fs::create_directories(Path("empty"));
         return Path("empty");
       },
       readers, 1, ": an empty folder (run `byline index` first, or give --db)"},
      {"a file", [&] { return dir_->Write("plain", "not a database\n"); }, all, 5,
       ": not a Byline database: a file, not a folder (give --db a new or empty folder)"},
      {"a folder of other files",
       [&] { return fs::path(dir_->Write("docs/n.txt", "x")).parent_path().string(); }, all, 5,
       ": not a Byline database: a folder of other files; nothing was changed (give --db a new "
       "or empty folder)"},
      {"truncated tables",
       [&] { return damage(Copy("truncated"), true); },
       {"search", "eval", "bench", "index"},
       6,
       ": the database is damaged ("},
      {"overwritten tables",
       [&] { return damage(Copy("overwritten"), false); },
       {"search", "eval", "bench", "index"},
       6,
       ": the database is damaged ("},
      {"newer format",
       [&] {
         std::string db = Copy("newer");
         Xapian::WritableDatabase w(db, Xapian::DB_OPEN);
         w.set_metadata(byline::schema::kMetaFormat, newer);
         w.commit();
         return db;
       },
       {"search", "eval", "bench", "index"},
       5,
       ": written by a newer Byline (format " + newer + "; this one reads up to " + reads + ")"},
      {"another program's database",
       [&] {
         Xapian::WritableDatabase w(Path("other"), Xapian::DB_CREATE);
         Xapian::Document doc;
         doc.add_term("Qmsg-1");
         doc.set_data("url=/mail/1\nsample=hello");
         w.add_document(doc);
         w.commit();
         return Path("other");
       },
       all, 5,
       ": not a Byline database: another program's search database; nothing was changed (give "
       "--db another folder)"},
      {"read-only, written to",
       [&] { return Copy("readonly"); },
       {"index"},
       1,
       ": cannot write the database (",
       true},
      {"unreadable",
       [&] {
         std::string db = Copy("unreadable");
         fs::permissions(db, fs::perms::none);
         return db;
       },
       all, 1, ": cannot read the database (", true},
  };
  // What must work: --rebuild replaces damage and a newer format, a
  // read-only database is searched, and an empty folder is indexed into.
  std::vector<Case> fine = {
      {"truncated tables, rebuilt",
       [&] { return damage(Copy("truncated2"), true); },
       {"index --rebuild", "search"},
       0,
       ""},
      {"overwritten tables, rebuilt",
       [&] { return damage(Copy("overwritten2"), false); },
       {"index --rebuild", "search"},
       0,
       ""},
      {"newer format, rebuilt",
       [&] {
         std::string db = Copy("newer2");
         Xapian::WritableDatabase w(db, Xapian::DB_OPEN);
         w.set_metadata(byline::schema::kMetaFormat, newer);
         w.commit();
         return db;
       },
       {"index --rebuild", "search"},
       0,
       ""},
      {"read-only, searched",
       [&] { return Copy("readonly2"); },
       {"search", "eval", "bench"},
       0,
       "",
       true},
      {"empty folder, indexed",
       [&] {
         fs::create_directories(Path("empty2"));
         return Path("empty2");
       },
       {"index", "search"},
       0,
       ""},
  };
  cases.insert(cases.end(), fine.begin(), fine.end());
  const std::string nobody = AsNobody();
  const bool can_drop = nobody.empty() || std::system("command -v setpriv >/dev/null") == 0;
  const std::regex class_name("[A-Z][a-z]+(Corrupt|Opening|Version|Lock|NotFound)?Error");
  for (const Case& c : cases) {
    if (c.as_nobody && !can_drop) {
      std::printf("[ skipped ] %s: running as root without setpriv\n", c.name.c_str());
      continue;
    }
    const std::string db = c.make();
    for (const std::string& cmd : c.commands) {
      SCOPED_TRACE(c.name + ", " + cmd);
      RunResult r = Byline(Command(cmd, db, Path, Corpus()), c.as_nobody ? nobody : "");
      EXPECT_EQ(r.code, c.code) << r.err;
      if (c.code == 0) continue;
      // One line: "byline: " + what names the path and says what is wrong.
      const std::string want = c.name == "missing" || c.name == "empty folder"
                                   ? "byline: no database at " + db + c.message
                                   : "byline: " + db + c.message;
      EXPECT_EQ(r.err.rfind(want, 0), 0u) << r.err;
      EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
      EXPECT_EQ(r.err.find("Xapian"), std::string::npos) << r.err;
      EXPECT_FALSE(std::regex_search(r.err, class_name)) << r.err;
    }
  }
  // Nothing of the user's was touched.
  EXPECT_EQ(byline::test::Slurp(Path("docs/n.txt")), "x");
  EXPECT_EQ(byline::test::Slurp(Path("plain")), "not a database\n");
  EXPECT_EQ(Xapian::Database(Path("other")).get_doccount(), 1u);
}

}  // namespace
