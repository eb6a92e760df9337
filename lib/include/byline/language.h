/** @file language.h
 *  @brief Language codes: normalising what articles say, guessing what they don't.
 */
#ifndef BYLINE_LANGUAGE_H
#define BYLINE_LANGUAGE_H

#include <string>
#include <string_view>

namespace byline {

/// Maps a language tag or name to ISO 639-1: "en-US" -> "en", "German" ->
/// "de", "zh_CN" -> "zh". Returns "" for an empty or unrecognised value.
std::string NormalizeLanguage(std::string_view tag);

/// Guesses the language of `text` (valid UTF-8) from its script, and for
/// Latin script from the most frequent function words of English, German,
/// French, Spanish, Italian, Dutch and Portuguese. Returns "en" when unsure.
std::string GuessLanguage(std::string_view text);

}  // namespace byline

#endif  // BYLINE_LANGUAGE_H
