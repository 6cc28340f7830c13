#pragma once

#include <QHash>
#include <QList>
#include <QString>
#include <QWidget>

#include <functional>

class QVBoxLayout;

namespace fetchmedia {

class Banner;

// One action button of a banner.
struct BannerAction {
    QString text;
    std::function<void()> trigger;
};

enum class BannerLevel { Info, Warning, Error };

// The inline message bars above the job list, one per cause ("auth", "keychain",
// "rate-limit", "offline", "database", …). Showing a cause that is already shown updates that
// banner instead of stacking a second one; the code that knows the cause has ended clears it.
class BannerArea final : public QWidget
{
    Q_OBJECT
public:
    explicit BannerArea(QWidget *parent = nullptr);

    // Up to two actions; a close button is always there.
    void showBanner(const QString &cause, BannerLevel level, const QString &text,
                    const QList<BannerAction> &actions = {});
    void clearBanner(const QString &cause);
    bool isShown(const QString &cause) const { return m_banners.contains(cause); }
    QString text(const QString &cause) const;
    Banner *banner(const QString &cause) const { return m_banners.value(cause); }

Q_SIGNALS:
    void bannersChanged();

private:
    QVBoxLayout *m_layout;
    QHash<QString, Banner *> m_banners;
};

} // namespace fetchmedia
