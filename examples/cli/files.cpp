// Writing files safely (files.hpp).
#include "files.hpp"

#include "inputs.hpp"

#include <cerrno>
#include <climits>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <string>
#include <system_error>

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

namespace dlm_cli {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view temporary_suffix = ".dlm-tmp";

/// A 64-bit FNV-1a hash of `text`, in hexadecimal: tells apart two long names that share their beginning.
std::string hash_hex(const std::string& text) {
    std::uint64_t hash = 0xcbf29ce484222325u;
    for (const char c : text) {
        hash ^= static_cast<unsigned char>(c);
        hash *= 0x100000001b3u;
    }
    char out[17];
    std::snprintf(out, sizeof out, "%016llx", static_cast<unsigned long long>(hash));
    return out;
}

bool write_all(int fd, const std::string& text) {
    for (std::size_t written = 0; written < text.size();) {
        const ssize_t n = ::write(fd, text.data() + written, text.size() - written);
        if (n < 0) {
            if (errno == EINTR) continue;
            return false;
        }
        written += static_cast<std::size_t>(n);
    }
    return true;
}

/// Creates the temporary file `name`, locked; removes a stale one (of this user, unlocked: its writer is gone).
/// Returns the descriptor, or -1 with errno set (EBUSY: another run is writing the same target).
int create_temporary(const std::string& name) {
    for (int attempt = 0; attempt < 2; ++attempt) {
        const int fd = ::open(name.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
        if (fd >= 0) {
            struct stat opened {};
            struct stat named {};
            // Locked, and still the file of that name (not removed as stale between the open and the lock).
            if (::flock(fd, LOCK_EX | LOCK_NB) == 0 && ::fstat(fd, &opened) == 0 && ::lstat(name.c_str(), &named) == 0 &&
                opened.st_ino == named.st_ino && opened.st_dev == named.st_dev)
                return fd;
            ::close(fd);
            errno = EBUSY;
            return -1;
        }
        if (errno != EEXIST) return -1;
        // A file of that name: a run that was killed, or one still writing (it holds the lock).
        const int old = ::open(name.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
        struct stat status {};
        if (old < 0 || ::fstat(old, &status) != 0 || !S_ISREG(status.st_mode) || status.st_uid != ::geteuid()) {
            if (old >= 0) ::close(old);
            errno = EEXIST;
            return -1;
        }
        const bool in_use = ::flock(old, LOCK_EX | LOCK_NB) != 0;
        if (!in_use) ::unlink(name.c_str());
        ::close(old);
        if (in_use) {
            errno = EBUSY;
            return -1;
        }
    }
    errno = EEXIST;
    return -1;
}

std::string write_standard_output(const std::string& text) {
    std::cout.flush();
    std::fflush(stdout);
    if (!write_all(STDOUT_FILENO, text)) return "cannot write to standard output: " + errno_message(errno);
    return {};
}

}  // namespace

fs::path temporary_name_for(const fs::path& target) {
    const std::string name = target.filename().string();
    std::string temporary = "." + name + std::string(temporary_suffix);
    if (temporary.size() > NAME_MAX) {  // keep a recognisable prefix, make it unique with a hash of the whole name
        const std::string hash = hash_hex(name);
        const std::size_t keep = NAME_MAX - 1 - 1 - hash.size() - temporary_suffix.size();
        std::size_t cut = keep;
        while (cut > 0 && (static_cast<unsigned char>(name[cut]) & 0xC0u) == 0x80u) --cut;  // whole characters
        temporary = "." + name.substr(0, cut) + "~" + hash + std::string(temporary_suffix);
    }
    return target.parent_path() / temporary;
}

std::string write_atomically(const fs::path& requested, const std::string& text, const write_options& options) {
    if (requested == "-") return write_standard_output(text);
    // Replace what a symbolic link points to, not the link. (A target that does not exist yet is fine.)
    fs::path target = requested;
    std::error_code ec;
    if (fs::is_symlink(fs::symlink_status(requested, ec))) {
        fs::path resolved = fs::canonical(requested, ec);
        if (!ec) target = std::move(resolved);  // a dangling link is replaced by the file
    }
    if (!target.has_filename()) return target.string() + " is a directory; nothing written";

    struct stat existing {};
    const bool exists = ::stat(target.c_str(), &existing) == 0;
    if (!exists && errno != ENOENT) return "cannot inspect " + target.string() + ": " + errno_message(errno);
    if (exists) {
        if (!S_ISREG(existing.st_mode))
            return target.string() + " is " + file_kind(existing.st_mode) + ", not a regular file; nothing written";
        if (existing.st_nlink > 1)
            return target.string() + " has " + std::to_string(existing.st_nlink) +
                   " hard links: replacing it would leave the other names with the old content; nothing written "
                   "(write to another file with -o, or remove the other links)";
        const bool read_only = (existing.st_mode & 0222) == 0 || ::access(target.c_str(), W_OK) != 0;
        if (read_only && !options.replace_read_only)
            return target.string() + " is read-only; nothing written (--force replaces it)";
    }

    const fs::path directory = target.has_parent_path() ? target.parent_path() : fs::path(".");
    const std::string name = temporary_name_for(target).string();
    const int fd = create_temporary(name);
    if (fd < 0) {
        if (errno == EBUSY) return "another dlm is writing " + target.string() + " (" + name + " is locked)";
        return "cannot create the temporary file " + name + ": " + errno_message(errno);
    }

    const auto fail = [&](const std::string& what) {
        const std::string message = what + ": " + errno_message(errno);
        ::unlink(name.c_str());
        ::close(fd);
        return message;
    };
    mode_t mode = 0;
    if (exists) {
        // Owner and group first (a change of owner clears the set-id bits), when the process may set them.
        if (::fchown(fd, existing.st_uid, existing.st_gid) != 0) static_cast<void>(::fchown(fd, static_cast<uid_t>(-1), existing.st_gid));
        mode = existing.st_mode & 07777;
    } else {
        const mode_t mask = ::umask(0);
        ::umask(mask);
        mode = static_cast<mode_t>(0666 & ~mask);
    }
    if (::fchmod(fd, mode) != 0) return fail("cannot set permissions");
    if (!write_all(fd, text)) return fail("cannot write " + name);
    if (::fsync(fd) != 0) return fail("cannot flush " + name);
    if (::rename(name.c_str(), target.c_str()) != 0) return fail("cannot replace " + target.string());
    const int closed = ::close(fd);  // after the rename: the lock is held until the name is gone
    if (closed != 0) return "cannot write " + target.string() + ": " + errno_message(errno);
    if (const int dir = ::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); dir >= 0) {  // durable rename
        ::fsync(dir);
        ::close(dir);
    }
    return {};
}

}  // namespace dlm_cli
