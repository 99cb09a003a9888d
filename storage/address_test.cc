#include "storage/address.h"

#include <gtest/gtest.h>

namespace bouncescan::storage {
namespace {

TEST(NormalizeAddress, TrimsAndLowercasesTheDomainOnly) {
  EXPECT_EQ(NormalizeAddress("  Jane.Doe@Example.COM \t"), "Jane.Doe@example.com");
  EXPECT_EQ(NormalizeAddress("<jane@example.com>"), "jane@example.com");
  EXPECT_EQ(NormalizeAddress("mailto:jane@example.com"), "jane@example.com");
  EXPECT_EQ(NormalizeAddress("jane@example.com."), "jane@example.com");
  EXPECT_EQ(NormalizeAddress("\xC2\xA0jane@example.com\xC2\xA0"), "jane@example.com");
}

TEST(NormalizeAddress, AnIdnDomainEqualsItsPunycode) {
  EXPECT_EQ(NormalizeAddress("info@bücher.example"), "info@xn--bcher-kva.example");
  EXPECT_EQ(NormalizeAddress("info@BÜCHER.example"), "info@xn--bcher-kva.example");
  EXPECT_EQ(NormalizeAddress("info@XN--BCHER-KVA.example"), "info@xn--bcher-kva.example");
  EXPECT_EQ(NormalizeAddress("lien@tiếngviệt.example"), "lien@xn--tingvit-5t4cyc.example");
}

TEST(NormalizeAddress, RejectsWhatIsNotAnAddress) {
  EXPECT_EQ(NormalizeAddress(""), "");
  EXPECT_EQ(NormalizeAddress("jane"), "");
  EXPECT_EQ(NormalizeAddress("@example.com"), "");
  EXPECT_EQ(NormalizeAddress("jane@"), "");
}

TEST(LooksLikeAddress, AcceptsOneAddressOnly) {
  EXPECT_TRUE(LooksLikeAddress(" jane@example.com "));
  EXPECT_TRUE(LooksLikeAddress("<jane@example.com>"));
  EXPECT_FALSE(LooksLikeAddress("Jane Doe (jane@example.com)"));
  EXPECT_FALSE(LooksLikeAddress("a@example.com;b@example.com"));
  EXPECT_FALSE(LooksLikeAddress("SMTP"));
  EXPECT_FALSE(LooksLikeAddress("a@b@c"));
}

}  // namespace
}  // namespace bouncescan::storage
