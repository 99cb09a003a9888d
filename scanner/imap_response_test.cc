#include "scanner/imap_response.h"

#include <gtest/gtest.h>

namespace bouncescan::scanner {
namespace {

// Dovecot 2.3's answer to EXAMINE, as libcurl hands it to the write callback.
constexpr std::string_view kExamine =
    "* OK [CLOSED] Previous mailbox closed.\r\n"
    "* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)\r\n"
    "* OK [PERMANENTFLAGS ()] Read-only mailbox.\r\n"
    "* 20417 EXISTS\r\n"
    "* 0 RECENT\r\n"
    "* OK [UNSEEN 1] First unseen.\r\n"
    "* OK [UIDVALIDITY 1795457570] UIDs valid\r\n"
    "* OK [UIDNEXT 20418] Predicted next UID\r\n";

TEST(ImapResponse, ReadsExamineAnswer) {
  MailboxInfo info = ParseMailboxInfo(kExamine);
  EXPECT_EQ(info.uidvalidity, 1795457570u);
  EXPECT_EQ(info.uidnext, 20418u);
  EXPECT_EQ(info.exists, 20417u);
  EXPECT_TRUE(info.read_only);
}

TEST(ImapResponse, ReadsStatusAnswerAndLfOnlyLines) {
  MailboxInfo info = ParseMailboxInfo("* STATUS \"My (box)\" (MESSAGES 3 UIDNEXT 9 UIDVALIDITY 7)\n");
  EXPECT_EQ(info.uidvalidity, 7u);
  EXPECT_EQ(info.uidnext, 9u);
  EXPECT_EQ(info.exists, 3u);
  EXPECT_FALSE(info.read_only);
}

TEST(ImapResponse, MissingUidvalidityStaysZero) {
  MailboxInfo info = ParseMailboxInfo("* 3 EXISTS\r\n* OK [UIDVALIDITY x] huh\r\n* OK [UIDVALIDITY 99999999999] too big\r\n");
  EXPECT_EQ(info.uidvalidity, 0u);
  EXPECT_EQ(info.exists, 3u);
}

TEST(ImapResponse, CapabilitiesFromLineAndCode) {
  auto caps = ParseCapabilities(
      "* CAPABILITY IMAP4rev1 esearch MOVE UIDPLUS\r\n"
      "A1 OK [CAPABILITY IMAP4rev1 AUTH=XOAUTH2] Logged in\r\n");
  EXPECT_TRUE(caps.count("ESEARCH"));
  EXPECT_TRUE(caps.count("MOVE"));
  EXPECT_TRUE(caps.count("UIDPLUS"));
  EXPECT_TRUE(caps.count("AUTH=XOAUTH2"));
  EXPECT_FALSE(caps.count("CONDSTORE"));
}

TEST(ImapResponse, SequenceSets) {
  auto s = ParseSequenceSet("1:3,7,12:10,3");
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(*s, (std::vector<std::uint32_t>{1, 2, 3, 7, 10, 11, 12}));
  EXPECT_FALSE(ParseSequenceSet("").ok());
  EXPECT_FALSE(ParseSequenceSet("1:*").ok());
  EXPECT_FALSE(ParseSequenceSet("0").ok());
  EXPECT_FALSE(ParseSequenceSet("1,,2").ok());
  EXPECT_FALSE(ParseSequenceSet("1:4294967295", 1000).ok());
  EXPECT_EQ(FormatSequenceSet({1, 2, 3, 7, 10, 11}), "1:3,7,10:11");
  EXPECT_EQ(FormatSequenceSet({}), "");
}

TEST(ImapResponse, PlainSearch) {
  auto r = ParseSearch("* SEARCH 5 3 9\r\n* SEARCH\r\n");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, (std::vector<std::uint32_t>{3, 5, 9}));
  EXPECT_FALSE(ParseSearch("* SEARCH 5 x\r\n").ok());
  auto modseq = ParseSearch("* SEARCH 2 4 (MODSEQ 917162500)\r\n");
  ASSERT_TRUE(modseq.ok());
  EXPECT_EQ(*modseq, (std::vector<std::uint32_t>{2, 4}));
}

TEST(ImapResponse, ESearchWithRangesAndCount) {
  auto r = ParseESearch("* ESEARCH (TAG \"A5\") UID ALL 4:6,20001,20003:20004 COUNT 6\r\n");
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->uid);
  EXPECT_EQ(r->all, (std::vector<std::uint32_t>{4, 5, 6, 20001, 20003, 20004}));
  ASSERT_TRUE(r->count.has_value());
  EXPECT_EQ(*r->count, 6u);
}

TEST(ImapResponse, ESearchNothingFound) {
  auto r = ParseESearch("* ESEARCH (TAG \"A5\") UID COUNT 0\r\n");
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->all.empty());
  auto none = ParseESearch("");
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->all.empty());
  EXPECT_FALSE(none->count.has_value());
}

TEST(ImapResponse, ESearchMalformed) {
  EXPECT_FALSE(ParseESearch("* ESEARCH (TAG \"A5\") UID ALL 4:x\r\n").ok());
  EXPECT_FALSE(ParseESearch("* ESEARCH UID ALL\r\n").ok());
  EXPECT_FALSE(ParseESearch("* ESEARCH UID COUNT many\r\n").ok());
}

TEST(ImapResponse, FetchFlags) {
  auto f = ParseFetchFlags(
      "* 1 FETCH (UID 17 FLAGS (\\Seen $BounceProcessed))\r\n"
      "* 2 FETCH (FLAGS () UID 18)\r\n"
      "* 3 FETCH (FLAGS (\\Seen))\r\n"
      "* 4 FETCH (UID\r\n");
  ASSERT_EQ(f.size(), 2u);
  EXPECT_EQ(f[0].uid, 17u);
  EXPECT_EQ(f[0].flags, (std::vector<std::string>{"\\Seen", "$BounceProcessed"}));
  EXPECT_EQ(f[1].uid, 18u);
  EXPECT_TRUE(f[1].flags.empty());
}

TEST(ImapResponse, ListNames) {
  auto names = ParseListNames(
      "* LIST (\\HasNoChildren) \".\" INBOX.Bounces\r\n"
      "* LIST (\\HasNoChildren) \"/\" \"Sent \\\"Items\\\"\"\r\n"
      "* LIST () NIL {5}\r\n");
  EXPECT_EQ(names, (std::vector<std::string>{"INBOX.Bounces", "Sent \"Items\""}));
}

TEST(ImapResponse, ModifiedUtf7MailboxNames) {
  // RFC 3501 5.1.3's example: "~peter/mail/台北/日本語".
  auto name = EncodeMailboxName("~peter/mail/\xE5\x8F\xB0\xE5\x8C\x97/\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E");
  ASSERT_TRUE(name.ok());
  EXPECT_EQ(*name, "~peter/mail/&U,BTFw-/&ZeVnLIqe-");
  auto amp = EncodeMailboxName("Q&A");
  ASSERT_TRUE(amp.ok());
  EXPECT_EQ(*amp, "Q&-A");
  auto vi = EncodeMailboxName("Th\xC6\xB0 r\xC3\xA1" "c");  // "Thư rác"
  ASSERT_TRUE(vi.ok());
  EXPECT_EQ(*vi, "Th&AbA- r&AOE-c");
  EXPECT_FALSE(EncodeMailboxName("bad\xC3").ok());
  EXPECT_FALSE(EncodeMailboxName("bad\xFF").ok());
  EXPECT_FALSE(EncodeMailboxName("tab\there").ok());
}

TEST(ImapResponse, QuotingAndUrlPaths) {
  EXPECT_EQ(QuoteString("a\"b\\c"), "\"a\\\"b\\\\c\"");
  EXPECT_EQ(UrlEncodePath("Sent Items/x;y"), "Sent%20Items%2Fx%3By");
}

TEST(ImapResponse, BounceSearchKeyIsBalancedAndNamesTheCriteria) {
  std::string key = BounceSearchKey();
  int depth = 0;
  bool quoted = false;
  for (std::size_t i = 0; i < key.size(); ++i) {
    if (quoted) {
      if (key[i] == '\\') ++i;
      else if (key[i] == '"') quoted = false;
      continue;
    }
    if (key[i] == '"') quoted = true;
    if (key[i] == '(') ++depth;
    if (key[i] == ')') --depth;
    ASSERT_GE(depth, 0);
  }
  EXPECT_EQ(depth, 0);
  EXPECT_FALSE(quoted);
  EXPECT_NE(key.find("FROM \"mailer-daemon\""), std::string::npos);
  EXPECT_NE(key.find("HEADER Content-Type \"multipart/report\""), std::string::npos);
  EXPECT_NE(key.find("SUBJECT \"Undeliverable\""), std::string::npos);
}

TEST(ImapResponse, RedactsCredentials) {
  EXPECT_EQ(RedactClientLine("A002 AUTHENTICATE PLAIN AGFsaWNlAHNlY3JldA==\r\n"),
            "A002 AUTHENTICATE PLAIN <redacted>\r\n");
  EXPECT_EQ(RedactClientLine("A002 LOGIN alice \"s3cret\"\r\n"), "A002 LOGIN <redacted>\r\n");
  EXPECT_EQ(RedactClientLine("A002 AUTHENTICATE XOAUTH2\r\n"), "A002 AUTHENTICATE XOAUTH2\r\n");
  // A SASL continuation line carries the credentials on its own.
  EXPECT_EQ(RedactClientLine("dXNlcj1hbGljZQFhdXRoPUJlYXJlciB0b2sBAQ==\r\n"), "<redacted>\r\n");
  EXPECT_EQ(RedactClientLine("A005 UID SEARCH RETURN (ALL) UID 1:5\r\n"), "A005 UID SEARCH RETURN (ALL) UID 1:5\r\n");
}

TEST(ImapResponse, FetchSizesBesideFlags) {
  std::vector<FetchFlags> f = ParseFetchFlags("* 1 FETCH (UID 4 FLAGS (\\Seen) RFC822.SIZE 812)\r\n* 2 FETCH (UID 5 FLAGS ())\r\n");
  ASSERT_EQ(f.size(), 2u);
  EXPECT_EQ(f[0].size, 812u);
  EXPECT_FALSE(f[1].size.has_value());
}

TEST(ImapResponse, FetchBodiesCountsLiteralsInBytes) {
  // The first body holds lines that look like responses, including the tagged one.
  std::string body1 = "Subject: x\r\n\r\n* 9 FETCH (UID 9 BODY[] {3}\r\nA009 OK Fetch completed\r\n)\r\n";
  std::string body2 = "no final break";
  std::string stream = "* 1 FETCH (UID 7 RFC822.SIZE " + std::to_string(body1.size()) + " BODY[] {" +
                       std::to_string(body1.size()) + "}\r\n" + body1 + ")\r\n" +
                       "* 3 EXISTS\r\n"
                       "* 2 FETCH (UID 8 FLAGS (\\Seen) BODY[]<0> {" + std::to_string(body2.size()) + "}\r\n" + body2 +
                       " RFC822.SIZE 14)\r\n"
                       "A009 OK Fetch completed (0.001 + 0.000 secs).\r\n";
  FetchBodiesAnswer a = ParseFetchBodies(stream);
  EXPECT_TRUE(a.complete);
  EXPECT_TRUE(a.tagged_ok);
  ASSERT_EQ(a.messages.size(), 2u);
  EXPECT_EQ(a.messages[0].uid, 7u);
  EXPECT_EQ(a.messages[0].body, body1);
  EXPECT_EQ(a.messages[0].size, body1.size());
  EXPECT_EQ(a.messages[1].uid, 8u);
  EXPECT_EQ(a.messages[1].body, body2);
  EXPECT_EQ(a.messages[1].size, 14u);
}

TEST(ImapResponse, FetchBodiesCutShortIsIncomplete) {
  std::string whole = "* 1 FETCH (UID 7 BODY[] {20}\r\nA009 OK Fetch done\r\n)\r\nA009 OK Fetch completed\r\n";
  EXPECT_TRUE(ParseFetchBodies(whole).complete);
  // libcurl stopping at a body line that starts with its tag: the literal is short.
  EXPECT_FALSE(ParseFetchBodies(whole.substr(0, whole.find("A009 OK Fetch done") + 20)).complete);
  // No tagged line, or something after it.
  EXPECT_FALSE(ParseFetchBodies(whole.substr(0, whole.rfind("A009"))).complete);
  EXPECT_FALSE(ParseFetchBodies(whole + "* 2 EXISTS\r\n").complete);
  // A literal length past the end of the stream.
  EXPECT_FALSE(ParseFetchBodies("* 1 FETCH (UID 7 BODY[] {99999999999}\r\nab").complete);
}

TEST(ImapResponse, FetchBodiesTaggedNoAndNilBody) {
  FetchBodiesAnswer a = ParseFetchBodies(
      "* 1 FETCH (UID 7 BODY[] NIL)\r\n* 2 FETCH (UID 9 BODY[] \"a \\\"q\\\"\")\r\n"
      "A004 NO [EXPUNGEISSUED] Some of the requested messages no longer exist.\r\n");
  EXPECT_TRUE(a.complete);
  EXPECT_FALSE(a.tagged_ok);
  ASSERT_EQ(a.messages.size(), 1u);
  EXPECT_EQ(a.messages[0].uid, 9u);
  EXPECT_EQ(a.messages[0].body, "a \"q\"");
}

}  // namespace
}  // namespace bouncescan::scanner
