/** @file json_printer.cc
 *  @brief One JSON object per hit, then a summary object; the ids and paths lists.
 */
#include "json_printer.h"

#include <nlohmann/json.hpp>

namespace byline {
namespace {

void WriteLine(std::ostream& out, const nlohmann::json& j) {
  out << j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
}

}  // namespace

void WriteJson(std::ostream& out, const SearchResults& results) {
  for (const Hit& h : results.hits) {
    const Article& a = h.article;
    nlohmann::json j = {{"type", "hit"},
                        {"rank", h.rank},
                        {"id", a.id},
                        {"score", h.score},
                        {"title", a.title},
                        {"title_derived", a.title_derived},
                        {"date", a.date},
                        {"source", a.source},
                        {"author", a.author},
                        {"url", a.url},
                        {"path", a.path},
                        {"lang", a.lang},
                        {"snippet", h.snippet.text}};
    nlohmann::json hl = nlohmann::json::array();
    for (const auto& [s, e] : h.snippet.highlights) hl.push_back({s, e});
    j["highlights"] = hl;
    nlohmann::json copies = nlohmann::json::array();
    for (const Copy& c : h.copies) {
      copies.push_back({{"id", c.id}, {"source", c.source}, {"date", c.date}});
    }
    j["copies"] = copies;
    WriteLine(out, j);
  }
  nlohmann::json summary = {{"type", "summary"},
                            {"matches_estimated", results.matches_estimated},
                            {"matches_lower", results.matches_lower},
                            {"matches_upper", results.matches_upper},
                            {"exact", results.exact()},
                            {"offset", results.offset},
                            {"returned", results.hits.size()},
                            {"sort", SortOrderName(results.sort)},
                            {"collapsed", results.collapsed},
                            {"elapsed_ms", results.elapsed_ms},
                            {"relaxed", results.relaxed},
                            {"query", results.query_description}};
  // Did you mean: the suggested query (null: none), and which query ran.
  summary["suggestion"] =
      results.suggestion.empty() ? nlohmann::json(nullptr) : nlohmann::json(results.suggestion);
  summary["ran"] = results.suggestion_ran ? "suggestion" : "typed";
  // Text read as plain words instead of syntax (README: the query language).
  nlohmann::json notices = nlohmann::json::array();
  for (const QueryNotice& n : results.notices) {
    notices.push_back({{"offset", n.offset}, {"position", n.position}, {"message", n.message}});
  }
  summary["notices"] = notices;
  WriteLine(out, summary);
}

void WriteIds(std::ostream& out, const SearchResults& results) {
  for (const Hit& h : results.hits) out << h.article.id << "\n";
}

void WritePaths(std::ostream& out, const SearchResults& results) {
  for (const Hit& h : results.hits) out << h.article.path << "\n";
}

}  // namespace byline
