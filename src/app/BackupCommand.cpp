#include "app/BackupCommand.h"

#include <chrono>
#include <filesystem>
#include <fstream>
#include <ostream>
#include <stdexcept>

#include "storage/Durable.h"

namespace fs = std::filesystem;

namespace kc {
namespace {

// True if path is dir or lies under it (both absolute and normalised).
bool within(const fs::path& path, const fs::path& dir) {
    const fs::path rel = path.lexically_relative(dir);
    return !rel.empty() && *rel.begin() != "..";
}

// Written into DIR by every backup, first: what tells a backup from a live storage directory
// laid out alike (kiemchung.db, blobs/), whose database a backup would replace.
constexpr const char* kMarker = "kiemchung-backup";

// Why DIR cannot take a backup, or "" if it can.
std::string refusal(const fs::path& dir, const Config& config) {
    const fs::path storage = fs::weakly_canonical(config.storageDir);
    if (within(dir, storage) || dir / "kiemchung.db" == fs::weakly_canonical(config.databasePath))
        return dir.string() + " is inside storage.dir (" + storage.string() +
               "): a backup must be kept elsewhere";
    std::error_code ec;
    if (fs::exists(dir, ec) && !fs::is_directory(dir, ec))
        return dir.string() + " exists and is not a directory";
    if (!fs::is_directory(dir, ec) || fs::is_empty(dir, ec))
        return "";
    if (fs::exists(dir / "keys", ec))
        return dir.string() +
               " has keys/: it looks like a live storage directory (a backup never holds keys)";
    if (fs::exists(dir / kMarker, ec))
        return "";
    for (const char* open : {"kiemchung.db-wal", "kiemchung.db-shm"})
        if (fs::exists(dir / open, ec))
            return dir.string() + " has " + open +
                   ": its database is in use, as in a live storage directory";
    if (!fs::exists(dir / "kiemchung.db", ec) && !fs::is_directory(dir / "blobs", ec))
        return dir.string() +
               " is neither empty nor a previous backup (no kiemchung.db, no blobs/)";
    return dir.string() + " has no " + kMarker +
           " file, which backup writes into every backup it makes: it may be a live storage "
           "directory. If it is a backup made before that file was written, create it (touch " +
           (dir / kMarker).string() + ") and run again";
}

std::string megabytes(std::uint64_t bytes) {
    const std::uint64_t tenths = (bytes * 10 + (1 << 19)) >> 20;
    return std::to_string(tenths / 10) + "." + std::to_string(tenths % 10) + " MB";
}

void list(std::ostream& out, const char* title, const std::vector<std::string>& shas) {
    out << title << ": " << shas.size() << "\n";
    for (const auto& sha : shas) out << "  " << sha << "\n";
}

}  // namespace

int runBackup(Kernel& k, const std::vector<std::string>& args, std::ostream& out) {
    if (args.size() != 2 || args[1].empty()) {
        out << "backup needs DIR (a new or empty directory, or a previous backup)\n";
        return 2;
    }
    const fs::path dir = fs::weakly_canonical(fs::absolute(args[1]));
    if (std::string why = refusal(dir, k.config()); !why.empty()) {
        out << "error: " << why << "\n";
        return 2;
    }
    const fs::path snapshot = dir / "tmp" / "kiemchung.db.partial";
    try {
        fs::create_directories(dir);
        if (!fs::exists(dir / kMarker)) {
            std::ofstream marker(dir / kMarker);
            marker << "A backup written by `kiemchung backup`: restore and check it as "
                      "docs/operations.md says (\"Backup and restore\").\n";
            marker.close();
            if (marker.fail())
                throw std::runtime_error("cannot write " + (dir / kMarker).string());
            syncFile(dir / kMarker);
            syncDirectory(dir);
        }
        const BlobStore backup(dir);  // creates DIR/blobs and DIR/tmp
        // What killed backups left in DIR/tmp (the snapshot and its journal, half-copied
        // files): only a backup writes there, and nothing there is kept. Without this they
        // stayed for good, since no server ever sweeps a backup directory.
        backup.removeStaleTemps(std::chrono::seconds(0));
        fs::remove(snapshot);
        k.database().snapshotTo(snapshot.string());
        // The files the snapshot itself records: no fewer (its rows would lack files), no more
        // (the backup's own verify would call them orphans).
        auto recorded = [&] {
            auto copy = SqlStore::openSqlite(snapshot.string(), 1);
            return copy->read([](Transaction& tx) -> Result<std::vector<std::string>> {
                return tx.evidence().blobShas();
            });
        }();
        if (!recorded.ok()) {
            fs::remove(snapshot);
            out << "error: " << recorded.error().message << "\n";
            return 1;
        }
        syncFile(snapshot);  // opening it switched it to WAL mode, as the server will
        const BlobCopyReport copied = backup.copyFrom(k.blobs(), recorded.value());
        fs::remove(dir / "kiemchung.db-wal");  // would be replayed into the new snapshot
        fs::remove(dir / "kiemchung.db-shm");
        fs::rename(snapshot, dir / "kiemchung.db");
        syncDirectory(dir);

        out << "database: " << megabytes(fs::file_size(dir / "kiemchung.db")) << " -> "
            << (dir / "kiemchung.db").string() << "\n"
            << "files recorded: " << recorded->size() << "; copied " << copied.copied << " ("
            << megabytes(copied.bytesCopied) << "), in the backup already " << copied.present
            << "\n";
        list(out, "missing in storage", copied.missing);
        list(out, "corrupt in storage (not copied)", copied.corrupt);
        list(out, "in the backup with another size (left as they are)", copied.different);
        out << (copied.ok() ? "backup complete: " : "BACKUP INCOMPLETE (see above): ")
            << dir.string() << "\nsigning keys are not included: keep a copy of them apart\n";
        return copied.ok() ? 0 : 1;
    } catch (const std::exception& e) {
        std::error_code ignored;
        fs::remove(snapshot, ignored);
        out << "error: backup failed, " << (dir / "kiemchung.db").string()
            << " not replaced: " << e.what() << "\n";
        return 1;
    }
}

}  // namespace kc
