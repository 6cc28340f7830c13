// Benchmarks 3 (start-up), 4 (memory per job) and 5 (idle wake-ups). Each start is a fresh
// process of this program ("child" modes below), timed by the parent from launch to the
// line the child prints at the first paint of its window.

#include "tests/bench/benchmarks.h"
#include "tests/bench/benchutil.h"

#include "app/application.h"
#include "ui/mainwindow.h"

#include <QAbstractEventDispatcher>
#include <QApplication>
#include <QDir>
#include <QHeaderView>
#include <QLineEdit>
#include <QMainWindow>
#include <QMap>
#include <QTableView>
#include <QTemporaryDir>
#include <QVBoxLayout>

#include <cstdio>

namespace fetchmedia::bench {

namespace {

void say(const QString &line)
{
    std::printf("%s\n", line.toUtf8().constData());
    std::fflush(stdout);
}

// Prints "shown" at the first paint of a top-level window.
class FirstPaint final : public QObject
{
public:
    using QObject::QObject;
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Paint && !m_seen) {
            m_seen = true;
            say(QStringLiteral("shown"));
        }
        return QObject::eventFilter(watched, event);
    }
    bool seen() const { return m_seen; }

private:
    bool m_seen = false;
};

// Counts timer events by receiver; "app" when the receiver is a QTimer or one of ours.
class TimerCounter final : public QObject
{
public:
    using QObject::QObject;
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Timer) {
            // Ours: a QTimer (Qt's widgets use QBasicTimer) or an object of one of our classes.
            // A cursor blinking in our line edit is Qt's.
            const bool ours = qobject_cast<QTimer *>(watched) != nullptr
                || QLatin1String(watched->metaObject()->className()).startsWith(QLatin1String("fetchmedia::"));
            QString name = QLatin1String(watched->metaObject()->className());
            if (watched->parent())
                name += QStringLiteral(" in ") + QLatin1String(watched->parent()->metaObject()->className());
            (ours ? m_app : m_qt)[name] += 1;
        }
        return QObject::eventFilter(watched, event);
    }
    int total(bool ours) const
    {
        int sum = 0;
        for (const int n : ours ? m_app : m_qt)
            sum += n;
        return sum;
    }
    QString details(bool ours) const
    {
        QStringList parts;
        const auto &map = ours ? m_app : m_qt;
        for (auto it = map.begin(); it != map.end(); ++it)
            parts << QStringLiteral("%1 x%2").arg(it.key()).arg(it.value());
        return parts.join(QStringLiteral(", "));
    }

private:
    QMap<QString, int> m_app;
    QMap<QString, int> m_qt;
};

struct ChildResult {
    double shownMs = -1;
    double loadedMs = -1;
    qint64 rssKiB = -1;
    QStringList lines;
};

ChildResult runChild(const QStringList &arguments, const QProcessEnvironment &environment, int timeoutMs = 60000)
{
    ChildResult result;
    QProcess child;
    child.setProcessEnvironment(environment);
    child.setStandardErrorFile(QProcess::nullDevice());
    QElapsedTimer clock;
    clock.start();
    child.start(selfProgram(), QStringList{QStringLiteral("child")} + arguments);
    while (clock.elapsed() < timeoutMs) {
        if (!child.canReadLine() && !child.waitForReadyRead(100)) {
            if (child.state() == QProcess::NotRunning)
                break;
            continue;
        }
        while (child.canReadLine()) {
            const double at = clock.nsecsElapsed() / 1e6;
            const QString line = QString::fromUtf8(child.readLine()).trimmed();
            result.lines << line;
            if (line == QLatin1String("shown"))
                result.shownMs = at;
            else if (line.startsWith(QLatin1String("loaded")))
                result.loadedMs = at;
            else if (line.startsWith(QLatin1String("rss ")))
                result.rssKiB = line.mid(4).toLongLong();
        }
    }
    child.waitForFinished(5000);
    return result;
}

} // namespace

// child bare | child app STORE EXPECTED [IDLE_SECONDS]
int benchChild(const QStringList &args)
{
    FirstPaint paint;
    if (args.value(0) == QLatin1String("bare")) {
        // What any Qt Widgets window of this size costs: a line edit over a table.
        QMainWindow window;
        auto *central = new QWidget(&window);
        auto *layout = new QVBoxLayout(central);
        layout->addWidget(new QLineEdit(central));
        layout->addWidget(new QTableView(central), 1);
        window.setCentralWidget(central);
        window.resize(1100, 600);
        window.installEventFilter(&paint);
        window.show();
        spinUntil([&] { return paint.seen(); }, 20000);
        say(QStringLiteral("loaded"));
        spinFor(500);
        say(QStringLiteral("rss %1").arg(statusKiB("VmRSS")));
        return 0;
    }
    StartOptions options;
    options.databasePath = args.value(1);
    const int expected = args.value(2).toInt();
    const int idleSeconds = args.value(3).toInt();
    QTemporaryDir downloads;
    options.downloadFolder = downloads.path();
    options.apiBase = QUrl(qEnvironmentVariable("FETCHMEDIA_BENCH_API"));
    Application application(options);
    QString error;
    // The window is created inside start(); watch every top-level paint from here on.
    qApp->installEventFilter(&paint);
    if (!application.start(&error)) {
        say(QStringLiteral("error ") + error);
        return 1;
    }
    spinUntil([&] { return paint.seen(); }, 20000);
    qApp->removeEventFilter(&paint);
    spinUntil([&] { return application.queue()->count() >= expected; }, 60000);
    say(QStringLiteral("loaded %1").arg(application.queue()->count()));
    spinFor(1500); // let the key check and the first layout settle
    say(QStringLiteral("rss %1").arg(statusKiB("VmRSS")));
    if (idleSeconds > 0) {
        TimerCounter timers;
        int wakeUps = 0;
        QObject::connect(QAbstractEventDispatcher::instance(), &QAbstractEventDispatcher::awake, &timers,
                         [&wakeUps] { ++wakeUps; });
        qApp->installEventFilter(&timers);
        spinFor(idleSeconds * 1000);
        qApp->removeEventFilter(&timers);
        say(QStringLiteral("app-timers %1 %2").arg(timers.total(true)).arg(timers.details(true)));
        say(QStringLiteral("qt-timers %1 %2").arg(timers.total(false)).arg(timers.details(false)));
        say(QStringLiteral("wakeups %1").arg(wakeUps));
    }
    return 0;
}

int benchStartupMemoryIdle(const QStringList &args, bool startup, bool memory, bool idle)
{
    const int jobs = 10000;
    const int rounds = args.contains(QStringLiteral("--quick")) ? 2 : 5;
    QTemporaryDir dir;
    const QString full = dir.filePath(QStringLiteral("jobs-10000.sqlite"));
    const QString empty = dir.filePath(QStringLiteral("jobs-empty.sqlite"));
    QElapsedTimer writing;
    writing.start();
    if (!writeStore(full, jobs) || !writeStore(empty, 0)) {
        note(3, QStringLiteral("could not write the stores"));
        return 1;
    }
    note(3, QStringLiteral("store with %1 jobs written in %2 ms (one transaction)").arg(jobs).arg(writing.elapsed()));
    SandboxProcess sandbox;
    QString error;
    if (!sandbox.start({}, &error)) {
        note(3, error);
        return 1;
    }
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("FETCHMEDIA_API_KEY"), sandbox.key());
    environment.insert(QStringLiteral("FETCHMEDIA_BENCH_API"), sandbox.apiBase().toString());
    environment.insert(QStringLiteral("XDG_CONFIG_HOME"), dir.filePath(QStringLiteral("config")));
    environment.insert(QStringLiteral("XDG_DATA_HOME"), dir.filePath(QStringLiteral("data")));

    if (startup || memory) {
        std::vector<double> bare, none, many, loaded, rssNone, rssMany;
        for (int round = 0; round < rounds; ++round) {
            const ChildResult b = runChild({QStringLiteral("bare")}, environment);
            const ChildResult e = runChild({QStringLiteral("app"), empty, QStringLiteral("0")}, environment);
            const ChildResult m = runChild({QStringLiteral("app"), full, QString::number(jobs)}, environment);
            if (b.shownMs < 0 || e.shownMs < 0 || m.shownMs < 0 || m.loadedMs < 0) {
                note(3, QStringLiteral("a start failed: %1 | %2 | %3").arg(b.lines.join(QLatin1Char(' ')), e.lines.join(QLatin1Char(' ')), m.lines.join(QLatin1Char(' '))));
                return 1;
            }
            bare.push_back(b.shownMs);
            none.push_back(e.shownMs);
            many.push_back(m.shownMs);
            loaded.push_back(m.loadedMs);
            rssNone.push_back(double(e.rssKiB));
            rssMany.push_back(double(m.rssKiB));
        }
        if (startup) {
            note(3, QStringLiteral("medians of %1 alternated starts (bare, empty store, %2 jobs), launch to first paint").arg(rounds).arg(jobs));
            figure(3, QStringLiteral("bare Qt Widgets window (reference)"), median(bare), QStringLiteral("ms"));
            figure(3, QStringLiteral("app, empty store"), median(none), QStringLiteral("ms"));
            figure(3, QStringLiteral("app, 10,000 jobs in store"), median(many), QStringLiteral("ms"));
            figure(3, QStringLiteral("app with 10,000 jobs, all rows in the list"), median(loaded), QStringLiteral("ms"));
            const double emptyRatio = median(none) / median(bare);
            const double fullRatio = median(many) / median(bare);
            figure(3, QStringLiteral("ratio empty store / bare"), emptyRatio, QString(), QStringLiteral("<= 1.5"), emptyRatio <= 1.5);
            figure(3, QStringLiteral("ratio 10,000 jobs / bare"), fullRatio, QString(), QStringLiteral("<= 1.5"), fullRatio <= 1.5);
        }
        if (memory) {
            const double perJob = (median(rssMany) - median(rssNone)) * 1024.0 / jobs;
            figure(4, QStringLiteral("RSS with empty store"), median(rssNone) / 1024.0, QStringLiteral("MiB"));
            figure(4, QStringLiteral("RSS with 10,000 jobs loaded"), median(rssMany) / 1024.0, QStringLiteral("MiB"));
            figure(4, QStringLiteral("memory per job"), perJob, QStringLiteral("bytes"), QStringLiteral("<= 2048 bytes"), perJob <= 2048);
        }
    }
    if (idle) {
        const ChildResult r = runChild({QStringLiteral("app"), full, QString::number(jobs), QStringLiteral("10")}, environment, 90000);
        int appTimers = -1, qtTimers = -1, wakeUps = -1;
        for (const QString &line : r.lines) {
            if (line.startsWith(QLatin1String("app-timers "))) {
                appTimers = line.section(QLatin1Char(' '), 1, 1).toInt();
                note(5, QStringLiteral("app timer events: ") + line.section(QLatin1Char(' '), 2));
            } else if (line.startsWith(QLatin1String("qt-timers "))) {
                qtTimers = line.section(QLatin1Char(' '), 1, 1).toInt();
                note(5, QStringLiteral("Qt's own timer events: ") + line.section(QLatin1Char(' '), 2));
            } else if (line.startsWith(QLatin1String("wakeups "))) {
                wakeUps = line.mid(8).toInt();
            }
        }
        figure(5, QStringLiteral("timer events of the app's objects in 10 s, 10,000 done jobs"), appTimers,
               QString(), QStringLiteral("0"), appTimers == 0);
        figure(5, QStringLiteral("timer events of Qt's own objects in 10 s (reference)"), qtTimers, QString());
        figure(5, QStringLiteral("event loop wake-ups in 10 s, all causes"), wakeUps, QString());
    }
    return 0;
}

} // namespace fetchmedia::bench
