#pragma once

#include <QtCore/QObject>

class QSocketNotifier;

namespace fetchmedia::sandbox {

// Turns SIGINT/SIGTERM into a queued Qt signal (self-pipe: the handler only write()s a byte,
// which is async-signal-safe), so the program can leave its event loop cleanly.
// No-op on platforms without POSIX signals.
class SignalWatcher final : public QObject {
    Q_OBJECT
public:
    explicit SignalWatcher(QObject* parent = nullptr);
    ~SignalWatcher() override;

signals:
    void terminationRequested(int signalNumber);

private:
    QSocketNotifier* m_notifier = nullptr;
};

} // namespace fetchmedia::sandbox
