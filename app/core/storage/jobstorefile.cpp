// Opening, checking, moving aside and creating the job database file: everything that
// decides which file the store writes to. Rows are read and written in jobstore.cpp.

#include "app/core/storage/jobstore.h"

#include "app/core/logging.h"
#include "app/core/storage/jobschema.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>

namespace fetchmedia {

void JobStore::closeDatabase()
{
    m_update.reset();
    if (m_db.isValid())
        m_db.close();
    m_db = QSqlDatabase();
    if (QSqlDatabase::contains(m_connectionName))
        QSqlDatabase::removeDatabase(m_connectionName);
}

bool JobStore::open(const QString &path, Check check)
{
    closeDatabase();
    m_path = path;
    m_movedAside.clear();
    m_problem.clear();
    m_persistent = false;
    QDir().mkpath(QFileInfo(path).absolutePath());

    m_checkPending = check == Check::Later;
    QString problem;
    const QFileInfo info(path);
    if (!info.exists()) {
        m_checkPending = false; // nothing to check in a file just made
        if (createFresh(path, &problem) && openFile(path, &problem, false))
            return m_persistent = true;
    } else if (info.size() == 0) {
        // We never leave an empty file (a fresh database is built beside and renamed in),
        // so an empty one is damage: SQLite would happily treat it as a new, empty list.
        problem = tr("the file is empty");
    } else if (openFile(path, &problem, check == Check::Now)) {
        return m_persistent = true;
    }
    m_checkPending = false;
    return startOver(problem);
}

bool JobStore::verify()
{
    if (!std::exchange(m_checkPending, false) || !m_persistent)
        return true;
    QString problem;
    if (passesQuickCheck(&problem))
        return true;
    // Held-back progress is not written into the damaged file: the caller writes its jobs,
    // progress included, to the fresh one.
    startOver(problem);
    return false;
}

bool JobStore::passesQuickCheck(QString *problem)
{
    // Reads every page: about 6 ms for 10,000 jobs, which is why it can wait for the window.
    QSqlQuery check(m_db);
    if (!check.exec(QStringLiteral("PRAGMA quick_check")) || !check.next()) {
        *problem = check.lastError().text();
        return false;
    }
    const QString verdict = check.value(0).toString();
    check.finish(); // no statement may stay open across the migration's commits
    if (verdict != QLatin1String("ok")) {
        *problem = tr("integrity check failed: %1").arg(verdict);
        return false;
    }
    return true;
}

bool JobStore::startOver(const QString &reason)
{
    qCWarning(lcStorage) << "job database unusable:" << reason;
    m_problem = reason;
    m_persistent = false;
    m_savedDigest.clear();
    m_progressPending.clear();
    closeDatabase();
    QString problem;
    if (QFileInfo::exists(m_path) && !moveAside(m_path, &problem)) {
        m_problem = tr("%1; it could not be moved aside (%2)").arg(m_problem, problem);
        openInMemory();
        return false;
    }
    if (createFresh(m_path, &problem) && openFile(m_path, &problem, false))
        return m_persistent = true;
    m_problem = tr("%1; a new database could not be created (%2)").arg(m_problem, problem);
    closeDatabase();
    openInMemory();
    return false;
}

bool JobStore::openFile(const QString &path, QString *problem, bool deepCheck)
{
    m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
    m_db.setDatabaseName(path);
    if (!m_db.open()) {
        *problem = m_db.lastError().text();
        return false;
    }
    if (deepCheck && !passesQuickCheck(problem))
        return false;
    // The header and schema are checked before anything is written (the WAL switch rewrites
    // the header), so a file that is moved aside is moved exactly as it was found.
    const int version = jobschema::version(m_db);
    if (version == 0) {
        *problem = tr("the file holds no job list");
        return false;
    }
    if (version > jobschema::kCurrentVersion) {
        *problem = tr("it was written by a newer FetchMedia (schema %1)").arg(version);
        return false;
    }
    if (!configure(problem))
        return false;
    if (!jobschema::migrate(m_db, problem))
        return false;
    prepareWrites();
    qCInfo(lcStorage) << "job database" << QDir::toNativeSeparators(path);
    return true;
}

bool JobStore::configure(QString *problem)
{
    QSqlQuery query(m_db);
    if (!query.exec(QStringLiteral("PRAGMA journal_mode=WAL")) || !query.next()) {
        *problem = query.lastError().text();
        return false;
    }
    const QString mode = query.value(0).toString();
    query.finish();
    if (mode != QLatin1String("wal") && mode != QLatin1String("memory"))
        qCWarning(lcStorage) << "journal mode is" << mode << "not wal";
    // NORMAL in WAL never corrupts; a power cut may lose the last state change, which the
    // Idempotency-Key replay covers. Links are inserted with FULL (see insertJobs).
    query.exec(QStringLiteral("PRAGMA synchronous=NORMAL"));
    query.exec(QStringLiteral("PRAGMA busy_timeout=3000"));
    return true;
}

bool JobStore::createFresh(const QString &path, QString *problem)
{
    // Built beside and renamed in, so a crash here never leaves a half-made file at path.
    const QString staging = path + QStringLiteral(".new");
    for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
        QFile::remove(staging + suffix);
    {
        const QString name = m_connectionName + QStringLiteral("-create");
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
            db.setDatabaseName(staging);
            bool ok = db.open();
            if (!ok)
                *problem = db.lastError().text();
            if (ok) {
                {
                    QSqlQuery query(db);
                    query.exec(QStringLiteral("PRAGMA journal_mode=WAL"));
                }
                ok = jobschema::migrate(db, problem);
            }
            db.close();
            if (!ok) {
                db = QSqlDatabase();
                QSqlDatabase::removeDatabase(name);
                return false;
            }
        }
        QSqlDatabase::removeDatabase(name);
    }
    if (!QFile::rename(staging, path)) {
        *problem = tr("cannot rename %1").arg(QDir::toNativeSeparators(staging));
        return false;
    }
    return true;
}

bool JobStore::moveAside(const QString &path, QString *problem)
{
    const QString stamp = QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss"));
    QString target = path + QStringLiteral(".damaged-") + stamp;
    for (int n = 2; QFileInfo::exists(target); ++n)
        target = path + QStringLiteral(".damaged-%1-%2").arg(stamp).arg(n);
    if (!QFile::rename(path, target)) {
        *problem = tr("cannot rename %1").arg(QDir::toNativeSeparators(path));
        return false;
    }
    // The WAL may hold the newest commits: it travels with its database.
    for (const QString &suffix : {QStringLiteral("-wal"), QStringLiteral("-shm")}) {
        if (QFileInfo::exists(path + suffix))
            QFile::rename(path + suffix, target + suffix);
    }
    m_movedAside = target;
    qCWarning(lcStorage) << "moved the damaged job database to" << QDir::toNativeSeparators(target);
    return true;
}

void JobStore::openInMemory()
{
    m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connectionName);
    m_db.setDatabaseName(QStringLiteral(":memory:"));
    QString ignored;
    if (m_db.open() && jobschema::migrate(m_db, &ignored)) {
        prepareWrites();
    }
}

} // namespace fetchmedia
