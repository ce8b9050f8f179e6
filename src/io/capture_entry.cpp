// The entry point of netlog-capture.so: the mail and calendar readers, handed to the
// netlog binary that loads the module (capture_module() in src/io/capture_module.cpp).
// Everything else in the module is hidden.
#include "netlog/io.hpp"

extern "C" __attribute__((visibility("default"))) const netlog::CaptureModule*
netlog_capture_module() {
    static const netlog::CaptureModule module{netlog::capture_abi(), &netlog::read_mail,
                                              &netlog::read_calendar, &netlog::capture_uuid};
    return &module;
}
