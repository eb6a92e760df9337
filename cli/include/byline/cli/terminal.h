/** @file terminal.h
 *  @brief The terminal, resolved once after parsing: is output a terminal,
 *  how wide is it, and is colour wanted (`--color`, NO_COLOR)? Commands
 *  receive a Terminal and never ask again.
 */
#ifndef BYLINE_CLI_TERMINAL_H
#define BYLINE_CLI_TERMINAL_H

#include <CLI/CLI.hpp>

#include <cstddef>
#include <string>

namespace byline {

/// The terminal options as parsed: `--color auto|always|never`.
struct TerminalOptions {
  std::string color = "auto";
};

/// Adds `--color` to `cmd`, stored in `opts->color`; any other value than
/// auto, always or never is a parse error.
CLI::Option* AddColorOption(CLI::App& cmd, TerminalOptions* opts);

/// What the process was started with, as ProbeTerminal finds it (tests make
/// their own).
struct TerminalFacts {
  bool stdout_tty = false;  ///< isatty(stdout)
  bool stderr_tty = false;  ///< isatty(stderr)
  std::size_t columns = 0;  ///< stdout's width if a terminal says so, else 0
  std::size_t rows = 0;     ///< stdout's height if a terminal says so, else 0
  bool no_color = false;    ///< NO_COLOR is set and not empty
};

/// Asks the system: isatty, TIOCGWINSZ, $NO_COLOR.
TerminalFacts ProbeTerminal();

/// The terminal as commands use it.
struct Terminal {
  bool stdout_tty = false;  ///< results go to a terminal
  bool stderr_tty = false;  ///< a progress line can be redrawn on stderr
  bool color = false;       ///< write ANSI colour to stdout
  std::size_t width = 80;   ///< columns to wrap stdout at
  std::size_t height = 0;   ///< stdout's rows when it is a terminal that says so, else 0
};

/// Resolves the options against the facts: colour when `always`, or when
/// `auto` on a terminal without NO_COLOR, never when `never`; the width is
/// the terminal's when stdout is one at least 40 columns wide, else 80; the
/// height is the terminal's rows when stdout is one, else 0.
Terminal ResolveTerminal(const TerminalOptions& opts, const TerminalFacts& facts);

}  // namespace byline

#endif  // BYLINE_CLI_TERMINAL_H
