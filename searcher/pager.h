/** @file pager.h
 *  @brief Long text through a pager ($PAGER, else `less -R`, else `more`),
 *  as git and man do it, and only on a terminal.
 */
#ifndef BYLINE_SEARCHER_PAGER_H
#define BYLINE_SEARCHER_PAGER_H

#include <cstddef>
#include <string>
#include <string_view>

#include "byline/cli/terminal.h"
#include "byline/status.h"

namespace byline {

/// Whether text that fills `lines` screen lines goes through a pager: only
/// when stdout is a terminal, `no_pager` is false and the text is longer than
/// the screen (one row is kept for the shell's prompt; a terminal that does
/// not say its height is taken to have 24 rows).
bool ShouldPage(const Terminal& terminal, bool no_pager, std::size_t lines);

/// The pager, a command line for /bin/sh: `pager_env` ($PAGER) when it is set
/// and not empty, else "less -R" when `less_found`, else "more".
std::string PagerCommand(const char* pager_env, bool less_found);

/// True if `name` is an executable file in one of the folders of $PATH.
bool FoundOnPath(const std::string& name);

/// The screen lines `text` fills at `width` columns: every line at least one,
/// a line wider than the screen as many as the terminal folds it into (East
/// Asian wide characters count two columns, ANSI colour sequences none).
std::size_t ScreenLines(std::string_view text, std::size_t width);

/// Runs `command` with /bin/sh, writes `text` to its standard input and waits
/// for it to end. Meanwhile this process ignores SIGINT (Ctrl-C is the
/// pager's) and SIGPIPE (the user may quit before the end); the pager starts
/// with the signal handling this process had, and with LESS=R unless LESS is
/// set, so that `less` shows colour. kIOError, with nothing shown, if the pager could
/// not be started (the shell did not find it: exit status 127).
Status RunPager(const std::string& command, const std::string& text);

}  // namespace byline

#endif  // BYLINE_SEARCHER_PAGER_H
