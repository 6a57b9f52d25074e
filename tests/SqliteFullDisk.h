#pragma once

// A full disk for the database, for tests. While an instance lives it is SQLite's default VFS:
// the unix VFS, except that while full(true) holds, every write to a write-ahead log fails with
// SQLITE_FULL, which is what the unix VFS reports for a write that fails with ENOSPC.
// A connection keeps the VFS it was opened with: create the instance before the database is
// opened, and let it outlive every connection. One instance at a time.

#include <sqlite3.h>

#include <atomic>
#include <mutex>
#include <stdexcept>

namespace kc::test {

class SqliteFullDisk {
public:
    SqliteFullDisk() {
        _real = sqlite3_vfs_find(nullptr);
        if (_real == nullptr)
            throw std::runtime_error("no SQLite VFS");
        _vfs = *_real;
        _vfs.zName = "kc-test-full-disk";
        _vfs.xOpen = &open;
        _self = this;
        if (sqlite3_vfs_register(&_vfs, 1) != SQLITE_OK)
            throw std::runtime_error("cannot register the SQLite VFS");
    }
    ~SqliteFullDisk() {
        sqlite3_vfs_unregister(&_vfs);  // the VFS registered before becomes the default again
        _self = nullptr;
    }
    SqliteFullDisk(const SqliteFullDisk&) = delete;
    SqliteFullDisk& operator=(const SqliteFullDisk&) = delete;

    void full(bool on) { _full = on; }

private:
    // Opens as the unix VFS does; a log's methods are the unix ones but for xWrite.
    static int open(sqlite3_vfs*, const char* name, sqlite3_file* file, int flags, int* outFlags) {
        SqliteFullDisk& self = *_self;
        int rc = self._real->xOpen(self._real, name, file, flags, outFlags);
        if (rc != SQLITE_OK || (flags & SQLITE_OPEN_WAL) == 0 || file->pMethods == nullptr)
            return rc;
        std::lock_guard lock(self._mutex);
        if (self._realMethods == nullptr) {
            self._realMethods = file->pMethods;
            self._methods = *file->pMethods;
            self._methods.xWrite = &write;
        }
        if (file->pMethods == self._realMethods)
            file->pMethods = &self._methods;
        return rc;
    }
    static int write(sqlite3_file* file, const void* data, int n, sqlite3_int64 offset) {
        if (_self->_full)
            return SQLITE_FULL;
        return _self->_realMethods->xWrite(file, data, n, offset);
    }

    static inline SqliteFullDisk* _self = nullptr;
    sqlite3_vfs* _real = nullptr;
    sqlite3_vfs _vfs{};
    std::mutex _mutex;
    const sqlite3_io_methods* _realMethods = nullptr;
    sqlite3_io_methods _methods{};
    std::atomic<bool> _full{false};
};

}  // namespace kc::test
