/** @file fuzz_file.h
 *  @brief For fuzz targets of readers that take a path: the input as a file
 *  in memory (memfd), named by a /proc/self/fd path, so that every run
 *  rewrites one file and nothing touches the disk.
 */
#ifndef BYLINE_TESTS_FUZZ_FUZZ_FILE_H
#define BYLINE_TESTS_FUZZ_FUZZ_FILE_H

#include <sys/mman.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <string>

namespace byline::fuzz {

/// Rewrites one in-memory file with `data` and returns its path. One file a
/// process: libFuzzer runs the inputs one after another.
inline const std::string& InputFile(const uint8_t* data, size_t size) {
  static const int fd = memfd_create("byline-fuzz", 0);
  static const std::string path = "/proc/self/fd/" + std::to_string(fd);
  if (fd < 0 || ftruncate(fd, 0) != 0) __builtin_trap();
  for (size_t done = 0; done < size;) {
    ssize_t n = pwrite(fd, data + done, size - done, static_cast<off_t>(done));
    if (n <= 0) __builtin_trap();
    done += static_cast<size_t>(n);
  }
  return path;
}

}  // namespace byline::fuzz

#endif  // BYLINE_TESTS_FUZZ_FUZZ_FILE_H
