// How often `byline similar` finds articles of the same category, against
// plain Xapian relevance feedback on the same article and database.
//
//   similar_eval DB DOCS.jsonl.gz [SAMPLE] [TERMS]
//
// DOCS is the collection DB was indexed from, with a `topics` list per
// article (reuters21578's category codes). SAMPLE (default 200) articles
// with at least one category are taken evenly from the file's order. For
// each, both methods list 10 articles; a listed article counts when it
// shares a category with the one asked about (one without categories does
// not). Prints the mean share of the top 10 for each method. TERMS sets
// SearchRequest::similar_terms (default: its default).
//
// Baseline: what a Xapian user would write: an RSet of the article, the
// ESet's 40 best terms with no filter, OR'ed unweighted, the article itself
// left out, BM25 with Xapian's defaults, no collapsing of copies.
#include <xapian.h>
#include <zlib.h>

#include <cstdio>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "byline/document.h"
#include "byline/index_writer.h"
#include "byline/searcher.h"

namespace {

using Topics = std::set<std::string>;

std::vector<std::pair<std::string, Topics>> ReadTopics(const std::string& path) {
  std::vector<std::pair<std::string, Topics>> docs;
  gzFile f = gzopen(path.c_str(), "rb");
  if (!f) return docs;
  std::string line;
  char buf[1 << 16];
  while (gzgets(f, buf, sizeof buf)) {
    line += buf;
    if (line.empty() || line.back() != '\n') continue;
    auto j = nlohmann::json::parse(line, nullptr, false);
    line.clear();
    if (j.is_discarded() || !j.contains("topics") || !j["topics"].is_array()) continue;
    Topics t;
    for (const auto& c : j["topics"]) t.insert(c.get<std::string>());
    docs.emplace_back(j["id"].get<std::string>(), t);
  }
  gzclose(f);
  return docs;
}

bool Shares(const Topics& a, const Topics& b) {
  for (const auto& x : a)
    if (b.count(x)) return true;
  return false;
}

std::vector<std::string> Baseline(const Xapian::Database& db, const std::string& id) {
  Xapian::PostingIterator p = db.postlist_begin(byline::IdTerm(id));
  if (p == db.postlist_end(byline::IdTerm(id))) return {};
  Xapian::Enquire enquire(db);
  Xapian::RSet rset;
  rset.add_document(*p);
  Xapian::ESet eset = enquire.get_eset(40, rset);
  Xapian::Query q(Xapian::Query::OP_OR, eset.begin(), eset.end());
  enquire.set_query(Xapian::Query(Xapian::Query::OP_AND_NOT, q, Xapian::Query(byline::IdTerm(id))));
  std::vector<std::string> ids;
  Xapian::MSet mset = enquire.get_mset(0, 10);
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    byline::Article a;
    if (byline::DecodeStoredArticle(it.get_document().get_data(), &a)) ids.push_back(a.id);
  }
  return ids;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: similar_eval DB DOCS.jsonl.gz [SAMPLE] [TERMS]\n";
    return 2;
  }
  const std::size_t sample = argc > 3 ? std::stoul(argv[3]) : 200;
  const auto docs = ReadTopics(argv[2]);
  std::map<std::string, Topics> topics;
  std::vector<std::string> with;
  for (const auto& [id, t] : docs) {
    topics[id] = t;
    if (!t.empty()) with.push_back(id);
  }
  if (with.empty()) {
    std::cerr << "no article with topics in " << argv[2] << "\n";
    return 1;
  }
  auto searcher = byline::Searcher::Open(argv[1]);
  if (!searcher.ok()) {
    std::cerr << searcher.status().message() << "\n";
    return 1;
  }
  Xapian::Database db(argv[1]);
  double ours = 0, base = 0;
  std::size_t asked = 0;
  const std::size_t step = std::max<std::size_t>(1, with.size() / sample);
  for (std::size_t i = 0; i < with.size() && asked < sample; i += step) {
    const std::string& id = with[i];
    byline::SearchRequest req;
    req.limit = 10;
    req.snippets = false;
    req.list_copies = false;
    if (argc > 4) req.similar_terms = static_cast<unsigned>(std::stoul(argv[4]));
    auto r = (*searcher)->Similar(id, req);
    if (!r.ok()) continue;  // an article without words
    ++asked;
    std::size_t good = 0;
    for (const auto& h : r->hits) good += Shares(topics[id], topics[h.article.id]);
    ours += good / 10.0;
    good = 0;
    for (const auto& b : Baseline(db, id)) good += Shares(topics[id], topics[b]);
    base += good / 10.0;
  }
  std::printf("articles %zu\nbyline similar  share of top 10 sharing a category %.4f\n", asked,
              ours / asked);
  std::printf("xapian feedback share of top 10 sharing a category %.4f\n", base / asked);
  return 0;
}
