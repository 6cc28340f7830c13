#pragma once

#include "ui/bannerarea.h"

#include <QFrame>

class QHBoxLayout;
class QLabel;
class QPushButton;
class QToolButton;

namespace fetchmedia {

// One message bar: icon, text, up to two actions and a close button.
class Banner final : public QFrame
{
    Q_OBJECT
public:
    explicit Banner(QWidget *parent = nullptr);

    void setContent(BannerLevel level, const QString &text, const QList<BannerAction> &actions);
    QString text() const;
    QList<QPushButton *> actionButtons() const { return m_buttons; }
    QToolButton *closeButton() const { return m_close; }

Q_SIGNALS:
    void closeRequested();

private:
    QLabel *m_icon;
    QLabel *m_text;
    QHBoxLayout *m_actionsLayout;
    QList<QPushButton *> m_buttons;
    QToolButton *m_close;
};

} // namespace fetchmedia
