#include "app/core/storage/jobschema.h"

#include <QCoreApplication>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>

namespace fetchmedia::jobschema {

namespace {

// Step N takes a database from version N to N + 1. Append steps; never edit a released one.
const QList<QStringList> &steps()
{
    static const QList<QStringList> all = {
        // 0 -> 1: the first release.
        {
            QStringLiteral("CREATE TABLE jobs ("
                           " id INTEGER PRIMARY KEY,"
                           " source_url TEXT NOT NULL,"
                           " title TEXT NOT NULL DEFAULT '',"
                           " idempotency_key TEXT NOT NULL,"
                           " fetch_id TEXT NOT NULL DEFAULT '',"
                           " download_url TEXT NOT NULL DEFAULT '',"
                           " state TEXT NOT NULL,"
                           " bytes_received INTEGER NOT NULL DEFAULT 0,"
                           " bytes_total INTEGER NOT NULL DEFAULT -1,"
                           " part_path TEXT NOT NULL DEFAULT '',"
                           " etag BLOB,"
                           " file_path TEXT NOT NULL DEFAULT '',"
                           " error_kind TEXT NOT NULL DEFAULT 'none',"
                           " error_code TEXT NOT NULL DEFAULT '',"
                           " error_message TEXT NOT NULL DEFAULT '',"
                           " error_http INTEGER NOT NULL DEFAULT 0,"
                           " added_at INTEGER NOT NULL,"
                           " updated_at INTEGER NOT NULL)"),
            QStringLiteral("CREATE INDEX jobs_fetch_id ON jobs(fetch_id)"),
        },
        // 1 -> 2: duplicates are found by "platform:id", not by the URL string (C29).
        {
            QStringLiteral("ALTER TABLE jobs ADD COLUMN dedupe_key TEXT NOT NULL DEFAULT ''"),
            QStringLiteral("ALTER TABLE jobs ADD COLUMN allow_duplicate INTEGER NOT NULL DEFAULT 0"),
            QStringLiteral("CREATE INDEX jobs_dedupe_key ON jobs(dedupe_key)"),
        },
        // 2 -> 3: the thumbnail the service's metadata named.
        {
            QStringLiteral("ALTER TABLE jobs ADD COLUMN thumbnail_url TEXT NOT NULL DEFAULT ''"),
        },
    };
    return all;
}

} // namespace

int version(QSqlDatabase &db)
{
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("PRAGMA user_version")) || !query.next())
        return -1;
    const int value = query.value(0).toInt();
    query.finish();
    return value;
}

bool migrate(QSqlDatabase &db, QString *problem)
{
    static_assert(kCurrentVersion >= 1);
    Q_ASSERT(steps().size() == kCurrentVersion);
    const int from = version(db);
    if (from < 0) {
        *problem = db.lastError().text();
        return false;
    }
    if (from > kCurrentVersion) {
        *problem = QCoreApplication::translate("JobStore",
                                               "it was written by a newer FetchMedia (schema %1)")
                       .arg(from);
        return false;
    }
    for (int step = from; step < kCurrentVersion; ++step) {
        if (!db.transaction()) {
            *problem = db.lastError().text();
            return false;
        }
        QSqlQuery query(db);
        bool ok = true;
        for (const QString &statement : steps()[step]) {
            if (!query.exec(statement)) {
                ok = false;
                break;
            }
        }
        // user_version is part of the transaction: a step is applied whole or not at all.
        if (ok)
            ok = query.exec(QStringLiteral("PRAGMA user_version = %1").arg(step + 1));
        if (!ok) {
            *problem = query.lastError().text();
            db.rollback();
            return false;
        }
        if (!db.commit()) {
            *problem = db.lastError().text();
            return false;
        }
    }
    return true;
}

} // namespace fetchmedia::jobschema
