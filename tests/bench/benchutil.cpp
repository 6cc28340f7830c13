#include "tests/bench/benchutil.h"

#include "app/core/jobs/job.h"
#include "app/core/storage/jobstore.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QFile>
#include <QTextStream>

#include <algorithm>
#include <cstdio>

namespace fetchmedia::bench {

qint64 statusKiB(const char *field)
{
    QFile file(QStringLiteral("/proc/self/status"));
    if (!file.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray prefix = QByteArray(field) + ':';
    for (const QByteArray &line : file.readAll().split('\n')) {
        if (line.startsWith(prefix))
            return line.mid(prefix.size()).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

bool resetPeakRss()
{
    QFile file(QStringLiteral("/proc/self/clear_refs"));
    return file.open(QIODevice::WriteOnly) && file.write("5") == 1;
}

bool spinUntil(const std::function<bool()> &done, int timeoutMs)
{
    if (done())
        return true;
    // A real event loop (not a processEvents spin, which would busy-wait), checked every 10 ms.
    QEventLoop loop;
    QTimer check;
    QObject::connect(&check, &QTimer::timeout, &loop, [&] {
        if (done())
            loop.quit();
    });
    check.start(10);
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    loop.exec();
    return done();
}

void spinFor(int milliseconds)
{
    QEventLoop loop; // no timer but the one that ends it: idle counts stay clean
    QTimer::singleShot(milliseconds, &loop, &QEventLoop::quit);
    loop.exec();
}

double median(std::vector<double> values)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    const size_t mid = values.size() / 2;
    return values.size() % 2 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
}

void figure(int bench, const QString &name, double value, const QString &unit, const QString &goal, int met)
{
    QString line = QStringLiteral("[%1] %2: %3 %4").arg(bench).arg(name, QString::number(value, 'f', value < 10 ? 3 : 1), unit);
    if (!goal.isEmpty())
        line += QStringLiteral("   goal %1 -> %2").arg(goal, met < 0 ? QStringLiteral("-") : met ? QStringLiteral("met") : QStringLiteral("MISSED"));
    std::printf("%s\n", line.toUtf8().constData());
    std::fflush(stdout);
}

void note(int bench, const QString &text)
{
    std::printf("[%d] %s\n", bench, text.toUtf8().constData());
    std::fflush(stdout);
}

StallProbe::StallProbe(int intervalMs, QObject *parent) : QObject(parent), m_intervalMs(intervalMs)
{
    m_timer.setTimerType(Qt::PreciseTimer);
    m_timer.setInterval(intervalMs);
    QObject::connect(&m_timer, &QTimer::timeout, this, [this] {
        const qint64 now = m_clock.nsecsElapsed();
        m_longestNs = std::max(m_longestNs, now - m_lastNs);
        m_lastNs = now;
        ++m_ticks;
    });
}

void StallProbe::start()
{
    m_longestNs = 0;
    m_ticks = 0;
    m_clock.start();
    m_lastNs = 0;
    m_timer.start();
}

bool writeStore(const QString &path, int count)
{
    QFile::remove(path);
    QFile::remove(path + QStringLiteral("-wal"));
    QFile::remove(path + QStringLiteral("-shm"));
    JobStore store;
    if (!store.open(path))
        return false;
    std::vector<Job> jobs(static_cast<size_t>(count));
    std::vector<const Job *> pointers;
    const QDateTime added = QDateTime::currentDateTimeUtc().addDays(-90);
    for (int i = 0; i < count; ++i) {
        Job &job = jobs[size_t(i)];
        job.id = JobId(i + 1);
        const QString n = QString::number(7000000000000000000LL + i);
        job.sourceUrl = QUrl(QStringLiteral("https://www.tiktok.com/@user%1/video/%2").arg(i % 97).arg(n));
        job.title = QStringLiteral("Clip %1 of the long history").arg(i);
        job.idempotencyKey = QByteArray::number(i).rightJustified(36, '0');
        job.fetchId = QStringLiteral("fetch_%1").arg(n);
        job.downloadUrl = QStringLiteral("https://api.fetchmedia.io/v1/fetch/fetch_%1/video.mp4").arg(n);
        job.state = i % 20 == 19 ? JobState::Failed : JobState::Done;
        job.bytesReceived = job.bytesTotal = 1000000 + i;
        job.filePath = QStringLiteral("/home/person/Downloads/FetchMedia/clip-%1.mp4").arg(n);
        job.addedAt = added.addSecs(i);
        job.dedupeKey = QStringLiteral("tiktok:") + n;
        if (job.state == JobState::Failed) {
            job.error.kind = ErrorKind::JobFailed;
            job.error.code = QStringLiteral("fetch_failed");
            job.error.message = QStringLiteral("The video is private.");
        }
        pointers.push_back(&job);
    }
    return store.insertJobs(pointers);
}

QString sandboxProgram()
{
    return QStringLiteral(FETCHMEDIA_SANDBOX_EXE);
}

QString selfProgram()
{
    return QCoreApplication::applicationFilePath();
}

SandboxProcess::~SandboxProcess()
{
    if (m_process.state() != QProcess::NotRunning) {
        m_process.terminate();
        if (!m_process.waitForFinished(3000))
            m_process.kill();
        m_process.waitForFinished(1000);
    }
}

bool SandboxProcess::start(const QStringList &arguments, QString *error)
{
    m_process.setProcessChannelMode(QProcess::SeparateChannels);
    m_process.setStandardErrorFile(QProcess::nullDevice());
    m_process.start(sandboxProgram(), QStringList{QStringLiteral("--quiet")} + arguments);
    QElapsedTimer clock;
    clock.start();
    while (clock.elapsed() < 10000 && (m_apiBase.isEmpty() || m_key.isEmpty())) {
        if (!m_process.canReadLine() && !m_process.waitForReadyRead(500))
            continue;
        while (m_process.canReadLine()) {
            const QString line = QString::fromUtf8(m_process.readLine()).trimmed();
            const qsizetype at = line.indexOf(QLatin1String("http://"));
            if (line.startsWith(QLatin1String("fetchmedia-sandbox listening on")) && at > 0)
                m_apiBase = QUrl(line.mid(at));
            else if (line.startsWith(QLatin1String("key: ")))
                m_key = line.mid(5);
        }
    }
    if (m_apiBase.isEmpty() && error)
        *error = QStringLiteral("the sandbox did not start: ") + m_process.errorString();
    return !m_apiBase.isEmpty();
}

} // namespace fetchmedia::bench
