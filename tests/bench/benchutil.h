#pragma once

// Shared helpers of the benchmark programs: memory readings, the UI stall probe, waiting on
// the event loop, figures on stdout, a store with many jobs, the sandbox as a process.

#include <QElapsedTimer>
#include <QObject>
#include <QProcess>
#include <QString>
#include <QTimer>
#include <QUrl>

#include <functional>
#include <vector>

namespace fetchmedia::bench {

qint64 statusKiB(const char *field); // "VmRSS", "VmHWM" from /proc/self/status
bool resetPeakRss();                 // /proc/self/clear_refs "5": VmHWM := VmRSS

// Runs the event loop until done() or the timeout; false on timeout.
bool spinUntil(const std::function<bool()> &done, int timeoutMs);
void spinFor(int milliseconds);

double median(std::vector<double> values);

// One figure line: "[N] name: value unit   goal: … -> met|MISSED".
void figure(int bench, const QString &name, double value, const QString &unit,
            const QString &goal = {}, int met = -1 /* -1: no goal */);
void note(int bench, const QString &text);

// A timer at a short interval that records the longest gap between two of its ticks: the
// longest time the event loop was busy with something else.
class StallProbe final : public QObject
{
public:
    explicit StallProbe(int intervalMs = 5, QObject *parent = nullptr);
    void start();
    void stop() { m_timer.stop(); }
    double longestGapMs() const { return m_longestNs / 1e6; }
    int ticks() const { return m_ticks; }

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_lastNs = 0;
    qint64 m_longestNs = 0;
    int m_intervalMs;
    int m_ticks = 0;
};

// A store file holding count finished jobs (mostly done, some failed), written in one go.
bool writeStore(const QString &path, int count);

// fetchmedia-sandbox as its own process, so that it does not share our event loop.
class SandboxProcess final
{
public:
    ~SandboxProcess();
    bool start(const QStringList &arguments, QString *error);
    QUrl apiBase() const { return m_apiBase; }
    QString key() const { return m_key; }

private:
    QProcess m_process;
    QUrl m_apiBase;
    QString m_key;
};

QString sandboxProgram();
QString selfProgram();

} // namespace fetchmedia::bench
