/** @file interrupt.h
 *  @brief Ctrl-C and SIGTERM as a request to stop, for commands that can
 *  stop cleanly (`byline index`).
 */
#ifndef BYLINE_CLI_INTERRUPT_H
#define BYLINE_CLI_INTERRUPT_H

#include <atomic>
#include <csignal>

namespace byline {

/// While it lives, SIGINT and SIGTERM only record the signal (the handler
/// stores it in an atomic, which is all a handler may safely do) and
/// reset their action to the default, so that a second Ctrl-C ends the
/// process at once. The command polls received() (IndexOptions::cancel) and
/// winds down; the destructor puts the previous actions back. One at a time.
class InterruptCatcher {
 public:
  InterruptCatcher();
  ~InterruptCatcher();
  InterruptCatcher(const InterruptCatcher&) = delete;
  InterruptCatcher& operator=(const InterruptCatcher&) = delete;

  /// The signal received (SIGINT, SIGTERM), or 0: what IndexOptions::cancel
  /// points at.
  static const std::atomic<int>& received();

 private:
  struct sigaction old_int_ {};
  struct sigaction old_term_ {};
};

}  // namespace byline

#endif  // BYLINE_CLI_INTERRUPT_H
