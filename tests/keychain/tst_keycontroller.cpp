// The key state machine (C15, C16, C17) against a scripted keychain, and invalid_token against
// the in-process sandbox: what is read, written, shown and whether the queue may run.

#include "app/core/api/apiclient.h"
#include "app/core/jobs/jobqueue.h"
#include "app/core/storage/keycontroller.h"
#include "app/sandbox/sandboxserver.h"
#include "tests/keychain/fakesecretstorage.h"
#include "tests/support/recordingserver.h"

#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace fetchmedia;
using KeyState = KeyController::KeyState;
using KeychainState = KeyController::KeychainState;

namespace {

const QString kKey = QStringLiteral("fm_0123456789abcdef0123456789abcdef");
const QString kOtherKey = QStringLiteral("fm_fedcba9876543210fedcba9876543210");

struct Rig {
    QNetworkAccessManager network;
    ApiClient api{&network};
    JobQueue queue{&api, &network};
    FakeSecretStorage storage;
    KeyController keys{&storage, &api, &queue, &network};
    QTemporaryDir folder;
    Rig()
    {
        queue.setDownloadFolder(folder.path());
        api.setBaseUrl(QUrl(QStringLiteral("https://api.example.test/v1")));
        keys.setStartRetryDelay(-1);
    }
};

} // namespace

class TstKeyController final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init() { qunsetenv("FETCHMEDIA_API_KEY"); }

    void storedKeyIsUsedAndTheQueueRuns()
    {
        Rig rig;
        rig.storage.script = {{SecretStatus::Ok, kKey, 50}};
        QVERIFY(rig.queue.isPaused());
        rig.keys.start();
        // The answer comes later; meanwhile the queue waits and the UI says "waiting".
        QCOMPARE(rig.keys.keyState(), KeyState::Waiting);
        QCOMPARE(rig.keys.keychainState(), KeychainState::Waiting);
        QVERIFY(rig.queue.isPaused());
        QTRY_COMPARE(rig.keys.keyState(), KeyState::Ready);
        QCOMPARE(rig.keys.source(), KeySource::Keychain);
        QCOMPARE(rig.keys.maskedKey(), QStringLiteral("fm_0123…cdef"));
        QVERIFY(!rig.queue.isPaused());
        QCOMPARE(rig.storage.calls.size(), 1);
        QCOMPARE(rig.storage.calls.first().host, QStringLiteral("api.example.test"));
    }

    void entryNotFoundMeansOnboarding()
    {
        Rig rig;
        rig.storage.script = {{SecretStatus::NotFound, {}, 0}};
        rig.keys.start();
        QTRY_COMPARE(rig.keys.keyState(), KeyState::Missing);
        QCOMPARE(rig.keys.keychainState(), KeychainState::Available);
        QVERIFY(rig.queue.isPaused());
    }

    void lockedIsNotNoKeyAndNothingIsWritten()
    {
        Rig rig;
        rig.storage.script = {{SecretStatus::Locked, {}, 0}, {SecretStatus::Ok, kKey, 0}};
        rig.keys.start();
        QTRY_COMPARE(rig.keys.keychainState(), KeychainState::Locked);
        // Not onboarding: the key is still in the keychain, just unreadable for now.
        QCOMPARE(rig.keys.keyState(), KeyState::Waiting);
        QVERIFY(rig.queue.isPaused());
        QCOMPARE(rig.storage.count(QStringLiteral("write")), 0);
        QCOMPARE(rig.storage.count(QStringLiteral("delete")), 0);
        rig.keys.retryKeychain(); // "Keychain locked — Retry", after unlocking
        QTRY_COMPARE(rig.keys.keyState(), KeyState::Ready);
        QCOMPARE(rig.storage.count(QStringLiteral("read")), 2);
        QCOMPARE(rig.storage.count(QStringLiteral("write")), 0);
    }

    void noBackendRetriesOnceAtStartThenSaysSo()
    {
        Rig rig;
        rig.keys.setStartRetryDelay(100);
        rig.storage.script = {{SecretStatus::NoBackend, {}, 0}, {SecretStatus::NoBackend, {}, 0}};
        rig.keys.start();
        QTRY_COMPARE(rig.storage.count(QStringLiteral("read")), 1);
        QTest::qWait(30);
        QCOMPARE(rig.keys.keychainState(), KeychainState::Waiting); // the retry is pending
        QTRY_COMPARE(rig.keys.keychainState(), KeychainState::Unavailable);
        QCOMPARE(rig.storage.count(QStringLiteral("read")), 2);
        QCOMPARE(rig.keys.keyState(), KeyState::Missing);
        QTest::qWait(300);
        QCOMPARE(rig.storage.count(QStringLiteral("read")), 2); // exactly one retry, no loop
    }

    void noBackendKeepsASavedKeyForTheSessionOnly()
    {
        Rig rig;
        rig.storage.script = {{SecretStatus::NoBackend, {}, 0}, {SecretStatus::NoBackend, {}, 0}};
        rig.keys.start();
        QTRY_COMPARE(rig.keys.keychainState(), KeychainState::Unavailable);
        QSignalSpy saved(&rig.keys, &KeyController::saveFinished);
        rig.keys.saveKey(QStringLiteral("  ") + kKey + QStringLiteral("\n"));
        QTRY_COMPARE(saved.size(), 1);
        QCOMPARE(saved.first().first().toBool(), false);
        QCOMPARE(rig.keys.source(), KeySource::SessionOnly);
        QCOMPARE(rig.keys.keyState(), KeyState::Ready);
        QVERIFY(!rig.queue.isPaused());
        QVERIFY(rig.storage.stored.isEmpty());
        // "Use for this session only" writes nothing at all.
        rig.keys.useForSession(kOtherKey);
        QCOMPARE(rig.storage.count(QStringLiteral("write")), 1);
    }

    void junkNeverReachesTheKeychain_data()
    {
        QTest::addColumn<QString>("pasted");
        QTest::newRow("3000 characters") << QString(3000, QLatin1Char('k'));
        QTest::newRow("an e-mail") << QStringLiteral("Hi,\nyour key is fm_0123456789abcdef\nBest");
        QTest::newRow("inner space") << QStringLiteral("fm_0123 456789abcdef");
        QTest::newRow("empty") << QStringLiteral("   ");
    }

    void junkNeverReachesTheKeychain()
    {
        QFETCH(QString, pasted);
        Rig rig;
        rig.keys.start();
        QTRY_COMPARE(rig.keys.keyState(), KeyState::Missing);
        const ApiKeyInput input = rig.keys.saveKey(pasted);
        QVERIFY(!input.accepted());
        QTest::qWait(20);
        QCOMPARE(rig.storage.count(QStringLiteral("write")), 0);
        QCOMPARE(rig.keys.keyState(), KeyState::Missing);
    }

    void headerPrefixIsStrippedBeforeSaving()
    {
        Rig rig;
        rig.storage.script = {{SecretStatus::NotFound, {}, 0}, {SecretStatus::Ok, {}, 0}};
        rig.keys.start();
        QTRY_COMPARE(rig.keys.keyState(), KeyState::Missing);
        rig.keys.saveKey(QStringLiteral("X-API-KEY: ") + kKey);
        QTRY_COMPARE(rig.keys.keyState(), KeyState::Ready);
        QCOMPARE(rig.storage.stored.value(QStringLiteral("api.example.test")), kKey);
        QCOMPARE(rig.keys.source(), KeySource::Keychain);
    }

    void slowKeychainStopsWaitingButTheLateAnswerCounts()
    {
        Rig rig;
        rig.keys.setKeychainPatience(100);
        rig.storage.script = {{SecretStatus::Ok, kKey, 400}};
        rig.keys.start();
        QTRY_COMPARE(rig.keys.keychainState(), KeychainState::Slow);
        QCOMPARE(rig.keys.keyState(), KeyState::Waiting);
        QTRY_COMPARE(rig.keys.keyState(), KeyState::Ready);
        QCOMPARE(rig.keys.keychainState(), KeychainState::Available);
    }

    void aKeychainThatNeverAnswersCanBeLeft()
    {
        auto rig = std::make_unique<Rig>();
        rig->storage.script = {{SecretStatus::Ok, kKey, -1}};
        rig->keys.start();
        QTest::qWait(20);
        QCOMPARE(rig->keys.keychainState(), KeychainState::Waiting);
        // The person may still work: a key for this session, keychain answer still pending.
        rig->keys.useForSession(kOtherKey);
        QCOMPARE(rig->keys.keyState(), KeyState::Ready);
        rig.reset(); // quitting with the job pending: nothing to crash on
    }

    void environmentKeyWinsAndIsNeverSaved()
    {
        qputenv("FETCHMEDIA_API_KEY", kKey.toUtf8());
        Rig rig;
        rig.keys.start();
        QCOMPARE(rig.keys.keyState(), KeyState::Ready);
        QCOMPARE(rig.keys.source(), KeySource::Environment);
        QVERIFY(!rig.keys.keyEditable());
        rig.keys.saveKey(kOtherKey);
        rig.keys.removeKey();
        QTest::qWait(20);
        QVERIFY(rig.storage.calls.isEmpty());
        qunsetenv("FETCHMEDIA_API_KEY");
    }

    void removeForgetsTheKeyAndPauses()
    {
        Rig rig;
        rig.storage.script = {{SecretStatus::Ok, kKey, 0}, {SecretStatus::Ok, {}, 0}};
        rig.keys.start();
        QTRY_COMPARE(rig.keys.keyState(), KeyState::Ready);
        rig.keys.removeKey();
        QTRY_COMPARE(rig.keys.keyState(), KeyState::Missing);
        QVERIFY(rig.queue.isPaused());
        QVERIFY(!rig.api.hasApiKey());
    }

    void invalidTokenPausesAndANewKeyResumes()
    {
        sandbox::SandboxOptions options;
        options.keys = {kOtherKey};
        sandbox::SandboxServer server(options);
        QVERIFY(server.start());
        Rig rig;
        rig.api.setBaseUrl(server.apiBaseUrl());
        rig.storage.script = {{SecretStatus::Ok, kKey, 0}, {SecretStatus::Ok, {}, 0}};
        rig.keys.start();
        QTRY_COMPARE(rig.keys.keyState(), KeyState::Ready);
        rig.queue.addLinks({QUrl(QStringLiteral("https://www.tiktok.com/@u/video/7000000000000000001"))});
        QTRY_COMPARE(rig.keys.keyState(), KeyState::Refused);
        QVERIFY(rig.queue.isPaused());
        QVERIFY(!rig.api.hasApiKey()); // nothing more can leave with the refused key
        QCOMPARE(rig.queue.countInState(JobState::Failed), 0);
        rig.keys.saveKey(kOtherKey);
        QTRY_COMPARE_WITH_TIMEOUT(rig.queue.countInState(JobState::Done), 1, 15000);
        QCOMPARE(rig.keys.keyState(), KeyState::Ready);
    }

    void testConnectionTellsTheThreeOutcomes()
    {
        sandbox::SandboxOptions options;
        options.keys = {kKey};
        sandbox::SandboxServer server(options);
        QVERIFY(server.start());
        Rig rig;
        rig.api.setBaseUrl(server.apiBaseUrl());
        rig.keys.start();
        QTRY_COMPARE(rig.keys.keyState(), KeyState::Missing);

        auto outcome = [&](const QUrl &base, const QString &key) {
            std::optional<KeyController::ConnectionResult> result;
            rig.keys.testConnection(base, key, this,
                                    [&](KeyController::ConnectionResult r, const QString &) { result = r; });
            [&] { QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 20000); }();
            return result.value_or(KeyController::ConnectionResult::Failed);
        };
        QCOMPARE(outcome(server.apiBaseUrl(), QStringLiteral("Bearer ") + kKey),
                 KeyController::ConnectionResult::Connected);
        QCOMPARE(outcome(server.apiBaseUrl(), kOtherKey), KeyController::ConnectionResult::KeyRefused);
        // A refused candidate is not the key in use: the queue state is untouched.
        QCOMPARE(rig.keys.keyState(), KeyState::Missing);
        QUrl closed = server.apiBaseUrl();
        closed.setPort(1);
        QCOMPARE(outcome(closed, kKey), KeyController::ConnectionResult::Unreachable);

        // A server that answers 200 to anything is not the API: no "connected" for it.
        test::RecordingServer anyServer([](const test::RecordingServer::Request &) {
            return test::RecordingServer::answer(200, "OK", "{}", {{"Content-Type", "application/json"}});
        });
        QVERIFY(anyServer.start());
        QCOMPARE(outcome(QUrl(anyServer.origin().toString() + QStringLiteral("/v1")), kKey),
                 KeyController::ConnectionResult::Failed);

        // Plain http to another machine is refused before anything is sent: the key never
        // travels in the clear (192.0.2.0/24 is a documentation range; nothing is sent there).
        QCOMPARE(outcome(QUrl(QStringLiteral("http://192.0.2.2:8799/v1")), kKey),
                 KeyController::ConnectionResult::Failed);
    }
};

QTEST_GUILESS_MAIN(TstKeyController)
#include "tst_keycontroller.moc"
