#pragma once

#include <iosfwd>
#include <string>
#include <vector>

#include "app/Kernel.h"

namespace kc {

// `kiemchung backup DIR`: a consistent copy of the database and of every file it records, made
// while servers run (docs/operations.md, "Backup and restore"). DIR is laid out as a storage
// directory, DIR/kiemchung.db and DIR/blobs/ab/cd/<sha256>, so a backup is restored by copying
// it back and checked with `kiemchung verify` pointed at it, plus the file DIR/kiemchung-backup
// that marks it as a backup. The steps:
//   1. the database is snapshotted into DIR/tmp/ (SQLite's VACUUM INTO) and fsynced;
//   2. the files that snapshot records are copied into DIR/blobs, each checked against its
//      SHA-256 as it is read; a file already in DIR with the same size is not copied again, so
//      a backup into the same DIR each night copies only the day's new files;
//   3. the snapshot replaces DIR/kiemchung.db, last: at every moment DIR/kiemchung.db has all
//      its files in DIR (a failed or interrupted backup leaves the previous one whole).
// Signing keys are not copied (they are kept apart from the data, see "Keys").
// Exit 0 when every recorded file is in the backup; 1 when a file is missing or corrupt in
// storage (everything else is backed up and the problems are listed) or the backup failed
// (nothing replaced); 2 for bad usage, or a DIR inside storage.dir, not a directory, or neither
// empty nor a previous backup. A previous backup is a DIR with the kiemchung-backup file and
// without keys/; a DIR laid out as a storage directory without that file is refused (a live
// store: its database would be replaced), with how to mark an earlier version's backup.
int runBackup(Kernel& k, const std::vector<std::string>& args, std::ostream& out);

}  // namespace kc
