// The pipeline: reading order, problems in order, and a cap on what is in flight.
#include "index/pipeline.h"

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "byline/schema.h"
#include "testutil.h"

namespace byline {
namespace {

// A target that logs what it is given, optionally slowly.
class LogTarget : public WriteTarget {
 public:
  explicit LogTarget(std::vector<std::string>* log, int add_micros = 0)
      : log_(log), add_micros_(add_micros) {}
  Status ReadRecords(std::map<std::string, FileRecord>*) override { return Status::OK(); }
  Status Add(const std::string& id_term, Xapian::Document) override {
    if (add_micros_) std::this_thread::sleep_for(std::chrono::microseconds(add_micros_));
    log_->push_back("add " + id_term);
    return Status::OK();
  }
  Status StartFile(const std::string&, bool known) override {
    log_->push_back(known ? "start known" : "start");
    return Status::OK();
  }
  Status RecordFile(const std::string&, const std::string& value) override {
    FileRecord r;
    log_->push_back(DecodeFileRecord(value, &r) ? "record " + r.path : "bad record");
    return Status::OK();
  }
  Status RemoveFile(const std::string&, const std::string&) override { return Status::OK(); }
  Result<std::uint64_t> Finish() override { return std::uint64_t{0}; }

 private:
  std::vector<std::string>* log_;
  int add_micros_;
};

FileJob Job(const std::string& path) {
  std::error_code ec;
  std::uint64_t size = std::filesystem::file_size(path, ec);
  return {{path, ec ? 0 : size, 0}, false, {}};
}

TEST(IndexPipelineTest, AppliesInReadingOrderWithProblemsInPlace) {
  test::TempDir dir;
  std::string a = dir.Write("a.jsonl",
                            "{\"id\": \"x\", \"title\": \"One\"}\n"
                            "not json\n"
                            "{\"id\": \"y\", \"title\": \"Two\"}\n"
                            "{\"id\": \"x\", \"title\": \"Three\"}\n");
  std::string b = dir.Write("b.txt", "Title: Four\n\nBody.\n");
  std::vector<std::string> log;
  IndexOptions options;
  options.on_problem = [&](const Status&) { log.push_back("problem"); };
  LogTarget target(&log);
  for (unsigned threads : {1u, 4u}) {
    for (unsigned cap : {1u, 2u, 1024u}) {
      SCOPED_TRACE(::testing::Message() << threads << " threads, cap " << cap);
      log.clear();
      options.max_in_flight = cap;
      IndexStats stats;
      IndexProgress progress;
      IndexPipeline pipeline(options, threads);
      ASSERT_TRUE(pipeline
                      .Run({Job(a), Job(b), Job((dir.path() / "missing.jsonl").string())}, &target,
                           &stats, &progress)
                      .ok());
      std::vector<std::string> want = {"start",       "add Qx",      "problem", "add Qy",
                                       "add Qx",      "record " + a, "start",   "add Q" + b,
                                       "record " + b, "problem"};
      EXPECT_EQ(log, want);
      EXPECT_EQ(stats.articles, 4u);
      EXPECT_EQ(stats.files_added, 2u);
      EXPECT_EQ(stats.problems, 2u);
      EXPECT_LE(pipeline.peak_in_flight(), cap);
    }
  }
}

TEST(IndexPipelineTest, ASlowWriterHoldsTheReaderAtTheCap) {
  // The writer takes 200 microseconds an article, far slower than reading
  // and analysis: without the cap every article would wait in memory.
  test::TempDir dir;
  std::string lines;
  for (int i = 0; i < 2000; ++i) {
    lines += "{\"id\": \"a" + std::to_string(i) + "\", \"title\": \"Story " + std::to_string(i) +
             "\", \"body\": \"text of the story\"}\n";
  }
  std::string f = dir.Write("a.jsonl", lines);
  std::vector<std::string> log;
  LogTarget target(&log, 200);
  IndexOptions options;
  options.max_in_flight = 16;
  IndexStats stats;
  IndexProgress progress;
  IndexPipeline pipeline(options, 2);
  ASSERT_TRUE(pipeline.Run({Job(f)}, &target, &stats, &progress).ok());
  EXPECT_EQ(stats.articles, 2000u);
  EXPECT_EQ(pipeline.peak_in_flight(), 16u);  // reached, never exceeded
  ASSERT_EQ(log.size(), 2002u);
  for (int i = 0; i < 2000; ++i) ASSERT_EQ(log[1 + i], "add Qa" + std::to_string(i));
}

}  // namespace
}  // namespace byline
