#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "mime/decoder.h"

namespace bouncescan::mime {
namespace {

std::vector<std::string> Ids() {
  std::vector<std::string> ids;
  for (const Decoder& d : DecoderOrder()) ids.emplace_back(d.id);
  return ids;
}

std::ptrdiff_t Position(const std::vector<std::string>& ids, const std::string& id) {
  auto it = std::find(ids.begin(), ids.end(), id);
  return it == ids.end() ? -1 : it - ids.begin();
}

TEST(DecoderOrder, StandardDecodersAreWhereTheyMustBe) {
  std::vector<std::string> ids = Ids();
  ASSERT_GE(ids.size(), 4u);
  EXPECT_EQ(ids.front(), "arf");        // feedback reports are never bounces
  EXPECT_EQ(ids.back(), "generic");     // the last resort comes last
  std::ptrdiff_t rfc3464 = Position(ids, "rfc3464");
  std::ptrdiff_t autoreply = Position(ids, "autoreply");
  ASSERT_GE(rfc3464, 0);
  ASSERT_GE(autoreply, 0);
  EXPECT_LT(rfc3464, autoreply);
  // Every MTA decoder that reads body text runs after the auto-reply check, except the
  // ones listed here that must see their multipart/report before the RFC 3464 decoder.
  for (std::ptrdiff_t i = 1; i < rfc3464; ++i) {
    SCOPED_TRACE(ids[static_cast<std::size_t>(i)]);
    EXPECT_NE(ids[static_cast<std::size_t>(i)], "generic");
  }
}

TEST(DecoderOrder, IdsAreUniqueAndEveryDecoderHasAFunction) {
  std::vector<std::string> ids = Ids();
  std::vector<std::string> sorted = ids;
  std::sort(sorted.begin(), sorted.end());
  EXPECT_EQ(std::adjacent_find(sorted.begin(), sorted.end()), sorted.end());
  for (const Decoder& d : DecoderOrder()) {
    EXPECT_FALSE(d.id.empty());
    EXPECT_NE(d.decode, nullptr);
  }
}

// "On kNotMine the decoder leaves *report untouched" (decoder.h): DecodeBounce relies on it
// to hand every decoder the same report without copying it for each. Every decoder, on
// every fixture message, given a report whose fields are all set.
TEST(DecoderOrder, NotMineLeavesTheReportUntouched) {
  const char* source = std::getenv("BOUNCESCAN_SOURCE_DIR");
  const std::filesystem::path root = source ? source : ".";
  BounceReport start;
  start.kind = ReportKind::kDelay;
  start.decoder = "before";
  start.reporting_mta = "mta.example.com";
  start.message_id = "id@example.com";
  start.subject = "Undelivered Mail Returned to Sender";
  start.from = "MAILER-DAEMON@example.com";
  start.date = "Mon, 30 Nov 2026 01:00:00 +0000";
  start.recipients.resize(1);
  start.recipients[0].final_recipient = "someone@example.org";
  start.original.subject = "hello";
  int messages = 0;
  for (const char* dir : {"mime/testdata", "mime/lhost/testdata"}) {
    for (const auto& entry : std::filesystem::directory_iterator(root / dir)) {
      if (!entry.is_regular_file()) continue;
      std::ifstream in(entry.path(), std::ios::binary);
      std::stringstream raw;
      raw << in.rdbuf();
      Result<Message> message = ParseMessage(raw.str());
      if (!message.ok()) continue;
      ++messages;
      for (const Decoder& d : DecoderOrder()) {
        BounceReport report = start;
        if (d.decode(*message, &report) != DecoderMatch::kNotMine) continue;
        EXPECT_TRUE(report == start) << d.id << " on " << entry.path().filename();
      }
    }
  }
  EXPECT_GT(messages, 20);
}

}  // namespace
}  // namespace bouncescan::mime
