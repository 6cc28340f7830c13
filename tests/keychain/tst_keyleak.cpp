// "The key appears nowhere else": a whole run with debug logging in every category, in a
// throw-away HOME with a real keychain (with-keyring.sh). The real programs run as child
// processes (sandbox, fetchmedia-cli key set/status/test, fetch); the app runs in-process
// (save key in Settings, fetch, download, quit). Then every file written under HOME and every
// line of output is searched for the key.

#include "app/application.h"
#include "app/core/storage/keycontroller.h"
#include "tests/keychain/keychaintestutil.h"
#include "ui/accountsection.h"
#include "ui/mainwindow.h"
#include "ui/settingsdialog.h"

#include <QApplication>
#include <QClipboard>
#include <QJsonDocument>
#include <QLabel>
#include <QJsonObject>
#include <QLineEdit>
#include <QLoggingCategory>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPushButton>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace fetchmedia;
using namespace fetchmedia::keychaintest;

namespace {

const QString kKey = QStringLiteral("fm_5ec7e75ec7e75ec7e75ec7e75ec7e7ff");

QByteArray g_messages; // everything the in-process app logged
QtMessageHandler g_previous = nullptr;

void capture(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    g_messages += QByteArray(context.category ? context.category : "default") + ": " + message.toUtf8() + '\n';
    if (g_previous)
        g_previous(type, context, message);
}

QProcessEnvironment childEnvironment()
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.remove(QStringLiteral("FETCHMEDIA_API_KEY"));
    environment.insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("fetchmedia.*.debug=true"));
    return environment;
}

} // namespace

class TstKeyLeak final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(!home().isEmpty(), "run through tests/support/with-keyring.sh");
        QLoggingCategory::setFilterRules(QStringLiteral("fetchmedia.*.debug=true"));
        g_previous = qInstallMessageHandler(capture);
    }

    void theSearchFindsAPlantedKey()
    {
        QTemporaryDir planted;
        QFile file(planted.filePath(QStringLiteral("config.ini")));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("[Account]\napi_key=" + kKey.toUtf8() + "\n");
        file.close();
        QCOMPARE(filesContaining(planted.path(), kKey).size(), 1);
        QVERIFY(containsKey(QByteArray("GET /v1/files?key=") + kKey.toUtf8(), kKey));
    }

    void aWholeRunLeavesTheKeyNowhere()
    {
        QByteArray output; // every byte the child processes printed

        // The sandbox, as its own program, starts with another key; ours is added at run time
        // so that its own start-up lines cannot contain it.
        QProcess sandbox;
        sandbox.setProcessEnvironment(childEnvironment());
        sandbox.setProcessChannelMode(QProcess::MergedChannels);
        sandbox.start(QStringLiteral(FETCHMEDIA_SANDBOX_PATH),
                      {QStringLiteral("--key"), QStringLiteral("fm_0000000000000000000000000000000a"),
                       QStringLiteral("--job-seconds"), QStringLiteral("1")});
        QVERIFY(sandbox.waitForStarted());
        QByteArray sandboxOutput;
        QUrl base;
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                sandboxOutput += sandbox.readAll();
                const auto match = QRegularExpression(QStringLiteral("http://127\\.0\\.0\\.1:\\d+/v1"))
                                       .match(QString::fromUtf8(sandboxOutput));
                if (match.hasMatch())
                    base = QUrl(match.captured(0));
                return base.isValid() && !base.isEmpty();
            }(),
            10000);
        {
            QNetworkAccessManager network;
            QUrl keysUrl = base;
            keysUrl.setPath(QStringLiteral("/_sandbox/keys"));
            QNetworkRequest request(keysUrl);
            request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
            QNetworkReply *reply = network.post(request, QJsonDocument(QJsonObject{{QStringLiteral("key"), kKey}}).toJson());
            QTRY_VERIFY(reply->isFinished());
            QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 201);
            reply->deleteLater();
        }
        const QStringList apiBase{QStringLiteral("--api-base"), base.toString()};

        // The command line: set (stdin), status, test, fetch with no FETCHMEDIA_API_KEY.
        const Run set = run(QStringLiteral(FETCHMEDIA_CLI_PATH), QStringList{QStringLiteral("key"), QStringLiteral("set")} + apiBase,
                            kKey.toUtf8() + '\n', childEnvironment());
        QCOMPARE(set.exitCode, 0);
        const Run status = run(QStringLiteral(FETCHMEDIA_CLI_PATH),
                               QStringList{QStringLiteral("key"), QStringLiteral("status")} + apiBase, {}, childEnvironment());
        QCOMPARE(status.exitCode, 0);
        QVERIFY(status.out.contains(QStringLiteral("fm_5ec7…e7ff").toUtf8()));
        const Run test = run(QStringLiteral(FETCHMEDIA_CLI_PATH),
                             QStringList{QStringLiteral("key"), QStringLiteral("test")} + apiBase, {}, childEnvironment());
        QCOMPARE(test.exitCode, 0);
        const QString cliFolder = home() + QStringLiteral("/Downloads/cli");
        const Run fetch = run(QStringLiteral(FETCHMEDIA_CLI_PATH),
                              QStringList{QStringLiteral("fetch"), QStringLiteral("-o"), cliFolder,
                                          QStringLiteral("https://www.tiktok.com/@u/video/7000000000000000001")}
                                  + apiBase,
                              {}, childEnvironment());
        QCOMPARE(fetch.exitCode, 0);
        QCOMPARE(QDir(cliFolder).entryList(QDir::Files).size(), 1);
        output += set.all() + status.all() + test.all() + fetch.all();

        // The app: reads the key from the keychain, the person types it again in Settings and
        // saves, fetches a link, downloads, quits.
        const QString appFolder = home() + QStringLiteral("/Downloads/app");
        {
            StartOptions start;
            start.apiBase = base;
            start.downloadFolder = appFolder;
            Application application(start);
            QVERIFY(application.start(nullptr));
            MainWindow *window = application.window();
            QTRY_COMPARE(application.keys()->source(), KeySource::Keychain);

            bool saved = false;
            QTimer::singleShot(0, this, [&] {
                auto *dialog = qobject_cast<SettingsDialog *>(QApplication::activeModalWidget());
                QVERIFY(dialog);
                const auto close = qScopeGuard([dialog] { dialog->reject(); });
                QTest::keyClicks(dialog->account()->keyField(), kKey);
                QTest::mouseClick(dialog->account()->testButton(), Qt::LeftButton);
                QTRY_VERIFY_WITH_TIMEOUT(dialog->account()->resultLabel()->text().startsWith(QStringLiteral("Connected")), 15000);
                QTest::mouseClick(dialog->account()->saveButton(), Qt::LeftButton);
                QTRY_VERIFY(dialog->account()->resultLabel()->text().contains(QStringLiteral("Saved")));
                for (QWidget *widget : dialog->findChildren<QWidget *>()) {
                    QVERIFY(!widget->toolTip().contains(kKey));
                    QVERIFY(!widget->accessibleName().contains(kKey));
                    if (auto *label = qobject_cast<QLabel *>(widget))
                        QVERIFY(!label->text().contains(kKey));
                }
                saved = true;
            });
            QMetaObject::invokeMethod(window, "settingsRequested", Q_ARG(bool, true));
            QVERIFY(saved);

            QTest::keyClicks(window->urlBox(), QStringLiteral("https://youtu.be/AbCdEfGhIj0"));
            QTest::keyClick(window->urlBox(), Qt::Key_Return);
            QTRY_COMPARE_WITH_TIMEOUT(application.queue()->countInState(JobState::Done), 1, 20000);
            const QList<QWidget *> widgets = window->findChildren<QWidget *>() << window;
            for (QWidget *widget : widgets) {
                QVERIFY(!widget->windowTitle().contains(kKey));
                QVERIFY(!widget->toolTip().contains(kKey));
                QVERIFY(!widget->statusTip().contains(kKey));
                QVERIFY(!widget->accessibleName().contains(kKey));
                QVERIFY(!widget->accessibleDescription().contains(kKey));
                if (auto *label = qobject_cast<QLabel *>(widget))
                    QVERIFY(!label->text().contains(kKey));
                if (auto *edit = qobject_cast<QLineEdit *>(widget))
                    QVERIFY(!edit->text().contains(kKey));
            }
            QVERIFY(!QGuiApplication::clipboard()->text().contains(kKey));
        } // quit
        QCOMPARE(QDir(appFolder).entryList(QDir::Files).size(), 1);

        sandbox.terminate();
        QVERIFY(sandbox.waitForFinished(10000));
        sandboxOutput += sandbox.readAll();
        output += sandboxOutput;
        QVERIFY2(sandboxOutput.contains("/v1/fetch"), "the sandbox logged its requests");
        QVERIFY(g_messages.contains("fetchmedia.api"));  // debug lines were on
        QVERIFY(output.contains("fetchmedia.storage")); // in the children too

        QVERIFY2(!containsKey(output, kKey), "a program printed the key");
        QVERIFY2(!containsKey(g_messages, kKey), "the app logged the key");
        int searched = 0;
        const QStringList hits = filesContaining(home(), kKey, &searched);
        QVERIFY2(hits.isEmpty(), qPrintable(hits.join(QLatin1Char('\n'))));
        // The search covered what was written: settings, the keyring, the downloads.
        QVERIFY2(searched >= 3, qPrintable(QString::number(searched)));
        QVERIFY(!QDir(home()).entryList({QStringLiteral("*")}, QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot).isEmpty());
        qInfo("searched %d files under HOME and %lld bytes of output: no key", searched,
              qlonglong(output.size() + g_messages.size()));
    }
};

QTEST_MAIN(TstKeyLeak)
#include "tst_keyleak.moc"
