// Thin RAII wrappers over the SQLite C API, private to storage/.
//
// Used only by database.cc. Translates SQLite result codes into Status once, here; nothing
// outside storage/ sees sqlite3 types. Not thread-safe (one connection per thread).
//
// libsqlite3 is opened at run time (dlopen), the first time a connection is opened; only
// its header is used at build time. A missing library makes Connection::Open fail with a
// message naming it and its Debian package.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "base/status.h"

namespace bouncescan::storage {

inline constexpr char kSqliteSoname[] = "libsqlite3.so.0";
inline constexpr char kSqlitePackage[] = "libsqlite3-0";

// Opens libsqlite3 and looks up the functions used here, the first time; later calls return
// the first call's answer. Connection::Open calls it. Thread-safe.
Status LoadSqlite();

// What LoadSqlite() would answer if libsqlite3 were the file `soname`: opens it and looks up
// every function, then closes it again. Changes nothing for LoadSqlite(). For tests.
Status CheckSqliteLibrary(const std::string& soname);

// The Status for an SQLite failure: kBusy for BUSY/LOCKED, kUnsupported for NOTADB,
// kIoError for I/O and permission problems, else kInternal. `what` names the operation.
Status SqliteStatus(sqlite3* db, int rc, std::string_view what);

class Connection {
 public:
  Connection() = default;
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  Status Open(const std::string& path, bool read_only);
  // Runs one or more statements that return no rows.
  Status Exec(std::string_view sql);
  sqlite3* get() const { return db_; }
  // Each wait of a statement for a lock held elsewhere is given up after `ms`.
  void SetBusyTimeout(int ms);
  std::int64_t LastInsertId() const;
  int Changes() const;

 private:
  sqlite3* db_ = nullptr;
};

// One prepared statement. Bind indexes are 1-based, column indexes 0-based.
class Statement {
 public:
  Statement(Connection& db, std::string_view sql);
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  // The status of preparing; check before use.
  const Status& status() const { return status_; }

  Statement& Bind(int index, std::int64_t value);
  Statement& Bind(int index, std::string_view value);
  Statement& BindNull(int index);
  // Advances: true with a row, false when done; on error false and *error set.
  bool Step(Status* error);
  // Runs to completion (for statements that return no rows).
  Status Run();
  void Reset();

  // REQUIRES: Step() returned true.
  std::int64_t Int(int column) const;
  bool IsNull(int column) const;
  std::string Text(int column) const;

 private:
  sqlite3* db_ = nullptr;
  sqlite3_stmt* stmt_ = nullptr;
  Status status_;
};

}  // namespace bouncescan::storage
