#pragma once

#include <QList>
#include <QObject>
#include <QPointer>
#include <QUrl>

namespace fetchmedia {

class JobQueue;

// Adds many links to the queue a slice per event-loop turn, so ten thousand pasted links
// never freeze the window: each slice is committed to the store and shown before the next.
// The first slice is added at once, so a short list behaves exactly like a direct add.
class LinkBatcher final : public QObject
{
    Q_OBJECT
public:
    static constexpr qsizetype kSliceSize = 250;

    // fresh: checked against the list (already listed ones are reported, not added);
    // duplicates: the person ticked "add anyway" for them.
    LinkBatcher(JobQueue *queue, QList<QUrl> fresh, QList<QUrl> duplicates, QObject *parent = nullptr);
    ~LinkBatcher() override; // adds whatever is left in one go: a link given is never dropped

    void start();
    bool isFinished() const { return m_finished; }

Q_SIGNALS:
    void finished(int added, const QList<QUrl> &alreadyListed);

private:
    void addSlice();
    bool addNext(qsizetype count);

    QPointer<JobQueue> m_queue;
    QList<QUrl> m_fresh;
    QList<QUrl> m_duplicates;
    qsizetype m_nextFresh = 0;
    qsizetype m_nextDuplicate = 0;
    int m_added = 0;
    QList<QUrl> m_alreadyListed;
    bool m_finished = false;
};

} // namespace fetchmedia
