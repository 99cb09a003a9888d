// Thin RAII wrappers over the SQLite C API, private to storage/.
//
// Used only by database.cc. Translates SQLite result codes into Status once, here; nothing
// outside storage/ sees sqlite3 types. Not thread-safe (one connection per thread).
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "base/status.h"

namespace bouncescan::storage {

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
  std::int64_t LastInsertId() const { return sqlite3_last_insert_rowid(db_); }
  int Changes() const { return sqlite3_changes(db_); }

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

  std::int64_t Int(int column) const { return sqlite3_column_int64(stmt_, column); }
  bool IsNull(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }
  std::string Text(int column) const;

 private:
  sqlite3* db_ = nullptr;
  sqlite3_stmt* stmt_ = nullptr;
  Status status_;
};

}  // namespace bouncescan::storage
