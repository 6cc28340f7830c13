#pragma once

#include <QStyledItemDelegate>

namespace fetchmedia {

// Paints the progress column as a progress bar from the model's raw value (0…1).
class ProgressDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
};

} // namespace fetchmedia
