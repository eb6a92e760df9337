/** @file process.h
 *  @brief Runs the real `byline` binary for the cli, stress and corpus tests.
 *
 *  The binary is BYLINE_BINARY, set by tests/CMakeLists.txt on the
 *  byline_test_support library for every test that links it.
 */
#ifndef BYLINE_TESTS_SUPPORT_PROCESS_H
#define BYLINE_TESTS_SUPPORT_PROCESS_H

#include <sys/types.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace byline::test {

/// What a finished run of byline left: its exit code and everything it wrote.
struct RunResult {
  int code = -1;  ///< exit status, or -1 if it did not exit normally
  std::string out, err;
};

/// Returns `s` single-quoted for /bin/sh, so that it reaches the program as one argument.
std::string Quote(const std::string& s);

/// Returns the whole content of file `p`, or "" if it cannot be read.
std::string Slurp(const std::filesystem::path& p);

/// Runs byline with `args` through /bin/sh (each argument quoted, stdin from
/// /dev/null) and waits for it; `env` is put verbatim before the command, so
/// it may hold assignments such as "NO_COLOR=1" or a wrapper command
/// (the caller quotes what it puts there). Not thread-safe: one scratch folder.
RunResult Byline(const std::vector<std::string>& args, const std::string& env = "");

/// Parses each line of `out` (byline's --json output) as JSON; throws if one is not.
std::vector<nlohmann::json> JsonLines(const std::string& out);

/// Starts byline with `args` in the background, with the "NAME=value" entries
/// of `env` ahead of this process's environment and stdout/stderr sent to
/// /dev/null (stderr to the file `err_file` if one is given), and returns its
/// pid (-1 if it could not be started).
pid_t Spawn(const std::vector<std::string>& args, const std::vector<std::string>& env,
            const std::string& err_file = "");

/// True while `pid` has not exited; once it has, this reaps it (a later
/// waitpid on it fails and leaves its status argument untouched).
bool Running(pid_t pid);

}  // namespace byline::test

#endif  // BYLINE_TESTS_SUPPORT_PROCESS_H
