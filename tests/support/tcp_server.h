/** @file tcp_server.h
 *  @brief A `xapian-tcpsrv` on loopback for the tests of remote shards.
 */
#ifndef BYLINE_TESTS_SUPPORT_TCP_SERVER_H
#define BYLINE_TESTS_SUPPORT_TCP_SERVER_H

#include <sys/types.h>

#include <string>

namespace byline::test {

/// True if `program` is on PATH (xapian-tcpsrv is in Debian's xapian-tools;
/// tests that need it skip without it).
bool OnPath(const std::string& program);

/// One `xapian-tcpsrv` serving `db` on 127.0.0.1 at a free port; stopped
/// when destroyed.
class TcpServer {
 public:
  explicit TcpServer(const std::string& db) : db_(db) {}
  ~TcpServer() { Stop(); }
  TcpServer(const TcpServer&) = delete;
  TcpServer& operator=(const TcpServer&) = delete;

  /// Starts the server and waits until it accepts connections; false if it
  /// could not (five ports tried).
  bool Start();
  /// Stops it (SIGTERM, which also ends the processes serving connections).
  void Stop();
  int port() const { return port_; }

 private:
  std::string db_;
  int port_ = -1;
  pid_t pid_ = -1;
};

}  // namespace byline::test

#endif  // BYLINE_TESTS_SUPPORT_TCP_SERVER_H
