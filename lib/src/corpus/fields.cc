/** @file fields.cc
 *  @brief Metadata by name (the names are schema::kFields'), and article finishing.
 */
#include "byline/dates.h"
#include "byline/language.h"
#include "byline/schema.h"
#include "byline/text.h"
#include "formats.h"

namespace byline {

bool SetFieldByName(Article* a, std::string_view key, std::string value) {
  const schema::Field* f = schema::FindMetadataField(key);
  if (!f) return false;
  std::string& field = a->*(f->member);
  if (field.empty()) field = std::move(value);  // first of the synonyms wins
  return true;
}

bool FinishArticle(Article* a, const std::string& default_id) {
  // Feeds and exports often carry HTML-escaped text (&quot;, &#8217;) in
  // every field, JSON and text files too: decoded in all that is shown. Not
  // in ids and URLs, which are matched and opened as written.
  a->title = CollapseSpace(SafeForTerminal(DecodeEntities(ToUtf8(a->title))));
  a->source = CollapseSpace(SafeForTerminal(DecodeEntities(ToUtf8(a->source))));
  a->author = CollapseSpace(SafeForTerminal(DecodeEntities(ToUtf8(a->author))));
  a->url = CollapseSpace(SafeForTerminal(ToUtf8(a->url)));
  a->id = CollapseSpace(SafeForTerminal(ToUtf8(a->id)));
  a->body = CleanText(DecodeEntities(ToUtf8(a->body)));
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
