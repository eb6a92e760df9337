/** @file language.cc
 *  @brief Language tags and a script plus function-word language guesser.
 */
#include "byline/language.h"

#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include <array>
#include <cctype>
#include <map>
#include <set>

namespace byline {

std::string NormalizeLanguage(std::string_view tag) {
  std::string t;
  for (char c : tag) {
    if (c == '-' || c == '_') break;
    t.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  static const std::map<std::string, std::string, std::less<>> kNames = {
      {"english", "en"},    {"german", "de"},    {"deutsch", "de"}, {"french", "fr"},
      {"francais", "fr"},   {"spanish", "es"},   {"italian", "it"}, {"dutch", "nl"},
      {"portuguese", "pt"}, {"russian", "ru"},   {"arabic", "ar"},  {"chinese", "zh"},
      {"japanese", "ja"},   {"korean", "ko"},    {"thai", "th"},    {"swedish", "sv"},
      {"danish", "da"},     {"norwegian", "no"}, {"finnish", "fi"}, {"turkish", "tr"},
      {"eng", "en"},        {"deu", "de"},       {"ger", "de"},     {"fra", "fr"},
      {"fre", "fr"},        {"spa", "es"},       {"rus", "ru"},     {"ara", "ar"},
      {"zho", "zh"},        {"chi", "zh"},       {"ita", "it"},     {"nld", "nl"},
      {"por", "pt"},        {"jpn", "ja"}};
  if (t.size() == 2 && std::isalpha(static_cast<unsigned char>(t[0])) &&
      std::isalpha(static_cast<unsigned char>(t[1]))) {
    return t;
  }
  auto it = kNames.find(t);
  return it == kNames.end() ? std::string() : it->second;
}

std::string GuessLanguage(std::string_view text) {
  // Look at the first few kilobytes only: enough for a news article.
  std::size_t limit = std::min<std::size_t>(text.size(), 4096);
  std::map<UScriptCode, int> scripts;
  int32_t i = 0;
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  while (i < static_cast<int32_t>(limit)) {
    UChar32 c;
    U8_NEXT(s, i, static_cast<int32_t>(limit), c);
    if (c < 0 || !u_isalpha(c)) continue;
    UErrorCode status = U_ZERO_ERROR;
    UScriptCode sc = uscript_getScript(c, &status);
    if (U_SUCCESS(status)) ++scripts[sc];
  }
  UScriptCode best = USCRIPT_LATIN;
  int best_n = 0;
  for (auto [sc, n] : scripts) {
    if (n > best_n) {
      best = sc;
      best_n = n;
    }
  }
  if (scripts[USCRIPT_HIRAGANA] + scripts[USCRIPT_KATAKANA] > best_n / 10 &&
      scripts[USCRIPT_HIRAGANA] + scripts[USCRIPT_KATAKANA] > 0) {
    return "ja";
  }
  switch (best) {
    case USCRIPT_HAN:
      return "zh";
    case USCRIPT_HANGUL:
      return "ko";
    case USCRIPT_ARABIC:
      return "ar";
    case USCRIPT_CYRILLIC:
      return "ru";
    case USCRIPT_GREEK:
      return "el";
    case USCRIPT_THAI:
      return "th";
    case USCRIPT_HEBREW:
      return "he";
    case USCRIPT_DEVANAGARI:
      return "hi";
    default:
      break;
  }
  // Latin script: count function words.
  static const std::array<std::pair<const char*, std::set<std::string, std::less<>>>, 7> kWords = {
      {{"en", {"the", "and", "of", "to", "in", "is", "that", "for", "with", "was", "on"}},
       {"de", {"der", "die", "und", "das", "nicht", "ist", "mit", "den", "von", "ein", "sich"}},
       {"fr", {"le", "la", "les", "et", "des", "est", "une", "du", "pour", "dans", "qui"}},
       {"es", {"el", "los", "las", "y", "que", "del", "por", "una", "con", "para", "se"}},
       {"it", {"il", "di", "che", "non", "per", "una", "della", "sono", "gli", "con", "nel"}},
       {"nl", {"de", "het", "een", "van", "en", "niet", "dat", "zijn", "voor", "op", "met"}},
       {"pt", {"o", "os", "que", "não", "uma", "do", "da", "em", "para", "com", "dos"}}}};
  std::array<int, 7> counts{};
  std::string word;
  auto flush = [&]() {
    if (word.empty()) return;
    for (std::size_t k = 0; k < kWords.size(); ++k) {
      if (kWords[k].second.count(word)) ++counts[k];
    }
    word.clear();
  };
  for (std::size_t k = 0; k < limit; ++k) {
    unsigned char c = static_cast<unsigned char>(text[k]);
    if (std::isalpha(c) || c >= 0x80) {
      word.push_back(static_cast<char>(std::tolower(c)));
    } else {
      flush();
    }
  }
  flush();
  std::size_t best_lang = 0;
  for (std::size_t k = 1; k < counts.size(); ++k) {
    if (counts[k] > counts[best_lang]) best_lang = k;
  }
  return counts[best_lang] >= 3 ? kWords[best_lang].first : "en";
}

}  // namespace byline
