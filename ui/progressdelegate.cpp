#include "ui/progressdelegate.h"

#include "app/core/jobs/job.h"
#include "ui/joblistmodel.h"

#include <QApplication>
#include <QPainter>

namespace fetchmedia {

void ProgressDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                             const QModelIndex &index) const
{
    const auto state = JobState(index.data(JobListModel::StateRole).toInt());
    if (state != JobState::Downloading && state != JobState::Done) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    QStyleOptionProgressBar bar;
    bar.rect = option.rect.adjusted(2, 3, -2, -3);
    bar.minimum = 0;
    bar.maximum = 1000;
    bar.progress = int(index.data(JobListModel::RawValueRole).toDouble() * 1000);
    bar.text = index.data(Qt::DisplayRole).toString();
    bar.textVisible = true;
    bar.state = option.state | QStyle::State_Horizontal;
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ProgressBar, &bar, painter, widget);
}

} // namespace fetchmedia
