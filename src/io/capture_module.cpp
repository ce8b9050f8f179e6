// Loads netlog-capture.so, the module of the mail and calendar readers (see
// CaptureModule in netlog/io.hpp): dlopen, never a process.
#include "netlog/error.hpp"
#include "netlog/io.hpp"

#include <fmt/format.h>

#include <dlfcn.h>

#include <filesystem>
#include <system_error>

#ifndef NETLOG_MODULE_DIR
#define NETLOG_MODULE_DIR "../lib/netlog"
#endif

namespace netlog {
namespace {

const char* const module_name = "netlog-capture.so";

// The folder of the running binary; "" when the system does not say.
std::filesystem::path own_folder() {
    std::error_code ec;
    std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    return ec ? std::filesystem::path() : exe.parent_path();
}

} // namespace

const CaptureModule& capture_module() {
    static const CaptureModule* loaded = nullptr;
    if (loaded) {
        return *loaded;
    }
    const std::filesystem::path folder = own_folder();
    const std::filesystem::path beside = folder / module_name;
    const std::filesystem::path installed =
        (folder / NETLOG_MODULE_DIR / module_name).lexically_normal();
    for (const auto& place : {beside, installed}) {
        std::error_code ec;
        if (folder.empty() || !std::filesystem::is_regular_file(place, ec)) {
            continue;
        }
        // Never closed: GLib cannot be unloaded.
        void* handle = dlopen(place.c_str(), RTLD_NOW | RTLD_LOCAL);
        if (handle == nullptr) {
            const char* why = dlerror();
            throw journal_error(fmt::format("cannot load {}: {}; reinstall netlog",
                                            place.string(), why ? why : "unknown error"));
        }
        using Entry = const CaptureModule* (*)();
        auto entry = reinterpret_cast<Entry>(dlsym(handle, "netlog_capture_module"));
        const CaptureModule* module = entry ? entry() : nullptr;
        if (module == nullptr || module->abi != capture_abi()) {
            throw journal_error(fmt::format("{} is not the module of this build of netlog; "
                                            "reinstall netlog",
                                            place.string()));
        }
        loaded = module;
        return *loaded;
    }
    throw journal_error(fmt::format("importing mail or a calendar needs {}, which is neither "
                                    "beside netlog ({}) nor in {}; reinstall netlog",
                                    module_name, folder.string(),
                                    installed.parent_path().string()));
}

} // namespace netlog
