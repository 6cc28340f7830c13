#pragma once

#include <QStringList>

namespace fetchmedia::bench {

int benchDownload(const QStringList &args);                 // 1
int benchIntake(const QStringList &args);                   // 2
int benchStartupMemoryIdle(const QStringList &args, bool startup, bool memory, bool idle); // 3, 4, 5
int benchEconomy(const QStringList &args);                  // 6
int benchPacing(const QStringList &args);                   // 7
int benchFilter(const QStringList &args);                   // 8: search and filters at 10,000 rows
int benchChild(const QStringList &args);                    // a process started by 3-5

} // namespace fetchmedia::bench
