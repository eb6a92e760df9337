/** @file fields.cc
 *  @brief The metadata names every format accepts, and article finishing.
 */
#include <cctype>

#include "byline/dates.h"
#include "byline/language.h"
#include "byline/text.h"
#include "formats.h"

namespace byline {

bool SetFieldByName(Article* a, std::string_view key, std::string value) {
  std::string k;
  for (char c : key) {
    if (c != '_' && c != '-' && c != ' ') {
      k.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    }
  }
  std::string* field = nullptr;
  if (k == "id") {
    field = &a->id;
  } else if (k == "title" || k == "headline") {
    field = &a->title;
  } else if (k == "date" || k == "published" || k == "publishedat" || k == "pubdate" ||
             k == "datepublished") {
    field = &a->date;
  } else if (k == "body" || k == "text" || k == "content") {
    field = &a->body;
  } else if (k == "source" || k == "site" || k == "sitename" || k == "publisher") {
    field = &a->source;
  } else if (k == "author" || k == "byline" || k == "by") {
    field = &a->author;
  } else if (k == "url" || k == "link") {
    field = &a->url;
  } else if (k == "lang" || k == "language") {
    field = &a->lang;
  }
  if (!field) return false;
  if (field->empty()) *field = std::move(value);  // first of the synonyms wins
  return true;
}

bool FinishArticle(Article* a, const std::string& default_id) {
  a->title = CollapseSpace(SafeForTerminal(ToUtf8(a->title)));
  a->source = CollapseSpace(SafeForTerminal(ToUtf8(a->source)));
  a->author = CollapseSpace(SafeForTerminal(ToUtf8(a->author)));
  a->url = CollapseSpace(SafeForTerminal(ToUtf8(a->url)));
  a->id = CollapseSpace(SafeForTerminal(ToUtf8(a->id)));
  a->body = CleanText(ToUtf8(a->body));
  if (a->id.empty()) a->id = default_id;
  if (a->path.empty()) a->path = default_id;
  if (!a->date.empty()) {
    auto d = ParseDate(a->date);
    a->date = d ? d->ToIso() : std::string();
  }
  std::string lang = NormalizeLanguage(a->lang);
  if (lang.empty()) lang = GuessLanguage(a->title + "\n" + a->body);
  a->lang = lang;
  return !a->title.empty() || !a->body.empty();
}

}  // namespace byline
