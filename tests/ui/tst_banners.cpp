// Banners and the rate-limit indicator as widgets, offscreen.

#include "app/core/api/rategate.h"
#include "ui/banner.h"
#include "ui/bannerarea.h"
#include "ui/ratelimitindicator.h"

#include <QPushButton>
#include <QTest>
#include <QTimeZone>
#include <QToolButton>

using namespace fetchmedia;

class TstBanners final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void oneBannerPerCause()
    {
        BannerArea area;
        area.show();
        int updates = 0;
        area.showBanner(QStringLiteral("auth"), BannerLevel::Error, QStringLiteral("Key refused"),
                        {{QStringLiteral("Update key…"), [&updates] { ++updates; }}});
        area.showBanner(QStringLiteral("auth"), BannerLevel::Error, QStringLiteral("Key refused again"));
        QCOMPARE(area.findChildren<Banner *>().size(), 1);
        QCOMPARE(area.text(QStringLiteral("auth")), QStringLiteral("Key refused again"));
        QVERIFY(area.isVisible());

        area.showBanner(QStringLiteral("auth"), BannerLevel::Error, QStringLiteral("Key refused"),
                        {{QStringLiteral("Update key…"), [&updates] { ++updates; }},
                         {QStringLiteral("Help"), [] {}},
                         {QStringLiteral("A third is dropped"), [] {}}});
        Banner *banner = area.banner(QStringLiteral("auth"));
        QCOMPARE(banner->actionButtons().size(), 2);
        QTest::mouseClick(banner->actionButtons().first(), Qt::LeftButton);
        QCOMPARE(updates, 1);

        area.showBanner(QStringLiteral("service"), BannerLevel::Warning, QStringLiteral("Offline"));
        QVERIFY(area.isShown(QStringLiteral("service")));
        QTest::mouseClick(area.banner(QStringLiteral("service"))->closeButton(), Qt::LeftButton);
        QVERIFY(!area.isShown(QStringLiteral("service")));
        area.clearBanner(QStringLiteral("auth"));
        QVERIFY(!area.isShown(QStringLiteral("auth")));
        QVERIFY(!area.isVisible()); // nothing left to say
    }

    void countdownTicksOnlyWhileClosed()
    {
        QDateTime now(QDate(2026, 12, 3), QTime(12, 0, 0), QTimeZone::utc());
        RateGate gate;
        gate.setClock([&now] { return now; });
        RateLimitIndicator indicator(&gate);
        QVERIFY(indicator.text().isEmpty());
        QVERIFY(!indicator.isTicking());

        RateLimitFacts limited;
        limited.httpStatus = 429;
        limited.bodyRetryAfter = 42;
        gate.observe(limited);
        QCOMPARE(indicator.text(), QStringLiteral("Rate limited — resuming in 0:43"));
        QVERIFY(indicator.isTicking());
        QVERIFY(!indicator.toolTip().isEmpty());

        now = now.addSecs(20);
        gate.recheck();
        QCOMPARE(indicator.text(), QStringLiteral("Rate limited — resuming in 0:23"));

        now = now.addSecs(30);
        gate.recheck();
        QVERIFY(!indicator.isTicking());

        RateLimitFacts fine;
        fine.httpStatus = 200;
        fine.remaining = "3";
        fine.reset = "9";
        gate.observe(fine);
        QCOMPARE(indicator.text(), QStringLiteral("3 requests left"));
        QVERIFY(!indicator.isTicking());
    }

    void countdownFormat_data()
    {
        QTest::addColumn<qint64>("seconds");
        QTest::addColumn<QString>("text");
        QTest::newRow("seconds") << qint64(42) << QStringLiteral("0:42");
        QTest::newRow("minutes") << qint64(65) << QStringLiteral("1:05");
        QTest::newRow("hour") << qint64(3600) << QStringLiteral("1:00:00");
    }

    void countdownFormat()
    {
        QFETCH(qint64, seconds);
        QFETCH(QString, text);
        QCOMPARE(RateLimitIndicator::formatCountdown(seconds), text);
    }
};

QTEST_MAIN(TstBanners)
#include "tst_banners.moc"
