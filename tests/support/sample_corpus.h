/** @file sample_corpus.h
 *  @brief The sample corpus/ indexed once for the end-to-end tests that
 *  only read it (search, show, eval, bench, timeline, info...).
 *
 *  Under ctest, the fixture test CliFixture.IndexSampleCorpus indexes it
 *  once per run into the build folder and hands its path to every test of
 *  byline_cli_tests in $BYLINE_TEST_SAMPLE_DB (tests/CMakeLists.txt): ctest
 *  runs each test in a process of its own, so a database per process was an
 *  index run per test. Run directly, the binary indexes it once, on first use.
 */
#ifndef BYLINE_TESTS_SUPPORT_SAMPLE_CORPUS_H
#define BYLINE_TESTS_SUPPORT_SAMPLE_CORPUS_H

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "process.h"

namespace byline::test {

/// The sample corpus/ of the source tree: 41 articles in 27 files.
std::string SampleCorpus();

/// Runs `byline index corpus/ --db DB` followed by `extra`: for tests of
/// what indexing says, or that write to the database they get.
RunResult IndexSampleCorpus(const std::string& db, const std::vector<std::string>& extra = {});

/// A database of corpus/ shared by every test of the process, and of the
/// ctest run: never write to it (index it again, add synonyms...); a test
/// that does indexes its own with IndexSampleCorpus. "" if it could not be
/// indexed (SampleCorpusTest fails the suite then).
const std::string& SampleCorpusDb();

/// Base of the fixtures whose tests read SampleCorpusDb() as Db().
class SampleCorpusTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { ASSERT_NE(SampleCorpusDb(), "") << "cannot index corpus/"; }
  static std::string Db() { return SampleCorpusDb(); }
};

}  // namespace byline::test

#endif  // BYLINE_TESTS_SUPPORT_SAMPLE_CORPUS_H
