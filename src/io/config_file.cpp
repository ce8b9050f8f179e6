// Reading the config file: I/O, so outside core, which parses what is read here.
#include "netlog/config.hpp"
#include "netlog/error.hpp"
#include "netlog/io.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace netlog {

Config load_config(const std::filesystem::path& path, const std::string& home,
                   std::vector<std::string>& warnings) {
    const std::string name = path.string();
    std::error_code ec;
    const auto status = std::filesystem::status(path, ec);
    if (status.type() == std::filesystem::file_type::not_found)
        return Config{};
    if (ec)
        throw config_error("config " + name + ": cannot read: " + ec.message());
    if (std::filesystem::is_directory(status))
        throw config_error("config " + name + ": cannot read: it is a directory");
    // A FIFO would block the read: only files, and character devices, read up to the size
    // limit (NETLOG_CONFIG=/dev/null is the usual "no config"; /dev/zero is too long).
    if (!std::filesystem::is_regular_file(status) && !std::filesystem::is_character_file(status))
        throw config_error("config " + name +
                           ": cannot read: it is not a regular file (a FIFO, socket or device); "
                           "point --config or NETLOG_CONFIG at a file");
    if (std::filesystem::is_regular_file(status) &&
        std::filesystem::file_size(path, ec) > config_max_bytes)
        throw config_error("config " + name +
                           " is over 1 MiB; a netlog config is a few lines — point --config "
                           "or NETLOG_CONFIG at your config");

    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw config_error("config " + name + ": cannot read: " + std::strerror(errno));
    // At most one byte past the limit, whatever the file turns into meanwhile.
    std::string text(config_max_bytes + 1, '\0');
    in.read(text.data(), static_cast<std::streamsize>(text.size()));
    text.resize(static_cast<std::size_t>(in.gcount()));
    return parse_config(text, name, home, warnings);
}

} // namespace netlog
