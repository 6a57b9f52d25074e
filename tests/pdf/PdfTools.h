#pragma once

#include <cstdlib>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "TempDir.h"

// Runs the real command-line PDF tools (poppler-utils, qpdf) from tests and parses their output.
namespace kc::test {

struct ToolRun {
    int exitCode = -1;
    std::string output;  // stdout and stderr together
};

inline std::string readAll(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

inline void writeAll(const std::string& path, const std::string& bytes) {
    std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
}

// REQUIRES: arguments are already shell-safe (the tests only pass temp paths).
inline ToolRun runTool(const TempDir& dir, const std::string& command) {
    const std::string out = dir.file("tool-output.txt");
    const int status = std::system((command + " > " + out + " 2>&1").c_str());
    return ToolRun{WEXITSTATUS(status), readAll(out)};
}

// One word from `pdftotext -bbox`, in points from the page's top-left corner.
struct BoxedWord {
    int page = 0;  // 1-based
    double xMin = 0, yMin = 0, xMax = 0, yMax = 0;
    std::string text;
};

inline std::vector<BoxedWord> boxedWords(const TempDir& dir, const std::string& pdf) {
    const std::string html = dir.file("bbox.html");
    runTool(dir, "pdftotext -bbox " + pdf + " " + html);
    std::vector<BoxedWord> words;
    std::istringstream in(readAll(html));
    static const std::regex wordRe(
        R"re(<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*)</word>)re");
    int page = 0;
    for (std::string line; std::getline(in, line);) {
        if (line.find("<page ") != std::string::npos)
            ++page;
        std::smatch m;
        if (std::regex_search(line, m, wordRe))
            words.push_back(
                {page, std::stod(m[1]), std::stod(m[2]), std::stod(m[3]), std::stod(m[4]), m[5]});
    }
    return words;
}

}  // namespace kc::test
