// Replays files through a fuzz target's LLVMFuzzerTestOneInput without libFuzzer,
// so that the normal build (g++, no clang) runs the seed corpus and every input
// that once crashed: `fuzz_replay_NAME DIR|FILE…`. Each file's path is printed
// before it runs, so the last line of a crash's output names the input.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace fs = std::filesystem;

int main(int argc, char** argv) {
    std::vector<fs::path> inputs;
    for (int i = 1; i < argc; ++i) {
        if (fs::is_directory(argv[i])) {
            for (const auto& entry : fs::recursive_directory_iterator(argv[i])) {
                if (entry.is_regular_file()) {
                    inputs.push_back(entry.path());
                }
            }
        } else if (fs::exists(argv[i])) {
            inputs.push_back(argv[i]);
        }
    }
    // A replay of nothing would pass on nothing: a missing corpus is a failure.
    if (inputs.empty()) {
        std::cerr << "fuzz replay: no input found in the paths given\n";
        return 1;
    }
    std::sort(inputs.begin(), inputs.end());
    for (const auto& path : inputs) {
        std::cout << path.string() << std::endl;
        std::ifstream in(path, std::ios::binary);
        std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        try {
            LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(bytes.data()),
                                   bytes.size());
        } catch (const std::exception& e) {
            std::cerr << "fuzz replay: " << path.string() << ": uncaught exception: " << e.what()
                      << "\n";
            return 1;
        }
    }
    std::cout << "replayed " << inputs.size() << " inputs" << std::endl;
    return 0;
}
