// Contact-list CSV: reading a CSV exactly as written, finding its address columns, and
// writing back the rows to keep byte for byte (columns, quoting, encoding, BOM, line ends).
//
// Used by `bouncescan check` and `suppressed import` (cli/), and by the CSV fuzz target.
// Pure: no I/O, no clock, no database — the caller passes the file's bytes in and a lookup
// function for suppressed addresses. Never throws; broken input is a kMalformed Status naming
// the line. Thread-safe.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace bouncescan::storage {

enum class CsvEncoding {
  kBytes,    // UTF-8 without BOM, or any ASCII-compatible 8-bit encoding (Windows-1252, ...)
  kUtf8Bom,  // UTF-8 with a byte order mark (Excel, Outlook)
  kUtf16Le,  // UTF-16 little endian with BOM ("Unicode" in Windows dialogs)
  kUtf16Be,  // UTF-16 big endian with BOM
};

struct CsvRecord {
  std::vector<std::string> fields;  // unquoted values
  std::size_t begin = 0;            // byte offset in CsvDocument::text
  std::size_t end = 0;              // offset after the record's line terminator
  std::size_t terminator = 0;       // length of its terminator ("\r\n" 2, "\n" or "\r" 1, last line 0)
  std::size_t line = 0;             // 1-based line where the record starts
  bool all_quoted = false;          // every field was written in quotes
};

struct CsvDocument {
  CsvEncoding encoding = CsvEncoding::kBytes;
  // The file without its BOM; UTF-16 files are converted to UTF-8 here (lossless: lone
  // surrogates are kept as three-byte sequences) and converted back by Encode().
  std::string text;
  // A UTF-16 file of odd length: its last byte, which is no code unit (written back as is
  // at the end of a cleaned file).
  std::string tail;
  char delimiter = ',';             // ',' ';' or '\t', guessed from the first line
  std::vector<CsvRecord> records;
};

// Parses RFC 4180 CSV, leniently: CRLF, LF or CR line ends, a stray quote inside an
// unquoted field is kept as text, the last line may lack its terminator. A quoted field that
// never closes, or text after a closing quote, is kMalformed "line N: ...".
Result<CsvDocument> ParseCsv(std::string_view bytes);

// `text` (a piece of doc.text, or new text in the same encoding) in the file's encoding,
// with the BOM first when `with_bom`.
std::string Encode(const CsvDocument& doc, std::string_view text, bool with_bom);

// `value` as one field: quoted when it holds the delimiter, a quote or a line break, or
// when `always`.
std::string QuoteField(std::string_view value, char delimiter, bool always);

// The columns that hold e-mail addresses, and whether record 0 is a header.
struct AddressColumns {
  bool has_header = true;
  std::vector<std::size_t> columns;
};
// Header names that mention mail ("E-mail Address", "E-mail 2 Address", "Primary Email",
// "Secondary Email", "E-mail 1 - Value", "Email", ...) whose values look like addresses;
// else any column whose values mostly look like addresses. Empty `columns`: none found.
AddressColumns FindAddressColumns(const CsvDocument& doc);

// The normalised addresses in one field: Google's " ::: " lists, "a; b", "Name <a@b>".
std::vector<std::string> AddressesInField(std::string_view field);

// Cleaning a contact list.
struct CleanOptions {
  bool mark = false;                // keep every row and add a column naming the reason
  std::string mark_column = "Suppressed";  // header of the added column
};
// The reason (e.g. "userunknown", "manual") a normalised address is suppressed, or nullopt.
using SuppressedLookup = std::function<std::optional<std::string>(const std::string& address)>;

struct CleanResult {
  std::string clean;                // the output file's bytes
  std::string removed;              // header + removed rows (+ reason column), file bytes
  std::size_t rows = 0;             // data rows read (blank lines not counted)
  std::size_t flagged = 0;          // rows with a suppressed address (dropped, or marked)
  std::map<std::string, std::size_t> by_reason;  // flagged rows per reason
  std::vector<std::string> address_columns;      // header names (or "column N") used
};

// Drops (or marks) every row with at least one suppressed address. kMalformed for broken
// CSV; kInvalidArgument when no address column can be found.
Result<CleanResult> CleanContacts(std::string_view bytes, const SuppressedLookup& lookup, const CleanOptions& options);

}  // namespace bouncescan::storage
