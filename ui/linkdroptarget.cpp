#include "ui/linkdroptarget.h"

#include "app/core/intake/droppayload.h"

#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFrame>
#include <QMimeData>
#include <QWidget>

namespace fetchmedia {

LinkDropTarget::LinkDropTarget(std::function<void(const QMimeData &)> onDrop, QObject *parent)
    : QObject(parent), m_onDrop(std::move(onDrop))
{
}

void LinkDropTarget::watch(QWidget *widget)
{
    widget->setAcceptDrops(true);
    widget->installEventFilter(this);
}

void LinkDropTarget::highlight(QWidget *widget)
{
    if (m_highlighted == widget)
        return;
    delete m_frame; // QPointer: null when already gone
    m_highlighted = widget;
    if (!widget)
        return;
    // An outline drawn over the target, transparent to the mouse, leaves its own style alone.
    auto *frame = new QFrame(widget);
    frame->setObjectName(QStringLiteral("dropHighlight"));
    frame->setAttribute(Qt::WA_TransparentForMouseEvents);
    frame->setStyleSheet(QStringLiteral(
        "QFrame#dropHighlight { border: 2px dashed palette(highlight); border-radius: 4px; "
        "background: rgba(48, 140, 198, 30); }"));
    frame->setGeometry(widget->rect());
    frame->show();
    frame->raise();
    m_frame = frame;
}

bool LinkDropTarget::eventFilter(QObject *watched, QEvent *event)
{
    auto *widget = qobject_cast<QWidget *>(watched);
    if (!widget)
        return false;
    switch (event->type()) {
    case QEvent::DragEnter: {
        auto *drag = static_cast<QDragEnterEvent *>(event);
        if (drag->mimeData() && mayHoldLinks(*drag->mimeData())) {
            drag->setDropAction(Qt::CopyAction);
            drag->accept();
            highlight(widget);
        } else {
            drag->ignore();
        }
        return true;
    }
    case QEvent::DragMove: {
        auto *drag = static_cast<QDragMoveEvent *>(event);
        if (m_highlighted == widget) {
            drag->setDropAction(Qt::CopyAction);
            drag->accept();
        } else {
            drag->ignore();
        }
        return true;
    }
    case QEvent::DragLeave:
        highlight(nullptr);
        return true;
    case QEvent::Drop: {
        auto *drop = static_cast<QDropEvent *>(event);
        highlight(nullptr);
        drop->setDropAction(Qt::CopyAction);
        drop->accept();
        if (drop->mimeData())
            m_onDrop(*drop->mimeData());
        return true;
    }
    default:
        return false;
    }
}

} // namespace fetchmedia
