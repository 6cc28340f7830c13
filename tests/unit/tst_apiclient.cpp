// Where ApiClient may send the key at all: https anywhere, plain http only to this machine.
// (The key-in-requests checks against real servers are in tst_fetchflow and tst_keyleak.)

#include "app/core/api/apiclient.h"

#include <QTest>

using namespace fetchmedia;

class TstApiClient final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void keyOnlyOverHttpsOrLoopback_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<bool>("safe");
        QTest::newRow("https") << QStringLiteral("https://api.fetchmedia.io/v1") << true;
        QTest::newRow("https, other port") << QStringLiteral("https://staging.fetchmedia.io:8443/v1") << true;
        QTest::newRow("http loopback v4") << QStringLiteral("http://127.0.0.1:8765/v1") << true;
        QTest::newRow("http loopback range") << QStringLiteral("http://127.1.2.3/v1") << true;
        QTest::newRow("http localhost") << QStringLiteral("http://LocalHost:1/v1") << true;
        QTest::newRow("http loopback v6") << QStringLiteral("http://[::1]:8765/v1") << true;
        QTest::newRow("http LAN address") << QStringLiteral("http://192.0.2.2:8799/v1") << false;
        QTest::newRow("http remote name") << QStringLiteral("http://example.com/v1") << false;
        QTest::newRow("http name that starts like loopback") << QStringLiteral("http://127.0.0.1.example.com/v1") << false;
        QTest::newRow("ftp") << QStringLiteral("ftp://127.0.0.1/v1") << false;
    }

    void keyOnlyOverHttpsOrLoopback()
    {
        QFETCH(QString, url);
        QFETCH(bool, safe);
        QCOMPARE(ApiClient::isSafeForKey(QUrl(url)), safe);
    }
};

QTEST_GUILESS_MAIN(TstApiClient)
#include "tst_apiclient.moc"
