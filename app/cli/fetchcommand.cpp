#include "app/cli/fetchcommand.h"

#include "app/cli/clioutput.h"
#include "app/core/api/apiclient.h"
#include "app/core/jobs/jobqueue.h"
#include "app/core/storage/secretstore.h"
#include "app/sandbox/sandboxserver.h"

#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QTimer>

#include <cstdio>

namespace fetchmedia {

FetchCommand::FetchCommand(FetchOptions options, QObject *parent)
    : QObject(parent), m_options(std::move(options)), m_network(new QNetworkAccessManager(this))
{
}

FetchCommand::~FetchCommand() = default;

void FetchCommand::start()
{
    if (m_options.sandbox) {
        sandbox::SandboxOptions sandboxOptions;
        sandboxOptions.logRequests = false;
        m_sandbox = std::make_unique<sandbox::SandboxServer>(sandboxOptions);
        QString problem;
        if (!m_sandbox->start(&problem)) {
            printLine(stderr, tr("Cannot start the sandbox: %1").arg(problem));
            Q_EMIT finished(ExitFailed);
            return;
        }
        m_options.apiBase = m_sandbox->apiBaseUrl();
        run(sandbox::defaultKey());
        return;
    }
    const QString environmentKey = SecretStore::environmentKey();
    if (!environmentKey.isEmpty()) {
        run(environmentKey);
        return;
    }
    m_secrets = new SecretStore(this);
    m_secrets->readKey(m_options.apiBase.host(), [this](const SecretResult &result) {
        switch (result.status) {
        case SecretStatus::Ok:
            run(result.key);
            return;
        case SecretStatus::NotFound:
            printLine(stderr, tr("No API key for %1. Set FETCHMEDIA_API_KEY, or save one with "
                                 "\"fetchmedia-cli key set\" or in the app's settings.")
                                  .arg(m_options.apiBase.host()));
            Q_EMIT finished(ExitAuth);
            return;
        case SecretStatus::Locked:
            printLine(stderr, tr("The keychain is locked (%1). Unlock it and try again, or set "
                                 "FETCHMEDIA_API_KEY.").arg(result.message));
            Q_EMIT finished(ExitAuth);
            return;
        case SecretStatus::NoBackend:
        case SecretStatus::Error:
            printLine(stderr, tr("No system keychain available (%1). Set FETCHMEDIA_API_KEY for "
                                 "this run.").arg(result.message));
            Q_EMIT finished(ExitNoKeychain);
            return;
        }
    });
}

void FetchCommand::run(const QString &apiKey)
{
    m_api = new ApiClient(m_network, this);
    m_api->setBaseUrl(m_options.apiBase);
    m_api->setApiKey(apiKey);
    m_queue = new JobQueue(m_api, m_network, this);
    m_queue->setDownloadFolder(m_options.outputFolder);
    // Say once per closure why nothing moves; the gate resumes by itself.
    connect(m_api->rateGate(), &RateGate::changed, this, [this] {
        const RateGate *gate = m_api->rateGate();
        if (!gate->isClosed() || gate->opensAt() == m_announcedWaitUntil)
            return;
        m_announcedWaitUntil = gate->opensAt();
        printLine(stderr, gate->reason() == RateGate::Reason::RateLimited
                              ? tr("Rate limited: waiting %1 s as the service asked.").arg(gate->secondsLeft())
                              : tr("Pacing: the key's allowance refills in %1 s.").arg(gate->secondsLeft()));
    });
    connect(m_queue, &JobQueue::authenticationRequired, this, [this](const ApiError &error) {
        m_authFailed = true;
        printLine(stderr, tr("Authentication failed: %1").arg(error.message));
        reportAndFinish();
    });
    // The app waits for the person to choose another folder; a script cannot, so it stops.
    connect(m_queue, &JobQueue::downloadFolderProblem, this, [this](const QString &message) {
        printLine(stderr, tr("Cannot save downloads: %1").arg(message));
        reportAndFinish();
    });
    connect(m_queue, &JobQueue::jobChanged, this, &FetchCommand::printProgress);
    connect(m_queue, &JobQueue::allFinished, this, &FetchCommand::reportAndFinish);
    m_queue->addLinks(m_options.links);
}

void FetchCommand::printProgress()
{
    QStringList parts;
    for (int row = 0; row < m_queue->count(); ++row) {
        const Job &job = m_queue->at(row);
        QString part = jobStateKey(job.state);
        if (job.state == JobState::Downloading && job.bytesTotal > 0)
            part += QStringLiteral(" %1%").arg(job.bytesReceived * 100 / job.bytesTotal);
        // Trouble the queue retries by itself is said, so a dead network is not silence.
        if (!isFinished(job.state) && job.error.isRetryable())
            part += QStringLiteral(" (%1)").arg(tr("retrying: %1").arg(job.error.summary()));
        parts << part;
    }
    const QString line = parts.join(QLatin1String(", "));
    if (line != m_lastProgressLine) {
        m_lastProgressLine = line;
        printLine(stderr, QStringLiteral("[%1]").arg(line));
    }
}

void FetchCommand::reportAndFinish()
{
    if (!m_queue)
        return;
    disconnect(m_queue, nullptr, this, nullptr);
    bool anyFailed = false;
    for (int row = 0; row < m_queue->count(); ++row) {
        const Job &job = m_queue->at(row);
        const bool done = job.state == JobState::Done;
        anyFailed |= !done;
        const QString url = job.sourceUrl.toString();
        const QString file = QDir::toNativeSeparators(job.filePath);
        const QString status = m_authFailed && !isFinished(job.state) ? QStringLiteral("failed")
                                                                       : jobStateKey(job.state);
        const QString error = job.error.isError() ? job.error.summary() : QString();
        if (m_options.json) {
            const QJsonObject object{
                {QStringLiteral("url"), url},
                {QStringLiteral("fetch_id"), job.fetchId.isEmpty() ? QJsonValue() : job.fetchId},
                {QStringLiteral("status"), status},
                {QStringLiteral("file"), file.isEmpty() ? QJsonValue() : file},
                {QStringLiteral("error"), error.isEmpty() ? QJsonValue() : error},
            };
            printLine(stdout, QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact)));
        } else {
            printLine(stdout, QStringLiteral("%1\t%2\t%3").arg(status, url, done ? file : error));
        }
    }
    const int code = m_authFailed ? ExitAuth : anyFailed ? ExitFailed : ExitOk;
    // Leave the event loop after the current signal has unwound.
    QTimer::singleShot(0, this, [this, code] { Q_EMIT finished(code); });
}

} // namespace fetchmedia
