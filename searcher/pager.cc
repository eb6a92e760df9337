/** @file pager.cc
 *  @brief Choosing and running the pager.
 */
#include "pager.h"

#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>

#include "wrap.h"

namespace byline {
namespace {

// Rows taken when a terminal does not say (the VT100's, and POSIX's
// default for LINES).
constexpr std::size_t kDefaultRows = 24;

// `line` without its ANSI CSI sequences (ESC [ parameters final-byte).
std::string WithoutAnsi(std::string_view line) {
  std::string plain;
  for (std::size_t i = 0; i < line.size(); ++i) {
    if (line[i] == '\033' && i + 1 < line.size() && line[i + 1] == '[') {
      i += 2;
      while (i < line.size() && !(line[i] >= 0x40 && line[i] <= 0x7E)) ++i;
      continue;
    }
    plain += line[i];
  }
  return plain;
}

}  // namespace

bool ShouldPage(const Terminal& terminal, bool no_pager, std::size_t lines) {
  if (no_pager || !terminal.stdout_tty) return false;
  const std::size_t rows = terminal.height > 0 ? terminal.height : kDefaultRows;
  return lines >= rows;
}

std::string PagerCommand(const char* pager_env, bool less_found) {
  if (pager_env && *pager_env) return pager_env;
  return less_found ? "less -R" : "more";
}

bool FoundOnPath(const std::string& name) {
  const char* path = std::getenv("PATH");
  if (!path) return false;
  std::string_view dirs = path;
  while (true) {
    const std::size_t colon = dirs.find(':');
    std::string dir(dirs.substr(0, colon));
    if (dir.empty()) dir = ".";
    const std::string file = dir + "/" + name;
    struct stat st {};
    if (stat(file.c_str(), &st) == 0 && S_ISREG(st.st_mode) && access(file.c_str(), X_OK) == 0) {
      return true;
    }
    if (colon == std::string_view::npos) return false;
    dirs.remove_prefix(colon + 1);
  }
}

std::size_t ScreenLines(std::string_view text, std::size_t width) {
  if (width == 0) width = 1;
  std::size_t lines = 0;
  while (!text.empty()) {
    const std::size_t nl = text.find('\n');
    const std::size_t cols = DisplayWidth(WithoutAnsi(text.substr(0, nl)));
    lines += cols == 0 ? 1 : (cols + width - 1) / width;
    if (nl == std::string_view::npos) break;
    text.remove_prefix(nl + 1);
  }
  return lines;
}

Status RunPager(const std::string& command, const std::string& text) {
  int fds[2];
  if (pipe(fds) != 0) {
    return Status::IOError("cannot start the pager '" + command + "' (" + std::strerror(errno) +
                           ")");
  }
  // Ignored before the fork, so that no Ctrl-C comes between; the child
  // puts them back before it runs the pager.
  struct sigaction ignore {
  }, old_int{}, old_pipe{};
  ignore.sa_handler = SIG_IGN;
  sigemptyset(&ignore.sa_mask);
  sigaction(SIGINT, &ignore, &old_int);
  sigaction(SIGPIPE, &ignore, &old_pipe);
  setenv("LESS", "R", 0);  // here, not in the child: setenv allocates
  const pid_t pid = fork();
  if (pid == 0) {
    sigaction(SIGINT, &old_int, nullptr);
    sigaction(SIGPIPE, &old_pipe, nullptr);
    close(fds[1]);
    if (dup2(fds[0], STDIN_FILENO) < 0) _exit(127);
    close(fds[0]);
    execl("/bin/sh", "sh", "-c", command.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  close(fds[0]);
  Status status;
  if (pid < 0) {
    status =
        Status::IOError("cannot start the pager '" + command + "' (" + std::strerror(errno) + ")");
  } else {
    // A write fails with EPIPE once the user has quit the pager: stop there.
    for (std::size_t done = 0; done < text.size();) {
      const ssize_t n = write(fds[1], text.data() + done, text.size() - done);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) break;
      done += static_cast<std::size_t>(n);
    }
  }
  close(fds[1]);
  if (pid > 0) {
    int wstatus = 0;
    while (waitpid(pid, &wstatus, 0) < 0 && errno == EINTR) {
    }
    if (WIFEXITED(wstatus) && WEXITSTATUS(wstatus) == 127) {
      status = Status::IOError("cannot run the pager '" + command + "'");
    }
  }
  sigaction(SIGINT, &old_int, nullptr);
  sigaction(SIGPIPE, &old_pipe, nullptr);
  return status;
}

}  // namespace byline
