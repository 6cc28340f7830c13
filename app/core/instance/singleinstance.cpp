#include "app/core/instance/singleinstance.h"

#include "app/core/logging.h"

#include <QCryptographicHash>
#include <QDeadlineTimer>
#include <QDir>
#include <QLocalServer>
#include <QLocalSocket>
#include <QLockFile>
#include <QStandardPaths>
#include <QtEndian>

namespace fetchmedia {

namespace {

constexpr char kAck[] = "ACK\n";

QString lockPath(const QString &name)
{
    QString dir = QStandardPaths::writableLocation(QStandardPaths::RuntimeLocation);
    if (dir.isEmpty())
        dir = QDir::tempPath();
    return QDir(dir).filePath(name + QStringLiteral(".lock"));
}

} // namespace

QByteArray encodeArguments(const QStringList &arguments)
{
    const QByteArray payload = arguments.join(QChar(0)).toUtf8();
    QByteArray frame(4, '\0');
    qToBigEndian(quint32(payload.size()), frame.data());
    return frame + payload;
}

bool decodeArguments(const QByteArray &buffer, QStringList *arguments, qsizetype *consumed, bool *malformed)
{
    *malformed = false;
    if (buffer.size() < 4)
        return false;
    const quint32 length = qFromBigEndian<quint32>(buffer.constData());
    if (length > SingleInstance::kMaxMessageBytes) {
        *malformed = true;
        return false;
    }
    if (quint64(buffer.size()) < 4 + quint64(length))
        return false;
    const QString payload = QString::fromUtf8(buffer.mid(4, qsizetype(length)));
    *arguments = payload.isEmpty() ? QStringList() : payload.split(QChar(0));
    *consumed = 4 + qsizetype(length);
    return true;
}

SingleInstance::SingleInstance(QString serverName, QObject *parent)
    : QObject(parent), m_name(serverName.isEmpty() ? defaultServerName() : std::move(serverName))
{
}

SingleInstance::~SingleInstance() = default;

QString SingleInstance::defaultServerName()
{
    const QByteArray overrideName = qgetenv("FETCHMEDIA_INSTANCE_NAME");
    if (!overrideName.isEmpty())
        return QString::fromUtf8(overrideName);
    // Per user and per settings location, short enough for a Unix socket path.
    const QByteArray who = QDir::homePath().toUtf8() + '\0'
        + QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation).toUtf8();
    const QByteArray hash = QCryptographicHash::hash(who, QCryptographicHash::Sha256).toHex().left(16);
    return QStringLiteral("io.fetchmedia.Desktop-") + QString::fromLatin1(hash);
}

SingleInstance::Role SingleInstance::start(const QStringList &arguments, int timeoutMs)
{
    // The lock makes probe-then-listen one step: two launches 50 ms apart cannot both find
    // nobody and both listen. QLockFile treats the lock of a dead process as stale.
    QLockFile lock(lockPath(m_name));
    if (!lock.tryLock(timeoutMs + 2000))
        qCWarning(lcIntake) << "single-instance lock not taken:" << int(lock.error());
    switch (handOff(arguments, timeoutMs)) {
    case HandOff::Acknowledged:
        m_role = Role::Secondary;
        return m_role;
    case HandOff::NoAnswer:
        // Someone holds the socket but does not answer: never remove a live instance's socket.
        m_role = Role::Standalone;
        return m_role;
    case HandOff::NobodyListening:
        break;
    }
    m_role = listen() ? Role::Primary : Role::Standalone;
    return m_role;
}

SingleInstance::HandOff SingleInstance::handOff(const QStringList &arguments, int timeoutMs)
{
    QLocalSocket socket;
    socket.connectToServer(m_name);
    const QDeadlineTimer deadline(timeoutMs);
    if (!socket.waitForConnected(int(std::min<qint64>(deadline.remainingTime(), 1000)))) {
        const bool refused = socket.error() == QLocalSocket::ServerNotFoundError
            || socket.error() == QLocalSocket::ConnectionRefusedError;
        qCInfo(lcIntake) << "no running instance answered:" << socket.errorString();
        return refused ? HandOff::NobodyListening : HandOff::NoAnswer;
    }
    socket.write(encodeArguments(arguments));
    socket.flush();
    QByteArray answer;
    while (!answer.contains('\n') && socket.waitForReadyRead(int(std::max<qint64>(deadline.remainingTime(), 0))))
        answer += socket.readAll();
    if (answer.startsWith(kAck)) {
        qCInfo(lcIntake) << "arguments handed to the running instance";
        return HandOff::Acknowledged;
    }
    qCWarning(lcIntake) << "the running instance did not acknowledge; starting on our own";
    return HandOff::NoAnswer;
}

bool SingleInstance::listen()
{
    m_server = std::make_unique<QLocalServer>();
    m_server->setSocketOptions(QLocalServer::UserAccessOption);
    connect(m_server.get(), &QLocalServer::newConnection, this, &SingleInstance::onNewConnection);
    if (m_server->listen(m_name))
        return true;
    if (m_server->serverError() == QAbstractSocket::AddressInUseError) {
        // The probe found nobody answering under the lock: the socket is a crash's leftover.
        QLocalServer::removeServer(m_name);
        if (m_server->listen(m_name)) {
            qCInfo(lcIntake) << "removed a stale instance socket";
            return true;
        }
    }
    m_error = m_server->errorString();
    qCWarning(lcIntake) << "single-instance server not started:" << m_error;
    m_server.reset();
    return false;
}

void SingleInstance::onNewConnection()
{
    while (QLocalSocket *socket = m_server->nextPendingConnection()) {
        connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
        connect(socket, &QLocalSocket::readyRead, this, [this, socket] { readClient(socket); });
        readClient(socket);
    }
}

void SingleInstance::readClient(QLocalSocket *socket)
{
    QByteArray buffer = socket->property("fetchmedia_buffer").toByteArray() + socket->readAll();
    QStringList arguments;
    qsizetype consumed = 0;
    bool malformed = false;
    if (!decodeArguments(buffer, &arguments, &consumed, &malformed)) {
        if (malformed) {
            qCWarning(lcIntake) << "malformed hand-off message dropped";
            socket->abort();
            return;
        }
        socket->setProperty("fetchmedia_buffer", buffer);
        return;
    }
    socket->setProperty("fetchmedia_buffer", QByteArray());
    Q_EMIT argumentsReceived(arguments);
    socket->write(kAck); // only after the links are taken
    socket->disconnectFromServer();
}

} // namespace fetchmedia
