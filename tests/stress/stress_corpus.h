/** @file stress_corpus.h
 *  @brief For the interrupt and disk-full stress tests: a generated corpus
 *  of JSON Lines feeds, and what a database holds, through byline itself.
 */
#ifndef BYLINE_TESTS_STRESS_STRESS_CORPUS_H
#define BYLINE_TESTS_STRESS_STRESS_CORPUS_H

#include <map>
#include <nlohmann/json.hpp>
#include <random>
#include <string>

#include "process.h"
#include "testutil.h"

namespace byline::test {

inline const char* const kStressWords[] = {"harbour",  "council", "flood",   "barrier", "election",
                                           "market",   "crane",   "strike",  "wheat",   "harvest",
                                           "railway",  "museum",  "glacier", "ferry",   "budget",
                                           "minister", "river",   "storm",   "school",  "hospital"};

/// Writes `files` feeds of `per_file` articles each under dir/`folder`
/// (feed0.jsonl, feed1.jsonl, ...); returns every article's title by id.
inline std::map<std::string, std::string> WriteFeeds(const TempDir& dir, const std::string& folder,
                                                     int files, int per_file, unsigned seed = 42) {
  std::mt19937 rng(seed);
  auto text = [&](int n) {
    std::string t;
    for (int i = 0; i < n; ++i)
      t += std::string(kStressWords[rng() % 20]) + (i % 12 == 11 ? ". " : " ");
    return t;
  };
  std::map<std::string, std::string> titles;
  for (int f = 0; f < files; ++f) {
    std::string lines;
    for (int i = 0; i < per_file; ++i) {
      std::string id = "f" + std::to_string(f) + "-" + std::to_string(i);
      std::string title = text(6) + id;
      titles[id] = title;
      lines += nlohmann::json{{"id", id},
                              {"title", title},
                              {"body", text(150)},
                              {"date", "2019-01-" + std::to_string(10 + i % 18)}}
                   .dump() +
               "\n";
    }
    dir.Write(folder + "/feed" + std::to_string(f) + ".jsonl", lines);
  }
  return titles;
}

/// Every article in the database `db` (title by id), through `byline search`;
/// sets *code to its exit status.
inline std::map<std::string, std::string> DatabaseTitles(const std::string& db, int* code) {
  std::string q = "date:..2100";
  for (const char* w : kStressWords) q += std::string(" OR ") + w;
  RunResult r = Byline({"search", "--db", db, "--json", "-n", "100000", q});
  *code = r.code;
  std::map<std::string, std::string> titles;
  if (r.code != 0) return titles;
  auto lines = JsonLines(r.out);
  for (std::size_t i = 0; i + 1 < lines.size(); ++i) {  // the last line is the summary
    titles[lines[i]["id"].get<std::string>()] = lines[i]["title"].get<std::string>();
  }
  return titles;
}

}  // namespace byline::test

#endif  // BYLINE_TESTS_STRESS_STRESS_CORPUS_H
