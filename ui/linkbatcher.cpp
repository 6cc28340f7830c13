#include "ui/linkbatcher.h"

#include "app/core/jobs/jobqueue.h"

#include <QTimer>

namespace fetchmedia {

LinkBatcher::LinkBatcher(JobQueue *queue, QList<QUrl> fresh, QList<QUrl> duplicates, QObject *parent)
    : QObject(parent), m_queue(queue), m_fresh(std::move(fresh)), m_duplicates(std::move(duplicates))
{
}

LinkBatcher::~LinkBatcher()
{
    if (!m_finished && m_queue)
        addNext(m_fresh.size() + m_duplicates.size());
}

void LinkBatcher::start()
{
    addSlice();
}

void LinkBatcher::addSlice()
{
    if (m_finished || !m_queue)
        return;
    if (addNext(kSliceSize)) {
        m_finished = true;
        Q_EMIT finished(m_added, m_alreadyListed);
        return;
    }
    // A zero timer lets paints, input and network answers in before the next slice.
    QTimer::singleShot(0, this, &LinkBatcher::addSlice);
}

bool LinkBatcher::addNext(qsizetype count)
{
    const qsizetype freshCount = std::min(count, m_fresh.size() - m_nextFresh);
    if (freshCount > 0) {
        const JobQueue::AddResult result = m_queue->addNewLinks(m_fresh.mid(m_nextFresh, freshCount));
        m_nextFresh += freshCount;
        m_added += int(result.added.size());
        m_alreadyListed += result.alreadyListed;
    }
    const qsizetype duplicateCount = std::min(count - freshCount, m_duplicates.size() - m_nextDuplicate);
    if (duplicateCount > 0) {
        m_added += int(m_queue->addLinks(m_duplicates.mid(m_nextDuplicate, duplicateCount), true).size());
        m_nextDuplicate += duplicateCount;
    }
    return m_nextFresh == m_fresh.size() && m_nextDuplicate == m_duplicates.size();
}

} // namespace fetchmedia
