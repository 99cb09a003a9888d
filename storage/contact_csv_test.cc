#include "storage/contact_csv.h"

#include <gtest/gtest.h>

#include <set>

namespace bouncescan::storage {
namespace {

// The suppression list of these tests.
SuppressedLookup ListOf(std::map<std::string, std::string> entries) {
  return [entries = std::move(entries)](const std::string& a) -> std::optional<std::string> {
    auto it = entries.find(a);
    if (it == entries.end()) return std::nullopt;
    return it->second;
  };
}

const SuppressedLookup kNothing = ListOf({});

TEST(ParseCsv, ReadsQuotedFieldsAndKeepsOffsets) {
  auto doc = ParseCsv("a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\r\nlines\"\r\nlast,,\n");
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  ASSERT_EQ(doc->records.size(), 3u);
  EXPECT_EQ(doc->records[1].fields, (std::vector<std::string>{"x, y", "say \"hi\"", "two\r\nlines"}));
  EXPECT_TRUE(doc->records[1].all_quoted);
  EXPECT_EQ(doc->records[1].line, 2u);
  EXPECT_EQ(doc->records[2].line, 4u);
  EXPECT_EQ(doc->records[2].fields, (std::vector<std::string>{"last", "", ""}));
  EXPECT_EQ(doc->records[0].terminator, 2u);
  EXPECT_EQ(doc->records[2].terminator, 1u);
}

TEST(ParseCsv, BrokenQuotingNamesTheLine) {
  auto doc = ParseCsv("name,email\nAnn,ann@example.com\n\"Bob,bob@example.com\nCy,cy@example.com\n");
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.status().code(), StatusCode::kMalformed);
  EXPECT_NE(doc.status().message().find("line 3"), std::string::npos) << doc.status().message();
  auto after = ParseCsv("name,email\n\"Ann\"x,ann@example.com\n");
  ASSERT_FALSE(after.ok());
  EXPECT_NE(after.status().message().find("line 2"), std::string::npos);
}

TEST(ParseCsv, NeverThrowsOnOddBytes) {
  for (std::string s : {std::string(""), std::string("\""), std::string("\xFF\xFE"), std::string("\xFF\xFE\x41"),
                        std::string("\xFE\xFF\xD8\x00"), std::string("\r\r\n\n"), std::string(",,,"),
                        std::string("\"\"\"\""), std::string("\0a,b\0", 5)}) {
    (void)ParseCsv(s);
  }
}

// An Outlook export: quoted header, many columns, three e-mail columns, CRLF, a display-name
// column that mentions e-mail but holds names.
const char kOutlook[] =
    "\"First Name\",\"Last Name\",\"E-mail Address\",\"E-mail Type\",\"E-mail Display Name\",\"E-mail 2 Address\","
    "\"E-mail 3 Address\",\"Notes\"\r\n"
    "\"Ann\",\"Lee\",\"ann@example.com\",\"SMTP\",\"Ann Lee (ann@example.com)\",\"\",\"\",\"\"\r\n"
    "\"Bob\",\"Ng\",\"bob@example.com\",\"SMTP\",\"Bob Ng (bob@example.com)\",\"bob.ng@Example.NET\",\"\","
    "\"met at the fair, 2023\"\r\n"
    "\"Cy\",\"Tran\",\"cy@example.org\",\"SMTP\",\"Cy\",\"\",\"cy3@example.org\",\"\"\r\n";

TEST(CleanContacts, OutlookRowsGoWhenAnyAddressIsSuppressed) {
  auto r = CleanContacts(kOutlook, ListOf({{"bob.ng@example.net", "userunknown"}, {"cy3@example.org", "manual"}}), {});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->address_columns, (std::vector<std::string>{"E-mail Address", "E-mail 2 Address", "E-mail 3 Address"}));
  EXPECT_EQ(r->rows, 3u);
  EXPECT_EQ(r->flagged, 2u);
  EXPECT_EQ(r->by_reason.at("userunknown"), 1u);
  EXPECT_EQ(r->by_reason.at("manual"), 1u);
  const std::string header(kOutlook, std::string_view(kOutlook).find("\r\n") + 2);
  EXPECT_EQ(r->clean, header + "\"Ann\",\"Lee\",\"ann@example.com\",\"SMTP\",\"Ann Lee (ann@example.com)\",\"\",\"\",\"\"\r\n");
  EXPECT_NE(r->removed.find(",\"userunknown (bob.ng@example.net)\"\r\n"), std::string::npos) << r->removed;
}

TEST(CleanContacts, NothingSuppressedGivesTheSameBytes) {
  for (const char* text : {kOutlook, "Primary Email,Display Name\nann@example.com,Ann\nbob@example.com,Bob",
                           "\xEF\xBB\xBF" "email;name\r\nann@example.com;Ann\r\n"}) {
    auto r = CleanContacts(text, kNothing, {});
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_EQ(r->clean, std::string(text));
    EXPECT_EQ(r->flagged, 0u);
  }
}

TEST(CleanContacts, ThunderbirdExport) {
  // Thunderbird writes an unquoted header, LF or CRLF, and quotes only when needed.
  const std::string tb =
      "First Name,Last Name,Display Name,Nickname,Primary Email,Secondary Email,Screen Name\r\n"
      "Ann,Lee,Ann Lee,,ann@example.com,,\r\n"
      "Bob,Ng,\"Ng, Bob\",,BOB@bücher.example,bob2@example.com,\r\n"
      "Cy,Tran,Cy Tran,,cy@example.org,,\r\n";
  auto r = CleanContacts(tb, ListOf({{"BOB@xn--bcher-kva.example", "mailboxfull"}}), {});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->address_columns, (std::vector<std::string>{"Primary Email", "Secondary Email"}));
  EXPECT_EQ(r->flagged, 1u);
  EXPECT_EQ(r->clean,
            "First Name,Last Name,Display Name,Nickname,Primary Email,Secondary Email,Screen Name\r\n"
            "Ann,Lee,Ann Lee,,ann@example.com,,\r\n"
            "Cy,Tran,Cy Tran,,cy@example.org,,\r\n");
  EXPECT_EQ(r->removed,
            "First Name,Last Name,Display Name,Nickname,Primary Email,Secondary Email,Screen Name,Suppressed\r\n"
            "Bob,Ng,\"Ng, Bob\",,BOB@bücher.example,bob2@example.com,,mailboxfull (BOB@xn--bcher-kva.example)\r\n");
}

TEST(CleanContacts, GoogleExportWithSeveralValuesInOneField) {
  const std::string google =
      "Name,Given Name,E-mail 1 - Type,E-mail 1 - Value,E-mail 2 - Type,E-mail 2 - Value\n"
      "Ann Lee,Ann,* Home,ann@example.com ::: ann.lee@example.net,,\n"
      "Bob Ng,Bob,* Work,bob@example.com,Home,bob@example.org\n"
      "Cy Tran,Cy,,,,\n";
  CleanOptions mark;
  mark.mark = true;
  auto r = CleanContacts(google, ListOf({{"ann.lee@example.net", "hostunknown"}}), mark);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->address_columns, (std::vector<std::string>{"E-mail 1 - Value", "E-mail 2 - Value"}));
  EXPECT_EQ(r->rows, 3u);
  EXPECT_EQ(r->flagged, 1u);
  // --mark keeps every row and adds a column.
  EXPECT_EQ(r->clean,
            "Name,Given Name,E-mail 1 - Type,E-mail 1 - Value,E-mail 2 - Type,E-mail 2 - Value,Suppressed\n"
            "Ann Lee,Ann,* Home,ann@example.com ::: ann.lee@example.net,,,hostunknown (ann.lee@example.net)\n"
            "Bob Ng,Bob,* Work,bob@example.com,Home,bob@example.org,\n"
            "Cy Tran,Cy,,,,,\n");
}

TEST(CleanContacts, Utf16OutlookFileStaysUtf16WithItsBom) {
  const std::string utf8 = "\"Name\",\"E-mail Address\"\r\n\"Đặng\",\"dang@ví-dụ.example\"\r\n\"Zoë\",\"zoe@example.com\"\r\n";
  auto to_utf16le = [](const std::string& s) {
    // ASCII and the few BMP letters used above, enough for the test.
    std::string out = "\xFF\xFE";
    std::size_t i = 0;
    while (i < s.size()) {
      auto c = static_cast<unsigned char>(s[i]);
      std::uint32_t cp;
      if (c < 0x80) {
        cp = c;
        i += 1;
      } else if ((c & 0xE0) == 0xC0) {
        cp = ((c & 0x1F) << 6) | (static_cast<unsigned char>(s[i + 1]) & 0x3F);
        i += 2;
      } else {
        cp = ((c & 0x0F) << 12) | ((static_cast<unsigned char>(s[i + 1]) & 0x3F) << 6) |
             (static_cast<unsigned char>(s[i + 2]) & 0x3F);
        i += 3;
      }
      out += static_cast<char>(cp & 0xFF);
      out += static_cast<char>(cp >> 8);
    }
    return out;
  };
  const std::string file = to_utf16le(utf8);
  auto same = CleanContacts(file, kNothing, {});
  ASSERT_TRUE(same.ok()) << same.status().ToString();
  EXPECT_EQ(same->clean, file);
  auto r = CleanContacts(file, ListOf({{"dang@xn--v-d-rma6749a.example", "userunknown"}}), {});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->flagged, 1u) << "IDN domain in a UTF-16 file";
  EXPECT_EQ(r->clean, to_utf16le("\"Name\",\"E-mail Address\"\r\n\"Zoë\",\"zoe@example.com\"\r\n"));
}

// Found by fuzz/contact_csv_fuzzer: an odd-length UTF-16 file whose last byte is below 0x80
// came back with a NUL byte added (the odd byte was widened to a code unit).
TEST(CleanContacts, OddLengthUtf16FileComesBackByteForByte) {
  const std::string le("\xFF\xFE" "a\0@\0b\0\n\0" "x", 11);
  auto r = CleanContacts(le, kNothing, {});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->clean, le);
  const std::string with_column("\xFF\xFE" "e\0,\0\n\0a\0@\0b\0.\0c\0\n\0" "!", 21);
  auto r2 = CleanContacts(with_column, kNothing, {});
  ASSERT_TRUE(r2.ok()) << r2.status().ToString();
  EXPECT_EQ(r2->clean, with_column);
  const std::string be("\xFE\xFF" "\0e\0,\0\n\0a\0@\0b\0.\0c\0\n" "\x01", 21);
  auto r3 = CleanContacts(be, kNothing, {});
  ASSERT_TRUE(r3.ok()) << r3.status().ToString();
  EXPECT_EQ(r3->clean, be);
}

TEST(CleanContacts, MessyHandMadeList) {
  // Semicolons (a European spreadsheet), no header, a Latin-1 byte, blank lines, spaces around
  // addresses, "Name <address>", no final line break.
  const std::string messy =
      " ann@example.com ;Ann;Caf\xE9\n"
      "\n"
      "Bob <Bob@EXAMPLE.com>;Bob;\n"
      "cy@example.org;\"Cy; the third\";x\n"
      "dee@example.net;Dee;y";
  auto r = CleanContacts(messy, ListOf({{"Bob@example.com", "userunknown"}, {"dee@example.net", "feedback"}}), {});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->address_columns, (std::vector<std::string>{"column 1"}));
  EXPECT_EQ(r->rows, 4u);
  EXPECT_EQ(r->flagged, 2u);
  EXPECT_EQ(r->clean, " ann@example.com ;Ann;Caf\xE9\n\ncy@example.org;\"Cy; the third\";x\n");
  EXPECT_EQ(r->removed,
            "Bob <Bob@EXAMPLE.com>;Bob;;userunknown (Bob@example.com)\n"
            "dee@example.net;Dee;y;feedback (dee@example.net)");
}

TEST(CleanContacts, NoAddressColumnIsAClearError) {
  auto r = CleanContacts("name,phone\nAnn,555\n", kNothing, {});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(r.status().message().find("no column of e-mail addresses"), std::string::npos);
}

TEST(AddressesInField, SplitsListsAndNames) {
  EXPECT_EQ(AddressesInField("a@example.com ::: b@Example.com"),
            (std::vector<std::string>{"a@example.com", "b@example.com"}));
  EXPECT_EQ(AddressesInField("Lee, Ann <ann@example.com>; bob@example.org"),
            (std::vector<std::string>{"ann@example.com", "bob@example.org"}));
  EXPECT_TRUE(AddressesInField("Ann Lee (ann@example.com)").empty());
  EXPECT_TRUE(AddressesInField("SMTP").empty());
}

}  // namespace
}  // namespace bouncescan::storage
