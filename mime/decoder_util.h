// Helpers that several decoders share: reading RFC 3464 field groups, finding the
// bounced message's headers, telling a mailer-daemon sender apart.
//
// Used by the decoders in mime/*.cc and mime/lhost/*.cc and by DecodeBounce. Pure
// functions on values; no I/O, no globals.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "mime/bounce_report.h"
#include "mime/message.h"

namespace bouncescan::mime {

// Reads message/delivery-status text (RFC 3464 2.1): the per-message group and every
// per-recipient group. Lenient: groups not separated by blank lines are split at each
// Final-Recipient; a group without Final-Recipient uses Original-Recipient or
// X-Actual-Recipient. Sets *reporting_mta (may be nullptr) from Reporting-MTA.
// Records come back with diagnostic, status and reply code already split (see
// CompleteRecord).
std::vector<RecipientRecord> ParseDeliveryStatusFields(std::string_view text, std::string* reporting_mta);

// Fills what can be derived within one record: diagnostic_type and diagnostic_code split
// out of "smtp; 550 ...", reply_code and a missing status taken from the diagnostic,
// whitespace squeezed, action lowercased. Idempotent.
void CompleteRecord(RecipientRecord* record);

// The SMTP command at which `address` was refused, as the human-readable text of a report
// tells it ("RCPT", "DATA", "MAIL"), or empty. Reads Postfix's "<address>: host ... said:
// ... (in reply to RCPT TO command)", Exim's "... after RCPT TO: ..." in the address's
// paragraph, and a sendmail session transcript, where the "<<< 550 ... <address>..." reply
// answers the last ">>> COMMAND" line above it.
std::string CommandForRecipient(std::string_view text, std::string_view address);

// True when the address or header value names a mail system rather than a person:
// MAILER-DAEMON, postmaster, "Mail Delivery System", "Mail Delivery Subsystem", ...
bool IsMailSystemSender(std::string_view from_value);

// True when a Subject reads like a non-delivery report ("Undelivered Mail Returned to
// Sender", "Delivery Status Notification (Failure)", "Unzustellbar: ...", ...).
bool IsBounceSubject(std::string_view subject);

// The headers of the message that bounced: from the message/rfc822 part, the
// text/rfc822-headers part, or a copy quoted in the body text. Empty fields when absent.
OriginalMessage FindOriginalMessage(const Message& message);

// The main text up to where a quoted copy of the original message starts ("----- Original
// message -----", "--- Below this line is a copy of the message.", a quoted header block...).
std::string_view TextBeforeQuotedOriginal(std::string_view text);

// Splits text into lines (LF) without copying.
std::vector<std::string_view> SplitLines(std::string_view text);

// Case-insensitive substring search (ASCII); npos if absent.
std::size_t IFind(std::string_view haystack, std::string_view needle, std::size_t from = 0);
bool IStartsWith(std::string_view text, std::string_view prefix);
// ToLower(a) == ToLower(b), without making the two copies.
bool EqualsNoCase(std::string_view a, std::string_view b);
std::string_view TrimView(std::string_view text);

// Finds the earliest of a fixed list of phrases in a text, ignoring ASCII case as IFind
// does, in one pass instead of one IFind per phrase. Build one per static list (a
// function-local static) and reuse it: building costs about one search of a short text.
// A Wu-Manber search: the last two bytes of a window as long as the shortest phrase say
// how far the window can move without passing the start of any phrase, so a long text is
// read a few bytes in ten; the search stops at the first phrase found, which is the
// earliest. Lists with a phrase shorter than two bytes are searched phrase by phrase.
// Immutable once built: safe to share between threads.
class PhraseFinder {
 public:
  struct Match {
    std::size_t pos = std::string_view::npos;    // where the phrase starts in the text
    std::size_t index = std::string_view::npos;  // which phrase (its index in the list)
  };

  // Copies the phrases: the list need not outlive the finder.
  explicit PhraseFinder(std::span<const std::string_view> phrases);

  // The phrase that starts earliest in `text`; of several starting there, the first
  // listed. The same answer as taking, over the list, the smallest IFind(text, phrase)
  // (first one on ties). {npos, npos} when none occurs.
  Match Find(std::string_view text) const;
  bool Contains(std::string_view text) const { return Find(text).pos != std::string_view::npos; }

 private:
  struct Entry {
    std::size_t offset;  // in text_
    std::size_t size;
    std::uint16_t slot;  // the phrase's last two bytes within the window, hashed
    std::size_t index;   // in the list given
  };
  std::string_view Phrase(const Entry& e) const { return std::string_view(text_).substr(e.offset, e.size); }
  Match FindEach(std::string_view text) const;

  std::string text_;  // the phrases, one after the other
  // In list order when window_ is 0; else by slot, list order within a slot, so that a
  // window whose shift is 0 checks only the phrases that can end there.
  std::vector<Entry> entries_;
  std::uint16_t Slot(char a, char b) const;

  std::size_t window_ = 0;  // 0: search phrase by phrase
  // Shift per hashed byte pair; sized to the list (256 to 4096 slots), since every
  // process builds a finder per static list and each table is fresh pages to fault in.
  std::vector<std::uint8_t> shift_;
  std::uint16_t mask_ = 0;
};

}  // namespace bouncescan::mime
