#include "digest/render.h"

#include <gtest/gtest.h>

#include <set>

#include "digest/compose.h"
#include "digest/mime_writer.h"
#include "digest/testing/sample_input.h"

namespace bouncescan::digest {
namespace {

using rules::Language;

TEST(Render, EverySectionInEnglish) {
  Rendered r = Render(testing::SampleInput(), Language::kEnglish);
  EXPECT_EQ(r.subject, "Bounce digest: 2 sending problems, 2 addresses removed");
  for (const std::string& part : {CleanLine(r.text), r.html}) {
    EXPECT_NE(part.find("Fix your sending setup"), std::string::npos);
    EXPECT_NE(part.find("Addresses removed from your list"), std::string::npos);
    EXPECT_NE(part.find("Watching"), std::string::npos);
    EXPECT_NE(part.find("Contact another way"), std::string::npos);
    EXPECT_NE(part.find("Could not be read"), std::string::npos);
    EXPECT_NE(part.find("gone@example.com"), std::string::npos);
    EXPECT_NE(part.find("3 recipients"), std::string::npos);
    EXPECT_NE(part.find("Publish an SPF record"), std::string::npos);  // the rules' fix text
    EXPECT_NE(part.find("2 of 3"), std::string::npos);
    EXPECT_NE(part.find("Invoice 2026-118"), std::string::npos);
  }
}

TEST(Render, EverySectionInVietnamese) {
  Rendered r = Render(testing::SampleInput(), Language::kVietnamese);
  EXPECT_EQ(r.subject, "Tóm tắt thư bị trả lại: 2 lỗi cấu hình gửi thư, 2 địa chỉ bị loại");
  for (const std::string& part : {CleanLine(r.text), r.html}) {
    EXPECT_NE(part.find("Sửa cấu hình gửi thư của bạn"), std::string::npos);
    EXPECT_NE(part.find("Địa chỉ đã bị loại khỏi danh sách của bạn"), std::string::npos);
    EXPECT_NE(part.find("Đang theo dõi"), std::string::npos);
    EXPECT_NE(part.find("Liên hệ bằng cách khác"), std::string::npos);
    EXPECT_NE(part.find("Không đọc được"), std::string::npos);
    EXPECT_NE(part.find("hộp thư không tồn tại"), std::string::npos);
    EXPECT_NE(part.find("3 người nhận"), std::string::npos);
    EXPECT_NE(part.find("2/3"), std::string::npos);
  }
  EXPECT_NE(r.html.find("<html lang=\"vi\">"), std::string::npos);
}

TEST(Render, EmptySectionsAreLeftOut) {
  DigestInput in;
  in.unclassified.push_back({"INBOX/7", "Undeliverable: hello", "no recipient found"});
  Rendered r = Render(in, Language::kEnglish);
  EXPECT_EQ(r.subject, "Bounce digest: 1 item to read");
  EXPECT_EQ(r.text.find("Fix your sending setup"), std::string::npos);
  EXPECT_EQ(r.html.find("Watching"), std::string::npos);
  EXPECT_NE(r.html.find("Undeliverable: hello"), std::string::npos);
}

TEST(Render, HostileBounceTextIsEscapedAndSingleLine) {
  Rendered r = Render(testing::HostileInput(), Language::kEnglish);
  EXPECT_EQ(r.html.find("<script"), std::string::npos);
  EXPECT_EQ(r.html.find("<img"), std::string::npos);
  EXPECT_EQ(r.html.find("<style"), std::string::npos);
  EXPECT_NE(r.html.find("&lt;script&gt;"), std::string::npos);
  // The text part has no line that starts with a forged boundary or header.
  EXPECT_EQ(r.text.find("\n--=_"), std::string::npos);
  EXPECT_EQ(r.text.find("\nBcc:"), std::string::npos);
  EXPECT_EQ(r.text.find('\r'), std::string::npos);
  // The only tags are the renderer's own.
  for (std::size_t p = r.html.find('<'); p != std::string::npos; p = r.html.find('<', p + 1)) {
    std::string tag = r.html.substr(p + 1, r.html.find_first_of(" >", p + 1) - p - 1);
    static const std::set<std::string> kAllowed{"!DOCTYPE", "html", "/html", "head", "/head", "meta", "title",
                                                "/title", "body", "/body", "table", "/table", "tr", "/tr",
                                                "td", "/td", "th", "/th", "h1", "/h1", "h2", "/h2", "p", "/p",
                                                "div", "/div", "span", "/span", "strong", "/strong"};
    EXPECT_TRUE(kAllowed.count(tag)) << tag;
  }
}

TEST(Compose, HeadersAndPartsAreWellFormed) {
  ComposeOptions o;
  o.from = "bouncescan@example.com";
  o.to = "me@example.com";
  o.language = Language::kVietnamese;
  o.now = 1795370400;
  o.random = std::string(32, '\x2a');
  Result<std::string> m = ComposeMessage(Render(testing::HostileInput(), o.language), o);
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  const std::string& s = *m;
  std::string headers = s.substr(0, s.find("\r\n\r\n"));
  EXPECT_NE(headers.find("Date: Sun, 22 Nov 2026 18:00:00 +0000\r\n"), std::string::npos);
  EXPECT_NE(headers.find("Message-ID: <2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a.1795370400@example.com>\r\n"),
            std::string::npos);
  EXPECT_NE(headers.find("Subject: =?UTF-8?B?"), std::string::npos);
  EXPECT_NE(headers.find("Content-Language: vi\r\n"), std::string::npos);
  for (char c : s) ASSERT_LT(static_cast<unsigned char>(c), 0x80) << "8-bit byte in a 7-bit message";
  for (std::size_t pos = 0, next; (next = s.find("\r\n", pos)) != std::string::npos; pos = next + 2) {
    ASSERT_LE(next - pos, 78u) << s.substr(pos, next - pos);
  }
  EXPECT_EQ(s.find("\n"), s.find("\r\n") + 1) << "bare LF";
  const std::string boundary = "=_bouncescan_2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a2a";
  std::size_t count = 0;
  for (std::size_t p = s.find("--=_"); p != std::string::npos; p = s.find("--=_", p + 1)) ++count;
  EXPECT_EQ(count, 3u) << "exactly two part delimiters and the close delimiter";
  EXPECT_NE(s.find("\r\n--" + boundary + "--\r\n"), std::string::npos);
}

TEST(Compose, RefusesAnAddressThatWouldInjectAHeader) {
  ComposeOptions o;
  o.from = "bouncescan@example.com";
  o.to = "me@example.com\r\nBcc: everyone@example.net";
  o.now = 1;
  EXPECT_FALSE(ComposeMessage(Render(testing::SampleInput(), Language::kEnglish), o).ok());
}

}  // namespace
}  // namespace bouncescan::digest
