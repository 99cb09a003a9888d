// The SQL of each numbered schema migration (storage/SCHEMA.md explains every table and
// column). Used by database.cc to create and upgrade files, and by tests to build an
// old-version file. Migration N takes a file from user_version N-1 to N.
#pragma once

#include <array>
#include <string_view>

namespace bouncescan::storage {

// Marks the file as ours (PRAGMA application_id): "BSCN".
inline constexpr int kApplicationId = 0x4253434e;

// kMigrations[N-1] is the SQL of migration N. Migration 2 also has a backfill step in C++
// (events.effect is decided by storage/policy.h).
inline constexpr std::array<std::string_view, 2> kMigrations{
    // 1: messages, events, the suppression list (hard bounces only), scan state, digest mark.
    R"sql(
CREATE TABLE messages (
  id                INTEGER PRIMARY KEY,
  identity          TEXT NOT NULL UNIQUE,
  fallback_identity TEXT NOT NULL DEFAULT '',
  source            TEXT NOT NULL DEFAULT '',
  kind              TEXT NOT NULL DEFAULT 'none',
  decoder           TEXT NOT NULL DEFAULT '',
  reporting_mta     TEXT NOT NULL DEFAULT '',
  message_id        TEXT NOT NULL DEFAULT '',
  subject           TEXT NOT NULL DEFAULT '',
  date              TEXT NOT NULL DEFAULT '',
  undecodable       INTEGER NOT NULL DEFAULT 0,
  problem           TEXT NOT NULL DEFAULT '',
  recorded_at       INTEGER NOT NULL
);
CREATE INDEX messages_fallback ON messages(fallback_identity) WHERE fallback_identity <> '';
CREATE INDEX messages_undecodable ON messages(id) WHERE undecodable = 1;
CREATE TABLE events (
  id                  INTEGER PRIMARY KEY,
  message             INTEGER NOT NULL REFERENCES messages(id),
  recorded_at         INTEGER NOT NULL,
  recipient           TEXT NOT NULL DEFAULT '',
  address             TEXT NOT NULL DEFAULT '',
  action              TEXT NOT NULL DEFAULT '',
  reason              TEXT NOT NULL DEFAULT 'undefined',
  hard                INTEGER NOT NULL DEFAULT 0,
  fixer               TEXT NOT NULL DEFAULT 'none',
  suppress            INTEGER NOT NULL DEFAULT 0,
  fix                 TEXT NOT NULL DEFAULT '',
  rule                TEXT NOT NULL DEFAULT '',
  status              TEXT NOT NULL DEFAULT '',
  reply_code          TEXT NOT NULL DEFAULT '',
  diagnostic          TEXT NOT NULL DEFAULT '',
  remote_mta          TEXT NOT NULL DEFAULT '',
  original_message_id TEXT NOT NULL DEFAULT '',
  original_subject    TEXT NOT NULL DEFAULT ''
);
CREATE INDEX events_address ON events(address);
CREATE INDEX events_recorded_at ON events(recorded_at);
CREATE TABLE suppressions (
  address        TEXT PRIMARY KEY,
  reason         TEXT NOT NULL,
  origin         TEXT NOT NULL,
  first_seen     INTEGER NOT NULL,
  last_seen      INTEGER NOT NULL,
  count          INTEGER NOT NULL DEFAULT 0,
  note           TEXT NOT NULL DEFAULT '',
  evidence_event INTEGER REFERENCES events(id),
  listed_at      INTEGER NOT NULL,
  removed_at     INTEGER
);
CREATE TABLE folder_state (
  account     TEXT NOT NULL,
  folder      TEXT NOT NULL,
  uidvalidity INTEGER NOT NULL,
  last_uid    INTEGER NOT NULL,
  PRIMARY KEY (account, folder)
);
CREATE TABLE digest_mark (
  id                  INTEGER PRIMARY KEY CHECK (id = 1),
  last_event_id       INTEGER NOT NULL,
  last_undecodable_id INTEGER NOT NULL,
  sent_at             INTEGER NOT NULL
);
)sql",
    // 2: soft-failure policy. Each event keeps the failure's own time and what it did to the
    // list, so that counting soft failures per day does not depend on scan order or time.
    R"sql(
ALTER TABLE events ADD COLUMN occurred_at INTEGER NOT NULL DEFAULT 0;
ALTER TABLE events ADD COLUMN effect TEXT NOT NULL DEFAULT 'none';
UPDATE events SET occurred_at = recorded_at;
CREATE INDEX events_address_effect ON events(address, effect);
)sql",
};

}  // namespace bouncescan::storage
