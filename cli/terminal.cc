/** @file terminal.cc
 *  @brief tty, width and colour, resolved once.
 */
#include "byline/cli/terminal.h"

#include <sys/ioctl.h>
#include <unistd.h>

#include <cstdlib>

namespace byline {

CLI::Option* AddColorOption(CLI::App& cmd, TerminalOptions* opts) {
  return cmd
      .add_option("--color", opts->color,
                  "Colour: auto (on a terminal, unless NO_COLOR), always, never")
      ->check(CLI::IsMember({"auto", "always", "never"}));
}

TerminalFacts ProbeTerminal() {
  TerminalFacts facts;
  facts.stdout_tty = isatty(STDOUT_FILENO);
  facts.stderr_tty = isatty(STDERR_FILENO);
  struct winsize ws {};
  if (facts.stdout_tty && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0) {
    facts.columns = ws.ws_col;
    facts.rows = ws.ws_row;
  }
  const char* no_color = std::getenv("NO_COLOR");
  facts.no_color = no_color && *no_color;
  return facts;
}

Terminal ResolveTerminal(const TerminalOptions& opts, const TerminalFacts& facts) {
  Terminal t;
  t.stdout_tty = facts.stdout_tty;
  t.stderr_tty = facts.stderr_tty;
  t.color = opts.color == "always" || (opts.color == "auto" && facts.stdout_tty && !facts.no_color);
  if (facts.stdout_tty && facts.columns >= 40) t.width = facts.columns;
  if (facts.stdout_tty) t.height = facts.rows;
  return t;
}

}  // namespace byline
