#include "ui/jobfilterbar.h"

#include "app/core/jobs/jobqueue.h"

#include <QAbstractButton>
#include <QAction>
#include <QButtonGroup>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QLocale>
#include <QTimer>
#include <QToolButton>

namespace fetchmedia {

namespace {

using StatusFilter = JobFilterProxy::StatusFilter;
constexpr StatusFilter kFilters[] = {StatusFilter::All, StatusFilter::Active, StatusFilter::Queued,
                                     StatusFilter::Done, StatusFilter::Failed};

QString filterName(StatusFilter filter)
{
    switch (filter) {
    case StatusFilter::All: return JobFilterBar::tr("All");
    case StatusFilter::Active: return JobFilterBar::tr("Active");
    case StatusFilter::Queued: return JobFilterBar::tr("Queued");
    case StatusFilter::Done: return JobFilterBar::tr("Done");
    case StatusFilter::Failed: return JobFilterBar::tr("Failed");
    }
    return QString();
}

} // namespace

JobFilterBar::JobFilterBar(JobFilterProxy *proxy, JobQueue *queue, QWidget *parent)
    : QWidget(parent),
      m_proxy(proxy),
      m_queue(queue),
      m_group(new QButtonGroup(this)),
      m_search(new QLineEdit(this)),
      m_searchDelay(new QTimer(this))
{
    setObjectName(QStringLiteral("jobFilterBar"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    m_group->setExclusive(true);
    for (const StatusFilter filter : kFilters) {
        auto *button = new QToolButton(this);
        button->setCheckable(true);
        button->setAutoRaise(true);
        button->setChecked(filter == proxy->statusFilter());
        button->setObjectName(QStringLiteral("statusFilter%1").arg(int(filter)));
        button->setAccessibleName(tr("Show %1 jobs").arg(filterName(filter)));
        m_group->addButton(button, int(filter));
        layout->addWidget(button);
    }
    connect(m_group, &QButtonGroup::idClicked, this,
            [this](int id) { m_proxy->setStatusFilter(StatusFilter(id)); });
    layout->addStretch(1);

    m_search->setObjectName(QStringLiteral("jobSearch"));
    m_search->setPlaceholderText(tr("Search titles, links and files"));
    m_search->setAccessibleName(tr("Search jobs"));
    m_search->setClearButtonEnabled(true);
    m_search->setMinimumWidth(260);
    layout->addWidget(m_search);
    auto *focusSearch = new QAction(this);
    focusSearch->setShortcut(QKeySequence::Find);
    focusSearch->setShortcutContext(Qt::WindowShortcut);
    connect(focusSearch, &QAction::triggered, this, [this] { m_search->setFocus(Qt::ShortcutFocusReason); m_search->selectAll(); });
    addAction(focusSearch);

    m_searchDelay->setSingleShot(true);
    m_searchDelay->setInterval(kSearchDelayMs);
    connect(m_search, &QLineEdit::textChanged, m_searchDelay, qOverload<>(&QTimer::start));
    connect(m_searchDelay, &QTimer::timeout, this, [this] { m_proxy->setSearchText(m_search->text()); });

    connect(queue, &JobQueue::countsChanged, this, &JobFilterBar::updateCounts);
    updateCounts();
}

void JobFilterBar::setStatusFilter(JobFilterProxy::StatusFilter filter)
{
    if (QAbstractButton *button = m_group->button(int(filter)))
        button->setChecked(true);
    m_proxy->setStatusFilter(filter);
}

int JobFilterBar::countFor(JobFilterProxy::StatusFilter filter) const
{
    if (filter == StatusFilter::All)
        return m_queue->count();
    int total = 0;
    for (int s = int(JobState::Queued); s <= int(JobState::Cancelled); ++s) {
        if (JobFilterProxy::matchesStatus(filter, JobState(s)))
            total += m_queue->countInState(JobState(s));
    }
    return total;
}

void JobFilterBar::updateCounts()
{
    const QLocale locale;
    for (const StatusFilter filter : kFilters) {
        if (QAbstractButton *button = m_group->button(int(filter)))
            button->setText(tr("%1 (%2)").arg(filterName(filter), locale.toString(countFor(filter))));
    }
    setVisible(m_queue->count() > 0);
}

} // namespace fetchmedia
