#pragma once

#include "app/core/jobs/job.h"

#include <QHash>
#include <QObject>
#include <QSet>
#include <QSqlDatabase>
#include <QTimer>

#include <functional>
#include <memory>
#include <vector>

class QSqlQuery;

namespace fetchmedia {

class JobQueue;

// The SQLite job store: every job the person gave, with what is needed to pick it up after a
// crash (idempotency key, fetch id, .part path). WAL journal, schema versioned (jobschema.h).
// A link is committed before the queue shows it; other changes are written at once, except
// download progress, which is batched into one transaction every few seconds.
class JobStore final : public QObject
{
    Q_OBJECT
public:
    explicit JobStore(QObject *parent = nullptr);
    ~JobStore() override; // writes pending progress

    // <AppDataLocation>/jobs.sqlite
    static QString defaultPath();

    // Opens (or creates) the database at path. A damaged or unreadable file is moved aside,
    // never deleted, and a fresh database started: movedAsidePath() then says where the old
    // one is. Returns false only when nothing could be opened on disk; the store then keeps
    // jobs in memory for this session and problem() says why.
    // Check::Later skips the page-by-page check, which grows with the history, so the window
    // can show first; verify() runs it.
    enum class Check { Now, Later };
    bool open(const QString &path, Check check = Check::Now);
    // The deferred check. On damage the file is moved aside as above and a fresh one started
    // (empty: the caller writes again what it holds), and it returns false.
    bool verify();
    QString path() const { return m_path; }
    bool isPersistent() const { return m_persistent; }
    QString movedAsidePath() const { return m_movedAside; }
    QString problem() const { return m_problem; }

    JobId maxJobId();
    int jobCount();
    // Jobs with id > afterId in id order, at most limit of them.
    std::vector<Job> loadBatch(JobId afterId, int limit);
    // Hands every stored job to queue->restoreJobs() in batches from the event loop, so the
    // window stays responsive with a long history; done(count) when all are in.
    void restoreInto(JobQueue *queue, std::function<void(int)> done = {}, int batchSize = 500);

    // Called by the queue. insertJobs commits before it returns (durably: synchronous=FULL).
    bool insertJobs(const std::vector<const Job *> &jobs);
    void jobChanged(const Job &job);
    void removeJobs(const QList<JobId> &ids);
    void flush(); // writes batched progress now

    void setProgressInterval(int milliseconds) { m_progressTimer.setInterval(milliseconds); }
    // For tests and figures: rows written, and how many batched progress transactions.
    int rowWrites() const { return m_rowWrites; }
    int progressFlushes() const { return m_progressFlushes; }

Q_SIGNALS:
    // A write failed (disk full, file removed): jobs still run, but are not saved.
    void writeFailed(const QString &message);

private:
    bool openFile(const QString &path, QString *problem, bool deepCheck);
    bool passesQuickCheck(QString *problem);
    bool startOver(const QString &reason);
    void prepareWrites();
    bool createFresh(const QString &path, QString *problem);
    bool moveAside(const QString &path, QString *problem);
    void openInMemory();
    void closeDatabase();
    bool configure(QString *problem);
    bool writeRow(const Job &job);
    void remember(const Job &job);
    void reportFailure(const QString &what, const QString &error);

    QString m_connectionName;
    QSqlDatabase m_db;
    std::unique_ptr<QSqlQuery> m_update;
    QString m_path;
    QString m_movedAside;
    QString m_problem;
    bool m_persistent = false;
    bool m_checkPending = false; // opened with Check::Later, verify() not yet run
    // A digest of each job's persistent fields as last written, to tell a progress tick (batched)
    // from a change that is written at once; a copy of the fields cost ~500 bytes per job.
    QHash<JobId, size_t> m_savedDigest;
    QHash<JobId, Job> m_progressPending;
    QTimer m_progressTimer;
    int m_rowWrites = 0;
    int m_progressFlushes = 0;
    bool m_failureReported = false;
};

} // namespace fetchmedia
