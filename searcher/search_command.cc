/** @file search_command.cc
 *  @brief `byline search [--db DIR] [-n 10] [--format F] [--sort S] [--count] QUERY...`.
 */
#include "search_command.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <iostream>
#include <optional>

#include "batch_command.h"
#include "byline/cli/database.h"
#include "byline/cli/exit_codes.h"
#include "byline/cli/report.h"
#include "byline/searcher.h"
#include "byline/synonyms.h"
#include "byline/text.h"
#include "coverage_printer.h"
#include "json_printer.h"
#include "text_printer.h"

namespace byline {
namespace {

// The listing is not wrapped wider than this, however wide the terminal.
constexpr std::size_t kMaxListingWidth = 120;

// Shows the query on stderr with a caret under byte `offset` (an error's or
// a note's position).
void ShowPosition(const std::string& query, std::size_t offset) {
  std::string shown = SafeForTerminal(query);
  std::string before = SafeForTerminal(query.substr(0, std::min(offset, query.size())));
  std::cerr << "  " << shown << "\n  " << std::string(DisplayWidth(before), ' ') << "^\n";
}

}  // namespace

CLI::App* SetupSearchCommand(CLI::App& app, SearchCommandOptions* opts) {
  CLI::App* cmd =
      app.add_subcommand("search", "Search the articles: words, phrases, fields, dates");
  cmd->add_option("query", opts->query_words,
                  "The query (words, \"phrases\", fields, AND/OR/NOT); '*' or only filters "
                  "list articles, newest first");
  AddDatabaseOption(*cmd, &opts->db);
  CLI::Option* limit = cmd->add_option("-n,--limit", opts->limit,
                                       "Number of hits to show (0 only with --count or --facets)")
                           ->check(CLI::Range(0, 100000));
  cmd->add_option("--offset", opts->offset, "Hits to skip (for paging)")
      ->check(CLI::Range(0u, 4294967295u));  // a Xapian document count
  cmd->add_option("--format", opts->format,
                  "text (default), json (a JSON object per hit, then a summary), ids or paths "
                  "(one a line); csv with --batch")
      ->check(CLI::IsMember({"text", "json", "ids", "paths", "csv"}));
  cmd->add_flag("--json", opts->json, "The same as --format json");
  cmd->add_option("--sort", opts->sort,
                  "relevance (default with words), newest (default for filters alone) or oldest")
      ->check(CLI::IsMember({"relevance", "newest", "oldest"}));
  cmd->add_flag("--all-copies", opts->all_copies,
                "Every copy of a story as a hit of its own (by default one hit per story)");
  cmd->add_flag("--count", opts->count,
                "Print only the number of matches (stories, unless --all-copies), counted exactly");
  AddColorOption(*cmd, &opts->terminal);
  cmd->add_option("--since", opts->since, "Only articles dated on or after (YYYY[-MM[-DD]])");
  cmd->add_option("--until", opts->until, "Only articles dated on or before (YYYY[-MM[-DD]])");
  cmd->add_option(
         "--op", opts->op,
         "How words side by side combine: or (ranked, default) or and (every word required)")
      ->check(CLI::IsMember({"and", "or"}));
  cmd->add_option("--expand", opts->expand,
                  "Pseudo-relevance feedback: add N terms from the top 10 hits (0: off)")
      ->check(CLI::Range(0, 100));
  cmd->add_flag("--explain", opts->explain, "Print how the query was understood");
  cmd->add_flag("--strict", opts->strict,
                "Text that is not query syntax is an error (exit 2), not plain words and a note");
  cmd->add_option("--facets", opts->facets,
                  "After the hits, count every match by source, author, lang, year, month "
                  "(comma-separated)")
      ->type_name("LIST")
      ->check(CLI::Validator(
          [](std::string& list) -> std::string {
            return list.find_first_not_of(" ,\t") == std::string::npos
                       ? "name one or more of source, author, lang, year and month"
                       : std::string();
          },
          "LIST"));
  cmd->add_option("--facets-top", opts->facets_top, "Values shown per facet (default 10)")
      ->check(CLI::Range(1, 10000));
  cmd->add_option("--batch", opts->batch,
                  "Run one query per line of FILE ('-': stdin; # comments), printing each "
                  "one's exact count and top hits (-n, default 3)");
  cmd->add_option("--recent", opts->recent,
                  "Newer articles rank higher: a date bonus halving every DAYS days before the "
                  "newest article in the database (default: off)")
      // CLI::PositiveNumber's own message printed the largest double in full.
      ->check(CLI::Validator(
          [](std::string& days) -> std::string {
            char* end = nullptr;
            const double v = std::strtod(days.c_str(), &end);
            if (days.empty() || *end != '\0' || !(v > 0) || !std::isfinite(v)) {
              return "DAYS must be a number of days above 0, not '" + days + "'";
            }
            return {};
          },
          "DAYS > 0"));
  CLI::Option* suggest =
      cmd->add_flag("--suggest", opts->suggest,
                    "Did you mean: suggest a much more common close spelling of rare query words, "
                    "and show its results when the words as typed match nothing "
                    "($BYLINE_SUGGEST=1: for every search)");
  cmd->add_flag("--no-suggest", opts->no_suggest,
                "No did you mean for this search, whatever $BYLINE_SUGGEST says")
      ->excludes(suggest);
  cmd->add_flag("--exact", opts->exact,
                "With --suggest: when nothing matches, do not show the results of a suggested "
                "spelling (\"did you mean\" is still shown)");
  cmd->add_option("--synonyms", opts->synonyms,
                  "Synonyms FILE for this search (one group a line: Kyiv = Kiev), instead of "
                  "those stored with the database")
      ->check(CLI::ExistingFile);
  cmd->parse_complete_callback([opts, limit] {
    opts->limit_given = limit->count() > 0;
    opts->suggest_given = opts->suggest || opts->no_suggest;
  });
  cmd->get_option("--since")->type_name("DATE");
  cmd->get_option("--until")->type_name("DATE");
  cmd->get_option("--batch")->type_name("FILE");
  cmd->get_option("--synonyms")->type_name("FILE");
  cmd->get_option("--recent")->type_name("DAYS");
  cmd->footer(
      "Query syntax:\n"
      "  water trucks          either word, best matches first (--op and: every word)\n"
      "  \"pumping station\"     the words side by side; \"a b\"~3: up to 3 words apart\n"
      "  +word  -word          required, excluded (quote the query or put -- before it)\n"
      "  a AND b, a OR b, NOT  upper case; parentheses group: (a OR b) AND c\n"
      "  title:word            in the title; also source:, author:, lang:de (a code)\n"
      "  source:\"bbc news\"     a source of several words; author:hadd* a prefix\n"
      "  date:2018-11          a year, month or day; date:2018..2019, 2018-06..\n"
      "  hajin*  word~  word^2 prefix, close spellings, a boost; a NEAR b, a NEAR/5 b\n"
      "  *                     every article (newest first); with filters alone too\n"
      "Examples:\n"
      "  byline search water trucks\n"
      "  byline search 'title:flood source:\"valley courier\" date:2018'\n"
      "  byline search -- hajin -syria          exclude a word (-- ends the options)\n"
      "  byline search --since 2019 --sort newest '*'\n"
      "  byline search --explain 'author:haddad lang:de'   how the query was read\n"
      "  byline search --json -n 3 crane | jq .title");
  return cmd;
}

Status LoadSynonymsOption(const std::string& path, SearchRequest* req) {
  if (path.empty()) return Status::OK();
  auto table = SynonymTable::ReadFile(path, Analyzer());
  if (!table.ok()) return table.status();
  req->synonyms = std::make_shared<const SynonymTable>(std::move(*table));
  return Status::OK();
}

// $BYLINE_SUGGEST: did you mean for every search without --suggest.
Result<bool> SuggestFromEnvironment() {
  const char* env = std::getenv("BYLINE_SUGGEST");
  if (!env || !*env) return false;
  std::string v = env;
  std::transform(v.begin(), v.end(), v.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (v == "1" || v == "true" || v == "yes" || v == "on") return true;
  if (v == "0" || v == "false" || v == "no" || v == "off") return false;
  return Status::InvalidArgument(
      "BYLINE_SUGGEST must be 1 or 0 (true/false, yes/no, on/off), not '" + std::string(env) + "'");
}

SearchRequest RequestFromOptions(const SearchCommandOptions& opts) {
  SearchRequest req;
  req.collapse = !opts.all_copies;
  if (opts.sort == "relevance") req.sort = SortOrder::kRelevance;
  if (opts.sort == "newest") req.sort = SortOrder::kNewest;
  if (opts.sort == "oldest") req.sort = SortOrder::kOldest;
  req.since = opts.since;
  req.until = opts.until;
  req.default_operator = opts.op == "or" ? DefaultOperator::kOr : DefaultOperator::kAnd;
  req.ranking.expand_terms = opts.expand;
  req.strict = opts.strict;
  req.recent_days = opts.recent;
  req.suggest_spelling = opts.suggest;
  req.run_suggestion = !opts.exact;
  return req;
}

int RunSearchCommand(const SearchCommandOptions& opts, const Terminal& terminal) {
  // Checked for every search, a batch too (which makes no suggestions).
  auto suggest_env = SuggestFromEnvironment();
  if (!suggest_env.ok()) return Report(suggest_env.status(), exit_code::kUsage);
  if (!opts.batch.empty()) return RunBatchSearch(opts);
  if (opts.format == "csv") {
    ReportError("--format csv is for --batch");
    return exit_code::kUsage;
  }
  const std::vector<std::string> db = ResolveDatabasePaths(opts.db);
  SearchRequest req = RequestFromOptions(opts);
  if (!opts.suggest_given) req.suggest_spelling = *suggest_env;
  if (Status s = LoadSynonymsOption(opts.synonyms, &req); !s.ok()) return Report(s);
  for (const std::string& w : opts.query_words) {
    if (!req.query.empty()) req.query += ' ';
    req.query += w;
  }
  req.query = ToUtf8(req.query);  // a query in a legacy encoding is still read
  if (opts.limit == 0 && !opts.count && opts.facets.empty()) {
    ReportError("-n 0 shows no hits: use --count for the number of matches, or --facets");
    return exit_code::kUsage;
  }
  const bool blank = req.query.find_first_not_of(" \t\r\n") == std::string::npos;
  if (blank && opts.since.empty() && opts.until.empty()) {
    ReportError(
        "nothing to search: give a query, '*' for every article, or --since/--until to list "
        "the articles of a period");
    return exit_code::kUsage;
  }
  const std::string format = opts.json ? "json" : opts.format;
  // One string split here: a list option would take the query's words too.
  // Spaces around a name are not part of it ("source, year"), and a name
  // given twice is shown once.
  std::vector<std::string> facet_names;
  for (std::size_t start = 0; start < opts.facets.size();) {
    std::size_t comma = std::min(opts.facets.find(',', start), opts.facets.size());
    std::string name = opts.facets.substr(start, comma - start);
    name.erase(0, name.find_first_not_of(" \t"));
    name.erase(name.find_last_not_of(" \t") + 1);
    start = comma + 1;
    if (std::find(std::begin(kFacetNames), std::end(kFacetNames), name) == std::end(kFacetNames)) {
      ReportError("--facets: no facet '" + name +
                  "': the facets are source, author, lang, year and month");
      return exit_code::kUsage;
    }
    if (std::find(facet_names.begin(), facet_names.end(), name) == facet_names.end()) {
      facet_names.push_back(std::move(name));
    }
  }

  if (!facet_names.empty() && (opts.count || (format != "text" && format != "json"))) {
    ReportError("--facets prints after the hits: use it with --format text or json");
    return exit_code::kUsage;
  }
  // A count and the lists of ids or paths are for scripts: of the query as
  // typed, never of a suggested spelling (the JSON summary says which ran).
  if (opts.count || format == "ids" || format == "paths") req.run_suggestion = false;
  req.limit = opts.count ? 0 : opts.limit;
  req.offset = opts.count ? 0 : opts.offset;
  // With facets every match is counted anyway: the footer then agrees with them.
  req.exact_count = opts.count || !facet_names.empty();
  // Snippets and copies only for the outputs that show them.
  req.snippets = format == "text" || format == "json";
  req.describe = opts.explain || format == "json";
  req.list_copies = req.snippets;
  auto searcher = Searcher::Open(db);
  if (!searcher.ok()) return Report(searcher.status());
  QueryError qerr;
  auto results = (*searcher)->Search(req, &qerr);
  if (!results.ok()) {
    const int code = Report(results.status());
    if (!qerr.message.empty()) ShowPosition(req.query, qerr.offset);
    return code;
  }
  for (const QueryNotice& n : results->notices) {
    ReportError("note: " + n.message);
    ShowPosition(req.query, n.offset);
  }
  // Nothing matched: an empty database (a first build stopped by Ctrl-C, a
  // folder of unknown files) says so rather than "No matches.". Asked only
  // then, so a search that matches pays nothing.
  const bool empty_database = results->matches_upper == 0 && (*searcher)->ArticleCount() == 0;
  if (empty_database) {
    ReportError(DatabaseLabel(db) +
                " holds no articles yet: byline index FOLDER adds them (byline info says what a "
                "database holds)");
    if (format == "text" && !opts.count) return exit_code::kOk;
  }
  if (opts.count) {
    std::cout << results->matches_lower << "\n";
    return exit_code::kOk;
  }
  // Facets: every match counted once more (lib: Searcher::CountCoverage).
  std::optional<CoverageCounts> facets;
  if (!facet_names.empty()) {
    // Of the query that ran: the suggestion's, or the typed one relaxed.
    SearchRequest ran = req;
    if (results->suggestion_ran) ran.query = results->suggestion;
    ran.count_relaxed = results->relaxed;
    auto counts = (*searcher)->CountCoverage(ran, facet_names);
    if (!counts.ok()) return Report(counts.status());
    facets = std::move(*counts);
  }
  if (format == "json") {
    WriteJson(std::cout, *results);
    if (facets) WriteFacetsJson(std::cout, *facets, opts.facets_top);
    return exit_code::kOk;
  }
  if (format == "ids" || format == "paths") {
    // Standard output is the list alone; how the query was read goes beside it.
    if (opts.explain) ReportError("query: " + results->query_description);
    (format == "ids" ? WriteIds : WritePaths)(std::cout, *results);
    return exit_code::kOk;
  }
  if (opts.explain) std::cout << "query: " << SafeForTerminal(results->query_description) << "\n";
  WriteSpellingNote(std::cout, *results, req.query, terminal.color);
  WriteText(std::cout, *results, terminal.color, std::min(terminal.width, kMaxListingWidth));
  // Did you mean is opt-in (its look-up would put the default search over
  // its speed budget: benchmarks/README.md, "Session 15"): nothing found is
  // where a person needs to know it is there.
  if (results->could_suggest) {
    std::cout << (terminal.color ? ansi::kDim : "")
              << "Misspelt? --suggest looks for a more common spelling of rare words."
              << (terminal.color ? ansi::kReset : "") << "\n";
  }
  if (facets) WriteFacetsText(std::cout, *facets, opts.facets_top);
  return exit_code::kOk;
}

}  // namespace byline
