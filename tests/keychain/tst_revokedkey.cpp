// The whole app, offscreen, against the real keychain (with-keyring.sh) and the in-process
// sandbox: a key revoked while jobs run pauses the queue, shows the "auth" banner, sends
// nothing more with it, and "Update key…" + Save key resumes the jobs (C16, issue 3).

#include "app/application.h"
#include "app/core/storage/keycontroller.h"
#include "app/sandbox/sandboxserver.h"
#include "ui/accountsection.h"
#include "ui/banner.h"
#include "ui/bannerarea.h"
#include "ui/mainwindow.h"
#include "ui/settingsdialog.h"

#include <QApplication>
#include <QClipboard>
#include <QJsonDocument>
#include <QLabel>
#include <QJsonObject>
#include <QLineEdit>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPushButton>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace fetchmedia;

namespace {

const QString kFirstKey = QStringLiteral("fm_1111111111111111aaaaaaaaaaaaaaaa");
const QString kNewKey = QStringLiteral("fm_2222222222222222bbbbbbbbbbbbbbbb");

// One control request to the sandbox (no key: /_sandbox/ needs none); returns the status.
int control(QNetworkAccessManager &network, const QByteArray &verb, const QUrl &url, const QByteArray &body = {})
{
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    QNetworkReply *reply = network.sendCustomRequest(request, verb, body);
    bool done = false;
    QObject::connect(reply, &QNetworkReply::finished, reply, [&done] { done = true; });
    [&] { QTRY_VERIFY_WITH_TIMEOUT(done, 10000); }();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    reply->deleteLater();
    return status;
}

QUrl controlUrl(const sandbox::SandboxServer &server, const QString &path)
{
    QUrl url = server.apiBaseUrl();
    url.setPath(path);
    return url;
}

} // namespace

class TstRevokedKey final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(!qEnvironmentVariableIsEmpty("KEYRING_TEST_HOME"), "run through with-keyring.sh");
    }

    void revokedKeyPausesAndANewSavedKeyResumes()
    {
        sandbox::SandboxOptions options;
        options.keys = {kFirstKey};
        options.jobSeconds = 4;
        options.logRequests = false;
        sandbox::SandboxServer server(options);
        QVERIFY(server.start());
        QNetworkAccessManager controlNetwork;

        QTemporaryDir folder;
        StartOptions start;
        start.apiBase = server.apiBaseUrl();
        start.downloadFolder = folder.path();
        Application application(start);
        QVERIFY(application.start(nullptr));
        MainWindow *window = application.window();
        KeyController *keys = application.keys();
        JobQueue *queue = application.queue();

        // Fresh keyring: no entry for 127.0.0.1, so onboarding; jobs wait.
        QTRY_COMPARE(keys->keyState(), KeyController::KeyState::Missing);
        QVERIFY(queue->isPaused());

        keys->saveKey(kFirstKey);
        QTRY_COMPARE(keys->source(), KeySource::Keychain);
        QVERIFY(!queue->isPaused());
        // Added a little apart, so that no two polls are on the wire at the same moment: a
        // request already sent when the first 401 goes out cannot be called back.
        for (const char *link : {"https://www.tiktok.com/@u/video/7000000000000000001",
                                 "https://youtu.be/AbCdEfGhIj0", "https://x.com/user/status/1700000000000000001"}) {
            queue->addLinks({QUrl(QString::fromLatin1(link))});
            QTest::qWait(350);
        }
        // Every job submitted and being polled, then the key is revoked on the service.
        QTRY_COMPARE_WITH_TIMEOUT(queue->countInState(JobState::Queued) + queue->countInState(JobState::Submitting), 0, 10000);
        QCOMPARE(control(controlNetwork, "DELETE", controlUrl(server, QStringLiteral("/_sandbox/keys/") + kFirstKey)), 204);

        QTRY_COMPARE_WITH_TIMEOUT(keys->keyState(), KeyController::KeyState::Refused, 15000);
        QVERIFY(queue->isPaused());
        QVERIFY(window->banners()->isShown(QStringLiteral("auth")));
        QVERIFY(window->banners()->text(QStringLiteral("auth")).contains(QStringLiteral("invalid or expired")));
        QCOMPARE(queue->countInState(JobState::Failed), 0); // they wait, they do not fail
        const int unfinished = queue->count() - queue->countInState(JobState::Done);
        QVERIFY(unfinished > 0);
        // Long enough for every poll timer to have fired several times.
        QTest::qWait(4000);
        QCOMPARE(server.stats().value(QStringLiteral("revoked_key_requests_after_401")).toInt(), 0);
        QCOMPARE(server.stats().value(QStringLiteral("bad_key_requests_after_401")).toInt(), 0);

        // The person's way out: "Update key…" on the banner, paste, Save key.
        QCOMPARE(control(controlNetwork, "POST", controlUrl(server, QStringLiteral("/_sandbox/keys")),
                         QJsonDocument(QJsonObject{{QStringLiteral("key"), kNewKey}}).toJson()),
                 201);
        Banner *banner = window->banners()->banner(QStringLiteral("auth"));
        QVERIFY(banner);
        QCOMPARE(banner->actionButtons().size(), 1);
        bool dialogSeen = false;
        QTimer::singleShot(0, this, [&] {
            auto *dialog = qobject_cast<SettingsDialog *>(QApplication::activeModalWidget());
            QVERIFY(dialog);
            const auto close = qScopeGuard([dialog] { dialog->reject(); });
            dialogSeen = true;
            QLineEdit *field = dialog->account()->keyField();
            QCOMPARE(field->echoMode(), QLineEdit::Password);
            QCOMPARE(dialog->focusWidget(), field); // "Update key…" lands in the key field
            QGuiApplication::clipboard()->setText(QStringLiteral("  Bearer ") + kNewKey + QStringLiteral("\n"));
            field->paste();
            QGuiApplication::clipboard()->clear();
            QCOMPARE(field->text(), kNewKey); // trimmed and the prefix stripped
            QVERIFY(dialog->account()->saveButton()->isEnabled());
            QTest::mouseClick(dialog->account()->saveButton(), Qt::LeftButton);
            QTRY_COMPARE(keys->keyState(), KeyController::KeyState::Ready);
            QCOMPARE(keys->source(), KeySource::Keychain);
            QVERIFY(dialog->account()->resultLabel()->text().contains(QStringLiteral("Saved")));
            QVERIFY(field->text().isEmpty());
        });
        QTest::mouseClick(banner->actionButtons().first(), Qt::LeftButton);
        QVERIFY(dialogSeen);

        QCOMPARE(keys->keyState(), KeyController::KeyState::Ready);
        QVERIFY(!window->banners()->isShown(QStringLiteral("auth")));
        QTRY_COMPARE_WITH_TIMEOUT(queue->countInState(JobState::Done), 3, 30000);
        QCOMPARE(server.stats().value(QStringLiteral("revoked_key_requests_after_401")).toInt(), 0);
        QCOMPARE(server.stats().value(QStringLiteral("bad_key_requests_after_401")).toInt(), 0);
    }
};

QTEST_MAIN(TstRevokedKey)
#include "tst_revokedkey.moc"
