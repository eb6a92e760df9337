/** @file snippet.cc
 *  @brief Highlight matching and densest-window passage selection.
 */
#include "byline/snippet.h"

#include <algorithm>
#include <map>

#include "byline/text.h"

namespace byline {
namespace {

using Kind = QueryNode::Kind;

// Whether every stem of `lang`'s Snowball stemmer begins as its word does
// (English: only a leading apostrophe goes, checked over every word of
// reuters21578 and 20newsgroups). Snippets use it to skip the stemmer for
// tokens that cannot match and to scan long bodies for words' first letters.
bool StemsKeepTheirStart(std::string_view lang) { return lang == "en"; }

void Collect(const QueryNode& n, HighlightSpec* spec) {
  switch (n.kind) {
    case Kind::kWord:
      spec->words.insert(n.terms[0]);
      break;
    case Kind::kExact:
      spec->exact.insert(n.terms[0]);
      break;
    case Kind::kFuzzy:  // the word itself; its expansions are the database's
      spec->words.insert(n.terms[0]);
      break;
    case Kind::kWildcard:
      if (!IsFilterNode(n)) spec->prefixes.push_back(n.terms[0]);  // not author:hadd*
      break;
    case Kind::kPhrase:
      spec->phrases.push_back(n.terms);
      break;
    case Kind::kAndNot:
      if (!n.children.empty()) Collect(n.children[0], spec);  // never what was excluded
      break;
    default:
      for (const QueryNode& c : n.children) Collect(c, spec);
  }
}

// For each token, the id of the query part it matches (-1: none). Equal ids
// are the same query word, so a window can count distinct words.
std::vector<int> MatchTokens(const std::vector<Token>& toks, std::string_view lang,
                             const HighlightSpec& spec, const Analyzer& analyzer) {
  std::vector<int> match(toks.size(), -1);
  std::map<std::string, int> stem_ids, exact_ids;
  int next_id = 0;
  for (const std::string& w : spec.words) {
    auto [it, fresh] = stem_ids.emplace(analyzer.Stem(w, lang), next_id);
    if (fresh) ++next_id;
  }
  for (const std::string& w : spec.exact) exact_ids.emplace(w, next_id++);
  int prefix_base = next_id;
  next_id += static_cast<int>(spec.prefixes.size());
  // A token that starts with no query stem's first byte cannot stem to one:
  // most tokens skip the stemmer.
  std::string firsts;
  bool by_first = StemsKeepTheirStart(lang);
  for (const auto& [stem, id] : stem_ids) {
    if (stem.empty()) by_first = false;
    firsts.push_back(stem.empty() ? '\0' : stem[0]);
  }
  auto may_stem_to_query = [&](const std::string& term) {
    return !by_first || term.empty() || term[0] == '\'' ||
           firsts.find(term[0]) != std::string::npos;
  };
  for (std::size_t i = 0; i < toks.size(); ++i) {
    const Token& t = toks[i];
    if (auto e = exact_ids.find(t.term); e != exact_ids.end()) {
      match[i] = e->second;
      continue;
    }
    if (!stem_ids.empty() && may_stem_to_query(t.term)) {
      if (auto s = stem_ids.find(analyzer.Stem(t.term, lang)); s != stem_ids.end()) {
        match[i] = s->second;
        continue;
      }
    }
    for (std::size_t p = 0; p < spec.prefixes.size(); ++p) {
      if (t.term.compare(0, spec.prefixes[p].size(), spec.prefixes[p]) == 0) {
        match[i] = prefix_base + static_cast<int>(p);
        break;
      }
    }
  }
  // Phrases: mark every run of consecutive words equal to the phrase.
  for (const auto& phrase : spec.phrases) {
    int id = next_id++;
    // Positions of the non-joined tokens, in order.
    std::vector<std::size_t> words;
    for (std::size_t i = 0; i < toks.size(); ++i) {
      if (!toks[i].joined) words.push_back(i);
    }
    // A word's typed spelling ("koeln" for "Köln") follows it: it matches
    // a phrase as the word does.
    auto is = [&](std::size_t i, const std::string& term) {
      return toks[i].term == term ||
             (i + 1 < toks.size() && toks[i + 1].typed && toks[i + 1].term == term);
    };
    for (std::size_t k = 0; k + phrase.size() <= words.size(); ++k) {
      bool all = true;
      for (std::size_t j = 0; j < phrase.size() && all; ++j) {
        const Token& t = toks[words[k + j]];
        all = is(words[k + j], phrase[j]) && (j == 0 || t.pos == toks[words[k + j - 1]].pos + 1);
      }
      if (!all) continue;
      for (std::size_t j = 0; j < phrase.size(); ++j) match[words[k + j]] = id;
    }
  }
  // A joined compound ("alqaeda") overlaps its parts: highlight parts only.
  // A joined form with no part inside it (a single character of a Chinese
  // word: its bigrams are wider) is highlighted itself.
  for (std::size_t i = 0; i < toks.size(); ++i) {
    if (toks[i].joined && match[i] >= 0) {
      bool parts = false;
      for (std::size_t j = 0; j < toks.size(); ++j) {
        if (toks[j].joined || toks[j].start < toks[i].start || toks[j].end > toks[i].end) continue;
        parts = true;
        // (A typed spelling leaves its word's own match, a phrase's, as it is.)
        if (!(toks[i].typed && match[j] >= 0)) match[j] = match[i];
      }
      if (parts) match[i] = -1;
    }
  }
  return match;
}

// Copies text[from, to) with white space collapsed and controls dropped,
// mapping the highlighted byte ranges into the output.
Snippet Render(std::string_view text, std::size_t from, std::size_t to,
               const std::vector<std::pair<std::size_t, std::size_t>>& ranges, bool lead,
               bool trail) {
  static const std::string kEllipsis = "\u2026";
  Snippet out;
  if (lead) out.text = kEllipsis;
  // map[i - from]: where source byte i landed in the output.
  std::vector<std::size_t> map(to - from + 1, 0);
  bool space = false;
  for (std::size_t i = from; i < to; ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
      space = true;
      map[i - from] = out.text.size();
      continue;
    }
    bool c1 = c == 0xC2 && i + 1 < to && static_cast<unsigned char>(text[i + 1]) >= 0x80 &&
              static_cast<unsigned char>(text[i + 1]) <= 0x9F;
    if (c < 0x20 || c == 0x7F || c1) {  // terminal controls are dropped
      map[i - from] = out.text.size();
      if (c1) map[++i - from] = out.text.size();
      continue;
    }
    if (space && out.text.size() > (lead ? kEllipsis.size() : 0)) out.text += ' ';
    space = false;
    map[i - from] = out.text.size();
    out.text.push_back(static_cast<char>(c));
  }
  map[to - from] = out.text.size();
  for (const auto& [s, e] : ranges) {
    if (s >= from && e <= to && s < e) out.highlights.emplace_back(map[s - from], map[e - from]);
  }
  if (trail) out.text += kEllipsis;
  return out;
}

// Merges highlighted tokens that stand side by side (a phrase) into one range.
std::vector<std::pair<std::size_t, std::size_t>> Ranges(const std::vector<Token>& toks,
                                                        const std::vector<int>& match,
                                                        std::string_view text, std::size_t from,
                                                        std::size_t to) {
  std::vector<std::pair<std::size_t, std::size_t>> ranges;
  int last = -1;  // the query part of ranges.back() (joined forms may stand between)
  for (std::size_t i = 0; i < toks.size(); ++i) {
    // (A joined form still matched has no part to stand for it: MatchTokens.)
    if (match[i] < 0 || toks[i].start < from || toks[i].end > to) continue;
    if (!ranges.empty() && ranges.back().second > toks[i].start) {
      // Overlapping tokens (a Chinese word's bigrams) are one range.
      ranges.back().second = std::max(ranges.back().second, toks[i].end);
      continue;
    }
    if (!ranges.empty() && ranges.back().second <= toks[i].start) {
      // Join the words of one phrase or compound: same query part, separated
      // only by white space or a hyphen.
      std::string_view gap =
          text.substr(ranges.back().second, toks[i].start - ranges.back().second);
      bool joinable = gap == "\u2010" || gap == "\u2011";
      if (!joinable) {  // hyphens and spaces (" ", "\u00a0", "\u3000"...)
        joinable = true;
        for (std::size_t g = 0, n = 0; g < gap.size() && joinable; g += n) {
          n = gap[g] == '-' ? 1 : UnicodeSpaceAt(gap, g);
          joinable = n > 0;
        }
      }
      if (joinable && match[i] == last && gap.size() < 4) {
        ranges.back().second = toks[i].end;
        continue;
      }
    }
    ranges.emplace_back(toks[i].start, toks[i].end);
    last = match[i];
  }
  return ranges;
}

// The first letters every occurrence of `word` starts with, as far as a
// plain ASCII scan can tell: the part it shares with its stem, at most 4
// bytes. Empty when that is less than 3 ASCII letters or digits.
std::string ScanKey(const std::string& word, const std::string& stem) {
  std::string key;
  for (std::size_t i = 0; i < word.size() && i < stem.size() && i < 4 && word[i] == stem[i]; ++i) {
    if (!IsAsciiAlnum(static_cast<unsigned char>(word[i]))) break;
    key.push_back(word[i]);
  }
  return key.size() >= 3 ? key : std::string();
}

// The byte ranges of an English body worth analysing for a snippet `width`
// bytes wide: its start, its end, and the surroundings of every place where
// a query word may begin (a case-insensitive scan for the word's first
// letters). Empty: analyse the whole body (short body, other language, a
// query word the scan cannot look for, or no place found).
std::vector<std::pair<std::size_t, std::size_t>> Regions(std::string_view body,
                                                         std::string_view lang,
                                                         const HighlightSpec& spec,
                                                         const Analyzer& analyzer,
                                                         std::size_t width) {
  const std::size_t margin = width + 64;
  if (!StemsKeepTheirStart(lang) || body.size() < 2 * margin) return {};
  std::vector<std::string> keys;
  auto add = [&](const std::string& word, const std::string& stem) {
    std::string key = ScanKey(word, stem);
    keys.push_back(key);
    return !key.empty();
  };
  for (const std::string& w : spec.words) {
    if (!add(w, analyzer.Stem(w, lang))) return {};
  }
  for (const std::string& w : spec.exact) {
    if (!add(w, w)) return {};
  }
  for (const std::string& w : spec.prefixes) {
    if (!add(w, w)) return {};
  }
  for (const auto& phrase : spec.phrases) {
    for (const std::string& w : phrase) {
      if (!add(w, w)) return {};
    }
  }
  if (keys.empty()) return {};
  std::string lower(body);
  for (char& c : lower) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  // The first and last words, for where the body starts and ends.
  std::vector<std::pair<std::size_t, std::size_t>> spans = {{0, 1}, {body.size() - 1, body.size()}};
  for (const std::string& key : keys) {
    for (std::size_t at = lower.find(key); at != std::string::npos; at = lower.find(key, at + 1)) {
      unsigned char before = at > 0 ? static_cast<unsigned char>(lower[at - 1]) : ' ';
      if (IsAsciiAlnum(before)) continue;  // inside a word
      spans.emplace_back(at > margin ? at - margin : 0, std::min(body.size(), at + margin));
    }
  }
  if (spans.size() == 2) return {};  // nothing found: let the analyser look
  std::sort(spans.begin(), spans.end());
  // Widen each span to white space (so no word is cut) and merge.
  std::vector<std::pair<std::size_t, std::size_t>> out;
  for (auto [from, to] : spans) {
    for (std::size_t n = 0; from > 0 && !IsAsciiSpace(body[from - 1]) && n < 64; ++n) --from;
    while (from > 0 && (static_cast<unsigned char>(body[from]) & 0xC0) == 0x80) --from;
    for (std::size_t n = 0; to < body.size() && !IsAsciiSpace(body[to]) && n < 64; ++n) ++to;
    while (to < body.size() && (static_cast<unsigned char>(body[to]) & 0xC0) == 0x80) ++to;
    if (!out.empty() && from <= out.back().second) {
      out.back().second = std::max(out.back().second, to);
    } else {
      out.emplace_back(from, to);
    }
  }
  return out;
}

// The tokens of `body`, or of its regions only (offsets into body; positions
// leave a gap between regions so no phrase runs across one).
std::vector<Token> SnippetTokens(std::string_view body, std::string_view lang,
                                 const HighlightSpec& spec, const Analyzer& analyzer,
                                 std::size_t width) {
  auto regions = Regions(body, lang, spec, analyzer, width);
  if (regions.empty()) return analyzer.Tokenize(body, lang);
  std::vector<Token> toks;
  std::uint32_t base = 0;
  for (const auto& [from, to] : regions) {
    for (Token& t : analyzer.Tokenize(body.substr(from, to - from), lang)) {
      t.start += from;
      t.end += from;
      t.pos += base;
      toks.push_back(std::move(t));
    }
    base = toks.empty() ? base : toks.back().pos + 1000;
  }
  return toks;
}

}  // namespace

HighlightSpec HighlightSpecFor(const QueryNode& query) {
  HighlightSpec spec;
  Collect(query, &spec);
  return spec;
}

Snippet HighlightText(std::string_view text, std::string_view lang, const HighlightSpec& spec,
                      const Analyzer& analyzer) {
  std::vector<Token> toks = analyzer.Tokenize(text, lang);
  std::vector<int> match = MatchTokens(toks, lang, spec, analyzer);
  return Render(text, 0, text.size(), Ranges(toks, match, text, 0, text.size()), false, false);
}

Snippet MakeSnippet(std::string_view body, std::string_view lang, const HighlightSpec& spec,
                    const Analyzer& analyzer, const SnippetOptions& options) {
  std::vector<Token> toks = spec.empty()
                                ? analyzer.Tokenize(body, lang)
                                : SnippetTokens(body, lang, spec, analyzer, options.max_bytes);
  if (toks.empty())
    return Render(body, 0, std::min(body.size(), options.max_bytes), {}, false, false);
  std::vector<int> match =
      spec.empty() ? std::vector<int>(toks.size(), -1) : MatchTokens(toks, lang, spec, analyzer);
  const std::size_t width = options.max_bytes;
  // Find the window [toks[i].start, +width) with the most distinct matched
  // words, then the most matches; ties go to the earliest.
  std::size_t best_first = 0;
  int best_score = -1;
  std::vector<std::size_t> hits;
  for (std::size_t i = 0; i < toks.size(); ++i) {
    if (match[i] >= 0) hits.push_back(i);  // (joined forms only if partless: MatchTokens)
  }
  std::map<int, int> seen;  // matches in the window hits[a..b), by query word
  int count = 0;
  for (std::size_t a = 0, b = 0; a < hits.size(); ++a) {
    while (b < hits.size() && toks[hits[b]].end - toks[hits[a]].start <= width) {
      ++seen[match[hits[b]]];
      ++count;
      ++b;
    }
    int score = static_cast<int>(seen.size()) * 1000 + count;
    if (score > best_score) {
      best_score = score;
      best_first = a;
    }
    if (b > a) {  // hits[a] leaves the window
      if (--seen[match[hits[a]]] == 0) seen.erase(match[hits[a]]);
      --count;
    } else {
      b = a + 1;
    }
  }
  std::size_t from = 0, to;
  if (best_score < 0) {
    from = toks.front().start;
  } else {
    // Centre the matches in the window, starting on a word.
    std::size_t first = toks[hits[best_first]].start, last = toks[hits[best_first]].end;
    for (std::size_t b = best_first; b < hits.size() && toks[hits[b]].end - first <= width; ++b) {
      last = toks[hits[b]].end;
    }
    std::size_t slack = width > last - first ? width - (last - first) : 0;
    std::size_t want = first > slack / 3 ? first - slack / 3 : 0;
    from = first;
    for (const Token& t : toks) {
      if (t.joined) continue;
      if (t.start >= want) {
        from = std::min(t.start, first);
        break;
      }
    }
    // Close to the start: show the start rather than an ellipsis and a few words less.
    std::size_t last_needed = last;
    if (from <= toks.front().start + width / 4 && last_needed - toks.front().start <= width) {
      from = toks.front().start;
    }
  }
  to = from;
  for (const Token& t : toks) {
    if (t.start >= from && t.end - from <= width) to = std::max(to, t.end);
  }
  if (to == from) to = std::min(body.size(), from + width);
  // Take trailing punctuation that closes the sentence.
  while (to < body.size() && (body[to] == '.' || body[to] == ',' || body[to] == '"' ||
                              body[to] == ')' || body[to] == '!' || body[to] == '?')) {
    ++to;
  }
  bool lead = from > toks.front().start;
  bool trail = toks.back().end > to;
  return Render(body, from, to, Ranges(toks, match, body, from, to), lead, trail);
}

}  // namespace byline
