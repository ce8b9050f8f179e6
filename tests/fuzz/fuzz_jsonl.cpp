// Fuzz target: the JSON Lines import's reading and checking layer (ExportReader and
// check_export_record in src/io/jsonl.cpp), short of merging into a journal.
#include "fuzz.hpp"

#include "netlog/io.hpp"
#include "netlog/journal.hpp"

#include <sstream>

using namespace netlog;
using netlog::fuzz::require;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::istringstream in(fuzz::input_text(data, size));
    ExportReader reader(in, "fuzz.jsonl", schema_version);
    try {
        while (auto record = reader.next()) {
            require(record->is_object() && (*record)["type"].is_string(),
                    "a checked record is an object with a type");
            // What the reader passed, written out as `netlog export` would, passes
            // the check again unchanged: checking is idempotent. (Compared as text:
            // a float that JSON cannot hold, 1e999, is written as null both times.)
            std::string line = export_line(*record);
            require(!line.empty() && line.back() == '\n' &&
                        line.find('\n') == line.size() - 1,
                    "an exported record is one line");
            auto again = nlohmann::ordered_json::parse(line);
            check_export_record(again);
            require(export_line(again) == line, "a checked record reads back as itself");
        }
    } catch (const Error& e) {
        fuzz::require_kind(e, ErrorKind::usage);
    }
    return 0;
}
