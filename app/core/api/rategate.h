#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QObject>
#include <QTimer>

#include <functional>

namespace fetchmedia {

// What an API answer says about the rate limit, read from its status, body and headers.
struct RateLimitFacts {
    int httpStatus = 0;
    int bodyRetryAfter = -1;     // error.retry_after of a 429 body, -1 when absent
    QByteArray retryAfter;       // Retry-After header
    QByteArray date;             // Date header, to measure an HTTP-date against
    QByteArray remaining;        // X-RateLimit-Remaining
    QByteArray reset;            // X-RateLimit-Reset (seconds)
    QByteArray limit;            // X-RateLimit-Limit
    quint64 requestTicket = 0;   // what requestStarted() gave the request; 0: taken as the newest
};

// "No API request before time T", owned in one place. A 429 closes the gate until the
// larger of the body's retry_after and Retry-After (default: exponential backoff with jitter);
// X-RateLimit-Remaining reaching 0 closes it without provoking a 429: until X-RateLimit-Reset,
// or, when X-RateLimit-Limit is known, for one limit's share of it (a token bucket refills
// steadily; a fixed window answers the early probe with a 429 and its own Retry-After).
// The deadline is wall-clock time, so a machine that slept opens on time. After a 429 the
// first request probes alone; the rest follow once it got through.
class RateGate final : public QObject
{
    Q_OBJECT
public:
    using Clock = std::function<QDateTime()>;
    enum class Reason { None, RateLimited, Pacing };

    explicit RateGate(QObject *parent = nullptr);

    void setClock(Clock clock) { m_clock = std::move(clock); } // tests
    static constexpr qint64 kMinWaitSeconds = 1;
    static constexpr qint64 kMaxWaitSeconds = 3600;
    static constexpr qint64 kDefaultWaitSeconds = 30;

    bool mayStart() const;     // a request may leave now
    quint64 requestStarted();  // a request left (counts the probe); its ticket, in sending order
    void observe(const RateLimitFacts &facts); // every API answer, 429 or not
    void requestAbandoned();   // a request ended without an HTTP answer

    bool isClosed() const { return reason() != Reason::None; }
    Reason reason() const;
    QDateTime opensAt() const { return m_opensAt; }
    qint64 secondsLeft() const; // 0 when open
    int remainingRequests() const { return m_remaining; } // -1 unknown
    int consecutiveLimits() const { return m_consecutiveLimits; }

    // Re-reads the clock: opens the gate when its deadline has passed (after a suspend, say).
    void recheck();

Q_SIGNALS:
    void changed();
    void opened(); // requests may flow again

private:
    QDateTime now() const { return m_clock(); }
    void closeFor(qint64 seconds, Reason reason);
    void arm();

    Clock m_clock;
    QDateTime m_opensAt;
    Reason m_reason = Reason::None;
    bool m_probing = false;        // after a closure: one request at a time until one succeeds
    bool m_probeInFlight = false;
    int m_consecutiveLimits = 0;
    int m_remaining = -1;
    quint64 m_lastTicket = 0;     // the newest request sent
    quint64 m_remainingTicket = 0; // the request whose answer set m_remaining
    int m_inFlight = 0;
    QTimer m_wake;
};

} // namespace fetchmedia
