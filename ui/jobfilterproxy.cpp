#include "ui/jobfilterproxy.h"

#include "ui/joblistmodel.h"

namespace fetchmedia {

JobFilterProxy::JobFilterProxy(QObject *parent) : QSortFilterProxyModel(parent)
{
    setSortRole(JobListModel::RawValueRole);
}

void JobFilterProxy::setSearchText(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed == m_search)
        return;
    m_search = trimmed;
    invalidateFilter();
}

void JobFilterProxy::setStatusFilter(StatusFilter filter)
{
    if (filter == m_status)
        return;
    m_status = filter;
    invalidateFilter();
}

bool JobFilterProxy::matchesStatus(StatusFilter filter, JobState state)
{
    switch (filter) {
    case StatusFilter::All: return true;
    case StatusFilter::Active: return isActive(state);
    case StatusFilter::Queued: return state == JobState::Queued;
    case StatusFilter::Done: return state == JobState::Done;
    case StatusFilter::Failed: return state == JobState::Failed || state == JobState::Cancelled;
    }
    return true;
}

bool JobFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (sourceParent.isValid())
        return false;
    if (m_status != StatusFilter::All) {
        const QModelIndex cell = sourceModel()->index(sourceRow, 0);
        if (!matchesStatus(m_status, JobState(cell.data(JobListModel::StateRole).toInt())))
            return false;
    }
    return m_search.isEmpty() || matchesText(sourceRow);
}

bool JobFilterProxy::matchesText(int sourceRow) const
{
    const QAbstractItemModel *model = sourceModel();
    const auto contains = [this](const QVariant &value) {
        return value.toString().contains(m_search, Qt::CaseInsensitive);
    };
    return contains(model->index(sourceRow, JobListModel::TitleColumn).data())
        || contains(model->index(sourceRow, JobListModel::FileColumn).data())
        || contains(model->index(sourceRow, 0).data(JobListModel::SourceUrlRole));
}

} // namespace fetchmedia
