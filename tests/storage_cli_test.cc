// The storage commands end to end, through the real binary and a real database file:
// suppressed add/remove/why/export/import, check, events, and their errors.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include "storage/test_util.h"
#include "tests/subprocess.h"

namespace bouncescan {
namespace {

using testing::ProcessResult;

class StorageCliTest : public ::testing::Test {
 protected:
  ProcessResult Bs(std::vector<std::string> args) {
    return testing::Run(binary_, args, dir_.path(),
                        {"XDG_CONFIG_HOME=" + dir_.File("config"), "XDG_DATA_HOME=" + dir_.File("data")});
  }
  void Write(const std::string& name, const std::string& text) { std::ofstream(dir_.File(name), std::ios::binary) << text; }
  std::string Read(const std::string& name) { return testing::ReadAll(dir_.File(name)); }

  storage::testing::TempDir dir_;
  std::string binary_ = testing::EnvOr("BOUNCESCAN_BINARY", "");
};

TEST_F(StorageCliTest, AddWhyRemoveOnTheDefaultDatabase) {
  ProcessResult r = Bs({"suppressed", "add", " Ann@Example.COM ", "--note", "asked by phone"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "suppressed Ann@example.com\n");
  // Created where XDG says, private.
  struct stat st {};
  ASSERT_EQ(stat(dir_.File("data/bouncescan/bouncescan.db").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  r = Bs({"suppressed", "why", "Ann@example.com"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("Ann@example.com is suppressed: added by hand"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("note: asked by phone"), std::string::npos);
  r = Bs({"suppressed"});
  EXPECT_NE(r.out.find("Ann@example.com  manual (manual)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("1 address suppressed"), std::string::npos);
  r = Bs({"suppressed", "remove", "Ann@EXAMPLE.com"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("removed Ann@example.com"), std::string::npos);
  r = Bs({"suppressed", "why", "Ann@example.com"});
  EXPECT_NE(r.out.find("is not suppressed: removed by hand"), std::string::npos) << r.out;
  r = Bs({"suppressed", "add", "not-an-address"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("not an e-mail address"), std::string::npos);
}

TEST_F(StorageCliTest, ExportImportsBackAndListsAsJsonAndCsv) {
  ASSERT_EQ(Bs({"--db", dir_.File("a.db"), "suppressed", "add", "ann@example.com", "--note", "a, \"quoted\" note"}).exit_code, 0);
  ASSERT_EQ(Bs({"--db", dir_.File("a.db"), "suppressed", "add", "bob@bücher.example"}).exit_code, 0);
  ProcessResult r = Bs({"--db", dir_.File("a.db"), "suppressed", "export", "--csv", dir_.File("list.csv")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "exported 2 addresses to " + dir_.File("list.csv") + "\n");
  const std::string csv = Read("list.csv");
  EXPECT_EQ(csv.substr(0, csv.find("\r\n")), "Email Address,Reason,Origin,First Seen,Last Seen,Count,Note");
  EXPECT_NE(csv.find("\r\nann@example.com,manual,manual,"), std::string::npos) << csv;
  EXPECT_NE(csv.find(",\"a, \"\"quoted\"\" note\"\r\n"), std::string::npos) << csv;
  EXPECT_NE(csv.find("\r\nbob@xn--bcher-kva.example,"), std::string::npos) << csv;
  EXPECT_EQ(Bs({"--db", dir_.File("a.db"), "suppressed", "--csv"}).out, csv);

  r = Bs({"--db", dir_.File("b.db"), "suppressed", "import", dir_.File("list.csv")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "imported 2 addresses from " + dir_.File("list.csv") + "\n");
  r = Bs({"--db", dir_.File("b.db"), "suppressed", "import", dir_.File("list.csv")});
  EXPECT_NE(r.out.find("imported 0 addresses"), std::string::npos);
  EXPECT_NE(r.out.find("(2 already on the list)"), std::string::npos);
  r = Bs({"--db", dir_.File("b.db"), "suppressed", "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("\"address\":\"ann@example.com\""), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\"origin\":\"import\""), std::string::npos);
  EXPECT_NE(r.out.find("\"note\":\"imported: manual; a, \\\"quoted\\\" note\""), std::string::npos) << r.out;
  EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 2);
}

TEST_F(StorageCliTest, CheckDropsSuppressedRowsAndSaysWhy) {
  const std::string db = dir_.File("c.db");
  ASSERT_EQ(Bs({"--db", db, "suppressed", "add", "bob@example.com"}).exit_code, 0);
  Write("contacts.csv",
        "\xEF\xBB\xBF\"First Name\",\"E-mail Address\",\"E-mail 2 Address\"\r\n"
        "\"Ann\",\"ann@example.com\",\"\"\r\n"
        "\"Bob\",\"BOB@EXAMPLE.COM\",\"\"\r\n"   // local part differs: not the same address
        "\"Robert\",\"robert@example.org\",\" bob@Example.com \"\r\n");
  ProcessResult r = Bs({"--db", db, "check", dir_.File("contacts.csv"), "--out", dir_.File("clean.csv"), "--removed",
                        dir_.File("removed.csv")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, dir_.File("contacts.csv") + ": 3 rows, 1 removed (1 manual), 2 written to " + dir_.File("clean.csv") +
                       "; removed rows in " + dir_.File("removed.csv") + "\n");
  EXPECT_EQ(Read("clean.csv"),
            "\xEF\xBB\xBF\"First Name\",\"E-mail Address\",\"E-mail 2 Address\"\r\n"
            "\"Ann\",\"ann@example.com\",\"\"\r\n"
            "\"Bob\",\"BOB@EXAMPLE.COM\",\"\"\r\n");
  EXPECT_EQ(Read("removed.csv"),
            "\xEF\xBB\xBF\"First Name\",\"E-mail Address\",\"E-mail 2 Address\",\"Suppressed\"\r\n"
            "\"Robert\",\"robert@example.org\",\" bob@Example.com \",\"manual (bob@example.com)\"\r\n");
  r = Bs({"--db", db, "check", dir_.File("contacts.csv"), "--out", dir_.File("marked.csv"), "--mark"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("3 rows, 1 marked (1 manual), 3 written"), std::string::npos) << r.out;
}

TEST_F(StorageCliTest, BrokenOrUnreadableInputIsAClearErrorAndWritesNothing) {
  Write("broken.csv", "name,email\nAnn,ann@example.com\n\"Bob,bob@example.com\n");
  ProcessResult r = Bs({"--db", dir_.File("d.db"), "check", dir_.File("broken.csv"), "--out", dir_.File("out.csv")});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find(dir_.File("broken.csv") + ": line 3: "), std::string::npos) << r.err;
  EXPECT_FALSE(std::filesystem::exists(dir_.File("out.csv")));
  r = Bs({"--db", dir_.File("d.db"), "check", dir_.File("missing.csv"), "--out", dir_.File("out.csv")});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("cannot read " + dir_.File("missing.csv")), std::string::npos) << r.err;
  r = Bs({"--db", dir_.File("d.db"), "suppressed", "import", dir_.File("broken.csv")});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("broken.csv: line 3"), std::string::npos) << r.err;
  EXPECT_NE(Bs({"--db", dir_.File("d.db"), "suppressed"}).out.find("empty"), std::string::npos);
}

TEST_F(StorageCliTest, ADatabaseFromANewerVersionIsRefused) {
  const std::string db = dir_.File("newer.db");
  sqlite3* raw = nullptr;
  ASSERT_EQ(sqlite3_open(db.c_str(), &raw), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(raw, "CREATE TABLE t (x); PRAGMA user_version = 42;", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(raw);
  for (std::vector<std::string> cmd : {std::vector<std::string>{"events"}, {"suppressed"}, {"suppressed", "add", "a@example.com"}}) {
    std::vector<std::string> args{"--db", db};
    args.insert(args.end(), cmd.begin(), cmd.end());
    ProcessResult r = Bs(args);
    EXPECT_EQ(r.exit_code, 7) << cmd[0];
    EXPECT_NE(r.err.find(db + ": written by a newer bouncescan (schema version 42"), std::string::npos) << r.err;
  }
}

TEST_F(StorageCliTest, EventsOnAnEmptyDatabaseAndBadDates) {
  ProcessResult r = Bs({"events"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "no events recorded yet\n");
  EXPECT_FALSE(std::filesystem::exists(dir_.File("data/bouncescan/bouncescan.db")));  // reading creates nothing
  EXPECT_EQ(Bs({"events", "--json"}).out, "");
  r = Bs({"events", "--since", "last tuesday"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("is not a date"), std::string::npos);
}

}  // namespace
}  // namespace bouncescan
