/** @file generate_archive.cc
 *  @brief A synthetic news archive of any size, remixed from real sentences.
 *
 *  generate_archive [--plant N] [--first-id N] OUT_DIR ARTICLES FILES SEED CORPUS.jsonl.gz...
 *
 *  Reads every article body of the given corpora (the shared layout: one
 *  JSON object a line with `lang` and `body`), cuts the bodies into
 *  sentences, and writes ARTICLES new articles into FILES files
 *  OUT_DIR/archive-NN.jsonl.gz. Each article takes a language with the
 *  corpora's own mix, a title and 4-20 sentences of that language (about
 *  1.8 KB of text on the shared corpora, like a wire story), a date between
 *  1990 and 2025, and one of 40 sources. One article in 200 repeats the id of
 *  an earlier one (a correction re-sent by the wire), so a build also
 *  exercises "the last article with an id wins". The same seed always gives
 *  the same archive. Used by benchmarks/memory to measure a bulk build's
 *  peak memory at 100,000 and 1,000,000 articles.
 *
 *  With --plant N, N articles spread evenly over the archive are known
 *  items: id `known-K`, and one more sentence, a phrase of a common word, a
 *  made-up word found nowhere else (`quorv` and K in letters) and another
 *  common word. Its phrase query must find the article at rank 1 at any
 *  size (benchmarks/scale/run checks it). They are written as
 *  OUT_DIR/.known-items.tsv (`query<TAB>id<TAB>tag` for `byline eval
 *  --known-items`; tags `phrase` and `words`, the three words unquoted) and
 *  OUT_DIR/.known-items.jsonl (a query log for `byline bench`, classes
 *  `known-phrase` and `known-words`): hidden, so that `byline index
 *  OUT_DIR` leaves them out. Planting draws from a generator of its
 *  own, so every other article is the one the same seed gives without it.
 *
 *  With --first-id N, ids count from `gen-N` (N and up) instead of `gen-0`,
 *  so an archive made with N at least the ARTICLES of another one holds only
 *  new ids for it: benchmarks/scale/run adds such a folder of 10,000 articles
 *  to a built database to time an incremental run at each size.
 */
#include <zlib.h>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <map>
#include <random>
#include <string>
#include <vector>

namespace {

// Sentences of one language, and how many articles of the corpora had it
// (so the archive keeps their mix of languages).
struct Pool {
  std::vector<std::string> sentences;
  std::uint64_t articles = 0;
};

bool EndsSentence(const std::string& s, std::size_t i) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  if (c == '\n') return i + 1 < s.size() && s[i + 1] == '\n';
  if (c == '.' || c == '!' || c == '?') return i + 1 == s.size() || s[i + 1] == ' ';
  // The ideographic full stop and the full-width ! and ? (3 bytes in UTF-8).
  if (c == 0xE3 && i + 2 < s.size()) {
    return static_cast<unsigned char>(s[i + 1]) == 0x80 &&
           static_cast<unsigned char>(s[i + 2]) == 0x82;
  }
  if (c == 0xEF && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xBC) {
    unsigned char d = static_cast<unsigned char>(s[i + 2]);
    return d == 0x81 || d == 0x9F;
  }
  return false;
}

void AddSentences(const std::string& body, Pool* pool) {
  std::size_t start = 0;
  for (std::size_t i = 0; i < body.size(); ++i) {
    if (!EndsSentence(body, i)) continue;
    std::size_t end = i + (static_cast<unsigned char>(body[i]) >= 0x80 ? 3 : 1);
    std::string s = body.substr(start, end - start);
    start = end;
    std::size_t a = s.find_first_not_of(" \n\t");
    if (a == std::string::npos) continue;
    s = s.substr(a);
    for (char& c : s) {
      if (c == '\n') c = ' ';
    }
    if (s.size() >= 20 && s.size() <= 600) pool->sentences.push_back(std::move(s));
  }
}

bool ReadCorpus(const std::string& path, std::map<std::string, Pool>* pools) {
  gzFile in = gzopen(path.c_str(), "rb");
  if (!in) return false;
  std::string line;
  char buf[1 << 16];
  auto take = [&] {
    if (line.empty()) return;
    auto j = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
    line.clear();
    if (!j.is_object() || !j.contains("body") || !j["body"].is_string()) return;
    std::string lang = j.value("lang", std::string("en"));
    Pool& pool = (*pools)[lang.empty() ? "en" : lang];
    ++pool.articles;
    AddSentences(j["body"].get<std::string>(), &pool);
  };
  while (gzgets(in, buf, sizeof buf)) {
    line += buf;
    if (!line.empty() && line.back() == '\n') take();
  }
  take();
  gzclose(in);
  return true;
}

// A word no corpus has: "quorv" and `k` in letters (a, b, ..., z, ba, ...).
std::string MadeUpWord(std::uint64_t k) {
  std::string letters;
  do {
    letters.insert(letters.begin(), static_cast<char>('a' + k % 26));
    k /= 26;
  } while (k > 0);
  return "quorv" + letters;
}

// Words of news in most years, for either side of a planted phrase.
const char* const kCommonWords[] = {
    "harbour", "council",  "market", "minister", "police", "election", "river",  "station",
    "budget",  "hospital", "school", "court",    "strike", "border",   "energy", "festival",
};

}  // namespace

int main(int argc, char** argv) {
  std::uint64_t plant = 0;
  std::uint64_t first_id = 0;
  while (argc > 2 && (std::string(argv[1]) == "--plant" || std::string(argv[1]) == "--first-id")) {
    (std::string(argv[1]) == "--plant" ? plant : first_id) = std::strtoull(argv[2], nullptr, 10);
    argc -= 2;
    argv += 2;
  }
  if (argc < 5) {
    std::cerr << "usage: generate_archive [--plant N] [--first-id N] OUT_DIR ARTICLES FILES SEED "
                 "CORPUS.jsonl.gz...\n";
    return 2;
  }
  const std::string out_dir = argv[1];
  const std::uint64_t articles = std::strtoull(argv[2], nullptr, 10);
  const unsigned files = std::max(1u, static_cast<unsigned>(std::strtoull(argv[3], nullptr, 10)));
  std::mt19937_64 rng(std::strtoull(argv[4], nullptr, 10));
  std::mt19937_64 plant_rng(std::strtoull(argv[4], nullptr, 10) ^ 0x9E3779B97F4A7C15ull);
  plant = std::min(plant, articles);
  const std::uint64_t stride = plant > 0 ? articles / plant : 0;
  std::uniform_int_distribution<std::size_t> common(0, std::size(kCommonWords) - 1);

  std::map<std::string, Pool> pools;
  for (int i = 5; i < argc; ++i) {
    if (!ReadCorpus(argv[i], &pools)) {
      std::cerr << "generate_archive: cannot read " << argv[i] << "\n";
      return 1;
    }
  }
  std::vector<std::string> langs;
  std::vector<double> weights;
  for (const auto& [lang, pool] : pools) {
    if (pool.sentences.size() < 100) continue;
    langs.push_back(lang);
    weights.push_back(static_cast<double>(pool.articles));
  }
  if (langs.empty()) {
    std::cerr << "generate_archive: no sentences in the corpora\n";
    return 1;
  }
  std::discrete_distribution<std::size_t> pick_lang(weights.begin(), weights.end());
  std::uniform_int_distribution<int> sentences_per_article(4, 20);
  std::uniform_int_distribution<int> day(0, 36 * 365);
  std::uniform_int_distribution<int> source(0, 39);
  std::uniform_int_distribution<int> repeat(0, 199);

  std::filesystem::create_directories(out_dir);
  std::FILE* items = nullptr;
  std::FILE* items_log = nullptr;
  if (plant > 0) {
    items = std::fopen((out_dir + "/.known-items.tsv").c_str(), "w");
    items_log = std::fopen((out_dir + "/.known-items.jsonl").c_str(), "w");
    if (!items || !items_log) {
      std::cerr << "generate_archive: cannot write the known items under " << out_dir << "\n";
      return 1;
    }
    std::fprintf(items,
                 "# %llu known items planted in %llu articles by generate_archive --plant "
                 "(seed %s): query<TAB>id<TAB>tag\n",
                 static_cast<unsigned long long>(plant), static_cast<unsigned long long>(articles),
                 argv[4]);
  }
  std::uint64_t planted = 0;
  std::uint64_t written = 0;
  for (unsigned f = 0; f < files; ++f) {
    char name[64];
    std::snprintf(name, sizeof name, "/archive-%02u.jsonl.gz", f);
    gzFile out = gzopen((out_dir + name).c_str(), "wb6");
    if (!out) {
      std::cerr << "generate_archive: cannot write " << out_dir << name << "\n";
      return 1;
    }
    std::uint64_t end = articles * (f + 1) / files;
    for (; written < end; ++written) {
      const std::string& lang = langs[pick_lang(rng)];
      const std::vector<std::string>& pool = pools[lang].sentences;
      std::uniform_int_distribution<std::size_t> pick(0, pool.size() - 1);
      std::string body;
      for (int s = sentences_per_article(rng); s > 0; --s) {
        if (!body.empty()) body += ' ';
        body += pool[pick(rng)];
      }
      std::string title = pool[pick(rng)];
      if (title.size() > 90) {
        std::size_t cut = title.rfind(' ', 90);
        if (cut == std::string::npos || cut < 20) cut = 90;
        while (cut > 0 && (static_cast<unsigned char>(title[cut]) & 0xC0) == 0x80) --cut;
        title.resize(cut);
      }
      // A repeat takes the id of an article written earlier in the archive.
      std::uint64_t id = written;
      if (written > 1000 && repeat(rng) == 0) {
        id = std::uniform_int_distribution<std::uint64_t>(0, written - 1)(rng);
      }
      std::string id_text = "gen-" + std::to_string(first_id + id);
      // Every stride-th article, from the middle of the first stride on.
      if (stride > 0 && planted < plant && written % stride == stride / 2) {
        const std::string phrase = std::string(kCommonWords[common(plant_rng)]) + " " +
                                   MadeUpWord(planted) + " " + kCommonWords[common(plant_rng)];
        id_text = "known-" + std::to_string(planted);
        body += (body.empty() ? "" : " ") + phrase + ".";
        std::fprintf(items, "\"%s\"\t%s\tphrase\n%s\t%s\twords\n", phrase.c_str(), id_text.c_str(),
                     phrase.c_str(), id_text.c_str());
        std::fprintf(items_log,
                     "{\"query\": \"\\\"%s\\\"\", \"tags\": [\"known-phrase\"]}\n"
                     "{\"query\": \"%s\", \"tags\": [\"known-words\"]}\n",
                     phrase.c_str(), phrase.c_str());
        ++planted;
      }
      int d = day(rng);
      char date[32];
      std::snprintf(date, sizeof date, "%04d-%02d-%02d", 1990 + d / 365, 1 + (d % 365) / 31 % 12,
                    1 + d % 28);
      nlohmann::json j = {{"id", id_text}, {"title", title},
                          {"date", date},  {"source", "Source " + std::to_string(source(rng))},
                          {"lang", lang},  {"body", body}};
      std::string line = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
      gzwrite(out, line.data(), static_cast<unsigned>(line.size()));
    }
    gzclose(out);
  }
  if (items) std::fclose(items);
  if (items_log) std::fclose(items_log);
  std::cerr << "generate_archive: " << written << " articles in " << files << " files under "
            << out_dir << " (" << planted << " known items)\n";
  return 0;
}
