// Microbenchmarks: analyzer throughput per language, query parsing, snippets.
// Fixtures are articles of the sample corpus; every benchmark checks a count.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <iostream>
#include <map>
#include <string>

#include "byline/analyzer.h"
#include "byline/corpus_reader.h"
#include "byline/query_parser.h"
#include "byline/snippet.h"

namespace byline {
namespace {

// All article text of the sample corpus, by language.
const std::map<std::string, std::string>& TextByLanguage() {
  static const auto* texts = [] {
    auto* m = new std::map<std::string, std::string>();
    std::size_t unknown = 0;
    auto files = ListCorpusFiles({std::string(BYLINE_SOURCE_DIR) + "/corpus"}, &unknown,
                                 [](const Status&) {});
    ReadSink sink;
    sink.on_article = [&](Article&& a) { (*m)[a.lang] += a.title + "\n" + a.body + "\n\n"; };
    sink.on_error = [](const Status& s) { std::cerr << s.message() << "\n"; };
    for (const auto& f : files) (void)ReadFile(f.path, ReadLimits{}, sink);
    return m;
  }();
  return *texts;
}

void Fail(benchmark::State& state, const std::string& what) { state.SkipWithError(what.c_str()); }

void BM_Analyze(benchmark::State& state, const std::string& lang, std::size_t expected_tokens) {
  const std::string& text = TextByLanguage().at(lang);
  Analyzer analyzer;
  std::size_t tokens = 0;
  for (auto _ : state) {
    auto toks = analyzer.Tokenize(text, lang);
    tokens = toks.size();
    benchmark::DoNotOptimize(toks.data());
  }
  if (tokens != expected_tokens) Fail(state, "token count " + std::to_string(tokens));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
  state.counters["tokens"] = static_cast<double>(tokens);
}
BENCHMARK_CAPTURE(BM_Analyze, en, std::string("en"), 1834);
BENCHMARK_CAPTURE(BM_Analyze, de, std::string("de"), 153);
BENCHMARK_CAPTURE(BM_Analyze, fr, std::string("fr"), 182);
BENCHMARK_CAPTURE(BM_Analyze, ru, std::string("ru"), 79);
BENCHMARK_CAPTURE(BM_Analyze, ar, std::string("ar"), 66);
BENCHMARK_CAPTURE(BM_Analyze, zh, std::string("zh"), 153);

void BM_ParseQuery(benchmark::State& state) {
  Analyzer analyzer;
  const std::string q =
      "title:(flood OR storm) \"tidal barrier\" -source:reuters date:2018..2019 demin*";
  std::string description;
  for (auto _ : state) {
    auto r = ParseQuery(q, analyzer, QueryParseOptions{});
    description = r.ok() ? DescribeQuery(*r) : r.status().message();
    benchmark::DoNotOptimize(description.data());
  }
  if (description.find("\"tidal barrier\"") == std::string::npos) Fail(state, description);
}
BENCHMARK(BM_ParseQuery);

void BM_Snippet(benchmark::State& state) {
  Analyzer analyzer;
  const std::string& text = TextByLanguage().at("en");
  std::string body = text.substr(0, 4000);  // a long news article
  auto q = ParseQuery("barrier surge council", analyzer, QueryParseOptions{});
  HighlightSpec spec = HighlightSpecFor(*q);
  std::size_t highlights = 0;
  for (auto _ : state) {
    Snippet s = MakeSnippet(body, "en", spec, analyzer);
    highlights = s.highlights.size();
    benchmark::DoNotOptimize(s.text.data());
  }
  if (highlights == 0) Fail(state, "no highlights");
  state.counters["highlights"] = static_cast<double>(highlights);
}
BENCHMARK(BM_Snippet);

}  // namespace
}  // namespace byline

BENCHMARK_MAIN();
