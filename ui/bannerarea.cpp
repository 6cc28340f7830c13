#include "ui/bannerarea.h"

#include "ui/banner.h"

#include <QVBoxLayout>

namespace fetchmedia {

BannerArea::BannerArea(QWidget *parent) : QWidget(parent), m_layout(new QVBoxLayout(this))
{
    m_layout->setContentsMargins(0, 0, 0, 0);
    m_layout->setSpacing(4);
    hide();
}

void BannerArea::showBanner(const QString &cause, BannerLevel level, const QString &text,
                            const QList<BannerAction> &actions)
{
    Banner *banner = m_banners.value(cause);
    if (!banner) {
        banner = new Banner(this);
        banner->setObjectName(QStringLiteral("banner"));
        banner->setProperty("cause", cause);
        connect(banner, &Banner::closeRequested, this, [this, cause] { clearBanner(cause); });
        m_layout->addWidget(banner);
        m_banners.insert(cause, banner);
    }
    banner->setContent(level, text, actions);
    show();
    Q_EMIT bannersChanged();
}

void BannerArea::clearBanner(const QString &cause)
{
    Banner *banner = m_banners.take(cause);
    if (!banner)
        return;
    banner->hide();
    banner->deleteLater();
    setVisible(!m_banners.isEmpty());
    Q_EMIT bannersChanged();
}

QString BannerArea::text(const QString &cause) const
{
    const Banner *banner = m_banners.value(cause);
    return banner ? banner->text() : QString();
}

} // namespace fetchmedia
