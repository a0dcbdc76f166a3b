// Writing files safely (files.hpp).
#include "files.hpp"

#include "inputs.hpp"

#include <cerrno>
#include <cstdio>
#include <filesystem>
#include <string>
#include <system_error>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace dlm_cli {

namespace fs = std::filesystem;

std::string write_atomically(const fs::path& requested, const std::string& text) {
    // Replace what a symbolic link points to, not the link. (A target that does not exist yet is fine.)
    fs::path target = requested;
    std::error_code ec;
    if (fs::is_symlink(fs::symlink_status(requested, ec))) {
        fs::path resolved = fs::canonical(requested, ec);
        if (!ec) target = std::move(resolved);  // a dangling link is replaced by the file
    }
    const fs::path directory = target.has_parent_path() ? target.parent_path() : fs::path(".");
    std::string name = (directory / ("." + target.filename().string() + ".dlm-XXXXXX")).string();
    const int fd = ::mkstemp(name.data());
    if (fd < 0) return "cannot create a temporary file in " + directory.string() + ": " + errno_message(errno);

    const auto fail = [&](const std::string& what) {
        const std::string message = what + ": " + errno_message(errno);
        ::close(fd);
        ::unlink(name.c_str());
        return message;
    };
    struct stat existing {};
    mode_t mode = 0;
    if (::stat(target.c_str(), &existing) == 0) {
        mode = existing.st_mode & 07777;
    } else {
        const mode_t mask = ::umask(0);
        ::umask(mask);
        mode = static_cast<mode_t>(0666 & ~mask);
    }
    if (::fchmod(fd, mode) != 0) return fail("cannot set permissions");
    for (std::size_t written = 0; written < text.size();) {
        const ssize_t n = ::write(fd, text.data() + written, text.size() - written);
        if (n < 0) {
            if (errno == EINTR) continue;
            return fail("cannot write");
        }
        written += static_cast<std::size_t>(n);
    }
    if (::fsync(fd) != 0) return fail("cannot flush");
    if (::close(fd) != 0) {
        const std::string message = "cannot write: " + errno_message(errno);
        ::unlink(name.c_str());
        return message;
    }
    if (::rename(name.c_str(), target.c_str()) != 0) {
        const std::string message = "cannot replace " + target.string() + ": " + errno_message(errno);
        ::unlink(name.c_str());
        return message;
    }
    if (const int dir = ::open(directory.c_str(), O_RDONLY | O_DIRECTORY); dir >= 0) {  // make the rename durable
        ::fsync(dir);
        ::close(dir);
    }
    return {};
}

}  // namespace dlm_cli
