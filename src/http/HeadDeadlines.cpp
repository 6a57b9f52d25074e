#include "http/HeadDeadlines.h"

#include <sys/socket.h>

namespace kc::http {

HeadDeadlines::HeadDeadlines() : _thread([this] { run(); }) {}

HeadDeadlines::~HeadDeadlines() {
    {
        std::lock_guard lock(_mutex);
        _stopping = true;
    }
    _changed.notify_one();
    _thread.join();
}

void HeadDeadlines::arm(int socket, Clock::time_point deadline) {
    std::lock_guard lock(_mutex);
    _deadlines[socket] = deadline;
}

void HeadDeadlines::disarm(int socket) {
    std::lock_guard lock(_mutex);
    _deadlines.erase(socket);
}

void HeadDeadlines::run() {
    std::unique_lock lock(_mutex);
    while (!_stopping) {
        const auto now = Clock::now();
        for (auto it = _deadlines.begin(); it != _deadlines.end();) {
            if (it->second <= now) {
                // Under the lock: the owner cannot close the descriptor meanwhile (it disarms
                // first). The owner's blocked receive returns at once with end of stream.
                ::shutdown(it->first, SHUT_RD);
                it = _deadlines.erase(it);
            } else {
                ++it;
            }
        }
        // Once a second: deadlines are whole seconds, and arming (twice per request) then wakes
        // no thread.
        _changed.wait_for(lock, kTick);
    }
}

}  // namespace kc::http
