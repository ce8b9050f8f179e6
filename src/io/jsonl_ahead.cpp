// Reading an export ahead of `import json`: the deletion records of people, which the
// merge takes before any other record (JournalSync::Merge::foresee).
#include "netlog/io.hpp"

#include "netlog/error.hpp"

#include <nlohmann/json.hpp>

#include <string>

namespace netlog {

using Json = nlohmann::ordered_json;

std::vector<Json> person_deletions(std::istream& in) {
    std::vector<Json> found;
    std::string text;
    while (std::getline(in, text)) {
        // Most lines are not one: only those that could be are parsed.
        if (text.find("\"deleted_type\"") == std::string::npos ||
            text.find("\"person\"") == std::string::npos) {
            continue;
        }
        try {
            Json record = Json::parse(text);
            check_export_record(record);
            if (record["type"] == "deleted" && record["deleted_type"] == "person") {
                found.push_back(std::move(record));
            }
        } catch (const Json::exception&) {
            // Not a record: the reader says so, with its line, when it comes to it.
        } catch (const Error&) {
        }
    }
    return found;
}

} // namespace netlog
