// Mail.Ru: a Russian preface ("Это письмо создано автоматически сервером Mail.Ru") above an
// Exim bounce; read like Exim, told apart by the sender's domain.
#include "mime/lhost/lhost.h"
#include "mime/lhost/scan.h"

namespace bouncescan::mime::lhost {
namespace {

constexpr std::string_view kFrom[] = {"mail.ru", "mail.ua", "inbox.ru", "list.ru", "bk.ru"};
constexpr std::string_view kBody[] = {
    "this message was created automatically by mail delivery software",
    "не может быть доставлено",
};
constexpr std::string_view kStart[] = {"address(es) failed:", "не может быть доставлено"};
constexpr std::string_view kEnd[] = {"this is a copy of the message", "рекомендуем вам"};

constexpr Family kMailRu{
    .id = "mailru",
    .from = kFrom,
    .body = kBody,
    .start = kStart,
    .end = kEnd,
    .lines = RecipientLines::kEximIndent,
};

}  // namespace

DecoderMatch DecodeMailRu(const Message& message, BounceReport* report) {
  return DecodeFamily(kMailRu, message, report);
}

}  // namespace bouncescan::mime::lhost
