#pragma once

#include <QObject>
#include <QString>

#include <functional>

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

// The API key in the OS keychain through QtKeychain: service io.fetchmedia.Desktop, one entry
// per API host. Every call is asynchronous; there is no plaintext fallback of any kind.
class SecretStore final : public QObject
{
    Q_OBJECT
public:
    explicit SecretStore(QObject *parent = nullptr);

    static QString serviceName();           // "io.fetchmedia.Desktop"
    static QString entryName(const QString &apiHost);

    // FETCHMEDIA_API_KEY, when set and not empty, wins over the keychain.
    static QString environmentKey();

    void readKey(const QString &apiHost, std::function<void(const SecretResult &)> done);
    void writeKey(const QString &apiHost, const QString &key,
                  std::function<void(const SecretResult &)> done);
    void deleteKey(const QString &apiHost, std::function<void(const SecretResult &)> done);
};

} // namespace fetchmedia
