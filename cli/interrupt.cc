/** @file interrupt.cc
 *  @brief A signal handler that only stores the signal number.
 */
#include "byline/cli/interrupt.h"

namespace byline {
namespace {

// Lock-free, so storing into it from a handler is async-signal-safe, and
// other threads read it like any atomic.
std::atomic<int> g_signal{0};
static_assert(std::atomic<int>::is_always_lock_free);

extern "C" void RecordSignal(int sig) { g_signal.store(sig, std::memory_order_relaxed); }

}  // namespace

InterruptCatcher::InterruptCatcher() {
  g_signal = 0;
  struct sigaction sa {};
  sa.sa_handler = RecordSignal;
  sigemptyset(&sa.sa_mask);
  // SA_RESETHAND: the first signal restores the default action, so a second
  // Ctrl-C kills at once (a database is safe then as after kill -9).
  // SA_RESTART: reads and writes in progress carry on instead of failing.
  sa.sa_flags = SA_RESETHAND | SA_RESTART;
  sigaction(SIGINT, &sa, &old_int_);
  sigaction(SIGTERM, &sa, &old_term_);
}

InterruptCatcher::~InterruptCatcher() {
  sigaction(SIGINT, &old_int_, nullptr);
  sigaction(SIGTERM, &old_term_, nullptr);
}

const std::atomic<int>& InterruptCatcher::received() { return g_signal; }

}  // namespace byline
