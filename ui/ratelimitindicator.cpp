#include "ui/ratelimitindicator.h"

#include "app/core/api/rategate.h"

namespace fetchmedia {

RateLimitIndicator::RateLimitIndicator(RateGate *gate, QWidget *parent) : QLabel(parent), m_gate(gate)
{
    m_tick.setInterval(1000);
    connect(&m_tick, &QTimer::timeout, this, [this] {
        // A tick after a suspend sees the deadline passed and opens the gate at once.
        m_gate->recheck();
        refresh();
    });
    connect(gate, &RateGate::changed, this, &RateLimitIndicator::refresh);
    connect(gate, &RateGate::opened, this, &RateLimitIndicator::refresh);
    refresh();
}

QString RateLimitIndicator::formatCountdown(qint64 seconds)
{
    const qint64 hours = seconds / 3600;
    const qint64 minutes = (seconds % 3600) / 60;
    const qint64 rest = seconds % 60;
    if (hours > 0)
        return QStringLiteral("%1:%2:%3").arg(hours).arg(minutes, 2, 10, QLatin1Char('0')).arg(rest, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1:%2").arg(minutes).arg(rest, 2, 10, QLatin1Char('0'));
}

void RateLimitIndicator::refresh()
{
    if (m_gate->isClosed()) {
        const QString countdown = formatCountdown(m_gate->secondsLeft());
        if (m_gate->reason() == RateGate::Reason::RateLimited) {
            setText(tr("Rate limited — resuming in %1").arg(countdown));
            setToolTip(tr("The service asked us to wait before sending more requests. Jobs are "
                          "paused, not failed, and resume by themselves."));
        } else {
            setText(tr("Request allowance used up — next request in %1").arg(countdown));
            setToolTip(tr("This key's request allowance is used up for now; we wait for it to "
                          "refill instead of being refused."));
        }
        if (!m_tick.isActive())
            m_tick.start();
        return;
    }
    m_tick.stop();
    const int remaining = m_gate->remainingRequests();
    if (remaining >= 0) {
        setText(remaining == 1 ? tr("1 request left") : tr("%1 requests left").arg(remaining));
        setToolTip(tr("Requests this API key may still send before its rate limit resets, as "
                      "the service last reported."));
    } else {
        setText(QString());
        setToolTip(QString());
    }
}

} // namespace fetchmedia
