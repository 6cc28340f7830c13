#include "ui/banner.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QStyle>
#include <QToolButton>

namespace fetchmedia {

namespace {

struct LevelLook {
    const char *style;
    QStyle::StandardPixmap icon;
};

LevelLook lookFor(BannerLevel level)
{
    switch (level) {
    case BannerLevel::Info:
        return {"#banner { background: #e8f1fd; border: 1px solid #b6d1f7; border-radius: 4px; }"
                " QLabel { color: #0b3a75; }",
                QStyle::SP_MessageBoxInformation};
    case BannerLevel::Warning:
        return {"#banner { background: #fff4e0; border: 1px solid #f3cf8b; border-radius: 4px; }"
                " QLabel { color: #5c3b00; }",
                QStyle::SP_MessageBoxWarning};
    case BannerLevel::Error:
        return {"#banner { background: #fdecea; border: 1px solid #f5c2c0; border-radius: 4px; }"
                " QLabel { color: #5f2120; }",
                QStyle::SP_MessageBoxCritical};
    }
    return {"", QStyle::SP_MessageBoxInformation};
}

} // namespace

Banner::Banner(QWidget *parent)
    : QFrame(parent),
      m_icon(new QLabel(this)),
      m_text(new QLabel(this)),
      m_actionsLayout(new QHBoxLayout),
      m_close(new QToolButton(this))
{
    setObjectName(QStringLiteral("banner"));
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_close->setAutoRaise(true);
    m_close->setText(QStringLiteral("\u2715"));
    m_close->setToolTip(tr("Hide this message"));
    m_close->setAccessibleName(tr("Close message"));
    connect(m_close, &QToolButton::clicked, this, &Banner::closeRequested);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 4, 4, 4);
    layout->addWidget(m_icon, 0, Qt::AlignTop);
    layout->addWidget(m_text, 1);
    layout->addLayout(m_actionsLayout);
    layout->addWidget(m_close, 0, Qt::AlignTop);
}

void Banner::setContent(BannerLevel level, const QString &text, const QList<BannerAction> &actions)
{
    const LevelLook look = lookFor(level);
    setStyleSheet(QLatin1String(look.style));
    const int iconSize = fontMetrics().height();
    m_icon->setPixmap(style()->standardIcon(look.icon).pixmap(iconSize, iconSize));
    m_text->setText(text);
    setAccessibleName(text);

    qDeleteAll(m_buttons);
    m_buttons.clear();
    for (const BannerAction &action : actions.mid(0, 2)) {
        auto *button = new QPushButton(action.text, this);
        connect(button, &QPushButton::clicked, this, [trigger = action.trigger] {
            if (trigger)
                trigger();
        });
        m_actionsLayout->addWidget(button);
        m_buttons.append(button);
    }
}

QString Banner::text() const
{
    return m_text->text();
}

} // namespace fetchmedia
