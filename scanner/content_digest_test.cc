// scan keeps only the start of a large mbox message and hashes the rest as it is read: the
// identity it records must be the one the whole message gave, byte for byte, or every
// existing database would record such messages again.
#include "scanner/content_digest.h"

#include <gtest/gtest.h>

#include <random>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "rules/judge.h"
#include "scanner/local_source.h"
#include "scanner/pipeline.h"

namespace bouncescan::scanner {
namespace {

mime::BounceReport WithId(std::string id) {
  mime::BounceReport r;
  r.message_id = std::move(id);
  return r;
}

// Digests of `raw` given in pieces of at most `step` bytes (0: all at once).
ContentDigests Digest(std::string_view raw, std::size_t step) {
  ContentDigester d;
  if (step == 0) {
    d.Update(raw);
  } else {
    for (std::size_t i = 0; i < raw.size(); i += step) d.Update(raw.substr(i, step));
  }
  return d.Finish();
}

void ExpectSameIdentities(std::string_view raw) {
  for (std::size_t step : {0, 1, 2, 3, 5, 7, 64}) {
    SCOPED_TRACE("pieces of " + std::to_string(step) + " bytes");
    const ContentDigests d = Digest(raw, step);
    EXPECT_EQ(ContentIdentity(d, WithId("")), ContentIdentity(raw, WithId("")));
    EXPECT_EQ(ContentIdentity(d, WithId("<x@example.com>")), ContentIdentity(raw, WithId("<x@example.com>")));
  }
}

TEST(ContentDigester, EdgesOfTheBodyHashMatchTheWholeMessage) {
  for (std::string_view raw : {
           "",
           "\n",
           "\n\n",
           "\r\n\r\n",
           "\r\r\n",
           "\r\n\r",
           "A: b\r\n\r",
           "A: b\n\nbody",
           "A: b\r\n\r\nbody\r\n",
           "A: b\r\rbody\rline\r",
           "A: b\n\r\nbody",
           "no empty line at all\nbody >From x\n",
           "A: b\n\n>From quoted\n>>From twice\n>From \n>From  \t\n>From\n>Fro\n>From \tx\n",
           "A: b\n\nline   \n\t\n\n\nlast \t \n\n\n",
           "A: b\n\n   leading blanks\n",
           "A: b\n\n\n\n",
           "A: b\n\n>From ",
           "A: b\n\n>From  x",
       }) {
    SCOPED_TRACE(::testing::PrintToString(std::string(raw)));
    ExpectSameIdentities(raw);
  }
}

TEST(ContentDigester, RandomMessagesMatchTheWholeMessage) {
  // Bytes that matter to the body hash, in random order and pieces.
  static constexpr std::string_view kTokens[] = {"a", " ", "\t", "\r", "\n", "\r\n", ">", ">From ", "From ", "x: y"};
  std::mt19937 random(20261129);
  for (int n = 0; n < 3000; ++n) {
    std::string raw;
    const int tokens = static_cast<int>(random() % 40);
    for (int t = 0; t < tokens; ++t) raw += kTokens[random() % std::size(kTokens)];
    SCOPED_TRACE(::testing::PrintToString(raw));
    ExpectSameIdentities(raw);
    if (HasFailure()) return;
  }
}

// The mbox shapes scan meets, each read whole and with only `kKept` bytes kept: the
// identities recorded must be equal, and the kept message must be digested only when cut.
class MboxIdentityTest : public ::testing::Test {
 protected:
  static constexpr std::size_t kKept = 120;

  std::vector<storage::ScanRecord> Scan(const std::string& mbox, std::size_t digest_beyond,
                                        std::vector<bool>* digested = nullptr) {
    std::istringstream in(mbox);
    LocalReadOptions read;
    read.digest_mbox_beyond = digest_beyond;
    std::vector<storage::ScanRecord> records;
    Status s = ForEachMboxMessage(
        in, "box",
        [&](LocalMessage&& m) {
          BuildOptions options;
          options.decode.max_bytes = kKept - 1;  // both runs decode the same start
          if (m.digests) options.digests = &*m.digests;
          EXPECT_EQ(m.truncated, m.digests.has_value()) << m.source;
          if (digested) digested->push_back(m.digests.has_value());
          records.push_back(BuildRecord(m.raw, m.source, *rules_, options));
        },
        read);
    EXPECT_TRUE(s.ok()) << s.message();
    return records;
  }

  // Returns the identity (empty on failure).
  std::string ExpectSameIdentities(const std::string& mbox, bool expect_digested) {
    const std::vector<storage::ScanRecord> whole = Scan(mbox, std::string::npos);
    std::vector<bool> digested;
    const std::vector<storage::ScanRecord> kept = Scan(mbox, kKept, &digested);
    EXPECT_EQ(whole.size(), 1u);
    EXPECT_EQ(kept.size(), 1u);
    if (whole.size() != 1 || kept.size() != 1) return "";
    EXPECT_EQ(digested[0], expect_digested);
    EXPECT_EQ(kept[0].fallback_identity, whole[0].fallback_identity);
    EXPECT_EQ(kept[0].identity, whole[0].identity);
    EXPECT_EQ(kept[0].report.message_id, whole[0].report.message_id);
    return kept[0].identity;
  }

  std::shared_ptr<const rules::RuleSet> rules_ = rules::RuleSet::BuiltIn();
};

std::string Lines(int n, const std::string& text) {
  std::string out;
  for (int i = 0; i < n; ++i) out += text + " " + std::to_string(i) + "   \n";
  return out;
}

std::string Crlf(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '\n') out += '\r';
    out += c;
  }
  return out;
}

constexpr char kEnvelope[] = "From MAILER-DAEMON Mon Nov 23 20:00:00 2026\n";

TEST_F(MboxIdentityTest, SmallMessageIsKeptWholeAndNotDigested) {
  ExpectSameIdentities(std::string(kEnvelope) + "Message-ID: <s@example.com>\nSubject: s\n\nshort\n", false);
  ExpectSameIdentities(std::string(kEnvelope) + "Subject: s\n\nshort\n", false);
}

TEST_F(MboxIdentityTest, LargerThanTheKeptStartWithAndWithoutMessageId) {
  const std::string body = "\n" + Lines(40, "body line");
  EXPECT_EQ(ExpectSameIdentities(std::string(kEnvelope) + "Message-ID: <big@example.com>\nSubject: big\n" + body, true)
                .rfind("msgid:big@example.com#", 0),
            0u);
  EXPECT_EQ(ExpectSameIdentities(std::string(kEnvelope) + "Subject: big\n" + body, true).rfind("sha256:", 0), 0u);
}

TEST_F(MboxIdentityTest, CrlfMailbox) {
  const std::string body = "\n" + Lines(40, "body line") + "\n\n";
  EXPECT_EQ(ExpectSameIdentities(Crlf(std::string(kEnvelope) + "Message-ID: <crlf@example.com>\nSubject: c\n" + body),
                                 true)
                .rfind("msgid:crlf@example.com#", 0),
            0u);
  ExpectSameIdentities(Crlf(std::string(kEnvelope) + "Subject: c\n" + body), true);
}

TEST_F(MboxIdentityTest, QuotedFromLinesInsideAndBeyondTheKeptStart) {
  const std::string body = "\n>From the start\n" + Lines(20, "text") + ">From later\n>>From twice\n>From \n" +
                           Lines(5, "From here") + "end\n";
  ExpectSameIdentities(std::string(kEnvelope) + "Message-ID: <q@example.com>\n" + body, true);
  ExpectSameIdentities(std::string(kEnvelope) + "Subject: q\n" + body, true);
}

TEST_F(MboxIdentityTest, HeaderBodyBoundaryBeyondTheKeptStart) {
  const std::string headers = "Message-ID: <late@example.com>\n" + Lines(20, "X-Filler: header");
  ExpectSameIdentities(std::string(kEnvelope) + headers + "\nbody\n" + Lines(10, "more"), true);
  ExpectSameIdentities(std::string(kEnvelope) + Lines(20, "X-Filler: header") + "\nbody\n", true);
  // No empty line at all: the body hash covers every byte.
  ExpectSameIdentities(std::string(kEnvelope) + headers, true);
}

TEST_F(MboxIdentityTest, EmptyBody) {
  const std::string headers = "Message-ID: <empty@example.com>\n" + Lines(20, "X-Filler: header");
  ExpectSameIdentities(std::string(kEnvelope) + headers + "\n", true);
  ExpectSameIdentities(std::string(kEnvelope) + headers + "\n\n\n\n", true);
  ExpectSameIdentities(Crlf(std::string(kEnvelope) + headers + "\n\n"), true);
}

TEST_F(MboxIdentityTest, EveryMessageOfAMailboxKeepsItsIdentity) {
  const std::string mbox = std::string(kEnvelope) + "Message-ID: <1@example.com>\n\nsmall\n\n" + kEnvelope +
                           "Message-ID: <2@example.com>\n\n" + Lines(30, "large") + "\n" + kEnvelope +
                           "Subject: 3\n\n" + Lines(30, ">From large") + "\n" + kEnvelope + "Subject: 4\n\nsmall\n";
  std::vector<bool> digested;
  const std::vector<storage::ScanRecord> whole = Scan(mbox, std::string::npos);
  const std::vector<storage::ScanRecord> kept = Scan(mbox, kKept, &digested);
  ASSERT_EQ(whole.size(), 4u);
  ASSERT_EQ(kept.size(), 4u);
  EXPECT_EQ(digested, (std::vector<bool>{false, true, true, false}));
  for (std::size_t i = 0; i < whole.size(); ++i) EXPECT_EQ(kept[i].identity, whole[i].identity) << i;
}

}  // namespace
}  // namespace bouncescan::scanner
