/** @file known_items.cc
 *  @brief Known-item files, runs and scores.
 */
#include "byline/measure/known_items.h"

#include <fstream>

#include "byline/text.h"

namespace byline {
namespace {

// Splits `line` at every tab.
std::vector<std::string> SplitTabs(const std::string& line) {
  std::vector<std::string> fields;
  std::size_t start = 0;
  for (;;) {
    std::size_t tab = line.find('\t', start);
    fields.push_back(line.substr(start, tab - start));
    if (tab == std::string::npos) break;
    start = tab + 1;
  }
  return fields;
}

bool IsBlank(const std::string& s) { return s.find_first_not_of(" \t") == std::string::npos; }

// Adds one scored or missing outcome to `s` (the averages are sums until
// Finish).
void Add(KnownItemScores& s, const KnownItemOutcome& o) {
  ++s.queries;
  if (o.missing) {
    ++s.missing;
    return;
  }
  ++s.scored;
  if (o.rejected) ++s.rejected;
  if (o.rank >= 1 && o.rank <= kKnownItemDepth) {
    s.mrr10 += 1.0 / static_cast<double>(o.rank);
    s.success10 += 1;
    if (o.rank == 1) s.success1 += 1;
  }
}

void Finish(KnownItemScores& s) {
  if (s.scored == 0) return;
  s.mrr10 /= s.scored;
  s.success1 /= s.scored;
  s.success10 /= s.scored;
}

}  // namespace

Result<std::vector<KnownItem>> LoadKnownItems(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Status::NotFound(path + ": cannot open known-item file");
  std::vector<KnownItem> items;
  std::string line;
  for (int n = 1; std::getline(in, line); ++n) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (IsBlank(line) || line[line.find_first_not_of(" \t")] == '#') continue;
    const std::string where = path + ":" + std::to_string(n) + ": ";
    std::vector<std::string> fields = SplitTabs(line);
    if (fields.size() < 2) {
      return Status::Corruption(where + "expected query<TAB>expected id[<TAB>tag[<TAB>note]]");
    }
    if (fields.size() > 4) {
      return Status::Corruption(where + std::to_string(fields.size()) +
                                " tab-separated columns; at most 4: query, expected id, tag, note");
    }
    if (IsBlank(fields[0])) return Status::Corruption(where + "empty query");
    if (IsBlank(fields[1])) return Status::Corruption(where + "empty expected id");
    KnownItem item;
    item.query = fields[0];
    item.expected_id = fields[1];
    if (fields.size() > 2) item.tag = fields[2];
    if (fields.size() > 3) item.note = fields[3];
    item.line = n;
    items.push_back(std::move(item));
  }
  if (in.bad()) return Status::IOError(path + ": read failed");
  if (items.empty()) return Status::Corruption(path + ": no known-item queries in the file");
  return items;
}

KnownItemSummary ScoreKnownItems(const std::vector<KnownItem>& items,
                                 const std::vector<KnownItemOutcome>& outcomes) {
  KnownItemSummary sum;
  for (std::size_t i = 0; i < items.size() && i < outcomes.size(); ++i) {
    Add(sum.overall, outcomes[i]);
    if (items[i].tag.empty()) continue;
    auto it = sum.per_tag.begin();
    while (it != sum.per_tag.end() && it->first != items[i].tag) ++it;
    if (it == sum.per_tag.end()) it = sum.per_tag.insert(it, {items[i].tag, KnownItemScores{}});
    Add(it->second, outcomes[i]);
  }
  Finish(sum.overall);
  for (auto& [tag, scores] : sum.per_tag) Finish(scores);
  return sum;
}

Result<std::vector<KnownItemOutcome>> RunKnownItems(Searcher& searcher,
                                                    const std::vector<KnownItem>& items,
                                                    SearchRequest request) {
  request.limit = kKnownItemDepth;
  request.offset = 0;
  request.snippets = false;
  std::vector<KnownItemOutcome> outcomes;
  outcomes.reserve(items.size());
  for (const KnownItem& item : items) {
    KnownItemOutcome o;
    const std::string where = "line " + std::to_string(item.line) + ": ";
    auto article = searcher.Get(item.expected_id);
    if (!article.ok()) {
      if (article.status().code() != StatusCode::kNotFound) {
        return Status(article.status().code(), where + article.status().message());
      }
      o.missing = true;
      outcomes.push_back(std::move(o));
      continue;
    }
    request.query = ToUtf8(item.query);
    auto r = searcher.Search(request);
    if (!r.ok()) {
      if (r.status().code() != StatusCode::kInvalidArgument) {
        return Status(r.status().code(), where + r.status().message());
      }
      o.rejected = true;
      o.error = r.status().message();
    } else {
      for (const Hit& h : r->hits) {
        if (h.article.id == item.expected_id) {
          o.rank = h.rank;
          break;
        }
      }
    }
    outcomes.push_back(std::move(o));
  }
  return outcomes;
}

std::string KnownItemRankText(const KnownItemOutcome& outcome) {
  if (outcome.missing) return "missing";
  if (outcome.rank == 0) return "-";
  return std::to_string(outcome.rank);
}

Status WriteKnownItemRun(const std::string& path, const std::vector<KnownItem>& items,
                         const std::vector<KnownItemOutcome>& outcomes) {
  std::ofstream out(path);
  if (!out) return Status::IOError(path + ": cannot write run file");
  out << "# query\texpected id\ttag\trank (- = not in the top " << kKnownItemDepth
      << ", missing = not in the database)\n";
  for (std::size_t i = 0; i < items.size() && i < outcomes.size(); ++i) {
    out << items[i].query << '\t' << items[i].expected_id << '\t' << items[i].tag << '\t'
        << KnownItemRankText(outcomes[i]) << '\n';
  }
  out.flush();
  if (!out) return Status::IOError(path + ": write failed");
  return Status::OK();
}

}  // namespace byline
