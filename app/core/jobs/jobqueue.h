#pragma once

#include "app/core/api/apiclient.h"
#include "app/core/jobs/job.h"
#include "app/core/jobs/wakescheduler.h"

#include <QHash>
#include <QObject>
#include <QPointer>

#include <deque>
#include <memory>
#include <unordered_map>
#include <vector>

class QNetworkAccessManager;

namespace fetchmedia {

class Download;
class JobStore;

struct PollingPolicy {
    int firstDelayMs = 1000;
    int maxDelayMs = 10000;
    double growth = 1.5;
    qint64 totalCapMs = 30LL * 60 * 1000; // then "still processing on the server"
};

// Automatic retries of transient trouble; then the job fails and offers Retry. The defaults
// ride out a few minutes of outage: 2, 4, 8, … s up to 60 s between tries.
struct RetryPolicy {
    int maxAttempts = 8;      // tries of one step before the job fails
    int firstDelayMs = 2000;  // doubled on each try, with jitter
    int maxDelayMs = 60000;
    qint64 maxTotalMs = 10LL * 60 * 1000; // since the step first failed
};

// Owns the jobs and moves each through queued → submitting → pending → running →
// downloading → done | failed | cancelled, within a concurrency cap. One WakeScheduler
// holds every poll and retry; the model and the status bar only observe.
class JobQueue final : public QObject
{
    Q_OBJECT
public:
    JobQueue(ApiClient *api, QNetworkAccessManager *network, QObject *parent = nullptr);
    ~JobQueue() override;

    // A new folder also resumes the downloads that paused on the old one.
    void setDownloadFolder(const QString &folder)
    {
        m_downloadFolder = folder;
        resumeFolderHeld();
    }
    QString downloadFolder() const { return m_downloadFolder; }
    void setConcurrency(int maxActive);
    int concurrency() const { return m_maxActive; }
    void setPollingPolicy(const PollingPolicy &policy) { m_polling = policy; }
    void setRetryPolicy(const RetryPolicy &policy) { m_retry = policy; }
    // GET /fetch/metadata names each job when it starts (the "fetch metadata" setting).
    void setFetchMetadata(bool enabled) { m_fetchMetadata = enabled; }
    // No byte for this long and a download counts as stalled; it is then resumed.
    void setStallTimeout(int milliseconds) { m_stallTimeoutMs = milliseconds; }

    // Nothing new is sent while paused (no key yet, key refused); jobs wait, they do not fail.
    void setPaused(bool paused);
    bool isPaused() const { return m_paused; }

    // Adds every link; allowDuplicates marks them "add anyway" (no dedupe later either).
    QList<JobId> addLinks(const QList<QUrl> &links, bool allowDuplicates = false);
    // Adds the links that are not in the list yet (same dedupeKey, or same URL when the link
    // carries no id, in a job that is not failed or cancelled); the rest are returned
    // so the person can be told "already in the list" and add them anyway (C29).
    struct AddResult {
        QList<JobId> added;
        QList<QUrl> alreadyListed;
    };
    AddResult addNewLinks(const QList<QUrl> &links);

    // Persistence (issue 5): links are committed to the store before jobsInserted, every
    // change is reported to it. restoreJobs() appends jobs loaded from it and picks each up
    // where it was: a fetch id is polled, never created again.
    void setStore(JobStore *store);
    void restoreJobs(std::vector<Job> jobs);
    void clearFinished();              // removes done/failed/cancelled rows; files stay
    bool removeAndDeleteFile(JobId id); // the person confirmed; false if the file stayed
    // Downloads paused by a disk problem (full, not writable, removed) keep their .part and
    // wait for this (or a new folder): each is taken up again, the .part moved along.
    void resumeFolderHeld();
    int folderHeldCount() const { return int(m_folderHeld.size()); }
    int count() const { return int(m_jobs.size()); }
    const Job &at(int row) const { return *m_jobs[size_t(row)]; }
    int rowOf(JobId id) const;
    int countInState(JobState state) const;
    bool hasUnfinishedJobs() const;

    void retry(JobId id);
    void retryAllFailed();
    void cancel(JobId id);
    void remove(JobId id);

Q_SIGNALS:
    void jobsInserted(int firstRow, int lastRow);
    void jobChanged(int row);
    void jobAboutToBeRemoved(int row);
    void jobRemoved(int row);
    void jobsAboutToBeRemoved(int firstRow, int lastRow); // a run of rows at once
    void jobsRemoved(int firstRow, int lastRow);
    // Many rows went at once (Clear finished over a long history): the list is to be read anew.
    void jobsAboutToBeReset();
    void jobsReset();
    void countsChanged();
    void pausedChanged(bool paused);
    void authenticationRequired(const fetchmedia::ApiError &error);
    void allFinished(); // no job left queued or active
    void downloadFolderProblem(const QString &message); // downloads paused, see resumeFolderHeld
    void downloadFolderProblemResolved();

private:
    struct Runtime; // per-job in-flight bookkeeping, kept off the Job value

    Job *find(JobId id);
    Runtime &runtime(JobId id);
    void setState(Job &job, JobState state);
    void notifyChanged(const Job &job);
    void dropPartFile(Job &job);
    void forgetFinished(Job &job); // a finished job leaving the list: its .part, counts, timers
    void clearFinishedAtOnce(); // clearFinished() when the rows to go are scattered
    void submitAgain(Job &job);  // back to the queue for a new fetch
    void holdForFolder(Job &job, const ApiError &error);
    bool isCanonicalDuplicate(Job &job, const QUrl &canonicalUrl);
    void startQueued();
    void submit(Job &job);
    void fetchTitle(const Job &job);
    void poll(Job &job);
    void download(Job &job);
    void onWake(JobId id);
    void onStepFailed(Job &job, const ApiError &error);
    void scheduleRetry(Job &job, const ApiError &error);
    void failJob(Job &job, const ApiError &error);
    void finishJob(Job &job, JobState state);
    void checkAllFinished();
    int jitteredDelay(int baseMs) const;

    ApiClient *m_api;
    QNetworkAccessManager *m_network;
    JobStore *m_store = nullptr;
    QList<JobId> m_folderHeld;
    WakeScheduler m_wakes;
    std::vector<std::unique_ptr<Job>> m_jobs;
    QHash<JobId, int> m_rows;
    std::deque<JobId> m_queued;
    std::unordered_map<JobId, std::unique_ptr<Runtime>> m_runtime;
    QHash<int, int> m_stateCounts;
    QString m_downloadFolder;
    PollingPolicy m_polling;
    RetryPolicy m_retry;
    JobId m_nextId = 1;
    int m_maxActive = 4;
    int m_stallTimeoutMs = 30000;
    bool m_fetchMetadata = false;
    int m_active = 0;
    bool m_paused = false;
};

} // namespace fetchmedia
