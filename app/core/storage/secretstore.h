#pragma once

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QString>

#include <functional>
#include <memory>

namespace fetchmedia {

// Where a key came from, for the settings pane and `key status`.
enum class KeySource { None, Environment, Keychain, SessionOnly };

enum class SecretStatus {
    Ok,
    NotFound,      // no entry for this host
    Locked,        // access denied, unlock cancelled: the entry is untouched
    NoBackend,     // no keychain service reachable
    Error,         // anything else the keychain reported
};

struct SecretResult {
    SecretStatus status = SecretStatus::Error;
    QString key;     // only on a successful read
    QString message; // the keychain's own words, for the banner
};

using SecretDone = std::function<void(const SecretResult &)>;

// What the key controller needs from a keychain; tests substitute a scripted one. Every call
// answers later, on the caller's thread, and never once context is gone.
class SecretStorage
{
public:
    virtual ~SecretStorage() = default;
    virtual void readKey(const QString &apiHost, QObject *context, SecretDone done) = 0;
    virtual void writeKey(const QString &apiHost, const QString &key, QObject *context,
                          SecretDone done) = 0;
    virtual void deleteKey(const QString &apiHost, QObject *context, SecretDone done) = 0;
};

// The API key in the OS keychain through QtKeychain: service io.fetchmedia.Desktop, one entry
// per API host. The jobs run on one keychain thread for the process, so a keychain that blocks
// (a D-Bus autolaunch, an unlock prompt, a daemon that never answers) cannot freeze the
// caller's thread; results come back by queued calls. No plaintext fallback of any kind.
class SecretStore final : public QObject, public SecretStorage
{
    Q_OBJECT
public:
    explicit SecretStore(QObject *parent = nullptr);
    // Never deletes a running job: it finishes on the keychain thread, its result dropped.
    ~SecretStore() override;

    static QString serviceName();           // "io.fetchmedia.Desktop"
    static QString entryName(const QString &apiHost);

    // FETCHMEDIA_API_KEY, when set and not empty, wins over the keychain.
    static QString environmentKey();

    // Why no keychain can be reached without even asking, or empty. On Linux with no session
    // bus but with DISPLAY set, D-Bus would try an X11 autolaunch that takes seconds.
    static QString unreachableReason();

    void readKey(const QString &apiHost, QObject *context, SecretDone done) override;
    void writeKey(const QString &apiHost, const QString &key, QObject *context,
                  SecretDone done) override;
    void deleteKey(const QString &apiHost, QObject *context, SecretDone done) override;

    // The same, answering in this store's context.
    void readKey(const QString &apiHost, SecretDone done) { readKey(apiHost, this, std::move(done)); }
    void writeKey(const QString &apiHost, const QString &key, SecretDone done)
    {
        writeKey(apiHost, key, this, std::move(done));
    }
    void deleteKey(const QString &apiHost, SecretDone done) { deleteKey(apiHost, this, std::move(done)); }

    int pendingJobs() const;

    struct Shared;  // what the worker thread and this object share, behind a mutex
    class Worker;   // owns the QtKeychain jobs, lives on the keychain thread

private:
    enum class Operation { Read, Write, Delete };
    struct Waiting {
        QPointer<QObject> context;
        SecretDone done;
    };
    void startJob(Operation operation, const QString &apiHost, const QString &key,
                  QObject *context, SecretDone done);
    void finish(quint64 id, const SecretResult &result);

    QHash<quint64, Waiting> m_waiting;
    quint64 m_nextId = 0;
    std::shared_ptr<Shared> m_shared;
};

} // namespace fetchmedia
