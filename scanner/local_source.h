// Local message sources: .eml files, mbox files, Maildir folders and stdin.
//
// Used by `classify` and `scan` (through scanner/pipeline.h) to turn a path given on the
// command line into raw messages. Reads files only; decodes nothing. mbox files are
// streamed (a large mailbox is never held in memory at once); a large single-message file
// is mapped, not copied, so that only the pages a reader touches are ever loaded. Not
// thread-safe per call; separate calls are independent.
#pragma once

#include <cstddef>
#include <functional>
#include <istream>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "scanner/content_digest.h"

namespace bouncescan::scanner {

struct LocalMessage {
  std::string source;  // the path as given; "path#N" (1-based) for the Nth message of an mbox
  // The message bytes (mbox: envelope line removed, >From unquoted). Points into `storage`
  // (a string or a read-only file mapping), so it stays valid as long as this LocalMessage
  // or a copy of `storage` lives, wherever the LocalMessage is moved. A mapped file that
  // another process truncates while it is read is not supported (SIGBUS).
  std::string_view raw;
  std::shared_ptr<const void> storage;
  // raw holds only the first LocalReadOptions::max_message_bytes of a longer message.
  bool truncated = false;
  // raw lies in a read-only mapping of the file (large files; see ReleasePages).
  bool mapped = false;
  // Set when raw is only the start of an mbox or stdin message
  // (LocalReadOptions::digest_mbox_beyond): the digests of all of its bytes, for its
  // content identity (scanner::ContentIdentity).
  std::optional<ContentDigests> digests;
};

// Lets go of the pages of `range` (REQUIRES: a part of m.raw) that lie wholly inside it:
// for a mapped message they leave this process's memory and, should they be read again,
// come back from the file unchanged; for any other message nothing happens. For a reader
// that passes once over a large file (scan's content hash), so that the file does not
// become resident in full. A range that starts at a multiple of the page size from
// m.raw.data() loses all its whole pages.
void ReleasePages(const LocalMessage& m, std::string_view range);


struct LocalReadOptions {
  // Bytes kept of each message; the rest is read past (mbox) or left unread (files) and
  // the message is marked truncated. classify, which decodes only the start of a message,
  // sets it just above mime::DecodeOptions::max_bytes, so that an mbox holding a 50 MB
  // message does not hold 50 MB. scan leaves it unset: it hashes whole messages (and uses
  // digest_mbox_beyond below for mbox messages).
  std::size_t max_message_bytes = std::numeric_limits<std::size_t>::max();
  // For readers that need the identity of whole messages but decode only their start
  // (scan): an mbox message or a message on stdin longer than this is kept only up to it
  // (and marked truncated), and is digested whole while it is read (LocalMessage::digests).
  // scan sets it just above mime::DecodeOptions::max_bytes. Files are not affected (a large
  // one is mapped and its pages dropped as the hash passes them, see ReleasePages). Digests
  // are made only of messages not cut by max_message_bytes first.
  std::size_t digest_mbox_beyond = std::numeric_limits<std::size_t>::max();
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
                           std::vector<std::string>* problems, const LocalReadOptions& options = {});

// Splits an mbox stream; `name` is used for the sources ("name#N"). Exposed for tests
// and for callers that already hold a stream.
Status ForEachMboxMessage(std::istream& in, const std::string& name,
                          const std::function<void(LocalMessage&&)>& fn, const LocalReadOptions& options = {});

}  // namespace bouncescan::scanner
