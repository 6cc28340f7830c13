#pragma once

#include <QString>

class QSqlDatabase;

namespace fetchmedia::jobschema {

// The schema version this build writes (PRAGMA user_version). Every released version stays
// reachable: migrate() runs each step from the file's version up to this one.
inline constexpr int kCurrentVersion = 3;

// Reads the version of an open database; -1 when it cannot be read.
int version(QSqlDatabase &db);

// Brings db from its version up to kCurrentVersion, one transaction per step. A file from a
// newer build is left untouched and reported. Returns false with *problem set on failure.
bool migrate(QSqlDatabase &db, QString *problem);

} // namespace fetchmedia::jobschema
