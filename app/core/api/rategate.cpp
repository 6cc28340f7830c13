#include "app/core/api/rategate.h"

#include "app/core/api/retryafter.h"
#include "app/core/logging.h"

#include <QRandomGenerator>

namespace fetchmedia {

namespace {

// A relative timer does not advance while the machine sleeps: wake at least this often and
// compare with the wall clock.
constexpr int kMaxTimerSliceMs = 5000;
// Our deadline lands a little after the server's, never before it.
constexpr qint64 kSafetyMarginMs = 250;

std::optional<qint64> parseSeconds(const QByteArray &text)
{
    bool ok = false;
    const qint64 value = text.trimmed().toLongLong(&ok);
    return ok && value >= 0 ? std::optional(value) : std::nullopt;
}

} // namespace

RateGate::RateGate(QObject *parent)
    : QObject(parent), m_clock([] { return QDateTime::currentDateTimeUtc(); })
{
    m_wake.setSingleShot(true);
    connect(&m_wake, &QTimer::timeout, this, &RateGate::recheck);
}

RateGate::Reason RateGate::reason() const
{
    return m_opensAt.isValid() && now() < m_opensAt ? m_reason : Reason::None;
}

qint64 RateGate::secondsLeft() const
{
    if (!isClosed())
        return 0;
    return (now().msecsTo(m_opensAt) + 999) / 1000;
}

bool RateGate::mayStart() const
{
    if (isClosed())
        return false;
    if (m_probing && m_probeInFlight)
        return false;
    // Requests in flight spend the allowance too: never send more than the service said it
    // would still take, or the last of a burst come back as 429.
    return m_remaining < 0 || m_inFlight < m_remaining;
}

quint64 RateGate::requestStarted()
{
    ++m_inFlight;
    if (m_probing)
        m_probeInFlight = true;
    return ++m_lastTicket;
}

void RateGate::requestAbandoned()
{
    m_inFlight = std::max(0, m_inFlight - 1);
    m_probeInFlight = false;
    Q_EMIT opened(); // let the next one go
}

void RateGate::observe(const RateLimitFacts &facts)
{
    const bool wasProbing = m_probing;
    m_probeInFlight = false;
    m_inFlight = std::max(0, m_inFlight - 1);
    if (const auto remaining = parseSeconds(facts.remaining)) {
        // Answers overtake each other (a poll is quicker than a create): an older request's
        // count is out of date and may only lower the allowance, never raise it.
        const int reported = int(std::min<qint64>(*remaining, 1 << 30));
        const bool older = facts.requestTicket != 0 && facts.requestTicket < m_remainingTicket;
        if (!older || m_remaining < 0 || reported < m_remaining)
            m_remaining = reported;
        if (!older)
            m_remainingTicket = facts.requestTicket;
    }

    if (facts.httpStatus == 429) {
        ++m_consecutiveLimits;
        qint64 wait = -1;
        if (facts.bodyRetryAfter >= 0)
            wait = facts.bodyRetryAfter;
        if (const auto header = parseRetryAfter(facts.retryAfter, facts.date, now()))
            wait = std::max(wait, *header);
        if (wait < 0) {
            // Nothing usable: back off, doubling on repeats, with jitter so that many
            // clients do not come back in step.
            const int doublings = std::min(m_consecutiveLimits - 1, 7);
            wait = kDefaultWaitSeconds << doublings;
            wait += qint64(QRandomGenerator::global()->bounded(int(wait / 5) + 1));
        }
        m_remaining = 0;
        closeFor(wait, Reason::RateLimited);
        return;
    }

    m_consecutiveLimits = 0;
    m_probing = false;
    if (m_remaining == 0) {
        if (const auto reset = parseSeconds(facts.reset)) {
            const auto limit = parseSeconds(facts.limit);
            const qint64 wait = limit && *limit > 0 ? (*reset + *limit - 1) / *limit : *reset;
            closeFor(wait, Reason::Pacing);
            return;
        }
        m_remaining = -1; // no reset time: pacing cannot work, let the 429 path decide
    }
    if (wasProbing)
        Q_EMIT opened();
    Q_EMIT changed();
}

void RateGate::closeFor(qint64 seconds, Reason reason)
{
    seconds = std::clamp(seconds, kMinWaitSeconds, kMaxWaitSeconds);
    const QDateTime until = now().addMSecs(seconds * 1000 + kSafetyMarginMs);
    if (!m_opensAt.isValid() || until > m_opensAt || !isClosed())
        m_opensAt = until;
    m_reason = reason;
    m_probing = true;
    qCInfo(lcApi) << (reason == Reason::RateLimited ? "rate limited" : "pacing") << "for" << seconds << "s";
    arm();
    Q_EMIT changed();
}

void RateGate::arm()
{
    const qint64 left = now().msecsTo(m_opensAt);
    if (left <= 0) {
        m_wake.stop();
        return;
    }
    m_wake.start(int(std::min<qint64>(left, kMaxTimerSliceMs)));
}

void RateGate::recheck()
{
    if (!m_opensAt.isValid())
        return;
    if (now() < m_opensAt) {
        arm();
        Q_EMIT changed();
        return;
    }
    m_opensAt = QDateTime();
    m_reason = Reason::None;
    m_remaining = -1; // refilled by now; the probe's answer tells how much
    m_wake.stop();
    qCInfo(lcApi) << "rate gate open";
    Q_EMIT changed();
    Q_EMIT opened();
}

} // namespace fetchmedia
