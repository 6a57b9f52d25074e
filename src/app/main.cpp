#include <clocale>
#include <iostream>
#include <string>
#include <vector>

#include "app/KiemChungApp.h"

// Splits `kiemchung [--config FILE] [COMMAND ARGS...]`: the global option is ours, the command
// and its arguments go to KiemChungApp; Poco sees only the program name.
int main(int argc, char** argv) {
    // libarchive returns NULL for UTF-8 names unless the locale is UTF-8 (TECH-NOTES).
    std::setlocale(LC_ALL, "C.UTF-8");
    std::string config = "config/kiemchung.properties";
    bool configNamed = false;
    std::vector<std::string> args;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        if (args.empty() && (a == "--config" || a == "-c")) {
            if (i + 1 >= argc) {
                std::cerr << "--config needs a file\n";
                return 64;
            }
            config = argv[++i];
            configNamed = true;
        } else {
            args.push_back(a);
        }
    }
    kc::KiemChungApp app(config, configNamed, args);
    return app.run(1, argv);
}
