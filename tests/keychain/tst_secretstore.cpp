// SecretStore and fetchmedia-cli against a real Secret Service: GNOME Keyring in a private
// D-Bus session with a throw-away HOME (run through tests/support/with-keyring.sh).

#include "app/core/storage/secretstore.h"
#include "tests/keychain/keychaintestutil.h"

#include <QElapsedTimer>
#include <QStandardPaths>
#include <QTest>

using namespace fetchmedia;
using namespace fetchmedia::keychaintest;

namespace {
const QString kKey = QStringLiteral("fm_5e11ab1e5e11ab1e5e11ab1e5e11ab1e");
const QString kOtherHostKey = QStringLiteral("fm_0ddba110ddba110ddba110ddba1100");
} // namespace

class TstSecretStore final : public QObject
{
    Q_OBJECT

    SecretResult call(const std::function<void(SecretStore &, SecretDone)> &operation)
    {
        SecretStore store;
        std::optional<SecretResult> result;
        QElapsedTimer clock;
        clock.start();
        operation(store, [&](const SecretResult &r) { result = r; });
        // The call only starts a job on the keychain thread: it returns at once.
        m_longestCallMs = std::max(m_longestCallMs, clock.elapsed());
        [&] { QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 15000); }();
        return result.value_or(SecretResult{});
    }

    qint64 m_longestCallMs = 0;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(!home().isEmpty(), "run through tests/support/with-keyring.sh");
        QVERIFY(!qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"));
    }

    void writeReadDeleteRoundTrip()
    {
        const QString host = QStringLiteral("api.roundtrip.test");
        QCOMPARE(call([&](SecretStore &s, SecretDone d) { s.readKey(host, d); }).status, SecretStatus::NotFound);
        QCOMPARE(call([&](SecretStore &s, SecretDone d) { s.writeKey(host, kKey, d); }).status, SecretStatus::Ok);
        const SecretResult read = call([&](SecretStore &s, SecretDone d) { s.readKey(host, d); });
        QCOMPARE(read.status, SecretStatus::Ok);
        QCOMPARE(read.key, kKey);
        QCOMPARE(call([&](SecretStore &s, SecretDone d) { s.deleteKey(host, d); }).status, SecretStatus::Ok);
        QCOMPARE(call([&](SecretStore &s, SecretDone d) { s.readKey(host, d); }).status, SecretStatus::NotFound);
        QVERIFY2(m_longestCallMs < 100, qPrintable(QString::number(m_longestCallMs)));
    }

    void oneEntryPerApiHost()
    {
        const QString sandboxHost = QStringLiteral("127.0.0.1");
        const QString productionHost = QStringLiteral("api.production.test");
        QCOMPARE(call([&](SecretStore &s, SecretDone d) { s.writeKey(sandboxHost, kKey, d); }).status, SecretStatus::Ok);
        QCOMPARE(call([&](SecretStore &s, SecretDone d) { s.writeKey(productionHost, kOtherHostKey, d); }).status,
                 SecretStatus::Ok);
        QCOMPARE(call([&](SecretStore &s, SecretDone d) { s.readKey(sandboxHost, d); }).key, kKey);
        QCOMPARE(call([&](SecretStore &s, SecretDone d) { s.readKey(productionHost, d); }).key, kOtherHostKey);
        // Where the entry is, as the "Done when" looks for it.
        const Run search = run(QStringLiteral("secret-tool"),
                               {QStringLiteral("search"), QStringLiteral("--all"), QStringLiteral("server"),
                                SecretStore::serviceName()});
        QCOMPARE(search.exitCode, 0);
        QVERIFY(search.all().contains("attribute.user = api-key@127.0.0.1"));
        QVERIFY(search.all().contains("attribute.user = api-key@api.production.test"));
        call([&](SecretStore &s, SecretDone d) { s.deleteKey(sandboxHost, d); });
        call([&](SecretStore &s, SecretDone d) { s.deleteKey(productionHost, d); });
    }

    void cliSetReadsStdinAndANewProcessReadsItBack()
    {
        const QString base = QStringLiteral("http://127.0.0.1:9/v1");
        const Run set = run(QStringLiteral(FETCHMEDIA_CLI_PATH),
                            {QStringLiteral("key"), QStringLiteral("set"), QStringLiteral("--api-base"), base},
                            QByteArray("  X-API-KEY: ") + kKey.toUtf8() + "\r\n");
        QCOMPARE(set.exitCode, 0);
        QVERIFY(!containsKey(set.all(), kKey));
        // Read back by this process, through the library.
        QCOMPARE(call([&](SecretStore &s, SecretDone d) { s.readKey(QStringLiteral("127.0.0.1"), d); }).key, kKey);
        // And by another process.
        const Run status = run(QStringLiteral(FETCHMEDIA_CLI_PATH),
                               {QStringLiteral("key"), QStringLiteral("status"), QStringLiteral("--api-base"), base});
        QCOMPARE(status.exitCode, 0);
        QVERIFY(status.out.contains("Source: system keychain"));
        QVERIFY(status.out.contains(QStringLiteral("fm_5e11…ab1e").toUtf8()));
        QVERIFY(!containsKey(status.all(), kKey));
        const Run remove = run(QStringLiteral(FETCHMEDIA_CLI_PATH),
                               {QStringLiteral("key"), QStringLiteral("delete"), QStringLiteral("--api-base"), base});
        QCOMPARE(remove.exitCode, 0);
        const Run gone = run(QStringLiteral(FETCHMEDIA_CLI_PATH),
                             {QStringLiteral("key"), QStringLiteral("status"), QStringLiteral("--api-base"), base});
        QCOMPARE(gone.exitCode, 3);
        QVERIFY(gone.out.contains("source: none"));
        QCOMPARE(filesContaining(home(), kKey), QStringList());
    }

    void cliRefusesJunkBeforeTheKeychain()
    {
        const Run set = run(QStringLiteral(FETCHMEDIA_CLI_PATH),
                            {QStringLiteral("key"), QStringLiteral("set"), QStringLiteral("--api-base"),
                             QStringLiteral("http://127.0.0.1:9/v1")},
                            QByteArray(3000, 'x'));
        QCOMPARE(set.exitCode, 2);
        QVERIFY(set.err.contains("Nothing was stored"));
        const Run search = run(QStringLiteral("secret-tool"),
                               {QStringLiteral("search"), QStringLiteral("--all"), QStringLiteral("server"),
                                SecretStore::serviceName()});
        QVERIFY(!search.all().contains("api-key@127.0.0.1"));
    }

    void destroyingTheStoreWithAJobPendingDoesNotCrash()
    {
        for (int i = 0; i < 5; ++i) {
            bool called = false;
            {
                SecretStore store;
                store.readKey(QStringLiteral("api.pending.test"), [&](const SecretResult &) { called = true; });
            } // gone before the keychain answered
            QTest::qWait(50);
            QVERIFY(!called);
        }
        // The keychain still works afterwards.
        QCOMPARE(call([&](SecretStore &s, SecretDone d) { s.readKey(QStringLiteral("api.pending.test"), d); }).status,
                 SecretStatus::NotFound);
    }
};

QTEST_GUILESS_MAIN(TstSecretStore)
#include "tst_secretstore.moc"
