// Suggested fixes, in plain words, in English and Vietnamese. Verdict::fix is a key into
// this table; the digest and `explain` print the text. Read by rules/fixes.cc. Pure data.
//
// Written for people who send from an ordinary mailbox and for small businesses: say what
// to do, not what the RFC calls it. Advice follows the seed pages (000-004) and the RFCs the
// reasons come from (RFC 7208 SPF, RFC 6376 DKIM, RFC 7489 DMARC, RFC 4954 SMTP AUTH).
#pragma once

#include <array>
#include <string_view>

namespace bouncescan::rules::tables {

struct FixText {
  std::string_view key;
  std::string_view english;
  std::string_view vietnamese;
};

// clang-format off
inline constexpr std::array kFixes{
  FixText{"check-address",
    "Check the address for typos (a missing letter, .vn instead of .com, spaces). If it is right, the mailbox no longer exists: contact the person another way (phone, chat) for a new address and remove this one from your list.",
    "Kiểm tra lại địa chỉ xem có gõ sai không (thiếu chữ, nhầm .vn với .com, có dấu cách). Nếu địa chỉ đúng thì hộp thư này không còn tồn tại: hãy liên hệ người nhận bằng cách khác (điện thoại, tin nhắn) để xin địa chỉ mới và xoá địa chỉ này khỏi danh sách."},
  FixText{"check-domain",
    "The part after @ does not exist or cannot receive mail. Check the domain spelling (.vn or .com, .com.vn, a missing letter). If it is right, the recipient's company must fix its mail (MX) records: tell them another way.",
    "Phần sau dấu @ không tồn tại hoặc không nhận được thư. Kiểm tra lại tên miền (.vn hay .com, .com.vn, thiếu chữ). Nếu tên miền đúng thì công ty người nhận phải sửa bản ghi MX của họ: hãy báo cho họ bằng cách khác."},
  FixText{"update-address",
    "The recipient has moved to a new address. Ask them for it (the reply may name it) and update your contact list.",
    "Người nhận đã chuyển sang địa chỉ mới. Hãy hỏi họ địa chỉ mới (thư báo lỗi có thể ghi sẵn) và cập nhật danh bạ của bạn."},
  FixText{"contact-recipient",
    "The recipient's mailbox is full or switched off. Contact them another way (phone, chat) and ask them to make space or turn it back on, then send again later. Nothing is wrong with your own setup.",
    "Hộp thư của người nhận đã đầy hoặc đã bị khoá. Hãy liên hệ họ bằng cách khác (điện thoại, tin nhắn) và nhờ họ dọn bớt thư hoặc mở lại hộp thư, rồi gửi lại sau. Cấu hình gửi thư của bạn không có vấn đề gì."},
  FixText{"reduce-size",
    "The message is too large for the receiving server. Send smaller attachments, compress them, or share a download link instead, then send again.",
    "Thư quá lớn so với giới hạn của máy chủ nhận. Hãy gửi tệp đính kèm nhỏ hơn, nén lại, hoặc gửi đường liên kết tải về thay cho tệp, rồi gửi lại."},
  FixText{"fix-content",
    "The receiving server refused the content of the message (unusual characters or encoding). Send it again as plain text from a normal mail program, without special characters in the subject or the file names.",
    "Máy chủ nhận từ chối nội dung thư (ký tự hoặc mã hoá lạ). Hãy gửi lại dưới dạng văn bản thường từ một chương trình thư thông dụng, không dùng ký tự đặc biệt trong tiêu đề và tên tệp."},
  FixText{"fix-headers",
    "The message's headers are not valid (for example a missing or malformed From or Date line). Send it from a normal mail program; if your software or website sends it, ask whoever set it up to fix the headers.",
    "Phần tiêu đề kỹ thuật của thư không hợp lệ (ví dụ thiếu hoặc sai dòng From hay Date). Hãy gửi bằng một chương trình thư thông dụng; nếu thư do phần mềm hoặc trang web của bạn gửi, hãy nhờ người cài đặt sửa lại."},
  FixText{"fix-clock",
    "Your computer's clock is wrong, so the message's date looked far in the past or the future. Correct the date, time and time zone on the computer or phone you send from (turn on automatic time), then send again.",
    "Đồng hồ máy tính của bạn bị sai nên ngày giờ của thư lệch quá xa so với hiện tại. Hãy chỉnh lại ngày, giờ và múi giờ trên máy tính hoặc điện thoại dùng để gửi thư (bật chế độ tự động đặt giờ), rồi gửi lại."},
  FixText{"avoid-spam",
    "The receiving server took your message for spam. Write a short personal message, avoid many links, large images and words like \"free\" or \"promotion\", do not send to many people at once, and ask the recipient to add your address to their contacts.",
    "Máy chủ nhận cho rằng thư của bạn là thư rác. Hãy viết thư ngắn gọn mang tính cá nhân, tránh nhiều đường liên kết, ảnh lớn và các từ như \"miễn phí\", \"khuyến mãi\", không gửi cùng lúc cho quá nhiều người, và nhờ người nhận thêm địa chỉ của bạn vào danh bạ."},
  FixText{"remove-virus",
    "The message was refused because an attachment looks dangerous. Scan your computer with an antivirus program, and send documents as PDF or through a download link instead of .exe, .zip or macro files.",
    "Thư bị từ chối vì tệp đính kèm có vẻ nguy hiểm. Hãy quét máy tính bằng phần mềm diệt virus, và gửi tài liệu dạng PDF hoặc qua đường liên kết tải về thay vì tệp .exe, .zip hay tệp có macro."},
  FixText{"ask-permission",
    "The recipient (or their company) only accepts mail from approved senders. Ask the recipient another way to allow your address, or to give you an address that accepts outside mail.",
    "Người nhận (hoặc công ty của họ) chỉ nhận thư từ những người gửi được cho phép. Hãy liên hệ người nhận bằng cách khác để nhờ họ cho phép địa chỉ của bạn, hoặc cho bạn một địa chỉ nhận được thư từ bên ngoài."},
  FixText{"check-sender-address",
    "Your own sender address was refused. Check that the From address in your mail program is typed correctly and that its domain exists and receives mail; if it does, ask your mail provider why it is refused.",
    "Địa chỉ người gửi của chính bạn bị từ chối. Kiểm tra địa chỉ From trong chương trình thư đã gõ đúng chưa và tên miền của nó có tồn tại, nhận được thư không; nếu mọi thứ đúng, hãy hỏi nhà cung cấp dịch vụ thư của bạn."},
  FixText{"delist-ip",
    "The server you send through is on a blocklist or has a poor reputation. Tell your mail provider or IT person: they should check the IP address on the blocklist's website, find the cause (an infected computer or a hacked account sending spam), fix it and ask for removal.",
    "Máy chủ bạn dùng để gửi thư đang nằm trong danh sách chặn hoặc bị đánh giá uy tín thấp. Hãy báo cho nhà cung cấp dịch vụ thư hoặc người phụ trách IT: họ cần kiểm tra địa chỉ IP trên trang của danh sách chặn, tìm nguyên nhân (máy tính nhiễm virus hoặc tài khoản bị chiếm dùng để gửi thư rác), khắc phục rồi yêu cầu gỡ khỏi danh sách."},
  FixText{"set-ptr",
    "Your sending server's IP address has no reverse DNS (PTR) name. Ask your hosting or Internet provider to set a PTR record for the IP address that matches the server's name.",
    "Địa chỉ IP của máy chủ gửi thư không có bản ghi DNS ngược (PTR). Hãy nhờ nhà cung cấp hosting hoặc nhà mạng tạo bản ghi PTR cho địa chỉ IP đó, khớp với tên của máy chủ."},
  FixText{"check-spf-dkim",
    "Your domain failed the receiver's sender checks. Check your domain's SPF, DKIM and DMARC records in DNS: SPF must list every server that sends for you, DKIM signing must be turned on at your mail provider, and DMARC must match them. Your mail or domain provider can help.",
    "Tên miền của bạn không vượt qua bước xác thực người gửi của bên nhận. Hãy kiểm tra các bản ghi SPF, DKIM và DMARC của tên miền trong DNS: SPF phải liệt kê mọi máy chủ gửi thư thay bạn, phải bật ký DKIM ở nhà cung cấp dịch vụ thư, và DMARC phải khớp với chúng. Nhà cung cấp tên miền hoặc dịch vụ thư có thể giúp bạn."},
  FixText{"secure-account",
    "Your account or domain was stopped from sending, usually because it sent spam. Change the password at once, scan your computers for viruses, then ask your mail administrator or provider to unblock the account.",
    "Tài khoản hoặc tên miền của bạn đã bị chặn gửi thư, thường là vì đã gửi thư rác. Hãy đổi mật khẩu ngay, quét virus cho các máy tính, rồi nhờ người quản trị thư hoặc nhà cung cấp mở khoá tài khoản."},
  FixText{"smtp-auth",
    "The outgoing (SMTP) server wants you to log in. In your mail program's account settings, turn on \"My outgoing server requires authentication\" (same user name and password as for incoming mail), or use the SMTP server of the network you are on.",
    "Máy chủ gửi thư (SMTP) yêu cầu bạn đăng nhập. Trong phần cài đặt tài khoản của chương trình thư, hãy bật \"Máy chủ thư đi yêu cầu xác thực\" (dùng cùng tên đăng nhập và mật khẩu như thư đến), hoặc dùng máy chủ SMTP của mạng bạn đang kết nối."},
  FixText{"check-password",
    "The outgoing (SMTP) server did not accept your user name or password. Type them again in your mail program's account settings; if you changed your password recently, update it there too.",
    "Máy chủ gửi thư (SMTP) không chấp nhận tên đăng nhập hoặc mật khẩu của bạn. Hãy nhập lại trong phần cài đặt tài khoản của chương trình thư; nếu bạn vừa đổi mật khẩu, hãy cập nhật cả ở đó."},
  FixText{"use-own-smtp",
    "The server refused to pass your message on (relay denied). Use the SMTP server of your own mail provider or of the network you are on, and turn on SMTP authentication in your mail program.",
    "Máy chủ từ chối chuyển tiếp thư của bạn (relay denied). Hãy dùng máy chủ SMTP của nhà cung cấp dịch vụ thư của bạn hoặc của mạng bạn đang kết nối, và bật xác thực SMTP trong chương trình thư."},
  FixText{"enable-tls",
    "The receiving server requires an encrypted connection. Ask your mail administrator to turn on TLS (STARTTLS) for outgoing mail; in a mail program, choose SSL/TLS or STARTTLS for the outgoing server.",
    "Máy chủ nhận yêu cầu kết nối được mã hoá. Hãy nhờ người quản trị thư bật TLS (STARTTLS) cho thư đi; trong chương trình thư, chọn SSL/TLS hoặc STARTTLS cho máy chủ thư đi."},
  FixText{"recipient-server-problem",
    "The recipient's mail server has a problem (down, unreachable or misconfigured). There is nothing to change on your side: tell the recipient another way so their IT can fix it, and send again later.",
    "Máy chủ thư của người nhận đang gặp sự cố (ngừng hoạt động, không kết nối được hoặc cấu hình sai). Bạn không cần thay đổi gì: hãy báo cho người nhận bằng cách khác để bộ phận IT của họ khắc phục, rồi gửi lại sau."},
  FixText{"retry-later",
    "A temporary problem. Nothing to do: the message will be tried again, or send it again later.",
    "Sự cố tạm thời. Bạn không cần làm gì: thư sẽ được gửi lại, hoặc bạn có thể gửi lại sau."},
  FixText{"slow-down",
    "Too many messages were sent in a short time. Wait an hour, then send in smaller batches spread over the day.",
    "Bạn đã gửi quá nhiều thư trong thời gian ngắn. Hãy đợi khoảng một giờ, rồi gửi thành từng đợt nhỏ rải đều trong ngày."},
  FixText{"recipient-busy",
    "The recipient receives too much mail right now. Wait a few hours and send again; nothing is wrong with your setup.",
    "Người nhận đang nhận quá nhiều thư vào lúc này. Hãy đợi vài giờ rồi gửi lại; cấu hình của bạn không có vấn đề gì."},
  FixText{"fewer-recipients",
    "The message had too many recipients at once. Send it to fewer people per message (for example 50 at a time).",
    "Thư có quá nhiều người nhận cùng lúc. Hãy gửi cho ít người hơn trong mỗi thư (ví dụ 50 người một lần)."},
  FixText{"fix-helo",
    "Your sending server introduces itself with an invalid name (HELO). Ask your mail administrator to set the server's name to a real host name that resolves in DNS.",
    "Máy chủ gửi thư của bạn tự giới thiệu bằng một tên không hợp lệ (HELO). Hãy nhờ người quản trị thư đặt tên máy chủ là một tên miền thật, phân giải được trong DNS."},
  FixText{"use-ipv4",
    "The receiving server does not accept mail over IPv6. Ask your mail administrator to send to it over IPv4, or to set up SPF and DKIM and reverse DNS for the IPv6 address.",
    "Máy chủ nhận không nhận thư qua IPv6. Hãy nhờ người quản trị thư gửi tới máy chủ đó qua IPv4, hoặc cấu hình SPF, DKIM và DNS ngược cho địa chỉ IPv6."},
  FixText{"stop-mailing",
    "The recipient marked your message as spam. Do not send to this address again, and send newsletters only to people who asked for them, with an easy unsubscribe link.",
    "Người nhận đã đánh dấu thư của bạn là thư rác. Đừng gửi tới địa chỉ này nữa, và chỉ gửi bản tin cho những người đã đăng ký nhận, kèm đường liên kết huỷ đăng ký dễ thấy."},
  FixText{"nothing-to-do",
    "Nothing to do: this is an automatic reply or a delivery notice, not a failure.",
    "Bạn không cần làm gì: đây là thư trả lời tự động hoặc thông báo đã chuyển thư, không phải lỗi."},
  FixText{"read-the-reply",
    "The reason is not clear. Read the server's reply shown below; if it does not help, forward the whole bounce message to your mail provider or IT person.",
    "Chưa rõ nguyên nhân. Hãy đọc câu trả lời của máy chủ ở bên dưới; nếu vẫn chưa hiểu, hãy chuyển tiếp nguyên thư báo lỗi cho nhà cung cấp dịch vụ thư hoặc người phụ trách IT."},
};
// clang-format on

}  // namespace bouncescan::rules::tables
