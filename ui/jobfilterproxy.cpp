#include "ui/jobfilterproxy.h"

#include "ui/joblistmodel.h"

namespace fetchmedia {

namespace {

// The C locale's collation is plain code-unit order (case-sensitive, no numeric mode), and
// C.UTF-8 is common on Linux: titles are then collated by the common English rules.
QLocale collationLocale()
{
    const QLocale locale;
    return locale.language() == QLocale::C ? QLocale(QLocale::English) : locale;
}

} // namespace

JobFilterProxy::JobFilterProxy(QObject *parent) : QSortFilterProxyModel(parent), m_collator(collationLocale())
{
    setSortRole(JobListModel::RawValueRole);
    m_collator.setNumericMode(true);
    m_collator.setCaseSensitivity(Qt::CaseInsensitive);
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

void JobFilterProxy::sort(int column, Qt::SortOrder order)
{
    const QAbstractItemModel *model = sourceModel();
    if (model && column >= 0) {
        m_sortKeys.clear();
        m_textKeys.clear();
        m_sortKeys.reserve(model->rowCount());
        for (int row = 0; row < model->rowCount(); ++row)
            m_sortKeys.append(model->index(row, column).data(sortRole()));
        // Collation keys compare as bytes: made once per row, not twice per comparison.
        if (!m_sortKeys.isEmpty() && m_sortKeys.first().typeId() == QMetaType::QString) {
            m_textKeys.reserve(size_t(m_sortKeys.size()));
            for (const QVariant &value : std::as_const(m_sortKeys))
                m_textKeys.push_back(m_collator.sortKey(value.toString()));
        }
    }
    QSortFilterProxyModel::sort(column, order);
    m_sortKeys.clear(); // later single-row re-sorts read the model, which is always current
    m_textKeys.clear();
}

bool JobFilterProxy::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    const bool cached = left.row() < m_sortKeys.size() && right.row() < m_sortKeys.size();
    if (cached && size_t(left.row()) < m_textKeys.size() && size_t(right.row()) < m_textKeys.size())
        return m_textKeys[size_t(left.row())].compare(m_textKeys[size_t(right.row())]) < 0;
    const QVariant a = cached ? m_sortKeys.at(left.row()) : left.data(sortRole());
    const QVariant b = cached ? m_sortKeys.at(right.row()) : right.data(sortRole());
    if (a.typeId() == QMetaType::QString && b.typeId() == QMetaType::QString)
        return m_collator.compare(a.toString(), b.toString()) < 0;
    return QVariant::compare(a, b) == QPartialOrdering::Less;
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
