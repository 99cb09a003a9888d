#include "digest/labels.h"

#include <array>

namespace bouncescan::digest {
namespace {

constexpr Labels kEnglish{
    .lang_tag = "en",
    .title = "Bounce digest",
    .subject_prefix = "Bounce digest",
    .since = "Since {date}",
    .intro = "What came back undelivered since the last digest, who has to fix it, and how.",
    .sender_title = "Fix your sending setup",
    .sender_intro = "These failures come from the way your mail is sent, not from the recipients. "
                    "Nobody was removed from your list because of them.",
    .removed_title = "Addresses removed from your list",
    .removed_intro = "These addresses cannot receive mail. They are on your suppression list now; "
                     "do not send to them again.",
    .watching_title = "Watching",
    .watching_intro = "Temporary failures. An address is removed after {n} of them within {d} days.",
    .contact_title = "Contact another way",
    .contact_intro = "Your message did not reach these people, but their address still works. "
                     "Call them, or reach them another way.",
    .unclassified_title = "Could not be read",
    .unclassified_intro = "These messages looked like bounces, but bouncescan could not tell what they say. "
                          "Nothing was changed because of them; please read them yourself.",
    .recipients_one = "1 recipient",
    .recipients_many = "{n} recipients",
    .example = "Example",
    .what_to_do = "What to do",
    .col_address = "Address",
    .col_reason = "Reason",
    .col_evidence = "Evidence",
    .col_count = "Failures so far",
    .count_of = "{n} of {t}",
    .col_subject = "Subject",
    .col_where = "Found in",
    .col_problem = "Problem",
    .no_subject = "(no subject)",
    .subject_sending = "{n} sending problem{s}",
    .subject_removed = "{n} address{es} removed",
    .subject_other = "{n} item{s} to read",
    .footer = "Sent by bouncescan. Run `bouncescan events` and `bouncescan suppressed` for the details.",
};

constexpr Labels kVietnamese{
    .lang_tag = "vi",
    .title = "Tóm tắt thư bị trả lại",
    .subject_prefix = "Tóm tắt thư bị trả lại",
    .since = "Từ {date}",
    .intro = "Những thư không gửi được kể từ bản tóm tắt trước, ai cần khắc phục và khắc phục thế nào.",
    .sender_title = "Sửa cấu hình gửi thư của bạn",
    .sender_intro = "Các lỗi này do cách thư của bạn được gửi đi, không phải do người nhận. "
                    "Không ai bị loại khỏi danh sách của bạn vì các lỗi này.",
    .removed_title = "Địa chỉ đã bị loại khỏi danh sách của bạn",
    .removed_intro = "Các địa chỉ này không nhận được thư. Chúng đã được đưa vào danh sách chặn gửi; "
                     "đừng gửi thư đến các địa chỉ này nữa.",
    .watching_title = "Đang theo dõi",
    .watching_intro = "Lỗi tạm thời. Một địa chỉ sẽ bị loại sau {n} lần lỗi trong vòng {d} ngày.",
    .contact_title = "Liên hệ bằng cách khác",
    .contact_intro = "Thư của bạn chưa đến được những người này, nhưng địa chỉ của họ vẫn dùng được. "
                     "Hãy gọi điện hoặc liên hệ với họ bằng cách khác.",
    .unclassified_title = "Không đọc được",
    .unclassified_intro = "Các thư này trông giống thư báo lỗi, nhưng bouncescan không xác định được nội dung. "
                          "Không có gì bị thay đổi vì chúng; vui lòng tự đọc các thư này.",
    .recipients_one = "1 người nhận",
    .recipients_many = "{n} người nhận",
    .example = "Ví dụ",
    .what_to_do = "Cách khắc phục",
    .col_address = "Địa chỉ",
    .col_reason = "Lý do",
    .col_evidence = "Bằng chứng",
    .col_count = "Số lần lỗi",
    .count_of = "{n}/{t}",
    .col_subject = "Tiêu đề",
    .col_where = "Tìm thấy trong",
    .col_problem = "Vấn đề",
    .no_subject = "(không có tiêu đề)",
    .subject_sending = "{n} lỗi cấu hình gửi thư",
    .subject_removed = "{n} địa chỉ bị loại",
    .subject_other = "{n} mục cần xem",
    .footer = "Gửi từ bouncescan. Chạy `bouncescan events` và `bouncescan suppressed` để xem chi tiết.",
};

struct CauseText {
  SenderCause cause;
  std::string_view en_title, vi_title, en_fix, vi_fix;
};

// Generic advice per cause; the rules' fix text (rules::FixText) is preferred when a
// verdict carries a fix key.
constexpr std::array kCauses{
    CauseText{SenderCause::kAuthentication,
              "Your domain failed SPF, DKIM or DMARC checks",
              "Tên miền của bạn không vượt qua kiểm tra SPF, DKIM hoặc DMARC",
              "Ask whoever runs your domain's DNS to publish an SPF record that includes the server you "
              "send through, turn on DKIM signing, and check the DMARC policy.",
              "Nhờ người quản lý DNS của tên miền thêm bản ghi SPF có máy chủ mà bạn dùng để gửi thư, "
              "bật ký DKIM và kiểm tra chính sách DMARC."},
    CauseText{SenderCause::kRelayDenied,
              "The server refused to relay your mail",
              "Máy chủ từ chối chuyển tiếp thư của bạn (relay denied)",
              "Send through your own provider's outgoing server, logged in with your account, instead of "
              "a server that does not know you.",
              "Hãy gửi thư qua máy chủ gửi thư của nhà cung cấp của bạn, có đăng nhập bằng tài khoản của "
              "bạn, thay vì một máy chủ không nhận ra bạn."},
    CauseText{SenderCause::kSmtpAuthRequired,
              "Your mail program did not log in to the outgoing server",
              "Chương trình gửi thư chưa đăng nhập vào máy chủ gửi thư",
              "In your mail program's outgoing (SMTP) settings, turn on \"my server requires "
              "authentication\" and use port 587 with STARTTLS or 465 with SSL/TLS.",
              "Trong phần cài đặt máy chủ gửi thư (SMTP) của chương trình, bật \"máy chủ yêu cầu xác "
              "thực\" và dùng cổng 587 với STARTTLS hoặc cổng 465 với SSL/TLS."},
    CauseText{SenderCause::kBlocklisted,
              "Your sending IP address or domain is blocked",
              "Địa chỉ IP hoặc tên miền gửi thư của bạn bị chặn",
              "Look the sending IP address up on the blocklist named in the example, remove the cause "
              "(an infected computer, an open relay) and ask for delisting; make sure the IP has a "
              "reverse DNS name.",
              "Tra địa chỉ IP gửi thư trên danh sách đen được nêu trong ví dụ, xử lý nguyên nhân (máy "
              "tính nhiễm mã độc, máy chủ cho chuyển tiếp tự do) rồi yêu cầu gỡ tên; đảm bảo IP có bản "
              "ghi DNS ngược (PTR)."},
    CauseText{SenderCause::kClock,
              "Wrong clock or Date header",
              "Đồng hồ sai hoặc tiêu đề Date không hợp lệ",
              "Set the date, time and time zone of the computer or server that sends your mail, and let "
              "it synchronise automatically.",
              "Chỉnh ngày, giờ và múi giờ của máy tính hoặc máy chủ gửi thư, và bật đồng bộ thời gian "
              "tự động."},
    CauseText{SenderCause::kTooLarge,
              "The message was too large",
              "Thư quá lớn",
              "Send large files as a download link instead of an attachment, or split them over several "
              "messages.",
              "Gửi tệp lớn dưới dạng đường dẫn tải về thay vì tệp đính kèm, hoặc chia thành nhiều thư."},
    CauseText{SenderCause::kRateLimited,
              "Too many messages or connections at once",
              "Gửi quá nhiều thư hoặc kết nối cùng lúc",
              "Send in smaller batches, spread over time; mailing lists belong on a service made for "
              "bulk mail.",
              "Gửi theo từng đợt nhỏ, giãn thời gian giữa các đợt; thư gửi hàng loạt nên dùng dịch vụ "
              "chuyên gửi thư số lượng lớn."},
    CauseText{SenderCause::kOther,
              "Other problems on your side",
              "Các lỗi khác ở phía bạn",
              "Read the example: the receiving server says what it refused. Your mail administrator can "
              "help.",
              "Đọc ví dụ: máy chủ nhận thư nói rõ nó từ chối điều gì. Người quản trị thư của bạn có thể "
              "giúp."},
};

struct ReasonText {
  std::string_view name, en, vi;
};

constexpr std::array kReasonTexts{
    ReasonText{"userunknown", "the mailbox does not exist", "hộp thư không tồn tại"},
    ReasonText{"hostunknown", "the domain does not exist", "tên miền không tồn tại"},
    ReasonText{"hasmoved", "the person has moved to another address", "người nhận đã chuyển sang địa chỉ khác"},
    ReasonText{"notaccept", "the domain accepts no mail", "tên miền không nhận thư"},
    ReasonText{"mailboxfull", "the mailbox is full", "hộp thư đã đầy"},
    ReasonText{"suspend", "the mailbox is disabled", "hộp thư bị vô hiệu hóa"},
    ReasonText{"exceedlimit", "the message is over the recipient's size limit",
               "thư vượt quá giới hạn dung lượng của người nhận"},
    ReasonText{"emailtoolarge", "the message is too large", "thư quá lớn"},
    ReasonText{"mesgtoobig", "the message is too large", "thư quá lớn"},
    ReasonText{"contenterror", "the content was refused", "nội dung thư bị từ chối"},
    ReasonText{"spamdetected", "judged to be spam", "bị coi là thư rác"},
    ReasonText{"virusdetected", "a virus was found", "phát hiện vi-rút"},
    ReasonText{"policyviolation", "refused by the receiver's policy", "bị từ chối theo chính sách của bên nhận"},
    ReasonText{"rejected", "your sender address was refused", "địa chỉ người gửi của bạn bị từ chối"},
    ReasonText{"blocked", "your sending server is blocked", "máy chủ gửi thư của bạn bị chặn"},
    ReasonText{"badreputation", "your sending server has a poor reputation", "máy chủ gửi thư của bạn bị đánh giá uy tín thấp"},
    ReasonText{"requireptr", "your sending IP has no reverse DNS", "IP gửi thư của bạn không có DNS ngược"},
    ReasonText{"authfailure", "SPF, DKIM or DMARC failed", "SPF, DKIM hoặc DMARC không hợp lệ"},
    ReasonText{"securityerror", "SMTP login missing or refused", "thiếu hoặc sai đăng nhập SMTP"},
    ReasonText{"norelaying", "relaying denied", "bị từ chối chuyển tiếp"},
    ReasonText{"failedstarttls", "encryption (STARTTLS) failed", "mã hóa (STARTTLS) không thành công"},
    ReasonText{"expired", "delivery kept failing until it expired", "gửi lại nhiều lần không thành công và đã hết hạn"},
    ReasonText{"networkerror", "a network failure on the way", "lỗi mạng trên đường gửi"},
    ReasonText{"systemerror", "an error in the receiving system", "lỗi ở hệ thống nhận thư"},
    ReasonText{"systemfull", "the receiving server is full", "máy chủ nhận thư đã đầy"},
    ReasonText{"toomanyconn", "too many connections at once", "quá nhiều kết nối cùng lúc"},
    ReasonText{"speeding", "too many messages in a short time", "quá nhiều thư trong thời gian ngắn"},
    ReasonText{"syntaxerror", "an SMTP syntax error", "lỗi cú pháp SMTP"},
    ReasonText{"mailererror", "a program on the receiving side failed", "chương trình ở phía nhận thư bị lỗi"},
    ReasonText{"notcompliantrfc", "the message format was refused (e.g. its Date)", "định dạng thư bị từ chối (ví dụ tiêu đề Date)"},
    ReasonText{"filtered", "accepts mail only from certain senders", "chỉ nhận thư từ một số người gửi nhất định"},
    ReasonText{"onhold", "failed for an unclear reason", "lỗi chưa rõ nguyên nhân"},
    ReasonText{"feedback", "reported your message as spam", "đã báo cáo thư của bạn là thư rác"},
    ReasonText{"suppressed", "already on a suppression list", "đã nằm trong danh sách chặn gửi"},
    ReasonText{"undefined", "the cause is unknown", "không rõ nguyên nhân"},
};

struct OriginText {
  std::string_view name, en, vi;
};

constexpr std::array kOrigins{
    OriginText{"hard", "permanent failure", "lỗi vĩnh viễn"},
    OriginText{"complaint", "spam complaint", "khiếu nại thư rác"},
    OriginText{"soft-threshold", "repeated temporary failures", "lỗi tạm thời lặp lại nhiều lần"},
    OriginText{"manual", "added by hand", "thêm thủ công"},
    OriginText{"import", "imported", "được nhập vào"},
};

}  // namespace

const Labels& LabelsFor(Language language) {
  return language == Language::kVietnamese ? kVietnamese : kEnglish;
}

std::string_view CauseTitle(SenderCause cause, Language language) {
  for (const CauseText& c : kCauses) {
    if (c.cause == cause) return language == Language::kVietnamese ? c.vi_title : c.en_title;
  }
  return {};
}

std::string_view CauseGenericFix(SenderCause cause, Language language) {
  for (const CauseText& c : kCauses) {
    if (c.cause == cause) return language == Language::kVietnamese ? c.vi_fix : c.en_fix;
  }
  return {};
}

std::string_view ReasonLabel(std::string_view reason, Language language) {
  for (const ReasonText& r : kReasonTexts) {
    if (r.name == reason) return language == Language::kVietnamese ? r.vi : r.en;
  }
  return reason;
}

std::string_view OriginLabel(std::string_view origin, Language language) {
  for (const OriginText& o : kOrigins) {
    if (o.name == origin) return language == Language::kVietnamese ? o.vi : o.en;
  }
  return origin;
}

}  // namespace bouncescan::digest
