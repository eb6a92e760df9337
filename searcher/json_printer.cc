/** @file json_printer.cc
 *  @brief One JSON object per hit, then a summary object.
 */
#include "json_printer.h"

#include <nlohmann/json.hpp>

namespace byline {

void WriteJson(std::ostream& out, const SearchResults& results) {
  for (const Hit& h : results.hits) {
    const Article& a = h.article;
    nlohmann::json j = {
        {"rank", h.rank}, {"id", a.id},         {"score", h.score},         {"title", a.title},
        {"date", a.date}, {"source", a.source}, {"author", a.author},       {"url", a.url},
        {"path", a.path}, {"lang", a.lang},     {"snippet", h.snippet.text}};
    nlohmann::json hl = nlohmann::json::array();
    for (const auto& [s, e] : h.snippet.highlights) hl.push_back({s, e});
    j["highlights"] = hl;
    out << j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  }
  nlohmann::json summary = {{"matches_estimated", results.matches_estimated},
                            {"returned", results.hits.size()},
                            {"elapsed_ms", results.elapsed_ms},
                            {"relaxed", results.relaxed},
                            {"query", results.query_description}};
  // Text read as plain words instead of syntax (README: the query language).
  nlohmann::json notices = nlohmann::json::array();
  for (const QueryNotice& n : results.notices) {
    notices.push_back({{"offset", n.offset}, {"position", n.position}, {"message", n.message}});
  }
  summary["notices"] = notices;
  out << summary.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
}

}  // namespace byline
