#include "storage/sqlite_handle.h"

#include <optional>

#include "dynlib/shared_library.h"

namespace bouncescan::storage {
namespace {

// The program is not linked against libsqlite3: its ~1,600 symbol relocations would cost
// every start, `classify` and `explain` included, which never open the database. The
// functions used here are looked up once, the first time a connection is opened.
// X(name) for each of them.
#define BOUNCESCAN_SQLITE_FUNCTIONS(X)                                                                  \
  X(sqlite3_open_v2) X(sqlite3_close_v2) X(sqlite3_extended_result_codes) X(sqlite3_busy_timeout)      \
  X(sqlite3_exec) X(sqlite3_free) X(sqlite3_errmsg) X(sqlite3_errstr) X(sqlite3_prepare_v2)            \
  X(sqlite3_finalize) X(sqlite3_bind_int64) X(sqlite3_bind_text) X(sqlite3_bind_null) X(sqlite3_step) \
  X(sqlite3_reset) X(sqlite3_clear_bindings) X(sqlite3_column_text) X(sqlite3_column_bytes)            \
  X(sqlite3_column_int64) X(sqlite3_column_type) X(sqlite3_last_insert_rowid) X(sqlite3_changes)

// Types from <sqlite3.h> (decltype), so the compiler checks each use against SQLite's.
struct SqliteApi {
#define BOUNCESCAN_MEMBER(name) decltype(&::name) name = nullptr;
  BOUNCESCAN_SQLITE_FUNCTIONS(BOUNCESCAN_MEMBER)
#undef BOUNCESCAN_MEMBER
};

struct Runtime {
  Status status;  // of loading
  std::optional<dynlib::SharedLibrary> library;
  SqliteApi api;
};

Status Resolve(const dynlib::SharedLibrary& library, SqliteApi* api) {
#define BOUNCESCAN_BIND(name) \
  if (Status s = library.Bind(#name, &api->name); !s.ok()) return s;
  BOUNCESCAN_SQLITE_FUNCTIONS(BOUNCESCAN_BIND)
#undef BOUNCESCAN_BIND
  return Status::Ok();
}

// Loaded once, never unloaded: no connection can outlive the library.
const Runtime& TheRuntime() {
  static const Runtime* const runtime = [] {
    auto* r = new Runtime;
    Result<dynlib::SharedLibrary> library = dynlib::SharedLibrary::Open(kSqliteSoname, kSqlitePackage);
    if (!library.ok()) {
      r->status = library.status();
    } else if (Status s = Resolve(*library, &r->api); !s.ok()) {
      r->status = s;
    } else {
      r->library.emplace(std::move(*library));
    }
    return r;
  }();
  return *runtime;
}

// The functions. REQUIRES: a connection was opened (Connection::Open checked the load), which
// every caller below implies by holding a non-null sqlite3* or sqlite3_stmt*.
const SqliteApi& Sql() { return TheRuntime().api; }

}  // namespace

Status LoadSqlite() { return TheRuntime().status; }

Status CheckSqliteLibrary(const std::string& soname) {
  Result<dynlib::SharedLibrary> library = dynlib::SharedLibrary::Open(soname, kSqlitePackage);
  if (!library.ok()) return library.status();
  SqliteApi api;
  return Resolve(*library, &api);
}

Status SqliteStatus(sqlite3* db, int rc, std::string_view what) {
  std::string message = std::string(what) + ": ";
  if (!LoadSqlite().ok()) {
    message += "SQLite error " + std::to_string(rc);
  } else {
    message += db ? Sql().sqlite3_errmsg(db) : Sql().sqlite3_errstr(rc);
  }
  switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return Status::Error(StatusCode::kBusy, std::move(message));
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
      return Status::Error(StatusCode::kUnsupported, std::move(message));
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
    case SQLITE_READONLY:
    case SQLITE_FULL:
      return Status::IoError(std::move(message));
    default:
      return Status::Internal(std::move(message));
  }
}

Connection::~Connection() {
  if (db_) Sql().sqlite3_close_v2(db_);
}

Status Connection::Open(const std::string& path, bool read_only) {
  if (Status loaded = LoadSqlite(); !loaded.ok()) return loaded;
  int flags = read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
  int rc = Sql().sqlite3_open_v2(path.c_str(), &db_, flags, nullptr);
  if (rc != SQLITE_OK) return SqliteStatus(db_, rc, "opening " + path);
  Sql().sqlite3_extended_result_codes(db_, 1);
  return Status::Ok();
}

void Connection::SetBusyTimeout(int ms) {
  if (db_) Sql().sqlite3_busy_timeout(db_, ms);
}

std::int64_t Connection::LastInsertId() const { return db_ ? Sql().sqlite3_last_insert_rowid(db_) : 0; }

int Connection::Changes() const { return db_ ? Sql().sqlite3_changes(db_) : 0; }

Status Connection::Exec(std::string_view sql) {
  if (!db_) return Status::Internal("sql: the database is not open");
  std::string text(sql);
  char* err = nullptr;
  int rc = Sql().sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &err);
  if (rc != SQLITE_OK) {
    Sql().sqlite3_free(err);
    return SqliteStatus(db_, rc, "sql");
  }
  return Status::Ok();
}

Statement::Statement(Connection& db, std::string_view sql) : db_(db.get()) {
  if (!db_) {
    status_ = Status::Internal("preparing statement: the database is not open");
    return;
  }
  int rc = Sql().sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &stmt_, nullptr);
  if (rc != SQLITE_OK) status_ = SqliteStatus(db_, rc, "preparing statement");
}

Statement::~Statement() {
  if (stmt_) Sql().sqlite3_finalize(stmt_);
}

Statement& Statement::Bind(int index, std::int64_t value) {
  if (stmt_) Sql().sqlite3_bind_int64(stmt_, index, value);
  return *this;
}

Statement& Statement::Bind(int index, std::string_view value) {
  if (stmt_) Sql().sqlite3_bind_text(stmt_, index, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT);
  return *this;
}

Statement& Statement::BindNull(int index) {
  if (stmt_) Sql().sqlite3_bind_null(stmt_, index);
  return *this;
}

bool Statement::Step(Status* error) {
  if (!stmt_) {
    *error = status_;
    return false;
  }
  int rc = Sql().sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc != SQLITE_DONE) *error = SqliteStatus(db_, rc, "sql");
  return false;
}

Status Statement::Run() {
  Status error;
  while (Step(&error)) {
  }
  return error;
}

void Statement::Reset() {
  if (stmt_) {
    Sql().sqlite3_reset(stmt_);
    Sql().sqlite3_clear_bindings(stmt_);
  }
}

std::int64_t Statement::Int(int column) const { return stmt_ ? Sql().sqlite3_column_int64(stmt_, column) : 0; }

bool Statement::IsNull(int column) const {
  return !stmt_ || Sql().sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}

std::string Statement::Text(int column) const {
  if (!stmt_) return {};
  const unsigned char* p = Sql().sqlite3_column_text(stmt_, column);
  if (!p) return {};
  return std::string(reinterpret_cast<const char*>(p), static_cast<std::size_t>(Sql().sqlite3_column_bytes(stmt_, column)));
}

}  // namespace bouncescan::storage

