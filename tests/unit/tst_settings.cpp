// Settings on an INI file of the test's own: API base URL rules (https, or http to loopback
// only), the FETCHMEDIA_API_BASE override, download folder and concurrency.

#include "app/core/storage/settings.h"

#include <QtCore/QSettings>
#include <QtCore/QStandardPaths>
#include <QtCore/QTemporaryDir>
#include <QtTest/QtTest>

#include <memory>

using namespace fetchmedia;

namespace {

const char kEnvName[] = "FETCHMEDIA_API_BASE";

} // namespace

class TestSettings : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void validateApiBaseUrl_data();
    void validateApiBaseUrl();
    void defaultApiBaseUrl();
    void storedApiBaseUrl_data();
    void storedApiBaseUrl();
    void refusedApiBaseUrlIsNotStored();
    void invalidStoredValueFallsBack();
    void environmentOverride_data();
    void environmentOverride();
    void downloadFolder();
    void concurrency_data();
    void concurrency();
    void concurrencyFromFile_data();
    void concurrencyFromFile();

private:
    QString iniPath() const { return m_dir->filePath(QStringLiteral("settings.ini")); }

    std::unique_ptr<QTemporaryDir> m_dir;
    QByteArray m_savedEnv;
    bool m_hadEnv = false;
};

void TestSettings::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    m_hadEnv = qEnvironmentVariableIsSet(kEnvName);
    m_savedEnv = qgetenv(kEnvName);
}

void TestSettings::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    qunsetenv(kEnvName);
}

void TestSettings::cleanup()
{
    if (m_hadEnv)
        qputenv(kEnvName, m_savedEnv);
    else
        qunsetenv(kEnvName);
    m_dir.reset();
}

void TestSettings::validateApiBaseUrl_data()
{
    QTest::addColumn<QUrl>("url");
    QTest::addColumn<bool>("acceptable");

    const auto row = [](const char *name, const QString &url, bool ok) {
        QTest::newRow(name) << QUrl(url) << ok;
    };
    row("https default", QStringLiteral("https://api.fetchmedia.io/v1"), true);
    row("https proxy with port", QStringLiteral("https://proxy.example.com:8443/fetchmedia/v1"), true);
    row("http 127.0.0.1", QStringLiteral("http://127.0.0.1:8080/v1"), true);
    row("http other loopback", QStringLiteral("http://127.0.0.2:8080/v1"), true);
    row("http localhost", QStringLiteral("http://localhost"), true);
    row("http LOCALHOST", QStringLiteral("http://LOCALHOST:9000/v1"), true);
    row("http ::1", QStringLiteral("http://[::1]:1/v1"), true);
    row("http public host", QStringLiteral("http://api.fetchmedia.io"), false);
    row("http private LAN", QStringLiteral("http://192.168.1.10:8080/v1"), false);
    row("http localhost lookalike", QStringLiteral("http://localhost.evil.example/v1"), false);
    row("http loopback lookalike", QStringLiteral("http://127.0.0.1.nip.io/v1"), false);
    row("ftp", QStringLiteral("ftp://api.fetchmedia.io/v1"), false);
    row("file", QStringLiteral("file:///etc/passwd"), false);
    row("garbage", QStringLiteral("not a url at all"), false);
    row("no host", QStringLiteral("https:///v1"), false);
    row("relative", QStringLiteral("api.fetchmedia.io/v1"), false);
    row("empty", QString(), false);
    row("query", QStringLiteral("https://api.fetchmedia.io/v1?key=fm_0123456789abcdef"), false);
    row("user info", QStringLiteral("https://user:pw@api.fetchmedia.io/v1"), false);
}

void TestSettings::validateApiBaseUrl()
{
    QFETCH(QUrl, url);
    QFETCH(bool, acceptable);
    const std::optional<QString> problem = Settings::validateApiBaseUrl(url);
    QCOMPARE(!problem.has_value(), acceptable);
    if (problem)
        QVERIFY(!problem->isEmpty());
}

void TestSettings::defaultApiBaseUrl()
{
    QCOMPARE(Settings::defaultApiBaseUrl(), QUrl(QStringLiteral("https://api.fetchmedia.io/v1")));
    const Settings settings(iniPath());
    QCOMPARE(settings.apiBaseUrl(), Settings::defaultApiBaseUrl());
    QVERIFY(!settings.apiBaseUrlFromEnvironment());
}

void TestSettings::storedApiBaseUrl_data()
{
    QTest::addColumn<QUrl>("input");
    QTest::addColumn<QUrl>("stored");

    QTest::newRow("loopback sandbox") << QUrl(QStringLiteral("http://127.0.0.1:8080/v1"))
                                      << QUrl(QStringLiteral("http://127.0.0.1:8080/v1"));
    QTest::newRow("trailing slash dropped") << QUrl(QStringLiteral("https://proxy.example.com/v1/"))
                                            << QUrl(QStringLiteral("https://proxy.example.com/v1"));
    QTest::newRow("IPv6 loopback") << QUrl(QStringLiteral("http://[::1]:1/v1"))
                                   << QUrl(QStringLiteral("http://[::1]:1/v1"));
    QTest::newRow("percent-encoded path") << QUrl(QStringLiteral("https://proxy.example.com/fetch%20media/v1"))
                                          << QUrl(QStringLiteral("https://proxy.example.com/fetch%20media/v1"));
    QTest::newRow("non-ASCII path") << QUrl(QStringLiteral("https://proxy.example.com/caf%C3%A9/v1"))
                                    << QUrl(QStringLiteral("https://proxy.example.com/caf%C3%A9/v1"));
}

void TestSettings::storedApiBaseUrl()
{
    QFETCH(QUrl, input);
    QFETCH(QUrl, stored);
    {
        Settings settings(iniPath());
        QVERIFY(!settings.setApiBaseUrl(input));
        QCOMPARE(settings.apiBaseUrl(), stored);
        settings.sync();
    }
    // A fresh instance reads the same file back.
    const Settings reopened(iniPath());
    QCOMPARE(reopened.apiBaseUrl(), stored);
    QVERIFY(!reopened.apiBaseUrlFromEnvironment());
}

void TestSettings::refusedApiBaseUrlIsNotStored()
{
    Settings settings(iniPath());
    QVERIFY(!settings.setApiBaseUrl(QUrl(QStringLiteral("https://proxy.example.com/v1"))));
    const std::optional<QString> problem = settings.setApiBaseUrl(QUrl(QStringLiteral("http://api.fetchmedia.io/v1")));
    QVERIFY(problem.has_value());
    QVERIFY(!problem->isEmpty());
    QCOMPARE(settings.apiBaseUrl(), QUrl(QStringLiteral("https://proxy.example.com/v1")));
}

void TestSettings::invalidStoredValueFallsBack()
{
    // A hand-edited (or older, laxer) file with a value the rules refuse: the default wins.
    {
        QSettings raw(iniPath(), QSettings::IniFormat);
        raw.setValue(QStringLiteral("api/baseUrl"), QStringLiteral("http://api.fetchmedia.io/v1"));
        raw.sync();
        QCOMPARE(raw.status(), QSettings::NoError);
    }
    const Settings settings(iniPath());
    QCOMPARE(settings.apiBaseUrl(), Settings::defaultApiBaseUrl());
}

void TestSettings::environmentOverride_data()
{
    QTest::addColumn<QByteArray>("environment");
    QTest::addColumn<bool>("fromEnvironment");
    QTest::addColumn<QUrl>("expected");

    const QUrl stored(QStringLiteral("https://proxy.example.com/v1"));
    QTest::newRow("loopback sandbox") << QByteArray("http://127.0.0.1:43210/v1") << true
                                      << QUrl(QStringLiteral("http://127.0.0.1:43210/v1"));
    QTest::newRow("https") << QByteArray("https://staging.fetchmedia.io/v1") << true
                           << QUrl(QStringLiteral("https://staging.fetchmedia.io/v1"));
    QTest::newRow("surrounding spaces") << QByteArray("  http://localhost:9/v1\n") << true
                                        << QUrl(QStringLiteral("http://localhost:9/v1"));
    QTest::newRow("plain http refused: stored value") << QByteArray("http://api.fetchmedia.io/v1") << false << stored;
    QTest::newRow("garbage: stored value") << QByteArray("not a url") << false << stored;
    QTest::newRow("ftp: stored value") << QByteArray("ftp://127.0.0.1/v1") << false << stored;
    QTest::newRow("empty: stored value") << QByteArray("") << false << stored;
}

void TestSettings::environmentOverride()
{
    QFETCH(QByteArray, environment);
    QFETCH(bool, fromEnvironment);
    QFETCH(QUrl, expected);

    Settings settings(iniPath());
    QVERIFY(!settings.setApiBaseUrl(QUrl(QStringLiteral("https://proxy.example.com/v1"))));
    QVERIFY(qputenv(kEnvName, environment));
    QCOMPARE(settings.apiBaseUrlFromEnvironment(), fromEnvironment);
    QCOMPARE(settings.apiBaseUrl(), expected);

    // Without anything stored, an invalid override falls back to the default.
    const Settings fresh(m_dir->filePath(QStringLiteral("fresh.ini")));
    QCOMPARE(fresh.apiBaseUrl(), fromEnvironment ? expected : Settings::defaultApiBaseUrl());

    qunsetenv(kEnvName);
    QVERIFY(!settings.apiBaseUrlFromEnvironment());
    QCOMPARE(settings.apiBaseUrl(), QUrl(QStringLiteral("https://proxy.example.com/v1")));
}

void TestSettings::downloadFolder()
{
    const QString folder = m_dir->filePath(QStringLiteral("My Videos/FetchMedia"));
    {
        Settings settings(iniPath());
        const QString byDefault = settings.downloadFolder();
        QVERIFY2(byDefault.endsWith(QLatin1String("/FetchMedia")), qPrintable(byDefault));
        QCOMPARE(byDefault, Settings::defaultDownloadFolder());
        QVERIFY(QDir::isAbsolutePath(byDefault));

        settings.setDownloadFolder(folder + QStringLiteral("/sub/../"));
        QCOMPARE(settings.downloadFolder(), folder);
        settings.sync();
    }
    const Settings reopened(iniPath());
    QCOMPARE(reopened.downloadFolder(), folder);
}

void TestSettings::concurrency_data()
{
    QTest::addColumn<int>("value");
    QTest::addColumn<int>("expected");

    QTest::newRow("1") << 1 << 1;
    QTest::newRow("4") << 4 << 4;
    QTest::newRow("16") << 16 << 16;
    QTest::newRow("0 clamped") << 0 << 1;
    QTest::newRow("negative clamped") << -5 << 1;
    QTest::newRow("17 clamped") << 17 << 16;
    QTest::newRow("huge clamped") << 1000000 << 16;
}

void TestSettings::concurrency()
{
    QFETCH(int, value);
    QFETCH(int, expected);
    {
        Settings settings(iniPath());
        QCOMPARE(settings.concurrency(), 4);
        settings.setConcurrency(value);
        QCOMPARE(settings.concurrency(), expected);
        settings.sync();
    }
    QCOMPARE(Settings(iniPath()).concurrency(), expected);
}

void TestSettings::concurrencyFromFile_data()
{
    QTest::addColumn<QString>("raw");
    QTest::addColumn<int>("expected");

    QTest::newRow("in range") << QStringLiteral("8") << 8;
    QTest::newRow("too high") << QStringLiteral("99") << 16;
    QTest::newRow("zero") << QStringLiteral("0") << 1;
    QTest::newRow("negative") << QStringLiteral("-3") << 1;
    QTest::newRow("not a number") << QStringLiteral("many") << 4;
    QTest::newRow("empty") << QString() << 4;
}

void TestSettings::concurrencyFromFile()
{
    QFETCH(QString, raw);
    QFETCH(int, expected);
    {
        QSettings file(iniPath(), QSettings::IniFormat);
        file.setValue(QStringLiteral("jobs/concurrency"), raw);
        file.sync();
    }
    QCOMPARE(Settings(iniPath()).concurrency(), expected);
}

QTEST_GUILESS_MAIN(TestSettings)
#include "tst_settings.moc"
