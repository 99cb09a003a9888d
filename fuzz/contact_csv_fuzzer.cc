// Fuzz target: the contact-list CSV reader and cleaner of storage/contact_csv.h, fed
// whatever a user's spreadsheet program exported.
//
// Checks: records point inside the text in order; cleaning against an empty suppression
// list gives back the file unchanged (the reader keeps every byte); a row count never
// goes below the rows it flags.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "fuzz/fuzz_check.h"
#include "storage/contact_csv.h"

using bouncescan::fuzz::Check;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace storage = bouncescan::storage;
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto doc = storage::ParseCsv(bytes);
  if (!doc.ok()) return 0;
  std::size_t previous_end = 0;
  for (const storage::CsvRecord& record : doc->records) {
    Check(record.begin >= previous_end && record.begin <= record.end && record.end <= doc->text.size(),
          "records lie in order inside the text");
    Check(record.terminator <= record.end - record.begin, "a terminator is inside its record");
    previous_end = record.end;
    for (const std::string& field : record.fields) (void)storage::AddressesInField(field);
  }
  (void)storage::FindAddressColumns(*doc);

  storage::CleanOptions keep;
  auto nothing_suppressed = storage::CleanContacts(
      bytes, [](const std::string&) { return std::optional<std::string>(); }, keep);
  if (nothing_suppressed.ok()) {
    Check(nothing_suppressed->flagged == 0, "nothing flagged when nothing is suppressed");
    Check(nothing_suppressed->clean == bytes,
          "cleaning against an empty list keeps the file byte for byte");
  }
  storage::CleanOptions mark;
  mark.mark = true;
  auto some_suppressed = storage::CleanContacts(
      bytes,
      [](const std::string& address) {
        return address.size() % 2 ? std::optional<std::string>("userunknown") : std::nullopt;
      },
      size % 2 ? mark : keep);
  if (some_suppressed.ok()) Check(some_suppressed->flagged <= some_suppressed->rows, "flagged <= rows");
  return 0;
}
