/** @file evaluation.h
 *  @brief Relevance evaluation with trec_eval's definitions: topics, qrels,
 *  TREC run files, MAP, nDCG@10, P@10 and Recall@1000.
 */
#ifndef BYLINE_MEASURE_EVALUATION_H
#define BYLINE_MEASURE_EVALUATION_H

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "byline/searcher.h"
#include "byline/status.h"

namespace byline {

/// One judged query: "qid<TAB>query text".
struct Topic {
  std::string id;
  std::string query;
};

/// Judgements: qrels[qid][docid] = relevance grade (>= 1 relevant).
using Qrels = std::map<std::string, std::map<std::string, int>>;

/// One retrieved document of a topic's run.
struct RunEntry {
  std::string docid;
  double score = 0;
};

/// Reads a topics file; errors name the file and line.
Result<std::vector<Topic>> LoadTopics(const std::string& path);

/// Reads a TREC qrels file ("qid iter docid rel"); errors name the file and line.
Result<Qrels> LoadQrels(const std::string& path);

/// The metrics of one topic.
struct TopicMetrics {
  double ap = 0;          ///< average precision over all retrieved
  double ndcg10 = 0;      ///< nDCG@10, gain = relevance grade, discount log2(rank + 1)
  double p10 = 0;         ///< precision at 10
  double recall1000 = 0;  ///< recall at 1000
  int relevant = 0;       ///< relevant documents in the qrels
  int retrieved = 0;      ///< documents in the run
  int relevant_retrieved = 0;
};

/// Scores one topic's run the way trec_eval does: entries are ordered by
/// score, highest first, ties broken by docid in descending order (so the
/// ranks written in a run file do not matter); unjudged documents are not
/// relevant; grades <= 0 are not relevant.
TopicMetrics EvaluateTopic(std::vector<RunEntry> run, const std::map<std::string, int>& judged);

/// Means over topics.
struct EvalSummary {
  double map = 0, ndcg10 = 0, p10 = 0, recall1000 = 0;
  int topics = 0;  ///< topics averaged: those with at least one relevant document
  std::vector<std::pair<std::string, TopicMetrics>> per_topic;
};

/// Evaluates a whole run. Averages over every topic of `qrels` that has a
/// relevant document (trec_eval -c): a topic with no results counts as 0.
EvalSummary Evaluate(const std::map<std::string, std::vector<RunEntry>>& run, const Qrels& qrels);

/// A run: each topic's retrieved documents, best first.
using TopicRuns = std::map<std::string, std::vector<RunEntry>>;

/// Runs every topic through `searcher` (the path `byline search` uses) with
/// `request` as the template: its query is replaced by each topic's text and
/// snippets are off. Fails on the first search error.
Result<TopicRuns> RunTopics(Searcher& searcher, const std::vector<Topic>& topics,
                            SearchRequest request);

/// Writes `run` in TREC format: "qid Q0 docid rank score tag", topics in the
/// order given.
Status WriteTrecRun(const std::string& path, const std::vector<Topic>& topics, const TopicRuns& run,
                    const std::string& tag);

}  // namespace byline

#endif  // BYLINE_MEASURE_EVALUATION_H
