// Local message sources: .eml files, mbox files, Maildir folders and stdin.
//
// Used by `classify` and `scan` (through scanner/pipeline.h) to turn a path given on the
// command line into raw messages. Reads files only; decodes nothing. mbox files are
// streamed (a large mailbox is never held in memory at once). Not thread-safe per call;
// separate calls are independent.
#pragma once

#include <functional>
#include <istream>
#include <string>
#include <vector>

#include "base/status.h"

namespace bouncescan::scanner {

struct LocalMessage {
  std::string source;  // the path as given; "path#N" (1-based) for the Nth message of an mbox
  std::string raw;     // the message bytes (mbox: envelope line removed, >From unquoted)
};

// Calls fn once per message found at `path`:
//  - `-`: standard input (an mbox if it starts with "From ", otherwise one message);
//  - a directory with cur/ or new/: a Maildir, every file of cur/ and new/ in name order;
//  - another directory: every regular file in it, in name order, each read as below;
//  - a file that starts with "From " (and is not named *.eml): an mbox, split on
//    "From " lines the mbox way
//    (LF, CRLF and CR-only line endings; ">From " lines unquoted one level);
//  - any other file: one message (.eml).
// A path that cannot be read at all is the returned error (kNotFound / kIoError); a part
// that cannot be read (an unreadable file inside a Maildir) is appended to *problems
// (REQUIRES: problems != nullptr) and the walk goes on.
Status ForEachLocalMessage(const std::string& path, const std::function<void(LocalMessage&&)>& fn,
                           std::vector<std::string>* problems);

// Splits an mbox stream; `name` is used for the sources ("name#N"). Exposed for tests
// and for callers that already hold a stream.
Status ForEachMboxMessage(std::istream& in, const std::string& name,
                          const std::function<void(LocalMessage&&)>& fn);

}  // namespace bouncescan::scanner
