/** @file story_census.cc
 *  @brief The stories of a Byline database: how many, how big, and (with
 *  --list N) the ids and titles of the N largest.
 *
 *  story_census DB [--list N]
 */
#include <xapian.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include "byline/document.h"
#include "byline/schema.h"

int main(int argc, char** argv) try {
  if (argc < 2) {
    std::fprintf(stderr, "usage: story_census DB [--list N]\n");
    return 2;
  }
  std::size_t list = 0;
  if (argc >= 4 && std::string(argv[2]) == "--list") list = std::stoul(argv[3]);
  Xapian::Database db(argv[1]);
  const std::string prefix = byline::schema::kPrefixStory;
  std::vector<std::pair<Xapian::doccount, std::string>> stories;
  std::map<Xapian::doccount, std::size_t> sizes;
  std::size_t articles = 0, mismatched = 0;
  for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t) {
    stories.emplace_back(t.get_termfreq(), *t);
    ++sizes[t.get_termfreq()];
    articles += t.get_termfreq();
    const std::string key = (*t).substr(prefix.size());
    for (auto p = db.postlist_begin(*t); p != db.postlist_end(*t); ++p) {
      mismatched += db.get_document(*p).get_value(byline::schema::kSlotStory) != key;
    }
  }
  std::printf(
      "articles %u, stories with copies %zu, articles in them %zu, value/term mismatches %zu\n",
      db.get_doccount(), stories.size(), articles, mismatched);
  std::printf("story sizes:");
  for (const auto& [size, n] : sizes) std::printf(" %u:%zu", size, n);
  std::printf("\n");
  std::sort(stories.rbegin(), stories.rend());
  for (std::size_t i = 0; i < list && i < stories.size(); ++i) {
    std::printf("%s (%u)\n", stories[i].second.c_str(), stories[i].first);
    for (auto p = db.postlist_begin(stories[i].second); p != db.postlist_end(stories[i].second);
         ++p) {
      byline::Article a;
      byline::DecodeStoredArticle(db.get_document(*p).get_data(), &a);
      std::printf("  %s  %s  %s\n", a.id.c_str(), a.date.c_str(), a.title.c_str());
    }
  }
  return 0;
} catch (const Xapian::Error& e) {
  std::fprintf(stderr, "story_census: %s\n", e.get_description().c_str());
  return 1;
}
