#pragma once

#include "ui/jobfilterproxy.h"

#include <QWidget>

class QButtonGroup;
class QLineEdit;
class QTimer;

namespace fetchmedia {

class JobQueue;

// Above the job list: status groups (All, Active, Queued, Done, Failed, each with its count)
// and a search box. Both drive a JobFilterProxy; typing is applied after a short pause so a
// fast typist does not refilter a long list on every key.
class JobFilterBar final : public QWidget
{
    Q_OBJECT
public:
    JobFilterBar(JobFilterProxy *proxy, JobQueue *queue, QWidget *parent = nullptr);

    QLineEdit *searchBox() const { return m_search; }
    void setStatusFilter(JobFilterProxy::StatusFilter filter);
    static constexpr int kSearchDelayMs = 120;

private:
    void updateCounts();
    int countFor(JobFilterProxy::StatusFilter filter) const;

    JobFilterProxy *m_proxy;
    JobQueue *m_queue;
    QButtonGroup *m_group;
    QLineEdit *m_search;
    QTimer *m_searchDelay;
};

} // namespace fetchmedia
