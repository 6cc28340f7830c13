// Benchmark 1: 1 GiB from the sandbox's signed storage host over loopback, through the app's
// Download and through `curl -o`, alternated; throughput ratio and peak memory growth.

#include "tests/bench/benchmarks.h"
#include "tests/bench/benchutil.h"

#include "app/core/api/apiclient.h"
#include "app/core/jobs/download.h"

#include <QDir>
#include <QFileInfo>
#include <QNetworkAccessManager>
#include <QTemporaryDir>
#include <QThreadPool>

#include <sys/resource.h>
#include <unistd.h>

namespace fetchmedia::bench {

namespace {

// Creates a fetch, waits for it and asks the API for the signed storage URL (the 302).
QUrl signedUrl(ApiClient &api, QString *error)
{
    std::optional<QString> fetchId;
    api.createFetch(QUrl(QStringLiteral("https://www.tiktok.com/@bench/video/7000000000000000001")),
                    "bench-download-0001", &api, [&](const ApiResult<QString> &result) {
                        fetchId = result.ok() ? *result.value : QString();
                    });
    spinUntil([&] { return fetchId.has_value(); }, 10000);
    if (!fetchId || fetchId->isEmpty()) {
        *error = QStringLiteral("create failed");
        return {};
    }
    QUrl downloadUrl;
    for (int i = 0; i < 50 && downloadUrl.isEmpty(); ++i) {
        bool answered = false;
        api.getFetch(*fetchId, &api, [&](const ApiResult<FetchInfo> &result) {
            answered = true;
            if (result.ok() && result.value->status == RemoteStatus::Success)
                downloadUrl = result.value->downloadUrl;
        });
        spinUntil([&] { return answered; }, 10000);
        if (downloadUrl.isEmpty())
            spinFor(200);
    }
    std::optional<QUrl> resolved;
    api.resolveDownload(downloadUrl, &api, [&](const ApiResult<QUrl> &result) {
        resolved = result.ok() ? *result.value : QUrl();
    });
    spinUntil([&] { return resolved.has_value(); }, 10000);
    if (!resolved || resolved->isEmpty())
        *error = QStringLiteral("no signed URL");
    return resolved.value_or(QUrl());
}

// CPU seconds (user + system) of this process, or of its finished children.
double cpuSeconds(int who)
{
    rusage usage{};
    getrusage(who, &usage);
    return double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
        + double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

struct Run {
    double seconds = 0;
    double cpuSeconds = 0; // spent by the downloader (the app's process, or curl)
    qint64 bytes = 0;
    qint64 peakGrowthKiB = 0;
    bool ok = false;
};

Run appDownload(QNetworkAccessManager &network, const QUrl &url, const QString &folder)
{
    Run run;
    Download download(&network);
    QString file;
    bool failed = false;
    QObject::connect(&download, &Download::finished, &download, [&](const QString &path) { file = path; });
    QObject::connect(&download, &Download::failed, &download, [&](const ApiError &) { failed = true; });
    resetPeakRss();
    const qint64 before = statusKiB("VmRSS");
    const double cpuBefore = cpuSeconds(RUSAGE_SELF);
    QElapsedTimer clock;
    clock.start();
    download.start(url, folder, QStringLiteral("app.bin"));
    spinUntil([&] { return !file.isEmpty() || failed; }, 600000);
    run.seconds = clock.nsecsElapsed() / 1e9;
    run.cpuSeconds = cpuSeconds(RUSAGE_SELF) - cpuBefore;
    run.peakGrowthKiB = statusKiB("VmHWM") - before;
    run.ok = !file.isEmpty();
    run.bytes = QFileInfo(file).size();
    // The app forces the file onto the disk after it says done; let that finish, untimed, so
    // it does not slow the curl round that follows.
    QThreadPool::globalInstance()->waitForDone();
    QFile::remove(file);
    return run;
}

// syncAfter: an fsync after curl, for the cost of waiting for the disk (the app does that after
// it says done, on a pool thread).
Run curlDownload(const QUrl &url, const QString &folder, bool syncAfter = false)
{
    Run run;
    const QString file = QDir(folder).filePath(QStringLiteral("curl.bin"));
    QProcess curl;
    const double cpuBefore = cpuSeconds(RUSAGE_CHILDREN);
    QElapsedTimer clock;
    clock.start();
    curl.start(QStringLiteral("curl"), {QStringLiteral("-sS"), QStringLiteral("-o"), file, url.toString()});
    curl.waitForFinished(600000);
    run.cpuSeconds = cpuSeconds(RUSAGE_CHILDREN) - cpuBefore; // curl, reaped by now
    if (syncAfter) {
        QFile written(file);
        if (written.open(QIODevice::ReadWrite))
            ::fsync(written.handle());
    }
    run.seconds = clock.nsecsElapsed() / 1e9;
    run.ok = curl.exitStatus() == QProcess::NormalExit && curl.exitCode() == 0;
    run.bytes = QFileInfo(file).size();
    QFile::remove(file);
    return run;
}

} // namespace

int benchDownload(const QStringList &args)
{
    const qint64 size = args.contains(QStringLiteral("--small")) ? 256LL << 20 : 1LL << 30;
    const int rounds = 3;
    QStringList sandboxArgs{QStringLiteral("--file-bytes"), QString::number(size), QStringLiteral("--job-seconds"),
                            QStringLiteral("1")};
    // --bandwidth MIB: the storage host sends at most that fast, like a real line.
    const qsizetype bandwidthAt = args.indexOf(QStringLiteral("--bandwidth"));
    if (bandwidthAt >= 0 && bandwidthAt + 1 < args.size()) {
        sandboxArgs << QStringLiteral("--bandwidth") << args.at(bandwidthAt + 1);
        note(1, QStringLiteral("storage capped at %1 MiB/s").arg(args.at(bandwidthAt + 1)));
    }
    SandboxProcess sandbox;
    QString error;
    if (!sandbox.start(sandboxArgs, &error)) {
        note(1, error);
        return 1;
    }
    QNetworkAccessManager network;
    ApiClient api(&network);
    api.setBaseUrl(sandbox.apiBase());
    api.setApiKey(sandbox.key());
    const QUrl url = signedUrl(api, &error);
    if (url.isEmpty()) {
        note(1, error);
        return 1;
    }
    QTemporaryDir folder(QDir::temp().filePath(QStringLiteral("fetchmedia-bench-XXXXXX")));
    note(1, QStringLiteral("%1 MiB from %2 (signed storage URL), %3 rounds app/curl alternated, into %4")
                .arg(size >> 20).arg(url.host() + QLatin1Char(':') + QString::number(url.port())).arg(rounds).arg(folder.path()));
    double appSeconds = 0, curlSeconds = 0, syncedSeconds = 0, appCpu = 0, curlCpu = 0;
    qint64 peak = 0;
    for (int round = 1; round <= rounds; ++round) {
        const Run app = appDownload(network, url, folder.path());
        const Run curl = curlDownload(url, folder.path());
        if (!app.ok || !curl.ok || app.bytes != size || curl.bytes != size) {
            note(1, QStringLiteral("round %1 failed: app %2 bytes, curl %3 bytes").arg(round).arg(app.bytes).arg(curl.bytes));
            return 1;
        }
        const Run synced = curlDownload(url, folder.path(), true);
        syncedSeconds += synced.seconds;
        appSeconds += app.seconds;
        curlSeconds += curl.seconds;
        appCpu += app.cpuSeconds;
        curlCpu += curl.cpuSeconds;
        peak = std::max(peak, app.peakGrowthKiB);
        note(1, QStringLiteral("round %1: app %2 MiB/s (%3 s, peak RSS +%4 MiB), curl %5 MiB/s (%6 s)")
                    .arg(round)
                    .arg(size / 1048576.0 / app.seconds, 0, 'f', 0)
                    .arg(app.seconds, 0, 'f', 2)
                    .arg(app.peakGrowthKiB / 1024.0, 0, 'f', 1)
                    .arg(size / 1048576.0 / curl.seconds, 0, 'f', 0)
                    .arg(curl.seconds, 0, 'f', 2));
        note(1, QStringLiteral("round %1: curl -o then fsync %2 MiB/s (%3 s)").arg(round)
                    .arg(size / 1048576.0 / synced.seconds, 0, 'f', 0).arg(synced.seconds, 0, 'f', 2));
    }
    const double appRate = rounds * size / 1048576.0 / appSeconds;
    const double curlRate = rounds * size / 1048576.0 / curlSeconds;
    figure(1, QStringLiteral("app downloader throughput"), appRate, QStringLiteral("MiB/s"));
    figure(1, QStringLiteral("curl -o throughput (reference)"), curlRate, QStringLiteral("MiB/s"));
    const double ratio = appRate / curlRate;
    figure(1, QStringLiteral("throughput ratio app/curl"), ratio, QString(), QStringLiteral(">= 0.9"), ratio >= 0.9);
    const double syncedRate = rounds * size / 1048576.0 / syncedSeconds;
    figure(1, QStringLiteral("curl -o + fsync throughput (waiting for the disk)"), syncedRate, QStringLiteral("MiB/s"));
    figure(1, QStringLiteral("throughput ratio app/(curl + fsync)"), appRate / syncedRate, QString(), QStringLiteral(">= 0.9"), appRate / syncedRate >= 0.9);
    // The server shares the machine's cores: a client that needs more CPU per byte is slower.
    const double gib = rounds * size / double(1LL << 30);
    figure(1, QStringLiteral("CPU per GiB, app's process (its HTTP thread and the UI thread)"), appCpu / gib, QStringLiteral("s"));
    figure(1, QStringLiteral("CPU per GiB, curl (reference)"), curlCpu / gib, QStringLiteral("s"));
    figure(1, QStringLiteral("peak RSS growth during download"), peak / 1024.0, QStringLiteral("MiB"),
           QStringLiteral("<= 32 MiB"), peak <= 32 * 1024);
    return 0;
}

} // namespace fetchmedia::bench
