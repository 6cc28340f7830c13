#pragma once

#include "app/core/intake/linkintake.h"

#include <QObject>
#include <QPointer>

#include <functional>

class QMimeData;
class QWidget;

namespace fetchmedia {

// Makes widgets accept link drops: a drag that can yield a link is accepted and the widget
// under it is outlined; the drop is parsed by core intake (uri-list, x-moz-url, html, text,
// shortcut and list files) by whoever takes onDrop. A drag that cannot yield a link is refused,
// so the cursor says so before the button is released.
class LinkDropTarget final : public QObject
{
    Q_OBJECT
public:
    explicit LinkDropTarget(std::function<void(const QMimeData &)> onDrop, QObject *parent = nullptr);

    void watch(QWidget *widget);
    QWidget *highlighted() const { return m_highlighted; }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void highlight(QWidget *widget);

    std::function<void(const QMimeData &)> m_onDrop;
    QPointer<QWidget> m_highlighted;
    QPointer<QWidget> m_frame;
};

} // namespace fetchmedia
