#pragma once

#include <QHash>
#include <QObject>
#include <QTimer>

#include <map>

namespace fetchmedia {

// One timer for all jobs: holds "wake job J at time T" entries ordered by time and arms a
// single-shot timer for the earliest. Nothing runs while nothing is due, however many jobs
// there are.
class WakeScheduler final : public QObject
{
    Q_OBJECT
public:
    using Key = quint64;
    explicit WakeScheduler(QObject *parent = nullptr);

    void wakeAt(Key key, qint64 dueMs); // replaces an earlier entry for the same key
    void cancel(Key key);
    bool isScheduled(Key key) const { return m_entries.contains(key); }
    int size() const { return int(m_entries.size()); }

    static qint64 nowMs(); // monotonic milliseconds

Q_SIGNALS:
    void due(quint64 key);

private:
    void arm();
    void fire();

    std::multimap<qint64, Key> m_queue;
    QHash<Key, std::multimap<qint64, Key>::iterator> m_entries;
    QTimer m_timer;
};

} // namespace fetchmedia
