#pragma once

// A USB drive as an office would plug in for backups: a fresh 64 MiB exFAT image on a loop
// device, mounted through FUSE (exfat-fuse), which has neither an atomic no-replace rename nor
// hard links. Needs root, /dev/fuse, losetup, mkfs.exfat and mount.exfat-fuse
// (scripts/install-deps.sh installs the last two); where any is missing, path() is empty and
// why() says what, for GTEST_SKIP. Unmounted and removed at scope exit.

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "TempDir.h"

namespace kc::test {

class ExfatDrive {
public:
    ExfatDrive() {
        const std::string image = _dir.file("drive.img"), mountPoint = _dir.file("drive");
        if (::geteuid() != 0)
            _why = "needs root (losetup, mount)";
        else if (::access("/dev/fuse", R_OK | W_OK) != 0)
            _why = "no /dev/fuse";
        else if (!run("for c in mkfs.exfat mount.exfat-fuse losetup fusermount; do "
                      "command -v $c || exit 1; done"))
            _why = "mkfs.exfat, mount.exfat-fuse, losetup or fusermount missing";
        else if (!run("truncate -s 64M '" + image + "' && mkfs.exfat '" + image + "'"))
            _why = "mkfs.exfat failed";
        else if (!run("losetup -f --show '" + image + "' > '" + _dir.file("loop") + "'") ||
                 !readLoop())
            _why = "no free loop device";
        else if (std::filesystem::create_directory(mountPoint);
                 !run("mount.exfat-fuse '" + _loop + "' '" + mountPoint + "'"))
            _why = "mount.exfat-fuse failed";
        else
            _path = mountPoint;
    }
    ~ExfatDrive() {
        if (!_path.empty())
            run("fusermount -u '" + _path.string() + "'");
        if (!_loop.empty())
            run("losetup -d '" + _loop + "'");
    }
    ExfatDrive(const ExfatDrive&) = delete;
    ExfatDrive& operator=(const ExfatDrive&) = delete;

    const std::filesystem::path& path() const { return _path; }
    const std::string& why() const { return _why; }

private:
    static bool run(const std::string& command) {
        return std::system(("(" + command + ") > /dev/null 2>&1").c_str()) == 0;
    }
    bool readLoop() {
        std::ifstream in(_dir.file("loop"));
        std::getline(in, _loop);
        return !_loop.empty();
    }

    TempDir _dir;
    std::filesystem::path _path;
    std::string _loop;
    std::string _why;
};

}  // namespace kc::test
