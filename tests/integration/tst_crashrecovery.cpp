// The real fetchmedia program, run as a child process against the in-process sandbox, killed
// with SIGKILL mid-run and started again with no links: every job comes back from the job
// store, each link is created on the service once, every file ends complete, no .part is left.

#include "app/sandbox/sandboxserver.h"

#include <QDir>
#include <QFile>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using fetchmedia::sandbox::SandboxOptions;
using fetchmedia::sandbox::SandboxServer;

namespace {

constexpr int kLinks = 6;
constexpr qint64 kFileBytes = 3000000;

QString link(int n)
{
    return QStringLiteral("https://www.tiktok.com/@user/video/70000000000000001%1").arg(n, 2, 10, QLatin1Char('0'));
}

} // namespace

class TstCrashRecovery final : public QObject
{
    Q_OBJECT

private:
    QString downloads() const { return m_home->filePath(QStringLiteral("downloads")); }

    void launch(const QStringList &links)
    {
        m_app = std::make_unique<QProcess>();
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        // A home of its own: its job database, settings and downloads stay in the temp dir.
        env.insert(QStringLiteral("HOME"), m_home->path());
        env.insert(QStringLiteral("XDG_DATA_HOME"), m_home->filePath(QStringLiteral("data")));
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_home->filePath(QStringLiteral("config")));
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        env.insert(QStringLiteral("FETCHMEDIA_API_KEY"), fetchmedia::sandbox::defaultKey());
        env.remove(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"));
        m_app->setProcessEnvironment(env);
        m_app->setProcessChannelMode(QProcess::ForwardedErrorChannel);
        QStringList arguments{QStringLiteral("--api-base"), m_sandbox->apiBaseUrl().toString(),
                              QStringLiteral("--download-dir"), downloads()};
        m_app->start(QStringLiteral(FETCHMEDIA_APP_PATH), arguments + links);
        QVERIFY2(m_app->waitForStarted(5000), qPrintable(m_app->errorString()));
    }

    void killApp()
    {
        m_app->kill(); // SIGKILL: no destructor, no flush
        QVERIFY(m_app->waitForFinished(5000));
        QCOMPARE(m_app->exitStatus(), QProcess::CrashExit);
        m_app.reset();
    }

    int completeFiles() const
    {
        const QDir folder(downloads());
        int complete = 0;
        for (const QFileInfo &info : folder.entryInfoList(QDir::Files)) {
            if (info.suffix() != QLatin1String("part") && info.size() == kFileBytes)
                ++complete;
        }
        return complete;
    }

    std::unique_ptr<QTemporaryDir> m_home;
    std::unique_ptr<SandboxServer> m_sandbox;
    std::unique_ptr<QProcess> m_app;

private Q_SLOTS:
    void init()
    {
        m_home = std::make_unique<QTemporaryDir>();
        SandboxOptions options;
        options.logRequests = false;
        options.jobSeconds = 2;
        options.fileBytes = kFileBytes;
        m_sandbox = std::make_unique<SandboxServer>(options);
        QString problem;
        QVERIFY2(m_sandbox->start(&problem), qPrintable(problem));
    }

    void cleanup()
    {
        if (m_app) {
            m_app->kill();
            m_app->waitForFinished(5000);
        }
        m_app.reset();
        m_sandbox.reset();
        m_home.reset();
    }

    void killedAndRestartedLosesNothing()
    {
        QStringList links;
        for (int n = 1; n <= kLinks; ++n)
            links << link(n);
        launch(links);
        // Killed at random moments: while submitting, polling and downloading.
        auto *random = QRandomGenerator::global();
        for (int round = 0; round < 3; ++round) {
            QTest::qWait(300 + int(random->bounded(1500)));
            killApp();
            launch({});
        }
        QTRY_COMPARE_WITH_TIMEOUT(completeFiles(), kLinks, 40000);
        QTRY_VERIFY_WITH_TIMEOUT(QDir(downloads()).entryList({QStringLiteral("*.part")}, QDir::Files).isEmpty(),
                                 5000);

        const QByteArray payload = SandboxServer::payloadBytes(0, kFileBytes);
        for (const QFileInfo &info : QDir(downloads()).entryInfoList(QDir::Files)) {
            QFile file(info.filePath());
            QVERIFY(file.open(QIODevice::ReadOnly));
            QVERIFY2(file.readAll() == payload, qPrintable(info.fileName()));
        }
        const QJsonObject created
            = m_sandbox->stats().value(QStringLiteral("fetches_created")).toObject();
        QCOMPARE(created.size(), kLinks);
        for (const QString &url : std::as_const(links))
            QCOMPARE(created.value(url).toInt(), 1);
        QVERIFY(QFile::exists(m_home->filePath(QStringLiteral("data/FetchMedia/fetchmedia/jobs.sqlite"))));
        QCOMPARE(m_sandbox->stats().value(QStringLiteral("leaked_credentials")).toInt(), 0);
    }
};

QTEST_GUILESS_MAIN(TstCrashRecovery)
#include "tst_crashrecovery.moc"
