#pragma once

#include <Poco/Util/ServerApplication.h>

#include <string>
#include <vector>

namespace kc {

// The `kiemchung` binary: a Poco ServerApplication whose main() loads the configuration, builds
// the Kernel and runs one command (serve by default; see Commands.h).
class KiemChungApp final : public Poco::Util::ServerApplication {
public:
    // configNamed: the operator named configPath (--config), so it must exist.
    KiemChungApp(std::string configPath, bool configNamed, std::vector<std::string> commandArgs)
        : _configPath(std::move(configPath)),
          _configNamed(configNamed),
          _args(std::move(commandArgs)) {}

protected:
    int main(const std::vector<std::string>&) override;

private:
    int serve(class Kernel& kernel);

    std::string _configPath;
    bool _configNamed;
    std::vector<std::string> _args;  // the command and its arguments
};

}  // namespace kc
