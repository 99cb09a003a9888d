#include "storage/sqlite_handle.h"

#include <gtest/gtest.h>

#include <string>

namespace bouncescan::storage {
namespace {

TEST(SqliteRuntime, MissingLibraryNamesItAndThePackage) {
  Status s = CheckSqliteLibrary("libsqlite3-bouncescan-absent.so.0");
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("libsqlite3-bouncescan-absent.so.0 cannot be loaded"), std::string::npos)
      << s.message();
  EXPECT_NE(s.message().find("install the package libsqlite3-0"), std::string::npos) << s.message();
}

TEST(SqliteRuntime, LibraryWithoutSqliteIsRefused) {
  Status s = CheckSqliteLibrary("libc.so.6");
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("libc.so.6 has no function sqlite3_"), std::string::npos) << s.message();
}

// Every function storage/ calls exists in the installed libsqlite3 under the name used.
TEST(SqliteRuntime, InstalledLibrarySuppliesEveryFunction) {
  Status s = CheckSqliteLibrary(kSqliteSoname);
  EXPECT_TRUE(s.ok()) << s.message();
}

// Through the loaded functions: open, write, read back, and an SQL error translated.
TEST(SqliteRuntime, ConnectionWorksThroughTheLoadedLibrary) {
  ASSERT_TRUE(LoadSqlite().ok()) << LoadSqlite().message();
  Connection db;
  ASSERT_TRUE(db.Open(":memory:", false).ok());
  ASSERT_TRUE(db.Exec("CREATE TABLE t (a INTEGER, b TEXT)").ok());
  Statement insert(db, "INSERT INTO t VALUES (?, ?)");
  ASSERT_TRUE(insert.status().ok()) << insert.status().message();
  ASSERT_TRUE(insert.Bind(1, std::int64_t{42}).Bind(2, std::string_view("user@example.com")).Run().ok());
  EXPECT_EQ(db.LastInsertId(), 1);
  EXPECT_EQ(db.Changes(), 1);
  Statement select(db, "SELECT a, b, NULL FROM t");
  Status error;
  ASSERT_TRUE(select.Step(&error)) << error.message();
  EXPECT_EQ(select.Int(0), 42);
  EXPECT_EQ(select.Text(1), "user@example.com");
  EXPECT_TRUE(select.IsNull(2));
  EXPECT_FALSE(select.IsNull(0));
  EXPECT_FALSE(select.Step(&error));
  EXPECT_TRUE(error.ok()) << error.message();
  Status bad = db.Exec("SELECT * FROM no_such_table");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.message().find("no such table"), std::string::npos) << bad.message();
}

// A statement on a connection that was never opened reports it instead of calling SQLite.
TEST(SqliteRuntime, StatementOnAClosedConnectionIsAnError) {
  Connection db;
  Statement st(db, "SELECT 1");
  EXPECT_FALSE(st.status().ok());
  Status error;
  EXPECT_FALSE(st.Step(&error));
  EXPECT_FALSE(error.ok());
  EXPECT_FALSE(db.Exec("SELECT 1").ok());
}

}  // namespace
}  // namespace bouncescan::storage
