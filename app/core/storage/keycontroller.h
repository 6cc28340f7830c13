#pragma once

#include "app/core/storage/apikeyinput.h"
#include "app/core/storage/secretstore.h"

#include <QObject>
#include <QString>
#include <QTimer>
#include <QUrl>

#include <functional>

class QNetworkAccessManager;

namespace fetchmedia {

class ApiClient;
class JobQueue;
struct ApiError;

// The key's life, without widgets: where it comes from (FETCHMEDIA_API_KEY, then the
// keychain entry of the API host), what the keychain said, and whether the service accepts it.
// The queue runs only while a key is in use and has not been refused.
class KeyController final : public QObject
{
    Q_OBJECT
public:
    enum class KeyState {
        Waiting, // asking the keychain
        Missing, // no key known: onboarding
        Ready,   // a key is in use
        Refused, // the service said invalid_token: the queue waits for a new key
    };
    enum class KeychainState {
        Unknown,     // not asked (environment key, sandbox)
        Waiting,     // a job is running
        Slow,        // no answer after the patience time; the job is left running
        Available,   // answered: entry read, written, deleted or not found
        Locked,      // access denied or unlock cancelled: nothing was read or written
        Unavailable, // no Secret Service / Credential Manager / Keychain reachable
        Failed,      // anything else
    };
    enum class Operation { Read, Write, Delete };
    enum class ConnectionResult { Connected, KeyRefused, Unreachable, Failed };

    KeyController(SecretStorage *storage, ApiClient *api, JobQueue *queue,
                  QNetworkAccessManager *network, QObject *parent = nullptr);

    // At start on Linux a keyring daemon may still be starting: one delayed retry.
    void setStartRetryDelay(int ms) { m_startRetryDelayMs = ms; }
    // After this long without an answer the UI stops waiting (the job keeps running).
    void setKeychainPatience(int ms) { m_patience.setInterval(ms); }

    void start();         // FETCHMEDIA_API_KEY, else the keychain entry of the API host
    void retryKeychain(); // after "Keychain locked — Retry": repeats what failed
    // Validates, writes to the keychain, then uses it. Refused text never reaches the keychain.
    ApiKeyInput saveKey(const QString &pasted);
    ApiKeyInput useForSession(const QString &pasted); // kept in memory until quit
    void removeKey();
    void useSandboxKey(const QString &key); // the emulator's public key; keychain left alone

    // One cheap authenticated call with pasted (or, when empty, the key in use) against base.
    void testConnection(const QUrl &base, const QString &pasted, QObject *context,
                        std::function<void(ConnectionResult, const QString &detail)> done);

    KeyState keyState() const { return m_keyState; }
    KeychainState keychainState() const { return m_keychainState; }
    Operation lastOperation() const { return m_lastOperation; }
    QString keychainMessage() const { return m_keychainMessage; } // the keychain's own words
    QString refusalMessage() const { return m_refusal; }
    KeySource source() const { return m_source; }
    bool isSandbox() const { return m_sandbox; }
    bool keyEditable() const { return !m_sandbox && m_source != KeySource::Environment; }
    QString maskedKey() const { return ApiKeyInput::masked(m_key); }
    bool hasKey() const { return !m_key.isEmpty(); }
    QString apiHost() const;
    QUrl apiBaseUrl() const; // the one in use this run (settings, environment or --api-base)

Q_SIGNALS:
    void changed();
    // The result of saveKey() or removeKey(), for the pane that asked.
    void saveFinished(bool storedInKeychain);
    void removeFinished(bool removed);

private:
    void readFromKeychain(bool startRetryAllowed);
    void onRead(const SecretResult &result, bool startRetryAllowed);
    void setKeychainAnswer(Operation operation, const SecretResult &result);
    void use(const QString &key, KeySource source);
    void forget(KeyState state);
    void onAuthenticationFailed(const ApiError &error);
    void applyQueueState();

    SecretStorage *m_storage;
    ApiClient *m_api;
    JobQueue *m_queue;
    QNetworkAccessManager *m_network;
    QTimer m_patience;
    QString m_key;
    QString m_refusal;
    QString m_keychainMessage;
    KeySource m_source = KeySource::None;
    KeyState m_keyState = KeyState::Waiting;
    KeychainState m_keychainState = KeychainState::Unknown;
    Operation m_lastOperation = Operation::Read;
    quint64 m_generation = 0; // answers of superseded keychain calls are ignored
    int m_startRetryDelayMs = -1;
    bool m_sandbox = false;
};

} // namespace fetchmedia
