#include "app/core/storage/secretstore.h"

#include "app/core/logging.h"
#include "fetchmedia_version.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QHash>
#include <QMutex>
#include <QPointer>
#include <QThread>

#include <qt6keychain/keychain.h>

#include <atomic>

namespace fetchmedia {

namespace {

SecretStatus statusOf(QKeychain::Error error)
{
    switch (error) {
    case QKeychain::NoError: return SecretStatus::Ok;
    case QKeychain::EntryNotFound: return SecretStatus::NotFound;
    case QKeychain::AccessDenied:
    case QKeychain::AccessDeniedByUser: return SecretStatus::Locked;
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented: return SecretStatus::NoBackend;
    // Without a D-Bus session QtKeychain reports OtherError ("Cannot autolaunch D-Bus"):
    // for the person that is the same as having no keychain.
    case QKeychain::OtherError: return SecretStatus::NoBackend;
    case QKeychain::CouldNotDeleteEntry: return SecretStatus::Error;
    }
    return SecretStatus::Error;
}

const char *operationName(int operation)
{
    switch (operation) {
    case 0: return "read";
    case 1: return "write";
    default: return "delete";
    }
}

} // namespace

struct SecretStore::Shared {
    QMutex mutex;
    SecretStore *store = nullptr; // null once the store is being destroyed
    std::atomic<int> pending{0};
};

// Lives on the keychain thread; every QtKeychain job is created, run and deleted there.
class SecretStore::Worker final : public QObject
{
public:
    static void start(const std::shared_ptr<Shared> &shared, int operation, quint64 id,
                      const QString &service, const QString &entry, const QString &key);

    void run(const std::shared_ptr<Shared> &shared, int operation, quint64 id,
             const QString &service, const QString &entry, const QString &key)
    {
        QKeychain::Job *job = nullptr;
        if (operation == 0) {
            job = new QKeychain::ReadPasswordJob(service, this);
        } else if (operation == 1) {
            auto *write = new QKeychain::WritePasswordJob(service, this);
            write->setTextData(key);
            job = write;
        } else {
            job = new QKeychain::DeletePasswordJob(service, this);
        }
        // The job deletes itself after finished(); nothing here ever deletes a running job.
        job->setAutoDelete(true);
        job->setKey(entry);
        ++shared->pending;
        ++m_running;
        connect(job, &QKeychain::Job::finished, this, [this, shared, id, operation](QKeychain::Job *done) {
            --shared->pending;
            --m_running;
            SecretResult result;
            result.status = statusOf(done->error());
            result.message = done->errorString();
            if (result.status == SecretStatus::Ok && operation == 0)
                result.key = static_cast<QKeychain::ReadPasswordJob *>(done)->textData();
            qCInfo(lcStorage) << "keychain" << operationName(operation) << done->key() << "status"
                              << int(result.status);
            deliver(shared, id, result);
        });
        job->start();
    }

    // Posts a result to the store's thread, unless the store is gone.
    static void deliver(const std::shared_ptr<Shared> &shared, quint64 id, const SecretResult &result)
    {
        QMutexLocker lock(&shared->mutex);
        if (!shared->store)
            return;
        SecretStore *store = shared->store;
        QMetaObject::invokeMethod(store, [store, id, result] { store->finish(id, result); },
                                  Qt::QueuedConnection);
    }

    std::atomic<int> m_running{0};
};

namespace {

// One keychain thread for the whole process, alive until QCoreApplication goes: the Secret
// Service client libraries keep per-thread state, so every job runs on the same thread.
struct KeychainThread {
    QThread thread;
    SecretStore::Worker *worker = nullptr; // never deleted while a job may still run

    KeychainThread()
    {
        thread.setObjectName(QStringLiteral("keychain"));
        worker = new SecretStore::Worker;
        worker->moveToThread(&thread);
        thread.start();
    }
};

KeychainThread *g_keychain = nullptr;

void stopKeychainThread()
{
    if (!g_keychain)
        return;
    g_keychain->thread.quit();
    // A job that never answers leaves the thread idle in its event loop, so this is quick.
    const bool stopped = g_keychain->thread.wait(QDeadlineTimer(3000));
    if (stopped && g_keychain->worker->m_running == 0) {
        std::unique_ptr<SecretStore::Worker>(g_keychain->worker).reset();
        std::unique_ptr<KeychainThread>(g_keychain).reset();
    } else {
        // Deleting a job that has not finished is what crashes other clients: leave the
        // worker (and a thread still blocked) alone; nothing touches them again.
        qCInfo(lcStorage) << "keychain: leaving unfinished jobs behind at shutdown";
    }
    g_keychain = nullptr;
}

SecretStore::Worker *keychainWorker()
{
    if (!g_keychain) {
        g_keychain = new KeychainThread;
        qAddPostRoutine(stopKeychainThread);
    }
    return g_keychain->worker;
}

} // namespace

void SecretStore::Worker::start(const std::shared_ptr<Shared> &shared, int operation, quint64 id,
                                const QString &service, const QString &entry, const QString &key)
{
    Worker *worker = keychainWorker();
    QMetaObject::invokeMethod(
        worker, [worker, shared, operation, id, service, entry, key] {
            worker->run(shared, operation, id, service, entry, key);
        },
        Qt::QueuedConnection);
}

SecretStore::SecretStore(QObject *parent) : QObject(parent), m_shared(std::make_shared<Shared>())
{
    m_shared->store = this;
}

SecretStore::~SecretStore()
{
    // Jobs still running are left to finish on the keychain thread; their results are dropped.
    QMutexLocker lock(&m_shared->mutex);
    m_shared->store = nullptr;
}

QString SecretStore::serviceName()
{
    return QStringLiteral(FETCHMEDIA_APP_ID);
}

QString SecretStore::entryName(const QString &apiHost)
{
    return QStringLiteral("api-key@") + apiHost.toLower();
}

QString SecretStore::environmentKey()
{
    return qEnvironmentVariable("FETCHMEDIA_API_KEY").trimmed();
}

QString SecretStore::unreachableReason()
{
#if defined(Q_OS_LINUX)
    if (!qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS") || qEnvironmentVariableIsEmpty("DISPLAY"))
        return QString();
    const QString runtimeDir = qEnvironmentVariable("XDG_RUNTIME_DIR");
    if (!runtimeDir.isEmpty() && QFileInfo::exists(runtimeDir + QStringLiteral("/bus")))
        return QString();
    return tr("there is no D-Bus session bus (DBUS_SESSION_BUS_ADDRESS is not set)");
#else
    return QString();
#endif
}

int SecretStore::pendingJobs() const
{
    return m_shared->pending;
}

void SecretStore::readKey(const QString &apiHost, QObject *context, SecretDone done)
{
    startJob(Operation::Read, apiHost, QString(), context, std::move(done));
}

void SecretStore::writeKey(const QString &apiHost, const QString &key, QObject *context,
                           SecretDone done)
{
    startJob(Operation::Write, apiHost, key, context, std::move(done));
}

void SecretStore::deleteKey(const QString &apiHost, QObject *context, SecretDone done)
{
    startJob(Operation::Delete, apiHost, QString(), context, std::move(done));
}

void SecretStore::startJob(Operation operation, const QString &apiHost, const QString &key,
                           QObject *context, SecretDone done)
{
    const quint64 id = ++m_nextId;
    m_waiting.insert(id, Waiting{QPointer<QObject>(context), std::move(done)});
    const QString unreachable = unreachableReason();
    if (!unreachable.isEmpty()) {
        SecretResult result;
        result.status = SecretStatus::NoBackend;
        result.message = unreachable;
        qCInfo(lcStorage) << "keychain not asked:" << unreachable;
        Worker::deliver(m_shared, id, result); // still asynchronous, like a real answer
        return;
    }
    Worker::start(m_shared, int(operation), id, serviceName(), entryName(apiHost), key);
}

void SecretStore::finish(quint64 id, const SecretResult &result)
{
    const auto it = m_waiting.find(id);
    if (it == m_waiting.end())
        return;
    Waiting waiting = std::move(it.value());
    m_waiting.erase(it);
    if (waiting.context && waiting.done)
        waiting.done(result);
}

} // namespace fetchmedia
