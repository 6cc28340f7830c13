#pragma once

#include "app/core/jobs/job.h"

#include <QSortFilterProxyModel>

namespace fetchmedia {

// Between the job list model and the view: sorts on the raw value of a cell and shows only
// the rows that match the search text (in the title, the link or the file name, ignoring
// case) and the chosen status group.
class JobFilterProxy final : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    enum class StatusFilter { All, Active, Queued, Done, Failed };

    explicit JobFilterProxy(QObject *parent = nullptr);

    void setSearchText(const QString &text);
    QString searchText() const { return m_search; }
    void setStatusFilter(StatusFilter filter);
    StatusFilter statusFilter() const { return m_status; }

    // Failed also holds cancelled jobs: both ended without a file.
    static bool matchesStatus(StatusFilter filter, JobState state);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    bool matchesText(int sourceRow) const;

    QString m_search;
    StatusFilter m_status = StatusFilter::All;
};

} // namespace fetchmedia
