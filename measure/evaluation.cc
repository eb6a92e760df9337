/** @file evaluation.cc
 *  @brief trec_eval-compatible metrics and the file formats they read.
 */
#include "byline/measure/evaluation.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>

namespace byline {

Result<std::vector<Topic>> LoadTopics(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Status::NotFound(path + ": cannot open topics file");
  std::vector<Topic> topics;
  std::string line;
  for (int n = 1; std::getline(in, line); ++n) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    std::size_t tab = line.find('\t');
    if (tab == std::string::npos || tab == 0) {
      return Status::Corruption(path + ":" + std::to_string(n) + ": expected qid<TAB>query");
    }
    topics.push_back({line.substr(0, tab), line.substr(tab + 1)});
  }
  return topics;
}

Result<Qrels> LoadQrels(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Status::NotFound(path + ": cannot open qrels file");
  Qrels qrels;
  std::string line;
  for (int n = 1; std::getline(in, line); ++n) {
    std::istringstream fields(line);
    std::string qid, iter, docid, rel;
    if (!(fields >> qid)) continue;  // blank line
    if (!(fields >> iter >> docid >> rel)) {
      return Status::Corruption(path + ":" + std::to_string(n) + ": expected 'qid iter docid rel'");
    }
    char* end = nullptr;
    long grade = std::strtol(rel.c_str(), &end, 10);
    if (*end != '\0') {
      return Status::Corruption(path + ":" + std::to_string(n) + ": relevance '" + rel +
                                "' is not a number");
    }
    qrels[qid][docid] = static_cast<int>(grade);
  }
  return qrels;
}

TopicMetrics EvaluateTopic(std::vector<RunEntry> run, const std::map<std::string, int>& judged) {
  std::sort(run.begin(), run.end(), [](const RunEntry& a, const RunEntry& b) {
    if (a.score != b.score) return a.score > b.score;
    return a.docid > b.docid;  // trec_eval breaks ties by docno, descending
  });
  TopicMetrics m;
  std::vector<int> ideal;
  for (const auto& [doc, grade] : judged) {
    if (grade > 0) {
      ++m.relevant;
      ideal.push_back(grade);
    }
  }
  std::sort(ideal.rbegin(), ideal.rend());
  m.retrieved = static_cast<int>(run.size());
  double precision_sum = 0, dcg = 0;
  int rel_at_10 = 0, rel_at_1000 = 0;
  for (std::size_t i = 0; i < run.size(); ++i) {
    auto it = judged.find(run[i].docid);
    int grade = it == judged.end() ? 0 : it->second;
    if (grade <= 0) continue;
    ++m.relevant_retrieved;
    precision_sum += static_cast<double>(m.relevant_retrieved) / static_cast<double>(i + 1);
    if (i < 10) {
      ++rel_at_10;
      dcg += grade / std::log2(static_cast<double>(i + 2));
    }
    if (i < 1000) ++rel_at_1000;
  }
  double idcg = 0;
  for (std::size_t i = 0; i < ideal.size() && i < 10; ++i) {
    idcg += ideal[i] / std::log2(static_cast<double>(i + 2));
  }
  if (m.relevant > 0) {
    m.ap = precision_sum / m.relevant;
    m.recall1000 = static_cast<double>(rel_at_1000) / m.relevant;
  }
  m.ndcg10 = idcg > 0 ? dcg / idcg : 0;
  m.p10 = rel_at_10 / 10.0;
  return m;
}

EvalSummary Evaluate(const std::map<std::string, std::vector<RunEntry>>& run, const Qrels& qrels) {
  EvalSummary s;
  static const std::vector<RunEntry> kNone;
  for (const auto& [qid, judged] : qrels) {
    auto r = run.find(qid);
    TopicMetrics m = EvaluateTopic(r == run.end() ? kNone : r->second, judged);
    if (m.relevant == 0) continue;
    s.map += m.ap;
    s.ndcg10 += m.ndcg10;
    s.p10 += m.p10;
    s.recall1000 += m.recall1000;
    ++s.topics;
    s.per_topic.emplace_back(qid, m);
  }
  if (s.topics > 0) {
    s.map /= s.topics;
    s.ndcg10 /= s.topics;
    s.p10 /= s.topics;
    s.recall1000 /= s.topics;
  }
  return s;
}

Result<TopicRuns> RunTopics(Searcher& searcher, const std::vector<Topic>& topics,
                            SearchRequest request) {
  TopicRuns run;
  request.snippets = false;
  for (const Topic& t : topics) {
    request.query = t.query;
    auto r = searcher.Search(request);
    std::vector<RunEntry>& entries = run[t.id];
    if (!r.ok()) {
      // A topic with nothing searchable (only stop words) retrieves nothing.
      if (r.status().code() == StatusCode::kInvalidArgument) continue;
      return Status(r.status().code(), "topic " + t.id + ": " + r.status().message());
    }
    for (const Hit& h : r->hits) entries.push_back({h.article.id, h.score});
  }
  return run;
}

Status WriteTrecRun(const std::string& path, const std::vector<Topic>& topics, const TopicRuns& run,
                    const std::string& tag) {
  std::ofstream out(path);
  if (!out) return Status::IOError(path + ": cannot write run file");
  char score[32];
  for (const Topic& t : topics) {
    auto it = run.find(t.id);
    if (it == run.end()) continue;
    int rank = 0;
    for (const RunEntry& e : it->second) {
      std::snprintf(score, sizeof score, "%.6f", e.score);
      out << t.id << " Q0 " << e.docid << ' ' << ++rank << ' ' << score << ' ' << tag << '\n';
    }
  }
  out.flush();
  if (!out) return Status::IOError(path + ": write failed");
  return Status::OK();
}

}  // namespace byline
