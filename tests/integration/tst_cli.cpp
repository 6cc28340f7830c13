// The real programs as a script would run them: fetchmedia-sandbox in its own process, then
// fetchmedia-cli against it, with exit codes, stdout lines and the files it leaves.

#include "app/sandbox/sandboxserver.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

namespace {

const QString kBinDir = QStringLiteral(FETCHMEDIA_BIN_DIR);
const QString kTikTok = QStringLiteral("https://www.tiktok.com/@user/video/7000000000000000001");

struct Run {
    int exitCode = -1;
    QString out;
    QString err;
};

} // namespace

class TstCli final : public QObject
{
    Q_OBJECT

private:
    QProcess m_sandbox;
    QUrl m_apiBase;
    QString m_key;

    Run cli(const QStringList &arguments, const QString &key)
    {
        QProcess process;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("FETCHMEDIA_API_KEY"), key);
        environment.insert(QStringLiteral("HOME"), m_home.path());
        environment.insert(QStringLiteral("XDG_CONFIG_HOME"), m_home.path() + QStringLiteral("/config"));
        process.setProcessEnvironment(environment);
        process.start(kBinDir + QStringLiteral("/fetchmedia-cli"), arguments);
        if (!process.waitForFinished(30000))
            return {};
        return {process.exitCode(), QString::fromUtf8(process.readAllStandardOutput()),
                QString::fromUtf8(process.readAllStandardError())};
    }

    QJsonObject stats()
    {
        QNetworkAccessManager network;
        QUrl url = m_apiBase;
        url.setPath(QStringLiteral("/_sandbox/stats"));
        QNetworkReply *reply = network.get(QNetworkRequest(url));
        QSignalSpy done(reply, &QNetworkReply::finished);
        done.wait(5000);
        reply->deleteLater();
        return QJsonDocument::fromJson(reply->readAll()).object();
    }

    QTemporaryDir m_home;

private Q_SLOTS:
    void initTestCase()
    {
        m_sandbox.start(kBinDir + QStringLiteral("/fetchmedia-sandbox"),
                        {QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--job-seconds"),
                         QStringLiteral("1"), QStringLiteral("--quiet")});
        QVERIFY(m_sandbox.waitForStarted());
        QTRY_VERIFY(m_sandbox.canReadLine());
        const QString first = QString::fromUtf8(m_sandbox.readLine()).trimmed();
        const QString prefix = QStringLiteral("fetchmedia-sandbox listening on ");
        QVERIFY2(first.startsWith(prefix), qPrintable(first));
        m_apiBase = QUrl(first.mid(prefix.size()));
        QVERIFY(m_apiBase.isValid());
        m_key = fetchmedia::sandbox::defaultKey();
    }

    void cleanupTestCase()
    {
        m_sandbox.terminate();
        m_sandbox.waitForFinished(5000);
    }

    void fetchLeavesExactlyTheServedFile()
    {
        QTemporaryDir output;
        const Run run = cli({QStringLiteral("fetch"), QStringLiteral("--api-base"), m_apiBase.toString(),
                             QStringLiteral("--output"), output.path(), kTikTok}, m_key);
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const QStringList files = QDir(output.path()).entryList(QDir::Files | QDir::Hidden);
        QCOMPARE(files.size(), 1);
        QVERIFY(!files.first().endsWith(QStringLiteral(".part")));
        QFile file(QDir(output.path()).filePath(files.first()));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(file.readAll() == fetchmedia::sandbox::SandboxServer::sampleMedia());
        QVERIFY(run.out.startsWith(QStringLiteral("done\t") + kTikTok));
        QVERIFY(!run.out.contains(m_key) && !run.err.contains(m_key));
        QCOMPARE(stats().value(QStringLiteral("leaked_credentials")).toInt(), 0);
    }

    void jsonLinesAndExitCodeOneWhenAnyFails()
    {
        QTemporaryDir output;
        const Run run = cli({QStringLiteral("fetch"), QStringLiteral("--json"), QStringLiteral("--api-base"),
                             m_apiBase.toString(), QStringLiteral("-o"), output.path(), kTikTok,
                             QStringLiteral("https://example.com/not-a-video")}, m_key);
        QCOMPARE(run.exitCode, 1);
        const QStringList lines = run.out.trimmed().split(QLatin1Char('\n'));
        QCOMPARE(lines.size(), 2);
        const QJsonObject done = QJsonDocument::fromJson(lines[0].toUtf8()).object();
        const QJsonObject failed = QJsonDocument::fromJson(lines[1].toUtf8()).object();
        QCOMPARE(done.value(QStringLiteral("status")).toString(), QStringLiteral("done"));
        QVERIFY(!done.value(QStringLiteral("fetch_id")).toString().isEmpty());
        QVERIFY(QFile::exists(done.value(QStringLiteral("file")).toString()));
        QCOMPARE(failed.value(QStringLiteral("status")).toString(), QStringLiteral("failed"));
        QVERIFY(failed.value(QStringLiteral("error")).toString().contains(QStringLiteral("Unsupported URL")));
        QVERIFY(failed.value(QStringLiteral("file")).isNull());
    }

    void unusableOutputFolderEndsTheRunInsteadOfWaiting()
    {
        QTemporaryDir scratch;
        const QString notAFolder = scratch.filePath(QStringLiteral("file"));
        QFile file(notAFolder);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.close();
        const Run run = cli({QStringLiteral("fetch"), QStringLiteral("--api-base"), m_apiBase.toString(),
                             QStringLiteral("--output"), notAFolder, kTikTok}, m_key);
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(QStringLiteral("Cannot save downloads")), qPrintable(run.err));
    }

    // No answer at all (nothing listens there): the retries are said on stderr, not silence.
    void unreachableServiceIsSaid()
    {
        QProcess process;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("FETCHMEDIA_API_KEY"), m_key);
        environment.insert(QStringLiteral("HOME"), m_home.path());
        environment.insert(QStringLiteral("XDG_CONFIG_HOME"), m_home.path() + QStringLiteral("/config"));
        process.setProcessEnvironment(environment);
        QTemporaryDir output;
        process.start(kBinDir + QStringLiteral("/fetchmedia-cli"),
                      {QStringLiteral("fetch"), QStringLiteral("--api-base"), QStringLiteral("http://127.0.0.1:1/v1"),
                       QStringLiteral("--output"), output.path(), kTikTok});
        QVERIFY(process.waitForStarted());
        QString err;
        QTRY_VERIFY_WITH_TIMEOUT((err += QString::fromUtf8(process.readAllStandardError()),
                                  err.contains(QStringLiteral("retrying: "))), 15000);
        QVERIFY2(err.contains(QStringLiteral("Connection refused")), qPrintable(err));
        process.kill();
        process.waitForFinished();
    }

    void exitCodes_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("key");
        QTest::addColumn<int>("exitCode");
        QTest::newRow("no links") << QStringList{QStringLiteral("fetch")} << m_key << 2;
        QTest::newRow("not a link") << QStringList{QStringLiteral("fetch"), QStringLiteral("hello")} << m_key << 2;
        QTest::newRow("unknown command") << QStringList{QStringLiteral("fletch"), kTikTok} << m_key << 2;
        QTest::newRow("plain http to a remote host")
            << QStringList{QStringLiteral("fetch"), QStringLiteral("--api-base"), QStringLiteral("http://api.fetchmedia.io/v1"), kTikTok}
            << m_key << 2;
        QTest::newRow("wrong key") << QStringList{QStringLiteral("fetch"), QStringLiteral("--api-base"), m_apiBase.toString(), kTikTok}
                                   << QStringLiteral("fm_00000000000000000000000000000bad") << 3;
        QTest::newRow("version") << QStringList{QStringLiteral("--version")} << m_key << 0;
    }

    void exitCodes()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, key);
        QFETCH(int, exitCode);
        QTemporaryDir output;
        const Run run = cli(arguments + QStringList{QStringLiteral("--output"), output.path()}, key);
        QCOMPARE(run.exitCode, exitCode);
        QVERIFY(!run.err.contains(key) || key == m_key);
        if (exitCode == 2)
            QVERIFY(!run.err.trimmed().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TstCli)
#include "tst_cli.moc"
