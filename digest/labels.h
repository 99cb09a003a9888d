// The digest's words in English and Vietnamese: section titles, explanations, and short
// labels for causes, reasons and suppression origins.
//
// Used only by digest/render.cc. Suggested fixes for a verdict's fix key come from
// rules::FixText; the generic fixes here cover a cause when the rules give none.
// Constant tables, no I/O.
#pragma once

#include <string_view>

#include "digest/digest_input.h"
#include "rules/judge.h"

namespace bouncescan::digest {

using rules::Language;

struct Labels {
  std::string_view lang_tag;           // "en", "vi" (BCP 47, for Content-Language and <html lang>)
  std::string_view title;              // heading of the whole digest
  std::string_view subject_prefix;     // "Bounce digest"
  std::string_view since;              // "Since {date}" — {date} is replaced
  std::string_view intro;              // one paragraph under the title
  std::string_view sender_title;
  std::string_view sender_intro;
  std::string_view removed_title;
  std::string_view removed_intro;
  std::string_view watching_title;
  std::string_view watching_intro;     // {n} and {d} are replaced
  std::string_view contact_title;
  std::string_view contact_intro;
  std::string_view unclassified_title;
  std::string_view unclassified_intro;
  std::string_view recipients_one;     // "1 recipient"
  std::string_view recipients_many;    // "{n} recipients"
  std::string_view example;            // "Example"
  std::string_view what_to_do;         // "What to do"
  std::string_view col_address;
  std::string_view col_reason;
  std::string_view col_evidence;
  std::string_view col_count;          // "Failures so far"
  std::string_view count_of;           // "{n} of {t}"
  std::string_view col_subject;
  std::string_view col_where;
  std::string_view col_problem;
  std::string_view no_subject;
  std::string_view subject_sending;    // "{n} sending problem(s)"
  std::string_view subject_removed;    // "{n} address(es) removed"
  std::string_view subject_other;      // "{n} item(s) to read"
  std::string_view footer;
};

const Labels& LabelsFor(Language language);
std::string_view CauseTitle(SenderCause cause, Language language);
// What to do about a cause when the rules have no fix text for it.
std::string_view CauseGenericFix(SenderCause cause, Language language);
// A few words for a reason name ("userunknown" -> "the mailbox does not exist"); the
// name itself for an unknown one.
std::string_view ReasonLabel(std::string_view reason, Language language);
// "hard" -> "permanent failure", ...; the origin itself for an unknown one.
std::string_view OriginLabel(std::string_view origin, Language language);

}  // namespace bouncescan::digest
