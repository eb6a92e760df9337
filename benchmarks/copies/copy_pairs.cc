/** @file copy_pairs.cc
 *  @brief Precision and recall of the copy rule (lib/src/index/story.h) on
 *  labelled pairs made from real collections.
 *
 *  copy_pairs [--pairs OUT.tsv] CORPUS.jsonl.gz...
 *
 *  Positive pairs: every exact repeat in the collections (same title and
 *  body under two ids), and for a sample of articles with a body, one copy
 *  per kind of light edit: a corrected paragraph (three words of one
 *  paragraph changed, "CORRECTED - " before the headline), a changed
 *  headline (another article's), another dateline and agency credit (and
 *  the next day), the last paragraph cut, and headline + dateline together.
 *  Negative pairs: articles with one headline and different bodies (the
 *  templates: price reports, earnings tables), and articles of one day and
 *  one topic (one category, for collections without dates) that are
 *  different stories. Each article's signature is made by BuildDocument,
 *  exactly as when indexing.
 *
 *  Prints, for each pair kind, how many pairs the rule calls copies at each
 *  Jaccard threshold (the date rule applied), and whether the pair would be
 *  found at all (the two share a band term), then precision and recall.
 */
#include <zlib.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "byline/analyzer.h"
#include "byline/document.h"
#include "byline/schema.h"
#include "index/document_builder.h"
#include "index/story.h"

namespace {

using byline::Article;
namespace story = byline::story;

struct Doc {
  Article a;
  std::string group;  // topics of the day, or the category
};

std::vector<Doc> ReadCorpus(const std::string& path) {
  std::vector<Doc> out;
  gzFile f = gzopen(path.c_str(), "rb");
  if (!f) {
    std::cerr << "copy_pairs: cannot open " << path << "\n";
    std::exit(1);
  }
  std::string line;
  char buf[1 << 16];
  auto flush = [&] {
    if (line.empty()) return;
    nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
    line.clear();
    if (j.is_discarded()) return;
    Doc d;
    d.a.id = j.value("id", "");
    d.a.title = j.value("title", "");
    d.a.body = j.value("body", "");
    d.a.date = j.value("date", "");
    d.a.lang = j.value("lang", "en");
    if (j.contains("topics") && j["topics"].is_array() && !j["topics"].empty()) {
      d.group = d.a.date + "/" + j["topics"][0].get<std::string>();
    } else if (d.a.date.empty()) {
      d.group = d.a.id.substr(0, d.a.id.find('/'));  // bbc-news: "business/001"
    }
    out.push_back(std::move(d));
  };
  int n;
  while ((n = gzread(f, buf, sizeof buf)) > 0) {
    for (int i = 0; i < n; ++i) {
      if (buf[i] == '\n') {
        flush();
      } else {
        line.push_back(buf[i]);
      }
    }
  }
  flush();
  gzclose(f);
  return out;
}

// Paragraphs: Reuters indents them ("\n    "), BBC separates them by a
// blank line.
std::vector<std::string> Paragraphs(const std::string& body) {
  std::vector<std::string> out;
  const std::string sep = body.find("\n\n") != std::string::npos ? "\n\n" : "\n    ";
  std::size_t at = 0;
  while (true) {
    std::size_t next = body.find(sep, at);
    out.push_back(body.substr(at, next == std::string::npos ? std::string::npos : next - at));
    if (next == std::string::npos) break;
    at = next + sep.size();
  }
  return out;
}

std::string Join(const std::vector<std::string>& ps, const std::string& body) {
  const std::string sep = body.find("\n\n") != std::string::npos ? "\n\n" : "\n    ";
  std::string out;
  for (std::size_t i = 0; i < ps.size(); ++i) out += (i ? sep : "") + ps[i];
  return out;
}

std::string NextDay(const std::string& date) {
  if (date.size() < 10) return date;
  int y = std::stoi(date.substr(0, 4)), m = std::stoi(date.substr(5, 2)),
      d = std::stoi(date.substr(8, 2)) + 1;
  static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (d > days[m - 1]) {
    d = 1;
    if (++m > 12) {
      m = 1;
      ++y;
    }
  }
  char buf[48];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return buf;
}

int DaysApart(const std::string& a, const std::string& b) {
  auto day = [](const std::string& d) {
    std::tm tm{};
    tm.tm_year = std::stoi(d.substr(0, 4)) - 1900;
    tm.tm_mon = std::stoi(d.substr(5, 2)) - 1;
    tm.tm_mday = std::stoi(d.substr(8, 2));
    return static_cast<long>(timegm(&tm) / 86400);
  };
  return static_cast<int>(std::labs(day(a) - day(b)));
}

struct Pair {
  std::string kind;
  bool copy;
  Article a, b;
};

struct Edits {
  std::mt19937_64 rng{20261202};
  std::vector<std::string> vocabulary;  // words to put in a corrected paragraph
  const std::vector<Doc>* docs = nullptr;

  std::size_t Pick(std::size_t n) {
    return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng);
  }

  Article Corrected(Article a) {
    std::vector<std::string> ps = Paragraphs(a.body);
    std::string& p = ps[Pick(ps.size())];
    std::vector<std::size_t> starts;
    for (std::size_t i = 0; i < p.size(); ++i) {
      if (p[i] != ' ' && (i == 0 || p[i - 1] == ' ')) starts.push_back(i);
    }
    for (int k = 0; k < 3 && !starts.empty(); ++k) {
      std::size_t s = starts[Pick(starts.size())];
      std::size_t e = p.find_first_of(" \n", s);
      if (e == std::string::npos) e = p.size();
      p.replace(s, e - s, vocabulary[Pick(vocabulary.size())]);
      starts.clear();
      for (std::size_t i = 0; i < p.size(); ++i) {
        if (p[i] != ' ' && (i == 0 || p[i - 1] == ' ')) starts.push_back(i);
      }
    }
    a.body = Join(ps, a.body);
    a.title = "CORRECTED - " + a.title;
    return a;
  }
  Article Headline(Article a) {
    a.title = (*docs)[Pick(docs->size())].a.title;
    return a;
  }
  Article Dateline(Article a) {
    static const char* places[] = {"LONDON", "NEW YORK", "PARIS", "TOKYO", "WASHINGTON"};
    static const char* credits[] = {"(AP)", "(AFP)", "(UPI)", "(Dow Jones)"};
    std::string place = places[Pick(5)], credit = credits[Pick(4)];
    std::size_t dash = a.body.find(" - ");
    if (dash != std::string::npos && dash < 60) {
      // "CITY, Mon DD - text": another city, the date kept, a credit added.
      std::size_t comma = a.body.find(',');
      std::string when = comma < dash ? a.body.substr(comma, dash - comma) : std::string();
      a.body = place + when + " " + credit + a.body.substr(dash);
    } else {
      a.body = place + " " + credit + " - " + a.body;
    }
    std::size_t sign = a.body.rfind(" Reuter");
    if (sign != std::string::npos && sign + 12 >= a.body.size()) a.body.erase(sign);
    a.body += " " + credit;
    a.date = NextDay(a.date);
    return a;
  }
  Article Cut(Article a) {
    std::vector<std::string> ps = Paragraphs(a.body);
    if (ps.size() > 1) ps.pop_back();
    a.body = Join(ps, a.body);
    return a;
  }
};

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> corpora;
  std::string pairs_out;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--pairs" && i + 1 < argc) {
      pairs_out = argv[++i];
    } else {
      corpora.push_back(arg);
    }
  }
  if (corpora.empty()) {
    std::cerr << "usage: copy_pairs [--pairs OUT.tsv] CORPUS.jsonl.gz...\n";
    return 2;
  }
  std::vector<Pair> pairs;
  const std::size_t kSample = 400;           // articles edited, per corpus
  const std::size_t kPerGroupNegatives = 4;  // same-day, same-topic pairs per group
  for (const std::string& path : corpora) {
    std::vector<Doc> docs = ReadCorpus(path);
    std::string name = path;
    if (std::size_t s = name.rfind("/docs"); s != std::string::npos) name = name.substr(0, s);
    name = name.substr(name.rfind('/') + 1);
    Edits ed;
    ed.docs = &docs;
    std::set<std::string> vocab;
    for (std::size_t i = 0; i < docs.size() && vocab.size() < 5000; i += 7) {
      std::string w;
      for (char c : docs[i].a.body + " ") {
        if (std::isalpha(static_cast<unsigned char>(c))) {
          w.push_back(c);
        } else {
          if (w.size() > 3) vocab.insert(w);
          w.clear();
        }
      }
    }
    ed.vocabulary.assign(vocab.begin(), vocab.end());
    // Exact repeats and one-headline templates.
    std::map<std::string, std::vector<std::size_t>> by_title;
    for (std::size_t i = 0; i < docs.size(); ++i) {
      if (!docs[i].a.title.empty()) by_title[docs[i].a.title].push_back(i);
    }
    for (const auto& [title, ids] : by_title) {
      std::size_t negatives = 0;
      for (std::size_t x = 0; x < ids.size(); ++x) {
        for (std::size_t y = x + 1; y < ids.size(); ++y) {
          const Article &a = docs[ids[x]].a, &b = docs[ids[y]].a;
          if (a.body == b.body) {
            pairs.push_back({name + ": exact repeat", true, a, b});
            continue;
          }
          if (negatives++ >= 20) continue;  // at most 20 pairs of one headline
          if (!a.date.empty() && !b.date.empty() && DaysApart(a.date, b.date) >= 4) {
            // A recurring report (weekly prices, a monthly table): another
            // issue, so another story. Also without the dates, to see what
            // the words alone say.
            pairs.push_back({name + ": same headline, 4+ days apart", false, a, b});
            Article ua = a, ub = b;
            ua.date.clear();
            ub.date.clear();
            pairs.push_back(
                {name + ": same headline, 4+ days apart, dates removed", false, ua, ub});
          } else {
            // A correction, an update or a new issue the same day: not
            // labelled (reading them finds all three).
            pairs.push_back({name + ": same headline, within 3 days, other body", false, a, b});
          }
        }
      }
    }
    // Same day and topic (or category), different story.
    std::map<std::string, std::vector<std::size_t>> by_group;
    for (std::size_t i = 0; i < docs.size(); ++i) {
      if (!docs[i].group.empty() && !docs[i].a.body.empty()) by_group[docs[i].group].push_back(i);
    }
    for (const auto& [group, ids] : by_group) {
      std::size_t made = 0;
      for (std::size_t x = 0; x + 1 < ids.size() && made < kPerGroupNegatives; x += 2) {
        const Article &a = docs[ids[x]].a, &b = docs[ids[x + 1]].a;
        if (a.title == b.title) continue;  // counted above
        pairs.push_back({name + ": same day and topic, other story", false, a, b});
        ++made;
      }
    }
    // Light edits of a sample of articles with a body of three paragraphs or more.
    std::vector<std::size_t> candidates;
    for (std::size_t i = 0; i < docs.size(); ++i) {
      // Three paragraphs or more, the last a quarter of the text at most:
      // cutting it is a light edit (some BBC texts are two paragraphs, the
      // second nearly all of the story).
      std::vector<std::string> ps = Paragraphs(docs[i].a.body);
      if (ps.size() >= 3 && ps.back().size() * 4 <= docs[i].a.body.size()) candidates.push_back(i);
    }
    std::shuffle(candidates.begin(), candidates.end(), ed.rng);
    if (candidates.size() > kSample) candidates.resize(kSample);
    for (std::size_t i : candidates) {
      const Article& a = docs[i].a;
      pairs.push_back({name + ": corrected paragraph", true, a, ed.Corrected(a)});
      pairs.push_back({name + ": changed headline", true, a, ed.Headline(a)});
      pairs.push_back({name + ": other dateline and credit", true, a, ed.Dateline(a)});
      pairs.push_back({name + ": last paragraph cut", true, a, ed.Cut(a)});
      pairs.push_back({name + ": headline and dateline", true, a, ed.Dateline(ed.Headline(a))});
    }
  }

  byline::Analyzer analyzer;
  auto signature = [&](const Article& a) {
    story::Signature sig;
    Xapian::Document doc = byline::BuildDocument(a, analyzer, byline::schema::kTitleWdf);
    story::DecodeSignature(doc.get_value(byline::schema::kSlotStorySignature), &sig);
    return sig;
  };
  // Each pair's signatures, once.
  struct Scored {
    const Pair* pair;
    story::Signature a, b;
    bool band;
  };
  std::vector<Scored> scored;
  std::ofstream tsv;
  if (!pairs_out.empty()) {
    tsv.open(pairs_out);
    tsv << "kind\tcopy\tjaccard\tnumber_jaccard\tnumbers_a\tnumbers_b\tshares_band\tdays\tid_"
           "a\tid_b\ttitle_a\ttitle_b\n";
  }
  for (const Pair& p : pairs) {
    Scored sc{&p, signature(p.a), signature(p.b), false};
    std::vector<std::string> ta = story::BandTerms(sc.a), tb = story::BandTerms(sc.b);
    for (std::size_t i = 0; i < ta.size() && i < tb.size(); ++i)
      sc.band = sc.band || ta[i] == tb[i];
    if (tsv) {
      long days =
          sc.a.day && sc.b.day ? static_cast<long>(sc.a.day) - static_cast<long>(sc.b.day) : 0;
      tsv << p.kind << '\t' << p.copy << '\t' << story::EstimatedJaccard(sc.a, sc.b) << '\t'
          << story::EstimatedNumberJaccard(sc.a, sc.b) << '\t' << int{sc.a.numbers} << '\t'
          << int{sc.b.numbers} << '\t' << sc.band << '\t' << days << '\t' << p.a.id << '\t'
          << p.b.id << '\t' << p.a.title << '\t' << p.b.title << '\n';
    }
    scored.push_back(sc);
  }
  auto unlabelled = [](const std::string& kind) {
    return kind.find("within 3 days") != std::string::npos;
  };
  // One table: a row per pair kind, a column per rule; a pair counts when
  // it shares a band (it is found) and the rule calls it a copy.
  auto table = [&](const std::vector<std::pair<std::string, story::CopyRule>>& rules) {
    std::map<std::string, std::vector<std::size_t>> called;
    std::map<std::string, std::size_t> n, banded;
    std::map<std::string, bool> copy;
    for (const Scored& sc : scored) {
      const std::string& kind = sc.pair->kind;
      called[kind].resize(rules.size());
      ++n[kind];
      banded[kind] += sc.band;
      copy[kind] = sc.pair->copy;
      for (std::size_t r = 0; r < rules.size(); ++r) {
        called[kind][r] += sc.band && story::AreCopies(sc.a, sc.b, rules[r].second);
      }
    }
    std::printf("| pairs | n | share a band |");
    for (const auto& r : rules) std::printf(" %s |", r.first.c_str());
    std::printf("\n|---|---:|---:|");
    for (std::size_t r = 0; r < rules.size(); ++r) std::printf("---:|");
    std::printf("\n");
    std::vector<std::size_t> tp(rules.size()), fp(rules.size());
    std::size_t positives = 0;
    for (const auto& [kind, counts] : called) {
      const char* label = copy[kind] ? "copies" : unlabelled(kind) ? "unlabelled" : "not copies";
      std::printf("| %s (%s) | %zu | %zu |", kind.c_str(), label, n[kind], banded[kind]);
      for (std::size_t r = 0; r < rules.size(); ++r) {
        std::printf(" %zu |", counts[r]);
        if (copy[kind]) {
          tp[r] += counts[r];
        } else if (!unlabelled(kind)) {
          fp[r] += counts[r];
        }
      }
      std::printf("\n");
      if (copy[kind]) positives += n[kind];
    }
    std::printf("| **precision** | | |");
    for (std::size_t r = 0; r < rules.size(); ++r) {
      std::printf(" %.4f |", tp[r] + fp[r] ? static_cast<double>(tp[r]) / (tp[r] + fp[r]) : 1.0);
    }
    std::printf("\n| **recall** | | |");
    for (std::size_t r = 0; r < rules.size(); ++r) {
      std::printf(" %.4f |", positives ? static_cast<double>(tp[r]) / positives : 0.0);
    }
    std::printf("\n\n");
  };
  std::vector<std::pair<std::string, story::CopyRule>> by_jaccard;
  for (double t : {0.3, 0.4, 0.5, 0.6, 0.7, 0.8}) {
    story::CopyRule rule;
    rule.min_jaccard = t;
    char label[32];
    std::snprintf(label, sizeof label, "J >= %.1f", t);
    by_jaccard.emplace_back(label, rule);
  }
  std::printf("Shingle threshold (number rule as default: %.1f with %u+ numbers each):\n\n",
              story::CopyRule().min_number_jaccard, story::CopyRule().min_numbers);
  table(by_jaccard);
  std::vector<std::pair<std::string, story::CopyRule>> by_numbers;
  for (auto [nj, min] : std::vector<std::pair<double, unsigned>>{
           {0, 0}, {0.3, 3}, {0.5, 1}, {0.5, 3}, {0.5, 5}, {0.7, 3}}) {
    story::CopyRule rule;
    rule.min_number_jaccard = nj;
    rule.min_numbers = min;
    char label[48];
    if (nj == 0) {
      std::snprintf(label, sizeof label, "no number rule");
    } else {
      std::snprintf(label, sizeof label, "numbers %.1f, %u+", nj, min);
    }
    by_numbers.emplace_back(label, rule);
  }
  std::printf("Number rule (shingle threshold as default: %.1f):\n\n",
              story::CopyRule().min_jaccard);
  table(by_numbers);
  return 0;
}
