#include <gtest/gtest.h>

#include <algorithm>
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

}  // namespace
}  // namespace bouncescan::mime
