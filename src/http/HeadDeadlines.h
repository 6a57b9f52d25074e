#pragma once

#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <thread>

namespace kc::http {

// A deadline for the whole head of each request. Poco's receive timeout bounds each wait for
// more bytes, so a client that sends its request line and headers a byte now and then would
// hold a server thread (one per connection) as long as it liked; a few such clients would stop
// the server. The server arms a connection's deadline while it waits for a request head and
// disarms it once the head has arrived; a connection still waiting at its deadline has its
// receiving side shut down, so that Poco's parser sees the end of the stream, answers 400 and
// closes the connection.
//
// A connection is shut down within a second after its deadline. Sockets are named by
// descriptor: the caller disarms before the socket is closed. One thread per instance, which
// looks once a second; thread-safe.
class HeadDeadlines {
public:
    using Clock = std::chrono::steady_clock;

    HeadDeadlines();
    ~HeadDeadlines();
    HeadDeadlines(const HeadDeadlines&) = delete;
    HeadDeadlines& operator=(const HeadDeadlines&) = delete;

    void arm(int socket, Clock::time_point deadline);
    void disarm(int socket);

private:
    static constexpr std::chrono::seconds kTick{1};
    void run();

    std::mutex _mutex;
    std::condition_variable _changed;
    std::map<int, Clock::time_point> _deadlines;
    bool _stopping = false;
    std::thread _thread;  // last: started once the members above exist
};

}  // namespace kc::http
