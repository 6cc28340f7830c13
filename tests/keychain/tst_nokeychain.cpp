// No keychain reachable at all (C15): no D-Bus session (run through with-keyring.sh --no-bus).
// Every operation answers "no backend" quickly, nothing is written anywhere, the CLI exits 4.

#include "app/core/storage/secretstore.h"
#include "tests/keychain/keychaintestutil.h"

#include <QElapsedTimer>
#include <QTest>

using namespace fetchmedia;
using namespace fetchmedia::keychaintest;

namespace {
const QString kKey = QStringLiteral("fm_00c0ffee00c0ffee00c0ffee00c0ffee");
}

class TstNoKeychain final : public QObject
{
    Q_OBJECT

    SecretResult write(qint64 *elapsedMs)
    {
        SecretStore store;
        std::optional<SecretResult> result;
        QElapsedTimer clock;
        clock.start();
        store.writeKey(QStringLiteral("api.fetchmedia.io"), kKey, [&](const SecretResult &r) { result = r; });
        [&] { QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 15000); }();
        *elapsedMs = clock.elapsed();
        return result.value_or(SecretResult{});
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(!home().isEmpty(), "run through tests/support/with-keyring.sh --no-bus");
        QVERIFY(qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"));
    }

    void writeSaysNoBackend()
    {
        qunsetenv("DISPLAY");
        qint64 elapsed = 0;
        const SecretResult result = write(&elapsed);
        QCOMPARE(result.status, SecretStatus::NoBackend);
        QVERIFY(!result.message.isEmpty());
        QVERIFY2(elapsed < 2000, qPrintable(QString::number(elapsed)));
    }

    // With DISPLAY set, D-Bus would try an X11 autolaunch that takes seconds: not even asked.
    void displayWithoutABusIsAnsweredAtOnce()
    {
        qputenv("DISPLAY", ":97");
        qint64 elapsed = 0;
        const SecretResult result = write(&elapsed);
        qunsetenv("DISPLAY");
        QCOMPARE(result.status, SecretStatus::NoBackend);
        QVERIFY(result.message.contains(QStringLiteral("D-Bus")));
        QVERIFY2(elapsed < 500, qPrintable(QString::number(elapsed)));
    }

    void cliSetExitsFourAndNamesTheKeychain()
    {
        const Run set = run(QStringLiteral(FETCHMEDIA_CLI_PATH),
                            {QStringLiteral("key"), QStringLiteral("set"), QStringLiteral("--api-base"),
                             QStringLiteral("http://127.0.0.1:9/v1")},
                            kKey.toUtf8());
        QVERIFY(set.finished);
        QCOMPARE(set.exitCode, 4);
        QVERIFY2(set.err.contains("No system keychain available"), set.err.constData());
        QVERIFY(!containsKey(set.all(), kKey));
        const Run status = run(QStringLiteral(FETCHMEDIA_CLI_PATH),
                               {QStringLiteral("key"), QStringLiteral("status"), QStringLiteral("--api-base"),
                                QStringLiteral("http://127.0.0.1:9/v1")});
        QCOMPARE(status.exitCode, 4);
        int searched = 0;
        QCOMPARE(filesContaining(home(), kKey, &searched), QStringList());
    }

    void environmentKeyStillWorksWithoutAKeychain()
    {
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("FETCHMEDIA_API_KEY"), kKey);
        const Run status = run(QStringLiteral(FETCHMEDIA_CLI_PATH),
                               {QStringLiteral("key"), QStringLiteral("status"), QStringLiteral("--api-base"),
                                QStringLiteral("http://127.0.0.1:9/v1")},
                               {}, environment);
        QCOMPARE(status.exitCode, 0);
        QVERIFY(status.out.contains("Source: environment"));
        QVERIFY(!containsKey(status.all(), kKey));
    }
};

QTEST_GUILESS_MAIN(TstNoKeychain)
#include "tst_nokeychain.moc"
