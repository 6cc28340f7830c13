// fetchmedia_bench: the benchmarks of issue 7, one sub-command each (or "all"). Each prints
// its figures with the reference measured in the same run and the ratio; see README.md.

#include "tests/bench/benchmarks.h"
#include "tests/bench/benchutil.h"

#include <QApplication>
#include <QSysInfo>
#include <QThread>

#include <cstdio>

using namespace fetchmedia::bench;

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("fetchmedia-bench"));
    QStringList args = QApplication::arguments().mid(1);
    const QString what = args.isEmpty() ? QStringLiteral("all") : args.takeFirst();
    if (what == QLatin1String("child"))
        return benchChild(args);
    std::printf("fetchmedia_bench %s on %s, %d cores, Qt %s, platform %s\n", qPrintable(what),
                qPrintable(QSysInfo::prettyProductName()), QThread::idealThreadCount(), qVersion(),
                qPrintable(QApplication::platformName()));
    std::fflush(stdout);
    const bool all = what == QLatin1String("all");
    int failures = 0;
    const auto run = [&](const char *name, const std::function<int()> &bench) {
        if (all || what == QLatin1String(name))
            failures += bench() != 0;
    };
    run("download", [&] { return benchDownload(args); });
    // The same at the speed of a fast real line, where the server is not on the same cores.
    run("download-line", [&] { return benchDownload(args + QStringList{QStringLiteral("--small"), QStringLiteral("--bandwidth"), QStringLiteral("100")}); });
    run("intake", [&] { return benchIntake(args); });
    run("startup", [&] { return benchStartupMemoryIdle(args, true, true, false); });
    run("idle", [&] { return benchStartupMemoryIdle(args, false, false, true); });
    run("economy", [&] { return benchEconomy(args); });
    run("pacing", [&] { return benchPacing(args); });
    run("filter", [&] { return benchFilter(args); });
    return failures;
}
