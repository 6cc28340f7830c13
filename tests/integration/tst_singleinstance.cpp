// The single-instance hand-off between real processes (C30): a second launch hands its links
// to the first and exits; after SIGKILL of the first the stale socket is removed and a new
// launch becomes primary; two launches 50 ms apart lose nothing; a primary that never
// answers does not swallow the links and its socket is not removed.

#include "app/core/instance/singleinstance.h"

#include <QLocalServer>
#include <QLocalSocket>
#include <QProcess>
#include <QUuid>
#include <QtTest/QtTest>

#include <memory>

using namespace fetchmedia;

class TstSingleInstance final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init() { m_name = QStringLiteral("fm-test-") + QUuid::createUuid().toString(QUuid::Id128).left(12); }
    void cleanup()
    {
        for (auto &process : m_processes) {
            process->kill();
            process->waitForFinished(2000);
        }
        m_processes.clear();
        QLocalServer::removeServer(m_name);
    }

    void frameRoundTrip();
    void secondLaunchHandsOverAndExits();
    void afterSigkillNewLaunchBecomesPrimary();
    void twoLaunches50msApartLoseNothing();
    void silentPrimaryDoesNotSwallowLinks();

private:
    QProcess *launch(const QStringList &arguments)
    {
        auto process = std::make_unique<QProcess>();
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("FETCHMEDIA_INSTANCE_NAME"), m_name);
        process->setProcessEnvironment(env);
        process->start(QCoreApplication::applicationDirPath() + QStringLiteral("/singleinstancehelper"), arguments);
        m_processes.push_back(std::move(process));
        return m_processes.back().get();
    }
    static QString output(QProcess *process) { return QString::fromUtf8(process->readAllStandardOutput()); }

    QString m_name;
    std::vector<std::unique_ptr<QProcess>> m_processes;
};

void TstSingleInstance::frameRoundTrip()
{
    const QStringList sent{QStringLiteral("https://www.youtube.com/watch?v=AbCdEfGhIj0&t=42"),
                           QStringLiteral("\u770b https://x.com/user/status/1700000000000000001"), QString()};
    const QByteArray frame = encodeArguments(sent);
    QStringList got;
    qsizetype consumed = 0;
    bool malformed = false;
    QVERIFY(!decodeArguments(frame.left(frame.size() - 1), &got, &consumed, &malformed)); // incomplete
    QVERIFY(!malformed);
    QVERIFY(decodeArguments(frame + "extra", &got, &consumed, &malformed));
    QCOMPARE(got, sent);
    QCOMPARE(consumed, frame.size());
    QVERIFY(!decodeArguments(QByteArray("\xff\xff\xff\xff", 4), &got, &consumed, &malformed));
    QVERIFY(malformed); // a 4 GiB claim is refused, not waited for
}

void TstSingleInstance::secondLaunchHandsOverAndExits()
{
    QProcess *first = launch({QStringLiteral("https://youtu.be/AbCdEfGhIj0")});
    QString firstOut;
    QTRY_VERIFY_WITH_TIMEOUT((firstOut += output(first)).contains(QLatin1String("PRIMARY")), 10000);

    QProcess *second = launch({QStringLiteral("https://vm.tiktok.com/ZSAbCdEfG/"),
                               QStringLiteral("https://www.youtube.com/watch?v=AbCdEfGhIj0&t=42")});
    QVERIFY2(second->waitForFinished(10000), second->readAllStandardError().constData());
    QCOMPARE(second->exitCode(), 0);
    QVERIFY(output(second).contains(QLatin1String("SECONDARY")));
    QTRY_VERIFY_WITH_TIMEOUT((firstOut += output(first)).contains(QLatin1String("GOT https://www.youtube.com/watch?v=AbCdEfGhIj0&t=42")), 5000);
    QVERIFY(firstOut.contains(QLatin1String("GOT https://vm.tiktok.com/ZSAbCdEfG/")));

    // Nobody but this user may connect: the socket file carries owner-only permissions.
    const QString path = QDir::tempPath() + QLatin1Char('/') + m_name;
    if (QFileInfo::exists(path)) {
        const QFile::Permissions perms = QFileInfo(path).permissions();
        QVERIFY(!(perms & (QFile::ReadOther | QFile::WriteOther | QFile::ReadGroup | QFile::WriteGroup)));
    }
}

void TstSingleInstance::afterSigkillNewLaunchBecomesPrimary()
{
    QProcess *first = launch({});
    QString firstOut;
    QTRY_VERIFY_WITH_TIMEOUT((firstOut += output(first)).contains(QLatin1String("PRIMARY")),
                             10000);
    first->kill(); // SIGKILL: no destructor runs, the socket file stays behind
    QVERIFY(first->waitForFinished(5000));
    QVERIFY(QFileInfo::exists(QDir::tempPath() + QLatin1Char('/') + m_name));

    QProcess *next = launch({QStringLiteral("https://youtu.be/AbCdEfGhIj0")});
    QString nextOut;
    QTRY_VERIFY_WITH_TIMEOUT((nextOut += output(next)).contains(QLatin1String("OWN https://youtu.be/AbCdEfGhIj0")), 10000);
    QVERIFY(nextOut.startsWith(QLatin1String("PRIMARY")));

    // And it really is the primary now: a further launch hands over to it.
    QProcess *third = launch({QStringLiteral("https://x.com/user/status/1700000000000000001")});
    QVERIFY(third->waitForFinished(10000));
    QVERIFY(output(third).contains(QLatin1String("SECONDARY")));
    QTRY_VERIFY_WITH_TIMEOUT((nextOut += output(next)).contains(QLatin1String("GOT https://x.com/user/status/1700000000000000001")), 5000);
}

void TstSingleInstance::twoLaunches50msApartLoseNothing()
{
    QProcess *a = launch({QStringLiteral("https://youtu.be/AbCdEfGhIj0"), QStringLiteral("https://vimeo.com/111111")});
    QTest::qWait(50);
    QProcess *b = launch({QStringLiteral("https://x.com/user/status/1700000000000000001"),
                          QStringLiteral("https://vimeo.com/222222")});
    QString aOut;
    QString bOut;
    const auto both = [&] { return QString((aOut += output(a)) + QLatin1Char('|') + (bOut += output(b))); };
    QTRY_VERIFY_WITH_TIMEOUT(both().contains(QLatin1String("SECONDARY")), 10000);
    QTRY_VERIFY_WITH_TIMEOUT(both().contains(QLatin1String("PRIMARY")), 10000);
    const bool aPrimary = aOut.startsWith(QLatin1String("PRIMARY"));
    QString primaryOut = aPrimary ? aOut : bOut;
    QProcess *primary = aPrimary ? a : b;
    const QStringList all{QStringLiteral("https://youtu.be/AbCdEfGhIj0"), QStringLiteral("https://vimeo.com/111111"),
                          QStringLiteral("https://x.com/user/status/1700000000000000001"),
                          QStringLiteral("https://vimeo.com/222222")};
    QTRY_VERIFY_WITH_TIMEOUT(primaryOut.append(output(primary)).count(QLatin1String("GOT ")) == 2, 5000);
    for (const QString &link : all) // all four in the one primary: its own two, the other's two
        QVERIFY2(primaryOut.contains(link), qPrintable(primaryOut));
}

void TstSingleInstance::silentPrimaryDoesNotSwallowLinks()
{
    // A "primary" that accepts the connection and never answers (hung, or not ours).
    QLocalServer silent;
    silent.setSocketOptions(QLocalServer::UserAccessOption);
    QVERIFY(silent.listen(m_name));
    QList<QLocalSocket *> held;
    connect(&silent, &QLocalServer::newConnection, this, [&] { held << silent.nextPendingConnection(); });

    QProcess *launchWhileHung = launch({QStringLiteral("https://youtu.be/AbCdEfGhIj0")});
    QElapsedTimer timer;
    timer.start();
    QTRY_VERIFY_WITH_TIMEOUT(launchWhileHung->state() == QProcess::NotRunning, 10000);
    QVERIFY(output(launchWhileHung).contains(QLatin1String("STANDALONE"))); // starts on its own, links kept
    QVERIFY2(timer.elapsed() < 6000, qPrintable(QString::number(timer.elapsed())));
    // The live socket was not removed.
    QLocalSocket probe;
    probe.connectToServer(m_name);
    QVERIFY(probe.waitForConnected(2000));
}

QTEST_GUILESS_MAIN(TstSingleInstance)
#include "tst_singleinstance.moc"
