// A remote shard that goes down while a searcher holds it open (README,
// "Shards across machines"): the search fails with an error naming the
// shard's line in the stub and what to do, never Xapian's raw network
// error and never an answer silently missing a part of the archive; once
// the shard is back, a new searcher answers again. Skips without
// xapian-tcpsrv (Debian's xapian-tools).
#include <gtest/gtest.h>

#include <string>

#include "byline/index_writer.h"
#include "byline/searcher.h"
#include "tcp_server.h"
#include "testutil.h"

namespace byline {
namespace {

TEST(ShardDown, ASearchNamesTheRemoteShardThatWentAway) {
  if (!test::OnPath("xapian-tcpsrv")) {
    GTEST_SKIP() << "xapian-tcpsrv is not on PATH (Debian package xapian-tools)";
  }
  test::TempDir dir;
  IndexOptions o;
  o.db_path = (dir.path() / "set").string();
  o.shards = 2;
  o.threads = 1;
  auto built = IndexPaths({std::string(BYLINE_SOURCE_DIR) + "/corpus"}, o);
  ASSERT_TRUE(built.ok()) << built.status().message();
  test::TcpServer a((dir.path() / "set.g1.shard0").string());
  test::TcpServer b((dir.path() / "set.g1.shard1").string());
  ASSERT_TRUE(a.Start());
  ASSERT_TRUE(b.Start());
  const std::string stub =
      dir.Write("remote.stub", "remote 127.0.0.1:" + std::to_string(a.port()) +
                                   "\nremote 127.0.0.1:" + std::to_string(b.port()) + "\n");
  auto searcher = Searcher::Open(stub);
  ASSERT_TRUE(searcher.ok()) << searcher.status().message();
  SearchRequest req;
  req.query = "ferry";
  auto before = (*searcher)->Search(req);
  ASSERT_TRUE(before.ok()) << before.status().message();
  EXPECT_FALSE(before->hits.empty());

  b.Stop();  // the server and the process serving our connection
  auto after = (*searcher)->Search(req);
  ASSERT_FALSE(after.ok());
  EXPECT_EQ(after.status().code(), StatusCode::kIOError);
  const std::string& m = after.status().message();
  const std::string line = stub + ":2 (remote 127.0.0.1:" + std::to_string(b.port()) + ")";
  EXPECT_EQ(m.rfind(line + ": cannot reach the shard (", 0), 0u) << m;
  EXPECT_NE(m.find("or take the line out of the stub"), std::string::npos) << m;
  EXPECT_EQ(m.find("NetworkError"), std::string::npos) << m;

  // The shard's own database still answers; served again, so does the stub.
  test::TcpServer again((dir.path() / "set.g1.shard1").string());
  ASSERT_TRUE(again.Start());
  const std::string stub2 =
      dir.Write("remote2.stub", "remote 127.0.0.1:" + std::to_string(a.port()) +
                                    "\nremote 127.0.0.1:" + std::to_string(again.port()) + "\n");
  auto fresh = Searcher::Open(stub2);
  ASSERT_TRUE(fresh.ok()) << fresh.status().message();
  auto answer = (*fresh)->Search(req);
  ASSERT_TRUE(answer.ok()) << answer.status().message();
  EXPECT_EQ(answer->hits.size(), before->hits.size());
}

}  // namespace
}  // namespace byline
