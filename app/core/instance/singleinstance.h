#pragma once

#include <QObject>
#include <QString>
#include <QStringList>

#include <memory>

class QLocalServer;
class QLocalSocket;

namespace fetchmedia {

// One running window per user. A later launch hands its arguments to the running one and
// exits; after a crash the leftover socket is removed and the new launch takes over.
//
// Wire format, both ways over a user-only QLocalSocket: the secondary sends a 4-byte
// big-endian length, then that many bytes of UTF-8 arguments separated by NUL; the primary
// answers "ACK\n" once it has taken them. No answer within the timeout: the secondary starts
// as a primary of its own rather than exit with the links lost.
class SingleInstance final : public QObject
{
    Q_OBJECT
public:
    enum class Role { Primary, Secondary, Standalone };

    // serverName: empty for the per-user default (FETCHMEDIA_INSTANCE_NAME overrides it).
    explicit SingleInstance(QString serverName = QString(), QObject *parent = nullptr);
    ~SingleInstance() override;

    static QString defaultServerName();

    // Probes for a running primary and hands it arguments, or becomes the primary. Runs
    // before any window exists, so it may wait (bounded by timeoutMs) without freezing one.
    // Secondary: the arguments were acknowledged, exit. Primary: listening, argumentsReceived
    // will fire. Standalone: a live but unresponsive socket exists; run without hand-off.
    Role start(const QStringList &arguments, int timeoutMs = 3000);
    Role role() const { return m_role; }
    QString serverName() const { return m_name; }
    QString lastError() const { return m_error; }

    static constexpr quint32 kMaxMessageBytes = 1024 * 1024;

Q_SIGNALS:
    void argumentsReceived(const QStringList &arguments);

private:
    enum class HandOff { Acknowledged, NobodyListening, NoAnswer };
    HandOff handOff(const QStringList &arguments, int timeoutMs);
    bool listen();
    void onNewConnection();
    void readClient(QLocalSocket *socket);

    QString m_name;
    std::unique_ptr<QLocalServer> m_server;
    Role m_role = Role::Standalone;
    QString m_error;
};

QByteArray encodeArguments(const QStringList &arguments);
// Returns false while the frame is incomplete; *consumed says how much of buffer it used.
bool decodeArguments(const QByteArray &buffer, QStringList *arguments, qsizetype *consumed, bool *malformed);

} // namespace fetchmedia
