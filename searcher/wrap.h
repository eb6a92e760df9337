/** @file wrap.h
 *  @brief Text for a terminal, shared by the printers: display columns
 *  (East Asian wide characters count two), word wrapping with highlights,
 *  and the ANSI colours.
 */
#ifndef BYLINE_SEARCHER_WRAP_H
#define BYLINE_SEARCHER_WRAP_H

#include <cstddef>
#include <ostream>
#include <string>

#include "byline/snippet.h"

namespace byline {

/// The ANSI SGR sequences every printer uses, so that a match or a title
/// looks the same in `search` and `show`.
namespace ansi {
inline constexpr const char* kBold = "\033[1m";
inline constexpr const char* kDim = "\033[2m";
inline constexpr const char* kMatch = "\033[1;33m";  // bold yellow
inline constexpr const char* kReset = "\033[0m";
}  // namespace ansi

/// Display columns of a UTF-8 string (East Asian wide characters count 2).
std::size_t DisplayWidth(const std::string& s);

/// Writes `s.text` (one line of text: no newlines) wrapped at spaces to
/// `width` columns, each line starting with `indent`, with the highlighted
/// byte ranges coloured if `color`; at most `max_lines` lines. A word wider
/// than the line is cut where the line is full. With `color`, `style` (an
/// ansi:: sequence, e.g. a title's kBold) is the text's own, restored after
/// each highlight and reset at each line's end.
void WriteWrapped(std::ostream& out, const Snippet& s, bool color, std::size_t width,
                  const std::string& indent, std::size_t max_lines, const char* style = nullptr);

}  // namespace byline

#endif  // BYLINE_SEARCHER_WRAP_H
