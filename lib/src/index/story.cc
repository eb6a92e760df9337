/** @file story.cc
 *  @brief Signatures, candidate band terms, verification, and the two passes
 *  that group articles into stories.
 */
#include "index/story.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <unordered_map>

#include "byline/schema.h"
#include "byline/text.h"

namespace byline::story {
namespace {

constexpr unsigned char kSignatureVersion = 1;
constexpr std::size_t kSignatureBytes = 1 + 8 + 4 + 2 * kMinHashes + 1 + 2 * kNumberHashes;

// Metadata notes of an update in place: "story:d:" + docid (8 hex digits),
// "story:k:" + a story key.
const std::string kMarkArticle = std::string(schema::kMetaStoryPrefix) + "d:";
const std::string kMarkStory = std::string(schema::kMetaStoryPrefix) + "k:";

// The MinHash functions: h_i(s) = a_i * s + b_i (mod 2^64), a_i odd, over
// shingle hashes that are already mixed. Fixed seeds: a signature must mean
// the same in every run and on every machine.
struct HashFamily {
  std::array<std::uint64_t, kMinHashes> a, b;
  HashFamily() {
    std::uint64_t state = 0x6279'6c69'6e65'0001ULL;  // "byline", 1
    for (unsigned i = 0; i < kMinHashes; ++i) {
      state += 0x9e3779b97f4a7c15ULL;
      a[i] = Mix64(state) | 1;
      state += 0x9e3779b97f4a7c15ULL;
      b[i] = Mix64(state);
    }
  }
};
const HashFamily& Family() {
  static const HashFamily family;
  return family;
}

// Days since 0000-03-01 (Howard Hinnant's days_from_civil, shifted), plus
// one so that 0 means undated; 0 for a key that is not "YYYYMMDD".
std::uint32_t DayNumber(const std::string& key) {
  if (key.size() != 8 ||
      !std::all_of(key.begin(), key.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return 0;
  }
  int y = std::atoi(key.substr(0, 4).c_str()), m = std::atoi(key.substr(4, 2).c_str()),
      d = std::atoi(key.substr(6, 2).c_str());
  if (m < 1 || m > 12 || d < 1 || d > 31) return 0;
  y -= m <= 2;
  const int era = y / 400;
  const int yoe = y - era * 400;
  const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  const long days = static_cast<long>(era) * 146097 + doe;
  return days < 0 ? 0 : static_cast<std::uint32_t>(days + 1);
}

void PutBE(std::string* out, std::uint64_t v, int bytes) {
  for (int i = bytes - 1; i >= 0; --i) out->push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}
std::uint64_t GetBE(const std::string& in, std::size_t at, int bytes) {
  std::uint64_t v = 0;
  for (int i = 0; i < bytes; ++i) v = (v << 8) | static_cast<unsigned char>(in[at + i]);
  return v;
}

std::string Hex(std::uint64_t v, int digits) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%0*llx", digits, static_cast<unsigned long long>(v));
  return std::string(buf, static_cast<std::size_t>(digits));
}

// The signature stored with a document; false if it has none (no words, or
// written before stories existed).
bool SignatureOf(const Xapian::Document& doc, Signature* sig) {
  return DecodeSignature(doc.get_value(schema::kSlotStorySignature), sig) && sig->exact != 0;
}

// The article's id term ("" if none).
std::string IdTermOf(const Xapian::Document& doc) {
  Xapian::TermIterator it = doc.termlist_begin();
  it.skip_to(schema::kPrefixId);
  if (it == doc.termlist_end() || (*it).compare(0, 1, schema::kPrefixId) != 0) return "";
  return *it;
}

bool Cancelled(const std::atomic<int>* cancel) {
  return cancel != nullptr && cancel->load(std::memory_order_relaxed) != 0;
}

// Union-find over docids, holding only the articles that entered it.
class Forest {
 public:
  bool Contains(Xapian::docid d) const { return parent_.count(d) > 0; }
  void Add(Xapian::docid d) { parent_.emplace(d, d); }
  Xapian::docid Find(Xapian::docid d) {
    Add(d);
    Xapian::docid root = d;
    while (parent_[root] != root) root = parent_[root];
    while (parent_[d] != root) {  // path compression
      Xapian::docid next = parent_[d];
      parent_[d] = root;
      d = next;
    }
    return root;
  }
  void Union(Xapian::docid a, Xapian::docid b) {
    a = Find(a);
    b = Find(b);
    if (a != b) parent_[std::max(a, b)] = std::min(a, b);
  }
  const std::unordered_map<Xapian::docid, Xapian::docid>& all() const { return parent_; }

 private:
  std::unordered_map<Xapian::docid, Xapian::docid> parent_;
};

}  // namespace

// get_document and replace_document follow each other, so glass takes its
// modification shortcut (glass_database.cc, replace_document): with no
// position changed and the data untouched, it rewrites the document's term
// list and values and adds or removes the one "XK" posting, not its other
// postings and positions.
bool WriteKey(Xapian::WritableDatabase& db, Xapian::docid did, const std::string& key) {
  Xapian::Document doc = db.get_document(did);
  if (doc.get_value(schema::kSlotStory) == key) return false;
  std::vector<std::string> old;
  const std::string prefix = schema::kPrefixStory;
  Xapian::TermIterator it = doc.termlist_begin();
  for (it.skip_to(prefix); it != doc.termlist_end() && (*it).compare(0, prefix.size(), prefix) == 0;
       ++it) {
    old.push_back(*it);
  }
  for (const std::string& t : old) doc.remove_term(t);
  if (key.empty()) {
    doc.remove_value(schema::kSlotStory);
  } else {
    doc.add_boolean_term(prefix + key);
    doc.add_value(schema::kSlotStory, key);
  }
  db.replace_document(did, doc);
  return true;
}

namespace {

// The key of every article in `forest`: the hash of its component's
// smallest id term, or "" for an article alone. Appended to *keys.
bool Components(const Xapian::Database& db, Forest& forest, const std::atomic<int>* cancel,
                PassStats* stats, std::vector<std::pair<Xapian::docid, std::string>>* keys) {
  std::unordered_map<Xapian::docid, std::vector<Xapian::docid>> groups;
  std::vector<Xapian::docid> members;
  members.reserve(forest.all().size());
  for (const auto& entry : forest.all()) members.push_back(entry.first);
  for (Xapian::docid d : members) groups[forest.Find(d)].push_back(d);
  stats->articles += members.size();
  for (auto& [root, docs] : groups) {
    if (Cancelled(cancel)) return false;
    std::string key;
    if (docs.size() > 1) {
      std::string smallest;
      for (Xapian::docid d : docs) {
        std::string id = IdTermOf(db.get_document(d));
        if (smallest.empty() || (!id.empty() && id < smallest)) smallest = id;
      }
      key = StoryKey(smallest);
    }
    for (Xapian::docid d : docs) keys->emplace_back(d, key);
  }
  std::sort(keys->begin(), keys->end());
  return true;
}

}  // namespace

Signature MakeSignature(const std::vector<std::uint64_t>& words,
                        const std::vector<std::uint64_t>& numbers, const std::string& date_key) {
  Signature sig;
  if (words.empty()) return sig;
  std::uint64_t exact = 0x6279'6c69'6e65'0002ULL;
  for (std::uint64_t w : words) exact = Mix64(exact ^ w);
  sig.exact = exact == 0 ? 1 : exact;
  sig.day = DayNumber(date_key);
  const HashFamily& f = Family();
  std::array<std::uint64_t, kMinHashes> mins;
  mins.fill(~0ULL);
  // A text shorter than a shingle is one shingle of all its words.
  const std::size_t n = words.size() < kShingleWords ? 1 : words.size() - kShingleWords + 1;
  const std::size_t width = std::min<std::size_t>(kShingleWords, words.size());
  for (std::size_t i = 0; i < n; ++i) {
    std::uint64_t s = 0;
    for (std::size_t k = 0; k < width; ++k) s = Mix64(s ^ words[i + k]);
    for (unsigned j = 0; j < kMinHashes; ++j) mins[j] = std::min(mins[j], f.a[j] * s + f.b[j]);
  }
  // A 16-bit fingerprint of each minimum (b-bit MinHash): unrelated
  // minimums agree by chance once in 65,536.
  for (unsigned j = 0; j < kMinHashes; ++j) {
    sig.mins[j] = static_cast<std::uint16_t>(Mix64(mins[j]) >> 48);
  }
  std::vector<std::uint64_t> distinct = numbers;
  std::sort(distinct.begin(), distinct.end());
  distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
  sig.numbers = static_cast<std::uint8_t>(std::min<std::size_t>(distinct.size(), 255));
  std::array<std::uint64_t, kNumberHashes> nmins;
  nmins.fill(~0ULL);
  for (std::uint64_t x : distinct) {
    std::uint64_t s = Mix64(x ^ 0x6e756d73ULL);  // "nums": apart from the shingles
    for (unsigned j = 0; j < kNumberHashes; ++j) nmins[j] = std::min(nmins[j], f.a[j] * s + f.b[j]);
  }
  for (unsigned j = 0; j < kNumberHashes; ++j) {
    sig.number_mins[j] = static_cast<std::uint16_t>(Mix64(nmins[j]) >> 48);
  }
  return sig;
}

std::string EncodeSignature(const Signature& sig) {
  std::string out;
  out.reserve(kSignatureBytes);
  out.push_back(static_cast<char>(kSignatureVersion));
  PutBE(&out, sig.exact, 8);
  PutBE(&out, sig.day, 4);
  for (std::uint16_t m : sig.mins) PutBE(&out, m, 2);
  out.push_back(static_cast<char>(sig.numbers));
  for (std::uint16_t m : sig.number_mins) PutBE(&out, m, 2);
  return out;
}

bool DecodeSignature(const std::string& value, Signature* sig) {
  if (value.size() != kSignatureBytes ||
      static_cast<unsigned char>(value[0]) != kSignatureVersion) {
    return false;
  }
  sig->exact = GetBE(value, 1, 8);
  sig->day = static_cast<std::uint32_t>(GetBE(value, 9, 4));
  for (unsigned j = 0; j < kMinHashes; ++j) {
    sig->mins[j] = static_cast<std::uint16_t>(GetBE(value, 13 + 2 * j, 2));
  }
  const std::size_t at = 13 + 2 * kMinHashes;
  sig->numbers = static_cast<std::uint8_t>(value[at]);
  for (unsigned j = 0; j < kNumberHashes; ++j) {
    sig->number_mins[j] = static_cast<std::uint16_t>(GetBE(value, at + 1 + 2 * j, 2));
  }
  return true;
}

std::vector<std::string> BandTerms(const Signature& sig) {
  std::vector<std::string> out;
  if (sig.exact == 0) return out;
  out.reserve(kBands);
  for (unsigned b = 0; b < kBands; ++b) {
    std::uint64_t h = b;
    for (unsigned r = 0; r < kRows; ++r) h = (h << 16) ^ sig.mins[b * kRows + r];
    out.push_back(std::string(schema::kPrefixStoryBand) + static_cast<char>('a' + b) +
                  Hex(Mix64(h ^ 0x62616e64ULL) >> 32, 8));
  }
  return out;
}

double EstimatedJaccard(const Signature& a, const Signature& b) {
  unsigned same = 0;
  for (unsigned j = 0; j < kMinHashes; ++j) same += a.mins[j] == b.mins[j];
  return static_cast<double>(same) / kMinHashes;
}

double EstimatedNumberJaccard(const Signature& a, const Signature& b) {
  unsigned same = 0;
  for (unsigned j = 0; j < kNumberHashes; ++j) same += a.number_mins[j] == b.number_mins[j];
  return static_cast<double>(same) / kNumberHashes;
}

bool AreCopies(const Signature& a, const Signature& b, const CopyRule& rule) {
  if (a.exact == 0 || b.exact == 0) return false;
  if (a.exact == b.exact) return true;
  if (a.day != 0 && b.day != 0) {
    std::uint32_t gap = a.day > b.day ? a.day - b.day : b.day - a.day;
    if (gap > rule.max_days) return false;
  }
  if (rule.min_number_jaccard > 0 && a.numbers >= rule.min_numbers &&
      b.numbers >= rule.min_numbers && EstimatedNumberJaccard(a, b) < rule.min_number_jaccard) {
    return false;
  }
  return EstimatedJaccard(a, b) >= rule.min_jaccard;
}

std::string StoryKey(const std::string& id_term) {
  // FNV-1a, as for the file terms: stable across runs and machines.
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char c : id_term) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return Hex(h, 16);
}

std::string KeyOf(const Xapian::Document& doc) { return doc.get_value(schema::kSlotStory); }

std::string MarkArticle(Xapian::WritableDatabase& db, Xapian::docid did) {
  std::string note = kMarkArticle + Hex(did, 8);
  db.set_metadata(note, "1");
  return note;
}

std::string MarkStory(Xapian::WritableDatabase& db, const std::string& key) {
  if (key.empty()) return "";
  std::string note = kMarkStory + key;
  db.set_metadata(note, "1");
  return note;
}

std::vector<std::string> MarkUnsettledNeighbours(Xapian::WritableDatabase& db, Xapian::docid did,
                                                 const Xapian::Document& doc) {
  std::vector<std::string> notes;
  Signature sig;
  if (db.get_metadata(kMarkArticle + Hex(did, 8)).empty() || !SignatureOf(doc, &sig)) return notes;
  for (const std::string& term : BandTerms(sig)) {
    Xapian::doccount tf = db.get_termfreq(term);
    if (tf < 2 || tf > kMaxBandArticles) continue;
    std::vector<Xapian::docid> others(db.postlist_begin(term), db.postlist_end(term));
    for (Xapian::docid o : others) {
      if (o == did) continue;
      std::string note = MarkStory(db, KeyOf(db.get_document(o)));
      if (!note.empty()) notes.push_back(std::move(note));
    }
  }
  return notes;
}

bool AssignAllStories(const Xapian::Database& db, const std::atomic<int>* cancel, PassStats* stats,
                      std::vector<std::pair<Xapian::docid, std::string>>* keys) {
  Forest forest;
  const std::string prefix = schema::kPrefixStoryBand;
  std::vector<std::string> shared;  // band terms of more than one article
  for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t) {
    Xapian::doccount tf = t.get_termfreq();
    if (tf > 1 && tf <= kMaxBandArticles) shared.push_back(*t);
  }
  std::vector<std::pair<Xapian::docid, Signature>> bucket;
  for (const std::string& term : shared) {
    if (Cancelled(cancel)) return false;
    bucket.clear();
    for (auto p = db.postlist_begin(term); p != db.postlist_end(term); ++p) {
      Signature sig;
      if (SignatureOf(db.get_document(*p), &sig)) bucket.emplace_back(*p, sig);
    }
    for (std::size_t i = 0; i < bucket.size(); ++i) {
      for (std::size_t j = i + 1; j < bucket.size(); ++j) {
        if (forest.Contains(bucket[i].first) && forest.Contains(bucket[j].first) &&
            forest.Find(bucket[i].first) == forest.Find(bucket[j].first)) {
          continue;
        }
        ++stats->pairs_checked;
        if (AreCopies(bucket[i].second, bucket[j].second)) {
          forest.Union(bucket[i].first, bucket[j].first);
        }
      }
    }
  }
  return Components(db, forest, cancel, stats, keys);
}

bool SettleStories(Xapian::WritableDatabase& db, const std::atomic<int>* cancel, PassStats* stats,
                   const std::vector<std::string>* given) {
  const std::string prefix = schema::kMetaStoryPrefix;
  std::vector<std::string> notes;
  if (given != nullptr) {
    notes = *given;
  } else {
    for (auto k = db.metadata_keys_begin(prefix); k != db.metadata_keys_end(prefix); ++k) {
      notes.push_back(*k);
    }
  }
  if (notes.empty()) return true;
  Forest forest;
  std::vector<Xapian::docid> queue;
  auto seed = [&](Xapian::docid d) {
    if (forest.Contains(d)) return;
    forest.Add(d);
    queue.push_back(d);
  };
  for (const std::string& note : notes) {
    if (note.compare(0, kMarkArticle.size(), kMarkArticle) == 0) {
      auto did = static_cast<Xapian::docid>(
          std::strtoull(note.c_str() + kMarkArticle.size(), nullptr, 16));
      // Gone since (replaced by a later copy, or its file removed): the
      // story it joined was noted then.
      if (did != 0) {
        try {
          (void)db.get_document(did);
          seed(did);
        } catch (const Xapian::DocNotFoundError&) {
        }
      }
    } else if (note.compare(0, kMarkStory.size(), kMarkStory) == 0) {
      const std::string term = schema::kPrefixStory + note.substr(kMarkStory.size());
      for (auto p = db.postlist_begin(term); p != db.postlist_end(term); ++p) seed(*p);
    }
  }
  // The whole component of every seed, along verified pairs.
  while (!queue.empty()) {
    if (Cancelled(cancel)) return false;
    Xapian::docid d = queue.back();
    queue.pop_back();
    Signature sig;
    if (!SignatureOf(db.get_document(d), &sig)) continue;
    for (const std::string& term : BandTerms(sig)) {
      Xapian::doccount tf = db.get_termfreq(term);
      if (tf < 2 || tf > kMaxBandArticles) continue;
      std::vector<Xapian::docid> others(db.postlist_begin(term), db.postlist_end(term));
      for (Xapian::docid o : others) {
        if (o == d || (forest.Contains(o) && forest.Find(o) == forest.Find(d))) continue;
        Signature other;
        if (!SignatureOf(db.get_document(o), &other)) continue;
        ++stats->pairs_checked;
        if (!AreCopies(sig, other)) continue;
        seed(o);
        forest.Union(d, o);
      }
    }
  }
  std::vector<std::pair<Xapian::docid, std::string>> keys;
  if (!Components(db, forest, cancel, stats, &keys)) return false;
  // The keys and the removal of the notes land in one transaction. Written
  // one by one, a run killed between two (or an automatic flush at
  // XAPIAN_FLUSH_THRESHOLD followed by a kill) left some members of a story
  // with its key and others without; if the article that joined them then
  // changed or went, no note reached the members already keyed, and they
  // kept a key no clean build gives (StoryCrashCli found one in 600
  // articles). begin_transaction commits what the run wrote before it.
  // Xapian's in-memory backend (tests, which give their notes) has no
  // transactions, and nothing to survive a kill.
  const bool transaction = given == nullptr;
  if (transaction) db.begin_transaction();
  try {
    for (const auto& [did, key] : keys) {
      if (Cancelled(cancel)) {
        if (transaction) db.cancel_transaction();
        return false;
      }
      if (WriteKey(db, did, key)) ++stats->rewritten;
    }
    for (const std::string& note : notes) db.set_metadata(note, "");
    if (transaction) db.commit_transaction();
  } catch (...) {
    try {
      if (transaction) db.cancel_transaction();
    } catch (const Xapian::Error&) {
      // The first error is the one to report.
    }
    throw;
  }
  return true;
}

}  // namespace byline::story
