// Benchmarks 6 (requests per job against --job-seconds 5) and 7 (pacing under --rate-limit
// 60/60), through the real JobQueue and the in-process sandbox's request counters.

#include "tests/bench/benchmarks.h"
#include "tests/bench/benchutil.h"

#include "app/core/api/apiclient.h"
#include "app/core/jobs/jobqueue.h"
#include "app/sandbox/sandboxserver.h"

#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QTemporaryDir>

namespace fetchmedia::bench {

namespace {

struct Counts {
    qint64 creates = 0, polls = 0, downloads = 0, storage = 0, limited = 0, other = 0;
};

qint64 sum(const QJsonObject &byStatus, int onlyStatus = 0)
{
    qint64 total = 0;
    for (auto it = byStatus.begin(); it != byStatus.end(); ++it) {
        if (onlyStatus == 0 || it.key().toInt() == onlyStatus)
            total += it.value().toInteger();
    }
    return total;
}

Counts countsOf(const QJsonObject &stats)
{
    Counts c;
    const QJsonObject requests = stats.value(QStringLiteral("requests")).toObject();
    for (auto it = requests.begin(); it != requests.end(); ++it) {
        const QJsonObject byStatus = it.value().toObject();
        const qint64 all = sum(byStatus);
        c.limited += sum(byStatus, 429);
        if (it.key() == QLatin1String("POST /v1/fetch"))
            c.creates += all;
        else if (it.key() == QLatin1String("GET /v1/fetch/{id}"))
            c.polls += all;
        else if (it.key() == QLatin1String("GET /v1/fetch/{id}/{filename}"))
            c.downloads += all;
        else
            c.other += all;
    }
    c.storage = stats.value(QStringLiteral("storage_requests")).toObject().value(QStringLiteral("total")).toInteger();
    return c;
}

QList<QUrl> links(int count, int salt)
{
    QList<QUrl> urls;
    for (int i = 0; i < count; ++i)
        urls << QUrl(QStringLiteral("https://www.tiktok.com/@bench/video/7%1%2")
                         .arg(salt)
                         .arg(i, 17, 10, QLatin1Char('0')));
    return urls;
}

struct Run {
    double seconds = 0;
    int done = 0;
    Counts counts;
};

Run runJobs(sandbox::SandboxOptions options, int jobs, int concurrency, int salt)
{
    options.logRequests = false;
    sandbox::SandboxServer server(options);
    QString error;
    Run run;
    if (!server.start(&error)) {
        note(6, error);
        return run;
    }
    QTemporaryDir folder;
    QNetworkAccessManager network;
    ApiClient api(&network);
    api.setBaseUrl(server.apiBaseUrl());
    api.setApiKey(sandbox::defaultKey());
    JobQueue queue(&api, &network);
    queue.setDownloadFolder(folder.path());
    queue.setConcurrency(concurrency);
    QElapsedTimer clock;
    clock.start();
    queue.addLinks(links(jobs, salt));
    spinUntil([&] { return !queue.hasUnfinishedJobs(); }, 30 * 60 * 1000);
    run.seconds = clock.nsecsElapsed() / 1e9;
    run.done = queue.countInState(JobState::Done);
    run.counts = countsOf(server.stats());
    return run;
}

} // namespace

int benchEconomy(const QStringList &)
{
    const int jobs = 100;
    sandbox::SandboxOptions options;
    options.jobSeconds = 5;
    const PollingPolicy policy;
    note(6, QStringLiteral("%1 jobs, --job-seconds 5, concurrency 32, polling: first %2 ms, x%3, at most %4 ms")
                .arg(jobs).arg(policy.firstDelayMs).arg(policy.growth).arg(policy.maxDelayMs));
    const Run run = runJobs(options, jobs, 32, 1);
    note(6, QStringLiteral("%1 of %2 done in %3 s").arg(run.done).arg(jobs).arg(run.seconds, 0, 'f', 1));
    const Counts &c = run.counts;
    figure(6, QStringLiteral("create requests per job"), double(c.creates) / jobs, QString(), QStringLiteral("1"), c.creates == jobs);
    figure(6, QStringLiteral("poll requests per job"), double(c.polls) / jobs, QString(), QStringLiteral("<= 6"), c.polls <= 6 * jobs);
    figure(6, QStringLiteral("download requests per job (API 302)"), double(c.downloads) / jobs, QString(), QStringLiteral("1"), c.downloads == jobs);
    figure(6, QStringLiteral("storage requests per job (signed URL)"), double(c.storage) / jobs, QString(), QStringLiteral("1"), c.storage == jobs);
    figure(6, QStringLiteral("other API requests"), double(c.other), QString());
    return run.done == jobs ? 0 : 1;
}

int benchPacing(const QStringList &args)
{
    const int at = int(args.indexOf(QStringLiteral("--jobs")));
    const int jobs = at >= 0 ? args.value(at + 1).toInt() : 40;
    sandbox::SandboxOptions options;
    options.rateLimitCount = 60;
    options.rateLimitSeconds = 60;
    note(7, QStringLiteral("%1 jobs against --rate-limit 60/60 (bucket of 60, one token a second), --job-seconds 2, concurrency 32")
                .arg(jobs));
    const Run run = runJobs(options, jobs, 32, 2);
    const Counts &c = run.counts;
    const qint64 answered = c.creates + c.polls + c.downloads + c.other - c.limited;
    // The bucket starts full: the first 60 go at once, each further one waits a second.
    const double minimum = std::max<qint64>(0, answered - 60) * 1.0;
    note(7, QStringLiteral("%1 of %2 done in %3 s; %4 API requests answered (%5 create, %6 polls, %7 download), %8 answered 429")
                .arg(run.done).arg(jobs).arg(run.seconds, 0, 'f', 1).arg(answered).arg(c.creates).arg(c.polls).arg(c.downloads).arg(c.limited));
    figure(7, QStringLiteral("theoretical minimum for %1 requests").arg(answered), minimum, QStringLiteral("s"));
    figure(7, QStringLiteral("total time"), run.seconds, QStringLiteral("s"));
    const double ratio = minimum > 0 ? run.seconds / minimum : 0;
    figure(7, QStringLiteral("total time / theoretical minimum"), ratio, QString(), QStringLiteral("<= 1.1"), ratio <= 1.1);
    figure(7, QStringLiteral("429 answers received"), double(c.limited), QString(), QStringLiteral("<= 1"), c.limited <= 1);
    return run.done == jobs ? 0 : 1;
}

} // namespace fetchmedia::bench
