/** @file similar.cc
 *  @brief Articles like one article: relevance feedback on it, its copies left out.
 */
#include "search/similar.h"

#include <vector>

#include "byline/index_writer.h"
#include "byline/schema.h"
#include "byline/searcher.h"
#include "search/feedback.h"

namespace byline {
namespace {

class ExpansionTermsOnly : public Xapian::ExpandDecider {
 public:
  bool operator()(const std::string& term) const override { return IsExpansionTerm(term); }
};

}  // namespace

Result<Xapian::Query> SimilarQuery(const Xapian::Database& db, const std::string& id,
                                   unsigned terms) {
  const std::string id_term = IdTerm(id);
  Xapian::PostingIterator p = db.postlist_begin(id_term);
  if (p == db.postlist_end(id_term)) {
    return Status::NotFound("no article with id '" + id + "'");
  }
  const Xapian::docid doc = *p;
  Xapian::Enquire enquire(db);
  Xapian::RSet rset;
  rset.add_document(doc);
  ExpansionTermsOnly decider;
  Xapian::ESet eset = enquire.get_eset(terms, rset, &decider);
  if (eset.empty()) {
    return Status::InvalidArgument("article '" + id + "' has no words to find others by");
  }
  const double best = eset.begin().get_weight();
  std::vector<Xapian::Query> parts;
  for (auto it = eset.begin(); it != eset.end(); ++it) {
    const double scale = best > 0 ? it.get_weight() / best : 1.0;
    parts.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(*it), scale);
  }
  Xapian::Query like(Xapian::Query::OP_OR, parts.begin(), parts.end());
  // Leave out the article and its story's other copies (an article without
  // copies has no story term).
  std::vector<Xapian::Query> self = {Xapian::Query(id_term)};
  const std::string story = db.get_document(doc).get_value(schema::kSlotStory);
  if (!story.empty()) self.emplace_back(schema::kPrefixStory + story);
  return Xapian::Query(Xapian::Query::OP_AND_NOT, like,
                       Xapian::Query(Xapian::Query::OP_OR, self.begin(), self.end()));
}

Result<SearchResults> Searcher::Similar(const std::string& id, SearchRequest request) {
  request.query.clear();
  request.similar_to = id;
  return Search(request);
}

}  // namespace byline
