// The sample corpus indexed once: see sample_corpus.h.
#include "sample_corpus.h"

#include <cstdlib>
#include <filesystem>

#include "testutil.h"

namespace byline::test {

std::string SampleCorpus() { return std::string(BYLINE_SOURCE_DIR) + "/corpus"; }

RunResult IndexSampleCorpus(const std::string& db, const std::vector<std::string>& extra) {
  std::vector<std::string> args = {"index", SampleCorpus(), "--db", db};
  args.insert(args.end(), extra.begin(), extra.end());
  return Byline(args);
}

const std::string& SampleCorpusDb() {
  static const std::string db = [] {
    const char* shared = std::getenv("BYLINE_TEST_SAMPLE_DB");
    if (shared != nullptr && std::filesystem::exists(shared)) return std::string(shared);
    static TempDir dir;  // removed at exit, after every test of the process
    const std::string own = (dir.path() / "db").string();
    RunResult r = IndexSampleCorpus(own, {"-q"});
    if (r.code != 0) {
      ADD_FAILURE() << "byline index corpus/: " << r.err;
      return std::string();
    }
    return own;
  }();
  return db;
}

}  // namespace byline::test
