#pragma once

#include <QLabel>
#include <QTimer>

namespace fetchmedia {

class RateGate;

// Status-bar text for the rate limit: "Rate limited — resuming in 0:42" while the gate is
// closed (a one-second tick runs only then, recomputed from the deadline each time), else
// "N requests left" when the service said so, else nothing.
class RateLimitIndicator final : public QLabel
{
    Q_OBJECT
public:
    explicit RateLimitIndicator(RateGate *gate, QWidget *parent = nullptr);

    bool isTicking() const { return m_tick.isActive(); }
    static QString formatCountdown(qint64 seconds); // "0:42", "1:05:00"

private:
    void refresh();

    RateGate *m_gate;
    QTimer m_tick;
};

} // namespace fetchmedia
