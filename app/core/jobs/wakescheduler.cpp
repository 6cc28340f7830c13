#include "app/core/jobs/wakescheduler.h"

#include <QElapsedTimer>

namespace fetchmedia {

WakeScheduler::WakeScheduler(QObject *parent) : QObject(parent)
{
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::CoarseTimer);
    connect(&m_timer, &QTimer::timeout, this, &WakeScheduler::fire);
}

qint64 WakeScheduler::nowMs()
{
    static QElapsedTimer clock = [] {
        QElapsedTimer timer;
        timer.start();
        return timer;
    }();
    return clock.elapsed();
}

void WakeScheduler::wakeAt(Key key, qint64 dueMs)
{
    cancel(key);
    m_entries.insert(key, m_queue.emplace(dueMs, key));
    arm();
}

void WakeScheduler::cancel(Key key)
{
    const auto found = m_entries.find(key);
    if (found == m_entries.end())
        return;
    m_queue.erase(found.value());
    m_entries.erase(found);
    arm();
}

void WakeScheduler::arm()
{
    if (m_queue.empty()) {
        m_timer.stop();
        return;
    }
    const qint64 wait = std::max<qint64>(0, m_queue.begin()->first - nowMs());
    m_timer.start(int(std::min<qint64>(wait, 24 * 3600 * 1000)));
}

void WakeScheduler::fire()
{
    // Collect first: a handler may schedule or cancel entries.
    const qint64 now = nowMs();
    QList<Key> dueKeys;
    while (!m_queue.empty() && m_queue.begin()->first <= now) {
        const Key key = m_queue.begin()->second;
        m_entries.remove(key);
        m_queue.erase(m_queue.begin());
        dueKeys.append(key);
    }
    arm();
    for (const Key key : dueKeys)
        Q_EMIT due(key);
}

} // namespace fetchmedia
